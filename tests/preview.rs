//! Live preview end to end, in a real headless Chromium driven by playwright-core: the
//! pages display (painted, glyphs resolved) and look like the PDF; template changes, errors
//! and fixes reach the open page; a data edit patches only the pieces that changed; the
//! download link gives the PDF. Over plain HTTP: the Host check, the port fallback, Ctrl-C.

use std::io::Write;
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::*;
use crate::preview_client::{Browser, get, request, start_preview};

fn url(port: u16) -> String {
    format!("http://127.0.0.1:{port}/")
}

/// Save as editors do: a temp file renamed over the file (no half-written state to see).
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("saving");
    write(&tmp, text);
    std::fs::rename(&tmp, path).unwrap();
}

/// Every page is shown as an inline SVG of real size whose glyph references all resolve.
fn assert_pages_display(state: &Value, pages: usize) {
    let shown = state["pages"].as_array().unwrap();
    assert_eq!(shown.len(), pages, "{state}");
    for (i, p) in shown.iter().enumerate() {
        assert_eq!(p["kind"], "svg", "page {}: {p}", i + 1);
        assert!(p["width"].as_f64().unwrap() > 500.0, "page {} has no size: {p}", i + 1);
        assert!(p["height"].as_f64().unwrap() > 700.0, "page {} has no size: {p}", i + 1);
        assert!(p["uses"].as_u64().unwrap() > 20, "page {} draws no glyphs: {p}", i + 1);
        assert_eq!(p["missing"], 0, "page {}: glyph references that resolve to nothing", i + 1);
    }
    assert!(state["errors"].as_array().unwrap().is_empty(), "script errors: {state}");
}

#[test]
fn headless_chromium_follows_template_changes_and_errors() {
    let dir = tempdir("preview-e2e");
    let tpl = TemplateCopy::export(dir.join("tpl"));
    let data = dir.join("seed.json");
    std::fs::copy(root().join("samples/seed.json"), &data).unwrap();
    let (_preview, port, _log) =
        start_preview(&[data.to_str().unwrap(), "--templates", tpl.arg(), "--port", "0"]);
    let mut browser = Browser::launch(&root());
    browser.call(json!({ "cmd": "open", "url": url(port) }));
    let state =
        browser.call(json!({ "cmd": "waitText", "text": "一、总体情况", "overlay": false }));
    assert_pages_display(&state, 5);
    assert!(state["glyphs"].as_u64().unwrap() > 300, "the shared glyph outlines: {state}");

    // A template change appears in the page by itself.
    tpl.insert_before_title("#para[预览测试甲]");
    browser.call(json!({ "cmd": "waitText", "text": "预览测试甲", "overlay": false }));

    // A broken template shows the error overlay and keeps the last good pages.
    tpl.insert_before_title("#para[预览测试乙");
    let state = browser.call(json!({ "cmd": "waitText", "text": "预览测试甲", "overlay": true }));
    assert!(state["overlay"].as_str().unwrap().contains("report.typ"), "{state}");
    assert_pages_display(&state, state["pages"].as_array().unwrap().len());

    // Fixing it clears the overlay.
    tpl.insert_before_title("#para[预览测试丙]");
    let state = browser.call(json!({ "cmd": "waitText", "text": "预览测试丙", "overlay": false }));
    assert_pages_display(&state, state["pages"].as_array().unwrap().len());
}

