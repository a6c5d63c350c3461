//! Tables from drawn borders: ruling lines that meet form a table; their positions give the
//! grid, and a border that is not drawn between two grid cells merges them. Glyphs are placed
//! in the cell that holds their middle; a cell's wrapped lines join into one text.

use super::extract::{Glyph, Rule};
use super::lines;
use crate::input::chars::join_wrapped;

/// How far apart (points) two rule positions may be and still be one line.
const TOL: f64 = 2.0;
/// The most (joined) rules considered on one page.
const MAX_MERGED: usize = 4000;
/// The most grid squares a table may have (table 三 has 280).
const MAX_SQUARES: usize = 20_000;

/// A table found on a page: its grid lines and the rules that draw its borders.
#[derive(Debug, Clone)]
pub(crate) struct Grid {
    /// Column boundaries, left to right.
    pub xs: Vec<f64>,
    /// Row boundaries, top to bottom.
    pub ys: Vec<f64>,
    rules: Vec<Rule>,
}

/// A group of grid squares: top row, left column, bottom row, right column, square count.
type Span = (usize, usize, usize, usize, usize);

/// One cell on a grid, with its text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GridCell {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub text: String,
}

impl Grid {
    /// The outer box: left, top, right, bottom.
    pub fn bbox(&self) -> (f64, f64, f64, f64) {
        (self.xs[0], self.ys[0], *self.xs.last().unwrap(), *self.ys.last().unwrap())
    }

    /// Whether a point is inside the table (with a small margin).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        let (x0, y0, x1, y1) = self.bbox();
        x >= x0 - 1.0 && x <= x1 + 1.0 && y >= y0 - 1.0 && y <= y1 + 1.0
    }

    /// Use these column boundaries (the union over the pages a table spans).
    pub fn set_columns(&mut self, xs: Vec<f64>) {
        self.xs = xs;
    }

    fn covered(&self, horizontal: bool, pos: f64, from: f64, to: f64) -> bool {
        // Test the middle half of the edge, so joints and line caps do not matter.
        let quarter = (to - from) / 4.0;
        let (a, b) = (from + quarter, to - quarter);
        self.rules.iter().any(|r| {
            r.horizontal == horizontal && (r.pos - pos).abs() <= TOL && r.from <= a && r.to >= b
        })
    }

    /// The cells of the grid: grid squares joined where no border is drawn between them,
    /// with the text of the glyphs inside.
    pub fn cells(&self, glyphs: &[&Glyph]) -> Vec<GridCell> {
        let (nr, nc) = (self.ys.len() - 1, self.xs.len() - 1);
        let mut uf = UnionFind::new(nr * nc);
        for r in 0..nr {
            for c in 0..nc {
                if c + 1 < nc && !self.covered(false, self.xs[c + 1], self.ys[r], self.ys[r + 1]) {
                    uf.union(r * nc + c, r * nc + c + 1);
                }
                if r + 1 < nr && !self.covered(true, self.ys[r + 1], self.xs[c], self.xs[c + 1]) {
                    uf.union(r * nc + c, (r + 1) * nc + c);
                }
            }
        }
        // Each group's bounding box; a group that is not a rectangle falls apart into squares.
        let mut boxes: Vec<Option<Span>> = vec![None; nr * nc];
        for i in 0..nr * nc {
            let root = uf.find(i);
            let (r, c) = (i / nc, i % nc);
            let b = boxes[root].get_or_insert((r, c, r, c, 0));
            *b = (b.0.min(r), b.1.min(c), b.2.max(r), b.3.max(c), b.4 + 1);
        }
        let mut owner = vec![usize::MAX; nr * nc];
        let mut cells: Vec<(GridCell, Vec<&Glyph>)> = Vec::new();
        for i in 0..nr * nc {
            if owner[i] != usize::MAX {
                continue;
            }
            let root = uf.find(i);
            let (r0, c0, r1, c1, n) = boxes[root].unwrap();
            let rect = (r1 - r0 + 1) * (c1 - c0 + 1) == n;
            let (r0, c0, r1, c1) =
                if rect { (r0, c0, r1, c1) } else { (i / nc, i % nc, i / nc, i % nc) };
            let id = cells.len();
            for r in r0..=r1 {
                for c in c0..=c1 {
                    if rect || r * nc + c == i {
                        owner[r * nc + c] = id;
                    }
                }
            }
            let cell = GridCell {
                row: r0,
                col: c0,
                rowspan: r1 - r0 + 1,
                colspan: c1 - c0 + 1,
                text: String::new(),
            };
            cells.push((cell, Vec::new()));
        }
        for &g in glyphs {
            let (Some(r), Some(c)) = (slot(&self.ys, g.mid_y()), slot(&self.xs, g.mid_x())) else {
                continue;
            };
            let id = owner[r * nc + c];
            if id != usize::MAX {
                cells[id].1.push(g);
            }
        }
        cells
            .into_iter()
            .map(|(mut cell, gs)| {
                let gs: Vec<Glyph> = gs.into_iter().copied().collect();
                for line in lines::lines(&gs) {
                    join_wrapped(&mut cell.text, &line.text);
                }
                cell
            })
            .collect()
    }
}

