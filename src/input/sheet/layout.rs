//! The layout of the two workbooks nianbao writes: the fill-in workbook (表二, 表三 and 表四
//! laid out like the form, 基本信息, 正文, 说明) and the county-wide sheet (汇总表, one row per
//! unit). Where every label and every number sits, which ranges are merged, and the formula
//! of every total. The writer (`output::workbook`) lays the workbooks out from this and the
//! reader checks and reads them from it, so the two cannot drift apart. The form's labels
//! come from `model::form`.

use super::fields::{Field, HANDLED_TOTAL};
use super::grid::{address, column_name};
use crate::model::form::{self, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS, t2};

/// The template id of the fill-in workbook, in its metadata sheet.
pub const FILL_IN_ID: &str = "nianbao-fill-in";
/// The template id of the county-wide sheet.
pub const COUNTY_ID: &str = "nianbao-county";
/// The version of both layouts.
pub const VERSION: u32 = 1;
/// The (very hidden) metadata sheet: template id, version, data schema.
pub const META: &str = "nianbao";

/// Sheet 表二.
pub const T2: &str = "表二";
/// Sheet 表三.
pub const T3: &str = "表三";
/// Sheet 表四.
pub const T4: &str = "表四";
/// Sheet 基本信息.
pub const INFO: &str = "基本信息";
/// Sheet 正文.
pub const TEXT: &str = "正文";
/// Sheet 说明.
pub const HELP: &str = "说明";
/// The county-wide sheet.
pub const COUNTY: &str = "汇总表";

/// The label of the check row of 表三 (and the check column of 汇总表).
pub const CHECK: &str = "勾稽关系核对：一 + 二 = （七）总计 + 四";
/// What the check cells show when a column balances.
pub const BALANCED: &str = "平衡";

/// A label cell (merged over a range when it spans more than one cell), 0-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// First row.
    pub row: u32,
    /// First column.
    pub col: u32,
    /// Last row.
    pub last_row: u32,
    /// Last column.
    pub last_col: u32,
    /// The text.
    pub text: String,
}

fn label(row: u32, col: u32, last_row: u32, last_col: u32, text: &str) -> Label {
    Label { row, col, last_row, last_col, text: text.to_string() }
}

fn cell(row: u32, col: u32, text: &str) -> Label {
    label(row, col, row, col, text)
}

/// The first body row of 表三 (0-based; `一、本年新收…` is row 5 in the sheet).
pub const T3_TOP: u32 = 4;
/// The first data column of 表三 (`D`).
pub const T3_LEFT: u32 = 3;
/// The check row of 表三 (0-based).
pub const T3_CHECK_ROW: u32 = T3_TOP + 25;
/// The data row of 表四 (0-based).
pub const T4_ROW: u32 = 4;

/// Where a field sits in the fill-in workbook: sheet, row, column (0-based).
pub fn position(field: Field) -> (&'static str, u32, u32) {
    match field {
        Field::Stock(r, c) => (T2, 3 + r as u32, 1 + c as u32),
        Field::Decisions(i) => (T2, [7, 10, 11][i], 1),
        Field::Fees => (T2, 14, 1),
        Field::T3(r, c) => (T3, T3_TOP + r as u32, T3_LEFT + c as u32),
        Field::T4(g, c) => (T4, T4_ROW, (5 * g + c) as u32),
    }
}

/// The labels of a table sheet (`T2`, `T3`, `T4`), title included.
pub fn labels(sheet: &str) -> Vec<Label> {
    match sheet {
        T2 => t2_labels(),
        T3 => t3_labels(),
        T4 => t4_labels(),
        _ => Vec::new(),
    }
}

/// Merged ranges of input cells (the one-number rows of 表二), 0-based (row, col, last col).
pub fn input_merges(sheet: &str) -> Vec<(u32, u32, u32)> {
    if sheet == T2 { [7, 10, 11, 14].iter().map(|&r| (r, 1, 3)).collect() } else { Vec::new() }
}

