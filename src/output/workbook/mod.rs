//! The fill-in workbook and the county-wide sheet as .xlsx files (`nianbao workbook`), for
//! office staff to fill in Excel or WPS 表格 without training. The tables sit as on the form,
//! with its merged headers and exact labels; labels and totals are locked (sheet protection
//! without a password) and input cells are not; counts accept only whole numbers ≥ 0 and
//! the fee decimals ≥ 0; totals are formulas; a check row turns red when 一 + 二 ≠
//! （七）总计 + 四. The layout itself lives in `input::sheet::layout`, which reads it back.
//! Formulas are written with an empty cached result, so every spreadsheet program
//! recalculates them on opening.

mod county;
mod sheets;
mod tables;

use std::collections::HashMap;

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::diag::Diagnostic;
use crate::input::sheet::fields::{Field, t3_row_mut};
use crate::input::sheet::fillin::blank;
use crate::model::{ApplicantRow, Report};

/// The default file name of the fill-in workbook.
pub const DEFAULT_NAME: &str = "年报填报表.xlsx";
/// The default file name of the county-wide sheet.
pub const DEFAULT_COUNTY_NAME: &str = "汇总表.xlsx";

/// The cell formats every sheet uses.
pub(crate) struct Styles {
    pub title: Format,
    pub label: Format,
    pub row_label: Format,
    pub input: Format,
    pub fee: Format,
    pub total: Format,
    pub check: Format,
    pub alarm: Format,
    pub text: Format,
    pub note: Format,
    pub date: Format,
}

impl Styles {
    pub fn new() -> Self {
        let base = Format::new()
            .set_font_name("宋体")
            .set_font_size(11)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        let label =
            base.clone().set_align(FormatAlign::Center).set_background_color(Color::RGB(0xF2F2F2));
        Styles {
            title: Format::new()
                .set_font_name("黑体")
                .set_font_size(14)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            row_label: label.clone().set_align(FormatAlign::Left),
            label,
            input: base.clone().set_unlocked().set_align(FormatAlign::Center).set_num_format("0"),
            fee: base
                .clone()
                .set_unlocked()
                .set_align(FormatAlign::Center)
                .set_num_format("General"),
            total: base
                .clone()
                .set_align(FormatAlign::Center)
                .set_num_format("0")
                .set_background_color(Color::RGB(0xFFF2CC)),
            check: base
                .clone()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xE2EFDA)),
            alarm: Format::new()
                .set_font_color(Color::RGB(0x9C0006))
                .set_background_color(Color::RGB(0xFFC7CE)),
            text: base
                .clone()
                .set_unlocked()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top),
            note: Format::new()
                .set_font_name("宋体")
                .set_font_size(10)
                .set_text_wrap()
                .set_font_color(Color::RGB(0x595959))
                .set_align(FormatAlign::VerticalCenter),
            date: base.set_unlocked().set_num_format("yyyy-mm-dd").set_align(FormatAlign::Center),
        }
    }
}

/// What an input cell gets from the report: a number, or the raw content of a cell the
/// report holds as invalid (so the workbook shows it, and reading it back reports it again).
pub(crate) enum Entry {
    Number(f64),
    Text(String),
}

/// The raw contents of a report's invalid cells, by field path.
pub(crate) fn invalid_raw(report: &Report) -> HashMap<String, Entry> {
    report
        .invalid_cells
        .iter()
        .map(|c| {
            let raw = c.raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')).unwrap_or(&c.raw);
            let entry = match raw.trim().parse::<f64>() {
                Ok(f) if f.is_finite() && raw == c.raw => Entry::Number(f),
                _ => Entry::Text(raw.to_string()),
            };
            (c.path.clone(), entry)
        })
        .collect()
}

/// Write an input cell: the invalid raw content if any, else `value` (blank when `None`).
pub(crate) fn write_entry(
    ws: &mut Worksheet,
    (row, col): (u32, u16),
    entry: Option<&Entry>,
    value: Option<f64>,
    format: &Format,
) -> Result<(), XlsxError> {
    match (entry, value) {
        (Some(Entry::Number(f)), _) => ws.write_number_with_format(row, col, *f, format)?,
        (Some(Entry::Text(t)), _) => ws.write_string_with_format(row, col, t, format)?,
        (None, Some(v)) => ws.write_number_with_format(row, col, v, format)?,
        (None, None) => ws.write_blank(row, col, format)?,
    };
    Ok(())
}

