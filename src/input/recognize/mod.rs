//! The recognizer: a [`Document`] read from any office source (docx, HTML, PDF, text) turned
//! into a [`Report`]. It finds the title, organization and year, the preface, the six
//! sections by their headings (reworded ones with a warning), their （一）… subheadings, the
//! signature and date, and tables 二, 三 and 四 by their labels, however the source split or
//! merged them. Every cell it reads is recorded with where it came from; a cell without a
//! number reads as 0 with a warning. It never "fixes" what is printed: totals are read as
//! printed, for `validate` to check.

mod cells;
mod ending;
mod labels;
mod narrative;
mod outline;
mod small_tables;
mod subheads;
mod table3;
mod tables;
#[cfg(test)]
mod tests;
mod traditional;

use crate::diag::Diagnostic;
use crate::input::document::{Block, Cell, Document};
use crate::model::{Amount, Imported, Placeholder, Report};

pub use labels::{clean_text, norm};

/// One table cell the import read: its field, what it held, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRead {
    /// The field path, e.g. `requests.new.natural_person`.
    pub path: String,
    /// The value taken (`0` for a cell without a number).
    pub value: String,
    /// The cell's text as printed (whitespace collapsed).
    pub raw: String,
    /// Where the cell is in the source (`Origin::describe`).
    pub origin: String,
}

/// What the recognizer made of a document.
#[derive(Debug, Clone)]
pub struct Recognized {
    /// The report, as far as it could be read; `None` when the document is not a report in
    /// the 2021 format at all (an old format, or no year to be found).
    pub report: Option<Report>,
    /// Findings: warnings for what was read with a doubt, errors for what could not be read.
    pub findings: Vec<Diagnostic>,
    /// Every table cell read, in the form's order.
    pub cells: Vec<CellRead>,
    /// Whether everything was read (no errors).
    pub complete: bool,
}

/// Recognize a report in `doc`. `name` names the source in findings and in
/// `Report.imported.source`; `format` is its kind (`docx`, `html`, `pdf`, `text`).
pub fn recognize(doc: &Document, name: &str, format: &str) -> Recognized {
    let cleaned = without_furniture_tails(doc);
    let doc = cleaned.as_ref().unwrap_or(doc);
    let mut ctx = Ctx::default();
    ctx.findings.extend(doc.findings.iter().cloned());
    let report = match traditional::traditional(doc) {
        Some(examples) => {
            ctx.error(
                "import-traditional",
                format!(
                    "这份文件是繁体字版本（如{examples}），统一格式的标题和表格标签是简体字，\
                     无法读取；请导入网站的简体版页面或原文件"
                ),
            );
            None
        }
        None => read_report(doc, name, format, &mut ctx),
    };
    for d in &mut ctx.findings {
        if d.location.file.is_none() {
            d.location.file = Some(name.to_string());
        }
    }
    let complete = report.is_some() && !ctx.findings.iter().any(Diagnostic::is_error);
    Recognized { report, findings: ctx.findings, cells: ctx.cells, complete }
}

/// The report in a document in simplified characters: `None` for an old format.
fn read_report(doc: &Document, name: &str, format: &str, ctx: &mut Ctx) -> Option<Report> {
    let outline = outline::find(doc, ctx);
    let tables = tables::read(doc, ctx);
    let old = outline.old_format.clone().or_else(|| tables.old_format.clone());
    match old {
        Some(what) => {
            // What else was found does not matter for a report in another format.
            ctx.findings = doc.findings.clone();
            ctx.cells.clear();
            ctx.error(
                "import-old-format",
                format!(
                    "旧版格式：{what}，不是 2021 年统一格式（国办公开办函〔2021〕30号），\
                     不能按现行格式导入"
                ),
            );
            None
        }
        None => narrative::build(doc, &outline, tables, ctx).map(|mut report| {
            report.imported = Some(Imported {
                source: name.to_string(),
                format: format.to_string(),
                placeholders: std::mem::take(&mut ctx.placeholders),
            });
            report
        }),
    }
}

/// A portal's metadata line wrapped in a narrow box ("公开方式：主动" then "公开" on the next
/// line, as LibreOffice prints a Word text frame to PDF) leaves a stray word after the line:
/// a paragraph of a few characters right after a furniture line is part of it. `None` when
/// there is none to drop.
fn without_furniture_tails(doc: &Document) -> Option<Document> {
    let tail = |i: usize| -> bool {
        let (Some(Block::Paragraph(prev)), Some(Block::Paragraph(p))) =
            (i.checked_sub(1).and_then(|j| doc.blocks.get(j)), doc.blocks.get(i))
        else {
            return false;
        };
        let t = p.text.trim();
        let n = t.chars().count();
        ending::is_furniture(&prev.text)
            && !ending::is_furniture(t)
            && (1..=4).contains(&n)
            && t.chars().all(|c| crate::input::chars::is_wide(c) && !"。，；：、（）".contains(c))
    };
    let drop: Vec<usize> = (1..doc.blocks.len()).filter(|&i| tail(i)).collect();
    if drop.is_empty() {
        return None;
    }
    let mut out = doc.clone();
    for i in drop.into_iter().rev() {
        out.blocks.remove(i);
    }
    Some(out)
}

/// What recognition collects as it goes.
#[derive(Debug, Default)]
pub(crate) struct Ctx {
    findings: Vec<Diagnostic>,
    cells: Vec<CellRead>,
    placeholders: Vec<Placeholder>,
}

impl Ctx {
    fn push(&mut self, d: Diagnostic) {
        self.findings.push(d);
    }

    fn warn(&mut self, code: &'static str, message: String) {
        self.push(Diagnostic::warning(code, message));
    }

    fn error(&mut self, code: &'static str, message: String) {
        self.push(Diagnostic::error(code, message));
    }

    /// A count cell at `path`: its number, or 0 with a placeholder warning.
    fn count(&mut self, cell: &Cell, path: &str) -> u64 {
        let value = cells::count(&cell.text);
        self.record(cell, path, value.map(|v| v.to_string()));
        value.unwrap_or(0)
    }

    /// The fee cell: its decimal as printed, or 0 with a placeholder warning.
    fn amount(&mut self, cell: &Cell, path: &str) -> Amount {
        let value = cells::amount(&cell.text);
        self.record(cell, path, value.clone());
        Amount(value.unwrap_or_else(|| "0".to_string()))
    }

    fn record(&mut self, cell: &Cell, path: &str, value: Option<String>) {
        let raw = cells::raw(&cell.text);
        let origin = cell.origin.describe();
        let origin_opt = (!origin.is_empty()).then(|| origin.clone());
        if value.is_none() {
            let what = cells::describe_raw(&raw);
            let mut d = Diagnostic::warning(
                "import-placeholder",
                format!(
                    "单元格为{what}，没有数字，按 0 计。评议时空白、“/”、“-”、“—”、“无”\
                     或文字的单元格会被计为缺陷，没有请填 0"
                ),
            )
            .field(path);
            d.location.origin.clone_from(&origin_opt);
            self.push(d);
            self.placeholders.push(Placeholder {
                path: path.to_string(),
                raw: raw.clone(),
                origin: origin_opt,
            });
        }
        self.cells.push(CellRead {
            path: path.to_string(),
            value: value.unwrap_or_else(|| "0".to_string()),
            raw,
            origin,
        });
    }
}
