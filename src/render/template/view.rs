//! The view model: a report as every output sees it. Narrative sections are flattened
//! into numbered blocks, the title is broken into balanced lines, and the tables become
//! rows of printed numbers with their form labels (for the Typst style library) and
//! grids of header and data cells (for HTML and DOCX). The Typst and HTML templates and
//! the DOCX writer all read this one view.

use serde::Serialize;

use super::blocks::{Block, blocks, title_lines};
use super::grid::Grids;
use super::tables;
use super::{FontRoles, OfficeFonts, RowHeights, Split, Style};
use crate::model::Report;
use crate::model::form;

/// A report as the templates see it.
#[derive(Debug, Serialize)]
pub struct View<'a> {
    /// The title as printed.
    pub title: String,
    /// The title broken into balanced lines.
    pub title_lines: Vec<String>,
    /// 机关名称.
    pub organization: &'a str,
    /// The year reported on.
    pub year: u16,
    /// Keywords for document metadata.
    pub keywords: Vec<String>,
    /// The resolved Typst font families of each role.
    pub fonts: &'a FontRoles,
    /// The official font names of each role, for documents opened on other machines.
    pub office_fonts: &'a OfficeFonts,
    /// House-style switches.
    pub style: &'a Style,
    /// The six section headings.
    pub sections: [&'static str; 6],
    /// Text before 一、.
    pub preface: Vec<Block>,
    /// 一、总体情况.
    pub overview: Vec<Block>,
    /// 五、存在的主要问题及改进情况.
    pub problems: Vec<Block>,
    /// 六、其他需要报告的事项.
    pub other_matters: Vec<Block>,
    t2: Table2,
    t3: Table3,
    t4: Table4,
    /// The tables as grids of cells with their headers.
    pub grids: Grids,
    /// Known row heights of the tables that may use them (see [`RowHeights`]).
    heights: Heights,
    /// The last row of table 三 on its first page, when it is split over two.
    t3_split: Option<usize>,
    /// The tables the template will measure and whose heights hold for every report
    /// (not serialized).
    #[serde(skip)]
    measured: Vec<&'static str>,
    /// 署名 and 成文日期.
    pub signature: Option<SignatureView>,
}

#[derive(Debug, Serialize, Default)]
struct Heights {
    t2: std::collections::BTreeMap<&'static str, Vec<f64>>,
    t3: Option<Vec<f64>>,
    t4: Option<Vec<f64>>,
}

/// A printed table cell: a count, or (with `--allow-invalid`) the invalid text as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
enum Cell {
    Count(u64),
    Raw(String),
}

impl Cell {
    fn is_count(&self) -> bool {
        matches!(self, Cell::Count(_))
    }
}

/// Cells of the report as printed, with invalid ones shown as written.
struct Cells<'a> {
    invalid: std::collections::HashMap<&'a str, &'a str>,
}

impl<'a> Cells<'a> {
    fn new(report: &'a Report) -> Self {
        let invalid = report
            .invalid_cells
            .iter()
            .map(|c| (c.path.as_str(), c.raw.trim_matches('"')))
            .collect();
        Self { invalid }
    }

    fn get(&self, path: &str, value: u64) -> Cell {
        match self.invalid.get(path) {
            Some(raw) => Cell::Raw((*raw).to_string()),
            None => Cell::Count(value),
        }
    }
}

#[derive(Debug, Serialize)]
struct Table2 {
    labels: Table2Labels,
    rules: [Cell; 3],
    normative: [Cell; 3],
    licensing: Cell,
    punishment: Cell,
    enforcement: Cell,
    fees: String,
}

#[derive(Debug, Serialize)]
struct Table2Labels {
    item1: &'static str,
    item5: &'static str,
    item6: &'static str,
    item8: &'static str,
    content: &'static str,
    issued: &'static str,
    repealed: &'static str,
    in_force: &'static str,
    decisions: &'static str,
    amount: &'static str,
    rules: &'static str,
    normative: &'static str,
    licensing: &'static str,
    punishment: &'static str,
    enforcement: &'static str,
    fees: &'static str,
}

#[derive(Debug, Serialize)]
struct Table3 {
    note: &'static str,
    applicants: &'static str,
    organizations: &'static str,
    results: &'static str,
    columns: Vec<&'static str>,
    rows: Vec<Table3Row>,
}

