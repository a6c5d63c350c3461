//! Every number of the form as a field: the 10 of table 二, the 25 × 7 of table 三 and the
//! 3 × 5 of table 四, in the form's order, with their data paths and how a report holds
//! them. Spreadsheets are laid out and read field by field; totals are fields too, held as
//! "given" (typed in a cell) or "computed" (a formula, or absent).

use crate::model::form::{T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS};
use crate::model::{AppealGroup, ApplicantRow, Count, Report};

/// The row of （七）总计 in [`T3_ROWS`].
pub const HANDLED_TOTAL: usize = 23;

/// One number of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// 表二 第二十条第（一）项: row (0 规章, 1 行政规范性文件), column (0 本年制发件数,
    /// 1 本年废止件数, 2 现行有效件数).
    Stock(usize, usize),
    /// 表二 本年处理决定数量: 0 行政许可, 1 行政处罚, 2 行政强制.
    Decisions(usize),
    /// 表二 行政事业性收费 (万元).
    Fees,
    /// 表三: row of [`T3_ROWS`], column of [`T3_COLUMNS`] (6 = 总计).
    T3(usize, usize),
    /// 表四: group of [`T4_GROUPS`], column of [`T4_COLUMNS`] (4 = 总计).
    T4(usize, usize),
}

const STOCK_KEYS: [&str; 2] = ["rules", "normative_documents"];
const STOCK_COLUMNS: [&str; 3] = ["issued", "repealed", "in_force"];
const DECISION_KEYS: [&str; 3] = ["licensing", "punishment", "enforcement"];

impl Field {
    /// Every field in the form's order.
    pub fn all() -> Vec<Field> {
        let mut v = Vec::with_capacity(200);
        for r in 0..2 {
            v.extend((0..3).map(|c| Field::Stock(r, c)));
        }
        v.extend((0..3).map(Field::Decisions));
        v.push(Field::Fees);
        for r in 0..T3_ROWS.len() {
            v.extend((0..7).map(|c| Field::T3(r, c)));
        }
        for g in 0..3 {
            v.extend((0..5).map(|c| Field::T4(g, c)));
        }
        v
    }

    /// The field's position in [`Field::all`].
    pub fn index(self) -> usize {
        match self {
            Field::Stock(r, c) => 3 * r + c,
            Field::Decisions(i) => 6 + i,
            Field::Fees => 9,
            Field::T3(r, c) => 10 + 7 * r + c,
            Field::T4(g, c) => 10 + 7 * T3_ROWS.len() + 5 * g + c,
        }
    }

    /// The data path, e.g. `requests.withheld.third_party_rights.natural_person`.
    pub fn path(self) -> String {
        match self {
            Field::Stock(r, c) => format!("proactive.{}.{}", STOCK_KEYS[r], STOCK_COLUMNS[c]),
            Field::Decisions(i) => format!("proactive.{}", DECISION_KEYS[i]),
            Field::Fees => "proactive.fees".into(),
            Field::T3(r, c) => format!("requests.{}.{}", T3_ROWS[r].key, T3_COLUMNS[c].0),
            Field::T4(g, c) => format!("appeals.{}.{}", T4_GROUPS[g].0, T4_COLUMNS[c].0),
        }
    }

    /// Whether the field is a total (总计 columns, the （七）总计 row): a formula in a
    /// spreadsheet, checked against its parts when given.
    pub fn is_total(self) -> bool {
        matches!(self, Field::T3(r, c) if r == HANDLED_TOTAL || c == 6)
            || matches!(self, Field::T4(_, 4))
    }

    /// The count a report holds in an input field (0 for totals and the fee).
    pub fn count(self, report: &Report) -> u64 {
        let p = &report.proactive;
        match self {
            Field::Stock(r, c) => {
                let s = if r == 0 { &p.rules } else { &p.normative_documents };
                [s.issued, s.repealed, s.in_force][c].0
            }
            Field::Decisions(i) => [p.licensing, p.punishment, p.enforcement][i].0,
            Field::T3(r, c) if r != HANDLED_TOTAL && c < 6 => t3_row(report, r).parts()[c],
            Field::T4(g, c) if c < 4 => appeal(report, g).cells()[c],
            _ => 0,
        }
    }

    /// Set the count of an input field (totals and the fee are set elsewhere).
    pub fn set_count(self, report: &mut Report, v: u64) {
        let p = &mut report.proactive;
        match self {
            Field::Stock(r, c) => {
                let s = if r == 0 { &mut p.rules } else { &mut p.normative_documents };
                *[&mut s.issued, &mut s.repealed, &mut s.in_force][c] = Count(v);
            }
            Field::Decisions(i) => {
                *[&mut p.licensing, &mut p.punishment, &mut p.enforcement][i] = Count(v)
            }
            Field::T3(r, c) if r != HANDLED_TOTAL && c < 6 => {
                let row = t3_row_mut(report, r);
                let mut parts = row.parts();
                parts[c] = v;
                *row = ApplicantRow::from_parts(parts, row.total.map(|t| t.0));
            }
            Field::T4(g, c) if c < 4 => {
                let a = appeal_mut(report, g);
                *[&mut a.upheld, &mut a.corrected, &mut a.other, &mut a.pending][c] = Count(v);
            }
            _ => {}
        }
    }
}

