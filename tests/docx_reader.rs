//! Reading a .docx back as a reader that understands merged cells does: its parts, and
//! its tables with gridSpan and vMerge resolved (shared by the DOCX tests).

use std::collections::HashMap;
use std::io::Read;

use quick_xml::events::Event;

/// Every part of the package, by name.
pub fn parts(bytes: &[u8]) -> HashMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    let mut out = HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        out.insert(f.name().unwrap().into_owned(), text);
    }
    out
}

/// A table cell as a reader of gridSpan/vMerge finds it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadCell {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub text: String,
}

/// A table read back: its cells, and per row whether it repeats (tblHeader) and may split.
#[derive(Debug, Default)]
pub struct ReadTable {
    pub cells: Vec<ReadCell>,
    pub header: Vec<bool>,
    pub cant_split: Vec<bool>,
}

/// Read the tables of `word/document.xml`: gridSpan widens a cell, a `vMerge` continuation
/// extends the cell above it in the same grid column; the text of `w:t` (and `w:br`).
pub fn read_tables(xml: &str) -> Vec<ReadTable> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut tables, mut t) = (Vec::new(), ReadTable::default());
    let (mut row, mut col, mut span, mut merge, mut text) = (0, 0, 1, None::<bool>, String::new());
    let mut in_t = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            ev @ (Event::Start(_) | Event::Empty(_)) => {
                let (Event::Start(e) | Event::Empty(e)) = &ev else { unreachable!() };
                let attr = |name: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == name)
                        .map(|a| a.value.into_owned())
                };
                match e.name().as_ref() {
                    "w:tbl" => (t, row) = (ReadTable::default(), 0),
                    "w:tr" => {
                        col = 0;
                        t.header.push(false);
                        t.cant_split.push(false);
                    }
                    "w:tblHeader" => *t.header.last_mut().unwrap() = true,
                    "w:cantSplit" => *t.cant_split.last_mut().unwrap() = true,
                    "w:tc" => (span, merge, text) = (1, None, String::new()),
                    "w:gridSpan" => span = attr("w:val").unwrap().parse().unwrap(),
                    "w:vMerge" => merge = Some(attr("w:val").as_deref() == Some("restart")),
                    "w:t" => in_t = matches!(ev, Event::Start(_)),
                    "w:br" => text.push('\n'),
                    _ => {}
                }
            }
            Event::Text(x) if in_t => text.push_str(&x.xml10_content()),
            Event::GeneralRef(r) if in_t => {
                let name = r.into_inner();
                text.push_str(&quick_xml::escape::unescape(&format!("&{name};")).unwrap());
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_t = false,
                "w:tc" => {
                    if merge == Some(false) {
                        let above = t.cells.iter_mut().rev().find(|c| c.col == col).unwrap();
                        assert_eq!(above.colspan, span, "a continuation has its cell's span");
                        assert_eq!(above.row + above.rowspan, row, "continues the cell above");
                        above.rowspan += 1;
                    } else {
                        let cell =
                            ReadCell { row, col, rowspan: 1, colspan: span, text: text.clone() };
                        t.cells.push(cell);
                    }
                    col += span;
                }
                "w:tr" => row += 1,
                "w:tbl" => tables.push(std::mem::take(&mut t)),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    tables
}
