//! Pages encoded for the browser: glyph outlines are defined once per session (in font
//! units, shared by every page and every size) and kept by the open page; a page is a list
//! of chunks — one per text run, shape or clipped group, each with a content key — that
//! only `<use>` the glyphs. An update sends the glyphs the browser lacks and, for a changed
//! page, the keys of all its chunks and the markup of the new ones only, so the page
//! patches the few DOM nodes that changed. Pages with what this writer does not draw
//! (images, gradients, tilings, colour glyphs) are sent whole, as typst's own SVG.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::text::{FontInstance, TextItem};
use typst::visualize::{
    Curve, CurveItem, FillRule, FixedStroke, Geometry, LineCap, LineJoin, Paint, Shape,
};
use typst_layout::Page;

/// Glyph outlines of a session, each defined once and referenced by a short id.
#[derive(Default)]
pub struct Glyphs {
    ids: HashMap<(FontInstance, u16), Option<u32>>,
    defs: Vec<Arc<str>>,
}

impl Glyphs {
    /// Every definition so far (`<path id="gN" d="…"/>`), in id order; only ever grows, so
    /// a browser that has the first `n` needs only the rest.
    pub fn defs(&self) -> &[Arc<str>] {
        &self.defs
    }

    /// The id of a glyph's outline, defining it on first use; `None` for a glyph that
    /// draws nothing (a space).
    fn id(&mut self, font: &FontInstance, glyph: u16) -> Option<u32> {
        if let Some(id) = self.ids.get(&(font.clone(), glyph)) {
            return *id;
        }
        let mut path = PathWriter::default();
        let id = font.ttf().outline_glyph(ttf_parser::GlyphId(glyph), &mut path).map(|_| {
            let id = self.defs.len() as u32;
            self.defs.push(format!("<path id=\"g{id:x}\" d=\"{}\"/>", path.out).into());
            id
        });
        self.ids.insert((font.clone(), glyph), id);
        id
    }
}

/// One piece of a page: its content key and its SVG markup (absolute page coordinates).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// A hash of the markup, unique within the page.
    pub key: String,
    /// The markup: a `<g>` of glyph `<use>`s, a `<path>`, or a clipped `<g>`.
    pub svg: String,
}

/// A page's chunks in paint order, or `None` when the page uses something this writer
/// does not draw (then the page is shown as typst's SVG instead).
pub fn encode(page: &Page, glyphs: &mut Glyphs) -> Option<Vec<Chunk>> {
    let mut out = Vec::new();
    if let Some(fill) = page.fill_or_white() {
        let size = page.frame.size();
        let rect = Shape {
            geometry: Geometry::Rect(size),
            fill: Some(fill),
            fill_rule: FillRule::NonZero,
            stroke: None,
        };
        out.push(shape(&rect, Transform::identity())?);
    }
    frame(&page.frame, Transform::identity(), glyphs, &mut out)?;
    let mut seen = HashMap::new();
    Some(
        out.into_iter()
            .map(|svg| {
                // Identical markup twice on a page (the same run drawn twice) gets distinct
                // keys, so the browser can keep both nodes.
                let n: &mut u32 = seen.entry(typst::utils::hash128(&svg)).or_default();
                let key = typst::utils::hash128(&(&svg, *n));
                *n += 1;
                Chunk { key: format!("{:012x}", key as u64 & 0xffff_ffff_ffff), svg }
            })
            .collect(),
    )
}

fn frame(frame: &Frame, ts: Transform, glyphs: &mut Glyphs, out: &mut Vec<String>) -> Option<()> {
    for (pos, item) in frame.items() {
        let ts = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(group) => {
                let ts = ts.pre_concat(group.transform);
                match &group.clip {
                    None => self::frame(&group.frame, ts, glyphs, out)?,
                    Some(clip) => {
                        let mut inner = Vec::new();
                        self::frame(&group.frame, ts, glyphs, &mut inner)?;
                        let id = format!("c{:x}", typst::utils::hash128(&(clip, ts)) as u64);
                        let mut svg = format!("<g clip-path=\"url(#{id})\"><clipPath id=\"{id}\">");
                        svg.push_str("<path");
                        transform_attr(&mut svg, ts);
                        svg.push_str(" d=\"");
                        curve(&mut svg, clip);
                        svg.push_str("\"/></clipPath>");
                        inner.iter().for_each(|c| svg.push_str(c));
                        svg.push_str("</g>");
                        out.push(svg);
                    }
                }
            }
            FrameItem::Text(t) => out.push(text(t, ts, glyphs)?),
            FrameItem::Shape(s, _) => out.push(shape(s, ts)?),
            FrameItem::Image(..) => return None,
            FrameItem::Link(..) | FrameItem::Tag(_) => {}
        }
    }
    Some(())
}

