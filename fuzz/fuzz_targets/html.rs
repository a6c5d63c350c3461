//! Fuzz the web-page reader and the recognizer: any bytes (any encoding, any nesting) must
//! read or fail with a diagnostic — never panic — and whatever is recognized must validate
//! without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = nianbao::input::html::read(data, "fuzz.html") {
        let r = nianbao::input::recognize::recognize(&doc, "fuzz.html", "html");
        if let Some(report) = r.report {
            let _ = nianbao::check::validate(&report, None, "fuzz.html");
        }
    }
});
