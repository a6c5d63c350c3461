//! What imported documents must hold: every paragraph of a report in reading order, and the
//! numbers of tables 二, 三 and 四 in the right cells, computed from the report's data; the
//! fixtures and the readers, for the PDF and text import tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use nianbao::input::document::{Block, Cell, Document, Paragraph, Table};
use nianbao::model::Paragraph as Para;
use nianbao::{Artifact, OutputFormat, Report, form};

use crate::common::{renderer, root};

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/import-pdf").join(name)
}

pub fn township() -> Report {
    nianbao::input::load(&fixture("xiaohe-township.json")).expect("fixture loads").report
}

pub fn render_pdf(report: &Report) -> Vec<u8> {
    let out = renderer().render(report, OutputFormat::Pdf);
    match out.artifact {
        Some(Artifact::Pdf(bytes)) => bytes,
        _ => panic!("no PDF: {:#?}", out.diagnostics),
    }
}

pub fn read_pdf(bytes: &[u8]) -> Document {
    nianbao::input::pdf::read(bytes, "test.pdf").unwrap_or_else(|d| panic!("{d:#?}"))
}

pub fn paragraphs(doc: &Document) -> Vec<&Paragraph> {
    doc.blocks
        .iter()
        .filter_map(|b| if let Block::Paragraph(p) = b { Some(p) } else { None })
        .collect()
}

pub fn tables(doc: &Document) -> Vec<&Table> {
    doc.blocks.iter().filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).collect()
}

pub fn cell(t: &Table, row: usize, col: usize) -> Option<&Cell> {
    t.cells.iter().find(|c| c.row == row && c.col == col)
}

/// Chinese numerals for subheading numbers (the form's reports stay below 十一).
fn numeral(n: usize) -> String {
    ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][n - 1].to_string()
}

