//! Fuzz the PDF reader and the recognizer: any bytes must read into a document or fail with
//! a diagnostic — never panic, hang or exhaust memory — and whatever is recognized must
//! validate without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = nianbao::input::pdf::read(data, "fuzz.pdf") {
        let r = nianbao::input::recognize::recognize(&doc, "fuzz.pdf", "pdf");
        if let Some(report) = r.report {
            let _ = nianbao::check::validate(&report, None, "fuzz.pdf");
        }
    }
});
