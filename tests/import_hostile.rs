//! Office files are untrusted: zip bombs, archives with too many entries, files that are
//! not what their name says, truncated or malformed parts, pages nested or sized to exhaust
//! a reader. Each gets a clear error naming the file — never a panic, never a runaway.

use std::io::Write;

use nianbao::input::{docx, html};

use crate::common::*;
use crate::import::fixture;

/// A package with these entries (deflated).
fn package(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn docx_error(bytes: &[u8]) -> String {
    match docx::read(bytes, "hostile.docx") {
        Ok(doc) => panic!("read a hostile file: {} blocks", doc.blocks.len()),
        Err(d) => {
            assert_eq!(d[0].location.file.as_deref(), Some("hostile.docx"));
            d[0].message.clone()
        }
    }
}

#[test]
fn a_zip_bomb_stops_at_the_decompressed_cap() {
    // 200 MB of one word compresses to a few hundred KB.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(b"<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>").unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..200 {
        zip.write_all(&chunk).unwrap();
    }
    zip.write_all(b"</w:t></w:r></w:p></w:body></w:document>").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 2 << 20, "the bomb is small: {}", bytes.len());
    let msg = docx_error(&bytes);
    assert!(msg.contains("解压后超过") && msg.contains("压缩炸弹"), "{msg}");
}

