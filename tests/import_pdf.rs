//! Reading PDFs into documents (`input::pdf`): nianbao's own PDFs, LibreOffice exports of
//! Word-like documents (TrueType fonts, one not embedded), a portal page printed by
//! Chromium (CID TrueType), and broken, encrypted and scanned files. Cell texts and grid
//! positions are checked exactly.

use nianbao::form;
use nianbao::input::document::{Align, Document, Table};

use crate::common::{sample, samples};
use crate::import_expect::*;

#[test]
fn own_pdfs_read_back_paragraph_for_paragraph() {
    for path in samples() {
        let report = sample(path.file_name().unwrap().to_str().unwrap());
        let doc = read_pdf(&render_pdf(&report));
        assert_eq!(texts(&doc), expected_paragraphs(&report), "{}", path.display());
        let ps = paragraphs(&doc);
        assert_eq!(ps[0].align, Align::Center, "title of {}", path.display());
        if report.signature.is_some() {
            let n = ps.len();
            assert_eq!((ps[n - 2].align, ps[n - 1].align), (Align::End, Align::End));
        }
        for p in &ps {
            assert!(p.origin.page.is_some(), "paragraph without a page: {p:?}");
        }
    }
}

#[test]
fn own_pdfs_keep_run_in_headings_in_their_paragraph() {
    let report = sample("long-narrative.json");
    let doc = read_pdf(&render_pdf(&report));
    let ps = paragraphs(&doc);
    let run_in = ps.iter().find(|p| p.text.starts_with("（一）主动公开")).unwrap();
    assert_eq!(run_in.lead, "（一）主动公开".chars().count(), "the 楷体 run-in heading");
    let own_line = ps.iter().find(|p| p.text == "（六）深化重点领域信息公开").unwrap();
    assert_eq!(own_line.lead, 0);
}

#[test]
fn own_pdfs_tables_have_every_number_in_its_grid_column() {
    for path in samples() {
        let report = sample(path.file_name().unwrap().to_str().unwrap());
        let doc = read_pdf(&render_pdf(&report));
        check_table_three(&doc, &report, 3);
        check_table_four(&doc, &report);
        check_table_two(&doc, &report);
        for t in tables(&doc) {
            for c in &t.cells {
                let o = &c.origin;
                assert!(o.page.is_some() && o.table.is_some(), "{c:?}");
                assert_eq!((o.row, o.column), (Some(c.row as u32 + 1), Some(c.col as u32 + 1)));
            }
        }
    }
}

#[test]
fn own_pdf_table_three_across_pages() {
    let report = sample("long-narrative.json");
    let doc = read_pdf(&render_pdf(&report));
    let parts = t3_parts(&doc);
    assert_eq!(parts.len(), 2, "table 三 breaks once");
    let (a, b) = (parts[0], parts[1]);
    assert_eq!(b.origin.page, a.origin.page.map(|p| p + 1));
    assert_eq!(a.origin.table, b.origin.table, "one table, two parts");
    assert_eq!((a.cols, b.cols), (10, 10), "both parts on the same 10 grid columns");
    // The header rows repeat on the next page, as the PDF shows them.
    for t in [a, b] {
        assert_eq!(
            cell(t, 0, 0).map(|c| (c.rowspan, c.colspan, c.text.as_str())),
            Some((3, 3, form::T3_NOTE))
        );
        assert_eq!(
            cell(t, 0, 3).map(|c| (c.colspan, c.text.as_str())),
            Some((7, form::T3_APPLICANTS))
        );
        assert_eq!(
            cell(t, 1, 4).map(|c| (c.colspan, c.text.as_str())),
            Some((5, form::T3_ORGANIZATIONS))
        );
    }
    let group = b.cells.iter().find(|c| c.text == form::T3_RESULTS).expect("三、本年度办理结果");
    assert_eq!((group.col, group.rowspan), (0, 22));
    let withheld = b.cells.iter().find(|c| c.text == form::T3_WITHHELD).unwrap();
    assert_eq!((withheld.col, withheld.rowspan), (1, 8));
}

#[test]
fn own_pdf_page_numbers_are_dropped() {
    let doc = read_pdf(&render_pdf(&sample("long-narrative.json")));
    for p in paragraphs(&doc) {
        assert!(!p.text.contains('—'), "page furniture left in: {:?}", p.text);
    }
}

