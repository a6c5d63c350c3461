//! Table 三 (收到和处理政府信息公开申请情况): 25 body rows found by their labels (the
//! rightmost label cell of a row; group labels such as （三）不予公开 span the rows below
//! them), seven numbers each, mapped by position after the labels. Header rows may repeat
//! where the table continues on a new page. A 2019-style single row （六）其他处理 is read
//! with a warning.

use super::labels::norm;
use super::tables::{Kind, Row, match_label};
use super::{Ctx, cells};
use crate::diag::Diagnostic;
use crate::model::form::{T3_COLUMNS, T3_OTHER_HANDLING, T3_ROWS, place};
use crate::model::{ApplicantRow, Requests};

/// Words only header rows have.
const HEADER: [&str; 7] =
    ["申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "勾稽关系", "法律服务机构"];

/// The characters of the header rows' words (and of the note on the first column): a row
/// made of these alone, without a digit, is a piece of a header cell that a text copy of a
/// PDF broke over several lines ("商业科研", "企业机构", "于第三项加第四项之和）").
const HEADER_CHARS: &str = "申请人情况自然人法人或其他组织商业企业科研机构社会公益法律服务总计\
                            本列数据的勾稽关系为第一二三四项加之和等于（）()：:，,。、";

/// Whether `text` is only a piece of a header cell.
fn header_piece(text: &str) -> bool {
    let n = norm(text);
    !n.is_empty() && n.chars().all(|c| HEADER_CHARS.contains(c) || c.is_whitespace())
}

/// Index of （六）其他处理 · 1. in [`T3_ROWS`] (its three rows follow).
const OTHER_HANDLING: usize = 20;

/// Read table 三 from its rows; `None` (with errors) when rows are missing.
pub(super) fn read(rows: &[Row], ctx: &mut Ctx) -> Option<Requests> {
    let labels: Vec<&str> = T3_ROWS.iter().map(|r| r.label).collect();
    let mut got: [Option<[u64; 7]>; 25] = [None; 25];
    let mut header_checked = false;
    for row in rows {
        let text = row.text();
        let n = row.cells.len();
        if HEADER.iter().any(|h| text.contains(h)) {
            if !header_checked && n >= 7 {
                header_checked = check_columns(&row.cells[n - 7..], ctx);
            }
            continue;
        }
        // After the header rows proper, whose column order is checked above.
        if header_piece(&text) {
            continue;
        }
        let leaf =
            row.cells[..n.saturating_sub(7)].iter().rev().find(|c| !norm(&c.text).is_empty());
        let (Some(values), Some(leaf)) = (row.values(7), leaf) else {
            skipped(row, "不是“标签 + 7 个数字”", ctx);
            continue;
        };
        let origin = leaf.origin.describe();
        let leaf = &leaf.text;
        let path_of = |i: usize| format!("requests.{}", T3_ROWS[i].key);
        let found = match_label(leaf, &labels, Kind::Three, &origin, path_of, ctx);
        let i = match found {
            Some(i) => i,
            None if norm(leaf).ends_with("其他处理") && got[OTHER_HANDLING + 2].is_none() => {
                let printed = read_row(values, "other_handling.other", ctx);
                single_other_handling(printed, &origin, ctx);
                got[OTHER_HANDLING] = Some([0; 7]);
                got[OTHER_HANDLING + 1] = Some([0; 7]);
                got[OTHER_HANDLING + 2] = Some(printed);
                continue;
            }
            None => {
                skipped(row, "不是统一格式中的行", ctx);
                continue;
            }
        };
        if got[i].is_some() {
            let d = Diagnostic::warning(
                "import-table",
                format!("表三的“{}”行出现了两次，只读取第一次", T3_ROWS[i].label),
            )
            .field(path_of(i))
            .origin(origin);
            ctx.push(d);
            continue;
        }
        got[i] = Some(read_row(values, T3_ROWS[i].key, ctx));
    }
    for (i, row) in T3_ROWS.iter().enumerate() {
        if got[i].is_none() {
            let path = format!("requests.{}", row.key);
            let what = place(&path).map_or_else(|| row.label.to_string(), |p| p.row);
            ctx.push(
                Diagnostic::error("import-table", format!("表三缺少“{what}”行，无法读取"))
                    .field(path),
            );
        }
    }
    // A row that could not be read is an error above; the rows that were read are kept as
    // read (for `import --partial`), the missing ones left empty with their totals computed.
    let printed = |i: usize| {
        got[i].map(|v| ApplicantRow::from_parts([v[0], v[1], v[2], v[3], v[4], v[5]], Some(v[6])))
    };
    let row = |i: usize| printed(i).unwrap_or_default();
    let mut requests = Requests {
        new: row(0),
        carried_over: row(1),
        handled_total: printed(23),
        carried_forward: row(24),
        ..Requests::default()
    };
    for (k, leaf) in requests.leaves_mut().into_iter().enumerate() {
        *leaf = row(2 + k);
    }
    Some(requests)
}

/// The seven numbers of a row at `requests.<key>`.
fn read_row(values: &[&crate::input::document::Cell], key: &str, ctx: &mut Ctx) -> [u64; 7] {
    let mut out = [0; 7];
    for (c, cell) in values.iter().enumerate() {
        out[c] = ctx.count(cell, &format!("requests.{key}.{}", T3_COLUMNS[c].0));
    }
    out
}

/// The 2019 试行 table had （六）其他处理 as one row; the 2021 form has three.
fn single_other_handling(printed: [u64; 7], origin: &str, ctx: &mut Ctx) {
    let message = if printed.iter().all(|v| *v == 0) {
        format!(
            "表三的“{T3_OTHER_HANDLING}”只有一行（2019 年试行格式），全为 0，按其三个子项均为 0 读取"
        )
    } else {
        format!(
            "表三的“{T3_OTHER_HANDLING}”只有一行（2019 年试行格式），其数字已计入“3.其他”；\
             请按 2021 年格式分列到 1.、2.、3. 三项"
        )
    };
    ctx.push(
        Diagnostic::warning("import-other-handling", message)
            .field("requests.other_handling.other")
            .origin(origin.to_string()),
    );
}

/// A header row whose last seven cells name the columns: check they are in the form's
/// order (the numbers are read by position). Returns whether the row named them.
fn check_columns(values: &[&crate::input::document::Cell], ctx: &mut Ctx) -> bool {
    let printed: Vec<String> = values.iter().map(|c| norm(&c.text)).collect();
    let known = |t: &str| T3_COLUMNS.iter().position(|(_, l)| norm(l) == t);
    if printed.iter().any(|t| known(t).is_none()) {
        return false;
    }
    let order: Vec<usize> = printed.iter().filter_map(|t| known(t)).collect();
    if order != [0, 1, 2, 3, 4, 5, 6] {
        let got: Vec<&str> = order.iter().map(|&i| T3_COLUMNS[i].1).collect();
        ctx.error(
            "import-table",
            format!(
                "表三的列顺序与统一格式不同：{}；应为 自然人、商业企业、科研机构、社会公益组织、\
                 法律服务机构、其他、总计",
                got.join("、")
            ),
        );
    }
    true
}

fn skipped(row: &Row, why: &str, ctx: &mut Ctx) {
    let text: String = row.cells.iter().map(|c| cells::raw(&c.text)).collect::<Vec<_>>().join(" ");
    let shown: String = text.chars().take(40).collect();
    let mut d =
        Diagnostic::warning("import-skipped", format!("表三中的一行{why}，未导入：“{shown}”"));
    let origin = row.origin();
    if !origin.is_empty() {
        d = d.origin(origin);
    }
    ctx.push(d);
}
