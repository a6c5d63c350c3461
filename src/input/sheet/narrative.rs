//! The narrative as rows of the 正文 sheet: one row per paragraph, with its section, its
//! level (1 = directly in the section, 2 = under the heading on its own line above, …), its
//! heading and its text. A row with a heading and text is a run-in heading; a heading with
//! no text starts a heading on its own line, and the rows one level deeper below it are its
//! paragraphs. A cell holds at most 32,767 characters (Excel's limit), so a longer paragraph
//! goes on as rows marked 续 (continued) in the level column.

use crate::model::form::SECTIONS;
use crate::model::{Paragraph, Report};

/// The preface's name in the section column.
pub const PREFACE: &str = "前言";
/// The level-column mark of a continuation row.
pub const CONTINUED: &str = "续";
/// Most characters (UTF-16 units) written in one cell; Excel holds 32,767.
pub const CHUNK: usize = 32_000;

/// The four narrative parts, as named in the section column.
pub fn sections() -> [&'static str; 4] {
    [PREFACE, SECTIONS[0], SECTIONS[4], SECTIONS[5]]
}

/// One row of 正文.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextRow {
    /// The section's index in [`sections`].
    pub section: usize,
    /// The level, from 1; `None` for a continuation row.
    pub level: Option<u32>,
    /// The heading (empty for a plain paragraph).
    pub heading: String,
    /// The text.
    pub text: String,
}

fn parts(r: &Report) -> [&Vec<Paragraph>; 4] {
    [&r.preface, &r.overview, &r.problems, &r.other_matters]
}

/// Split `s` into pieces of at most [`CHUNK`] UTF-16 units (at least one piece).
fn chunks(s: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut units = 0;
    for ch in s.chars() {
        if units + ch.len_utf16() > CHUNK {
            out.push(String::new());
            units = 0;
        }
        units += ch.len_utf16();
        out.last_mut().expect("one piece").push(ch);
    }
    out
}