// ---- LibreOffice PDFs --------------------------------------------------------------------

fn read_fixture(name: &str) -> Document {
    let bytes = std::fs::read(fixture(name)).unwrap();
    nianbao::input::pdf::read(&bytes, name).unwrap_or_else(|d| panic!("{name}: {d:#?}"))
}

#[test]
fn libreoffice_pdf_reads_like_the_office_wrote_it() {
    let bytes = std::fs::read(fixture("county-libreoffice.pdf")).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/Producer") && raw.contains("/FontFile2"), "TrueType fonts embedded");
    let report = sample("county-department.json");
    let doc = read_fixture("county-libreoffice.pdf");
    assert_eq!(texts(&doc), expected_paragraphs(&report));
    let ps = paragraphs(&doc);
    assert_eq!(ps[0].align, Align::Center);
    assert_eq!(ps.last().unwrap().align, Align::End);
    check_table_three(&doc, &report, 3);
    check_table_four(&doc, &report);
    check_table_two(&doc, &report);
}

#[test]
fn libreoffice_table_three_across_pages_reads_whole_rows() {
    let doc = read_fixture("county-libreoffice.pdf");
    let parts = t3_parts(&doc);
    assert_eq!(parts.len(), 2);
    let (a, b) = (parts[0], parts[1]);
    assert_eq!(b.origin.page, a.origin.page.map(|p| p + 1));
    // The break falls inside the 22-row group; its label goes on over the page.
    let group =
        |t: &Table| t.cells.iter().find(|c| c.text == form::T3_RESULTS).map(|c| (c.row, c.rowspan));
    let (ga, gb) = (group(a).expect("group above"), group(b).expect("group carried over"));
    assert_eq!(ga.0 + ga.1, a.rows, "the group reaches the bottom of the first part");
    assert_eq!(gb.0, 3, "and starts right below the repeated header rows");
    // The row the page broke is whole in the first part, and gone from the second.
    let split = form::T3_ROWS[21].label;
    assert!(a.cells.iter().any(|c| c.text == split), "{split} joined above the break");
    assert!(b.cells.iter().all(|c| !c.text.starts_with("不再处理")));
    let sub =
        b.cells.iter().find(|c| c.text == form::T3_OTHER_HANDLING).expect("（六） carried over");
    assert_eq!(sub.row, 3);
}

#[test]
fn simsun_not_embedded_reads_through_tounicode() {
    let bytes = std::fs::read(fixture("township-simsun-not-embedded.pdf")).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/BaseFont/SimSun") || raw.contains("/BaseFont /SimSun"), "SimSun named");
    let report = township();
    let doc = read_fixture("township-simsun-not-embedded.pdf");
    assert_eq!(texts(&doc), expected_paragraphs(&report));
    check_table_three(&doc, &report, 3);
    check_table_four(&doc, &report);
    check_table_two(&doc, &report);
    // Table 四's header row broke over the page: the header stays whole above the break.
    let four: Vec<&Table> = tables(&doc).into_iter().filter(|t| t.cols == 15).collect();
    assert_eq!(four.len(), 2);
    let heads: Vec<&str> = (5..15).map(|k| cell(four[0], 2, k).unwrap().text.as_str()).collect();
    assert_eq!(heads, ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].repeat(2));
    assert_eq!(four[1].rows, 1, "only the numbers go on the next page");
}

#[test]
fn browser_print_with_cid_truetype_and_running_headers() {
    let bytes = std::fs::read(fixture("township-chromium.pdf")).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/CIDFontType2") && raw.contains("/Identity-H"), "CID TrueType fonts");
    let report = township();
    let doc = read_fixture("township-chromium.pdf");
    // The browser's header (date, title) and footer (address, "2/4") are gone.
    assert_eq!(texts(&doc), expected_paragraphs(&report));
    check_table_three(&doc, &report, 3);
    check_table_four(&doc, &report);
    check_table_two(&doc, &report);
    let parts = t3_parts(&doc);
    assert_eq!(parts.len(), 2, "table 三 breaks across pages 2 and 3");
    let group = cell(parts[1], 0, 0).expect("the group cell goes on at the top of page 3");
    assert_eq!(group.text, form::T3_RESULTS);
}

