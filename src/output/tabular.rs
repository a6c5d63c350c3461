//! Tables for people who work in spreadsheets: one header row, data rows and an optional
//! totals row, written as .xlsx (numbers stay numbers, rates are percentages, user text is
//! always a string cell, never a formula), .csv (UTF-8 with a BOM so Excel and WPS read
//! Chinese; a cell that would start a formula is prefixed with an apostrophe) or .html (a
//! bordered, captioned table with header cells; every value escaped). The annex and the
//! findings list are built on it.

use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook};

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, written as text everywhere.
    Text(String),
    /// A count.
    Int(u64),
    /// A share in 0..=1, shown as a percentage with one decimal; `None` is an empty cell.
    Rate(Option<f64>),
    /// A number with one decimal (a percentile); `None` is an empty cell.
    Num(Option<f64>),
}

impl Cell {
    /// The cell as text (CSV and HTML).
    pub fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Rate(Some(r)) => format!("{:.1}%", round1(r * 100.0)),
            Cell::Num(Some(n)) => format!("{:.1}", round1(*n)),
            Cell::Rate(None) | Cell::Num(None) => String::new(),
        }
    }
}

/// Round to one decimal, halves away from zero, as spreadsheets show numbers (56.25 →
/// 56.3; Rust's formatting would give 56.2).
fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A table to write.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// The caption (and sheet and document title).
    pub title: String,
    /// The header row.
    pub columns: Vec<String>,
    /// The data rows.
    pub rows: Vec<Vec<Cell>>,
    /// The totals row, if any.
    pub totals: Option<Vec<Cell>>,
    /// Lines printed under the table (definitions of the columns).
    pub notes: Vec<String>,
    /// The year the data is about, for a reproducible document date.
    pub year: u16,
}

/// The file types a table is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// Excel / WPS 表格.
    Xlsx,
    /// Comma-separated values.
    Csv,
    /// A web page.
    Html,
}

impl TableFormat {
    /// The format for a file name, by extension.
    pub fn from_path(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "xlsx" => Some(TableFormat::Xlsx),
            "csv" => Some(TableFormat::Csv),
            "html" | "htm" => Some(TableFormat::Html),
            _ => None,
        }
    }
}

impl Table {
    /// The table's bytes in `format`.
    pub fn to_bytes(&self, format: TableFormat) -> Result<Vec<u8>, String> {
        match format {
            TableFormat::Xlsx => self.xlsx().map_err(|e| e.to_string()),
            TableFormat::Csv => self.csv().map_err(|e| e.to_string()),
            TableFormat::Html => Ok(self.html().into_bytes()),
        }
    }

    fn all_rows(&self) -> impl Iterator<Item = &Vec<Cell>> {
        self.rows.iter().chain(self.totals.iter())
    }

    fn csv(&self) -> Result<Vec<u8>, csv::Error> {
        let mut out = b"\xEF\xBB\xBF".to_vec();
        {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(&self.columns)?;
            for row in self.all_rows() {
                w.write_record(row.iter().map(|c| match c {
                    Cell::Text(t) => defuse(t),
                    other => other.text(),
                }))?;
            }
            w.flush()?;
        }
        Ok(out)
    }

    fn html(&self) -> String {
        let mut h = String::new();
        h.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.push_str(&format!("<title>{}</title>\n", escape(&self.title)));
        h.push_str(
            "<style>\nbody{font-family:\"SimSun\",\"宋体\",\"Noto Serif CJK SC\",serif;margin:2em;color:#000;background:#fff}\n\
             h1{font-size:1.4em}\ntable{border-collapse:collapse}\ncaption{font-weight:bold;margin-bottom:.5em}\n\
             th,td{border:1px solid #000;padding:.3em .5em;vertical-align:top}\nth{background:#eee}\n\
             td.n{text-align:right;white-space:nowrap}\ntfoot td,tfoot th{font-weight:bold}\n</style>\n",
        );
        h.push_str("</head>\n<body>\n<main>\n");
        h.push_str(&format!("<h1>{}</h1>\n<table>\n", escape(&self.title)));
        h.push_str(&format!("<caption>{}</caption>\n<thead>\n<tr>", escape(&self.title)));
        for c in &self.columns {
            h.push_str(&format!("<th scope=\"col\">{}</th>", escape(c)));
        }
        h.push_str("</tr>\n</thead>\n<tbody>\n");
        let row = |h: &mut String, cells: &[Cell]| {
            h.push_str("<tr>");
            for (i, c) in cells.iter().enumerate() {
                let text = escape(&c.text());
                match c {
                    _ if i == 0 => h.push_str(&format!("<th scope=\"row\">{text}</th>")),
                    Cell::Text(_) => h.push_str(&format!("<td>{text}</td>")),
                    _ => h.push_str(&format!("<td class=\"n\">{text}</td>")),
                }
            }
            h.push_str("</tr>\n");
        };
        for r in &self.rows {
            row(&mut h, r);
        }
        h.push_str("</tbody>\n");
        if let Some(t) = &self.totals {
            h.push_str("<tfoot>\n");
            row(&mut h, t);
            h.push_str("</tfoot>\n");
        }
        h.push_str("</table>\n");
        for n in &self.notes {
            h.push_str(&format!("<p>{}</p>\n", escape(n)));
        }
        h.push_str("</main>\n</body>\n</html>\n");
        h
    }

