//! Sheets 表二, 表三 and 表四 of the fill-in workbook, laid out like the form: merged
//! multi-level headers with the form's labels (locked), input cells (unlocked, validated),
//! totals as formulas, the check row of 表三 and red alarms on anything that does not add up.

use rust_xlsxwriter::{
    ConditionalFormatFormula, DataValidation, DataValidationRule, Formula, Workbook, Worksheet,
    XlsxError,
};

use super::{Entry, Styles, fit_height, given_total, invalid_raw, write_entry};
use crate::input::sheet::fields::Field;
use crate::input::sheet::grid::column_name;
use crate::input::sheet::layout::{self, T2, T3, T3_CHECK_ROW, T3_LEFT, T3_TOP, T4, T4_ROW};
use crate::model::Report;

/// Whole numbers 0 – 999,999,999, with the message staff see when they type anything else.
pub(crate) fn count_validation() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(0, crate::model::MAX_COUNT as i32))
        .set_error_title("件数无效")?
        .set_error_message("件数应为 0 或正整数。没有的填 0 或留空，不要填“/”“-”“无”或小数。")
}

/// Decimals ≥ 0 (the fee, 万元).
pub(crate) fn fee_validation() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
        .set_error_title("金额无效")?
        .set_error_message("本年收费金额以万元为单位，填 0 或正数，可带小数，如 18651.06。")
}

/// A red alarm when `rule` (relative to the range's first cell) holds.
pub(crate) fn alarm(styles: &Styles, rule: &str) -> ConditionalFormatFormula {
    ConditionalFormatFormula::new().set_rule(rule).set_format(styles.alarm.clone())
}

/// A new protected sheet (no password; rows and columns may be resized).
pub(crate) fn protected<'a>(
    wb: &'a mut Workbook,
    name: &str,
) -> Result<&'a mut Worksheet, XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(name)?;
    ws.set_formula_result_default("");
    ws.set_paper_size(9);
    let options = rust_xlsxwriter::ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..Default::default()
    };
    ws.protect_with_options(&options);
    Ok(ws)
}

/// Write a sheet's labels: merged where they span, row labels (column A–C) left-aligned.
fn labels(
    ws: &mut Worksheet,
    styles: &Styles,
    sheet: &str,
    left_cols: u32,
) -> Result<(), XlsxError> {
    for l in layout::labels(sheet) {
        // Row labels are left-aligned; headers and cells spanning rows are centred.
        let row_label = l.row > 0
            && l.col < left_cols
            && l.row == l.last_row
            && (sheet != T2 || (l.last_col == 0 && l.text != crate::model::form::t2::CONTENT))
            && (sheet != T3 || l.row >= T3_TOP);
        let format = match () {
            _ if l.row == 0 => &styles.title,
            _ if row_label => &styles.row_label,
            _ => &styles.label,
        };
        if (l.row, l.col) == (l.last_row, l.last_col) {
            ws.write_string_with_format(l.row, l.col as u16, &l.text, format)?;
        } else {
            ws.merge_range(l.row, l.col as u16, l.last_row, l.last_col as u16, &l.text, format)?;
        }
    }
    Ok(())
}

/// Write the fields of one sheet: inputs as numbers (or blank), totals as formulas unless
/// given and different from their parts.
fn fields(
    ws: &mut Worksheet,
    styles: &Styles,
    sheet: &str,
    report: Option<&Report>,
) -> Result<(), XlsxError> {
    let raw = report.map(invalid_raw).unwrap_or_default();
    for field in Field::all() {
        let (s, row, col) = layout::position(field);
        if s != sheet {
            continue;
        }
        let at = (row, col as u16);
        if field.is_total() {
            match report.and_then(|r| given_total(r, field)) {
                Some(v) => ws.write_number_with_format(row, at.1, v as f64, &styles.total)?,
                None => {
                    let f = layout::formula(field).expect("every total has a formula");
                    ws.write_formula_with_format(row, at.1, Formula::new(f), &styles.total)?
                }
            };
            continue;
        }
        let entry = raw.get(&field.path());
        match field {
            Field::Fees => {
                let fee = report.map(|r| r.proactive.fees.0.clone());
                match (entry, fee) {
                    (Some(e), _) => write_entry(ws, at, Some(e), None, &styles.fee)?,
                    // As a number when it reads back as written, else as text ("1.50").
                    (None, Some(f)) => match f.parse::<f64>() {
                        Ok(v) if v.to_string() == f => {
                            write_entry(ws, at, None, Some(v), &styles.fee)?
                        }
                        _ => write_entry(ws, at, Some(&Entry::Text(f)), None, &styles.fee)?,
                    },
                    (None, None) => write_entry(ws, at, None, None, &styles.fee)?,
                }
            }
            f => {
                let value = report.map(|r| f.count(r) as f64);
                write_entry(ws, at, entry, value, &styles.input)?;
            }
        }
    }
    Ok(())
}

