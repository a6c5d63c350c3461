//! Fuzz the PDF reader: any bytes must read into a document or fail with a diagnostic —
//! never panic, hang or exhaust memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = nianbao::input::pdf::read(data, "fuzz.pdf");
});
