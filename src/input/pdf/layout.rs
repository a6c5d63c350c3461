//! Pages into a document: tables and text lines of each page in reading order, page
//! furniture (page numbers, running headers and footers) dropped, lines measured against the
//! page's text block and flowed into paragraphs, and a table that goes on over a page break
//! given the same columns on every page.

use super::continued;
use super::extract::{Glyph, PageContent};
use super::lines::{self, Line, mode};
use super::tables::{self, Grid, cluster};
use crate::input::chars::is_page_number;
use crate::input::document::{Block, Cell, Document, Origin, Table};
use crate::input::flow::{self, FlowLine};

/// What a page shows, top to bottom.
enum Item {
    Line(Line),
    Table(Grid, Vec<usize>),
}

struct Page {
    number: u32,
    height: f64,
    items: Vec<Item>,
    glyphs: Vec<Glyph>,
}

/// Build the document from the pages' contents.
pub(crate) fn document(contents: &[PageContent]) -> Document {
    let mut pages: Vec<Page> = contents.iter().enumerate().map(|(i, c)| page(i, c)).collect();
    drop_furniture(&mut pages);
    unify_continued_tables(&mut pages);
    let body = body_size(&pages);
    let blocks_lr = text_blocks(&pages, body);
    let mut blocks = Vec::new();
    let mut pending: Vec<FlowLine> = Vec::new();
    let mut table_no = 0u32;
    let mut prev_table_continues = false;
    for (pi, p) in pages.iter().enumerate() {
        let (left, right) = blocks_lr[pi];
        let mut last_y: Option<(f64, f64)> = None;
        for (ii, item) in p.items.iter().enumerate() {
            match item {
                Item::Line(l) => {
                    let em = l.size.max(1.0);
                    // Text set on a character grid (Word's docGrid, as LibreOffice prints
                    // it) spaces its characters wider than their size: a line that stops a
                    // character short of the edge is short by the pitch, not by the size.
                    let chars = l.text.chars().filter(|c| !c.is_whitespace()).count();
                    let pitch = if chars >= 8 {
                        ((l.x1 - l.x0) / (chars as f64 - 0.5)).clamp(em, 2.0 * em)
                    } else {
                        em
                    };
                    let gap = last_y.map(|(y, size)| (l.y - y) / (1.5 * size.max(em)));
                    pending.push(FlowLine {
                        text: l.text.clone(),
                        page: p.number,
                        row: None,
                        indent: ((l.x0 - left) / em).max(0.0),
                        slack: ((right - l.x1) / pitch).max(0.0),
                        gap,
                        size: Some(l.size),
                        fonts: l.fonts.clone(),
                        block: (right - left) / em,
                        display: l.size > 1.15 * body,
                    });
                    last_y = Some((l.y, l.size));
                }
                Item::Table(grid, glyph_ids) => {
                    blocks.extend(flow::paragraphs(&pending).into_iter().map(Block::Paragraph));
                    pending.clear();
                    let continued = prev_table_continues && ii == 0;
                    if !continued {
                        table_no += 1;
                    }
                    let glyphs: Vec<&Glyph> = glyph_ids.iter().map(|&i| &p.glyphs[i]).collect();
                    blocks.push(Block::Table(table(grid, &glyphs, p.number, table_no)));
                    last_y = None;
                }
            }
        }
        prev_table_continues = matches!(p.items.last(), Some(Item::Table(..)));
    }
    blocks.extend(flow::paragraphs(&pending).into_iter().map(Block::Paragraph));
    continued::join(&mut blocks);
    Document { blocks, findings: Vec::new() }
}

fn table(grid: &Grid, glyphs: &[&Glyph], page: u32, number: u32) -> Table {
    let cells = grid
        .cells(glyphs)
        .into_iter()
        .map(|c| Cell {
            origin: Origin {
                page: Some(page),
                table: Some(number),
                row: Some(c.row as u32 + 1),
                column: Some(c.col as u32 + 1),
                ..Default::default()
            },
            row: c.row,
            col: c.col,
            rowspan: c.rowspan,
            colspan: c.colspan,
            text: c.text,
        })
        .collect();
    Table {
        rows: grid.ys.len() - 1,
        cols: grid.xs.len() - 1,
        cells,
        origin: Origin { page: Some(page), table: Some(number), ..Default::default() },
    }
}

/// A page's tables and lines, top to bottom; glyphs inside a table belong to it.
fn page(index: usize, c: &PageContent) -> Page {
    let grids = tables::find(&c.rules);
    let mut in_table: Vec<Vec<usize>> = vec![Vec::new(); grids.len()];
    let mut free: Vec<Glyph> = Vec::new();
    for (i, g) in c.glyphs.iter().enumerate() {
        match grids.iter().position(|t| t.contains(g.mid_x(), g.mid_y())) {
            Some(t) => in_table[t].push(i),
            None => free.push(*g),
        }
    }
    let mut items: Vec<(f64, Item)> =
        lines::lines(&free).into_iter().map(|l| (l.top(), Item::Line(l))).collect();
    for (grid, ids) in grids.into_iter().zip(in_table) {
        items.push((grid.ys[0], Item::Table(grid, ids)));
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    Page {
        number: index as u32 + 1,
        height: c.height,
        items: items.into_iter().map(|(_, i)| i).collect(),
        glyphs: c.glyphs.clone(),
    }
}

/// Drop page numbers and running headers and footers: lines at the top or bottom edge of a
/// page that read as a page number, or that repeat (digits aside) on most pages.
fn drop_furniture(pages: &mut [Page]) {
    let edge = |p: &Page, i: usize, l: &Line| {
        let n = p.items.len();
        let near_edge = l.top() < 0.12 * p.height || l.y > 0.85 * p.height;
        near_edge && (i < 2 || i + 2 >= n)
    };
    let key = |t: &str| -> String {
        t.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    for p in pages.iter() {
        let mut keys: Vec<String> = p
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, it)| match it {
                Item::Line(l) if edge(p, i, l) => Some(key(&l.text)),
                _ => None,
            })
            .collect();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    // A running header or footer is on most pages (a page may lack it, e.g. the first).
    let most = ((pages.len() as f64 * 0.6).ceil() as usize).max(2);
    let repeated = |k: &str| seen.get(k).copied().unwrap_or(0) >= most;
    for p in pages.iter_mut() {
        let drop: Vec<bool> = p
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| match it {
                Item::Line(l) => {
                    edge(p, i, l) && (is_page_number(&l.text) || repeated(&key(&l.text)))
                }
                Item::Table(..) => false,
            })
            .collect();
        let mut flags = drop.into_iter();
        p.items.retain(|_| !flags.next().unwrap_or(false));
    }
}

