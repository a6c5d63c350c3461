//! What a PDF page draws, as far as reading it needs: every glyph with its Unicode text, place
//! and size, and every ruling line (stroked segments and thin filled rectangles) that may
//! border a table cell. A hayro `Device` collects them in page space (points, y down).

use std::collections::HashMap;
use std::time::Instant;

use hayro_interpret::font::Glyph as PdfGlyph;
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::{
    BlendMode, ClipPath, Device, GlyphDrawMode, Image, Paint, PathDrawMode, SoftMask,
};
use kurbo::{Affine, BezPath, PathEl, Point};

/// One drawn character.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Glyph {
    /// The character.
    pub ch: char,
    /// Left edge (origin) and right edge (origin + advance), in points.
    pub x0: f64,
    /// Right edge.
    pub x1: f64,
    /// The baseline, in points from the top of the page.
    pub y: f64,
    /// The font size (em) in points.
    pub size: f64,
    /// The font, as an index into the fonts of the document.
    pub font: u16,
}

impl Glyph {
    /// The middle of the glyph's body, vertically (above the baseline).
    pub fn mid_y(&self) -> f64 {
        self.y - 0.35 * self.size
    }

    /// The middle of the glyph, horizontally.
    pub fn mid_x(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

/// A horizontal or vertical ruling line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rule {
    /// Horizontal (`pos` is y) or vertical (`pos` is x).
    pub horizontal: bool,
    /// Its y (horizontal) or x (vertical).
    pub pos: f64,
    /// Where it starts along its axis.
    pub from: f64,
    /// Where it ends along its axis.
    pub to: f64,
}

/// Everything read from one page.
#[derive(Debug, Default)]
pub(crate) struct PageContent {
    /// Page height in points.
    pub height: f64,
    /// Glyphs in drawing order.
    pub glyphs: Vec<Glyph>,
    /// Ruling lines.
    pub rules: Vec<Rule>,
    /// Images drawn (a scan has images and no glyphs).
    pub images: usize,
    /// Glyphs that had no Unicode mapping.
    pub unmapped: usize,
}

/// Caps on what one page may draw, so a hostile file cannot exhaust memory.
pub(crate) const MAX_GLYPHS: usize = 200_000;
/// The most ruling lines kept from one page.
pub(crate) const MAX_RULES: usize = 50_000;
/// A line thinner than this (in points) that is longer than it is thick is a rule.
const RULE_THICKNESS: f64 = 3.0;

/// Collects glyphs and rules; fonts are numbered across pages by `fonts`.
pub(crate) struct Collector<'f> {
    pub page: PageContent,
    fonts: &'f mut HashMap<u128, u16>,
    deadline: Instant,
    /// Drawing calls so far, to look at the clock every so often.
    calls: u64,
    /// Set when the deadline passed or a cap was hit: the rest of the page is ignored.
    pub stopped: Option<Stop>,
}

/// Why collecting stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// The time allowed for the whole document ran out.
    Time,
    /// The page drew more glyphs or lines than any report page does.
    TooMuch,
}

impl<'f> Collector<'f> {
    pub fn new(height: f64, fonts: &'f mut HashMap<u128, u16>, deadline: Instant) -> Self {
        Self {
            page: PageContent { height, ..Default::default() },
            fonts,
            deadline,
            calls: 0,
            stopped: None,
        }
    }

    fn check(&mut self) -> bool {
        if self.stopped.is_some() {
            return false;
        }
        if self.page.glyphs.len() >= MAX_GLYPHS || self.page.rules.len() >= MAX_RULES {
            self.stopped = Some(Stop::TooMuch);
            return false;
        }
        self.calls += 1;
        if self.calls.is_multiple_of(1024) && Instant::now() > self.deadline {
            self.stopped = Some(Stop::Time);
            return false;
        }
        true
    }

    fn font_index(&mut self, key: u128) -> u16 {
        let next = self.fonts.len().min(u16::MAX as usize) as u16;
        *self.fonts.entry(key).or_insert(next)
    }

    fn push_rule(&mut self, a: Point, b: Point) {
        let (dx, dy) = ((b.x - a.x).abs(), (b.y - a.y).abs());
        if dy <= 0.5 && dx > 1.0 {
            let y = (a.y + b.y) / 2.0;
            self.page.rules.push(Rule {
                horizontal: true,
                pos: y,
                from: a.x.min(b.x),
                to: a.x.max(b.x),
            });
        } else if dx <= 0.5 && dy > 1.0 {
            let x = (a.x + b.x) / 2.0;
            self.page.rules.push(Rule {
                horizontal: false,
                pos: x,
                from: a.y.min(b.y),
                to: a.y.max(b.y),
            });
        }
    }

