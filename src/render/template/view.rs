//! The view model: a report as the templates see it. Narrative sections are flattened
//! into numbered blocks, the title is broken into balanced lines, and the tables become
//! rows of printed numbers with their form labels.

use serde::Serialize;

use super::{FontRoles, RowHeights, Split, Style};
use crate::model::form;
use crate::model::{Paragraph, Report};

/// One narrative block, flattened from the nested paragraphs of the data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    /// `text`, `run_in` (subheading + text in one paragraph) or `heading` (own line).
    pub kind: &'static str,
    /// Heading level: 2 for （一）, 3 for 1., 4 for （1）; 0 for plain text.
    pub level: u8,
    /// The automatic number, e.g. `（二）`; empty when the heading has its own.
    pub number: String,
    /// The subheading text.
    pub heading: String,
    /// The paragraph text.
    pub text: String,
}

#[derive(Serialize)]
pub(super) struct View<'a> {
    title: String,
    title_lines: Vec<String>,
    organization: &'a str,
    year: u16,
    keywords: Vec<String>,
    fonts: &'a FontRoles,
    style: &'a Style,
    sections: [&'static str; 6],
    preface: Vec<Block>,
    overview: Vec<Block>,
    problems: Vec<Block>,
    other_matters: Vec<Block>,
    t2: Table2,
    t3: Table3,
    t4: Table4,
    /// Known row heights of the tables that may use them (see [`RowHeights`]).
    heights: Heights,
    /// The last row of table 三 on its first page, when it is split over two.
    t3_split: Option<usize>,
    /// The tables the template will measure and whose heights hold for every report
    /// (not serialized).
    #[serde(skip)]
    measured: Vec<&'static str>,
    signature: Option<SignatureView>,
}

#[derive(Serialize, Default)]
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

#[derive(Serialize)]
struct Table2 {
    labels: Table2Labels,
    rules: [Cell; 3],
    normative: [Cell; 3],
    licensing: Cell,
    punishment: Cell,
    enforcement: Cell,
    fees: String,
}

#[derive(Serialize)]
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

#[derive(Serialize)]
struct Table3 {
    note: &'static str,
    applicants: &'static str,
    organizations: &'static str,
    results: &'static str,
    columns: Vec<&'static str>,
    rows: Vec<Table3Row>,
}

#[derive(Serialize)]
struct Table3Row {
    key: &'static str,
    label: &'static str,
    group: Option<&'static str>,
    /// The rowspan of the group cell, on the group's first row only.
    group_span: Option<usize>,
    cells: Vec<Cell>,
}

#[derive(Serialize)]
struct Table4 {
    review: &'static str,
    litigation: &'static str,
    direct: &'static str,
    after_review: &'static str,
    columns: Vec<&'static str>,
    groups: Vec<Vec<Cell>>,
}

#[derive(Serialize)]
struct SignatureView {
    organization: String,
    date: String,
}

