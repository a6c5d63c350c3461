//! Reading a filled-in workbook (`nianbao workbook`) back into a report. Its layout is
//! checked first: every label of 表二, 表三 and 表四 where the form puts it, no merged or
//! split cells where numbers go, the sheets present by name. A moved label, an inserted
//! row or a merged cell is an error that names the cell expected. Then the numbers: input
//! cells (blank = 0), totals (a formula is computed; a number typed over it is a given total,
//! checked by R2–R4), 基本信息 and the 正文 rows.

use calamine::Data;

use super::fields::{Field, HANDLED_TOTAL, appeal_mut, handled_from, t3_row_mut};
use super::grid::{Book, Grid, address, squash, text_of};
use super::layout::{self, INFO, INFO_ROWS, LEVELS, T2, T3, T4, TEXT, TEXT_HEADER};
use super::narrative::{self, CONTINUED, TextRow};
use super::values::{self, Found};
use crate::diag::Diagnostic;
use crate::model::{Appeals, Count, Level, Proactive, Report, Requests, Signature, Year};

/// The sheets a fill-in workbook must have.
pub const SHEETS: [&str; 5] = [T2, T3, T4, INFO, TEXT];

fn layout_error(book: &Book, message: String) -> Diagnostic {
    Diagnostic::error("sheet-layout", message).in_file(&book.name).hint(
        "填报表的行、列、标签和工作表名不能改动，单元格不能合并或拆分；只在白色单元格中填写。可用 nianbao workbook --from 此文件 重新生成一份",
    )
}

/// Open a sheet, or the error that says it is missing.
pub fn sheet(book: &mut Book, name: &str) -> Result<Grid, Box<Diagnostic>> {
    let present: Vec<String> = book.sheets().into_iter().map(|(n, _)| n).collect();
    if !present.iter().any(|n| n == name) {
        let msg = format!(
            "缺少工作表“{name}”：被改名或删除了？（工作簿中的工作表：{}）",
            present.join("、")
        );
        return Err(Box::new(Diagnostic::error("sheet-missing", msg).in_file(&book.name)));
    }
    book.grid(name)
}

/// Check that every label is where the layout puts it (the first that is not, per sheet),
/// and that no cell outside the layout's merged ranges is merged.
pub fn check_layout(
    book: &Book,
    grid: &Grid,
    labels: &[layout::Label],
    merges: &[(u32, u32, u32, u32)],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for l in labels {
        let got = grid.text(l.row, l.col);
        if squash(&got) != squash(&l.text) {
            let mut d = layout_error(
                book,
                format!("{} 应为“{}”，实际是{}", grid.place(l.row, l.col), l.text, shown(&got)),
            );
            if let Some((r, c)) = grid.find(&l.text) {
                d = d.hint(format!(
                    "“{}”现在在 {}：是不是插入、删除或移动了行列？",
                    l.text,
                    grid.place(r, c)
                ));
            }
            out.push(d.origin(grid.place(l.row, l.col)));
            break;
        }
    }
    let allowed: Vec<(u32, u32, u32, u32)> = labels
        .iter()
        .map(|l| (l.row, l.col, l.last_row, l.last_col))
        .filter(|(r, c, lr, lc)| (r, c) != (lr, lc))
        .chain(merges.iter().copied())
        .collect();
    // Name the first few merges that do not belong (a sheet can hold thousands).
    let foreign =
        grid.merges.iter().filter(|m| !allowed.contains(&(m.start.0, m.start.1, m.end.0, m.end.1)));
    for m in foreign.take(5) {
        let range = format!("{}:{}", address(m.start.0, m.start.1), address(m.end.0, m.end.1));
        out.push(
            layout_error(
                book,
                format!("{}!{range} 是合并单元格：填报表中的单元格不能合并", grid.sheet),
            )
            .origin(format!("{}!{range}", grid.sheet)),
        );
    }
    out
}

