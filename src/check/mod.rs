//! The checks a report must pass before it is published: the form's own arithmetic
//! (勾稽关系, `tables`), the cross-year rules against last year's report (`cross_year`), the
//! narrative against the tables and the defects evaluators deduct for (`narrative`), and,
//! over a whole run of reports, text copied between units (`copies`). Each rule has a stable
//! code; every finding names the file, the field path (a table cell or a paragraph such as
//! `overview[2].text`), the form place, and the expected and actual values. Findings are
//! data: nothing here prints.

mod claims;
pub mod copies;
mod cross_year;
mod narrative;
pub mod numbers;
pub mod sentences;
pub mod similarity;
mod tables;

use crate::diag::{Diagnostic, Severity};
use crate::model::Report;

pub use narrative::PLACEHOLDER;

/// The rules, in report order. Hard rules (R) are errors; soft rules (S) are warnings (S1
/// is information when the report explains the break).
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
    /// for 行政规范性文件 and 规章. A break the data explains (`note`) is information.
    S1,
    /// S2: 规章 should be 0 for a township, a county or a department (no rule-making power).
    S2,
    /// S3: the figures the narrative states (本年新收, 上年结转, 办结, 结转下年度, the result
    /// split, 行政复议, 行政诉讼, and table 二's figures) match the tables.
    S3,
    /// S4: section 六 says whether 信息处理费 was charged.
    S4,
    /// S5: the title follows the form's pattern `{机关名称}{YYYY}年政府信息公开工作年度报告`.
    S5,
    /// S6: no stale year: the title's year is the report year, and the narrative does not
    /// present an earlier year as this year's (outside comparisons and references).
    S6,
    /// S7: section 五 states a problem and a measure (not empty, not "无", not a few words).
    S7,
    /// S8: an imported table cell held a blank, "/", "-" or "无" instead of 0.
    S8,
    /// S9, with last year's report: no implausible jump (above 5× or below 0.2×) on a key
    /// total, ignoring small numbers.
    S9,
    /// S10, with last year's report: a section's text is not mostly last year's (above 60%;
    /// above 80% is high).
    S10,
    /// S11, over a run of reports: no passage copied between two units.
    S11,
    /// S12: no section is still marked 待填写 (as `aggregate` leaves them without a
    /// narrative).
    S12,
}

/// Every rule, in order.
pub const ALL: [Rule; 18] = [
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
    Rule::S6,
    Rule::S7,
    Rule::S8,
    Rule::S9,
    Rule::S10,
    Rule::S11,
    Rule::S12,
];

impl Rule {
    /// The stable code, e.g. `R1`.
    pub fn code(self) -> &'static str {
        const CODES: [&str; 18] = [
            "R1", "R2", "R3", "R4", "R5", "R6", "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8",
            "S9", "S10", "S11", "S12",
        ];
        CODES[self as usize]
    }

    /// Errors for R rules, warnings for S rules.
    pub fn severity(self) -> Severity {
        if self <= Rule::R6 { Severity::Error } else { Severity::Warning }
    }

    fn finding(self, message: String) -> Diagnostic {
        match self.severity() {
            Severity::Error => Diagnostic::error(self.code(), message),
            _ => Diagnostic::warning(self.code(), message),
        }
    }

    /// The position of a finding's code in report order (other codes after every rule).
    pub fn rank(code: &str) -> usize {
        ALL.iter().position(|r| r.code() == code).unwrap_or(ALL.len())
    }
}

/// Check a report (and, when given, last year's report of the same organization).
/// `file` names the report in every finding. Findings come back sorted: errors first, then
/// by rule, then in the form's order. Text copied between units needs the whole run: see
/// [`copies`].
pub fn validate(report: &Report, previous: Option<&Report>, file: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    tables::check(report, &mut out);
    if let Some(prev) = previous {
        cross_year::check(report, prev, &mut out);
    }
    narrative::check(report, &mut out);
    for d in &mut out {
        d.location.file = Some(file.to_string());
    }
    sort(&mut out);
    out
}

/// Sort findings: errors first, then warnings, then information; within each, by rule.
pub fn sort(findings: &mut [Diagnostic]) {
    findings.sort_by_key(|d| (d.severity, Rule::rank(d.code)));
}
