//! Where the tables are in a page of text: lines that end in numbers (or hold cells split by
//! tabs) anchor a table; the header and label lines around them belong to it, up to a blank
//! line, running text or a section heading. Each block is then read in the shape it has.

use super::labels;
use super::table::{self, Line};
use crate::input::chars::{display_width, is_number_like, join_wrapped};
use crate::input::document::{Block, Table};

/// What a line is, for finding tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Blank,
    /// Cells split by tabs.
    Tabbed,
    /// Ends with numbers (a body row of a table), or is one number (a cell per line).
    Row,
    /// Running text or a label.
    Text,
}

pub(super) fn kind(text: &str) -> Kind {
    let t = text.trim();
    if t.is_empty() {
        Kind::Blank
    } else if text.contains('\t') && text.split('\t').filter(|f| !f.trim().is_empty()).count() >= 2
    {
        Kind::Tabbed
    } else if table::is_layout_row(text) || is_number_like(t) || ends_with_numbers(t) {
        Kind::Row
    } else {
        Kind::Text
    }
}

/// "一、本年新收…数量 119 28 18 17 23 20 225": three or more numbers after the text.
fn ends_with_numbers(t: &str) -> bool {
    t.split_whitespace().rev().take_while(|w| is_number_like(w)).count() >= 3
}

/// Running text, not a table label: long, in one piece.
fn is_prose(text: &str) -> bool {
    text.trim().chars().map(display_width).sum::<usize>() > 80
}

/// A standalone heading ("三、收到和处理政府信息公开申请情况") ends a table above it.
pub(super) fn is_heading(text: &str) -> bool {
    labels::numbered(text) && !is_number_like(text)
}

/// A section heading of the report ("四、政府信息公开行政复议、行政诉讼情况") is never part of
/// a table, unlike the numbered row labels of table 三 ("三、本年度办理结果").
fn is_section_heading(text: &str) -> bool {
    let t = text.trim();
    let top = t.chars().next().is_some_and(|c| "一二三四五六七八九".contains(c))
        && t.chars().nth(1) == Some('、');
    top && ["情况", "事项", "措施", "问题", "工作", "建议"].iter().any(|e| t.ends_with(e))
}

/// The table blocks of a page: [start, end) line ranges around lines with numbers.
pub(super) fn table_spans(page: &[Line], kinds: &[Kind]) -> Vec<(usize, usize)> {
    let anchors: Vec<usize> =
        (0..page.len()).filter(|&i| matches!(kinds[i], Kind::Row | Kind::Tabbed)).collect();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for &a in &anchors {
        if let Some(last) = spans.last_mut() {
            let between = last.1..a;
            let blanks = between.clone().filter(|&j| kinds[j] == Kind::Blank).count();
            let lines_ok = between
                .clone()
                .all(|j| !is_prose(&page[j].text) && !is_section_heading(&page[j].text));
            // A PDF whose table rows are taller than its text lines comes out of
            // `pdftotext -layout` with blank lines between them; what stands between two
            // rows is then a table's own header ("第二十条 第（五）项", "信息内容   本年…").
            // (A "第二十条" line starts another block of table 二, with columns of its own:
            // it becomes a table of its own, which follows the first.)
            let headers_only = between.clone().filter(|&j| kinds[j] != Kind::Blank).all(|j| {
                let t = &page[j].text;
                is_table_line(t) && !t.trim_start().starts_with("第二十条")
            });
            let joined = lines_ok && (blanks <= 1 || (blanks <= 8 && headers_only));
            if a <= last.1 || joined {
                last.1 = a + 1;
                continue;
            }
        }
        spans.push((a, a + 1));
    }
    let mut floor = 0;
    for span in &mut spans {
        // Header and label lines above the first row (never into the table above).
        while span.0 > floor {
            let j = span.0 - 1;
            let t = &page[j].text;
            let next_is_row = matches!(kinds[j + 1], Kind::Row | Kind::Tabbed);
            // Blank lines between header lines, as tall rows print: cross a few when a
            // table header stands above them.
            if kinds[j] == Kind::Blank {
                let above = (floor..j).rev().take(4).find(|&k| kinds[k] != Kind::Blank);
                if let Some(k) = above
                    && kinds[k] == Kind::Text
                    && is_table_line(&page[k].text)
                    && !is_section_heading(&page[k].text)
                {
                    span.0 = k;
                    continue;
                }
            }
            if kinds[j] == Kind::Blank
                || is_prose(t)
                || is_section_heading(t)
                || (is_heading(t) && !next_is_row)
            {
                break;
            }
            span.0 = j;
        }
        // Label lines wrapped below the last row.
        while span.1 < page.len() {
            let t = &page[span.1].text;
            let short = t.trim().chars().map(display_width).sum::<usize>() <= 24;
            // Header lines of the part of the table that goes on over the page come in
            // columns ("信息内容    本年收费金额（单位：万元）").
            let columns = t.trim().contains("  ") && !is_prose(t);
            if kinds[span.1] != Kind::Text
                || is_heading(t)
                || is_section_heading(t)
                || !(columns || short && !spans_prose_start(t))
            {
                break;
            }
            span.1 += 1;
        }
        floor = span.1;
    }
    // A lone number is not a table.
    spans.retain(|&(a, b)| {
        b - a > 1 || kinds[a] == Kind::Tabbed || page[a].text.trim().contains(' ')
    });
    spans
}