#[derive(Debug, Serialize)]
struct Table3Row {
    key: &'static str,
    label: &'static str,
    group: Option<&'static str>,
    /// The rowspan of the group cell, on the group's first row only.
    group_span: Option<usize>,
    cells: Vec<Cell>,
}

#[derive(Debug, Serialize)]
struct Table4 {
    review: &'static str,
    litigation: &'static str,
    direct: &'static str,
    after_review: &'static str,
    columns: Vec<&'static str>,
    groups: Vec<Vec<Cell>>,
}

/// 署名 and 成文日期, with where they sit (GB/T 9704 §7.3.5, no seal): the signature
/// right-indented 2 characters, the date's first character 2 characters right of the
/// signature's; when the date is the longer, the date is indented 2 and the signature
/// moves left to keep that offset.
#[derive(Debug, Serialize)]
pub struct SignatureView {
    /// 署名.
    pub organization: String,
    /// 成文日期, e.g. `2025年1月20日`.
    pub date: String,
    /// The signature's right indent, in characters (em).
    pub organization_indent: f64,
    /// The date's right indent, in characters (em).
    pub date_indent: f64,
}

impl SignatureView {
    fn new(organization: &str, date: String) -> Self {
        let width = |s: &str| s.chars().map(|c| if c.is_ascii() { 0.5 } else { 1.0 }).sum::<f64>();
        let (w_org, w_date) = (width(organization), width(&date));
        let (mut org, mut date_right) = (2.0, w_org - w_date);
        if date_right < 2.0 {
            date_right = 2.0;
            org = date_right + w_date + 2.0 - w_org;
        }
        Self {
            organization: organization.to_string(),
            date,
            organization_indent: org,
            date_indent: date_right,
        }
    }
}

