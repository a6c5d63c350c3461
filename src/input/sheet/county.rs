//! Reading a county-wide sheet (`nianbao workbook --county`): one row per unit, one column
//! per number of the form under two header rows of the form's labels. Each row with a unit
//! becomes a tables-only report (its narrative, if any, comes from a per-unit file; see
//! `Narratives`). The headers are checked like the fill-in workbook's labels; a row's bad
//! cells are recorded with their sheet cell (`汇总表!N5`).

use std::collections::HashMap;

use super::fields::Field;
use super::fillin::{self, blank, check_layout, read_fields};
use super::grid::{Book, Grid};
use super::layout::{self, COUNTY, COUNTY_TOP};
use super::values::{self, Found};
use crate::diag::Diagnostic;
use crate::model::Report;

/// One unit's row of a county-wide sheet.
#[derive(Debug, Clone)]
pub struct CountyRow {
    /// The 1-based row in the sheet.
    pub row: u32,
    /// The unit's tables-only report, or why the row could not be read.
    pub report: Result<Report, Vec<Diagnostic>>,
}

/// Whether a row holds anything typed (formula cells and the check column do not count).
fn used(grid: &Grid, row: u32, last_col: u32) -> bool {
    (0..=last_col).any(|c| {
        grid.cell(row, c).is_some_and(|x| !x.formula && !super::grid::text_of(&x.value).is_empty())
    })
}

/// Read every unit's row.
pub fn read(book: &mut Book) -> Result<Vec<CountyRow>, Vec<Diagnostic>> {
    let grid = fillin::sheet(book, COUNTY).map_err(|d| vec![*d])?;
    let errors = check_layout(book, &grid, &layout::county_labels(), &[]);
    if !errors.is_empty() {
        return Err(errors);
    }
    let last_col = layout::county_check_column() - 1;
    let mut rows = Vec::new();
    let mut seen: HashMap<(String, u16), u32> = HashMap::new();
    for row in grid.rows().into_iter().filter(|&r| r >= COUNTY_TOP) {
        if !used(&grid, row, last_col) {
            continue;
        }
        let report = read_row(book, &grid, row).and_then(|r| {
            let key = (r.organization.clone(), r.year.0);
            if let Some(first) = seen.insert(key, row + 1) {
                return Err(vec![
                    Diagnostic::error(
                        "sheet-duplicate",
                        format!(
                            "“{}” {} 年度在汇总表中出现了两次（第{first}行和第{}行）",
                            r.organization,
                            r.year.0,
                            row + 1
                        ),
                    )
                    .in_file(&book.name)
                    .origin(grid.place(row, 0)),
                ]);
            }
            Ok(r)
        });
        rows.push(CountyRow { row: row + 1, report });
    }
    Ok(rows)
}

fn read_row(book: &Book, grid: &Grid, row: u32) -> Result<Report, Vec<Diagnostic>> {
    let err = |col: u32, msg: String| {
        Diagnostic::error("sheet-value", format!("{} {msg}", grid.place(row, col)))
            .in_file(&book.name)
            .origin(grid.place(row, col))
    };
    let mut errors = Vec::new();
    let organization = grid.text(row, 0);
    if organization.is_empty() {
        errors.push(err(0, "这一行填了数字，但机关名称为空".into()));
    }
    let year_cell = grid.cell(row, 1).map(|c| c.value.clone()).unwrap_or_default();
    let year = values::year(&year_cell);
    if year.is_none() {
        let shown = fillin::shown(&grid.text(row, 1));
        errors.push(err(1, format!("报告年度应为四位数字的年份，如 2024，实际是{shown}")));
    }
    let level_text = grid.text(row, 2);
    let level = fillin::level(&level_text);
    if level.is_none() && !level_text.is_empty() {
        errors.push(err(2, format!("机关层级“{level_text}”无效，应为 乡镇、县级政府、市级政府、省级政府、政府部门、国务院部门 之一")));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut report = blank(organization, year.unwrap_or(1990));
    report.level = level;
    let mut found = Found::default();
    read_fields(&mut report, &mut found, |f: Field| (grid, row, layout::county_column(f)));
    report.invalid_cells = found.0;
    Ok(report)
}
