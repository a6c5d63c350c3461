//! Tables in text, rebuilt as grids. Three shapes come from real files: `pdftotext -layout`
//! output, where cells are space-aligned columns (numbers are placed by their column,
//! labels wrap over lines around their row); rows copied from Word or a web page, one line
//! per row with cells split by tabs or runs of spaces; and one cell per line. Every body
//! row becomes a grid row with its label cells (group labels to the left, spanning the rows
//! they group) and its numbers in the last columns.

use super::labels::{self, Fragment, Label};
use crate::input::chars::{display_width, is_number_like};
use crate::input::document::{Cell, Origin, Table};

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

/// Put each row's numbers in the last number columns; a row with fewer numbers than the
/// widest row has its first number span the columns it lacks (as 本年处理决定数量 spans
/// three in table 二). Returns the number of number columns.
fn align_right(slots: &mut [Slot]) -> usize {
    let most =
        slots.iter().filter(|s| s.header.is_none()).map(|s| s.values.len()).max().unwrap_or(0);
    for s in slots.iter_mut().filter(|s| s.header.is_none()) {
        let n = s.values.len();
        for (k, v) in s.values.iter_mut().enumerate() {
            *v = if k == 0 {
                (0, most - n + 1, std::mem::take(&mut v.2))
            } else {
                (most - n + k, 1, std::mem::take(&mut v.2))
            };
        }
    }
    most
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

/// One grid row in the making: a header line's cells, or a body row's values.
#[derive(Debug)]
struct Slot {
    /// Header cells: (column, text); column 0 is the label area, 1.. the number columns.
    header: Option<Vec<(usize, String)>>,
    /// Body values: (number column, columns spanned, text).
    values: Vec<(usize, usize, String)>,
    /// For cells split by tabs: how many fields the line has; a header's columns are then
    /// field indices, aligned to the grid from the right.
    fields: Option<usize>,
    row: u32,
    page: u32,
}

impl Slot {
    fn header(cells: Vec<(usize, String)>, line: &Line) -> Self {
        Self {
            header: Some(cells),
            values: Vec::new(),
            fields: None,
            row: line.row,
            page: line.page,
        }
    }
    fn body(values: Vec<(usize, usize, String)>, line: &Line) -> Self {
        Self { header: None, values, fields: None, row: line.row, page: line.page }
    }
}

/// Lay the rows out on a grid: label levels first (a row's own label spans to the last label
/// column, a group label spans down the rows it groups), then `numbers` number columns.
fn grid(slots: Vec<Slot>, labels: Vec<Label>, numbers: usize) -> Table {
    let levels = label_levels(&labels);
    let label_area = slots.iter().any(|s| {
        s.fields.is_none() && s.header.as_ref().is_some_and(|h| h.iter().any(|c| c.0 == 0))
    });
    let depth = levels.iter().copied().max().map_or(usize::from(label_area), |m| m + 1);
    let cols = depth + numbers;
    let fields = slots.iter().filter_map(|s| s.fields).max().unwrap_or(0);
    let body_rows: Vec<usize> =
        slots.iter().enumerate().filter(|(_, s)| s.header.is_none()).map(|(i, _)| i).collect();
    let mut taken = vec![vec![false; cols]; slots.len()];
    let mut cells: Vec<Cell> = Vec::new();
    let mut put = |cells: &mut Vec<Cell>,
                   r: usize,
                   c: usize,
                   rs: usize,
                   cs: usize,
                   text: String,
                   s: &Slot| {
        let rs = (0..rs).take_while(|k| r + k < taken.len() && !taken[r + k][c]).count().max(1);
        let cs = (0..cs).take_while(|k| c + k < cols && !taken[r][c + k]).count().max(1);
        if taken[r][c] {
            return;
        }
        for row in taken.iter_mut().skip(r).take(rs) {
            for t in row.iter_mut().skip(c).take(cs) {
                *t = true;
            }
        }
        let origin = Origin { page: Some(s.page), row: Some(s.row), ..Default::default() };
        cells.push(Cell { row: r, col: c, rowspan: rs, colspan: cs, text, origin });
    };
    for (i, s) in slots.iter().enumerate() {
        if let Some(h) = &s.header {
            for (c, text) in h {
                let c = match s.fields {
                    Some(_) => c.saturating_sub(fields.saturating_sub(cols)),
                    None if *c == 0 => 0,
                    None => depth + c - 1,
                };
                if c < cols {
                    let mut text = text.clone();
                    if let Some(prev) = cells.iter_mut().find(|x| x.row == i && x.col == c) {
                        prev.text.push_str(&text);
                        continue;
                    }
                    text = labels::tidy(&text);
                    let span = if c == 0 && s.fields.is_none() { depth.max(1) } else { 1 };
                    put(&mut cells, i, c, 1, span, text, s);
                }
            }
        }
    }
    // A row's own label first: a group label never takes its place.
    let own_of = |l: &Label| !labels.iter().any(|x| x.row == l.row && x.start > l.start);
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by_key(|&k| !own_of(&labels[k]));
    for k in order {
        let l = &labels[k];
        let Some(&r) = body_rows.get(l.row) else { continue };
        let level = levels[k];
        // The rows it groups: down to the next label in its column or left of it.
        let own = !labels.iter().any(|x| x.row == l.row && x.start > l.start);
        let rowspan = if own {
            1
        } else {
            let end = labels
                .iter()
                .enumerate()
                .filter(|(j, x)| x.row > l.row && levels[*j] <= level)
                .map(|(_, x)| x.row)
                .min()
                .unwrap_or(body_rows.len());
            body_rows[l.row..end].iter().take_while(|&&b| slots[b].header.is_none()).count().max(1)
        };
        let rowspan = body_rows.get(l.row + rowspan - 1).map_or(1, |&last| last - r + 1);
        let colspan = if own { depth - level } else { 1 };
        put(&mut cells, r, level, rowspan, colspan, l.text.clone(), &slots[r]);
    }
    for &r in &body_rows {
        let s = &slots[r];
        for (c, span, v) in &s.values {
            let col = depth + (*c).min(numbers.saturating_sub(1));
            put(&mut cells, r, col, 1, *span, v.clone(), s);
        }
    }
    cells.sort_by_key(|c| (c.row, c.col));
    let origin = slots.first().map_or(Origin::default(), |s| Origin {
        page: Some(s.page),
        row: Some(s.row),
        ..Default::default()
    });
    Table { rows: slots.len(), cols, cells, origin }
}

/// The label column of each label: starts grouped left to right into as many levels as
/// the most labels that stand beside one row (its own and the groups over it).
fn label_levels(labels: &[Label]) -> Vec<usize> {
    let rows = labels.iter().map(|l| l.row).max().map_or(0, |m| m + 1);
    let depth = (0..rows)
        .map(|r| {
            labels
                .iter()
                .filter(|l| {
                    let end = labels
                        .iter()
                        .filter(|x| x.row > l.row && x.start <= l.start + 1)
                        .map(|x| x.row)
                        .min()
                        .unwrap_or(rows);
                    let group = labels.iter().any(|x| x.row == l.row && x.start > l.start);
                    l.row == r || (group && l.row < r && r < end)
                })
                .count()
        })
        .max()
        .unwrap_or(1)
        .max(1);
    let mut starts: Vec<usize> = labels.iter().map(|l| l.start).collect();
    starts.sort();
    starts.dedup();
    // Split the sorted starts at the widest gaps (the leftmost of equal ones).
    let mut gaps: Vec<(usize, usize)> =
        starts.windows(2).enumerate().map(|(i, w)| (w[1] - w[0], i)).collect();
    gaps.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut cuts: Vec<usize> =
        gaps.iter().take(depth - 1).filter(|g| g.0 > 1).map(|g| g.1).collect();
    cuts.sort();
    labels
        .iter()
        .map(|l| {
            let i = starts.iter().position(|&s| s == l.start).unwrap_or(0);
            cuts.iter().filter(|&&c| c < i).count()
        })
        .collect()
}
