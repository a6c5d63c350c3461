//! Markdown: `#` headings, paragraphs separated by blank lines (wrapped lines joined), a bold
//! run-in heading at the start of a paragraph (`**（一）主动公开。**全年…`), and pipe tables
//! (`| a | b |`, one grid row per line, the `|---|` line skipped). Markdown has no merged
//! cells; an empty cell stays an empty cell.

use crate::input::chars::{is_page_number, join_wrapped};
use crate::input::document::{Align, Block, Cell, Document, Origin, Paragraph, Table};

/// Read Markdown text into a document.
pub(crate) fn document(text: &str) -> Document {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut blocks = Vec::new();
    let mut para: Option<(String, u32)> = None;
    let flush = |para: &mut Option<(String, u32)>, blocks: &mut Vec<Block>| {
        if let Some((text, row)) = para.take() {
            blocks.push(Block::Paragraph(paragraph(&text, row, None)));
        }
    };
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end();
        let t = line.trim();
        let row = i as u32 + 1;
        if t.is_empty() || is_page_number(t) && !t.chars().all(|c| c.is_ascii_digit()) {
            flush(&mut para, &mut blocks);
            i += 1;
            continue;
        }
        if let Some(level) = heading_level(t) {
            flush(&mut para, &mut blocks);
            let text = t.trim_start_matches('#').trim().trim_end_matches('#').trim();
            blocks.push(Block::Paragraph(paragraph(text, row, Some(level))));
            i += 1;
            continue;
        }
        if is_table_row(t) && lines.get(i + 1).is_some_and(|n| is_separator(n.trim())) {
            flush(&mut para, &mut blocks);
            let start = i;
            let mut rows = vec![(split_row(t), row)];
            i += 2;
            while i < lines.len() && is_table_row(lines[i].trim()) {
                rows.push((split_row(lines[i].trim()), i as u32 + 1));
                i += 1;
            }
            blocks.push(Block::Table(table(rows, start as u32 + 1)));
            continue;
        }
        // Markdown joins wrapped lines, but a converter (PDF or OCR to Markdown) also puts
        // headings on lines of their own without `#`: a line like "六、其他需要报告的事项"
        // is a paragraph of its own, and so is the line after it.
        if para.as_ref().is_some_and(|(text, _)| heading_like(text)) || heading_like(t) {
            flush(&mut para, &mut blocks);
        }
        match para.as_mut() {
            Some((text, _)) => join_wrapped(text, t),
            None => para = Some((t.to_string(), row)),
        }
        i += 1;
    }
    flush(&mut para, &mut blocks);
    Document { blocks, findings: Vec::new() }
}

/// A short line that starts with a section number (一、 … 十、) and is not a sentence.
fn heading_like(t: &str) -> bool {
    let t = t.trim();
    let numeral = t.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).count();
    numeral > 0
        && t.chars().nth(numeral) == Some('、')
        && t.chars().count() <= 30
        && !t.contains(['。', '；', '，'])
}

fn heading_level(t: &str) -> Option<u8> {
    let n = t.chars().take_while(|c| *c == '#').count();
    ((1..=6).contains(&n) && t[n..].starts_with(' ')).then_some(n as u8)
}

fn paragraph(text: &str, row: u32, heading: Option<u8>) -> Paragraph {
    let (text, lead) = strip_emphasis(text);
    Paragraph {
        text,
        align: Align::Start,
        heading,
        origin: Origin { row: Some(row), ..Default::default() },
        lead,
    }
}

/// Remove `**`/`__` emphasis marks; a bold run at the start is the run-in heading (its
/// length in characters is the paragraph's lead).
fn strip_emphasis(text: &str) -> (String, usize) {
    let mut lead = 0;
    for mark in ["**", "__"] {
        if let Some(rest) = text.strip_prefix(mark)
            && let Some(end) = rest.find(mark)
            && end > 0
        {
            lead = rest[..end].chars().count();
        }
    }
    let out = text.replace("**", "").replace("__", "");
    (out, lead)
}

fn is_table_row(t: &str) -> bool {
    t.starts_with('|') && t.len() > 1
}

fn is_separator(t: &str) -> bool {
    is_table_row(t) && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) && t.contains("---")
}

fn split_row(t: &str) -> Vec<String> {
    let inner = t.strip_prefix('|').unwrap_or(t);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cells.last_mut().unwrap().push('|');
                chars.next();
            }
            '|' => cells.push(String::new()),
            _ => cells.last_mut().unwrap().push(c),
        }
    }
    cells.into_iter().map(|c| strip_emphasis(c.trim()).0.replace("<br>", "\n")).collect()
}

fn table(rows: Vec<(Vec<String>, u32)>, start: u32) -> Table {
    let cols = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let mut cells = Vec::new();
    for (r, (row, line)) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            cells.push(Cell {
                row: r,
                col: c,
                rowspan: 1,
                colspan: 1,
                text: text.clone(),
                origin: Origin {
                    row: Some(*line),
                    column: Some(c as u32 + 1),
                    ..Default::default()
                },
            });
        }
    }
    Table {
        rows: rows.len(),
        cols,
        cells,
        origin: Origin { row: Some(start), ..Default::default() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_headings_on_lines_of_their_own_end_paragraphs() {
        let md = "前言的第一行，\n接着第二行。\n六、其他需要报告的事项\n本年度未收取信息处理费。\n";
        let doc = document(md);
        let texts: Vec<&str> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.text.as_str(),
                Block::Table(_) => "table",
            })
            .collect();
        assert_eq!(
            texts,
            ["前言的第一行，接着第二行。", "六、其他需要报告的事项", "本年度未收取信息处理费。"]
        );
    }

    #[test]
    fn headings_paragraphs_and_tables() {
        let md = "# 小河镇2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n**（一）主动公开方面。**全年公开\n信息412条。\n\n| 信息内容 | 本年制发件数 |\n|---|---:|\n| 规章 | 0 |\n| 行政规范性文件 | 2 |\n\n- 2 -\n";
        let doc = document(md);
        let Block::Paragraph(p) = &doc.blocks[2] else { panic!() };
        assert_eq!(p.text, "（一）主动公开方面。全年公开信息412条。");
        assert_eq!(p.lead, "（一）主动公开方面。".chars().count());
        let Block::Paragraph(h) = &doc.blocks[1] else { panic!() };
        assert_eq!((h.text.as_str(), h.heading), ("一、总体情况", Some(2)));
        let Block::Table(t) = &doc.blocks[3] else { panic!() };
        assert_eq!((t.rows, t.cols), (3, 2));
        assert_eq!(t.cells[5].text, "2");
        assert_eq!(doc.blocks.len(), 4);
    }
}
