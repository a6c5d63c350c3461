//! Fuzz the narrative readers: any text in any section must check without a panic (number
//! reading, sentence scope, stale years, section 五), and a text narrative file (cut at the
//! six headings) must give a report that validates.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::model::Paragraph;

fuzz_target!(|text: &str| {
    let _ = nianbao::check::numbers::mentions(text);
    let minimal = r#"{"organization":"某乡人民政府","year":2024,"overview":[],"proactive":{},"requests":{},"appeals":{},"problems":[],"other_matters":[]}"#;
    let mut report = nianbao::input::load_bytes(minimal.as_bytes(), std::path::Path::new("f.json"), "fuzz")
        .expect("a minimal report")
        .report;
    report.title = Some(text.chars().take(200).collect());
    report.overview = vec![Paragraph::Text(text.to_string())];
    report.problems = vec![Paragraph::Text(text.to_string())];
    let _ = nianbao::check::validate(&report, Some(&report.clone()), "fuzz");
    let narrative = nianbao::aggregate::parse_text(text);
    if let Some(overview) = narrative.overview {
        report.overview = overview;
    }
    let _ = nianbao::check::validate(&report, None, "fuzz");
});
