//! Lines of running text into paragraphs, for the readers of laid-out text (PDF, and text
//! that `pdftotext -layout` or a copy from a PDF gives). A paragraph starts at a first-line
//! indent, after a line that ends short of the right edge, after extra space, at a change of
//! size or alignment; wrapped lines join (CJK without a space). Centred lines (the title)
//! and right-aligned lines (the signature and the date) are found from their margins.

use crate::input::chars::{is_wide, join_wrapped, starts_with_heading_number};
use crate::input::document::{Align, Origin, Paragraph};

/// One line of running text, measured against the text block of its page.
#[derive(Debug, Clone, Default)]
pub(crate) struct FlowLine {
    /// The text.
    pub text: String,
    /// The 1-based page.
    pub page: u32,
    /// The 1-based line in a text source.
    pub row: Option<u32>,
    /// Free space before the line, from the text block's left edge, in ems (characters).
    pub indent: f64,
    /// Free space after the line, to the text block's right edge, in ems.
    pub slack: f64,
    /// The distance from the previous line's baseline in line pitches, when both are on one
    /// page with nothing between them; `None` at the top of a page.
    pub gap: Option<f64>,
    /// The font size in points, when known.
    pub size: Option<f64>,
    /// The font of each character, when known (a run-in heading is set in another font).
    pub fonts: Vec<u16>,
    /// The width of the text block in ems; 0 when unknown (then the line's own length).
    pub block: f64,
    /// Set larger than the body text (a title): centred when its margins are even, even
    /// when it fills the line.
    pub display: bool,
}

impl FlowLine {
    fn align(&self) -> Align {
        let width = if self.block > 0.0 {
            self.block
        } else {
            self.indent + self.slack + self.text.chars().count() as f64
        };
        let even = (self.indent - self.slack).abs() <= (0.12 * width).max(1.5);
        let centred = even && (self.display || (self.indent > 1.5 && self.slack > 1.5));
        if centred {
            Align::Center
        } else if self.slack < 4.5 && self.indent > 0.4 * width {
            Align::End
        } else {
            Align::Start
        }
    }
}

/// Build the paragraphs of consecutive lines (no table between them).
pub(crate) fn paragraphs(lines: &[FlowLine]) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut fonts: Vec<u16> = Vec::new();
    let mut prev: Option<(&FlowLine, Align)> = None;
    for line in lines {
        let align = line.align();
        let new = match prev {
            None => true,
            Some((p, palign)) => starts_paragraph(p, palign, line, align),
        };
        if new {
            if let Some(last) = out.last_mut() {
                last.lead = lead(&last.text, &fonts);
            }
            fonts.clear();
            out.push(Paragraph {
                text: String::new(),
                align,
                heading: None,
                origin: Origin { page: Some(line.page), row: line.row, ..Default::default() },
                lead: 0,
            });
        }
        let para = out.last_mut().expect("a paragraph was started");
        let before = para.text.chars().count();
        join_wrapped(&mut para.text, &line.text);
        let added = para.text.chars().count() - before;
        if !line.fonts.is_empty() {
            // A joining space takes the font of the line's first character.
            let first = line.fonts[0];
            fonts.extend(std::iter::repeat_n(first, added.saturating_sub(line.fonts.len())));
            fonts.extend(line.fonts.iter().take(added));
        }
        prev = Some((line, align));
    }
    if let Some(last) = out.last_mut() {
        last.lead = lead(&last.text, &fonts);
    }
    out
}

fn starts_paragraph(p: &FlowLine, palign: Align, line: &FlowLine, align: Align) -> bool {
    if align != palign {
        return true;
    }
    let size_changed = match (p.size, line.size) {
        (Some(a), Some(b)) => (a - b).abs() > 0.15 * a.max(b),
        _ => false,
    };
    if size_changed || line.gap.is_some_and(|g| g > 1.6) {
        return true;
    }
    match align {
        // A title wraps into several centred lines; signature and date are one line each.
        Align::Center => line.gap.is_none(),
        Align::End => true,
        Align::Start => {
            let closed = p.text.ends_with(|c: char| "。；：！？".contains(c));
            p.slack > 1.2
                || line.indent > p.indent + 0.8
                || (starts_with_heading_number(&line.text) && (line.indent > 0.5 || closed))
        }
    }
}