/// 表二: the four 第二十条 blocks.
pub fn table_two(
    wb: &mut Workbook,
    styles: &Styles,
    report: Option<&Report>,
) -> Result<(), XlsxError> {
    let ws = protected(wb, T2)?;
    ws.set_column_width(0, 24)?;
    ws.set_column_range_width(1, 3, 18)?;
    ws.set_row_height(0, 30)?;
    for r in [2, 6, 9, 13] {
        ws.set_row_height(r, 30)?;
    }
    labels(ws, styles, T2, 1)?;
    for (row, col, last) in layout::input_merges(T2) {
        ws.merge_range(row, col as u16, row, last as u16, "", &styles.input)?;
    }
    fields(ws, styles, T2, report)?;
    let counts = count_validation()?.set_multi_range("B4:D5 B8 B11:B12");
    ws.add_data_validation(3, 1, 4, 3, &counts)?;
    ws.add_data_validation(14, 1, 14, 1, &fee_validation()?)?;
    ws.set_print_fit_to_pages(1, 1);
    Ok(())
}

/// 表三: applicants by result, with the totals and the check row.
pub fn table_three(
    wb: &mut Workbook,
    styles: &Styles,
    report: Option<&Report>,
) -> Result<(), XlsxError> {
    let ws = protected(wb, T3)?;
    ws.set_column_width(0, 8)?;
    ws.set_column_width(1, 11)?;
    ws.set_column_width(2, 34)?;
    ws.set_column_range_width(T3_LEFT as u16, (T3_LEFT + 6) as u16, 9)?;
    ws.set_row_height(0, 30)?;
    ws.set_row_height(1, 24)?;
    ws.set_row_height(2, 24)?;
    ws.set_row_height(3, 34)?;
    for l in layout::labels(T3).iter().filter(|l| l.row >= T3_TOP && l.row == l.last_row) {
        let width = if l.col == 2 { 34.0 } else { 45.0 };
        ws.set_row_height(l.row, fit_height(&l.text, width))?;
    }
    labels(ws, styles, T3, 3)?;
    fields(ws, styles, T3, report)?;
    let (left, right) = (column_name(T3_LEFT), column_name(T3_LEFT + 6));
    for c in 0..7u32 {
        let f = Formula::new(layout::check_formula(c as usize));
        ws.write_formula_with_format(T3_CHECK_ROW, (T3_LEFT + c) as u16, f, &styles.check)?;
    }
    ws.set_row_height(T3_CHECK_ROW, 30)?;
    let (top, bottom) = (T3_TOP, T3_TOP + 24);
    ws.add_data_validation(
        top,
        T3_LEFT as u16,
        bottom,
        (T3_LEFT + 6) as u16,
        &count_validation()?,
    )?;
    ws.add_conditional_format(
        T3_CHECK_ROW,
        T3_LEFT as u16,
        T3_CHECK_ROW,
        (T3_LEFT + 6) as u16,
        &alarm(styles, &layout::check_alarm()),
    )?;
    let row_sum =
        format!("={right}{n}<>SUM({left}{n}:{}{n})", column_name(T3_LEFT + 5), n = top + 1);
    ws.add_conditional_format(
        top,
        (T3_LEFT + 6) as u16,
        bottom,
        (T3_LEFT + 6) as u16,
        &alarm(styles, &row_sum),
    )?;
    let handled = top + 23;
    let col_sum = format!("={left}{}<>SUM({left}{}:{left}{})", handled + 1, top + 3, top + 23);
    ws.add_conditional_format(
        handled,
        T3_LEFT as u16,
        handled,
        (T3_LEFT + 6) as u16,
        &alarm(styles, &col_sum),
    )?;
    ws.set_freeze_panes(T3_TOP, T3_LEFT as u16)?;
    ws.set_print_fit_to_pages(1, 1);
    Ok(())
}

/// 表四: administrative review and litigation.
pub fn table_four(
    wb: &mut Workbook,
    styles: &Styles,
    report: Option<&Report>,
) -> Result<(), XlsxError> {
    let ws = protected(wb, T4)?;
    ws.set_column_range_width(0, 14, 10)?;
    ws.set_row_height(0, 30)?;
    ws.set_row_height(3, 24)?;
    ws.set_row_height(T4_ROW, 24)?;
    labels(ws, styles, T4, 0)?;
    fields(ws, styles, T4, report)?;
    ws.add_data_validation(T4_ROW, 0, T4_ROW, 14, &count_validation()?)?;
    for g in 0..3u16 {
        let (first, last) = (5 * g, 5 * g + 4);
        let rule = format!(
            "={}<>SUM({}:{})",
            crate::input::sheet::grid::address(T4_ROW, last.into()),
            crate::input::sheet::grid::address(T4_ROW, first.into()),
            crate::input::sheet::grid::address(T4_ROW, (last - 1).into()),
        );
        ws.add_conditional_format(T4_ROW, last, T4_ROW, last, &alarm(styles, &rule))?;
    }
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 1);
    Ok(())
}