impl<'a> View<'a> {
    pub(super) fn new(
        report: &'a Report,
        fonts: &'a FontRoles,
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
            t2: Table2 {
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
            },
            t3: Table3 {
                note: form::T3_NOTE,
                applicants: form::T3_APPLICANTS,
                organizations: form::T3_ORGANIZATIONS,
                results: form::T3_RESULTS,
                columns: form::T3_COLUMNS.iter().map(|(_, l)| *l).collect(),
                rows: t3_rows,
            },
            t4: Table4 {
                review: form::T4_REVIEW,
                litigation: form::T4_LITIGATION,
                direct: form::T4_DIRECT,
                after_review: form::T4_AFTER_REVIEW,
                columns: form::T4_COLUMNS.iter().map(|(_, l)| *l).collect(),
                groups: form::T4_GROUPS
                    .iter()
                    .zip([
                        a.review.cells(),
                        a.litigation.cells(),
                        a.litigation_after_review.cells(),
                    ])
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
            },
            signature: report.signature.as_ref().map(|s| SignatureView {
                organization: s.organization.clone(),
                date: s.date.chinese(),
            }),
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

/// Flatten paragraphs into blocks, numbering subheadings （一）（二）… and, below an
/// own-line subheading, 1. 2. … Headings that already carry a number keep theirs.
pub fn blocks(paragraphs: &[Paragraph]) -> Vec<Block> {
    let mut out = Vec::new();
    push_blocks(&mut out, paragraphs, 2);
    out
}

fn push_blocks(out: &mut Vec<Block>, paragraphs: &[Paragraph], level: u8) {
    let mut counter = 0;
    for p in paragraphs {
        match p {
            Paragraph::Text(text) => out.push(Block {
                kind: "text",
                level: 0,
                number: String::new(),
                heading: String::new(),
                text: text.clone(),
            }),
            Paragraph::RunIn { heading, text } => {
                counter += 1;
                out.push(Block {
                    kind: "run_in",
                    level,
                    number: number_for(heading, level, counter),
                    heading: heading.clone(),
                    text: text.clone(),
                });
            }
            Paragraph::Section { heading, paragraphs } => {
                counter += 1;
                out.push(Block {
                    kind: "heading",
                    level,
                    number: number_for(heading, level, counter),
                    heading: heading.clone(),
                    text: String::new(),
                });
                push_blocks(out, paragraphs, (level + 1).min(4));
            }
        }
    }
}

fn number_for(heading: &str, level: u8, n: usize) -> String {
    if has_number(heading) {
        return String::new();
    }
    match level {
        2 => format!("（{}）", chinese_numeral(n)),
        3 => format!("{n}."),
        _ => format!("（{n}）"),
    }
}

/// Whether a heading already starts with a 序数 such as （一）, (二), 1. or （1）.
fn has_number(heading: &str) -> bool {
    let h = heading.trim_start();
    let is_cn = |c: char| "一二三四五六七八九十百零".contains(c);
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = h.strip_prefix(open)
            && let Some(end) = rest.find(close)
        {
            let inner = &rest[..end];
            if !inner.is_empty()
                && (inner.chars().all(is_cn) || inner.chars().all(|c| c.is_ascii_digit()))
            {
                return true;
            }
        }
    }
    let digits: String = h.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        return matches!(h[digits.len()..].chars().next(), Some('.' | '．' | '、'));
    }
    let cn: String = h.chars().take_while(|c| is_cn(*c)).collect();
    !cn.is_empty() && h[cn.len()..].starts_with('、')
}

/// 1 → 一, 12 → 十二, 20 → 二十, 35 → 三十五 (up to 99).
fn chinese_numeral(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[n - 10] }),
        20..=99 => format!("{}十{}", D[n / 10], if n.is_multiple_of(10) { "" } else { D[n % 10] }),
        _ => n.to_string(),
    }
}

/// Characters of a 2号 title that fit the 156 mm text block (in em).
const TITLE_CAPACITY: f64 = 20.0;

fn char_width(c: char) -> f64 {
    if c.is_ascii() { 0.5 } else { 1.0 }
}

fn width(s: &str) -> f64 {
    s.chars().map(char_width).sum()
}

