//! Reading PDFs and text into documents (`input::pdf`, `input::text`): nianbao's own PDFs,
//! PDFs LibreOffice exported from Word-like documents (TrueType fonts, one of them not
//! embedded), `pdftotext -layout` text, text copied from portals and PDF viewers, Markdown,
//! and broken, encrypted and scanned files. Cell texts and grid positions are checked exactly.

use std::path::{Path, PathBuf};
use std::process::Command;

use nianbao::input::document::{Align, Block, Cell, Document, Paragraph, Table};
use nianbao::model::Paragraph as Para;
use nianbao::{Artifact, OutputFormat, Report, form};

use crate::common::{renderer, root, sample, samples};

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/import-pdf").join(name)
}

fn township() -> Report {
    nianbao::input::load(&fixture("xiaohe-township.json")).expect("fixture loads").report
}

fn render_pdf(report: &Report) -> Vec<u8> {
    let out = renderer().render(report, OutputFormat::Pdf);
    match out.artifact {
        Some(Artifact::Pdf(bytes)) => bytes,
        _ => panic!("no PDF: {:#?}", out.diagnostics),
    }
}

fn read_pdf(bytes: &[u8]) -> Document {
    nianbao::input::pdf::read(bytes, "test.pdf").unwrap_or_else(|d| panic!("{d:#?}"))
}

fn paragraphs(doc: &Document) -> Vec<&Paragraph> {
    doc.blocks
        .iter()
        .filter_map(|b| if let Block::Paragraph(p) = b { Some(p) } else { None })
        .collect()
}

fn tables(doc: &Document) -> Vec<&Table> {
    doc.blocks.iter().filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).collect()
}

fn cell(t: &Table, row: usize, col: usize) -> Option<&Cell> {
    t.cells.iter().find(|c| c.row == row && c.col == col)
}

/// Chinese numerals for subheading numbers (the form's reports stay below 十一).
fn numeral(n: usize) -> String {
    ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][n - 1].to_string()
}