/// Render `data` to PDF with the CLI (bundled fonts only, like the preview in these tests).
fn pdf_of(data: &Path, out: &Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["render", data.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .arg("--ignore-system-fonts")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn pdftoppm(pdf: &Path, page: usize, width: u32, out: &Path) {
    let n = page.to_string();
    let status = Command::new("pdftoppm")
        .args(["-png", "-singlefile", "-f", &n, "-l", &n, "-scale-to-x", &width.to_string()])
        .args(["-scale-to-y", "-1"])
        .arg(pdf)
        .arg(out.with_extension(""))
        .status()
        .expect("pdftoppm (poppler-utils) is not installed: run scripts/test, which installs it");
    assert!(status.success());
}

#[test]
fn preview_pages_look_like_the_pdf() {
    let dir = tempdir("preview-looks");
    let data = dir.join("county.json");
    std::fs::copy(root().join("samples/county-department.json"), &data).unwrap();
    let pdf = dir.join("county.pdf");
    pdf_of(&data, &pdf);
    let (_preview, port, _) = start_preview(&[data.to_str().unwrap(), "--port", "0"]);
    let mut browser = Browser::launch(&root());
    browser.call(json!({ "cmd": "open", "url": url(port) }));
    let state = browser.call(json!({ "cmd": "state" }));
    let pages = state["pages"].as_array().unwrap().len();
    assert_pages_display(&state, pages);
    for i in 0..pages {
        assert_page_matches_pdf(&mut browser, i, &pdf, &dir);
    }
    // The comparison tells pages apart: page 1 of the preview is not page 2 of the PDF.
    let (shot, print) = (dir.join("preview-1.png"), dir.join("pdf-2.png"));
    let c = browser.call(json!({ "cmd": "compare", "a": shot, "b": print, "width": 900 }));
    assert!(c["rows"].as_f64().unwrap() < 0.9, "the comparison cannot tell pages apart: {c}");
}

/// Screenshot page `i` of the open preview and compare it with the same page of `pdf`;
/// asserts they match (same ink at the same places, only anti-aliasing differs).
fn assert_page_matches_pdf(browser: &mut Browser, i: usize, pdf: &Path, dir: &Path) {
    let shot = dir.join(format!("preview-{}.png", i + 1));
    let size = browser.call(json!({ "cmd": "screenshot", "page": i, "path": shot }));
    let width = size["width"].as_f64().unwrap().round() as u32;
    let print = dir.join(format!("pdf-{}.png", i + 1));
    pdftoppm(pdf, i + 1, width, &print);
    let c = browser.call(json!({ "cmd": "compare", "a": shot, "b": print, "width": width }));
    let number = |k: &str| c[k].as_f64().unwrap();
    let (diff, ink_a, ink_b) = (number("diff"), number("inkA"), number("inkB"));
    assert!(ink_a > 0.001, "page {} of the preview is blank: {c}", i + 1);
    assert!((ink_a - ink_b).abs() < 0.1 * ink_b, "page {}: ink differs: {c}", i + 1);
    assert!(diff < 0.04, "page {} differs from the PDF: {c}", i + 1);
    assert!(number("rows") > 0.95 && number("columns") > 0.95, "page {}: {c}", i + 1);
}

#[test]
fn clipped_rotated_coloured_and_image_content_displays_as_in_the_pdf() {
    let dir = tempdir("preview-special");
    let tpl = TemplateCopy::export(dir.join("tpl"));
    // A picture (drawn by typst's own SVG, as an image) at the end; clipping, rotation,
    // colour and a dashed rule (drawn by the preview's writer) on page 1.
    write(
        &tpl.dir.join("logo.svg"),
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="48"><rect width="120" height="48" fill="#c00"/><circle cx="24" cy="24" r="18" fill="#fff"/></svg>"##,
    );
    let entry = tpl.dir.join("report.typ.j2");
    let text = std::fs::read_to_string(&entry).unwrap().replace(
        "#title(",
        "#box(clip: true, width: 4em, height: 1.2em, stroke: 1pt)[裁剪测试裁剪测试裁剪测试]\n         #rotate(30deg)[#text(fill: rgb(\"#1a5fb4\"), size: 24pt)[旋转的字]]\n         #line(length: 60%, stroke: (paint: green, thickness: 2pt, dash: \"dashed\"))\n#title(",
    ) + "\n#image(\"logo.svg\", width: 6cm)\n";
    write(&entry, &text);
    let data = dir.join("seed.json");
    std::fs::copy(root().join("samples/seed.json"), &data).unwrap();
    let pdf = dir.join("seed.pdf");
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["render", data.to_str().unwrap(), "-o", pdf.to_str().unwrap()])
        .args(["--templates", tpl.arg(), "--ignore-system-fonts"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (_preview, port, _) =
        start_preview(&[data.to_str().unwrap(), "--templates", tpl.arg(), "--port", "0"]);
    let mut browser = Browser::launch(&root());
    browser.call(json!({ "cmd": "open", "url": url(port) }));
    let state = browser.call(json!({ "cmd": "waitText", "text": "旋转的字", "overlay": false }));
    let pages = state["pages"].as_array().unwrap();
    let last = pages.len() - 1;
    assert_eq!(pages[0]["kind"], "svg", "{}", pages[0]);
    assert_eq!(pages[0]["missing"], 0);
    // The page with the picture is an image: decoded, of real size.
    assert_eq!(pages[last]["kind"], "img", "{}", pages[last]);
    assert_eq!(pages[last]["decoded"], true, "{}", pages[last]);
    assert!(pages[last]["width"].as_f64().unwrap() > 500.0, "{}", pages[last]);
    assert_page_matches_pdf(&mut browser, 0, &pdf, &dir);
    assert_page_matches_pdf(&mut browser, last, &pdf, &dir);
}

#[test]
fn a_data_edit_patches_only_the_changed_pieces() {
    let dir = tempdir("preview-patch");
    let data = dir.join("county.json");
    std::fs::copy(root().join("samples/county-department.json"), &data).unwrap();
    let (_preview, port, _) = start_preview(&[data.to_str().unwrap(), "--port", "0"]);
    let mut browser = Browser::launch(&root());
    browser.call(json!({ "cmd": "open", "url": url(port) }));
    let before = browser.call(json!({ "cmd": "state" }));
    let pages = before["pages"].as_array().unwrap().len();
    for i in 0..pages {
        browser.call(json!({ "cmd": "markNodes", "page": i }));
    }
    // One count in table 二 (本年制发 of 规章).
    let mut v = sample_json("county-department.json");
    v["proactive"]["rules"]["issued"] = 987.into();
    save(&data, &serde_json::to_string_pretty(&v).unwrap());
    let painted = browser.call(json!({ "cmd": "waitPainted", "above": 1 }));
    assert_eq!(painted["changed"], 1, "one page changed: {painted}");
    let after = browser.call(json!({ "cmd": "waitText", "text": "987" }));
    assert_pages_display(&after, pages);
    let changed: Vec<usize> =
        (0..pages).filter(|&i| before["pages"][i]["hash"] != after["pages"][i]["hash"]).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    for i in 0..pages {
        let c = browser.call(json!({ "cmd": "countMarked", "page": i }));
        let (marked, nodes) = (c["marked"].as_u64().unwrap(), c["nodes"].as_u64().unwrap());
        if i == changed[0] {
            // The new number is a new piece; every other piece kept its node.
            assert!(nodes - marked >= 1 && nodes - marked <= 3, "page {}: {c}", i + 1);
        } else {
            assert_eq!(marked, nodes, "page {} was rebuilt: {c}", i + 1);
        }
    }
}

#[test]
fn an_update_sends_only_what_the_browser_lacks() {
    use nianbao::preview::update::Client;
    let dir = tempdir("preview-message");
    let data = dir.join("county.json");
    std::fs::copy(root().join("samples/county-department.json"), &data).unwrap();
    let mut session = nianbao::preview::Session::new(options(), data.clone()).unwrap();
    session.update(nianbao::preview::Change::Initial);
    let first = session.snapshot();
    let full: Value = serde_json::from_str(&first.message(&mut Client::default())).unwrap();
    let mut v = sample_json("county-department.json");
    v["proactive"]["rules"]["issued"] = 3.into();
    write(&data, &v.to_string());
    session.update(nianbao::preview::Change::Data);
    let message = session.snapshot().message(&mut Client::showing(&first));
    let m: Value = serde_json::from_str(&message).unwrap();
    // Glyphs the tab has are not sent again ("3" is drawn elsewhere in the report).
    assert_eq!(m["glyphsFrom"], first.glyphs.len());
    assert!(m["glyphs"].as_array().unwrap().is_empty(), "{}", m["glyphs"]);
    let sent: Vec<&Value> =
        m["pages"].as_array().unwrap().iter().filter(|p| p.get("keys").is_some()).collect();
    assert_eq!(sent.len(), 1, "one changed page");
    let chunks = sent[0]["chunks"].as_object().unwrap();
    assert!((1..=2).contains(&chunks.len()), "only the new pieces: {:?}", chunks.keys());
    assert!(
        message.len() * 20 < full.to_string().len(),
        "{} vs {}",
        message.len(),
        full.to_string().len()
    );
}

#[test]
fn the_page_downloads_the_report_as_pdf_html_and_docx() {
    let dir = tempdir("preview-download");
    let data = root().join("samples/seed.json");
    let (_preview, port, _) = start_preview(&[data.to_str().unwrap(), "--port", "0"]);
    let mut browser = Browser::launch(&root());
    browser.call(json!({ "cmd": "open", "url": url(port) }));
    let saved = dir.join("downloaded.pdf");
    let answer = browser.call(json!({ "cmd": "download", "name": "pdf", "path": saved }));
    assert_eq!(answer["file"], "蔡家堡乡2024年政府信息公开年度工作报告.pdf");
    assert!(std::fs::read(&saved).unwrap().starts_with(b"%PDF-"));
    let text = Command::new("pdftotext")
        .args(["-layout", saved.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is not installed: run scripts/test");
    assert!(String::from_utf8_lossy(&text.stdout).contains("一、总体情况"));
    // The portal page and the Word copy, each read back as the same report.
    for ext in ["html", "docx"] {
        let saved = dir.join(format!("downloaded.{ext}"));
        let answer = browser.call(json!({ "cmd": "download", "name": ext, "path": saved }));
        assert_eq!(answer["file"], format!("蔡家堡乡2024年政府信息公开年度工作报告.{ext}"));
        let imported = nianbao::input::import(&saved).unwrap_or_else(|d| panic!("{d:#?}"));
        let report = imported.report.expect("a report");
        let seed = nianbao::input::load(&data).unwrap().report;
        assert_eq!(report.organization, seed.organization, "{ext}");
        assert_eq!(report.proactive, seed.proactive, "{ext}: 表二");
        assert_eq!(report.requests.rows(), seed.requests.rows(), "{ext}: 表三");
    }
    let other = request(port, "/download/odt", &format!("127.0.0.1:{port}"));
    assert_eq!(other.status, 404);
    assert!(other.text().contains("pdf"), "{}", other.text());
}

#[test]
fn the_server_answers_only_its_own_host() {
    let data = root().join("samples/seed.json");
    let (_preview, port, _) = start_preview(&[data.to_str().unwrap(), "--port", "0"]);
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")]
    {
        let r = request(port, "/state", &host);
        assert_eq!(r.status, 200, "{host}");
        assert!(r.text().contains("\"pages\""));
    }
    // DNS rebinding: a page on another domain that resolves to 127.0.0.1.
    for host in
        [format!("evil.example:{port}"), format!("127.0.0.1:{}", port.wrapping_add(1)), "".into()]
    {
        for path in ["/", "/state", "/events", "/download/pdf"] {
            let r = request(port, path, &host);
            assert_eq!(r.status, 403, "{host} {path}");
            assert!(r.text().contains("DNS 重绑定"), "{}", r.text());
        }
    }
    // No test hooks in the product.
    assert_eq!(request(port, "/beacon", &format!("127.0.0.1:{port}")).status, 404);
    let page = request(port, "/", &format!("127.0.0.1:{port}"));
    assert!(page.header("content-security-policy").unwrap().contains("script-src 'self'"));
}

#[test]
fn a_second_preview_on_a_busy_port_takes_the_next_one() {
    let data = root().join("samples/seed.json");
    let (_a, port, _) = start_preview(&[data.to_str().unwrap(), "--port", "0"]);
    let port_str = port.to_string();
    let (_b, port2, log) = start_preview(&[data.to_str().unwrap(), "--port", &port_str]);
    assert_ne!(port, port2);
    assert!(log.iter().any(|l| l.contains(&format!("端口 {port} 已被占用"))), "{log:?}");
    // Both serve the pages; each page is also available as typst's SVG by its hash.
    let state: Value = serde_json::from_str(&get(port2, "/state")).unwrap();
    let hash = state["pages"][0]["hash"].as_str().unwrap();
    assert!(get(port2, &format!("/page/{hash}.svg")).starts_with("<svg"));
}

#[test]
fn only_changed_pages_are_exported_again() {
    let dir = tempdir("preview-diff");
    let data = dir.join("county.json");
    std::fs::copy(root().join("samples/county-department.json"), &data).unwrap();
    let mut session = nianbao::preview::Session::new(options(), data.clone()).unwrap();
    let first = session.update(nianbao::preview::Change::Initial);
    assert!(first.errors.is_empty(), "{:#?}", first.errors);
    assert_eq!(first.changed_pages, first.pages);
    // Nothing changed: no page is exported again.
    let same = session.update(nianbao::preview::Change::Data);
    assert_eq!(same.changed_pages, 0);
    // A change in table 四 (page 5 of 6) leaves the pages before it untouched.
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&data).unwrap()).unwrap();
    v["appeals"]["review"]["upheld"] = 4.into();
    v["appeals"]["review"]["total"] = 8.into();
    write(&data, &v.to_string());
    let changed = session.update(nianbao::preview::Change::Data);
    assert!(changed.errors.is_empty(), "{:#?}", changed.errors);
    assert!(changed.changed_pages >= 1 && changed.changed_pages < changed.pages, "{changed:?}");
    // Invalid data: an error, and the last good pages stay.
    write(&data, "{ broken");
    let broken = session.update(nianbao::preview::Change::Data);
    assert!(!broken.errors.is_empty());
    assert_eq!(broken.pages, changed.pages);
}

#[test]
fn ctrl_c_stops_the_preview_cleanly() {
    let data = root().join("samples/seed.json");
    let (mut preview, port, _) = start_preview(&[data.to_str().unwrap(), "--port", "0"]);
    // A browser tab stays connected to the event stream.
    let mut events = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(events, "GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    Command::new("kill").args(["-INT", &preview.0.id().to_string()]).status().unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = preview.0.try_wait().unwrap() {
            assert!(status.success(), "{status:?}");
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "preview did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn glyph_outlines_are_defined_once_for_all_pages_and_sizes() {
    use nianbao::preview::encode::{Glyphs, encode};
    use typst::layout::{Frame, FrameItem};
    let laid = renderer().layout(&sample("county-department.json"));
    let doc = laid.doc.expect("laid out");
    // What the pages draw: each (font, glyph) with an outline, whatever its size.
    fn walk(frame: &Frame, out: &mut std::collections::HashSet<u128>) {
        struct Sink;
        impl ttf_parser::OutlineBuilder for Sink {
            fn move_to(&mut self, _: f32, _: f32) {}
            fn line_to(&mut self, _: f32, _: f32) {}
            fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {}
            fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {}
            fn close(&mut self) {}
        }
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(g) => walk(&g.frame, out),
                FrameItem::Text(t) => {
                    for g in &t.glyphs {
                        if t.font
                            .ttf()
                            .outline_glyph(ttf_parser::GlyphId(g.id), &mut Sink)
                            .is_some()
                        {
                            out.insert(typst::utils::hash128(&(&t.font, g.id)));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut drawn = std::collections::HashSet::new();
    let mut glyphs = Glyphs::default();
    let (mut encoded, mut typst_svg) = (0, 0);
    for page in doc.pages() {
        walk(&page.frame, &mut drawn);
        let chunks = encode(page, &mut glyphs).expect("the preview's writer draws these pages");
        let keys: std::collections::HashSet<&str> = chunks.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys.len(), chunks.len(), "keys are unique within a page");
        for chunk in &chunks {
            for id in chunk.svg.split("href=\"#g").skip(1) {
                let id = usize::from_str_radix(id.split('"').next().unwrap(), 16).unwrap();
                assert!(id < glyphs.defs().len(), "a reference to an undefined glyph");
            }
        }
        encoded += chunks.iter().map(|c| c.svg.len()).sum::<usize>();
        typst_svg += typst_svg::svg(page, &Default::default()).len();
    }
    assert_eq!(glyphs.defs().len(), drawn.len(), "one definition per drawn glyph");
    let defs: usize = glyphs.defs().iter().map(|d| d.len()).sum();
    // Pages plus all outlines once are far smaller than typst's page-by-page SVG.
    assert!((encoded + defs) * 2 < typst_svg, "{encoded} + {defs} vs {typst_svg}");
}