/// A row of table 三 other than （七）总计, by its index in [`T3_ROWS`].
pub fn t3_row(report: &Report, r: usize) -> &ApplicantRow {
    let q = &report.requests;
    match r {
        0 => &q.new,
        1 => &q.carried_over,
        24 => &q.carried_forward,
        _ => q.leaves()[r - 2],
    }
}

/// A row of table 三 other than （七）总计, mutable.
pub fn t3_row_mut(report: &mut Report, r: usize) -> &mut ApplicantRow {
    let q = &mut report.requests;
    match r {
        0 => &mut q.new,
        1 => &mut q.carried_over,
        24 => &mut q.carried_forward,
        _ => q.leaves_mut().into_iter().nth(r - 2).expect("a leaf row"),
    }
}

/// The column sums of the 21 leaf rows (what the （七）总计 formulas compute).
pub fn leaf_sums(report: &Report) -> [u64; 6] {
    let mut sum = [0u64; 6];
    for leaf in report.requests.leaves() {
        for (s, v) in sum.iter_mut().zip(leaf.parts()) {
            *s += v;
        }
    }
    sum
}

/// The column sums of the 21 leaf rows over all 7 columns: the （七）总计 row as printed
/// when it is not given, and what its formulas compute.
pub fn leaf_columns(report: &Report) -> [u64; 7] {
    let mut sum = [0u64; 7];
    for leaf in report.requests.leaves() {
        for (s, v) in sum.iter_mut().zip(leaf.cells()) {
            *s += v;
        }
    }
    sum
}

/// The （七）总计 cells a spreadsheet holds as typed numbers (`None`: the formula, the
/// column sum of the leaf rows): a cell is typed where the report's row as printed differs
/// from what the formula gives when read back. Reading the cells back gives the same row.
pub fn handled_typed(report: &Report) -> [Option<u64>; 7] {
    let Some(row) = &report.requests.handled_total else { return [None; 7] };
    let (printed, leaves) = (row.cells(), leaf_columns(report));
    let mut typed: [Option<u64>; 7] =
        std::array::from_fn(|c| (c < 6 && printed[c] != leaves[c]).then_some(printed[c]));
    // Read back, a formula total is "computed": the leaves' total when nothing in the row is
    // typed, else the sum of the row's parts.
    let computed = if typed.iter().any(Option::is_some) {
        printed[..6].iter().sum::<u64>()
    } else {
        leaves[6]
    };
    typed[6] = (printed[6] != computed).then_some(printed[6]);
    typed
}

/// The （七）总计 row read from its cells (`typed`: the typed numbers, `None`: formulas).
pub fn handled_from(report: &Report, typed: [Option<u64>; 7]) -> Option<ApplicantRow> {
    if typed.iter().all(Option::is_none) {
        return None;
    }
    let leaves = leaf_columns(report);
    let parts: [u64; 6] = std::array::from_fn(|c| typed[c].unwrap_or(leaves[c]));
    Some(ApplicantRow::from_parts(parts, typed[6]))
}

/// The report as a spreadsheet holds it, so as it reads back: every given total that equals
/// its parts becomes computed (in a spreadsheet it is a formula, and a formula is never
/// read as a given value), and the import provenance is dropped (the workbook is a source
/// of its own). Everything a total is checked against is unchanged.
pub fn canonical(report: &Report) -> Report {
    let mut r = report.clone();
    r.imported = None;
    let drop_consistent = |row: &mut ApplicantRow| {
        if row.total.is_some_and(|t| t.0 == row.parts().iter().sum::<u64>()) {
            row.total = None;
        }
    };
    for i in (0..T3_ROWS.len()).filter(|&i| i != HANDLED_TOTAL) {
        drop_consistent(t3_row_mut(&mut r, i));
    }
    r.requests.handled_total = handled_from(&r, handled_typed(&r));
    for g in 0..3 {
        let a = appeal_mut(&mut r, g);
        if a.total.is_some_and(|t| t.0 == a.cells()[..4].iter().sum::<u64>()) {
            a.total = None;
        }
    }
    r
}

/// Group `g` of table 四 ([`T4_GROUPS`]).
pub fn appeal(report: &Report, g: usize) -> &AppealGroup {
    let a = &report.appeals;
    [&a.review, &a.litigation, &a.litigation_after_review][g]
}

/// Group `g` of table 四, mutable.
pub fn appeal_mut(report: &mut Report, g: usize) -> &mut AppealGroup {
    let a = &mut report.appeals;
    [&mut a.review, &mut a.litigation, &mut a.litigation_after_review]
        .into_iter()
        .nth(g)
        .expect("three groups")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_cover_the_form_with_distinct_paths() {
        let all = Field::all();
        assert_eq!(all.len(), 10 + 175 + 15);
        let mut paths: Vec<String> = all.iter().map(|f| f.path()).collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), all.len());
        assert!(all.iter().enumerate().all(|(i, f)| f.index() == i));
        for f in &all {
            assert!(crate::model::form::place(&f.path()).is_some(), "{f:?}");
        }
        assert_eq!(Field::T3(7, 0).path(), "requests.withheld.third_party_rights.natural_person");
        assert_eq!(all.iter().filter(|f| f.is_total()).count(), 25 + 6 + 3);
    }
}