/// The rows of a report's narrative, section by section.
pub fn rows(report: &Report) -> Vec<TextRow> {
    fn walk(ps: &[Paragraph], section: usize, level: u32, out: &mut Vec<TextRow>) {
        for p in ps {
            let (heading, text, children) = match p {
                Paragraph::Text(t) => ("", t.as_str(), None),
                Paragraph::RunIn { heading, text } => (heading.as_str(), text.as_str(), None),
                Paragraph::Section { heading, paragraphs } => {
                    (heading.as_str(), "", Some(paragraphs))
                }
            };
            let (hs, ts) = (chunks(heading), chunks(text));
            for i in 0..hs.len().max(ts.len()) {
                out.push(TextRow {
                    section,
                    level: (i == 0).then_some(level),
                    heading: hs.get(i).cloned().unwrap_or_default(),
                    text: ts.get(i).cloned().unwrap_or_default(),
                });
            }
            if let Some(children) = children {
                walk(children, section, level + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    for (s, ps) in parts(report).into_iter().enumerate() {
        walk(ps, s, 1, &mut out);
    }
    out
}

/// A row whose level does not fit where it stands, with what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misplaced {
    /// The row's index in the rows given.
    pub index: usize,
    /// What is wrong, in Chinese.
    pub message: String,
}

/// Put rows back into the report's four narrative sections (replacing them). Rows of a
/// section need not be together; each goes to the end of its section.
pub fn apply(rows: &[TextRow], report: &mut Report) -> Result<(), Misplaced> {
    // Per section: the stack of open headings-on-their-own-line, as paths of indices.
    let mut trees: [Vec<Paragraph>; 4] = Default::default();
    let mut last: [Option<(Vec<usize>, bool)>; 4] = Default::default();
    for (index, row) in rows.iter().enumerate() {
        let s = row.section;
        let Some(level) = row.level else {
            let Some((path, _)) = &last[s] else {
                let message = "“续”行接在上一段之后，但它前面没有同一部分的段落".to_string();
                return Err(Misplaced { index, message });
            };
            match at_path(&mut trees[s], path) {
                Paragraph::Text(t) => t.push_str(&row.text),
                Paragraph::RunIn { heading, text } => {
                    heading.push_str(&row.heading);
                    text.push_str(&row.text);
                }
                Paragraph::Section { heading, .. } => heading.push_str(&row.heading),
            }
            continue;
        };
        // The parent: the open heading one level up.
        let depth = level as usize - 1;
        let mut parent: Vec<usize> = Vec::new();
        if depth > 0 {
            let open = match &last[s] {
                Some((path, is_section)) if *is_section => path.clone(),
                Some((path, _)) => path[..path.len() - 1].to_vec(),
                None => Vec::new(),
            };
            if open.len() < depth {
                let message = format!(
                    "层级 {level} 的段落上方没有层级 {} 的单独成行的小标题（只填小标题、正文留空的行）",
                    level - 1
                );
                return Err(Misplaced { index, message });
            }
            parent = open[..depth].to_vec();
        }
        let p = match (row.heading.is_empty(), row.text.is_empty()) {
            (true, _) => Paragraph::Text(row.text.clone()),
            (false, false) => {
                Paragraph::RunIn { heading: row.heading.clone(), text: row.text.clone() }
            }
            (false, true) => {
                Paragraph::Section { heading: row.heading.clone(), paragraphs: Vec::new() }
            }
        };
        let is_section = matches!(p, Paragraph::Section { .. });
        let siblings = if parent.is_empty() {
            &mut trees[s]
        } else {
            match at_path(&mut trees[s], &parent) {
                Paragraph::Section { paragraphs, .. } => paragraphs,
                _ => unreachable!("a parent is a heading on its own line"),
            }
        };
        siblings.push(p);
        let mut path = parent;
        path.push(siblings.len() - 1);
        last[s] = Some((path, is_section));
    }
    let [a, b, c, d] = trees;
    (report.preface, report.overview, report.problems, report.other_matters) = (a, b, c, d);
    Ok(())
}

fn at_path<'a>(tree: &'a mut [Paragraph], path: &[usize]) -> &'a mut Paragraph {
    let (first, rest) = path.split_first().expect("a non-empty path");
    let p = &mut tree[*first];
    if rest.is_empty() {
        return p;
    }
    match p {
        Paragraph::Section { paragraphs, .. } => at_path(paragraphs, rest),
        _ => unreachable!("paths go through headings on their own line"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(overview: Vec<Paragraph>) -> Report {
        let mut r = crate::input::data::parse(
            r#"{"organization":"某乡","year":2024,"overview":[],"proactive":{},"requests":{},
                "appeals":{},"problems":["问题"],"other_matters":[]}"#,
            crate::input::data::Format::Json,
            "t.json",
        )
        .unwrap();
        r.overview = overview;
        r
    }

    #[test]
    fn nested_headings_and_long_text_survive_rows() {
        let long = "长".repeat(CHUNK * 2 + 5) + "𬇙";
        let overview = vec![
            Paragraph::Text("引言".into()),
            Paragraph::Section {
                heading: "主动公开方面".into(),
                paragraphs: vec![
                    Paragraph::Text(long.clone()),
                    Paragraph::RunIn { heading: "一是".into(), text: "规范".into() },
                    Paragraph::Section {
                        heading: "深层".into(),
                        paragraphs: vec![Paragraph::Text("最深".into())],
                    },
                    Paragraph::Text("回到第二层".into()),
                ],
            },
            Paragraph::RunIn {
                heading: "依申请公开方面".into(), text: "按时答复".into()
            },
        ];
        let r = report(overview);
        let rows = rows(&r);
        assert_eq!(rows.iter().filter(|r| r.level.is_none()).count(), 2);
        assert!(rows.iter().all(|r| r.text.encode_utf16().count() <= CHUNK));
        let mut back = report(vec![]);
        apply(&rows, &mut back).unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn a_deep_row_without_its_heading_is_named() {
        let rows =
            [TextRow { section: 1, level: Some(2), heading: String::new(), text: "x".into() }];
        let e = apply(&rows, &mut report(vec![])).unwrap_err();
        assert_eq!(e.index, 0);
        assert!(e.message.contains("层级 2"));
    }
}
