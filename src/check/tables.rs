//! One report's tables on their own: the form's arithmetic R1–R5, 规章 by a unit that cannot
//! make them (S2), and imported cells that held a placeholder instead of 0 (S8).

use crate::diag::Diagnostic;
use crate::model::form::{self, FormPlace, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS};
use crate::model::{ApplicantRow, Level, Report};

use super::Rule;

/// Run the table rules.
pub(super) fn check(report: &Report, out: &mut Vec<Diagnostic>) {
    r5_invalid_cells(report, out);
    r1_balance(report, out);
    r2_handled_total(report, out);
    r3_row_totals(report, out);
    r4_appeal_totals(report, out);
    s2_rules_power(report, out);
    s8_placeholders(report, out);
}

pub(super) fn col_label(c: usize) -> &'static str {
    T3_COLUMNS[c].1
}

pub(super) fn col_key(c: usize) -> &'static str {
    T3_COLUMNS[c].0
}

fn r5_invalid_cells(report: &Report, out: &mut Vec<Diagnostic>) {
    for cell in &report.invalid_cells {
        let expected = if cell.path == "proactive.fees" { "非负小数" } else { "非负整数" };
        let mut d =
            Rule::R5.finding(cell.message.clone()).field(&cell.path).values(expected, &cell.raw);
        d.location.pos = cell.pos;
        d.location.source_line.clone_from(&cell.source_line);
        d.location.origin.clone_from(&cell.origin);
        out.push(d);
    }
}

fn r1_balance(report: &Report, out: &mut Vec<Diagnostic>) {
    let rows = report.requests.rows();
    let (new, carried, handled, forward) = (rows[0], rows[1], rows[23], rows[24]);
    for c in 0..7 {
        let left = new[c] + carried[c];
        let right = handled[c] + forward[c];
        if left != right {
            let msg = format!(
                "“{}”列不平衡：一 {} + 二 {} = {left}，但（七）总计 {} + 四 {} = {right}",
                col_label(c),
                new[c],
                carried[c],
                handled[c],
                forward[c]
            );
            let mut d = Rule::R1
                .finding(msg)
                .field(format!("requests.handled_total.{}", col_key(c)))
                .values(left, right)
                .hint("本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和");
            d.location.place = Some(FormPlace {
                table: "表三",
                row: "一 + 二 与（七）总计 + 四".into(),
                column: Some(col_label(c).into()),
            });
            out.push(d);
        }
    }
}

fn r2_handled_total(report: &Report, out: &mut Vec<Diagnostic>) {
    let Some(given) = &report.requests.handled_total else { return };
    let given = given.cells();
    let leaves = report.requests.leaves();
    // Group subtotals for the message: （一）（二）（三）（四）（五）（六）.
    let groups: [(&str, std::ops::Range<usize>); 6] = [
        ("（一）", 0..1),
        ("（二）", 1..2),
        ("（三）", 2..10),
        ("（四）", 10..13),
        ("（五）", 13..18),
        ("（六）", 18..21),
    ];
    for (c, &given) in given.iter().enumerate() {
        let sums: Vec<u64> = groups
            .iter()
            .map(|(_, r)| leaves[r.clone()].iter().map(|l| l.cells()[c]).sum())
            .collect();
        let total: u64 = sums.iter().sum();
        if total != given {
            let terms: Vec<String> =
                groups.iter().zip(&sums).map(|((name, _), s)| format!("{name}{s}")).collect();
            let msg = format!(
                "“{}”列：（七）总计应等于（一）至（六）各项之和 {} = {total}，但填写的是 {given}",
                col_label(c),
                terms.join(" + "),
            );
            out.push(
                Rule::R2
                    .finding(msg)
                    .field(format!("requests.handled_total.{}", col_key(c)))
                    .values(total, given),
            );
        }
    }
}

/// The rows of table 三 as given (None: （七）总计 omitted), in form order.
fn given_rows(report: &Report) -> Vec<Option<&ApplicantRow>> {
    let r = &report.requests;
    let mut rows = vec![Some(&r.new), Some(&r.carried_over)];
    rows.extend(r.leaves().into_iter().map(Some));
    rows.push(r.handled_total.as_ref());
    rows.push(Some(&r.carried_forward));
    rows
}

