//! Fuzz the data loader: any bytes, as JSON, YAML or TOML, must load or fail with a
//! diagnostic — never panic, and validation of whatever loads must not panic either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::input::data::{Format, parse_bytes};

fuzz_target!(|data: &[u8]| {
    let (format, bytes) = match data.split_first() {
        Some((0, rest)) => (Format::Json, rest),
        Some((1, rest)) => (Format::Yaml, rest),
        Some((_, rest)) => (Format::Toml, rest),
        None => return,
    };
    if let Ok(report) = parse_bytes(bytes, format, "fuzz") {
        let _ = nianbao::check::validate(&report, None, "fuzz");
        let _ = nianbao::render::template::title_lines(&report.title());
    }
});