/// A line of a table's header as `pdftotext -layout` prints it: labels in columns (two or
/// more spaces apart), or a header the form prints on a line of its own.
fn is_table_header(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || is_prose(t) || is_section_heading(t) {
        return false;
    }
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    t.contains("  ")
        || ["第二十条", "信息内容", "申请人情况", "行政复议", "行政诉讼"]
            .iter()
            .any(|h| compact.starts_with(h))
}

/// A line that may stand between the rows of a table: a header line, or a short piece of a
/// wrapped label ("开", "息公开申请"), which never ends a sentence.
fn is_table_line(text: &str) -> bool {
    let t = text.trim();
    is_table_header(t)
        || (!t.is_empty()
            && t.chars().map(display_width).sum::<usize>() <= 24
            && !t.ends_with(['。', '；', '：', '！', '？'])
            && !is_section_heading(t))
}

/// A line that starts at the margin with no indent after a table is text, not a label.
fn spans_prose_start(t: &str) -> bool {
    !t.starts_with(' ') && t.trim().chars().count() > 12
}

/// Put the rest of a row the page broke back onto its row: the last row with numbers of the
/// table just before, on the page before. Returns whether there was such a table.
pub(super) fn carry_over(blocks: &mut [Block], text: &str, page: Option<u32>) -> bool {
    let Some(Block::Table(prev)) = blocks.last_mut() else { return false };
    if prev.origin.page.zip(page).is_none_or(|(a, b)| a + 1 != b) {
        return false;
    }
    let Some(row) = prev.cells.iter().filter(|c| is_number_like(&c.text)).map(|c| c.row).max()
    else {
        return false;
    };
    let label = prev
        .cells
        .iter_mut()
        .filter(|c| c.row == row && !c.text.is_empty() && !is_number_like(&c.text))
        .max_by_key(|c| c.col);
    match label {
        Some(cell) => {
            join_wrapped(&mut cell.text, text);
            true
        }
        None => false,
    }
}

pub(super) fn build_table(lines: &[Line], kinds: &[Kind]) -> (Table, Option<String>) {
    let rows: Vec<&Line> =
        lines.iter().zip(kinds).filter(|(_, k)| **k == Kind::Row).map(|(l, _)| l).collect();
    let single = rows.iter().filter(|l| is_number_like(l.text.trim())).count();
    let spaced = rows.iter().filter(|l| l.text.trim().contains("  ")).count();
    let filled: Vec<Line> = lines.iter().filter(|l| !l.text.trim().is_empty()).cloned().collect();
    if kinds.contains(&Kind::Tabbed) {
        (table::delimited(&filled), None)
    } else if single * 2 > rows.len() {
        (table::stacked(&filled), None)
    } else if spaced * 2 > rows.len() {
        table::layout(&filled)
    } else {
        (table::delimited(&filled), None)
    }
}
