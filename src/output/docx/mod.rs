//! The report as an editable Word document (.docx, Office Open XML) in the official layout:
//! A4 with the GB/T 9704 margins (mirrored) and the 22 × 28 character grid, the official
//! fonts named in the east-Asian slots, "— N —" page numbers as PAGE fields (right on odd
//! pages, left on even ones), the tables with the form's merged cells (gridSpan/vMerge),
//! header rows that repeat and rows that do not split, and the signature and date.
//! Written from the report's view with quick-xml's escaping and packed with zip; the
//! structures WPS is picky about (vMerge restart/continue, tblHeader, cantSplit) are
//! written the way Word writes them.

mod document;
mod package;
mod tables;

use std::borrow::Cow;
use std::fmt::Write;

use typst::foundations::Datetime;

use crate::diag::Diagnostic;
use crate::output::Artifact;
use crate::render::template::{OfficeFont, View};

/// Twips (1/20 pt) per millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;
/// A4 in twips.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
/// GB/T 9704 margins in millimetres: 天头 37, bottom 35, 订口 (inside) 28, outside 26.
const MARGIN_TOP_MM: f64 = 37.0;
const MARGIN_BOTTOM_MM: f64 = 35.0;
const MARGIN_INSIDE_MM: f64 = 28.0;
const MARGIN_OUTSIDE_MM: f64 = 26.0;
/// Lines and characters of the body grid.
const LINES: f64 = 22.0;
const CHARS: f64 = 28.0;
/// Type sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 5号 10.5 pt.
const SIZE_TITLE: u32 = 44;
const SIZE_BODY: u32 = 32;
const SIZE_PAGE_NUMBER: u32 = 28;
const SIZE_TABLE: u32 = 21;

fn twips(mm: f64) -> u32 {
    (mm * TWIPS_PER_MM).round() as u32
}

/// The text block's width in twips (the page less both side margins).
fn text_width() -> u32 {
    PAGE_WIDTH - twips(MARGIN_INSIDE_MM) - twips(MARGIN_OUTSIDE_MM)
}

/// The body's line pitch in twips: 22 lines in the text block, rounded down so they fit.
fn line_pitch() -> u32 {
    let height = PAGE_HEIGHT - twips(MARGIN_TOP_MM) - twips(MARGIN_BOTTOM_MM);
    (f64::from(height) / LINES).floor() as u32
}

/// The character pitch as Word's `w:charSpace`: what each character adds to (here takes
/// from) the 3号 size, in 1/4096 pt, so that 28 characters fill a line (rounded so they fit).
fn char_space() -> i32 {
    let pitch_pt = f64::from(text_width()) / 20.0 / CHARS;
    ((pitch_pt - f64::from(SIZE_BODY) / 2.0) * 4096.0).floor() as i32
}

/// The spacing added to every character of 3号 text, in twips, so that 28 characters fill
/// a line in any reader: Word and WPS honour the character grid's `charSpace`, but
/// LibreOffice lays out a 3号 character that is wider than the grid's pitch over two cells.
/// So body text is set off the character grid with this spacing (the grid still says
/// 28 × 22 in Word's page setup, and lines still snap to it).
fn char_spacing() -> i32 {
    (f64::from(text_width()) / CHARS - f64::from(SIZE_BODY) * 10.0).floor() as i32
}

/// Write the Word document of a report. `date` is the document's date (its metadata and
/// the zip entries' times), so the same report gives the same bytes.
pub fn write(view: &View<'_>, date: Datetime) -> Result<Artifact, Vec<Diagnostic>> {
    let body = document::document(view);
    package::pack(view, &body, date)
        .map(Artifact::Docx)
        .map_err(|e| vec![Diagnostic::error("docx", format!("无法生成 Word 文档：{e}"))])
}

/// Escape text or an attribute value for XML.
fn esc(s: &str) -> Cow<'_, str> {
    quick_xml::escape::escape(s)
}

/// `w:rFonts` naming a font in every slot, the east-Asian one included, so Word and WPS
/// use it for Chinese text and digits alike.
fn fonts(font: &OfficeFont) -> String {
    let name = esc(&font.name);
    format!(
        r#"<w:rFonts w:ascii="{name}" w:eastAsia="{name}" w:hAnsi="{name}" w:cs="{name}" w:hint="eastAsia"/>"#
    )
}

/// Append runs for `text` with run properties `rpr` (already XML): line breaks become
/// `w:br`, tabs `w:tab`; every piece of text is escaped.
fn runs(out: &mut String, rpr: &str, text: &str) {
    let open = |out: &mut String| {
        out.push_str("<w:r>");
        if !rpr.is_empty() {
            let _ = write!(out, "<w:rPr>{rpr}</w:rPr>");
        }
    };
    open(out);
    let mut piece = String::new();
    let flush = |out: &mut String, piece: &mut String| {
        if !piece.is_empty() {
            let _ = write!(out, r#"<w:t xml:space="preserve">{}</w:t>"#, esc(piece));
            piece.clear();
        }
    };
    for c in text.chars() {
        match c {
            '\n' => {
                flush(out, &mut piece);
                out.push_str("<w:br/>");
            }
            '\t' => {
                flush(out, &mut piece);
                out.push_str("<w:tab/>");
            }
            '\r' => {}
            c => piece.push(c),
        }
    }
    flush(out, &mut piece);
    out.push_str("</w:r>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_fits_22_lines_of_28_characters() {
        assert_eq!(text_width(), 8845);
        assert_eq!(line_pitch(), 579);
        let pitch = f64::from(SIZE_BODY) / 2.0 + f64::from(char_space()) / 4096.0;
        assert!(pitch * CHARS <= f64::from(text_width()) / 20.0);
        assert!((pitch + 0.01) * CHARS > f64::from(text_width()) / 20.0);
        let spaced = i64::from(SIZE_BODY) * 10 + i64::from(char_spacing());
        assert_eq!(i64::from(text_width()) / spaced, 28, "{}", char_spacing());
    }

    #[test]
    fn runs_escape_text_and_keep_breaks() {
        let mut out = String::new();
        runs(&mut out, "", "a<b>&\"c\"\nd\te");
        assert_eq!(
            out,
            r#"<w:r><w:t xml:space="preserve">a&lt;b&gt;&amp;&quot;c&quot;</w:t><w:br/><w:t xml:space="preserve">d</w:t><w:tab/><w:t xml:space="preserve">e</w:t></w:r>"#
        );
    }
}
