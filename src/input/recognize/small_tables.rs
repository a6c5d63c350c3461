//! Tables 二 (主动公开: six rows under four 第二十条 blocks, the fee a decimal printed as
//! given) and 四 (复议诉讼: one data row of 15 numbers under three header rows), read by
//! their labels and by position.

use super::labels::norm;
use super::tables::{Kind, Row, match_label};
use super::{Ctx, cells};
use crate::diag::Diagnostic;
use crate::model::form::{T4_COLUMNS, T4_GROUPS, place, t2};
use crate::model::{AppealGroup, Appeals, Count, Proactive, Stock};

/// Row labels of table 二 with their data keys; the first two have three numbers.
const T2_ROWS: [(&str, &str); 6] = [
    (t2::RULES, "rules"),
    (t2::NORMATIVE, "normative_documents"),
    (t2::LICENSING, "licensing"),
    (t2::PUNISHMENT, "punishment"),
    (t2::ENFORCEMENT, "enforcement"),
    (t2::FEES, "fees"),
];

/// Read table 二; `None` (with errors) when a row is missing or cut short.
pub(super) fn table2(rows: &[Row], ctx: &mut Ctx) -> Option<Proactive> {
    let labels: Vec<&str> = T2_ROWS.iter().map(|(l, _)| *l).collect();
    let mut p = Proactive::default();
    let mut got = [false; 6];
    for row in rows {
        let Some(first) = row.cells.first() else { continue };
        let label = norm(&first.text);
        if row.cells.len() < 2 || label.contains("第二十条") || label == norm(t2::CONTENT) {
            continue;
        }
        let origin = row.origin();
        let path_of = |i: usize| format!("proactive.{}", T2_ROWS[i].1);
        let Some(i) = match_label(&label, &labels, Kind::Two, &origin, path_of, ctx) else {
            if row.cells[1..].iter().any(|c| !norm(&c.text).is_empty()) {
                let d = Diagnostic::warning(
                    "import-skipped",
                    format!("表二中的“{}”行不是统一格式中的行，未导入", cells::raw(&first.text)),
                );
                ctx.push(if origin.is_empty() { d } else { d.origin(origin) });
            }
            continue;
        };
        if got[i] {
            continue;
        }
        let key = T2_ROWS[i].1;
        let n = if i < 2 { 3 } else { 1 };
        let Some(values) = row.values(n) else {
            ctx.push(
                Diagnostic::error(
                    "import-table",
                    format!(
                        "表二的“{}”行应有 {n} 个数字，只找到 {} 个单元格",
                        T2_ROWS[i].0,
                        row.cells.len() - 1
                    ),
                )
                .field(format!("proactive.{key}"))
                .origin(origin),
            );
            continue;
        };
        got[i] = true;
        match i {
            0 | 1 => {
                let path = |k: &str| format!("proactive.{key}.{k}");
                let stock = Stock {
                    issued: Count(ctx.count(values[0], &path("issued"))),
                    repealed: Count(ctx.count(values[1], &path("repealed"))),
                    in_force: Count(ctx.count(values[2], &path("in_force"))),
                    note: None,
                };
                if i == 0 { p.rules = stock } else { p.normative_documents = stock }
            }
            2 => p.licensing = Count(ctx.count(values[0], "proactive.licensing")),
            3 => p.punishment = Count(ctx.count(values[0], "proactive.punishment")),
            4 => p.enforcement = Count(ctx.count(values[0], "proactive.enforcement")),
            _ => p.fees = ctx.amount(values[0], "proactive.fees"),
        }
    }
    for (i, (_, key)) in T2_ROWS.iter().enumerate() {
        if !got[i] {
            let path = format!("proactive.{key}");
            let what = place(&path).map_or_else(|| (*key).to_string(), |p| p.row);
            // Offices without the power to make 规章 (townships, counties, departments)
            // often leave its row out: read as 0, with a warning, as a blank cell is.
            let d = if *key == "rules" {
                Diagnostic::warning(
                    "import-table",
                    format!(
                        "表二没有“{what}”行（没有规章制定权的机关常省略此行），按 0 计；统一格式要求保留此行并填 0"
                    ),
                )
            } else {
                Diagnostic::error("import-table", format!("表二缺少“{what}”行，无法读取"))
            };
            ctx.push(d.field(path));
        }
    }
    // What was read is kept (for `import --partial`); a missing row is an error above.
    Some(p)
}

/// Read table 四: the data row is the one whose last 15 cells are numbers (or placeholders).
pub(super) fn table4(rows: &[Row], ctx: &mut Ctx) -> Option<Appeals> {
    // A cell misprinted as text ("l" for 1) does not hide the row: it is read as a
    // placeholder, with its warning, when most of the 15 are numbers.
    let data = rows.iter().find_map(|row| {
        let vals = row.values(15).or_else(|| (row.cells.len() == 15).then_some(&row.cells[..]))?;
        let all_starting = vals.iter().all(|c| c.row == row.grid_row);
        let numbers = vals.iter().filter(|c| cells::value_like(&c.text)).count();
        let short = vals.iter().all(|c| c.text.trim().chars().count() <= 12);
        (all_starting && short && numbers >= 12).then_some(vals)
    });
    let Some(values) = data else {
        ctx.error(
            "import-table",
            "表四没有找到数据行（行政复议、未经复议直接起诉、复议后起诉各 5 个数字，共 15 个）"
                .into(),
        );
        return None;
    };
    let text: String = rows.iter().map(Row::text).collect();
    if let (Some(after), Some(direct)) = (text.find("复议后起诉"), text.find("未经复议直接起诉"))
        && after < direct
    {
        ctx.warn(
            "import-table",
            "表四的“复议后起诉”排在“未经复议直接起诉”之前，与统一格式不同；数字仍按统一格式的列序读取"
                .into(),
        );
    }
    let mut groups = [AppealGroup::default(); 3];
    for (g, group) in groups.iter_mut().enumerate() {
        let mut v = [0u64; 5];
        for (c, slot) in v.iter_mut().enumerate() {
            let path = format!("appeals.{}.{}", T4_GROUPS[g].0, T4_COLUMNS[c].0);
            *slot = ctx.count(values[g * 5 + c], &path);
        }
        *group = AppealGroup {
            upheld: Count(v[0]),
            corrected: Count(v[1]),
            other: Count(v[2]),
            pending: Count(v[3]),
            total: Some(Count(v[4])),
        };
    }
    let [review, litigation, litigation_after_review] = groups;
    Some(Appeals { review, litigation, litigation_after_review })
}
