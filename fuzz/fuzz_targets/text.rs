//! Fuzz the text reader and the recognizer: any bytes, as plain text or as Markdown, must
//! read into a document or fail with a diagnostic — never panic — and whatever is
//! recognized must validate without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (name, bytes) = match data.split_first() {
        Some((0, rest)) => ("fuzz.md", rest),
        Some((_, rest)) => ("fuzz.txt", rest),
        None => return,
    };
    if let Ok(doc) = nianbao::input::text::read(bytes, name) {
        let r = nianbao::input::recognize::recognize(&doc, name, "text");
        if let Some(report) = r.report {
            let _ = nianbao::check::validate(&report, None, name);
        }
    }
});
