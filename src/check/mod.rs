//! The form's own arithmetic (勾稽关系) and plausibility checks (`../shared/spec/FORMAT.md`
//! §3). Each rule has a stable code; every finding names the file, the field path, the
//! table, row and column in the form's labels, and the expected and actual values with the
//! arithmetic shown. Findings are data: nothing here prints.

use crate::diag::{Diagnostic, Severity};
use crate::model::form::{FormPlace, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS};
use crate::model::{ApplicantRow, Level, Report, Stock, TextField};

/// The rules, in report order. Hard rules (R) are errors; soft rules (S) are warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// R1, per column of table 三 (all 7, including 总计):
    /// 一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理.
    /// The form states it in its own header note ("本列数据的勾稽关系为…").
    R1,
    /// R2, per column of table 三: （七）总计 = the sum of its 21 leaf rows
    /// （一）+（二）+（三）1–8 +（四）1–3 +（五）1–5 +（六）1–3. Checked when （七）总计 is given.
    R2,
    /// R3, per row of table 三 (all 25): 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 +
    /// 法律服务机构 + 其他. Checked for every row whose 总计 is given.
    R3,
    /// R4, per group of table 四 (行政复议, 未经复议直接起诉, 复议后起诉):
    /// 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结. Checked when 总计 is given.
    R4,
    /// R5: every count is a non-negative integer and the fee a non-negative decimal; "/", "-",
    /// "无", blanks, floats, negative numbers and text are not values.
    R5,
    /// R6, with last year's report, per column: this year's 二、上年结转 = last year's
    /// 四、结转下年度继续办理.
    R6,
    /// S1, with last year's report: 现行有效件数 ≈ last year's 现行有效 + 本年制发 − 本年废止,
    /// for 行政规范性文件 and 规章 (clean-ups and expiry legitimately break it).
    S1,
    /// S2: 规章 should be 0 for a township, a county or a department (no rule-making power).
    S2,
    /// S3: the number of new applications stated in the narrative matches table 三.
    S3,
    /// S4: section 六 says whether 信息处理费 was charged.
    S4,
    /// S5: the title follows the form's pattern `{机关名称}{YYYY}年政府信息公开工作年度报告`.
    S5,
}

impl Rule {
    /// The stable code, e.g. `R1`.
    pub fn code(self) -> &'static str {
        match self {
            Rule::R1 => "R1",
            Rule::R2 => "R2",
            Rule::R3 => "R3",
            Rule::R4 => "R4",
            Rule::R5 => "R5",
            Rule::R6 => "R6",
            Rule::S1 => "S1",
            Rule::S2 => "S2",
            Rule::S3 => "S3",
            Rule::S4 => "S4",
            Rule::S5 => "S5",
        }
    }

    /// Errors for R rules, warnings for S rules.
    pub fn severity(self) -> Severity {
        if self <= Rule::R6 { Severity::Error } else { Severity::Warning }
    }

    fn finding(self, message: String) -> Diagnostic {
        match self.severity() {
            Severity::Error => Diagnostic::error(self.code(), message),
            Severity::Warning => Diagnostic::warning(self.code(), message),
        }
    }

    fn rank(code: &str) -> usize {
        ALL.iter().position(|r| r.code() == code).unwrap_or(ALL.len())
    }
}

const ALL: [Rule; 11] = [
    Rule::R1,
    Rule::R2,
    Rule::R3,
    Rule::R4,
    Rule::R5,
    Rule::R6,
    Rule::S1,
    Rule::S2,
    Rule::S3,
    Rule::S4,
    Rule::S5,
];

/// Check a report (and, when given, last year's report of the same organization).
/// `file` names the report in every finding. Findings come back sorted: errors first, then
/// by rule, then in the form's order.
pub fn validate(report: &Report, previous: Option<&Report>, file: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    r5_invalid_cells(report, &mut out);
    r1_balance(report, &mut out);
    r2_handled_total(report, &mut out);
    r3_row_totals(report, &mut out);
    r4_appeal_totals(report, &mut out);
    if let Some(prev) = previous {
        r6_carry_over(report, prev, &mut out);
        s1_stock_flow(report, prev, &mut out);
    }
    s2_rules_power(report, &mut out);
    s3_narrative_counts(report, &mut out);
    s4_fee_statement(report, &mut out);
    s5_title(report, &mut out);
    for d in &mut out {
        d.location.file = Some(file.to_string());
    }
    out.sort_by_key(|d| (d.severity, Rule::rank(d.code)));
    out
}

fn col_label(c: usize) -> &'static str {
    T3_COLUMNS[c].1
}

fn col_key(c: usize) -> &'static str {
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