fn numbered(heading: &str) -> bool {
    heading.starts_with('（') || heading.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// The paragraphs a narrative renders to: run-in headings inside their paragraph, own-line
/// headings as paragraphs of their own, numbered （一） then 1.
pub fn narrative(items: &[Para], level: usize, out: &mut Vec<String>) {
    let mut n = 0;
    for item in items {
        let number = |n: usize, h: &str| {
            if numbered(h) {
                String::new()
            } else if level == 0 {
                format!("（{}）", numeral(n))
            } else {
                format!("{n}.")
            }
        };
        match item {
            Para::Text(t) => out.push(t.clone()),
            Para::RunIn { heading, text } => {
                n += 1;
                out.push(format!("{}{heading}{text}", number(n, heading)));
            }
            Para::Section { heading, paragraphs } => {
                n += 1;
                out.push(format!("{}{heading}", number(n, heading)));
                narrative(paragraphs, level + 1, out);
            }
        }
    }
}

/// Every paragraph of a report in reading order: title, preface, headings, narrative,
/// signature and date.
pub fn expected_paragraphs(r: &Report) -> Vec<String> {
    let mut out = vec![r.title()];
    narrative(&r.preface, 0, &mut out);
    out.push(form::SECTIONS[0].into());
    narrative(&r.overview, 0, &mut out);
    out.extend(form::SECTIONS[1..4].iter().map(|s| s.to_string()));
    out.push(form::SECTIONS[4].into());
    narrative(&r.problems, 0, &mut out);
    out.push(form::SECTIONS[5].into());
    narrative(&r.other_matters, 0, &mut out);
    if let Some(s) = &r.signature {
        out.push(s.organization.clone());
        out.push(s.date.chinese());
    }
    out
}

/// The paragraphs of a document, with the tables' places marked, so the order of
/// headings and tables is checked too.
pub fn texts(doc: &Document) -> Vec<String> {
    paragraphs(doc).iter().map(|p| p.text.clone()).collect()
}

/// Where each table-三 row label sits: (part, row) over the parts of table 三.
pub fn t3_parts(doc: &Document) -> Vec<&Table> {
    tables(doc)
        .into_iter()
        .filter(|t| t.cells.iter().any(|c| form::T3_ROWS.iter().any(|r| r.label == c.text)))
        .collect()
}

/// Check every table-三 row: its label in its own cell, and its 7 numbers in grid columns
/// `first..first + 7` of the same row.
pub fn check_table_three(doc: &Document, r: &Report, first: usize) {
    let parts = t3_parts(doc);
    assert!(!parts.is_empty(), "no table 三");
    let rows = r.requests.rows();
    for (i, row) in form::T3_ROWS.iter().enumerate() {
        let hits: Vec<(&Table, &Cell)> = parts
            .iter()
            .flat_map(|t| t.cells.iter().map(move |c| (*t, c)))
            .filter(|(_, c)| c.text == row.label)
            .collect();
        assert_eq!(hits.len(), 1, "row label {:?} found {} times", row.label, hits.len());
        let (t, c) = hits[0];
        assert_eq!(c.rowspan, 1, "{}", row.label);
        assert_eq!(
            c.col + c.colspan,
            first,
            "label {:?} ends at the first number column",
            row.label
        );
        let got: Vec<String> = (first..first + 7)
            .map(|k| cell(t, c.row, k).map_or("∅".into(), |c| c.text.clone()))
            .collect();
        let want: Vec<String> = rows[i].iter().map(|n| n.to_string()).collect();
        assert_eq!(got, want, "numbers of {:?}", row.label);
        assert_eq!(t.cols, first + 7);
    }
}

/// Check table 四's header and its 15 numbers (on the row below its header).
pub fn check_table_four(doc: &Document, r: &Report) {
    let t = tables(doc).into_iter().rfind(|t| t.cols == 15).expect("a 15-column table 四");
    let a = &r.appeals;
    let want: Vec<String> = [&a.review, &a.litigation, &a.litigation_after_review]
        .iter()
        .flat_map(|g| g.cells())
        .map(|n| n.to_string())
        .collect();
    let row = t.rows - 1;
    let got: Vec<String> =
        (0..15).map(|k| cell(t, row, k).map_or("∅".into(), |c| c.text.clone())).collect();
    assert_eq!(got, want);
}

/// Check table 二's values by their row labels.
pub fn check_table_two(doc: &Document, r: &Report) {
    let p = &r.proactive;
    let find = |label: &str| -> Vec<String> {
        for t in tables(doc) {
            if let Some(c) = t.cells.iter().find(|c| c.text == label) {
                return t
                    .cells
                    .iter()
                    .filter(|x| x.row == c.row && x.col > c.col)
                    .map(|x| x.text.clone())
                    .collect();
            }
        }
        panic!("table 二 row {label} not found");
    };
    let stock = |s: &nianbao::model::Stock| {
        vec![s.issued.0.to_string(), s.repealed.0.to_string(), s.in_force.0.to_string()]
    };
    assert_eq!(find(form::t2::RULES), stock(&p.rules));
    assert_eq!(find(form::t2::NORMATIVE), stock(&p.normative_documents));
    assert_eq!(find(form::t2::LICENSING), [p.licensing.0.to_string()]);
    assert_eq!(find(form::t2::PUNISHMENT), [p.punishment.0.to_string()]);
    assert_eq!(find(form::t2::ENFORCEMENT), [p.enforcement.0.to_string()]);
    assert_eq!(find(form::t2::FEES), std::slice::from_ref(&p.fees.0));
}

pub fn pdftotext(pdf: &Path) -> Vec<u8> {
    let out = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is needed for these tests: run scripts/test");
    assert!(out.status.success());
    out.stdout
}

pub fn read_text(bytes: &[u8], name: &str) -> Document {
    nianbao::input::text::read(bytes, name).unwrap_or_else(|d| panic!("{name}: {d:#?}"))
}

/// Half-width brackets as full-width, spaces out: how labels compare across sources.
pub fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            _ => c,
        })
        .collect()
}

/// Table 三 in text: each row's own label is the rightmost label cell before the numbers,
/// and its 7 numbers fill the last 7 columns.
pub fn check_text_table_three(doc: &Document, r: &Report) {
    let rows = r.requests.rows();
    for (i, row) in form::T3_ROWS.iter().enumerate() {
        let hit = tables(doc).into_iter().find_map(|t| {
            t.cells.iter().find(|c| norm(&c.text) == norm(row.label)).map(|c| (t, c))
        });
        let (t, c) = hit.unwrap_or_else(|| panic!("row {:?} not found", row.label));
        let first = t.cols - 7;
        assert_eq!(c.col + c.colspan, first, "{:?} is the row's own label", row.label);
        let got: Vec<String> = (first..t.cols)
            .map(|k| cell(t, c.row, k).map_or("∅".into(), |c| c.text.clone()))
            .collect();
        let want: Vec<String> = rows[i].iter().map(|n| n.to_string()).collect();
        assert_eq!(got, want, "numbers of {:?}", row.label);
    }
}
