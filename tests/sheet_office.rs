//! Real spreadsheet programs: LibreOffice (headless, standing in for Excel and WPS, which
//! write standard .xlsx) opens what nianbao writes, recalculates it, and saves it as .xlsx,
//! .ods and .xls. nianbao reads every one back to the same data; the formulas, validation,
//! conditional formatting and protection are still there; LibreOffice's totals equal
//! nianbao's; an edit made in the program is recalculated and caught.

use std::path::Path;

use calamine::{Data, Reader};
use nianbao::input::sheet;
use nianbao::output::workbook;

use crate::common::*;
use crate::sheet::{assert_same, read};

/// How many times `needle` occurs in `hay`.
fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

/// The cached values of a sheet, as the program that saved the file computed them.
fn cached(path: &Path, sheet: &str) -> calamine::Range<Data> {
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    wb.worksheet_range(sheet).unwrap()
}

fn number(range: &calamine::Range<Data>, row: u32, col: u32) -> f64 {
    match range.get_value((row, col)) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("({row}, {col}) holds {other:?}, not a number"),
    }
}

fn text(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        other => panic!("({row}, {col}) holds {other:?}, not text"),
    }
}

#[test]
fn libreoffice_keeps_what_nianbao_writes_and_recalculates_it() {
    let dir = tempdir("lo-fill-in");
    let report = sample("county-department.json");
    let src = dir.join("填报表.xlsx");
    std::fs::write(&src, workbook::fill_in(Some(&report)).unwrap()).unwrap();
    let rows = report.requests.rows();
    for format in ["xlsx", "ods", "xls"] {
        let saved = soffice_recalc_convert(&src, format, &dir.join(format));
        let bytes = std::fs::read(&saved).unwrap();
        let back =
            read(&bytes, saved.to_str().unwrap()).unwrap_or_else(|d| panic!("{format}: {d:#?}"));
        assert_same(&back, &report);
        // LibreOffice's own results: every total of 表三 and the check row.
        let t3 = cached(&saved, "表三");
        for (r, row) in rows.iter().enumerate() {
            assert_eq!(number(&t3, 4 + r as u32, 9), row[6] as f64, "{format}: 总计 of row {r}");
        }
        for c in 0..7 {
            assert_eq!(number(&t3, 27, 3 + c), rows[23][c as usize] as f64, "{format}: （七）总计");
            assert_eq!(text(&t3, 29, 3 + c), "平衡", "{format}: check row");
        }
        let t4 = cached(&saved, "表四");
        assert_eq!(number(&t4, 4, 4), 7.0, "{format}: 行政复议 总计");
    }
    // What LibreOffice wrote as .xlsx still has every formula, rule and lock.
    let xlsx = std::fs::read(dir.join("xlsx/填报表.xlsx")).unwrap();
    let t3 = zip_text(&xlsx, &sheet_part(&xlsx, "表三"));
    assert_eq!(count(&t3, "</f>"), 25 + 6 + 7, "totals, （七）总计 and the check row");
    assert!(t3.contains("SUM(J7:J27)") && t3.contains("SUM(D5:I5)"));
    assert!(count(&t3, "<dataValidation ") >= 1 && t3.contains("type=\"whole\""));
    assert_eq!(count(&t3, "<conditionalFormatting"), 3);
    assert!(t3.contains("D5+D6&lt;&gt;D28+D29"), "the check row's red rule");
    // Locked, with no password to remove.
    assert!(t3.contains("<sheetProtection") && !t3.contains("password"));
    let t2 = zip_text(&xlsx, &sheet_part(&xlsx, "表二"));
    assert!(t2.contains("type=\"decimal\"") && t2.contains("type=\"whole\""));
    let info = zip_text(&xlsx, &sheet_part(&xlsx, "基本信息"));
    assert!(info.contains("type=\"list\""));
    let styles = zip_text(&xlsx, "xl/styles.xml");
    assert!(styles.contains("locked=\"false\""), "input cells are unlocked");
    // And as .ods: validations and formulas in OpenDocument terms.
    let ods = std::fs::read(dir.join("ods/填报表.ods")).unwrap();
    let content = zip_text(&ods, "content.xml");
    assert!(count(&content, "<table:content-validation ") >= 3);
    assert!(count(&content, "table:formula=\"of:=SUM(") >= 25 + 6 + 3);
    assert!(content.contains("calcext:conditional-format"));
    assert!(content.contains("table:protected=\"true\""));
    // The .xls keeps its validation too: LibreOffice reads it back out of the .xls.
    let again = soffice_recalc_convert(&dir.join("xls/填报表.xls"), "xlsx", &dir.join("xls-xlsx"));
    let again = std::fs::read(again).unwrap();
    let t3 = zip_text(&again, &sheet_part(&again, "表三"));
    assert!(count(&t3, "<dataValidation ") >= 1 && count(&t3, "</f>") == 38);
}