#[test]
fn permissions_only_encryption_reads() {
    let doc = read_fixture("encrypted-permissions-only.pdf");
    let texts = texts(&doc);
    assert_eq!(texts[0], "一、总体情况");
    assert!(texts[1].starts_with("（一）主动公开方面。今年以来"), "{texts:?}");
}

// ---- Bad PDFs ----------------------------------------------------------------------------

fn read_err(bytes: &[u8]) -> nianbao::Diagnostic {
    let err = nianbao::input::pdf::read(bytes, "bad.pdf").expect_err("must fail");
    assert_eq!(err.len(), 1);
    let d = err.into_iter().next().unwrap();
    assert!(d.is_error());
    assert_eq!(d.location.file.as_deref(), Some("bad.pdf"));
    d
}

#[test]
fn bad_pdfs_fail_with_a_clear_error() {
    let d = read_err(&std::fs::read(fixture("encrypted-open-password.pdf")).unwrap());
    assert_eq!(d.code, "pdf-encrypted");
    assert!(d.message.contains("加密"), "{d}");

    let d = read_err(&std::fs::read(fixture("scanned.pdf")).unwrap());
    assert_eq!(d.code, "pdf-no-text");
    assert!(d.message.contains("扫描件，没有文字层"), "{d}");

    let d = read_err(b"PK\x03\x04 this is a zip, not a PDF");
    assert_eq!(d.code, "pdf-invalid");
    assert!(d.message.contains("不是 PDF"), "{d}");

    let d = read_err(b"%PDF-1.7\n\xde\xad\xbe\xef garbage, no objects at all\n%%EOF");
    assert_eq!(d.code, "pdf-invalid");

    let empty = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF";
    let d = read_err(empty);
    assert_eq!(d.code, "pdf-invalid");
    assert!(d.message.contains("没有任何页面"), "{d}");
}

#[test]
fn truncated_pdfs_never_panic() {
    let bytes = std::fs::read(fixture("county-libreoffice.pdf")).unwrap();
    for cut in [100, bytes.len() / 10, bytes.len() / 3, bytes.len() / 2, bytes.len() - 200] {
        match nianbao::input::pdf::read(&bytes[..cut], "cut.pdf") {
            // Repairing may recover the pages before the cut: what it reads must be real.
            Ok(doc) => assert!(texts(&doc).iter().all(|t| !t.contains('\u{FFFD}'))),
            Err(d) => assert!(d[0].is_error() && !d[0].message.is_empty()),
        }
    }
}

#[test]
fn a_stream_bomb_is_refused() {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..80 {
        z.write_all(&zeros).unwrap();
    }
    let stream = z.finish().unwrap();
    let mut pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/Contents 4 0 R>>endobj\n".to_vec();
    write!(pdf, "4 0 obj<</Length {}/Filter/FlateDecode>>\nstream\n", stream.len()).unwrap();
    pdf.extend_from_slice(&stream);
    pdf.extend_from_slice(b"\nendstream\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF");
    assert!(pdf.len() < 200_000);
    let d = read_err(&pdf);
    assert_eq!(d.code, "pdf-limit");
}

#[test]
fn mutated_pdfs_never_panic() {
    // Flip, drop and duplicate bytes of real PDFs (a fixed xorshift stream, so runs repeat):
    // every result is a document or a diagnostic. The fuzz target goes further.
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for name in ["county-libreoffice.pdf", "township-chromium.pdf"] {
        let original = std::fs::read(fixture(name)).unwrap();
        for _ in 0..60 {
            let mut bytes = original.clone();
            for _ in 0..1 + next() % 8 {
                let at = (next() as usize) % bytes.len();
                match next() % 3 {
                    0 => bytes[at] = next() as u8,
                    1 => drop(bytes.drain(at..(at + (next() % 64) as usize).min(bytes.len()))),
                    _ => {
                        let chunk: Vec<u8> = bytes[at..(at + 32).min(bytes.len())].to_vec();
                        bytes.splice(at..at, chunk);
                    }
                }
            }
            if let Err(d) = nianbao::input::pdf::read(&bytes, name) {
                assert!(!d.is_empty() && d[0].is_error());
            }
        }
    }
}