fn numbered(heading: &str) -> bool {
    heading.starts_with('（') || heading.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// The paragraphs a narrative renders to: run-in headings inside their paragraph, own-line
/// headings as paragraphs of their own, numbered （一） then 1.
fn narrative(items: &[Para], level: usize, out: &mut Vec<String>) {
    let mut n = 0;
    for item in items {
        let number = |n: usize, h: &str| {
            if numbered(h) {
                String::new()
            } else if level == 0 {
                format!("（{}）", numeral(n))
            } else {
                format!("{n}.")
            }
        };
        match item {
            Para::Text(t) => out.push(t.clone()),
            Para::RunIn { heading, text } => {
                n += 1;
                out.push(format!("{}{heading}{text}", number(n, heading)));
            }
            Para::Section { heading, paragraphs } => {
                n += 1;
                out.push(format!("{}{heading}", number(n, heading)));
                narrative(paragraphs, level + 1, out);
            }
        }
    }
}

/// Every paragraph of a report in reading order: title, preface, headings, narrative,
/// signature and date.
fn expected_paragraphs(r: &Report) -> Vec<String> {
    let mut out = vec![r.title()];
    narrative(&r.preface, 0, &mut out);
    out.push(form::SECTIONS[0].into());
    narrative(&r.overview, 0, &mut out);
    out.extend(form::SECTIONS[1..4].iter().map(|s| s.to_string()));
    out.push(form::SECTIONS[4].into());
    narrative(&r.problems, 0, &mut out);
    out.push(form::SECTIONS[5].into());
    narrative(&r.other_matters, 0, &mut out);
    if let Some(s) = &r.signature {
        out.push(s.organization.clone());
        out.push(s.date.chinese());
    }
    out
}

/// The paragraphs of a document, with the tables' places marked, so the order of
/// headings and tables is checked too.
fn texts(doc: &Document) -> Vec<String> {
    paragraphs(doc).iter().map(|p| p.text.clone()).collect()
}

/// Where each table-三 row label sits: (part, row) over the parts of table 三.
fn t3_parts(doc: &Document) -> Vec<&Table> {
    tables(doc)
        .into_iter()
        .filter(|t| t.cells.iter().any(|c| form::T3_ROWS.iter().any(|r| r.label == c.text)))
        .collect()
}

/// Check every table-三 row: its label in its own cell, and its 7 numbers in grid columns
/// `first..first + 7` of the same row.
fn check_table_three(doc: &Document, r: &Report, first: usize) {
    let parts = t3_parts(doc);
    assert!(!parts.is_empty(), "no table 三");
    let rows = r.requests.rows();
    for (i, row) in form::T3_ROWS.iter().enumerate() {
        let hits: Vec<(&Table, &Cell)> = parts
            .iter()
            .flat_map(|t| t.cells.iter().map(move |c| (*t, c)))
            .filter(|(_, c)| c.text == row.label)
            .collect();
        assert_eq!(hits.len(), 1, "row label {:?} found {} times", row.label, hits.len());
        let (t, c) = hits[0];
        assert_eq!(c.rowspan, 1, "{}", row.label);
        assert_eq!(
            c.col + c.colspan,
            first,
            "label {:?} ends at the first number column",
            row.label
        );
        let got: Vec<String> = (first..first + 7)
            .map(|k| cell(t, c.row, k).map_or("∅".into(), |c| c.text.clone()))
            .collect();
        let want: Vec<String> = rows[i].iter().map(|n| n.to_string()).collect();
        assert_eq!(got, want, "numbers of {:?}", row.label);
        assert_eq!(t.cols, first + 7);
    }
}

/// Check table 四's header and its 15 numbers (on the row below its header).
fn check_table_four(doc: &Document, r: &Report) {
    let t = tables(doc).into_iter().rfind(|t| t.cols == 15).expect("a 15-column table 四");
    let a = &r.appeals;
    let want: Vec<String> = [&a.review, &a.litigation, &a.litigation_after_review]
        .iter()
        .flat_map(|g| g.cells())
        .map(|n| n.to_string())
        .collect();
    let row = t.rows - 1;
    let got: Vec<String> =
        (0..15).map(|k| cell(t, row, k).map_or("∅".into(), |c| c.text.clone())).collect();
    assert_eq!(got, want);
}

/// Check table 二's values by their row labels.
fn check_table_two(doc: &Document, r: &Report) {
    let p = &r.proactive;
    let find = |label: &str| -> Vec<String> {
        for t in tables(doc) {
            if let Some(c) = t.cells.iter().find(|c| c.text == label) {
                return t
                    .cells
                    .iter()
                    .filter(|x| x.row == c.row && x.col > c.col)
                    .map(|x| x.text.clone())
                    .collect();
            }
        }
        panic!("table 二 row {label} not found");
    };
    let stock = |s: &nianbao::model::Stock| {
        vec![s.issued.0.to_string(), s.repealed.0.to_string(), s.in_force.0.to_string()]
    };
    assert_eq!(find(form::t2::RULES), stock(&p.rules));
    assert_eq!(find(form::t2::NORMATIVE), stock(&p.normative_documents));
    assert_eq!(find(form::t2::LICENSING), [p.licensing.0.to_string()]);
    assert_eq!(find(form::t2::PUNISHMENT), [p.punishment.0.to_string()]);
    assert_eq!(find(form::t2::ENFORCEMENT), [p.enforcement.0.to_string()]);
    assert_eq!(find(form::t2::FEES), std::slice::from_ref(&p.fees.0));
}

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
    assert_eq!(run_in.lead.as_deref(), Some("（一）主动公开"), "the 楷体 run-in heading");
    let own_line = ps.iter().find(|p| p.text == "（六）深化重点领域信息公开").unwrap();
    assert_eq!(own_line.lead, None);
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

// ---- Text --------------------------------------------------------------------------------

fn pdftotext(pdf: &Path) -> Vec<u8> {
    let out = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is needed for these tests: run scripts/test");
    assert!(out.status.success());
    out.stdout
}

fn read_text(bytes: &[u8], name: &str) -> Document {
    nianbao::input::text::read(bytes, name).unwrap_or_else(|d| panic!("{name}: {d:#?}"))
}

/// Half-width brackets as full-width, spaces out: how labels compare across sources.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            _ => c,
        })
        .collect()
}