/// Break a title into lines for the 2号 title block: one line when it fits, otherwise
/// balanced lines (梯形/菱形), preferring breaks between phrases (after the year, before
/// 政府信息公开…) and never inside a number.
pub fn title_lines(title: &str) -> Vec<String> {
    let title = title.trim();
    let total = width(title);
    if total <= TITLE_CAPACITY {
        return vec![title.to_string()];
    }
    let chars: Vec<char> = title.chars().collect();
    let lines = (total / TITLE_CAPACITY).ceil() as usize;
    let mut out = Vec::with_capacity(lines);
    let mut start = 0;
    for k in 1..lines {
        let remaining = lines - k + 1;
        let rest_width: f64 = chars[start..].iter().map(|c| char_width(*c)).sum();
        let target = rest_width / remaining as f64;
        let mut best: Option<(f64, usize)> = None;
        let mut w = 0.0;
        for i in start + 1..chars.len() {
            w += char_width(chars[i - 1]);
            if w > TITLE_CAPACITY {
                break;
            }
            if !breakable(&chars, i) {
                continue;
            }
            // Balance first; a phrase boundary is worth a few characters of imbalance.
            let cost = (w - target).abs() - phrase_bonus(&chars, i);
            if best.is_none_or(|(c, _)| cost < c) {
                best = Some((cost, i));
            }
        }
        let Some((_, at)) = best else { break };
        out.push(chars[start..at].iter().collect());
        start = at;
    }
    out.push(chars[start..].iter().collect());
    out
}

fn breakable(chars: &[char], i: usize) -> bool {
    let (prev, next) = (chars[i - 1], chars[i]);
    let no_start = "，。、；：？！）》”’·";
    let no_end = "（《“‘";
    let inside_number = prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric();
    !(inside_number || no_start.contains(next) || no_end.contains(prev))
}

/// How much a break before `chars[i]` is worth, in characters of imbalance: most before
/// 政府信息公开…, less after the year or before a number.
fn phrase_bonus(chars: &[char], i: usize) -> f64 {
    let rest: String = chars[i..].iter().collect();
    let prev = chars[i - 1];
    if rest.starts_with("政府信息公开") {
        4.0
    } else if (prev == '年' && i >= 2 && chars[i - 2].is_ascii_digit() && !rest.starts_with('度'))
        || (prev == '度' && i >= 2 && chars[i - 2] == '年')
        || (rest.starts_with(|c: char| c.is_ascii_digit()) && !prev.is_ascii_digit())
    {
        2.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_and_existing_numbers() {
        assert_eq!(chinese_numeral(1), "一");
        assert_eq!(chinese_numeral(10), "十");
        assert_eq!(chinese_numeral(11), "十一");
        assert_eq!(chinese_numeral(20), "二十");
        assert_eq!(chinese_numeral(23), "二十三");
        assert!(has_number("（一）加强"));
        assert!(has_number("(三)加强"));
        assert!(has_number("1.加强"));
        assert!(has_number("（2）加强"));
        assert!(has_number("二、加强"));
        assert!(!has_number("一是加强"));
        assert!(!has_number("2024年工作"));
        let b = blocks(&[
            Paragraph::RunIn { heading: "甲".into(), text: "x".into() },
            Paragraph::Text("p".into()),
            Paragraph::RunIn { heading: "（二）乙".into(), text: "y".into() },
            Paragraph::Section {
                heading: "丙".into(),
                paragraphs: vec![Paragraph::RunIn { heading: "丁".into(), text: "z".into() }],
            },
        ]);
        let numbers: Vec<_> = b.iter().map(|b| b.number.as_str()).collect();
        assert_eq!(numbers, ["（一）", "", "", "（三）", "1."]);
    }

    #[test]
    fn short_titles_stay_on_one_line() {
        assert_eq!(title_lines("大庙乡2024年政府信息公开工作年度报告").len(), 1);
    }

    #[test]
    fn long_titles_break_between_phrases() {
        let lines = title_lines("衡阳市衡东县杨林镇人民政府2023年政府信息公开工作年度报告");
        assert_eq!(lines, ["衡阳市衡东县杨林镇人民政府2023年", "政府信息公开工作年度报告"]);
        let long =
            "某某省某某市某某县某某某某某某某某某某某某某某某某局2024年政府信息公开工作年度报告";
        let lines = title_lines(long);
        assert!(lines.len() >= 2);
        assert_eq!(lines.concat(), long);
        assert!(lines.iter().all(|l| width(l) <= TITLE_CAPACITY), "{lines:?}");
    }
}