/// The index of the interval of `bounds` that holds `v` (clamped to the outer ones).
fn slot(bounds: &[f64], v: f64) -> Option<usize> {
    let n = bounds.len().checked_sub(1)?;
    if n == 0 || v < bounds[0] - 1.0 || v > bounds[n] + 1.0 {
        return None;
    }
    Some(bounds[1..n].iter().take_while(|b| **b < v).count())
}

/// Find the tables drawn on a page.
pub(crate) fn find(rules: &[Rule]) -> Vec<Grid> {
    let mut rules = merge(rules);
    // A page of a report has a few hundred border segments; more is not a form.
    rules.truncate(MAX_MERGED);
    let mut uf = UnionFind::new(rules.len());
    let (hs, vs): (Vec<usize>, Vec<usize>) = (0..rules.len()).partition(|&i| rules[i].horizontal);
    for &hi in &hs {
        for &vi in &vs {
            let (h, v) = (rules[hi], rules[vi]);
            if v.pos >= h.from - TOL
                && v.pos <= h.to + TOL
                && h.pos >= v.from - TOL
                && h.pos <= v.to + TOL
            {
                uf.union(hi, vi);
            }
        }
    }
    let mut groups: Vec<Vec<Rule>> = Vec::new();
    let mut root_group = std::collections::HashMap::new();
    for (i, r) in rules.iter().enumerate() {
        let root = uf.find(i);
        let g = *root_group.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(*r);
    }
    let mut grids: Vec<Grid> = groups
        .into_iter()
        .filter_map(|rules| {
            let h: Vec<&Rule> = rules.iter().filter(|r| r.horizontal).collect();
            let v: Vec<&Rule> = rules.iter().filter(|r| !r.horizontal).collect();
            if h.len() < 2 || v.len() < 2 {
                return None;
            }
            let mut xs: Vec<f64> = v.iter().map(|r| r.pos).collect();
            xs.extend(h.iter().flat_map(|r| [r.from, r.to]));
            let mut ys: Vec<f64> = h.iter().map(|r| r.pos).collect();
            ys.extend(v.iter().flat_map(|r| [r.from, r.to]));
            let xs = cluster(xs);
            let ys = cluster(ys);
            let wide = xs.last()? - xs[0] > 10.0 && ys.last()? - ys[0] > 6.0;
            let sane = xs.len() >= 2 && ys.len() >= 2 && xs.len() * ys.len() <= MAX_SQUARES;
            (wide && sane).then_some(Grid { xs, ys, rules })
        })
        .collect();
    grids.sort_by(|a, b| a.ys[0].total_cmp(&b.ys[0]));
    grids
}

/// Positions closer than the tolerance become one (their mean).
pub(crate) fn cluster(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((sum, n)) if x - *sum / *n as f64 <= TOL => {
                *sum += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(s, n)| s / n as f64).collect()
}

/// Join collinear rules that touch or overlap, and drop specks.
fn merge(rules: &[Rule]) -> Vec<Rule> {
    let mut sorted: Vec<Rule> = rules.to_vec();
    sorted.sort_by(|a, b| {
        a.horizontal
            .cmp(&b.horizontal)
            .then(a.pos.total_cmp(&b.pos))
            .then(a.from.total_cmp(&b.from))
    });
    let mut out: Vec<Rule> = Vec::new();
    for r in sorted {
        // Find a rule on the same line that this one continues.
        let hit = out.iter_mut().rev().take(64).find(|o| {
            o.horizontal == r.horizontal
                && (o.pos - r.pos).abs() <= TOL / 2.0
                && r.from <= o.to + TOL
                && r.to >= o.from - TOL
        });
        match hit {
            Some(o) => {
                o.from = o.from.min(r.from);
                o.to = o.to.max(r.to);
            }
            None => out.push(r),
        }
    }
    out.retain(|r| r.to - r.from >= 2.0);
    out
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> Self {
        Self((0..n).collect())
    }
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}