/// Table 三 in text: each row's own label is the rightmost label cell before the numbers,
/// and its 7 numbers fill the last 7 columns.
fn check_text_table_three(doc: &Document, r: &Report) {
    let rows = r.requests.rows();
    for (i, row) in form::T3_ROWS.iter().enumerate() {
        let hit = tables(doc).into_iter().find_map(|t| {
            t.cells.iter().find(|c| norm(&c.text) == norm(row.label)).map(|c| (t, c))
        });
        let (t, c) = hit.unwrap_or_else(|| panic!("row {:?} not found", row.label));
        let first = t.cols - 7;
        assert_eq!(c.col + c.colspan, first, "{:?} is the row's own label", row.label);
        let got: Vec<String> = (first..t.cols)
            .map(|k| cell(t, c.row, k).map_or("∅".into(), |c| c.text.clone()))
            .collect();
        let want: Vec<String> = rows[i].iter().map(|n| n.to_string()).collect();
        assert_eq!(got, want, "numbers of {:?}", row.label);
    }
}

#[test]
fn pdftotext_layout_of_libreoffice_pdf() {
    let report = sample("county-department.json");
    let doc = read_text(&pdftotext(&fixture("county-libreoffice.pdf")), "county.txt");
    assert_eq!(texts(&doc), expected_paragraphs(&report));
    check_text_table_three(&doc, &report);
    // Form feeds are pages.
    let pages: Vec<u32> = paragraphs(&doc).iter().filter_map(|p| p.origin.page).collect();
    assert_eq!((pages[0], *pages.last().unwrap()), (1, 5));
}

#[test]
fn pdftotext_layout_of_own_pdf() {
    let report = sample("long-narrative.json");
    let dir = crate::common::tempdir("pdftotext-own");
    let pdf = dir.join("county.pdf");
    std::fs::write(&pdf, render_pdf(&report)).unwrap();
    let doc = read_text(&pdftotext(&pdf), "county.txt");
    check_text_table_three(&doc, &report);
    let texts = texts(&doc);
    for heading in form::SECTIONS {
        assert_eq!(texts.iter().filter(|t| **t == heading).count(), 1, "{heading} in {texts:#?}");
    }
    let mut want = Vec::new();
    narrative(&report.problems, 0, &mut want);
    narrative(&report.other_matters, 0, &mut want);
    for w in want {
        assert!(texts.contains(&w), "{w} in {texts:#?}");
    }
}

