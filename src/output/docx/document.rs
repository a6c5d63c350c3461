//! `word/document.xml`: the title, the six sections with their paragraphs and headings,
//! the three tables, the signature and date, and the section properties (A4, GB/T 9704
//! margins mirrored for binding, the 22 × 28 character grid, odd and even footers).

use std::fmt::Write;

use super::{
    MARGIN_BOTTOM_MM, MARGIN_INSIDE_MM, MARGIN_OUTSIDE_MM, MARGIN_TOP_MM, PAGE_HEIGHT, PAGE_WIDTH,
    char_space, line_pitch, runs, tables, twips,
};
use crate::render::template::{Block, View};

/// The namespaces of the main document part.
pub(super) const NAMESPACES: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// Relationship ids of the footers (see `package`).
pub(super) const FOOTER_ODD: &str = "rIdFooterOdd";
pub(super) const FOOTER_EVEN: &str = "rIdFooterEven";

/// The whole `word/document.xml`.
pub(super) fn document(view: &View<'_>) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    let _ = write!(out, "<w:document {NAMESPACES}><w:body>");
    title(&mut out, &view.title_lines);
    // One empty line below the title.
    out.push_str("<w:p/>");
    let bold = view.style.subheading_bold;
    blocks(&mut out, &view.preface, bold);
    let g = &view.grids;
    for (i, section) in view.sections.iter().enumerate() {
        paragraph(&mut out, "Heading1", "", section);
        match i {
            0 => blocks(&mut out, &view.overview, bold),
            1 => tables::table(&mut out, &g.t2),
            2 => tables::table(&mut out, &g.t3),
            3 => tables::table(&mut out, &g.t4),
            4 => blocks(&mut out, &view.problems, bold),
            _ => blocks(&mut out, &view.other_matters, bold),
        }
    }
    if let Some(sig) = &view.signature {
        // One empty line, then 署名 and 成文日期 right-aligned with their indents.
        out.push_str("<w:p/>");
        for (text, indent) in
            [(&sig.organization, sig.organization_indent), (&sig.date, sig.date_indent)]
        {
            let ppr = format!(
                r#"<w:keepNext/><w:ind w:right="{}" w:rightChars="{}" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="right"/>"#,
                (indent * 320.0).round(),
                (indent * 100.0).round()
            );
            paragraph(&mut out, "Signature", &ppr, text);
        }
    }
    section_properties(&mut out);
    out.push_str("</w:body></w:document>");
    out
}

/// A paragraph of style `style` with extra paragraph properties `ppr` (XML) and `text`.
fn paragraph(out: &mut String, style: &str, ppr: &str, text: &str) {
    let _ = write!(out, r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{ppr}</w:pPr>"#);
    runs(out, "", text);
    out.push_str("</w:p>");
}

/// The title: 2号小标宋, centred, its balanced lines separated by line breaks.
fn title(out: &mut String, lines: &[String]) {
    out.push_str(r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>"#);
    runs(out, "", &lines.join("\n"));
    out.push_str("</w:p>");
}

/// The narrative blocks of a section: paragraphs, run-in （一） subheadings in 楷体, and
/// subheadings on their own line as headings 2–4.
fn blocks(out: &mut String, items: &[Block], bold: bool) {
    let kai = if bold {
        r#"<w:rStyle w:val="Subheading"/><w:b/><w:bCs/>"#
    } else {
        r#"<w:rStyle w:val="Subheading"/>"#
    };
    for b in items {
        let heading = format!("{}{}", b.number, b.heading);
        match (b.kind, b.level) {
            ("text", _) => paragraph(out, "Normal", "", &b.text),
            ("run_in", 2) => {
                out.push_str(r#"<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr>"#);
                runs(out, kai, &heading);
                runs(out, "", &b.text);
                out.push_str("</w:p>");
            }
            ("run_in", _) => paragraph(out, "Normal", "", &format!("{heading}{}", b.text)),
            (_, 2) => {
                out.push_str(r#"<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr>"#);
                runs(out, if bold { "<w:b/><w:bCs/>" } else { "" }, &heading);
                out.push_str("</w:p>");
            }
            (_, level) => {
                let style = format!("Heading{}", level.clamp(3, 4));
                paragraph(out, &style, "", &heading);
            }
        }
    }
}

/// The section: A4 portrait, GB/T 9704 margins (left = inside, right = outside, mirrored
/// by `w:mirrorMargins` in the settings), footers for odd and even pages, the line and
/// character grid.
fn section_properties(out: &mut String) {
    let footer = footer_distance();
    let _ = write!(
        out,
        concat!(
            r#"<w:sectPr>"#,
            r#"<w:footerReference w:type="default" r:id="{odd}"/>"#,
            r#"<w:footerReference w:type="even" r:id="{even}"/>"#,
            r#"<w:pgSz w:w="{w}" w:h="{h}"/>"#,
            r#"<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="851" w:footer="{footer}" w:gutter="0"/>"#,
            r#"<w:cols w:space="425"/>"#,
            r#"<w:docGrid w:type="linesAndChars" w:linePitch="{pitch}" w:charSpace="{chars}"/>"#,
            r#"</w:sectPr>"#
        ),
        odd = FOOTER_ODD,
        even = FOOTER_EVEN,
        w = PAGE_WIDTH,
        h = PAGE_HEIGHT,
        top = twips(MARGIN_TOP_MM),
        right = twips(MARGIN_OUTSIDE_MM),
        bottom = twips(MARGIN_BOTTOM_MM),
        left = twips(MARGIN_INSIDE_MM),
        footer = footer,
        pitch = line_pitch(),
        chars = char_space(),
    );
}

/// The footer's distance from the page's bottom edge, so that the page number's line
/// (4号, exactly 14 pt high) starts 7 mm below the text block (GB/T 9704 §7.5).
fn footer_distance() -> u32 {
    let line = f64::from(super::SIZE_PAGE_NUMBER) * 10.0;
    (f64::from(twips(MARGIN_BOTTOM_MM - 7.0)) - line).round() as u32
}

/// A footer part: "— N —" with N a PAGE field, 4号宋体, one character in from the right
/// (odd pages) or the left (even pages).
pub(super) fn footer(odd: bool) -> String {
    let (jc, ind) = if odd { ("right", "w:right") } else { ("left", "w:left") };
    let mut out = String::new();
    out.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    let _ = write!(
        out,
        r#"<w:ftr {NAMESPACES}><w:p><w:pPr><w:pStyle w:val="Footer"/><w:ind {ind}="280" {ind}Chars="100"/><w:jc w:val="{jc}"/></w:pPr>"#
    );
    out.push_str(concat!(
        r#"<w:r><w:t xml:space="preserve">— </w:t></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r>"#,
        r#"<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r>"#,
        r#"<w:r><w:t>1</w:t></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        r#"<w:r><w:t xml:space="preserve"> —</w:t></w:r>"#,
        r#"</w:p></w:ftr>"#
    ));
    out
}