fn r3_row_totals(report: &Report, out: &mut Vec<Diagnostic>) {
    for (row, given) in T3_ROWS.iter().zip(given_rows(report)) {
        let Some(given) = given else { continue };
        let Some(total) = given.total else { continue };
        let parts = given.parts();
        let sum: u64 = parts.iter().sum();
        if sum != total.0 {
            let terms: Vec<String> =
                parts.iter().enumerate().map(|(c, v)| format!("{} {v}", col_label(c))).collect();
            let msg = format!(
                "“{}”行：总计应为 {} = {sum}，但填写的是 {}",
                row.label,
                terms.join(" + "),
                total.0
            );
            out.push(
                Rule::R3
                    .finding(msg)
                    .field(format!("requests.{}.total", row.key))
                    .values(sum, total.0),
            );
        }
    }
}

fn r4_appeal_totals(report: &Report, out: &mut Vec<Diagnostic>) {
    let a = &report.appeals;
    for ((key, label), group) in
        T4_GROUPS.iter().zip([&a.review, &a.litigation, &a.litigation_after_review])
    {
        let Some(total) = group.total else { continue };
        let cells = group.cells();
        let sum: u64 = cells[..4].iter().sum();
        if sum != total.0 {
            let terms: Vec<String> =
                (0..4).map(|i| format!("{} {}", T4_COLUMNS[i].1, cells[i])).collect();
            let msg =
                format!("{label}：总计应为 {} = {sum}，但填写的是 {}", terms.join(" + "), total.0);
            out.push(
                Rule::R4.finding(msg).field(format!("appeals.{key}.total")).values(sum, total.0),
            );
        }
    }
}

fn s2_rules_power(report: &Report, out: &mut Vec<Diagnostic>) {
    let Some(level) = report.level else { return };
    let name = match level {
        Level::Township => "乡镇",
        Level::County => "县级人民政府",
        Level::Department => "政府部门",
        _ => return,
    };
    let rules = &report.proactive.rules;
    for (col, v) in
        [("issued", rules.issued), ("repealed", rules.repealed), ("in_force", rules.in_force)]
    {
        if v.0 > 0 {
            let msg = format!(
                "{name}没有规章制定权，表二“规章”应为 0（只有国务院部门和省级、设区的市级人民政府制定规章）"
            );
            out.push(Rule::S2.finding(msg).field(format!("proactive.rules.{col}")).values(0, v.0));
            return;
        }
    }
}

/// The tables a placeholder cell can sit in, by path prefix.
fn table_of(path: &str) -> &'static str {
    match path.split('.').next() {
        Some("proactive") => "表二",
        Some("appeals") => "表四",
        _ => "表三",
    }
}

fn s8_placeholders(report: &Report, out: &mut Vec<Diagnostic>) {
    let Some(imported) = &report.imported else { return };
    for table in ["表二", "表三", "表四"] {
        let cells: Vec<_> =
            imported.placeholders.iter().filter(|p| table_of(&p.path) == table).collect();
        let Some(first) = cells.first() else { continue };
        let shown = |raw: &str| {
            if raw.trim().is_empty() { "空白".to_string() } else { format!("“{raw}”") }
        };
        let msg = format!(
            "{table}有 {} 个单元格没有填数字（空白、“/”“-”“无”等），导入时按 0 读入；没有数据的单元格应填 0",
            cells.len(),
        );
        let mut d = Rule::S8.finding(msg).field(&first.path).values(0, shown(&first.raw));
        if let Some(origin) = &first.origin {
            d = d.origin(origin);
        }
        for cell in cells.iter().take(12) {
            let place = form::place(&cell.path).map_or(cell.path.clone(), |p| p.to_string());
            let origin = cell.origin.as_deref().map(|o| format!("（{o}）")).unwrap_or_default();
            d = d.hint(format!("{place}：{}{origin}", shown(&cell.raw)));
        }
        if cells.len() > 12 {
            d = d.hint(format!("……另有 {} 个", cells.len() - 12));
        }
        d.hints.push(format!("来源：{}（{}）", imported.source, imported.format));
        out.push(d);
    }
}