#[test]
fn text_copied_from_a_portal_in_any_encoding() {
    let report = township();
    let utf8 = std::fs::read(fixture("xiaohe-copy.txt")).unwrap();
    let text = String::from_utf8(utf8.clone()).unwrap();
    let gbk = encoding_rs::GBK.encode(&text).0.into_owned();
    let bom8 = [b"\xEF\xBB\xBF".as_slice(), &utf8].concat();
    let utf16: Vec<u8> = [0xFFu8, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    let crlf = text.replace('\n', "\r\n").into_bytes();
    for (what, bytes) in
        [("utf-8", utf8), ("gbk", gbk), ("utf-8 bom", bom8), ("utf-16", utf16), ("crlf", crlf)]
    {
        let doc = read_text(&bytes, "copy.txt");
        assert_eq!(texts(&doc), expected_paragraphs(&report), "{what}");
        check_text_table_three(&doc, &report);
        check_table_four(&doc, &report);
        check_table_two(&doc, &report);
    }
}

#[test]
fn text_with_one_cell_per_line() {
    let report = township();
    let doc = read_text(&std::fs::read(fixture("xiaohe-cells.txt")).unwrap(), "cells.txt");
    assert_eq!(texts(&doc), expected_paragraphs(&report));
    check_text_table_three(&doc, &report);
}

#[test]
fn rows_copied_as_label_and_numbers_on_one_line() {
    let report = township();
    let rows = report.requests.rows();
    let mut text = String::from("三、收到和处理政府信息公开申请情况\n");
    for (i, row) in form::T3_ROWS.iter().enumerate() {
        let nums: Vec<String> = rows[i].iter().map(|n| n.to_string()).collect();
        text.push_str(&format!("{} {}\n", row.label, nums.join(" ")));
    }
    text.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
    let doc = read_text(text.as_bytes(), "rows.txt");
    check_text_table_three(&doc, &report);
    assert_eq!(texts(&doc), [form::SECTIONS[2], form::SECTIONS[3]]);
}

#[test]
fn markdown_reads_headings_runs_in_and_tables() {
    let report = township();
    let doc = read_text(&std::fs::read(fixture("xiaohe.md")).unwrap(), "xiaohe.md");
    assert_eq!(texts(&doc), expected_paragraphs(&report));
    let ps = paragraphs(&doc);
    assert_eq!(ps[0].heading, Some(1));
    let run_in = ps.iter().find(|p| p.text.starts_with("（二）")).unwrap();
    assert_eq!(run_in.lead.as_deref(), Some("（二）依申请公开方面。"));
    check_text_table_three(&doc, &report);
    check_table_four(&doc, &report);
}

#[test]
fn text_page_furniture_is_dropped() {
    // As `pdftotext -layout` gives a three-page report: a running header on every page after
    // the first, page numbers in two styles, a paragraph going on over a page break.
    let text = "  一、总体情况
  今年以来，我镇围绕乡村振兴、惠民资金发放、人居环境整治等群众关心的事
项，通过县政府门户网站小河镇专栏、镇村公开栏和“小河发布”微信公众号主
动公开政府信息 412 条，其中财政预决算信息 6 条，惠民资金发放信息 58 条，
公开率 100%。
  全年新收政府信息公开申请 17 件，其中自然人申请 12 件，法人或其他组织申

                              — 1 —
\x0C小河镇人民政府 2023 年政府信息公开工作年度报告
请 5 件，上年结转 2 件。已办结 18 件，结转下年度继续办理 1 件，均在法定
期限内答复，未收取信息处理费。
  严格执行公开前保密审查和“三审三校”制度，对拟公开信息逐条审核；全年
制发行政规范性文件 2 件，废止 1 件，现行有效 5 件。

                              — 2 —
\x0C小河镇人民政府 2023 年政府信息公开工作年度报告
  更新完善镇政府信息公开指南和目录，在 12 个行政村便民服务站设置政务公开
栏和查阅点，实现线上线下同步公开。
                              第 3 页
";
    let doc = read_text(text.as_bytes(), "paged.txt");
    assert_eq!(
        texts(&doc),
        [
            "一、总体情况",
            "今年以来，我镇围绕乡村振兴、惠民资金发放、人居环境整治等群众关心的事项，通过县政府门户网站小河镇专栏、镇村公开栏和“小河发布”微信公众号主动公开政府信息412条，其中财政预决算信息6条，惠民资金发放信息58条，公开率100%。",
            "全年新收政府信息公开申请17件，其中自然人申请12件，法人或其他组织申请5件，上年结转2件。已办结18件，结转下年度继续办理1件，均在法定期限内答复，未收取信息处理费。",
            "严格执行公开前保密审查和“三审三校”制度，对拟公开信息逐条审核；全年制发行政规范性文件2件，废止1件，现行有效5件。",
            "更新完善镇政府信息公开指南和目录，在12个行政村便民服务站设置政务公开栏和查阅点，实现线上线下同步公开。",
        ]
    );
    let pages: Vec<Option<u32>> = paragraphs(&doc).iter().map(|p| p.origin.page).collect();
    assert_eq!(pages, [Some(1), Some(1), Some(1), Some(2), Some(3)]);
}

#[test]
fn bad_text_fails_with_a_clear_error() {
    let err = nianbao::input::text::read(b"\x00\x01\x02\x03binary\x00", "x.txt").unwrap_err();
    assert_eq!(err[0].code, "text-encoding");
    assert!(err[0].message.contains("不是文本文件"), "{}", err[0]);
    let err = nianbao::input::text::read(b"\xff\xff\xff\x80\x80", "x.txt").unwrap_err();
    assert!(err[0].message.contains("无法识别文本编码"), "{}", err[0]);
    let err = nianbao::input::text::read(b"   \n\n", "x.txt").unwrap_err();
    assert_eq!(err[0].code, "text-empty");
}
