//! Finding tables 二, 三 and 四 by their labels, however the source cut them: several
//! consecutive source tables (a table split across pages, header rows repeated, table 二 as
//! four small tables) are read as one. Each source table is seen as rows of the cells that
//! cover them, so a merged label (rowspan, vMerge) is seen on every row it spans.

use super::ending::is_furniture;
use super::labels::{best_match, norm};
use super::{Ctx, small_tables, table3};
use crate::input::document::{Block, Cell, Document, Table};
use crate::model::{Appeals, Proactive, Requests};

/// The three tables as read (`None`: not found or not readable).
#[derive(Debug, Default)]
pub(super) struct Tables {
    /// 表二.
    pub proactive: Option<Proactive>,
    /// 表三.
    pub requests: Option<Requests>,
    /// 表四.
    pub appeals: Option<Appeals>,
    /// Whether each of 表二, 表三, 表四 was found in the document.
    pub found: [bool; 3],
    /// Set when a table follows the 2019 试行 format: what shows it.
    pub old_format: Option<String>,
}

/// Which table of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// 表二 (主动公开).
    Two,
    /// 表三 (申请).
    Three,
    /// 表四 (复议诉讼).
    Four,
}

impl Kind {
    /// The table's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Two => "表二",
            Kind::Three => "表三",
            Kind::Four => "表四",
        }
    }
}

/// One grid row of a source table: the cells that cover it, left to right.
#[derive(Debug, Clone)]
pub(super) struct Row<'a> {
    /// The cells covering the row (merged cells from rows above included).
    pub cells: Vec<&'a Cell>,
    /// The row on its table's grid.
    pub grid_row: usize,
}

impl<'a> Row<'a> {
    /// The last `n` cells, when the row has more than `n` and they all start in this row
    /// (value cells never span rows).
    pub fn values(&self, n: usize) -> Option<&[&'a Cell]> {
        let k = self.cells.len().checked_sub(n)?;
        let vals = &self.cells[k..];
        vals.iter().all(|c| c.row == self.grid_row).then_some(vals)
    }

    /// The row's text, normalized.
    pub fn text(&self) -> String {
        self.cells.iter().map(|c| norm(&c.text)).collect()
    }

    /// Whether every cell is blank.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| norm(&c.text).is_empty())
    }

    /// Where the row is, for messages about it: the first cell that starts in this row (a
    /// merged group label above it would name the group's first row).
    pub fn origin(&self) -> String {
        let own = self.cells.iter().find(|c| c.row == self.grid_row);
        own.or(self.cells.first()).map(|c| c.origin.describe()).unwrap_or_default()
    }
}

/// The rows of a table's grid, each with the cells covering it.
pub(super) fn rows(table: &Table) -> Vec<Row<'_>> {
    let mut out: Vec<Row> =
        (0..table.rows).map(|r| Row { cells: Vec::new(), grid_row: r }).collect();
    // Columns at the right that are blank in every row (an empty last column, as Word and
    // web tables often carry) are not part of the form's grid.
    let last = table
        .cells
        .iter()
        .filter(|c| !norm(&c.text).is_empty())
        .map(|c| c.col + c.colspan.max(1) - 1)
        .max()
        .unwrap_or(0);
    for cell in table.cells.iter().filter(|c| c.col <= last) {
        let end = (cell.row + cell.rowspan.max(1)).min(table.rows);
        for row in out.iter_mut().take(end).skip(cell.row) {
            row.cells.push(cell);
        }
    }
    for row in &mut out {
        row.cells.sort_by_key(|c| c.col);
    }
    out
}

/// A piece of a table 三 label left between two parts of the table in copied text ("（四）无"
/// of （四）无法提供 at the foot of a page, the first line of a label that wraps over a blank
/// line): not text that separates two tables.
fn is_label_piece(text: &str) -> bool {
    let n = norm(text);
    let piece = |p: &str| {
        (2..=30).contains(&p.chars().count())
            && crate::model::form::T3_ROWS
                .iter()
                .flat_map(|r| r.group.into_iter().chain([r.label]))
                .any(|label| norm(label).contains(p))
    };
    // Table 二's block headers ("第二十条第（八）项", "信息内容 本年收费金额…") left above a
    // page break, away from the row they head.
    let t2_header = n.starts_with("第二十条") || n.starts_with("信息内容");
    // As printed ("（四）无"), or without its ordinal ("1、申请人…" printed as 1、 not 1.).
    t2_header || piece(&n) || piece(super::labels::core(&n))
}

/// How many cells of a table hold a number.
fn numbers(table: &Table) -> usize {
    table
        .cells
        .iter()
        .filter(|c| {
            let t = norm(&c.text);
            !t.is_empty() && t.chars().all(|ch| ch.is_ascii_digit() || ch == '.')
        })
        .count()
}