/// A rough row height (points) that shows `text` in a cell `width` characters wide.
pub(crate) fn fit_height(text: &str, width: f64) -> f64 {
    let units: f64 = text.chars().map(|c| if c.is_ascii() { 1.1 } else { 2.1 }).sum();
    let lines = (units / width.max(1.0)).ceil().max(1.0);
    (lines * 14.5 + 4.0).max(20.0)
}

fn failed(e: XlsxError) -> Box<Diagnostic> {
    Box::new(Diagnostic::error("workbook-write", format!("无法生成工作簿：{e}")))
}

/// The fill-in workbook, empty or pre-filled from `report`.
pub fn fill_in(report: Option<&Report>) -> Result<Vec<u8>, Box<Diagnostic>> {
    let styles = Styles::new();
    let mut wb = Workbook::new();
    sheets::help(&mut wb, &styles, false).map_err(failed)?;
    sheets::info(&mut wb, &styles, report).map_err(failed)?;
    tables::table_two(&mut wb, &styles, report).map_err(failed)?;
    tables::table_three(&mut wb, &styles, report).map_err(failed)?;
    tables::table_four(&mut wb, &styles, report).map_err(failed)?;
    sheets::text(&mut wb, &styles, report)?;
    sheets::meta(&mut wb, crate::input::sheet::layout::FILL_IN_ID, report).map_err(failed)?;
    wb.save_to_buffer().map_err(failed)
}

/// The county-wide sheet, with one row per report given (none: an empty sheet).
pub fn county(reports: &[Report]) -> Result<Vec<u8>, Box<Diagnostic>> {
    let styles = Styles::new();
    let mut wb = Workbook::new();
    sheets::help(&mut wb, &styles, true).map_err(failed)?;
    county::sheet(&mut wb, &styles, reports).map_err(failed)?;
    sheets::meta(&mut wb, crate::input::sheet::layout::COUNTY_ID, reports.first())
        .map_err(failed)?;
    wb.save_to_buffer().map_err(failed)
}

/// Next year's report started from this year's: the narrative kept for editing, the title's
/// year moved on, every count cleared, and 二、上年结转 filled from this year's
/// 四、结转下年度继续办理 (so R6 holds by construction). The signature is left for the
/// new year's date.
pub fn next_year(report: &Report) -> Report {
    let (this, next) = (report.year.0, report.year.0.saturating_add(1));
    let mut r = blank(report.organization.clone(), next);
    r.schema.clone_from(&report.schema);
    r.level = report.level;
    r.title = report.title.as_ref().map(|t| t.replace(&format!("{this}年"), &format!("{next}年")));
    r.preface.clone_from(&report.preface);
    r.overview.clone_from(&report.overview);
    r.problems.clone_from(&report.problems);
    r.other_matters.clone_from(&report.other_matters);
    let forward = report.requests.rows()[24];
    *t3_row_mut(&mut r, 1) = ApplicantRow::from_parts(
        [forward[0], forward[1], forward[2], forward[3], forward[4], forward[5]],
        None,
    );
    r
}

/// A total the workbook must show as a typed number: one given in `report` that differs
/// from what its formula computes. Every other total is a formula.
pub(crate) fn given_total(report: &Report, field: Field) -> Option<u64> {
    use crate::input::sheet::fields::{HANDLED_TOTAL, appeal, handled_typed, t3_row};
    match field {
        Field::T3(HANDLED_TOTAL, c) => handled_typed(report)[c],
        Field::T3(r, 6) => {
            let row = t3_row(report, r);
            let t = row.total?.0;
            (t != row.parts().iter().sum::<u64>()).then_some(t)
        }
        Field::T4(g, 4) => {
            let a = appeal(report, g);
            let t = a.total?.0;
            (t != a.cells()[..4].iter().sum::<u64>()).then_some(t)
        }
        _ => None,
    }
}