impl<'a> View<'a> {
    /// The view of a report: `fonts` as resolved for Typst, `office` the official names,
    /// `known` the table row heights an earlier report measured (Typst only).
    pub fn new(
        report: &'a Report,
        fonts: &'a FontRoles,
        office: &'a OfficeFonts,
        style: &'a Style,
        known: &RowHeights,
        split: Option<&Split>,
    ) -> Self {
        let title = report.title();
        let p = &report.proactive;
        let cells = Cells::new(report);
        let stock = |key: &str, s: &crate::model::Stock| {
            [
                cells.get(&format!("proactive.{key}.issued"), s.issued.0),
                cells.get(&format!("proactive.{key}.repealed"), s.repealed.0),
                cells.get(&format!("proactive.{key}.in_force"), s.in_force.0),
            ]
        };
        let rows = report.requests.rows();
        let t3_rows = form::T3_ROWS
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let first_of_group =
                    r.group.is_some() && (i == 0 || form::T3_ROWS[i - 1].group != r.group);
                Table3Row {
                    key: r.key,
                    label: r.label,
                    group: r.group,
                    group_span: first_of_group
                        .then(|| form::T3_ROWS.iter().filter(|x| x.group == r.group).count()),
                    cells: rows[i]
                        .iter()
                        .enumerate()
                        .map(|(c, v)| {
                            cells.get(&format!("requests.{}.{}", r.key, form::T3_COLUMNS[c].0), *v)
                        })
                        .collect(),
                }
            })
            .collect();
        let a = &report.appeals;
        let t2 = Table2 {
            labels: Table2Labels {
                item1: form::t2::ITEM1,
                item5: form::t2::ITEM5,
                item6: form::t2::ITEM6,
                item8: form::t2::ITEM8,
                content: form::t2::CONTENT,
                issued: form::t2::ISSUED,
                repealed: form::t2::REPEALED,
                in_force: form::t2::IN_FORCE,
                decisions: form::t2::DECISIONS,
                amount: form::t2::AMOUNT,
                rules: form::t2::RULES,
                normative: form::t2::NORMATIVE,
                licensing: form::t2::LICENSING,
                punishment: form::t2::PUNISHMENT,
                enforcement: form::t2::ENFORCEMENT,
                fees: form::t2::FEES,
            },
            rules: stock("rules", &p.rules),
            normative: stock("normative_documents", &p.normative_documents),
            licensing: cells.get("proactive.licensing", p.licensing.0),
            punishment: cells.get("proactive.punishment", p.punishment.0),
            enforcement: cells.get("proactive.enforcement", p.enforcement.0),
            fees: match cells.invalid.get("proactive.fees") {
                Some(raw) => (*raw).to_string(),
                None => p.fees.0.clone(),
            },
        };
        let t3 = Table3 {
            note: form::T3_NOTE,
            applicants: form::T3_APPLICANTS,
            organizations: form::T3_ORGANIZATIONS,
            results: form::T3_RESULTS,
            columns: form::T3_COLUMNS.iter().map(|(_, l)| *l).collect(),
            rows: t3_rows,
        };
        let t4 = Table4 {
            review: form::T4_REVIEW,
            litigation: form::T4_LITIGATION,
            direct: form::T4_DIRECT,
            after_review: form::T4_AFTER_REVIEW,
            columns: form::T4_COLUMNS.iter().map(|(_, l)| *l).collect(),
            groups: form::T4_GROUPS
                .iter()
                .zip([a.review.cells(), a.litigation.cells(), a.litigation_after_review.cells()])
                .map(|((g, _), values)| {
                    values
                        .iter()
                        .enumerate()
                        .map(|(c, v)| {
                            cells.get(&format!("appeals.{g}.{}", form::T4_COLUMNS[c].0), *v)
                        })
                        .collect()
                })
                .collect(),
        };
        let grids = make_grids(&t2, &t3, &t4);
        let mut view = View {
            title_lines: title_lines(&title),
            keywords: vec![
                report.organization.clone(),
                format!("{}年", report.year.0),
                "政府信息公开工作年度报告".to_string(),
            ],
            title,
            organization: &report.organization,
            year: report.year.0,
            fonts,
            style,
            sections: form::SECTIONS,
            preface: blocks(&report.preface),
            overview: blocks(&report.overview),
            problems: blocks(&report.problems),
            other_matters: blocks(&report.other_matters),
            t2,
            t3,
            t4,
            signature: report
                .signature
                .as_ref()
                .map(|s| SignatureView::new(&s.organization, s.date.chinese())),
            grids,
            office_fonts: office,
            heights: Heights::default(),
            t3_split: None,
            measured: Vec::new(),
        };
        // Uniform tables get their kept heights, or are measured (and may be kept).
        for name in view.uniform_tables() {
            let Some(h) = known.get(name).cloned() else {
                view.measured.push(name);
                continue;
            };
            match name {
                "t3" => view.heights.t3 = Some(h),
                "t4" => view.heights.t4 = Some(h),
                _ => {
                    view.heights.t2.insert(name, h);
                }
            }
        }
        if let Some(split) = split {
            view.t3_split = Some(split.row);
            view.heights.t3 = Some(split.heights.clone());
            view.measured.retain(|name| *name != "t3");
        }
        view
    }

    /// The tables that print only labels and counts: their row heights are the same
    /// for every report. 表二's 收费 block prints the fee as written, so it never is.
    fn uniform_tables(&self) -> Vec<&'static str> {
        fn counts<'c>(mut cells: impl Iterator<Item = &'c Cell>) -> bool {
            cells.all(Cell::is_count)
        }
        let t2 = &self.t2;
        [
            ("t2-stock", counts(t2.rules.iter().chain(&t2.normative))),
            ("t2-licensing", t2.licensing.is_count()),
            ("t2-punishment", t2.punishment.is_count() && t2.enforcement.is_count()),
            ("t3", counts(self.t3.rows.iter().flat_map(|r| &r.cells))),
            ("t4", counts(self.t4.groups.iter().flatten())),
        ]
        .into_iter()
        .filter_map(|(name, uniform)| uniform.then_some(name))
        .collect()
    }

    /// The uniform tables whose heights were not passed in, so the template measures
    /// them: what it measures may be kept for the next reports.
    pub(super) fn measured(&self) -> &[&'static str] {
        &self.measured
    }
}

/// The grids of the three tables, from the printed values.
fn make_grids(t2: &Table2, t3: &Table3, t4: &Table4) -> Grids {
    let text = |c: &Cell| match c {
        Cell::Count(n) => n.to_string(),
        Cell::Raw(s) => s.clone(),
    };
    let t3_text: Vec<Vec<String>> =
        t3.rows.iter().map(|r| r.cells.iter().map(text).collect()).collect();
    let t4_text: Vec<Vec<String>> =
        t4.groups.iter().map(|g| g.iter().map(text).collect()).collect();
    tables::grids(&tables::Values {
        t2_stock: [t2.rules.each_ref().map(text), t2.normative.each_ref().map(text)],
        t2_single: [
            text(&t2.licensing),
            text(&t2.punishment),
            text(&t2.enforcement),
            t2.fees.clone(),
        ],
        t3: &t3_text,
        t4: &t4_text,
    })
}