#[test]
fn an_edit_in_libreoffice_is_recalculated_and_caught() {
    let dir = tempdir("lo-edit");
    let report = sample("county-department.json");
    let src = dir.join("报表.xlsx");
    std::fs::write(&src, workbook::fill_in(Some(&report)).unwrap()).unwrap();
    let saved = std::fs::read(soffice_recalc_convert(&src, "xlsx", &dir.join("a"))).unwrap();
    // A user types 500 new applications by natural persons, and types 99 over the 总计
    // formula of 二、上年结转.
    let edited = xlsx_set(&saved, "表三", "D5", Put::Number(500.0));
    let edited = xlsx_set(&edited, "表三", "J6", Put::Number(99.0));
    let path = dir.join("edited.xlsx");
    std::fs::write(&path, edited).unwrap();
    let recalculated = soffice_recalc_convert(&path, "xlsx", &dir.join("b"));
    let t3 = cached(&recalculated, "表三");
    assert_eq!(number(&t3, 4, 9), (500 - 119 + 225) as f64, "the row total follows the edit");
    assert!(text(&t3, 29, 3).starts_with("不平衡"), "the check cell says so");
    let o = nianbao(&["validate", recalculated.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("错误[R1]: “自然人”列不平衡"), "{err}");
    assert!(err.contains("原文位置: 表三!D28"), "{err}");
    assert!(err.contains("错误[R3]") && err.contains("原文位置: 表三!J6"), "{err}");
    assert!(err.contains("应为: 8，实际: 99"), "{err}");
}

#[test]
fn the_county_sheet_survives_libreoffice() {
    let dir = tempdir("lo-county");
    let reports: Vec<_> =
        samples().iter().map(|p| nianbao::input::load(p).unwrap().report).collect();
    let src = dir.join("汇总表.xlsx");
    std::fs::write(&src, workbook::county(&reports).unwrap()).unwrap();
    for format in ["xlsx", "ods"] {
        let saved = soffice_recalc_convert(&src, format, &dir.join(format));
        let bytes = std::fs::read(&saved).unwrap();
        let rows = match sheet::read(&bytes, saved.to_str().unwrap()).unwrap() {
            sheet::Workbook::County(rows) => rows,
            _ => panic!("{format}: not read as a county sheet"),
        };
        assert_eq!(rows.len(), reports.len());
        let sheet = cached(&saved, "汇总表");
        let check = sheet::layout::county_check_column();
        for (row, report) in rows.iter().zip(&reports) {
            let got = row.report.as_ref().unwrap();
            assert_eq!(got.organization, report.organization);
            assert_eq!(got.requests.rows(), report.requests.rows(), "{format}");
            assert_eq!(got.proactive, report.proactive, "{format}");
            let total = sheet::layout::county_column(sheet::Field::T3(0, 6));
            assert_eq!(number(&sheet, row.row - 1, total), report.requests.rows()[0][6] as f64);
            assert_eq!(text(&sheet, row.row - 1, check), "平衡");
        }
    }
}