/// Words that mark each table, with weights.
const MARKS: [(Kind, &[(&str, u32)]); 3] = [
    (
        Kind::Two,
        &[
            ("第二十条", 3),
            ("信息内容", 2),
            ("本年制发件数", 2),
            ("行政规范性文件", 2),
            ("规章", 1),
            ("行政许可", 1),
            ("行政处罚", 1),
            ("行政强制", 1),
            ("行政事业性收费", 2),
            ("本年处理决定数量", 2),
            ("本年收费金额", 2),
            ("本年新制作数量", 3),
        ],
    ),
    (
        Kind::Three,
        &[
            ("申请人情况", 3),
            ("自然人", 2),
            ("本年新收", 3),
            ("上年结转", 3),
            ("予以公开", 3),
            ("不予公开", 2),
            ("无法提供", 2),
            ("不予处理", 2),
            ("其他处理", 2),
            ("结转下年度", 3),
            ("勾稽关系", 3),
            ("属于国家秘密", 2),
        ],
    ),
    (
        Kind::Four,
        &[
            ("行政复议", 2),
            ("行政诉讼", 2),
            ("结果维持", 2),
            ("结果纠正", 2),
            ("未经复议直接起诉", 3),
            ("复议后起诉", 3),
            ("尚未审结", 2),
        ],
    ),
];

/// Which table of the form a source table is, by the labels in it (`None`: no labels, e.g.
/// the continuation of a table on the next page).
fn classify(table: &Table) -> Option<Kind> {
    let text: String = table.cells.iter().map(|c| norm(&c.text)).collect();
    MARKS
        .iter()
        .map(|(kind, marks)| {
            (*kind, marks.iter().filter(|(m, _)| text.contains(m)).map(|(_, w)| w).sum::<u32>())
        })
        .filter(|(_, score)| *score >= 3)
        .max_by_key(|(_, score)| *score)
        .map(|(kind, _)| kind)
}

/// Labels of the 2019 试行 table 二 (not in the 2021 form).
const OLD_T2: [&str; 9] = [
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "第二十条第(九)项",
    "政府集中采购",
    "采购项目数量",
    "采购总金额",
];

/// Find and read the three tables.
pub(super) fn read<'a>(doc: &'a Document, ctx: &mut Ctx) -> Tables {
    let mut groups: Vec<(Kind, Vec<Row<'a>>)> = Vec::new();
    let mut contiguous = false;
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => contiguous &= is_furniture(&p.text) || is_label_piece(&p.text),
            Block::Table(t) => {
                match classify(t) {
                    Some(kind) => match groups.iter().position(|(k, _)| *k == kind) {
                        Some(i) if i + 1 == groups.len() => groups[i].1.extend(rows(t)),
                        Some(_) => ctx.warn(
                            "import-table",
                            format!(
                                "{}又出现了一次（{}），只读取第一个",
                                kind.name(),
                                t.origin.describe()
                            ),
                        ),
                        None => groups.push((kind, rows(t))),
                    },
                    None if contiguous && !groups.is_empty() => {
                        if let Some((_, rows_so_far)) = groups.last_mut() {
                            rows_so_far.extend(rows(t));
                        }
                    }
                    // A table of numbers that is neither table nor the continuation of one
                    // (text stands between): say so rather than drop it silently.
                    None if numbers(t) >= 3 => ctx.warn(
                        "import-skipped",
                        format!(
                            "{}的表格不是表二、表三或表四，也不紧接在它们后面，未导入",
                            t.origin.describe()
                        ),
                    ),
                    None => {}
                }
                contiguous = true;
            }
        }
    }
    let mut out = Tables::default();
    for (kind, rows) in &groups {
        let i = match kind {
            Kind::Two => 0,
            Kind::Three => 1,
            Kind::Four => 2,
        };
        out.found[i] = true;
        let rows: Vec<Row> = rows.iter().filter(|r| !r.is_blank()).cloned().collect();
        match kind {
            Kind::Two => {
                let text: String = rows.iter().map(Row::text).collect();
                if let Some(m) = OLD_T2.iter().find(|m| text.contains(*m)) {
                    out.old_format = Some(format!("表二是 2019 年试行格式（有“{m}”）"));
                    return out;
                }
                out.proactive = small_tables::table2(&rows, ctx);
            }
            Kind::Three => out.requests = table3::read(&rows, ctx),
            Kind::Four => out.appeals = small_tables::table4(&rows, ctx),
        }
    }
    for (i, kind) in [Kind::Two, Kind::Three, Kind::Four].into_iter().enumerate() {
        if !out.found[i] {
            ctx.error(
                "import-table",
                format!(
                    "没有找到{}（{}）：文件中没有带这些标签的表格；网页或 PDF 可能把表格转成了文字",
                    kind.name(),
                    crate::model::form::SECTIONS[i + 1]
                ),
            );
        }
    }
    out
}

/// Match a printed row label against the form's, warning when it is misprinted (the
/// warning names the closest label and the field, `path(i)`). Returns the index into `labels`.
pub(super) fn match_label(
    printed: &str,
    labels: &[&str],
    table: Kind,
    origin: &str,
    path: impl Fn(usize) -> String,
    ctx: &mut Ctx,
) -> Option<usize> {
    let (i, m) = best_match(printed, labels.iter().copied())?;
    if let super::labels::Match::Close(_) = m {
        let mut d = crate::diag::Diagnostic::warning(
            "import-label",
            format!(
                "{}的标签“{}”与统一格式不同，按最接近的“{}”读取",
                table.name(),
                super::labels::clean_text(printed),
                labels[i]
            ),
        )
        .field(path(i));
        if !origin.is_empty() {
            d = d.origin(origin.to_string());
        }
        ctx.push(d);
    }
    Some(i)
}