/// The run-in heading at the start of a paragraph: its leading characters when they are
/// set in a font that the rest of the paragraph does not use, and hold CJK text.
/// The run-in lead of a paragraph ([`Paragraph::lead`](super::document::Paragraph)): the
/// characters set in a font the rest of the paragraph does not use (楷体 "（一）主动公开"
/// before 仿宋 body), without trailing spaces; 0 when there is none.
fn lead(text: &str, fonts: &[u16]) -> usize {
    let chars: Vec<char> = text.chars().collect();
    if fonts.len() != chars.len() || chars.is_empty() {
        return 0;
    }
    let first = fonts[0];
    let Some(k) = fonts.iter().position(|f| *f != first) else { return 0 };
    let rest_uses_first = fonts[k..].contains(&first);
    let cjk = chars[..k].iter().filter(|c| is_wide(**c)).count();
    let trimmed = chars[..k].iter().rev().skip_while(|c| c.is_whitespace()).count();
    if !rest_uses_first && cjk >= 2 && k < chars.len() { trimmed } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, indent: f64, slack: f64) -> FlowLine {
        FlowLine { text: text.into(), page: 1, indent, slack, gap: Some(1.0), ..Default::default() }
    }

    #[test]
    fn indent_and_short_lines_start_paragraphs() {
        let lines = [
            line("一、总体情况", 2.0, 20.0),
            line("（一）主动公开。全年通过县政府门户网站主动公开政府信", 2.0, 0.0),
            line("息1368条，其中机构职能信息412条。", 0.0, 10.0),
            line("（二）依申请公开。全年新收政府信息公开申请225件，上年", 2.0, 0.0),
            line("结转8件。", 0.0, 23.0),
        ];
        let p = paragraphs(&lines);
        let texts: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "一、总体情况",
                "（一）主动公开。全年通过县政府门户网站主动公开政府信息1368条，其中机构职能信息412条。",
                "（二）依申请公开。全年新收政府信息公开申请225件，上年结转8件。"
            ]
        );
    }

    #[test]
    fn a_heading_after_a_full_closed_line_starts_a_paragraph() {
        let lines = [
            line("全年新收政府信息公开申请17件，均在法定期限内答复完毕。", 0.0, 0.0),
            line("（二）依申请公开方面。全年新收政府信息公开申请17", 0.0, 0.0),
            line("件。", 0.0, 20.0),
        ];
        let p = paragraphs(&lines);
        assert_eq!(p.len(), 2, "{p:#?}");
        assert_eq!(p[1].text, "（二）依申请公开方面。全年新收政府信息公开申请17件。");
    }

    #[test]
    fn title_signature_and_date() {
        let lines = [
            FlowLine {
                size: Some(22.0), ..line("临江县人民政府办公室2024年", 4.0, 4.0)
            },
            FlowLine { size: Some(22.0), ..line("政府信息公开工作年度报告", 4.5, 4.5) },
            line("正文很短。", 2.0, 21.0),
            line("临江县人民政府办公室", 16.0, 2.0),
            line("2025年1月24日", 18.0, 2.0),
        ];
        let p = paragraphs(&lines);
        assert_eq!(p.len(), 4, "{p:#?}");
        assert_eq!(p[0].text, "临江县人民政府办公室2024年政府信息公开工作年度报告");
        assert_eq!(p[0].align, Align::Center);
        assert_eq!(p[1].align, Align::Start);
        assert_eq!((p[2].align, p[3].align), (Align::End, Align::End));
    }

    #[test]
    fn run_in_lead_in_another_font() {
        let mut l = line("（一）主动公开全年通过门户网站公开信息", 2.0, 0.0);
        l.fonts = [vec![1; 7], vec![2; 12]].concat();
        let mut l2 = line("368条。", 0.0, 20.0);
        l2.fonts = vec![2; 5];
        let p = paragraphs(&[l, l2]);
        assert_eq!(p[0].lead, "（一）主动公开".chars().count());
        let mut plain = line("2024年，我局公开信息。", 2.0, 10.0);
        plain.fonts = [vec![3; 4], vec![2; 9]].concat();
        assert_eq!(paragraphs(&[plain])[0].lead, 0);
    }
}