    /// The straight-line subpaths of a path in page space; a subpath with curves is skipped.
    fn polylines(path: &BezPath, transform: Affine) -> Vec<Vec<Point>> {
        let mut out = Vec::new();
        let mut cur: Vec<Point> = Vec::new();
        let mut curved = false;
        let flush = |cur: &mut Vec<Point>, curved: &mut bool, out: &mut Vec<Vec<Point>>| {
            if !*curved && cur.len() >= 2 {
                out.push(std::mem::take(cur));
            }
            cur.clear();
            *curved = false;
        };
        for el in path.elements() {
            match *el {
                PathEl::MoveTo(p) => {
                    flush(&mut cur, &mut curved, &mut out);
                    cur.push(transform * p);
                }
                PathEl::LineTo(p) => cur.push(transform * p),
                PathEl::ClosePath => {
                    if let Some(&first) = cur.first() {
                        cur.push(first);
                    }
                    flush(&mut cur, &mut curved, &mut out);
                }
                PathEl::QuadTo(..) | PathEl::CurveTo(..) => curved = true,
            }
        }
        flush(&mut cur, &mut curved, &mut out);
        out
    }
}

fn is_white(paint: &Paint<'_>) -> bool {
    match paint {
        Paint::Color(c) => {
            let [r, g, b, a] = c.to_rgba().to_rgba8();
            a < 16 || (r > 235 && g > 235 && b > 235)
        }
        Paint::Pattern(_) => false,
    }
}

impl<'a> Device<'a> for Collector<'_> {
    fn set_soft_mask(&mut self, _: Option<SoftMask<'a>>) {}
    fn set_blend_mode(&mut self, _: BlendMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn pop_clip_path(&mut self) {}
    fn pop_transparency_group(&mut self) {}

    fn draw_path(
        &mut self,
        path: &BezPath,
        transform: Affine,
        paint: &Paint<'a>,
        draw_mode: &PathDrawMode,
    ) {
        if !self.check() || is_white(paint) {
            return;
        }
        match draw_mode {
            PathDrawMode::Stroke(_) => {
                for poly in Self::polylines(path, transform) {
                    for w in poly.windows(2) {
                        self.push_rule(w[0], w[1]);
                    }
                }
            }
            PathDrawMode::Fill(_) => {
                for poly in Self::polylines(path, transform) {
                    // A thin filled rectangle is a rule along its long side.
                    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
                    for p in &poly {
                        x0 = x0.min(p.x);
                        y0 = y0.min(p.y);
                        x1 = x1.max(p.x);
                        y1 = y1.max(p.y);
                    }
                    let axis_aligned = poly
                        .windows(2)
                        .all(|w| (w[0].x - w[1].x).abs() < 0.01 || (w[0].y - w[1].y).abs() < 0.01);
                    if !axis_aligned || poly.len() < 4 {
                        continue;
                    }
                    let (w, h) = (x1 - x0, y1 - y0);
                    let my = (y0 + y1) / 2.0;
                    let mx = (x0 + x1) / 2.0;
                    if h <= RULE_THICKNESS && w > 2.0 * h.max(0.5) {
                        self.push_rule(Point::new(x0, my), Point::new(x1, my));
                    } else if w <= RULE_THICKNESS && h > 2.0 * w.max(0.5) {
                        self.push_rule(Point::new(mx, y0), Point::new(mx, y1));
                    }
                }
            }
        }
    }

    fn draw_glyph(
        &mut self,
        glyph: &PdfGlyph<'a>,
        transform: Affine,
        glyph_transform: Affine,
        _: &Paint<'a>,
        _: &GlyphDrawMode,
    ) {
        if !self.check() {
            return;
        }
        let m = transform * glyph_transform;
        let [a, b, c, d, e, f] = m.as_coeffs();
        // Glyph space is 1000 units per em. Only upright text is read (not watermarks).
        let size = d.abs() * 1000.0;
        if !(0.5..=400.0).contains(&size)
            || a <= 0.0
            || b.abs() > 0.05 * a.abs()
            || c.abs() > 0.05 * d.abs()
        {
            return;
        }
        let (text, advance, key) = match glyph {
            PdfGlyph::Outline(g) => (g.as_unicode(), g.advance_width(), g.font_cache_key()),
            PdfGlyph::Type3(g) => (g.as_unicode(), None, 0),
        };
        let advance = advance.filter(|w| *w > 0.0).map_or(0.5 * size, |w| w as f64 * a);
        let font = self.font_index(key);
        let chars: Vec<char> = match text {
            Some(BfString::Char(ch)) => vec![ch],
            Some(BfString::String(s)) => s.chars().collect(),
            None => {
                self.page.unmapped += 1;
                return;
            }
        };
        let n = chars.len().max(1) as f64;
        for (i, ch) in chars.into_iter().enumerate() {
            if ch.is_control() && ch != '\t' {
                continue;
            }
            let x0 = e + advance * i as f64 / n;
            self.page.glyphs.push(Glyph { ch, x0, x1: x0 + advance / n, y: f, size, font });
        }
    }

    fn draw_image(&mut self, _: Image<'a, '_>, _: Affine) {
        self.page.images += 1;
    }
}
