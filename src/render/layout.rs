//! Reading a laid-out document back: every run of text with its page, position, size
//! and font. Used to check what was printed where (tests, glyph coverage checks).

use typst::layout::{Frame, FrameItem, Point, Transform};
use typst_layout::PagedDocument;

/// A run of text as laid out on a page. Coordinates are in points from the page's
/// top-left corner; `y` is the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// 1-based page number.
    pub page: usize,
    /// Left edge.
    pub x: f64,
    /// Baseline.
    pub y: f64,
    /// Advance width.
    pub width: f64,
    /// Font size.
    pub size: f64,
    /// The text.
    pub text: String,
    /// The Typst family of the font used.
    pub family: String,
    /// Whether a glyph of this run is missing from its font (drawn as .notdef).
    pub tofu: bool,
}

/// All text runs of a document, in page and reading order of the frames.
pub fn text_runs(doc: &PagedDocument) -> Vec<TextRun> {
    let mut out = Vec::new();
    for (i, page) in doc.pages().iter().enumerate() {
        walk(&page.frame, Transform::identity(), i + 1, &mut out);
    }
    out
}

fn walk(frame: &Frame, ts: Transform, page: usize, out: &mut Vec<TextRun>) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let ts =
                    ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(group.transform);
                walk(&group.frame, ts, page, out);
            }
            FrameItem::Text(text) => {
                let p = Point::new(pos.x, pos.y).transform(ts);
                out.push(TextRun {
                    page,
                    x: p.x.to_pt(),
                    y: p.y.to_pt(),
                    width: text.width().to_pt(),
                    size: text.size.to_pt(),
                    text: text.text.to_string(),
                    family: text.font.font().info().family.clone(),
                    tofu: text.glyphs.iter().any(|g| g.id == 0),
                });
            }
            _ => {}
        }
    }
}

/// How far down each page its content reaches: the lowest bottom (pt from the page's
/// top) of the text and rules that start above `limit` (the end of the text block, so
/// that the page number below it is left out). A page with nothing on it gives 0.
pub fn content_bottoms(doc: &PagedDocument, limit: f64) -> Vec<f64> {
    fn walk(frame: &Frame, ts: Transform, limit: f64, bottom: &mut f64) {
        for (pos, item) in frame.items() {
            let (top, low) = match item {
                FrameItem::Group(group) => {
                    let ts = ts
                        .pre_concat(Transform::translate(pos.x, pos.y))
                        .pre_concat(group.transform);
                    walk(&group.frame, ts, limit, bottom);
                    continue;
                }
                FrameItem::Text(text) => {
                    let p = Point::new(pos.x, pos.y).transform(ts);
                    let size = text.size.to_pt();
                    (p.y.to_pt() - 0.88 * size, p.y.to_pt() + 0.12 * size)
                }
                FrameItem::Shape(shape, _) => {
                    let bbox = shape.geometry.bbox(shape.stroke.as_ref());
                    let a = (Point::new(pos.x, pos.y) + bbox.min).transform(ts);
                    let b = (Point::new(pos.x, pos.y) + bbox.max).transform(ts);
                    (a.y.min(b.y).to_pt(), a.y.max(b.y).to_pt())
                }
                _ => continue,
            };
            if top < limit {
                *bottom = bottom.max(low);
            }
        }
    }
    doc.pages()
        .iter()
        .map(|page| {
            let mut bottom = 0.0;
            walk(&page.frame, Transform::identity(), limit, &mut bottom);
            bottom
        })
        .collect()
}

/// Lines of text: runs on the same page and baseline (within 0.5 pt), joined left to
/// right when they touch (within 1 pt), with their extent.
pub fn lines(runs: &[TextRun]) -> Vec<TextRun> {
    let mut sorted: Vec<&TextRun> = runs.iter().collect();
    sorted.sort_by(|a, b| {
        (a.page, a.y.round() as i64, a.x).partial_cmp(&(b.page, b.y.round() as i64, b.x)).unwrap()
    });
    let mut out: Vec<TextRun> = Vec::new();
    for r in sorted {
        if let Some(last) = out.last_mut()
            && last.page == r.page
            && (last.y - r.y).abs() < 0.5
            && (r.x - (last.x + last.width)).abs() < 1.0
        {
            last.text.push_str(&r.text);
            last.width = r.x + r.width - last.x;
            last.tofu |= r.tofu;
            continue;
        }
        out.push(r.clone());
    }
    out
}
