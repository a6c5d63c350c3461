//! Fuzz the .docx reader and the recognizer: any bytes, as a whole package or as the
//! document.xml of an otherwise valid package, must read or fail with a diagnostic — never
//! panic — and whatever is recognized must validate without panicking.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

fn package(document: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document).unwrap();
    zip.finish().unwrap().into_inner()
}

fuzz_target!(|data: &[u8]| {
    let bytes = match data.split_first() {
        Some((0, rest)) => rest.to_vec(),
        Some((_, rest)) => package(rest),
        None => return,
    };
    if let Ok(doc) = nianbao::input::docx::read(&bytes, "fuzz.docx") {
        let r = nianbao::input::recognize::recognize(&doc, "fuzz.docx", "docx");
        if let Some(report) = r.report {
            let _ = nianbao::check::validate(&report, None, "fuzz.docx");
        }
    }
});