/// A text run: a group scaled to font units (y up) whose glyphs `<use>` the shared outlines.
fn text(t: &TextItem, ts: Transform, glyphs: &mut Glyphs) -> Option<String> {
    let upem = t.font.units_per_em();
    let scale = t.size.to_pt() / upem;
    if !scale.is_finite() || scale <= 0.0 {
        return Some(String::new());
    }
    let flip = typst::layout::Ratio::new(scale);
    let ts = ts.pre_concat(Transform::scale(flip, -flip));
    let mut svg = String::with_capacity(32 * t.glyphs.len() + 96);
    svg.push_str("<g");
    transform_attr(&mut svg, ts);
    solid(&mut svg, "fill", &t.fill)?;
    if let Some(stroke) = &t.stroke {
        stroke_attrs(&mut svg, stroke, 1.0 / scale)?;
    }
    svg.push('>');
    let (mut x, mut y) = (0.0, 0.0);
    for g in &t.glyphs {
        let gid = ttf_parser::GlyphId(g.id);
        if !typst::text::color::should_outline(&t.font, gid) {
            return None;
        }
        let gx = x + g.x_offset.get() * upem;
        let gy = y + g.y_offset.get() * upem;
        if let Some(id) = glyphs.id(&t.font, g.id) {
            let _ = write!(svg, "<use href=\"#g{id:x}\"");
            if gx.round() != 0.0 {
                let _ = write!(svg, " x=\"{}\"", gx.round());
            }
            if gy.round() != 0.0 {
                let _ = write!(svg, " y=\"{}\"", gy.round());
            }
            svg.push_str("/>");
        }
        x += g.x_advance.get() * upem;
        y += g.y_advance.get() * upem;
    }
    svg.push_str("</g>");
    Some(svg)
}

/// A shape as one `<path>`.
fn shape(s: &Shape, ts: Transform) -> Option<String> {
    let mut svg = String::from("<path");
    // A translation is folded into the coordinates; anything else stays a transform.
    let offset = if ts.is_only_translate() {
        Point::new(ts.tx, ts.ty)
    } else {
        transform_attr(&mut svg, ts);
        Point::zero()
    };
    match &s.fill {
        Some(paint) => solid(&mut svg, "fill", paint)?,
        None => svg.push_str(" fill=\"none\""),
    }
    if s.fill_rule == FillRule::EvenOdd {
        svg.push_str(" fill-rule=\"evenodd\"");
    }
    if let Some(stroke) = &s.stroke {
        stroke_attrs(&mut svg, stroke, 1.0)?;
    }
    svg.push_str(" d=\"");
    let (x, y) = (offset.x.to_pt(), offset.y.to_pt());
    match &s.geometry {
        Geometry::Line(p) => {
            let _ =
                write!(svg, "M{} {}L{} {}", n2(x), n2(y), n2(x + p.x.to_pt()), n2(y + p.y.to_pt()));
        }
        Geometry::Rect(size) => {
            let (w, h) = (size.x.to_pt(), size.y.to_pt());
            let _ = write!(svg, "M{} {}H{}V{}H{}Z", n2(x), n2(y), n2(x + w), n2(y + h), n2(x));
        }
        Geometry::Curve(c) => {
            let moved = c.0.iter().map(|item| match *item {
                CurveItem::Move(p) => CurveItem::Move(p + offset),
                CurveItem::Line(p) => CurveItem::Line(p + offset),
                CurveItem::Cubic(a, b, p) => CurveItem::Cubic(a + offset, b + offset, p + offset),
                CurveItem::Close => CurveItem::Close,
            });
            curve(&mut svg, &Curve(moved.collect()));
        }
    }
    svg.push_str("\"/>");
    Some(svg)
}

fn curve(svg: &mut String, c: &Curve) {
    let p = |p: Point| format!("{} {}", n2(p.x.to_pt()), n2(p.y.to_pt()));
    for item in &c.0 {
        let _ = match *item {
            CurveItem::Move(a) => write!(svg, "M{}", p(a)),
            CurveItem::Line(a) => write!(svg, "L{}", p(a)),
            CurveItem::Cubic(a, b, c) => write!(svg, "C{} {} {}", p(a), p(b), p(c)),
            CurveItem::Close => write!(svg, "Z"),
        };
    }
}

/// A solid paint as an attribute (black, the SVG default, is left out); gradients and
/// tilings are not drawn here.
fn solid(svg: &mut String, attr: &str, paint: &Paint) -> Option<()> {
    let Paint::Solid(color) = paint else { return None };
    let hex = color.to_hex();
    if hex != "#000000" || attr != "fill" {
        let _ = write!(svg, " {attr}=\"{hex}\"");
    }
    Some(())
}

