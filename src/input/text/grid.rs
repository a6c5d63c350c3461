//! Rows of a text table onto a grid: a row's own label spans to the last label column, a
//! group label spans down the rows it groups, numbers fill the last columns. Header lines
//! keep their cells where their columns put them.

use super::labels::{self, Label};
use super::table::Line;
use crate::input::document::{Cell, Origin, Table};

/// One grid row in the making: a header line's cells, or a body row's values.
#[derive(Debug)]
pub(super) struct Slot {
    /// Header cells: (column, text); column 0 is the label area, 1.. the number columns.
    pub header: Option<Vec<(usize, String)>>,
    /// Body values: (number column, columns spanned, text).
    pub values: Vec<(usize, usize, String)>,
    /// For cells split by tabs: how many fields the line has; a header's columns are then
    /// field indices, aligned to the grid from the right.
    pub fields: Option<usize>,
    pub row: u32,
    pub page: u32,
}

impl Slot {
    pub fn header(cells: Vec<(usize, String)>, line: &Line) -> Self {
        Self {
            header: Some(cells),
            values: Vec::new(),
            fields: None,
            row: line.row,
            page: line.page,
        }
    }
    pub fn body(values: Vec<(usize, usize, String)>, line: &Line) -> Self {
        Self { header: None, values, fields: None, row: line.row, page: line.page }
    }
}

/// Lay the rows out on a grid: label levels first (a row's own label spans to the last label
/// column, a group label spans down the rows it groups), then `numbers` number columns.
pub(super) fn grid(slots: Vec<Slot>, labels: Vec<Label>, numbers: usize) -> Table {
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

/// Put each row's numbers in the last number columns; a row with fewer numbers than the
/// widest row has its first number span the columns it lacks (as 本年处理决定数量 spans
/// three in table 二). Returns the number of number columns.
pub(super) fn align_right(slots: &mut [Slot]) -> usize {
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
