//! Fuzz the publishing outputs: for any text, HTML escaping must read back as exactly that
//! text (no tag, attribute or entity of its own), and a report whose every text field is
//! that text must give a Word document whose every part is well-formed XML holding the text
//! (less the control characters that are removed with a warning), so no user text can
//! become markup in HTML or XML.
#![no_main]

use std::io::Read;

use libfuzzer_sys::fuzz_target;
use nianbao::render::template::{FontRole, FontRoles, OfficeFonts, Style, View, html_text};

fuzz_target!(|text: &str| {
    // HTML: only `<br>` (for a line break) may be markup; everything else reads back.
    let html = html_text(text).replace("<br>", "\n");
    assert!(!html.contains(['<', '>', '"', '\'']), "unescaped: {html:?}");
    let back = quick_xml::escape::unescape(&html).expect("valid references");
    assert_eq!(back, text.replace('\r', ""));

    // DOCX: every text field of a report holds the text.
    let report = serde_json::json!({
        "organization": text, "year": 2024, "title": text,
        "preface": [text], "overview": [{"heading": text, "text": text}],
        "proactive": {}, "requests": {}, "appeals": {},
        "problems": [{"heading": text, "paragraphs": [text]}], "other_matters": [text],
        "signature": {"organization": text, "date": "2025-01-20"}
    });
    let Ok(report) = serde_json::from_value::<nianbao::Report>(report) else { return };
    let (clean, _) = nianbao::output::sanitize::clean(&report);
    let role = || FontRole { families: vec!["Noto Serif CJK SC".into()], weight: 400, fake_bold: false };
    let roles = FontRoles { title: role(), body: role(), hei: role(), kai: role(), song: role() };
    let office = OfficeFonts::default();
    let style = Style::default();
    let view = View::new(&clean, &roles, &office, &style, &Default::default(), None);
    let date = typst::foundations::Datetime::from_ymd(2025, 1, 20).unwrap();
    let Ok(nianbao::Artifact::Docx(bytes)) = nianbao::output::docx::write(&view, date) else {
        panic!("no docx")
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let kept: String = text.chars().filter(|c| !nianbao::output::sanitize::is_unwritable(*c)).collect();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut part = String::new();
        file.read_to_string(&mut part).unwrap();
        let mut reader = quick_xml::Reader::from_str(&part);
        let mut texts = String::new();
        loop {
            match reader.read_event().expect("well-formed XML") {
                quick_xml::events::Event::Eof => break,
                quick_xml::events::Event::Text(t) => texts.push_str(&t.xml10_content()),
                quick_xml::events::Event::GeneralRef(r) => {
                    let r = format!("&{};", r.into_inner());
                    texts.push_str(&quick_xml::escape::unescape(&r).expect("known entity"));
                }
                _ => {}
            }
        }
        if name == "word/document.xml" {
            // word/document.xml: the text is there, piece by piece between breaks and tabs.
            for piece in kept.split(['\r', '\n', '\t']).filter(|p| !p.is_empty()) {
                assert!(texts.contains(piece), "{piece:?} missing from the document");
            }
        }
    }
});