/// Stroke attributes; lengths are multiplied by `unit` (the inverse of a text run's scale).
fn stroke_attrs(svg: &mut String, stroke: &FixedStroke, unit: f64) -> Option<()> {
    solid(svg, "stroke", &stroke.paint)?;
    let _ = write!(svg, " stroke-width=\"{}\"", n3(stroke.thickness.to_pt() * unit));
    match stroke.cap {
        LineCap::Butt => {}
        LineCap::Round => svg.push_str(" stroke-linecap=\"round\""),
        LineCap::Square => svg.push_str(" stroke-linecap=\"square\""),
    }
    match stroke.join {
        LineJoin::Miter => {}
        LineJoin::Round => svg.push_str(" stroke-linejoin=\"round\""),
        LineJoin::Bevel => svg.push_str(" stroke-linejoin=\"bevel\""),
    }
    if stroke.miter_limit.get() != 4.0 {
        let _ = write!(svg, " stroke-miterlimit=\"{}\"", n3(stroke.miter_limit.get()));
    }
    if let Some(dash) = &stroke.dash {
        let array: Vec<String> = dash.array.iter().map(|d| n3(d.to_pt() * unit)).collect();
        let _ = write!(
            svg,
            " stroke-dasharray=\"{}\" stroke-dashoffset=\"{}\"",
            array.join(" "),
            n3(dash.phase.to_pt() * unit)
        );
    }
    Some(())
}

fn transform_attr(svg: &mut String, ts: Transform) {
    if ts.is_identity() {
        return;
    }
    if ts.is_only_translate() {
        let _ =
            write!(svg, " transform=\"translate({} {})\"", n2(ts.tx.to_pt()), n2(ts.ty.to_pt()));
        return;
    }
    let _ = write!(
        svg,
        " transform=\"matrix({} {} {} {} {} {})\"",
        n6(ts.sx.get()),
        n6(ts.ky.get()),
        n6(ts.kx.get()),
        n6(ts.sy.get()),
        n2(ts.tx.to_pt()),
        n2(ts.ty.to_pt())
    );
}

/// A number with at most `places` decimals, without trailing zeros.
fn fixed(v: f64, places: usize) -> String {
    let mut s = format!("{v:.places$}");
    if s.contains('.') {
        let trimmed = s.trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(trimmed);
    }
    if s == "-0" { "0".into() } else { s }
}

/// Page coordinates: a hundredth of a point (under 0.004 mm).
fn n2(v: f64) -> String {
    fixed(v, 2)
}

fn n3(v: f64) -> String {
    fixed(v, 3)
}

/// Scale factors (a font size over units per em needs the digits).
fn n6(v: f64) -> String {
    fixed(v, 6)
}

/// An outline in font units (y up) as compact relative path data, to a tenth of a unit.
/// Coordinates are rounded first and the deltas taken between rounded points, so the
/// rounding never accumulates.
#[derive(Default)]
struct PathWriter {
    out: String,
    /// The current point and the start of the subpath, in tenths of a unit.
    at: (i64, i64),
    start: (i64, i64),
    last: u8,
}

impl PathWriter {
    fn command(&mut self, c: u8) {
        if self.last != c || c == b'm' {
            self.out.push(c as char);
        } else {
            self.out.push(' ');
        }
        self.last = c;
    }

    /// Write the point `(x, y)` relative to the current point, without moving it.
    fn delta(&mut self, x: f32, y: f32, first: bool) -> (i64, i64) {
        let p = ((f64::from(x) * 10.0).round() as i64, (f64::from(y) * 10.0).round() as i64);
        if !first {
            self.out.push(' ');
        }
        self.tenths(p.0 - self.at.0);
        self.out.push(' ');
        self.tenths(p.1 - self.at.1);
        p
    }

    fn tenths(&mut self, v: i64) {
        let (sign, v) = if v < 0 { ("-", -v) } else { ("", v) };
        let _ = if v % 10 == 0 {
            write!(self.out, "{sign}{}", v / 10)
        } else {
            write!(self.out, "{sign}{}.{}", v / 10, v % 10)
        };
    }
}

impl ttf_parser::OutlineBuilder for PathWriter {
    fn move_to(&mut self, x: f32, y: f32) {
        self.command(b'm');
        self.at = self.delta(x, y, true);
        self.start = self.at;
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.command(b'l');
        self.at = self.delta(x, y, true);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.command(b'q');
        self.delta(x1, y1, true);
        self.at = self.delta(x, y, false);
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.command(b'c');
        self.delta(x1, y1, true);
        self.delta(x2, y2, false);
        self.at = self.delta(x, y, false);
    }

