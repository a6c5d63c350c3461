//! Fuzz the text reader: any bytes, as plain text or as Markdown, must read into a document
//! or fail with a diagnostic — never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (name, bytes) = match data.split_first() {
        Some((0, rest)) => ("fuzz.md", rest),
        Some((_, rest)) => ("fuzz.txt", rest),
        None => return,
    };
    let _ = nianbao::input::text::read(bytes, name);
});
