//! Fuzz the spreadsheet reader: any bytes, whatever they claim to be (xlsx, xls, ods), must
//! read as a workbook or fail with a diagnostic — never panic, never allocate without bound
//! — and validation of whatever reads must not panic either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::input::sheet::{Workbook, read};

fuzz_target!(|data: &[u8]| {
    match read(data, "fuzz.xlsx") {
        Ok(Workbook::FillIn(report)) => {
            let _ = nianbao::check::validate(&report, None, "fuzz");
        }
        Ok(Workbook::County(rows)) => {
            for row in rows {
                if let Ok(report) = row.report {
                    let _ = nianbao::check::validate(&report, None, "fuzz");
                }
            }
        }
        Err(_) => {}
    }
});
