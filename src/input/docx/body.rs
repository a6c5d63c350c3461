//! The body of word/document.xml as blocks: paragraphs (runs joined, list numbers printed,
//! alignment and heading level from the paragraph and its style, a run-in heading set apart
//! by bold or 楷体/黑体) and tables on their grid (`w:gridSpan`, `w:vMerge` restart and
//! continue, `w:gridBefore`). Content controls, insertions, hyperlinks and fields are read
//! through; deleted text, field codes, drawings and text boxes are not.

use super::styles::{Numbering, Styles, align, emphatic, num_pr, outline};
use super::xml::{Element, Node};
use crate::input::document::{Align, Block, Cell, Origin, Paragraph, Table, TextBuilder as Text};

/// Widest grid accepted (the form's widest table has 15 columns).
const MAX_COLS: usize = 256;
/// Most rows in one table.
const MAX_ROWS: usize = 5_000;
/// Longest text of a data-table cell, in bytes; a longer one makes a layout table.
const MAX_CELL_TEXT: usize = crate::input::html::MAX_CELL_TEXT;

/// Walks the body, counting tables and paragraphs for their origins.
pub struct Body<'a> {
    styles: &'a Styles,
    numbering: Numbering,
    /// The blocks read so far.
    pub blocks: Vec<Block>,
    tables: u32,
    paragraphs: u32,
}

impl<'a> Body<'a> {
    /// A walker over a document with these styles and lists.
    pub fn new(styles: &'a Styles, numbering: Numbering) -> Self {
        Body { styles, numbering, blocks: Vec::new(), tables: 0, paragraphs: 0 }
    }

    /// Read the block-level children of `el` (the body, a content control, a layout cell).
    pub fn blocks_in(&mut self, el: &Element) {
        for child in el.elements() {
            match child.name.as_str() {
                "p" => {
                    let p = self.paragraph(child, false);
                    if !p.text.trim().is_empty() {
                        self.paragraphs += 1;
                        let origin =
                            Origin { paragraph: Some(self.paragraphs), ..Origin::default() };
                        self.blocks.push(Block::Paragraph(Paragraph { origin, ..p }));
                    }
                }
                "tbl" => self.table(child),
                "sdt" | "sdtContent" | "customXml" | "AlternateContent" | "Choice" | "ins"
                | "moveTo" => self.blocks_in(child),
                _ => {}
            }
        }
    }

    /// A paragraph: its text (list number first) and what its properties say. In a cell,
    /// line breaks stay as `\n`.
    fn paragraph(&mut self, p: &Element, in_cell: bool) -> Paragraph {
        let ppr = p.child("pPr");
        let style = self.styles.resolve(ppr.and_then(|x| x.child_val("pStyle")));
        let mut text = Text::default();
        runs(p, self.styles, &mut text, in_cell);
        let blank = text.is_blank();
        let num = ppr.and_then(num_pr).or(style.num);
        let label = match num {
            Some((id, level)) if id != "0" && !blank => self.numbering.next(&id, level),
            _ => None,
        };
        let (mut body, mut lead) = text.finish();
        if let Some(label) = label {
            let n = label.chars().count();
            if lead > 0 {
                lead += n;
            }
            body.insert_str(0, &label);
        }
        Paragraph {
            text: body,
            align: ppr
                .and_then(|x| x.child_val("jc"))
                .and_then(align)
                .or(style.align)
                .unwrap_or(Align::Start),
            heading: ppr.and_then(outline).or(style.heading),
            lead,
            origin: Origin::default(),
        }
    }

