//! Read a report saved as plain text into a [`Document`]: what `pdftotext -layout` gives
//! (pages split by form feeds, wrapped lines, tables as space-aligned columns) and what a
//! copy from Word, WPS or a web page gives (a paragraph per line, table rows as label +
//! numbers on one line, or one cell per line), in UTF-8, UTF-16 or GB18030/GBK. `.md` files
//! are read as Markdown (headings, paragraphs, `| a | b |` tables).

mod blocks;
mod decode;
mod grid;
mod labels;
mod markdown;
mod table;

use crate::diag::Diagnostic;
use crate::input::chars::{display_width, is_page_number, is_wide};
use crate::input::document::{Block, Document};
use crate::input::flow::{self, FlowLine};

use blocks::{Kind, build_table, carry_over, is_heading, kind, table_spans};
use table::Line;

/// The largest text file read (bytes).
pub const MAX_BYTES: usize = 16 << 20;
/// The most lines read.
pub const MAX_LINES: usize = 200_000;

/// Read a text file's bytes into a document. `name` names the file in messages, and a name
/// ending in `.md` or `.markdown` is read as Markdown.
pub fn read(bytes: &[u8], name: &str) -> Result<Document, Vec<Diagnostic>> {
    let fail = |code: &'static str, msg: String| vec![Diagnostic::error(code, msg).in_file(name)];
    if bytes.len() > MAX_BYTES {
        return Err(fail(
            "text-limit",
            format!("文本文件过大（{} MB），最多读取 {} MB", bytes.len() >> 20, MAX_BYTES >> 20),
        ));
    }
    let text = match decode::decode(bytes) {
        Ok((text, _)) => text,
        Err(decode::NotText::Binary) => {
            return Err(fail("text-encoding", "这不是文本文件（含有二进制数据）".into()));
        }
        Err(decode::NotText::Undecodable(at)) => {
            return Err(fail(
                "text-encoding",
                format!(
                    "无法识别文本编码（第 {at} 字节起既不是 UTF-8、UTF-16，也不是 GB18030/GBK）"
                ),
            ));
        }
    };
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if text.matches('\n').count() > MAX_LINES {
        return Err(fail("text-limit", format!("文本超过 {MAX_LINES} 行，不像一份年度报告")));
    }
    let lower = name.to_ascii_lowercase();
    let mut doc = if lower.ends_with(".md") || lower.ends_with(".markdown") {
        markdown::document(&text)
    } else {
        document(&text)
    };
    number_tables(&mut doc.blocks);
    if doc.blocks.is_empty() {
        return Err(fail("text-empty", "文本文件中没有任何内容".into()));
    }
    Ok(doc)
}

/// The pages of a text, each a list of lines (1-based line numbers kept).
fn pages(text: &str) -> Vec<Vec<Line>> {
    let mut pages = vec![Vec::new()];
    for (i, raw) in text.split('\n').enumerate() {
        let mut parts = raw.split('\x0C');
        let first = parts.next().unwrap_or("");
        let push = |pages: &mut Vec<Vec<Line>>, t: &str| {
            let page = pages.len() as u32;
            pages.last_mut().unwrap().push(Line {
                text: t.trim_end().to_string(),
                row: i as u32 + 1,
                page,
            });
        };
        push(&mut pages, first);
        for rest in parts {
            pages.push(Vec::new());
            push(&mut pages, rest);
        }
    }
    while pages.len() > 1
        && pages.last().is_some_and(|p| p.iter().all(|l| l.text.trim().is_empty()))
    {
        pages.pop();
    }
    pages
}

