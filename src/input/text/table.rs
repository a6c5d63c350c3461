//! Tables in text, rebuilt as grids. Three shapes come from real files: `pdftotext -layout`
//! output, where cells are space-aligned columns (numbers are placed by their column,
//! labels wrap over lines around their row); rows copied from Word or a web page, one line
//! per row with cells split by tabs or runs of spaces; and one cell per line. Every body
//! row becomes a grid row with its label cells (group labels to the left, spanning the rows
//! they group) and its numbers in the last columns.

use super::grid::{Slot, align_right, grid};
use super::labels::{self, Fragment};
use crate::input::chars::{display_width, is_number_like};
use crate::input::document::Table;

/// One line of a table block.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub text: String,
    /// 1-based line number in the file.
    pub row: u32,
    pub page: u32,
}

/// A run of non-space text on a line and the columns it covers.
#[derive(Debug, Clone)]
struct Seg {
    start: usize,
    end: usize,
    text: String,
}

/// Split a line at whitespace (at runs of `min_gap` spaces or more, or at tabs), measuring
/// columns by display width (`wide`) or by characters.
fn segments(line: &str, min_gap: usize, wide: bool) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::new();
    let mut col = 0;
    let mut spaces = 0;
    let mut cur: Option<Seg> = None;
    for c in line.chars() {
        let w = if wide { display_width(c) } else { 1 };
        if c == '\t' || c == '\u{3000}' || c.is_whitespace() {
            spaces += if c == '\t' { min_gap } else { 1 };
            col += w;
            continue;
        }
        match cur.as_mut() {
            Some(s) if spaces < min_gap => {
                s.text.extend(std::iter::repeat_n(' ', spaces));
                s.text.push(c);
                s.end = col + w;
            }
            _ => {
                out.extend(cur.take());
                cur = Some(Seg { start: col, end: col + w, text: c.to_string() });
            }
        }
        spaces = 0;
        col += w;
    }
    out.extend(cur);
    out
}

/// How many segments at the end of the line are numbers.
fn trailing_numbers(segs: &[Seg]) -> usize {
    segs.iter().rev().take_while(|s| is_number_like(&s.text)).count()
}

/// Whether a line (split at single spaces) is a body row in `pdftotext -layout` output: two
/// or more numbers at its end, or one set well apart from the text before it.
pub(crate) fn is_layout_row(line: &str) -> bool {
    let segs = segments(line, 1, false);
    let n = trailing_numbers(&segs);
    n >= 2
        || (n == 1
            && (segs.len() == 1 || segs[segs.len() - 1].start >= segs[segs.len() - 2].end + 3))
}