    fn table(&mut self, tbl: &Element) {
        let mut rows = Vec::new();
        collect(tbl, "tr", &mut rows);
        fn cells_of(tr: &Element) -> Vec<&Element> {
            let mut tcs = Vec::new();
            collect(tr, "tc", &mut tcs);
            tcs
        }
        let nested = rows.iter().flat_map(|r| cells_of(r)).any(has_table);
        let single = rows.len() == 1 && cells_of(rows[0]).len() == 1;
        // A cell holding running text (a report laid out in a table) is not a data cell.
        let prose = rows.iter().flat_map(|r| cells_of(r)).any(|tc| text_len(tc) > MAX_CELL_TEXT);
        if nested || single || prose {
            // A layout table (a frame around the text): read its cells as running text.
            for tc in rows.iter().flat_map(|r| cells_of(r)) {
                self.blocks_in(tc);
            }
            return;
        }
        self.tables += 1;
        let number = self.tables;
        let mut table = Table {
            origin: Origin { table: Some(number), ..Origin::default() },
            ..Table::default()
        };
        // Per grid column, the cell a vMerge continuation extends.
        let mut above: Vec<Option<usize>> = vec![None; MAX_COLS];
        for (r, tr) in rows.iter().take(MAX_ROWS).enumerate() {
            let before = tr
                .child("trPr")
                .and_then(|p| p.child_val("gridBefore"))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            let mut col = before.min(MAX_COLS);
            let mut last_in_row: Option<usize> = None;
            for tc in cells_of(tr) {
                if col >= MAX_COLS {
                    break;
                }
                let pr = tc.child("tcPr");
                let span = pr
                    .and_then(|p| p.child_val("gridSpan"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, MAX_COLS - col);
                let vmerge =
                    pr.and_then(|p| p.child("vMerge")).map(|m| m.attr("val").unwrap_or("continue"));
                let hmerge =
                    pr.and_then(|p| p.child("hMerge")).map(|m| m.attr("val").unwrap_or("continue"));
                if vmerge == Some("continue")
                    && let Some(i) = above[col]
                {
                    let cell: &mut Cell = &mut table.cells[i];
                    cell.rowspan = r - cell.row + 1;
                } else if hmerge == Some("continue")
                    && let Some(i) = last_in_row
                {
                    table.cells[i].colspan += span;
                } else {
                    let text = self.cell_text(tc);
                    table.cells.push(Cell {
                        row: r,
                        col,
                        rowspan: 1,
                        colspan: span,
                        text,
                        origin: Origin {
                            table: Some(number),
                            row: Some(r as u32 + 1),
                            column: Some(col as u32 + 1),
                            ..Origin::default()
                        },
                    });
                    let i = table.cells.len() - 1;
                    last_in_row = Some(i);
                    for slot in above.iter_mut().skip(col).take(span) {
                        *slot = Some(i);
                    }
                }
                col += span;
            }
            table.cols = table.cols.max(col);
            table.rows = r + 1;
        }
        if !table.cells.is_empty() {
            self.blocks.push(Block::Table(table));
        }
    }

    fn cell_text(&mut self, tc: &Element) -> String {
        let mut lines = Vec::new();
        let mut ps = Vec::new();
        collect(tc, "p", &mut ps);
        for p in ps {
            lines.push(self.paragraph(p, true).text);
        }
        lines.join("\n").trim_matches('\n').to_string()
    }
}

/// The length in bytes of the text below `el`.
fn text_len(el: &Element) -> usize {
    el.children
        .iter()
        .map(|n| match n {
            Node::Text(t) => t.len(),
            Node::Element(e) => text_len(e),
        })
        .sum()
}

/// Whether a cell holds a table.
fn has_table(el: &Element) -> bool {
    el.elements().any(|e| e.name == "tbl" || (e.name != "p" && has_table(e)))
}

/// The elements named `name` below `el`, looking through content controls and custom XML
/// (but not into nested tables).
fn collect<'e>(el: &'e Element, name: &str, out: &mut Vec<&'e Element>) {
    for child in el.elements() {
        if child.name == name {
            out.push(child);
        } else if matches!(
            child.name.as_str(),
            "sdt" | "sdtContent" | "customXml" | "ins" | "moveTo"
        ) {
            collect(child, name, out);
        }
    }
}

/// Whether a run is set apart: by its own properties, or by its character style (a
/// run-in subheading style in 楷体, as nianbao and many templates write it).
fn emphasized(r: &Element, styles: &Styles) -> bool {
    let Some(rpr) = r.child("rPr") else { return false };
    emphatic(rpr) || rpr.child_val("rStyle").is_some_and(|id| styles.is_emphatic(id))
}

/// The text of the runs below `el`, in order.
fn runs(el: &Element, styles: &Styles, out: &mut Text, in_cell: bool) {
    for child in el.elements() {
        match child.name.as_str() {
            "r" => {
                let emph = emphasized(child, styles);
                for part in &child.children {
                    let Node::Element(e) = part else { continue };
                    match e.name.as_str() {
                        "t" => out.push(&e.text(), emph),
                        "tab" | "ptab" => out.push(" ", emph),
                        "br" | "cr" if e.attr("type") != Some("page") => {
                            out.push(if in_cell { "\n" } else { " " }, emph)
                        }
                        "noBreakHyphen" => out.push("-", emph),
                        "AlternateContent" | "Choice" => runs(e, styles, out, in_cell),
                        _ => {}
                    }
                }
            }
            "hyperlink" | "smartTag" | "ins" | "sdt" | "sdtContent" | "fldSimple" | "customXml"
            | "moveTo" | "dir" | "bdo" | "AlternateContent" | "Choice" => {
                runs(child, styles, out, in_cell)
            }
            _ => {}
        }
    }
}
