//! Page breaks in table 三, as a careful typesetter makes them, and what the templates
//! report back from a layout: the measured row heights (`<nianbao-row-heights>`), where a
//! table landed (`<nianbao-table>`) and where the text block ends (`<nianbao-page>`).
//!
//! Table 三's 22-row block 三、本年度办理结果 is one merged cell. When it does not fit below
//! the table's header and first rows, Typst moves the whole block to the next page and can
//! leave most of a page empty. [`plan`] finds such a layout and the last group （一）…（七）
//! that fits on the page; the report is then generated again with the table split after
//! that group (the second part repeats the header rows and the merged label), and
//! [`landed`] checks that the second layout put the parts where they were planned.

use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use crate::model::form::T3_ROWS;
use crate::render::template::{RowHeights, Split};

/// Header rows of table 三.
const HEADER_ROWS: usize = 3;
/// The block 三、本年度办理结果: body rows 2 to 23.
const BLOCK: std::ops::RangeInclusive<usize> = 2..=23;
/// Rows of the block each part must keep, so that the merged label, stacked one
/// character per line, fits beside them.
const MIN_BLOCK_ROWS: usize = 4;
/// Slack for rounding when comparing lengths (pt).
const EPSILON: f64 = 0.01;

/// Every `metadata` value labelled `label` in the document, with its page and y (pt).
fn marks(doc: &PagedDocument, label: &str) -> Vec<(Value, usize, f64)> {
    let Some(label) = Label::new(PicoStr::intern(label)) else { return Vec::new() };
    let introspector = &**doc.introspector();
    Introspector::query(introspector, &Selector::Label(label))
        .iter()
        .filter_map(|elem| {
            let meta = elem.to_packed::<MetadataElem>()?;
            let position = introspector.position(elem.location()?)?;
            Some((meta.value.clone(), position.page.get(), position.point.y.to_pt()))
        })
        .collect()
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) if f.is_finite() && *f >= 0.0 => Some(*f),
        Value::Int(i) if *i >= 0 => Some(*i as f64),
        _ => None,
    }
}

/// The row heights the templates measured in this document, by table name.
pub fn measured_heights(doc: &PagedDocument) -> RowHeights {
    let mut out = RowHeights::new();
    for (value, _, _) in marks(doc, "nianbao-row-heights") {
        let Value::Dict(d) = &value else { continue };
        let (Ok(Value::Str(name)), Ok(Value::Array(heights))) = (d.get("table"), d.get("heights"))
        else {
            continue;
        };
        if let Some(h) = heights.iter().map(number).collect::<Option<Vec<f64>>>() {
            out.entry(name.to_string()).or_insert(h);
        }
    }
    out
}

/// Where the parts of table 三 landed: (part, page, y of the table's top).
fn t3_parts(doc: &PagedDocument) -> Vec<(i64, usize, f64)> {
    marks(doc, "nianbao-table")
        .into_iter()
        .filter_map(|(value, page, y)| {
            let Value::Dict(d) = &value else { return None };
            match (d.get("table"), d.get("part")) {
                (Ok(Value::Str(t)), Ok(Value::Int(part))) if t.as_str() == "t3" => {
                    Some((*part, page, y))
                }
                _ => None,
            }
        })
        .collect()
}

/// Where the text block ends on a page (pt from the top), as the style library says.
fn text_bottom(doc: &PagedDocument) -> Option<f64> {
    marks(doc, "nianbao-page").into_iter().find_map(|(value, _, _)| match &value {
        Value::Dict(d) => d.get("text-bottom").ok().and_then(number),
        _ => None,
    })
}

/// Whether a page break after body row `row` falls between groups: the next row starts
/// a new group （一）…（七） (or leaves the block), and inside the block both parts keep
/// enough rows for the merged label.
fn between_groups(row: usize) -> bool {
    let next = row + 1;
    if next >= T3_ROWS.len() {
        return false;
    }
    let new_group = T3_ROWS[next].group.is_none() || T3_ROWS[next].group != T3_ROWS[row].group;
    let inside = BLOCK.contains(&row) && BLOCK.contains(&next);
    new_group
        && (!inside
            || (row + 1 - BLOCK.start() >= MIN_BLOCK_ROWS && BLOCK.end() - row >= MIN_BLOCK_ROWS))
}

/// Plan the split of table 三 in a laid-out document whose table has these row
/// `heights`: `Some` when the table crosses a page and Typst, keeping the block
/// 三、本年度办理结果 whole, would leave room on the page for at least one of its groups.
/// The split is after the last group that fits.
pub fn plan(doc: &PagedDocument, heights: &[f64]) -> Option<Split> {
    if heights.len() != HEADER_ROWS + T3_ROWS.len() {
        return None;
    }
    let bottom = text_bottom(doc)?;
    let parts = t3_parts(doc);
    let [(0, _, top)] = parts[..] else { return None };
    let (header, rows) = heights.split_at(HEADER_ROWS);
    let mut used = top + header.iter().sum::<f64>();
    let mut last_fitting = None;
    for (i, h) in rows.iter().enumerate() {
        used += h;
        if used > bottom + EPSILON {
            break;
        }
        if between_groups(i) {
            last_fitting = Some(i);
        }
    }
    if used <= bottom + EPSILON {
        return None; // the whole table fits
    }
    // Only a break inside the block needs the split; elsewhere Typst breaks by itself.
    let row = last_fitting.filter(|r| BLOCK.contains(r) && *r != *BLOCK.end())?;
    Some(Split { row, heights: heights.to_vec() })
}

/// Whether a document laid out with `split` has the table's first part where the
/// unsplit one started, and its second part at the top of the next page.
pub fn landed(unsplit: &PagedDocument, split: &PagedDocument) -> bool {
    let (before, after) = (t3_parts(unsplit), t3_parts(split));
    let ([(0, page, top)], [(0, page0, top0), (1, page1, _)]) = (&before[..], &after[..]) else {
        return false;
    };
    page == page0 && (top - top0).abs() < EPSILON && *page1 == page + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_fall_between_groups_with_room_for_the_label() {
        let rows: Vec<usize> = (0..T3_ROWS.len()).filter(|r| between_groups(*r)).collect();
        // After 一, after 二, after （三）, （四）, （五）, and after （七）总计; never inside
        // a group, nor where a part of the block would keep fewer than four rows.
        assert_eq!(rows, [0, 1, 11, 14, 19, 23]);
    }
}