/// Build a table from `pdftotext -layout` lines: numbers by column position. Also returns
/// the label text that sits under the repeated header, above the first row: the rest of a
/// row the page broke, which belongs to the table on the page before.
pub(crate) fn layout(lines: &[Line]) -> (Table, Option<String>) {
    // Measure by characters or by display width, whichever lines the numbers up better.
    let wide = spread(lines, true) < spread(lines, false);
    let rows: Vec<(Vec<Seg>, usize)> = lines
        .iter()
        .map(|l| {
            let segs = segments(&l.text, 1, wide);
            let n = if is_layout_row(&l.text) { trailing_numbers(&segs) } else { 0 };
            (segs, n)
        })
        .collect();
    let columns = number_columns(&rows);
    let edge = rows
        .iter()
        .flat_map(|(segs, n)| segs[segs.len() - n..].iter().map(|s| s.start))
        .min()
        .unwrap_or(usize::MAX);
    let mut slots: Vec<Slot> = Vec::new();
    let mut fragments: Vec<Fragment> = Vec::new();
    let anchors: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].1 > 0).collect();
    let mut body_index = vec![None; rows.len()];
    for (k, &i) in anchors.iter().enumerate() {
        body_index[i] = Some(k);
    }
    let first_anchor = anchors.first().copied().unwrap_or(rows.len());
    let in_labels = |i: usize| rows[i].0.iter().all(|s| s.end <= edge);
    let mut carry_from = first_anchor;
    while carry_from > 0
        && in_labels(carry_from - 1)
        && !rows[carry_from - 1].0.first().is_some_and(|s| labels::numbered(&s.text))
    {
        carry_from -= 1;
    }
    let carried = carry_from > 0 && carry_from < first_anchor;
    let mut carry = String::new();
    for (i, (segs, n)) in rows.iter().enumerate() {
        if carried && (carry_from..first_anchor).contains(&i) {
            for s in segs {
                crate::input::chars::join_wrapped(&mut carry, &s.text);
            }
            continue;
        }
        let label_segs = &segs[..segs.len() - n];
        // Lines above the first row are the header, unless a numbered label starts there
        // (a label centred on its row starts above it).
        let above =
            i < first_anchor && !label_segs.first().is_some_and(|s| labels::numbered(&s.text));
        let header = *n == 0 && (above || label_segs.iter().any(|s| s.end > edge));
        if header {
            let cells =
                label_segs.iter().map(|s| (place(s, &columns, edge), s.text.clone())).collect();
            slots.push(Slot::header(cells, &lines[i]));
            continue;
        }
        if *n > 0 {
            let values = segs[segs.len() - n..]
                .iter()
                .map(|s| (place(s, &columns, edge).saturating_sub(1), 1, s.text.clone()))
                .collect();
            slots.push(Slot::body(values, &lines[i]));
        }
        let prev_row = anchors.iter().rposition(|&a| a < i);
        let next_row = anchors.iter().position(|&a| a >= i);
        for s in label_segs {
            fragments.push(Fragment {
                start: s.start,
                text: s.text.clone(),
                on_row: body_index[i],
                prev_row,
                next_row,
            });
        }
    }
    let table = grid(slots, labels::assemble(&fragments), columns.len());
    (table, (!carry.is_empty()).then_some(carry))
}

/// How far number centres stray from the columns they fall in, for one way of measuring.
fn spread(lines: &[Line], wide: bool) -> usize {
    let rows: Vec<(Vec<Seg>, usize)> = lines
        .iter()
        .filter(|l| is_layout_row(&l.text))
        .map(|l| {
            let segs = segments(&l.text, 1, wide);
            let n = trailing_numbers(&segs);
            (segs, n)
        })
        .collect();
    let columns = number_columns(&rows);
    rows.iter()
        .flat_map(|(segs, n)| segs[segs.len() - n..].iter())
        .map(|s| columns.iter().map(|c| (s.start + s.end).abs_diff(*c)).min().unwrap_or(0))
        .sum()
}

/// Column centres (doubled, to stay in integers) from the rows with the most numbers.
fn number_columns(rows: &[(Vec<Seg>, usize)]) -> Vec<usize> {
    let most = rows.iter().map(|r| r.1).max().unwrap_or(0);
    let full: Vec<&(Vec<Seg>, usize)> = rows.iter().filter(|r| r.1 == most && most > 0).collect();
    (0..most)
        .map(|k| {
            let sum: usize = full
                .iter()
                .map(|(segs, n)| {
                    let s = &segs[segs.len() - n + k];
                    s.start + s.end
                })
                .sum();
            sum / full.len().max(1)
        })
        .collect()
}

/// The grid column of a segment: 0 for the label area, else 1 + its number column.
fn place(s: &Seg, columns: &[usize], edge: usize) -> usize {
    if s.end <= edge || columns.is_empty() {
        return 0;
    }
    let centre = s.start + s.end;
    1 + (0..columns.len()).min_by_key(|&k| columns[k].abs_diff(centre)).unwrap_or(0)
}