fn t2_labels() -> Vec<Label> {
    let mut v = vec![label(0, 0, 0, 3, form::SECTIONS[1])];
    let header = |v: &mut Vec<Label>, row: u32, item: &str, column: &str| {
        v.push(label(row, 0, row, 3, item));
        v.push(cell(row + 1, 0, t2::CONTENT));
        v.push(label(row + 1, 1, row + 1, 3, column));
    };
    v.push(label(1, 0, 1, 3, t2::ITEM1));
    v.push(cell(2, 0, t2::CONTENT));
    for (c, t) in [t2::ISSUED, t2::REPEALED, t2::IN_FORCE].iter().enumerate() {
        v.push(cell(2, 1 + c as u32, t));
    }
    v.push(cell(3, 0, t2::RULES));
    v.push(cell(4, 0, t2::NORMATIVE));
    header(&mut v, 5, t2::ITEM5, t2::DECISIONS);
    v.push(cell(7, 0, t2::LICENSING));
    header(&mut v, 8, t2::ITEM6, t2::DECISIONS);
    v.push(cell(10, 0, t2::PUNISHMENT));
    v.push(cell(11, 0, t2::ENFORCEMENT));
    header(&mut v, 12, t2::ITEM8, t2::AMOUNT);
    v.push(cell(14, 0, t2::FEES));
    v
}

fn t3_labels() -> Vec<Label> {
    let mut v = vec![
        label(0, 0, 0, 9, form::SECTIONS[2]),
        label(1, 0, 3, 2, form::T3_NOTE),
        label(1, 3, 1, 9, form::T3_APPLICANTS),
        label(2, 3, 3, 3, T3_COLUMNS[0].1),
        label(2, 4, 2, 8, form::T3_ORGANIZATIONS),
        label(2, 9, 3, 9, T3_COLUMNS[6].1),
    ];
    for (c, (_, l)) in T3_COLUMNS[1..6].iter().enumerate() {
        v.push(cell(3, 4 + c as u32, l));
    }
    let top = T3_TOP;
    v.push(label(top + 2, 0, top + 23, 0, form::T3_RESULTS));
    let mut i = 0;
    while i < T3_ROWS.len() {
        let row = &T3_ROWS[i];
        let r = top + i as u32;
        match row.group {
            None if (2..=HANDLED_TOTAL).contains(&i) => v.push(label(r, 1, r, 2, row.label)),
            None => v.push(label(r, 0, r, 2, row.label)),
            Some(group) => {
                let n = T3_ROWS[i..].iter().take_while(|x| x.group == Some(group)).count();
                v.push(label(r, 1, r + n as u32 - 1, 1, group));
                for (k, x) in T3_ROWS[i..i + n].iter().enumerate() {
                    v.push(cell(r + k as u32, 2, x.label));
                }
                i += n;
                continue;
            }
        }
        i += 1;
    }
    v.push(label(T3_CHECK_ROW, 0, T3_CHECK_ROW, 2, CHECK));
    v
}

fn t4_labels() -> Vec<Label> {
    let mut v = vec![
        label(0, 0, 0, 14, form::SECTIONS[3]),
        label(1, 0, 1, 4, form::T4_REVIEW),
        label(1, 5, 1, 14, form::T4_LITIGATION),
        label(2, 5, 2, 9, form::T4_DIRECT),
        label(2, 10, 2, 14, form::T4_AFTER_REVIEW),
    ];
    for (k, (_, l)) in T4_COLUMNS.iter().enumerate() {
        let k = k as u32;
        v.push(label(2, k, 3, k, l));
        v.push(cell(3, 5 + k, l));
        v.push(cell(3, 10 + k, l));
    }
    v
}

/// The formula of a total field in the fill-in workbook.
pub fn formula(field: Field) -> Option<String> {
    let (_, row, col) = position(field);
    let n = row + 1;
    match field {
        Field::T3(HANDLED_TOTAL, _) => {
            let col = column_name(col);
            Some(format!("=SUM({col}{}:{col}{})", T3_TOP + 3, T3_TOP + 23))
        }
        Field::T3(_, 6) => Some(format!("=SUM(D{n}:I{n})")),
        Field::T4(_, 4) => {
            Some(format!("=SUM({}:{})", address(row, col - 4), address(row, col - 1)))
        }
        _ => None,
    }
}