    fn xlsx(&self) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let mut book = Workbook::new();
        let date = ExcelDateTime::from_ymd(self.year.saturating_add(1).clamp(1900, 9999), 1, 1)?;
        book.set_properties(
            &DocProperties::new()
                .set_title(&self.title)
                .set_author("nianbao")
                .set_creation_datetime(&date),
        );
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&self.title))?;
        let border = Format::new().set_border(FormatBorder::Thin);
        let head = border.clone().set_bold().set_text_wrap();
        let rate = border.clone().set_num_format("0.0%");
        let num = border.clone().set_num_format("0.0");
        let bold = |f: &Format| f.clone().set_bold();
        for (c, name) in self.columns.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, name, &head)?;
            let width =
                if c == 0 { 30.0 } else { (name.chars().count() as f64 * 2.2).clamp(8.0, 40.0) };
            sheet.set_column_width(c as u16, width)?;
        }
        let total_row = self.rows.len() + 1;
        for (r, cells) in self.all_rows().enumerate() {
            let row = (r + 1) as u32;
            let is_total = r + 1 == total_row && self.totals.is_some();
            for (c, cell) in cells.iter().enumerate() {
                let col = c as u16;
                let pick = |f: &Format| if is_total { bold(f) } else { f.clone() };
                match cell {
                    Cell::Text(t) => sheet.write_string_with_format(row, col, t, &pick(&border))?,
                    Cell::Int(n) => {
                        sheet.write_number_with_format(row, col, *n as f64, &pick(&border))?
                    }
                    Cell::Rate(Some(v)) => {
                        sheet.write_number_with_format(row, col, *v, &pick(&rate))?
                    }
                    Cell::Num(Some(v)) => {
                        sheet.write_number_with_format(row, col, *v, &pick(&num))?
                    }
                    Cell::Rate(None) | Cell::Num(None) => {
                        sheet.write_blank(row, col, &pick(&border))?
                    }
                };
            }
        }
        let last = self.all_rows().count() as u32;
        if !self.columns.is_empty() {
            sheet.set_freeze_panes(1, 1)?;
            sheet.autofilter(0, 0, self.rows.len() as u32, self.columns.len() as u16 - 1)?;
        }
        for (i, n) in self.notes.iter().enumerate() {
            sheet.write_string(last + 2 + i as u32, 0, n)?;
        }
        book.save_to_buffer()
    }
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(title: &str) -> String {
    let name: String = title.chars().filter(|c| !"[]:*?/\\'".contains(*c)).take(31).collect();
    if name.trim().is_empty() { "Sheet1".into() } else { name }
}

/// A CSV text cell that a spreadsheet would run as a formula gets a leading apostrophe.
fn defuse(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Escape text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Write a table to `path` in the format its extension names, atomically.
pub fn write(path: &Path, table: &Table) -> Result<(), Box<crate::Diagnostic>> {
    let file = path.display().to_string();
    let fail = |m: String| Box::new(crate::Diagnostic::error("output-write", m).in_file(&file));
    let format = TableFormat::from_path(path)
        .ok_or_else(|| fail("无法从扩展名判断格式：请用 .xlsx、.csv 或 .html".into()))?;
    let bytes = table.to_bytes(format).map_err(|e| fail(format!("无法生成：{e}")))?;
    super::write_atomic(path, &bytes).map_err(|e| fail(format!("无法写入：{e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            title: "附件：各单位情况".into(),
            columns: vec!["机关名称".into(), "本年新收".into(), "实质公开率".into()],
            rows: vec![vec![
                Cell::Text("=HYPERLINK(\"x\")<b>".into()),
                Cell::Int(12),
                Cell::Rate(Some(0.5)),
            ]],
            totals: Some(vec![Cell::Text("合计".into()), Cell::Int(12), Cell::Rate(None)]),
            notes: vec!["实质公开率 = (予以公开 + 部分公开) / 办结".into()],
            year: 2024,
        }
    }

    #[test]
    fn csv_has_a_bom_and_no_formulas() {
        let b = table().to_bytes(TableFormat::Csv).unwrap();
        let t = String::from_utf8(b).unwrap();
        assert!(t.starts_with('\u{feff}'));
        assert!(t.contains("\"'=HYPERLINK(\"\"x\"\")<b>\",12,50.0%"), "{t}");
    }

    #[test]
    fn rates_round_half_up_like_spreadsheets() {
        assert_eq!(Cell::Rate(Some(9.0 / 16.0)).text(), "56.3%");
        assert_eq!(Cell::Rate(Some(1.0 / 3.0)).text(), "33.3%");
        assert_eq!(Cell::Num(Some(62.5 / 10.0)).text(), "6.3");
    }

    #[test]
    fn html_escapes_user_text() {
        let t = String::from_utf8(table().to_bytes(TableFormat::Html).unwrap()).unwrap();
        assert!(t.contains("=HYPERLINK(&quot;x&quot;)&lt;b&gt;"));
        assert!(!t.contains("<b>"));
        assert!(t.contains("<th scope=\"col\">实质公开率</th>"));
    }

    #[test]
    fn xlsx_is_a_zip_and_reproducible() {
        let a = table().to_bytes(TableFormat::Xlsx).unwrap();
        assert!(a.starts_with(b"PK"));
        assert_eq!(a, table().to_bytes(TableFormat::Xlsx).unwrap());
        assert_eq!(sheet_name("a[b]:c*?/d\\"), "abcd");
    }
}