/// Build a table from rows copied one line per row: cells split at tabs, or at runs of
/// spaces; the numbers at the end of each row go to the last columns.
pub(crate) fn delimited(lines: &[Line]) -> Table {
    let mut slots = Vec::new();
    let mut fragments = Vec::new();
    let mut body = 0;
    for l in lines {
        let tabs = l.text.contains('\t');
        let fields: Vec<String> = if tabs {
            l.text.split('\t').map(|f| f.trim().to_string()).collect()
        } else {
            segments(&l.text, 2, true).into_iter().map(|s| s.text).collect()
        };
        let fields = split_number_run(fields);
        let first_number = fields.iter().position(|f| is_number_like(f));
        let Some(first) = first_number else {
            let cells = fields
                .iter()
                .enumerate()
                .filter(|(_, f)| !f.is_empty())
                .map(|(i, f)| (i, f.clone()))
                .collect();
            let mut slot = Slot::header(cells, l);
            slot.fields = Some(fields.len());
            slots.push(slot);
            continue;
        };
        let mut values: Vec<String> = fields[first..].to_vec();
        while values.last().is_some_and(|v| v.is_empty()) {
            values.pop();
        }
        let mut slot = Slot::body(values.into_iter().map(|v| (0, 1, v)).collect(), l);
        slot.fields = Some(first + slot.values.len());
        slots.push(slot);
        for (i, f) in fields[..first].iter().enumerate().filter(|(_, f)| !f.is_empty()) {
            fragments.push(Fragment {
                start: i,
                text: f.clone(),
                on_row: Some(body),
                prev_row: Some(body),
                next_row: Some(body),
            });
        }
        body += 1;
    }
    let most = align_right(&mut slots);
    grid(slots, labels::assemble(&fragments), most)
}

/// "一、本年新收…数量 119 28 18" copied with single spaces: the numbers at the end of the
/// last field become fields of their own.
fn split_number_run(mut fields: Vec<String>) -> Vec<String> {
    if let Some(last) = fields.pop() {
        let words: Vec<&str> = last.split(' ').collect();
        let n = words.iter().rev().take_while(|w| is_number_like(w)).count();
        if n > 0 && n < words.len() {
            fields.push(words[..words.len() - n].join(" "));
            fields.extend(words[words.len() - n..].iter().map(|w| w.to_string()));
        } else {
            fields.push(last);
        }
    }
    fields
}

/// Build a table from text with one cell per line: label lines, then the row's numbers.
pub(crate) fn stacked(lines: &[Line]) -> Table {
    let mut slots: Vec<Slot> = Vec::new();
    let mut fragments = Vec::new();
    let mut pending: Vec<&Line> = Vec::new();
    let mut values: Vec<&Line> = Vec::new();
    let flush = |pending: &mut Vec<&Line>,
                 values: &mut Vec<&Line>,
                 slots: &mut Vec<Slot>,
                 fragments: &mut Vec<Fragment>| {
        if values.is_empty() {
            return;
        }
        let body = slots.iter().filter(|s| s.header.is_none()).count();
        let v = values.iter().map(|l| (0, 1, l.text.trim().to_string())).collect();
        let mut slot = Slot::body(v, values[0]);
        // Labels before the first numbered one belong to the header (before any row).
        let first = pending.iter().position(|l| labels::numbered(&l.text)).unwrap_or(0);
        if body == 0 && first > 0 {
            for l in &pending[..first] {
                let mut slot = Slot::header(vec![(0, l.text.trim().to_string())], l);
                slot.fields = Some(1);
                slots.push(slot);
            }
        }
        let from = if body == 0 { first } else { 0 };
        // Each numbered line starts a label one level deeper than the one before.
        let mut level = 0;
        for (k, l) in pending[from..].iter().enumerate() {
            if k > 0 && labels::numbered(&l.text) {
                level += 1;
            }
            fragments.push(Fragment {
                start: level,
                text: l.text.trim().to_string(),
                on_row: Some(body),
                prev_row: Some(body),
                next_row: Some(body),
            });
        }
        slot.row = pending.first().map_or(slot.row, |l| l.row);
        slots.push(slot);
        pending.clear();
        values.clear();
    };
    for l in lines {
        if is_number_like(&l.text) {
            values.push(l);
        } else {
            flush(&mut pending, &mut values, &mut slots, &mut fragments);
            pending.push(l);
        }
    }
    flush(&mut pending, &mut values, &mut slots, &mut fragments);
    let most = align_right(&mut slots);
    grid(slots, labels::assemble(&fragments), most)
}