/// A table that ends a page and one of the same width that starts the next are one table
/// broken by the page: give all its parts the union of their column
/// boundaries, so a column has the same index on every page.
fn unify_continued_tables(pages: &mut [Page]) {
    // Chains of (page, item) where each table ends its page and the next starts the next.
    let mut chains: Vec<Vec<(usize, usize)>> = Vec::new();
    for pi in 0..pages.len().saturating_sub(1) {
        let last = pages[pi].items.len().wrapping_sub(1);
        if !matches!(pages[pi].items.last(), Some(Item::Table(..)))
            || !same_edges(&pages[pi], last, &pages[pi + 1], 0)
        {
            continue;
        }
        match chains.last_mut() {
            Some(chain) if chain.last() == Some(&(pi, last)) => chain.push((pi + 1, 0)),
            _ => chains.push(vec![(pi, last), (pi + 1, 0)]),
        }
    }
    for chain in chains {
        // Mirrored margins move the table between odd and even pages: compare offsets
        // from its left edge.
        let xs: Vec<f64> = chain
            .iter()
            .flat_map(|&(p, i)| match &pages[p].items[i] {
                Item::Table(g, _) => g.xs.iter().map(|x| x - g.xs[0]).collect(),
                Item::Line(_) => Vec::new(),
            })
            .collect();
        let xs = cluster(xs);
        for (p, i) in chain {
            if let Item::Table(g, _) = &mut pages[p].items[i] {
                let left = g.xs[0];
                g.set_columns(xs.iter().map(|x| left + x).collect());
            }
        }
    }
}

fn same_edges(a: &Page, ai: usize, b: &Page, bi: usize) -> bool {
    match (a.items.get(ai), b.items.get(bi)) {
        (Some(Item::Table(x, _)), Some(Item::Table(y, _))) => {
            let (ax0, _, ax1, _) = x.bbox();
            let (bx0, _, bx1, _) = y.bbox();
            ((ax1 - ax0) - (bx1 - bx0)).abs() < 3.0
        }
        _ => false,
    }
}

/// The font size of most running text.
fn body_size(pages: &[Page]) -> f64 {
    let sizes: Vec<f64> = pages
        .iter()
        .flat_map(|p| p.items.iter())
        .filter_map(|it| match it {
            Item::Line(l) => Some(std::iter::repeat_n(l.size, l.text.chars().count())),
            Item::Table(..) => None,
        })
        .flatten()
        .collect();
    mode(&sizes)
}

/// The left and right edges of each page's text block: where most body lines start and
/// end. A page with too few lines takes the edges of the nearest page of the same parity
/// (mirrored margins), else of the nearest page, else its own lines' extent.
fn text_blocks(pages: &[Page], body: f64) -> Vec<(f64, f64)> {
    let own: Vec<Option<(f64, f64)>> = pages
        .iter()
        .map(|p| {
            let ls: Vec<&Line> = lines_of(p).filter(|l| (l.size - body).abs() < 0.5).collect();
            if ls.len() < 3 {
                return None;
            }
            let left = shared_edge(ls.iter().map(|l| l.x0), false)?;
            let right = shared_edge(ls.iter().map(|l| l.x1), true)?;
            (right - left > 4.0 * body).then_some((left, right))
        })
        .collect();
    let n = pages.len();
    (0..n)
        .map(|pi| {
            let same_parity = (1..n).flat_map(|d| [pi.checked_sub(2 * d), Some(pi + 2 * d)]);
            let any = (1..n).flat_map(|d| [pi.checked_sub(d), Some(pi + d)]);
            std::iter::once(Some(pi))
                .chain(same_parity)
                .chain(any)
                .flatten()
                .filter(|&i| i < n)
                .find_map(|i| own[i])
                .unwrap_or_else(|| {
                    let l = lines_of(&pages[pi]).map(|l| l.x0).fold(f64::MAX, f64::min);
                    let r = lines_of(&pages[pi]).map(|l| l.x1).fold(f64::MIN, f64::max);
                    (l.min(r), r)
                })
        })
        .collect()
}

fn lines_of(p: &Page) -> impl Iterator<Item = &Line> {
    p.items.iter().filter_map(|it| if let Item::Line(l) = it { Some(l) } else { None })
}

/// The smallest (or largest) position that at least two lines share, within 1.5 pt.
fn shared_edge(values: impl Iterator<Item = f64>, largest: bool) -> Option<f64> {
    let mut v: Vec<f64> = values.collect();
    v.sort_by(f64::total_cmp);
    if largest {
        v.reverse();
    }
    v.windows(2).find(|w| (w[0] - w[1]).abs() <= 1.5).map(|w| w[0]).or(v.first().copied())
}