fn r6_carry_over(report: &Report, prev: &Report, out: &mut Vec<Diagnostic>) {
    if prev.year.0 + 1 != report.year.0 {
        out.push(
            Rule::R6
                .finding(format!(
                    "作为上年报告给出的是 {} 年度的报告，不是 {} 年度，未做跨年核对",
                    prev.year.0,
                    report.year.0 - 1
                ))
                .field("requests.carried_over"),
        );
        return;
    }
    if prev.organization != report.organization {
        out.push(
            Rule::R6
                .finding(format!(
                    "上年报告的机关名称“{}”与本报告“{}”不同，请确认是同一机关",
                    prev.organization, report.organization
                ))
                .field("organization"),
        );
        if let Some(d) = out.last_mut() {
            d.severity = Severity::Warning;
        }
    }
    let this = report.requests.carried_over.cells();
    let last = prev.requests.rows()[24];
    for c in 0..7 {
        if this[c] != last[c] {
            let msg = format!(
                "“{}”列：二、上年结转 {}，但 {} 年报告的四、结转下年度继续办理为 {}",
                col_label(c),
                this[c],
                prev.year.0,
                last[c]
            );
            out.push(
                Rule::R6
                    .finding(msg)
                    .field(format!("requests.carried_over.{}", col_key(c)))
                    .values(last[c], this[c]),
            );
        }
    }
}

fn s1_stock_flow(report: &Report, prev: &Report, out: &mut Vec<Diagnostic>) {
    if prev.year.0 + 1 != report.year.0 {
        return;
    }
    let p = (&report.proactive, &prev.proactive);
    for (key, label, now, last) in [
        (
            "normative_documents",
            "行政规范性文件",
            &p.0.normative_documents,
            &p.1.normative_documents,
        ),
        ("rules", "规章", &p.0.rules, &p.1.rules),
    ] {
        let Stock { issued, repealed, in_force } = now;
        let expected = (last.in_force.0 + issued.0).checked_sub(repealed.0);
        if expected != Some(in_force.0) {
            let shown = expected.map_or("负数".to_string(), |e| e.to_string());
            let msg = format!(
                "{label}：现行有效件数 {}，但按上年现行有效 {} + 本年制发 {} − 本年废止 {} 应为 {shown}（清理、失效等可使其不同，请核实）",
                in_force.0, last.in_force.0, issued.0, repealed.0
            );
            out.push(
                Rule::S1
                    .finding(msg)
                    .field(format!("proactive.{key}.in_force"))
                    .values(shown, in_force.0),
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

/// Numbers of new applications a text states: "新收…申请N件", "收到…申请N件".
fn stated_new_applications(text: &str) -> Vec<u64> {
    let mut found = Vec::new();
    for verb in ["新收", "收到", "受理"] {
        for (i, _) in text.match_indices(verb) {
            let window: String = text[i..].chars().take(24).collect();
            let Some(j) = window.find("申请") else { continue };
            let after = &window[j + "申请".len()..];
            let after = after.trim_start_matches(['共', '总', '计', ' ']);
            let digits: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
            if !digits.is_empty()
                && after[digits.len()..].starts_with('件')
                && let Ok(n) = digits.parse()
            {
                found.push(n);
            }
        }
    }
    found
}

fn s3_narrative_counts(report: &Report, out: &mut Vec<Diagnostic>) {
    let rows = report.requests.rows();
    let (new, with_carried) = (rows[0][6], rows[0][6] + rows[1][6]);
    let fields = report.text_fields();
    let narrative =
        fields.iter().filter(|f| f.path.starts_with("preface") || f.path.starts_with("overview"));
    for TextField { path, text, .. } in narrative {
        for n in stated_new_applications(text) {
            if n != new && n != with_carried {
                let msg = format!(
                    "正文说收到申请 {n} 件，但表三“一、本年新收政府信息公开申请数量”的总计是 {new}（加上年结转为 {with_carried}）"
                );
                out.push(Rule::S3.finding(msg).field(path).values(new, n));
            }
        }
    }
}

fn s4_fee_statement(report: &Report, out: &mut Vec<Diagnostic>) {
    // A tables-only report (a county-wide sheet's row) has no section 六 to look into.
    if !report.has_narrative() {
        return;
    }
    let fields = report.text_fields();
    let mut other = fields.iter().filter(|f| f.path.starts_with("other_matters"));
    if !other.any(|f| f.text.contains("处理费")) {
        out.push(
            Rule::S4
                .finding("六、其他需要报告的事项没有说明信息处理费的收取情况".to_string())
                .field("other_matters")
                .hint("例如：“本年度未收取信息处理费。”（依据《政府信息公开信息处理费管理办法》）"),
        );
    }
}

fn s5_title(report: &Report, out: &mut Vec<Diagnostic>) {
    let title = report.title();
    let year = format!("{}年", report.year.0);
    if !title.ends_with("政府信息公开工作年度报告") || !title.contains(&year) {
        let expected =
            format!("{}{}年政府信息公开工作年度报告", report.organization, report.year.0);
        out.push(
            Rule::S5
                .finding(format!(
                    "标题“{title}”不符合“机关名称+年份+政府信息公开工作年度报告”的格式"
                ))
                .field("title")
                .values(expected, &title),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrative_counts_are_found() {
        assert_eq!(stated_new_applications("全年新收政府信息公开申请225件，上年结转8件"), [225]);
        assert_eq!(stated_new_applications("本年度共收到政府信息公开申请共2件"), [2]);
        assert!(stated_new_applications("新收文件12件").is_empty());
    }
}
