//! A streaming pass over an ods's `content.xml` before calamine reads it: the cells a reader
//! would lay out (repeated rows and columns expanded, as calamine does between non-empty
//! cells), so a tiny file that repeats one cell a billion times is refused; and the merged
//! ranges of every sheet, which calamine does not report for ods.

use std::collections::HashMap;

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};

/// Merged ranges by sheet name.
pub type Merges = HashMap<String, Vec<Dimensions>>;

/// What the pass found.
#[derive(Debug, Default)]
pub struct Scan {
    /// Cells a reader would lay out, all sheets together.
    pub cells: u64,
    /// The merged ranges of every sheet.
    pub merges: Merges,
}

/// Most repeats honoured in one attribute (calamine caps rows at 2^20 and columns at 2^14).
const MAX_REPEAT: u64 = 1 << 20;

fn attr_u64(e: &BytesStart, key: &str) -> u64 {
    e.try_get_attribute(key)
        .ok()
        .flatten()
        .and_then(|a| a.value.trim().parse().ok())
        .unwrap_or(1)
        .clamp(1, MAX_REPEAT)
}

/// One sheet's extent so far: the rows holding a value, and the widest such row.
#[derive(Default)]
struct Extent {
    first: Option<u64>,
    last: u64,
    width: u64,
}

impl Extent {
    fn cells(&self) -> u64 {
        self.first.map_or(0, |f| (self.last - f + 1).saturating_mul(self.width))
    }
}

/// Scan `content.xml`.
pub fn scan(xml: &[u8]) -> Result<Scan, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    let mut out = Scan::default();
    let mut buf = Vec::new();
    let (mut sheet, mut extent) = (String::new(), Extent::default());
    let (mut row, mut row_repeat, mut col) = (0u64, 1u64, 0u64);
    // An open (non-empty) cell element: its column and column repeat.
    let mut open: Option<(u64, u64)> = None;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| e.to_string())?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.name().as_ref() {
                    "table:table" => {
                        out.cells = out.cells.saturating_add(extent.cells());
                        extent = Extent::default();
                        row = 0;
                        sheet = e
                            .try_get_attribute("table:name")
                            .ok()
                            .flatten()
                            .and_then(|a| {
                                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                    .ok()
                                    .map(|v| v.into_owned())
                            })
                            .unwrap_or_default();
                    }
                    "table:table-row" => {
                        row_repeat = attr_u64(e, "table:number-rows-repeated");
                        col = 0;
                        if empty {
                            row = row.saturating_add(row_repeat);
                        }
                    }
                    "table:table-cell" | "table:covered-table-cell" => {
                        let repeat = attr_u64(e, "table:number-columns-repeated");
                        let spans = (
                            attr_u64(e, "table:number-rows-spanned"),
                            attr_u64(e, "table:number-columns-spanned"),
                        );
                        if spans != (1, 1) && e.name().as_ref() == "table:table-cell" {
                            let (r, c) = (row.min(u64::from(u32::MAX)), col.min(1 << 20));
                            let end = (
                                (r + spans.0 - 1).min(u64::from(u32::MAX)),
                                (c + spans.1 - 1).min(1 << 20),
                            );
                            let d = Dimensions {
                                start: (r as u32, c as u32),
                                end: (end.0 as u32, end.1 as u32),
                            };
                            let list = out.merges.entry(sheet.clone()).or_default();
                            if list.len() < 10_000 {
                                list.push(d);
                            }
                        }
                        let valued = e.try_get_attribute("office:value-type").ok().flatten();
                        if valued.is_some() {
                            mark(&mut extent, row, row_repeat, col + repeat);
                        }
                        if empty {
                            col = col.saturating_add(repeat);
                        } else {
                            open = Some((col, repeat));
                        }
                    }
                    "text:p" | "text:span" | "text:s" => {
                        if let Some((c, repeat)) = open {
                            mark(&mut extent, row, row_repeat, c + repeat);
                        }
                    }
                    _ => {}
                }
            }
            Event::End(ref e) => match e.name().as_ref() {
                "table:table-cell" | "table:covered-table-cell" => {
                    if let Some((c, repeat)) = open.take() {
                        col = c.saturating_add(repeat);
                    }
                }
                "table:table-row" => row = row.saturating_add(row_repeat),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out.cells = out.cells.saturating_add(extent.cells());
    Ok(out)
}

/// A row (repeated `repeat` times) holds a value up to column `width`.
fn mark(extent: &mut Extent, row: u64, repeat: u64, width: u64) {
    extent.first = Some(extent.first.map_or(row, |f| f.min(row)));
    extent.last = extent.last.max(row.saturating_add(repeat - 1));
    extent.width = extent.width.max(width);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_cells_are_counted_and_merges_found() {
        let xml = br#"<office:document-content><office:body><office:spreadsheet>
            <table:table table:name="&#34920;&#19977;">
              <table:table-row><table:table-cell table:number-columns-spanned="3" table:number-rows-spanned="2" office:value-type="string"><text:p>x</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>
              <table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
            </table:table>
            <table:table table:name="bomb">
              <table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"/></table:table-row>
            </table:table>
        </office:spreadsheet></office:body></office:document-content>"#;
        let s = scan(xml).unwrap();
        assert_eq!(s.merges["表三"], vec![Dimensions { start: (0, 0), end: (1, 2) }]);
        // Trailing empty rows count for nothing; the bomb counts in full.
        assert_eq!(s.cells, 1 + 1_000_000 * 1000);
    }
}