/// Drop page numbers and running headers and footers: the first and last lines of a page
/// (when the text has pages) that read as page numbers or repeat on most pages; anywhere,
/// lines that are unmistakably page numbers ("- 3 -", "第3页").
fn drop_furniture(pages: &mut [Vec<Line>]) {
    let edges = |p: &[Line]| -> Vec<usize> {
        let filled: Vec<usize> = (0..p.len()).filter(|&i| !p[i].text.trim().is_empty()).collect();
        let mut e: Vec<usize> =
            filled.iter().take(1).chain(filled.iter().rev().take(1)).copied().collect();
        e.dedup();
        e
    };
    let key = |t: &str| -> String {
        t.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    let paged = pages.len() > 1;
    let mut counts = std::collections::HashMap::<String, usize>::new();
    if paged {
        for p in pages.iter() {
            for i in edges(p) {
                *counts.entry(key(&p[i].text)).or_default() += 1;
            }
        }
    }
    let most = ((pages.len() as f64 * 0.6).ceil() as usize).max(2);
    for p in pages.iter_mut() {
        let e = if paged { edges(p) } else { Vec::new() };
        let mut i = 0;
        p.retain(|l| {
            let at_edge = e.contains(&i);
            i += 1;
            let t = l.text.trim();
            let decorated = is_page_number(t) && !t.chars().all(|c| c.is_ascii_digit());
            let drop = decorated
                || (at_edge
                    && (is_page_number(t) || counts.get(&key(t)).is_some_and(|n| *n >= most)));
            !drop
        });
    }
}

fn document(text: &str) -> Document {
    let mut pages = pages(text);
    drop_furniture(&mut pages);
    let kinds: Vec<Vec<Kind>> =
        pages.iter().map(|p| p.iter().map(|l| kind(&l.text)).collect()).collect();
    let spans: Vec<Vec<(usize, usize)>> =
        pages.iter().zip(&kinds).map(|(p, k)| table_spans(p, k)).collect();
    // Measure the running text only: lines outside tables.
    let prose: Vec<&Line> = pages
        .iter()
        .zip(&spans)
        .flat_map(|(p, sp)| {
            (0..p.len())
                .filter(move |i| !sp.iter().any(|s| (s.0..s.1).contains(i)))
                .map(move |i| &p[i])
        })
        .filter(|l| !l.text.trim().is_empty())
        .collect();
    let measure = Measure::of(&prose);
    let mut blocks = Vec::new();
    let mut pending: Vec<FlowLine> = Vec::new();
    for (pi, page) in pages.iter().enumerate() {
        let kinds = &kinds[pi];
        let mut i = 0;
        let mut gap: Option<f64> = None;
        while i < page.len() {
            if let Some(&(a, b)) = spans[pi].iter().find(|s| s.0 == i) {
                flush(&mut pending, &mut blocks, measure.wrapped());
                let (table, carry) = build_table(&page[a..b], &kinds[a..b]);
                if let Some(carry) = carry
                    && !carry_over(&mut blocks, &carry, table.origin.page)
                {
                    let line = FlowLine { text: carry, page: pi as u32 + 1, ..Default::default() };
                    blocks.extend(flow::paragraphs(&[line]).into_iter().map(Block::Paragraph));
                }
                blocks.push(Block::Table(table));
                i = b;
                gap = None;
                continue;
            }
            let l = &page[i];
            if kinds[i] == Kind::Blank {
                gap = gap.map(|g| g + 1.0);
            } else {
                pending.push(measure.line(l, gap));
                gap = Some(1.0);
            }
            i += 1;
        }
    }
    flush(&mut pending, &mut blocks, measure.wrapped());
    title(&mut blocks);
    Document { blocks, findings: Vec::new() }
}

/// Flow the pending lines into paragraphs. In wrapped text, a line that ends mid-sentence
/// (no closing punctuation) goes on with the next line when that one starts at the margin,
/// even if the layout made it short.
fn flush(pending: &mut Vec<FlowLine>, blocks: &mut Vec<Block>, wrapped: bool) {
    for i in 0..pending.len().saturating_sub(1) {
        if !wrapped {
            break;
        }
        let next = &pending[i + 1];
        let open = !pending[i].text.ends_with(|c: char| "。！？；：….!?;:”）)》」』".contains(c));
        let at_margin = next.indent < 0.5 && !is_heading(&next.text);
        // A new page that starts at the margin goes on with the paragraph before the break
        // (a new paragraph would be indented).
        let page_break =
            next.gap.is_none() && next.page != pending[i].page && pending[i].slack < 4.0;
        if at_margin && ((open && next.gap.is_some_and(|g| g <= 1.0)) || page_break) {
            pending[i].slack = 0.0;
        }
    }
    for mut p in flow::paragraphs(pending) {
        p.text = close_layout_spaces(&p.text);
        blocks.push(Block::Paragraph(p));
    }
    pending.clear();
}

/// Number the tables in reading order, on the table and on every cell.
fn number_tables(blocks: &mut [Block]) {
    let mut n = 0;
    for b in blocks {
        if let Block::Table(t) = b {
            n += 1;
            t.origin.table = Some(n);
            for c in &mut t.cells {
                c.origin.table = Some(n);
            }
        }
    }
}

/// The short lines that open a text, with no closing punctuation, are its title, however
/// the layout broke them: one centred paragraph.
fn title(blocks: &mut Vec<Block>) {
    let mut n = 0;
    let mut next_row = None;
    while let Some(Block::Paragraph(p)) = blocks.get(n) {
        let closed = p.text.ends_with(|c: char| "。！？；：.!?;:".contains(c));
        let follows = n == 0 || p.origin.row.is_some() && p.origin.row == next_row;
        if closed || !follows || p.text.chars().count() > 40 || n == 3 || is_heading(&p.text) {
            break;
        }
        next_row = p.origin.row.map(|r| r + 1);
        n += 1;
    }
    if n == 0 {
        return;
    }
    let mut text = String::new();
    for b in &blocks[..n] {
        if let Block::Paragraph(p) = b {
            crate::input::chars::join_wrapped(&mut text, &p.text);
        }
    }
    if let Block::Paragraph(first) = &mut blocks[0] {
        first.text = text;
        first.align = crate::input::document::Align::Center;
    }
    blocks.drain(1..n);
}

/// How wide the running text is: where wrapped lines end, and the usual left margin.
struct Measure {
    /// The right edge of wrapped lines, in columns; `None` when each paragraph is one line.
    right: Option<usize>,
    left: usize,
}

impl Measure {
    fn wrapped(&self) -> bool {
        self.right.is_some()
    }

    fn of(lines: &[&Line]) -> Self {
        let widths: Vec<usize> = lines.iter().map(|l| width(&l.text)).collect();
        let left = lines.iter().map(|l| indent(&l.text)).min().unwrap_or(0);
        if widths.len() < 4 {
            return Self { right: None, left };
        }
        let mut sorted = widths.clone();
        sorted.sort();
        let p90 = sorted[sorted.len() * 9 / 10];
        let near = widths.iter().filter(|w| **w + 6 >= p90 && **w <= p90 + 2).count();
        let wrapped = near * 100 >= widths.len() * 35 && p90 <= 160;
        Self { right: wrapped.then_some(p90), left }
    }

    fn line(&self, l: &Line, gap: Option<f64>) -> FlowLine {
        let text = l.text.trim().to_string();
        let lead = indent(&l.text).saturating_sub(self.left);
        // Wrapped lines end within a few columns of the edge (CJK and digits differ).
        let (slack, block) = match self.right {
            Some(r) => {
                let free = r.saturating_sub(width(&l.text)).saturating_sub(5);
                (free as f64 / 2.0, (r - self.left) as f64 / 2.0)
            }
            // One paragraph per line: every line ends its paragraph.
            None => (100.0, 0.0),
        };
        FlowLine {
            text,
            page: l.page,
            row: Some(l.row),
            indent: lead as f64 / 2.0,
            slack,
            gap,
            size: None,
            fonts: Vec::new(),
            block,
            display: false,
        }
    }
}

fn width(t: &str) -> usize {
    t.trim_end().chars().map(display_width).sum()
}

fn indent(t: &str) -> usize {
    t.chars().take_while(|c| c.is_whitespace()).map(|c| if c == '\u{3000}' { 2 } else { 1 }).sum()
}

/// `pdftotext` puts spaces where the PDF only had spacing: between CJK text and digits or
/// Latin letters ("2024 年") and between the characters of a justified line ("本 报 告").
/// Such a space is layout, not text.
fn close_layout_spaces(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' && i > 0 && i + 1 < chars.len() {
            let (a, b) = (chars[i - 1], chars[i + 1]);
            if (is_wide(a) && (is_wide(b) || b.is_ascii_alphanumeric()))
                || (a.is_ascii_alphanumeric() && is_wide(b))
            {
                continue;
            }
        }
        out.push(c);
    }
    out
}
