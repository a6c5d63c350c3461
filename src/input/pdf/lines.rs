//! Glyphs into text lines: glyphs on one baseline, left to right, with spaces where the
//! gaps show them (never between CJK characters, whose gaps are spacing, not words), and
//! doubled glyphs (fill + stroke "bold") drawn once.

use super::extract::Glyph;
use crate::input::chars::is_wide;

/// One line of text on a page.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// The text.
    pub text: String,
    /// Left edge in points.
    pub x0: f64,
    /// Right edge in points.
    pub x1: f64,
    /// Baseline in points from the top.
    pub y: f64,
    /// The most common font size.
    pub size: f64,
    /// The font of each character of `text` (same length in chars).
    pub fonts: Vec<u16>,
}

impl Line {
    /// Top of the line's box.
    pub fn top(&self) -> f64 {
        self.y - 0.9 * self.size
    }
}

/// Group glyphs into lines, top to bottom.
pub(crate) fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut order: Vec<&Glyph> = glyphs.iter().collect();
    order.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut groups: Vec<Vec<&Glyph>> = Vec::new();
    for g in order {
        match groups.last_mut() {
            Some(line) if same_line(line, g) => line.push(g),
            _ => groups.push(vec![g]),
        }
    }
    groups.into_iter().filter_map(|mut g| assemble(&mut g)).collect()
}

fn same_line(line: &[&Glyph], g: &Glyph) -> bool {
    let first = line[0];
    let size = first.size.max(g.size);
    (g.y - first.y).abs() <= 0.25 * size
}

/// The text of glyphs on one line, sorted left to right.
pub(crate) fn assemble(glyphs: &mut [&Glyph]) -> Option<Line> {
    glyphs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut text = String::new();
    let mut fonts = Vec::new();
    let mut prev: Option<&Glyph> = None;
    let mut sizes: Vec<f64> = Vec::new();
    for &g in glyphs.iter() {
        if let Some(p) = prev {
            // The same glyph drawn twice (fill, then stroke) is one character.
            if p.ch == g.ch && (g.x0 - p.x0).abs() < 0.3 * g.size {
                continue;
            }
            let gap = g.x0 - p.x1;
            let em = p.size.max(g.size);
            let wide = is_wide(p.ch) || is_wide(g.ch);
            let threshold = if wide { 1.0 } else { 0.15 };
            if gap > threshold * em && !p.ch.is_whitespace() && !g.ch.is_whitespace() {
                text.push(' ');
                fonts.push(g.font);
            }
        }
        if g.ch.is_whitespace() {
            if text.is_empty() || text.ends_with(' ') {
                prev = Some(g);
                continue;
            }
            text.push(' ');
        } else {
            text.push(g.ch);
        }
        fonts.push(g.font);
        sizes.push(g.size);
        prev = Some(g);
    }
    while text.ends_with(' ') {
        text.pop();
        fonts.pop();
    }
    if text.is_empty() {
        return None;
    }
    let visible: Vec<&&Glyph> = glyphs.iter().filter(|g| !g.ch.is_whitespace()).collect();
    let x0 = visible.iter().map(|g| g.x0).fold(f64::MAX, f64::min);
    let x1 = visible.iter().map(|g| g.x1).fold(f64::MIN, f64::max);
    let y = visible.iter().map(|g| g.y).sum::<f64>() / visible.len() as f64;
    Some(Line { text, x0, x1, y, size: mode(&sizes), fonts })
}

/// The most common value (to 0.1 pt), the largest on ties.
pub(crate) fn mode(values: &[f64]) -> f64 {
    let mut counts: Vec<(i64, usize)> = Vec::new();
    for v in values {
        let k = (v * 10.0).round() as i64;
        match counts.iter_mut().find(|(c, _)| *c == k) {
            Some((_, n)) => *n += 1,
            None => counts.push((k, 1)),
        }
    }
    counts.into_iter().max_by_key(|&(k, n)| (n, k)).map_or(0.0, |(k, _)| k as f64 / 10.0)
}