#[test]
fn too_many_entries_are_refused_before_the_archive_is_opened() {
    let names: Vec<String> = (0..6000).map(|i| format!("word/media/image{i}.png")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let msg = docx_error(&package(&entries));
    assert!(msg.contains("6000") && msg.contains("5000"), "{msg}");
}

#[test]
fn files_that_are_not_a_docx_get_a_clear_error() {
    assert!(docx_error(b"hello, not a zip").contains("不是 zip 压缩包"));
    let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n";
    assert!(docx_error(pdf).contains("不是有效的 .docx"));
    let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    cfb.resize(4096, 0);
    assert!(docx_error(&cfb).contains("另存为"), "an old .doc or an encrypted .docx");
    let only_types = package(&[("[Content_Types].xml", b"<Types/>")]);
    assert!(docx_error(&only_types).contains("没有 word/document.xml"));
    let real = std::fs::read(fixture("word-county.docx")).unwrap();
    for cut in [10, 100, real.len() / 2, real.len() - 30] {
        let msg = docx_error(&real[..cut]);
        assert!(msg.contains("不是有效的 .docx") || msg.contains("无法"), "cut at {cut}: {msg}");
    }
}

#[test]
fn malformed_and_deeply_nested_xml_is_an_error() {
    let broken = package(&[("word/document.xml", b"<w:document><w:body><w:p></w:body>")]);
    assert!(docx_error(&broken).contains("XML 格式错误"));
    let deep = format!(
        "<w:document><w:body>{}{}</w:body></w:document>",
        "<w:sdt><w:sdtContent>".repeat(200),
        "</w:sdtContent></w:sdt>".repeat(200)
    );
    let msg = docx_error(&package(&[("word/document.xml", deep.as_bytes())]));
    assert!(msg.contains("嵌套"), "{msg}");
    let no_body = package(&[("word/document.xml", b"<w:document/>")]);
    assert!(docx_error(&no_body).contains("w:body"));
    // A huge grid span and a continuation with nothing above it read without a panic.
    let odd = "<w:document><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"99999999\"/>\
               </w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr>\
               <w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>";
    let doc = docx::read(&package(&[("word/document.xml", odd.as_bytes())]), "odd.docx").unwrap();
    let r = nianbao::input::recognize::recognize(&doc, "odd.docx", "docx");
    assert!(!r.complete && r.findings.iter().any(|d| d.code == "import-year"));
}

fn html_error(bytes: &[u8]) -> String {
    match html::read(bytes, "hostile.html") {
        Ok(doc) => panic!("read a hostile page: {} blocks", doc.blocks.len()),
        Err(d) => d[0].message.clone(),
    }
}

#[test]
fn hostile_pages_get_a_clear_error_or_read_within_bounds() {
    let deep = "<div>".repeat(100_000);
    assert!(html_error(deep.as_bytes()).contains("嵌套超过"));
    let huge = vec![b'a'; html::MAX_FILE_BYTES + 1];
    assert!(html_error(&huge).contains("网页过大"));
    assert!(html_error(b"<p>a\0b</p>").contains("不是网页文件"));
    // Spans far beyond any real table are capped; the page still reads.
    let spans = "<table><tr><td rowspan=65534 colspan=1000>x</td><td>y</td></tr>\
                 <tr><td colspan=0>z</td></tr></table>";
    let doc = html::read(spans.as_bytes(), "spans.html").unwrap();
    let nianbao::input::document::Block::Table(t) = &doc.blocks[0] else { panic!("a table") };
    assert!(t.cols <= 256 && t.rows == 2, "{} × {}", t.rows, t.cols);
    // Arbitrary bytes decode as something and never panic.
    let noise: Vec<u8> =
        (0..200_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 | 1).collect();
    let _ = html::read(&noise, "noise.html");
    // Ten thousand small tables and paragraphs read in bounds.
    let many = "<table><tr><td>1</td><td>2</td></tr></table><p>段落</p>".repeat(10_000);
    let doc = html::read(many.as_bytes(), "many.html").unwrap();
    assert_eq!(doc.blocks.len(), 20_000);
    let r = nianbao::input::recognize::recognize(&doc, "many.html", "html");
    assert!(!r.complete);
}

#[test]
fn the_loader_names_the_file_for_unreadable_office_files() {
    let dir = tempdir("import-hostile-load");
    let path = dir.join("报告.docx");
    std::fs::write(&path, b"not a zip").unwrap();
    let errors = nianbao::input::load(&path).unwrap_err();
    assert_eq!(errors[0].code, "import-read");
    assert!(errors[0].to_string().contains("报告.docx"), "{}", errors[0]);
    let doc = dir.join("old.doc");
    std::fs::write(&doc, b"\xD0\xCF\x11\xE0").unwrap();
    assert!(nianbao::input::load(&doc).unwrap_err()[0].message.contains(".docx"));
    let pdf = dir.join("a.pdf");
    std::fs::write(&pdf, b"%PDF-1.7").unwrap();
    let errors = nianbao::input::load(&pdf).unwrap_err();
    assert!(errors[0].code.starts_with("pdf-"), "{errors:#?}");
    assert!(errors[0].to_string().contains("a.pdf"), "{}", errors[0]);
}

/// A cheap fuzzer that runs with the tests: the fixtures with bytes cut, repeated and
/// replaced (the document.xml of a docx, a page's HTML) never make a reader or the
/// recognizer panic. (`fuzz/` has the real fuzz targets.)
#[test]
fn mutated_fixtures_never_panic() {
    use std::io::Read;
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    let docx_bytes = std::fs::read(fixture("word-county.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx_bytes)).unwrap();
    let mut xml = Vec::new();
    zip.by_name("word/document.xml").unwrap().read_to_end(&mut xml).unwrap();
    let page = std::fs::read(fixture("portal-long.html")).unwrap();
    let pieces: [&[u8]; 8] =
        [b"<", b">", b"</w:tc>", b"<w:vMerge/>", b"</tr>", b"<td rowspan=9>", b"\xE5", b"&#0;"];
    for _ in 0..60 {
        for (source, is_docx) in [(&xml, true), (&page, false)] {
            let mut m = source.to_vec();
            for _ in 0..1 + next(4) {
                let at = next(m.len());
                let len = next(400).min(m.len() - at);
                match next(3) {
                    0 => {
                        m.drain(at..at + len);
                    }
                    1 => {
                        let copy = m[at..at + len].to_vec();
                        m.splice(at..at, copy);
                    }
                    _ => {
                        let piece = pieces[next(pieces.len())];
                        m.splice(at..at, piece.iter().copied());
                    }
                }
            }
            let result = if is_docx {
                nianbao::input::docx::read(&package(&[("word/document.xml", &m)]), "m.docx")
            } else {
                nianbao::input::html::read(&m, "m.html")
            };
            if let Ok(doc) = result {
                let r = nianbao::input::recognize::recognize(&doc, "m", "docx");
                if let Some(report) = &r.report {
                    let _ = nianbao::check::validate(report, None, "m");
                }
            }
        }
    }
}