/// Read the fill-in workbook.
pub fn read(book: &mut Book, schema: Option<String>) -> Result<Report, Vec<Diagnostic>> {
    let mut grids = Vec::new();
    let mut errors = Vec::new();
    for name in SHEETS {
        match sheet(book, name) {
            Ok(g) => grids.push(g),
            Err(d) => errors.push(*d),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let [t2, t3, t4, info, text] = <[Grid; 5]>::try_from(grids).expect("five sheets");
    for (grid, sheet) in [(&t2, T2), (&t3, T3), (&t4, T4)] {
        let merges: Vec<_> =
            layout::input_merges(sheet).into_iter().map(|(r, c, lc)| (r, c, r, lc)).collect();
        errors.extend(check_layout(book, grid, &layout::labels(sheet), &merges));
    }
    let info_labels: Vec<layout::Label> = INFO_ROWS
        .iter()
        .enumerate()
        .map(|(i, (l, _))| label(i as u32 + 1, 0, l))
        .chain(layout::INFO_HEADER.iter().enumerate().map(|(c, l)| label(0, c as u32, l)))
        .collect();
    errors.extend(check_layout(book, &info, &info_labels, &[]));
    let text_labels: Vec<layout::Label> =
        TEXT_HEADER.iter().enumerate().map(|(c, l)| label(0, c as u32, l)).collect();
    errors.extend(check_layout(book, &text, &text_labels, &[]));
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut report = read_info(book, &info, schema)?;
    let mut found = Found::default();
    let grid_of = |s: &str| match s {
        T2 => &t2,
        T3 => &t3,
        _ => &t4,
    };
    read_fields(&mut report, &mut found, |f| {
        let (s, r, c) = layout::position(f);
        (grid_of(s), r, c)
    });
    report.invalid_cells = found.0;
    read_text(book, &text, &mut report)?;
    Ok(report)
}

/// A cell's content for a message: “…”, or 空白.
pub fn shown(text: &str) -> String {
    if text.is_empty() { "空白".to_string() } else { format!("“{text}”") }
}

fn label(row: u32, col: u32, text: &str) -> layout::Label {
    layout::Label { row, col, last_row: row, last_col: col, text: text.to_string() }
}

/// An empty report: no narrative, all counts 0.
pub fn blank(organization: String, year: u16) -> Report {
    Report {
        schema: None,
        organization,
        year: Year(year),
        title: None,
        level: None,
        preface: Vec::new(),
        overview: Vec::new(),
        proactive: Proactive::default(),
        requests: Requests::default(),
        appeals: Appeals::default(),
        problems: Vec::new(),
        other_matters: Vec::new(),
        signature: None,
        imported: None,
        invalid_cells: Vec::new(),
    }
}

/// A level from its Chinese name (or data key).
pub fn level(text: &str) -> Option<Level> {
    let t = squash(text);
    let key = LEVELS.iter().find(|(zh, en)| *zh == t || *en == t).map(|(_, en)| *en)?;
    serde_json::from_value(serde_json::Value::String(key.into())).ok()
}

fn read_info(book: &Book, info: &Grid, schema: Option<String>) -> Result<Report, Vec<Diagnostic>> {
    let value = |i: u32| info.cell(i + 1, 1).map(|c| c.value.clone()).unwrap_or(Data::Empty);
    let text = |i: u32| text_of(&value(i));
    let err = |i: u32, msg: String| {
        Diagnostic::error("sheet-value", msg).in_file(&book.name).origin(info.place(i + 1, 1))
    };
    let mut errors = Vec::new();
    let organization = text(0);
    if organization.is_empty() {
        errors.push(err(0, format!("{} 机关名称不能为空", info.place(1, 1))));
    }
    let year = values::year(&value(1));
    if year.is_none() {
        let shown = text(1);
        errors.push(err(
            1,
            format!("{} 报告年度应为四位数字的年份，如 2024，实际是“{shown}”", info.place(2, 1)),
        ));
    }
    let level_text = text(2);
    let level = level(&level_text);
    if level.is_none() && !level_text.is_empty() {
        let names: Vec<&str> = LEVELS.iter().map(|(zh, _)| *zh).collect();
        errors.push(err(
            2,
            format!(
                "{} 机关层级应为 {} 之一，实际是“{level_text}”",
                info.place(3, 1),
                names.join("、")
            ),
        ));
    }
    let (signer, date_value) = (text(4), value(5));
    let date = values::date(&date_value);
    let signature = match (signer.is_empty(), date, text_of(&date_value).is_empty()) {
        (true, None, true) => None,
        (false, Some(date), _) => Some(Signature { organization: signer, date }),
        (_, None, false) => {
            errors.push(err(
                5,
                format!(
                    "{} 成文日期应写成 2025-01-20 这样的日期，实际是“{}”",
                    info.place(6, 1),
                    text_of(&date_value)
                ),
            ));
            None
        }
        (true, Some(_), _) => {
            errors.push(err(
                4,
                format!("{} 填了成文日期，但署名为空：两者应一起填写", info.place(5, 1)),
            ));
            None
        }
        (false, None, true) => {
            errors.push(err(
                5,
                format!("{} 填了署名，但成文日期为空：两者应一起填写", info.place(6, 1)),
            ));
            None
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut report = blank(organization, year.unwrap_or(1990));
    report.schema = schema;
    report.level = level;
    report.title = Some(text(3)).filter(|t| !t.is_empty());
    report.signature = signature;
    Ok(report)
}

/// Read every field through `at` (the grid, row and column of a field).
pub fn read_fields<'g>(
    report: &mut Report,
    found: &mut Found,
    at: impl Fn(Field) -> (&'g Grid, u32, u32),
) {
    let mut handled: [Option<u64>; 7] = [None; 7];
    for field in Field::all() {
        let (grid, row, col) = at(field);
        let path = field.path();
        match field {
            Field::Fees => report.proactive.fees = values::amount(grid, row, col, &path, found),
            Field::T3(HANDLED_TOTAL, c) => handled[c] = values::total(grid, row, col, &path, found),
            Field::T3(r, 6) => {
                t3_row_mut(report, r).total = values::total(grid, row, col, &path, found).map(Count)
            }
            Field::T4(g, 4) => {
                appeal_mut(report, g).total = values::total(grid, row, col, &path, found).map(Count)
            }
            f => f.set_count(report, values::count(grid, row, col, &path, found)),
        }
    }
    report.requests.handled_total = handled_from(report, handled);
}

fn read_text(book: &Book, text: &Grid, report: &mut Report) -> Result<(), Vec<Diagnostic>> {
    let sections = narrative::sections();
    let mut rows: Vec<(u32, TextRow)> = Vec::new();
    let mut errors = Vec::new();
    let err = |row: u32, col: u32, msg: String| {
        Diagnostic::error("sheet-value", format!("{} {msg}", text.place(row, col)))
            .in_file(&book.name)
            .origin(text.place(row, col))
    };
    for row in text.rows().into_iter().filter(|&r| r >= 1) {
        let raw = |c: u32| text.cell(row, c).map(|x| raw_text(&x.value)).unwrap_or_default();
        let (section, level, heading, body) =
            (text.text(row, 0), text.text(row, 1), raw(2), raw(3));
        if heading.trim().is_empty() && body.trim().is_empty() && level != CONTINUED {
            continue;
        }
        let wanted = squash(&section);
        let Some(s) = sections.iter().position(|name| {
            let short = name.split_once('、').map_or(*name, |(_, rest)| rest);
            wanted == *name || wanted == short || name.starts_with(&format!("{wanted}、"))
        }) else {
            errors.push(err(
                row,
                0,
                format!("部分应为 {} 之一，实际是“{section}”", sections.join("、")),
            ));
            continue;
        };
        let level = match level.as_str() {
            "" => Some(1),
            CONTINUED => None,
            l => match l.parse::<u32>() {
                Ok(n @ 1..=9) => Some(n),
                _ => {
                    errors.push(err(
                        row,
                        1,
                        format!("层级应为 1 到 9 的数字或“{CONTINUED}”，实际是“{l}”"),
                    ));
                    continue;
                }
            },
        };
        rows.push((row, TextRow { section: s, level, heading, text: body }));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let only: Vec<TextRow> = rows.iter().map(|(_, r)| r.clone()).collect();
    narrative::apply(&only, report).map_err(|m| {
        let row = rows[m.index].0;
        vec![err(row, 1, m.message)]
    })
}

/// A text cell's content as written (not trimmed: the narrative keeps its spaces).
fn raw_text(v: &Data) -> String {
    match v {
        Data::String(s) => s.clone(),
        other => text_of(other),
    }
}