    fn close(&mut self) {
        self.command(b'z');
        self.at = self.start;
    }
}

/// A hash of what a page draws: its fill, and its frame's items at their absolute
/// positions. Introspection tags (where elements are, not what is drawn) and the nesting
/// of plain groups are left out: both may change while the drawing does not, e.g. when
/// a template stops measuring a table it measured before.
pub fn page_hash(page: &Page) -> u128 {
    fn walk(frame: &Frame, at: Point, out: &mut Vec<u128>) {
        for (pos, item) in frame.items() {
            let pos = at + *pos;
            match item {
                FrameItem::Tag(_) => {}
                FrameItem::Group(g) if g.transform.is_identity() && g.clip.is_none() => {
                    walk(&g.frame, pos, out);
                }
                FrameItem::Group(g) => {
                    out.push(typst::utils::hash128(&(pos, &g.transform, &g.clip)));
                    let mut inner = Vec::new();
                    walk(&g.frame, Point::zero(), &mut inner);
                    out.push(typst::utils::hash128(&inner));
                }
                _ => out.push(typst::utils::hash128(&(pos, item))),
            }
        }
    }
    let mut items = vec![typst::utils::hash128(&(&page.fill, page.frame.size()))];
    walk(&page.frame, Point::zero(), &mut items);
    typst::utils::hash128(&items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ttf_parser::OutlineBuilder;

    /// Absolute points (in tenths) back from relative path data, one entry per segment.
    fn absolute(d: &str) -> Vec<(char, Vec<(i64, i64)>)> {
        // Tokens: command letters and numbers (a '-' starts a number).
        let mut tokens: Vec<String> = Vec::new();
        for ch in d.chars() {
            let new_token = ch.is_ascii_alphabetic()
                || ch == ' '
                || (ch == '-' && !tokens.last().is_some_and(|t| t.is_empty()));
            if new_token {
                tokens.push(String::new());
            }
            if ch.is_ascii_alphabetic() {
                tokens.last_mut().unwrap().push(ch);
                tokens.push(String::new());
            } else if ch != ' ' {
                tokens.last_mut().unwrap().push(ch);
            }
        }
        let (mut out, mut at, mut start) = (Vec::new(), (0, 0), (0, 0));
        let (mut command, mut numbers) = (' ', Vec::new());
        for t in tokens.into_iter().filter(|t| !t.is_empty()).chain([" ".into()]) {
            let letter = t.chars().next().unwrap();
            if !(letter.is_ascii_alphabetic() || letter == ' ') {
                numbers.push((t.parse::<f64>().unwrap() * 10.0).round() as i64);
                continue;
            }
            let per = match command {
                'm' | 'l' => 2,
                'q' => 4,
                'c' => 6,
                _ => 1,
            };
            for group in numbers.chunks(per) {
                let points: Vec<(i64, i64)> =
                    group.chunks(2).map(|p| (at.0 + p[0], at.1 + p[1])).collect();
                at = *points.last().unwrap();
                if command == 'm' {
                    start = at;
                }
                out.push((command, points));
            }
            numbers.clear();
            command = letter;
            if command == 'z' {
                out.push(('z', vec![]));
                at = start;
            }
        }
        out
    }

    #[test]
    fn outlines_read_back_exactly_to_a_tenth_of_a_unit() {
        let mut w = PathWriter::default();
        w.move_to(100.0, -20.0);
        w.line_to(150.25, -20.0);
        w.line_to(150.25, 300.0);
        w.quad_to(120.0, 310.0, 100.04, 300.0);
        w.close();
        w.move_to(500.0, 500.0);
        w.curve_to(510.0, 520.0, 530.0, 520.0, 540.0, 500.0);
        w.line_to(0.0, 0.0);
        w.close();
        assert_eq!(
            absolute(&w.out),
            vec![
                ('m', vec![(1000, -200)]),
                ('l', vec![(1503, -200)]),
                ('l', vec![(1503, 3000)]),
                ('q', vec![(1200, 3100), (1000, 3000)]),
                ('z', vec![]),
                ('m', vec![(5000, 5000)]),
                ('c', vec![(5100, 5200), (5300, 5200), (5400, 5000)]),
                ('l', vec![(0, 0)]),
                ('z', vec![]),
            ],
            "{}",
            w.out
        );
        // Repeated commands are written once.
        assert_eq!(w.out.matches('l').count(), 2, "{}", w.out);
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(fixed(12.5, 2), "12.5");
        assert_eq!(fixed(3.0, 2), "3");
        assert_eq!(fixed(-0.001, 2), "0");
        assert_eq!(fixed(0.016, 6), "0.016");
    }
}