/// The check formula of 表三's column `c` (0–6): 平衡, or the difference.
pub fn check_formula(c: usize) -> String {
    let col = column_name(T3_LEFT + c as u32);
    let (a, b, x, y) = (T3_TOP + 1, T3_TOP + 2, T3_TOP + 24, T3_TOP + 25);
    format!(
        "=IF({col}{a}+{col}{b}={col}{x}+{col}{y},\"{BALANCED}\",\"不平衡：差\"&({col}{a}+{col}{b}-{col}{x}-{col}{y}))"
    )
}

/// The condition (relative to the first check cell) under which a check cell turns red.
pub fn check_alarm() -> String {
    let (a, b, x, y) = (T3_TOP + 1, T3_TOP + 2, T3_TOP + 24, T3_TOP + 25);
    format!("=D{a}+D{b}<>D{x}+D{y}")
}

/// The rows of 基本信息 (0-based from row 1): label and the note beside it.
pub const INFO_ROWS: [(&str, &str); 6] = [
    ("机关名称", "必填，如“蔡家堡乡人民政府”"),
    ("报告年度", "必填，报告所述的年度，四位数字，如 2024"),
    (
        "机关层级",
        "选填：乡镇、县级政府、市级政府、省级政府、政府部门、国务院部门（用于规章等检查）",
    ),
    ("标题", "选填；留空则为“机关名称＋年度＋政府信息公开工作年度报告”"),
    ("署名", "选填：发文机关署名，印在正文末尾"),
    ("成文日期", "选填，如 2025-01-20；与署名一起填写"),
];
/// The header of 基本信息.
pub const INFO_HEADER: [&str; 3] = ["项目", "填写内容", "说明"];
/// The header of 正文.
pub const TEXT_HEADER: [&str; 4] = ["部分", "层级", "小标题", "正文"];
/// The level names of 机关层级, with their data keys.
pub const LEVELS: [(&str, &str); 6] = [
    ("乡镇", "township"),
    ("县级政府", "county"),
    ("市级政府", "city"),
    ("省级政府", "province"),
    ("政府部门", "department"),
    ("国务院部门", "ministry"),
];

/// The county sheet's leading columns: 机关名称, 报告年度, 机关层级.
pub const COUNTY_KEYS: [&str; 3] = ["机关名称", "报告年度", "机关层级"];
/// The first data row of the county sheet (0-based; row 3 in the sheet).
pub const COUNTY_TOP: u32 = 2;

/// The county sheet's column of a field (0-based).
pub fn county_column(field: Field) -> u32 {
    3 + field.index() as u32
}

/// The county sheet's check column (after every field).
pub fn county_check_column() -> u32 {
    3 + Field::all().len() as u32
}

/// The county sheet's two header rows.
pub fn county_labels() -> Vec<Label> {
    let mut v = Vec::new();
    for (c, k) in COUNTY_KEYS.iter().enumerate() {
        v.push(label(0, c as u32, 1, c as u32, k));
    }
    let fields = Field::all();
    let mut i = 0;
    while i < fields.len() {
        let (group, width, columns): (String, usize, Vec<&str>) = match fields[i] {
            Field::Stock(r, _) => (
                format!("表二 {} · {}", t2::ITEM1, [t2::RULES, t2::NORMATIVE][r]),
                3,
                vec![t2::ISSUED, t2::REPEALED, t2::IN_FORCE],
            ),
            Field::Decisions(d) => (
                format!(
                    "表二 {} · {}",
                    [t2::ITEM5, t2::ITEM6, t2::ITEM6][d],
                    [t2::LICENSING, t2::PUNISHMENT, t2::ENFORCEMENT][d]
                ),
                1,
                vec![t2::DECISIONS],
            ),
            Field::Fees => (format!("表二 {} · {}", t2::ITEM8, t2::FEES), 1, vec![t2::AMOUNT]),
            Field::T3(r, _) => {
                let place = form::place(&format!("requests.{}", T3_ROWS[r].key));
                let row = place.map(|p| p.row).unwrap_or_default();
                (format!("表三 {row}"), 7, T3_COLUMNS.iter().map(|c| c.1).collect())
            }
            Field::T4(g, _) => {
                (format!("表四 {}", T4_GROUPS[g].1), 5, T4_COLUMNS.iter().map(|c| c.1).collect())
            }
        };
        let c = 3 + i as u32;
        v.push(label(0, c, 0, c + width as u32 - 1, &group));
        for (k, t) in columns.iter().enumerate() {
            v.push(cell(1, c + k as u32, t));
        }
        i += width;
    }
    let c = county_check_column();
    v.push(label(0, c, 1, c, CHECK));
    v
}

