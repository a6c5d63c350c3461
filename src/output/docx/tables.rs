//! The form's tables as Word tables (`w:tbl`) from the view's grids: fixed column widths
//! on the 156 mm text block, single 0.5 pt rules, merged cells as Word writes them
//! (`w:gridSpan` across, `w:vMerge` "restart" on the first row and an empty continuation
//! cell with the same span on every row below), header rows that repeat on a new page
//! (`w:tblHeader`), rows that never split (`w:cantSplit`), and the groups the PDF keeps on
//! one page kept together (`w:keepNext`).

use std::fmt::Write;

use super::{TWIPS_PER_MM, esc, runs, text_width};
use crate::render::template::{Grid, GridCell};

/// One slot of the table's grid: a cell that starts here, or the continuation below a
/// cell that spans rows.
enum Slot<'g> {
    Start(&'g GridCell),
    Continue(&'g GridCell),
}

/// Append a form table.
pub(super) fn table(out: &mut String, grid: &Grid) {
    let widths = column_widths(grid);
    let total: u32 = widths.iter().sum();
    let _ = write!(
        out,
        concat!(
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="FormTable"/>"#,
            r#"<w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/>"#,
            r#"<w:tblBorders>{b}</w:tblBorders><w:tblLayout w:type="fixed"/>"#,
            r#"<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="57" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>"#,
            r#"<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>"#,
            r#"<w:tblCaption w:val="{caption}"/></w:tblPr><w:tblGrid>"#
        ),
        total = total,
        b = borders(),
        caption = esc(grid.caption),
    );
    for w in &widths {
        let _ = write!(out, r#"<w:gridCol w:w="{w}"/>"#);
    }
    out.push_str("</w:tblGrid>");
    let slots = slots(grid);
    for (r, row) in slots.iter().enumerate() {
        out.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if r < grid.header_rows {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
        // Keep a row with the next one inside a group the PDF keeps on one page.
        let keep = grid.keep.iter().any(|&(start, end)| r >= start && r + 1 < end);
        for slot in row.iter().flatten() {
            cell(out, slot, &widths, keep);
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    // A table may not end a document part; one empty line follows it, as in the PDF.
    out.push_str(r#"<w:p><w:pPr><w:pStyle w:val="TableGap"/></w:pPr></w:p>"#);
}

/// Column widths in twips, adding up to the text block's width.
fn column_widths(grid: &Grid) -> Vec<u32> {
    let mut widths: Vec<u32> =
        grid.widths.iter().map(|mm| (mm * TWIPS_PER_MM).floor() as u32).collect();
    let short = text_width().saturating_sub(widths.iter().sum());
    if let Some(last) = widths.last_mut() {
        *last += short;
    }
    widths
}

fn borders() -> String {
    ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|side| format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#))
        .collect()
}

/// The grid's slots row by row: where each cell starts, and the continuation slots of
/// cells that span rows (one per row below, at the cell's column).
fn slots(grid: &Grid) -> Vec<Vec<Option<Slot<'_>>>> {
    let cols = grid.columns();
    let mut slots: Vec<Vec<Option<Slot<'_>>>> =
        (0..grid.rows.len()).map(|_| (0..cols).map(|_| None).collect()).collect();
    for cell in grid.cells() {
        slots[cell.row][cell.col] = Some(Slot::Start(cell));
        for r in cell.row + 1..cell.row + cell.rowspan {
            if let Some(row) = slots.get_mut(r) {
                row[cell.col] = Some(Slot::Continue(cell));
            }
        }
    }
    slots
}

/// One `w:tc`.
fn cell(out: &mut String, slot: &Slot<'_>, widths: &[u32], keep: bool) {
    let c = match slot {
        Slot::Start(c) | Slot::Continue(c) => *c,
    };
    let width: u32 = widths[c.col..c.col + c.colspan].iter().sum();
    let _ = write!(out, r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#);
    if c.colspan > 1 {
        let _ = write!(out, r#"<w:gridSpan w:val="{}"/>"#, c.colspan);
    }
    match slot {
        Slot::Start(_) if c.rowspan > 1 => out.push_str(r#"<w:vMerge w:val="restart"/>"#),
        Slot::Continue(_) => out.push_str("<w:vMerge/>"),
        Slot::Start(_) => {}
    }
    if c.vertical && matches!(slot, Slot::Start(_)) {
        // Top to bottom, right to left, Chinese characters upright (Word's 竖排).
        out.push_str(r#"<w:textDirection w:val="tbRlV"/>"#);
    }
    out.push_str(r#"<w:vAlign w:val="center"/></w:tcPr>"#);
    let jc = if c.left { "left" } else { "center" };
    let keep = if keep { "<w:keepNext/>" } else { "" };
    let _ = write!(
        out,
        r#"<w:p><w:pPr><w:pStyle w:val="TableText"/>{keep}<w:jc w:val="{jc}"/></w:pPr>"#
    );
    if let Slot::Start(_) = slot {
        runs(out, "", &c.text);
    }
    out.push_str("</w:p></w:tc>");
}
