//! The county-wide sheet (汇总表): one row per unit, one column per number of the form, under
//! two locked header rows of the form's labels. Rows may be inserted, deleted and sorted;
//! every data row comes with its total formulas and a check cell, and staff can add units
//! below the pre-filled ones.

use rust_xlsxwriter::{DataValidation, Formula, Workbook, XlsxError};

use super::tables::{alarm, count_validation, fee_validation};
use super::{Entry, Styles, given_total, invalid_raw, write_entry};
use crate::input::sheet::fields::Field;
use crate::input::sheet::grid::column_name;
use crate::input::sheet::layout::{
    self, COUNTY, COUNTY_TOP, LEVELS, county_check_column, county_column, county_formula,
};
use crate::model::Report;

/// Rows prepared below the pre-filled units (formulas, validation), for units added later.
const SPARE_ROWS: u32 = 100;
/// Fewest rows prepared in all.
const MIN_ROWS: u32 = 200;

/// Write the county sheet with one row per report.
pub fn sheet(wb: &mut Workbook, styles: &Styles, reports: &[Report]) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(COUNTY)?;
    ws.set_formula_result_default("");
    let options = rust_xlsxwriter::ProtectionOptions {
        format_columns: true,
        format_rows: true,
        insert_rows: true,
        delete_rows: true,
        sort: true,
        use_autofilter: true,
        ..Default::default()
    };
    ws.protect_with_options(&options);
    let check = county_check_column() as u16;
    ws.set_column_width(0, 26)?;
    ws.set_column_format(0, &styles.text)?;
    ws.set_column_width(1, 8)?;
    ws.set_column_format(1, &styles.input)?;
    ws.set_column_width(2, 10)?;
    ws.set_column_format(2, &styles.text)?;
    for field in Field::all() {
        let c = county_column(field) as u16;
        ws.set_column_width(c, 9)?;
        ws.set_column_format(c, if field == Field::Fees { &styles.fee } else { &styles.input })?;
    }
    ws.set_column_width(check, 14)?;
    ws.set_row_height(0, 60)?;
    ws.set_row_height(1, 36)?;
    for l in layout::county_labels() {
        if (l.row, l.col) == (l.last_row, l.last_col) {
            ws.write_string_with_format(l.row, l.col as u16, &l.text, &styles.label)?;
        } else {
            ws.merge_range(
                l.row,
                l.col as u16,
                l.last_row,
                l.last_col as u16,
                &l.text,
                &styles.label,
            )?;
        }
    }
    let rows = (reports.len() as u32 + SPARE_ROWS).max(MIN_ROWS);
    let last = COUNTY_TOP + rows - 1;
    for i in 0..rows {
        let row = COUNTY_TOP + i;
        let report = reports.get(i as usize);
        if let Some(r) = report {
            ws.write_string_with_format(row, 0, &r.organization, &styles.text)?;
            ws.write_number_with_format(row, 1, r.year.0, &styles.input)?;
            if let Some(level) = r.level {
                let key = serde_json::to_value(level).ok();
                if let Some((zh, _)) =
                    LEVELS.iter().find(|(_, en)| key.as_ref().and_then(|k| k.as_str()) == Some(en))
                {
                    ws.write_string_with_format(row, 2, *zh, &styles.text)?;
                }
            }
        }
        let raw = report.map(invalid_raw).unwrap_or_default();
        for field in Field::all() {
            let at = (row, county_column(field) as u16);
            if field.is_total() {
                match report.and_then(|r| given_total(r, field)) {
                    Some(v) => ws.write_number_with_format(row, at.1, v as f64, &styles.total)?,
                    None => {
                        let f = county_formula(field, row).expect("every total has a formula");
                        ws.write_formula_with_format(row, at.1, Formula::new(f), &styles.total)?
                    }
                };
                continue;
            }
            let Some(r) = report else { continue };
            let entry = raw.get(&field.path());
            if field == Field::Fees {
                let f = r.proactive.fees.0.clone();
                match (entry, f.parse::<f64>()) {
                    (Some(e), _) => write_entry(ws, at, Some(e), None, &styles.fee)?,
                    (None, Ok(v)) if v.to_string() == f => {
                        write_entry(ws, at, None, Some(v), &styles.fee)?
                    }
                    (None, _) => write_entry(ws, at, Some(&Entry::Text(f)), None, &styles.fee)?,
                }
            } else {
                write_entry(ws, at, entry, Some(field.count(r) as f64), &styles.input)?;
            }
        }
        let f = Formula::new(layout::county_check_formula(row));
        ws.write_formula_with_format(row, check, f, &styles.check)?;
    }
    // Validation: one rule per kind over every prepared row.
    let range = |c: u32| format!("{c0}{}:{c0}{}", COUNTY_TOP + 1, last + 1, c0 = column_name(c));
    let counts: Vec<String> = Field::all()
        .into_iter()
        .filter(|f| *f != Field::Fees)
        .map(|f| range(county_column(f)))
        .collect();
    let v = count_validation()?.set_multi_range(counts.join(" "));
    let first = county_column(Field::Stock(0, 0)) as u16;
    ws.add_data_validation(COUNTY_TOP, first, last, first, &v)?;
    let fees = county_column(Field::Fees) as u16;
    ws.add_data_validation(COUNTY_TOP, fees, last, fees, &fee_validation()?)?;
    let year = DataValidation::new()
        .allow_whole_number(rust_xlsxwriter::DataValidationRule::Between(1990, 2999))
        .set_error_message("报告年度填四位数字的年份，如 2024。")?;
    ws.add_data_validation(COUNTY_TOP, 1, last, 1, &year)?;
    let names: Vec<&str> = LEVELS.iter().map(|(zh, _)| *zh).collect();
    ws.add_data_validation(
        COUNTY_TOP,
        2,
        last,
        2,
        &DataValidation::new().allow_list_strings(&names)?,
    )?;
    let top = COUNTY_TOP + 1;
    let cc = column_name(check.into());
    ws.add_conditional_format(
        COUNTY_TOP,
        check,
        last,
        check,
        &alarm(styles, &format!("=${cc}{top}=\"不平衡\"")),
    )?;
    ws.set_freeze_panes(COUNTY_TOP, 1)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    Ok(())
}