/// The formula of a total field in county row `row` (0-based).
pub fn county_formula(field: Field, row: u32) -> Option<String> {
    let n = row + 1;
    let at = |f: Field| format!("{}{n}", column_name(county_column(f)));
    match field {
        Field::T3(HANDLED_TOTAL, c) => {
            let terms: Vec<String> = (2..HANDLED_TOTAL).map(|r| at(Field::T3(r, c))).collect();
            Some(format!("=SUM({})", terms.join(",")))
        }
        Field::T3(r, 6) => Some(format!("=SUM({}:{})", at(Field::T3(r, 0)), at(Field::T3(r, 5)))),
        Field::T4(g, 4) => Some(format!("=SUM({}:{})", at(Field::T4(g, 0)), at(Field::T4(g, 3)))),
        _ => None,
    }
}

/// The check formula of county row `row`: empty for a row without a unit, else 平衡 when
/// every column of 表三 balances.
pub fn county_check_formula(row: u32) -> String {
    let n = row + 1;
    let at = |r: usize, c: usize| format!("{}{n}", column_name(county_column(Field::T3(r, c))));
    let terms: Vec<String> = (0..7)
        .map(|c| format!("{}+{}={}+{}", at(0, c), at(1, c), at(HANDLED_TOTAL, c), at(24, c)))
        .collect();
    format!("=IF(A{n}=\"\",\"\",IF(AND({}),\"{BALANCED}\",\"不平衡\"))", terms.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_three_sits_where_the_form_puts_it() {
        // 表三!D12 is （三）不予公开 · 4.保护第三方合法权益, 自然人.
        assert_eq!(position(Field::T3(7, 0)), (T3, 11, 3));
        assert_eq!(formula(Field::T3(0, 6)).unwrap(), "=SUM(D5:I5)");
        assert_eq!(formula(Field::T3(HANDLED_TOTAL, 0)).unwrap(), "=SUM(D7:D27)");
        // （七）总计 is the column sum of the leaves in every column, 总计 included.
        assert_eq!(formula(Field::T3(HANDLED_TOTAL, 6)).unwrap(), "=SUM(J7:J27)");
        assert_eq!(formula(Field::T4(2, 4)).unwrap(), "=SUM(K5:N5)");
        assert_eq!(check_alarm(), "=D5+D6<>D28+D29");
        let l = labels(T3);
        assert!(l.contains(&label(8, 1, 15, 1, form::T3_WITHHELD)));
        assert!(l.contains(&label(6, 0, 27, 0, form::T3_RESULTS)));
        assert!(l.contains(&cell(11, 2, "4.保护第三方合法权益")));
    }

    #[test]
    fn county_columns_follow_the_fields() {
        let labels = county_labels();
        assert_eq!(county_column(Field::Stock(0, 0)), 3);
        assert_eq!(county_column(Field::T3(0, 0)), 13);
        assert_eq!(county_check_column(), 203);
        assert!(labels.iter().any(|l| l.text == "表三 一、本年新收政府信息公开申请数量"));
        let f = county_formula(Field::T3(0, 6), 2).unwrap();
        assert_eq!(f, "=SUM(N3:S3)");
    }
}
