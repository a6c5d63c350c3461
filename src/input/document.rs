//! A document as read from any office source (docx, HTML, PDF, text), before it is
//! recognized as a report: paragraphs and tables in reading order, each with where it came
//! from. Every reader produces this; one recognizer turns it into the model, so a report
//! reads the same whichever file it came in.

/// Where a block or cell was found in its source, in the source's own terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The 1-based page, for paged sources (PDF, text with form feeds).
    pub page: Option<u32>,
    /// The 1-based number of the source table (the n-th table of the document).
    pub table: Option<u32>,
    /// The 1-based row and column in that source table, or the line in a text source.
    pub row: Option<u32>,
    /// The 1-based column in that source table.
    pub column: Option<u32>,
    /// The 1-based paragraph of the document (non-empty body paragraphs, in reading order),
    /// for sources without pages or lines (docx, HTML).
    pub paragraph: Option<u32>,
}

impl Origin {
    /// The place in words, for messages: `第3页`, `第2个表格第5行第4列`, `第3页第2个表格第5行`,
    /// `第12段`.
    pub fn describe(&self) -> String {
        let mut s = String::new();
        if let Some(p) = self.page {
            s.push_str(&format!("第{p}页"));
        }
        if let Some(t) = self.table {
            s.push_str(&format!("第{t}个表格"));
        }
        match (self.table.is_some(), self.row, self.column) {
            (true, Some(r), Some(c)) => s.push_str(&format!("第{r}行第{c}列")),
            (true, Some(r), None) => s.push_str(&format!("第{r}行")),
            (false, Some(r), _) => s.push_str(&format!("第{r}行")),
            _ => {}
        }
        if let Some(n) = self.paragraph {
            s.push_str(&format!("第{n}段"));
        }
        s
    }
}

/// How a paragraph was set, as far as the source tells (hints for the recognizer).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Align {
    /// Left or justified (the body).
    #[default]
    Start,
    /// Centred (titles, table captions).
    Center,
    /// Right-aligned (signature and date).
    End,
}

/// One paragraph of running text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraph {
    /// The text, with runs joined and line breaks inside the paragraph removed.
    pub text: String,
    /// Alignment, when the source says.
    pub align: Align,
    /// A heading level the source declares (docx heading styles, HTML `h1`–`h6`), if any.
    pub heading: Option<u8>,
    /// How many characters at the start of `text` the source sets apart from the rest (bold,
    /// or a 楷体/黑体 font while the rest is not): a run-in subheading such as
    /// `（一）主动公开`. Equal to the text's length when the whole paragraph is set apart;
    /// 0 when nothing is.
    pub lead: usize,
    /// Where it was found.
    pub origin: Origin,
}

/// One cell of a table, on the table's grid; merged cells span rows and columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// 0-based row of its top-left corner on the grid.
    pub row: usize,
    /// 0-based column of its top-left corner on the grid.
    pub col: usize,
    /// Rows it spans (1 when not merged).
    pub rowspan: usize,
    /// Columns it spans (1 when not merged).
    pub colspan: usize,
    /// Its text; paragraphs and line breaks inside the cell are kept as `\n`.
    pub text: String,
    /// Where it was found (page, source table, row and column).
    pub origin: Origin,
}

/// A table: its cells on a grid of `rows` × `cols`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Grid rows.
    pub rows: usize,
    /// Grid columns.
    pub cols: usize,
    /// The cells, row by row; every grid position is covered by at most one cell.
    pub cells: Vec<Cell>,
    /// Where the table starts.
    pub origin: Origin,
}

/// A paragraph or a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Running text.
    Paragraph(Paragraph),
    /// A table.
    Table(Table),
}

/// A whole document in reading order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The blocks in reading order; a table split across pages may come as several tables.
    pub blocks: Vec<Block>,
    /// Warnings of reading the source (an encoding guessed, content left out), passed on to
    /// the import's findings.
    pub findings: Vec<crate::diag::Diagnostic>,
}

/// Whether a font family sets text apart from the 仿宋/宋体 body as a subheading: a 楷体 or a
/// 黑体 (楷体_GB2312, 方正楷体_GBK, KaiTi, 黑体, SimHei, 方正黑体_GBK …). 微软雅黑 (Microsoft
/// YaHei), which portals use for everything, is not. Of a list (`微软雅黑, 黑体`) the first
/// family is the one shown.
pub fn is_set_apart_font(families: &str) -> bool {
    let first = families
        .split(',')
        .map(|f| f.trim().trim_matches(['"', '\'']).to_lowercase())
        .find(|f| !f.is_empty())
        .unwrap_or_default();
    if first.contains("雅黑") || first.contains("yahei") {
        return false;
    }
    first.contains('楷') || first.contains("kai") || first.contains('黑') || first.contains("hei")
}

/// Builds a paragraph's text from runs, measuring the run-in lead ([`Paragraph::lead`]):
/// the characters up to the last set-apart run before the first plain one.
#[derive(Debug, Clone, Default)]
pub struct TextBuilder {
    text: String,
    chars: usize,
    lead: usize,
    lead_open: bool,
    started: bool,
}

impl TextBuilder {
    /// Add a run's text; `set_apart` when it is bold or in a 楷体/黑体 font.
    pub fn push(&mut self, s: &str, set_apart: bool) {
        for c in s.chars() {
            if !self.started && !c.is_whitespace() {
                self.started = true;
                self.lead_open = set_apart;
            }
            self.text.push(c);
            self.chars += 1;
            if self.lead_open {
                if set_apart {
                    self.lead = self.chars;
                } else if !c.is_whitespace() {
                    self.lead_open = false;
                }
            }
        }
    }

    /// Whether nothing but whitespace was added.
    pub fn is_blank(&self) -> bool {
        !self.started
    }

    /// The text and the lead, in characters.
    pub fn finish(self) -> (String, usize) {
        (self.text, self.lead)
    }
}

/// A number in Chinese counting (一 … 十 … 九十九), as lists and outlines print it; other
/// numbers as digits.
pub fn chinese_counting(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[(n - 10) as usize] }),
        20..=99 => {
            let unit = if n.is_multiple_of(10) { "" } else { D[(n % 10) as usize] };
            format!("{}十{unit}", D[(n / 10) as usize])
        }
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_apart_fonts_are_kai_and_hei_but_not_yahei() {
        for f in ["楷体_GB2312", "方正楷体_GBK", "KaiTi", "黑体", "SimHei", "'方正黑体_GBK', serif"]
        {
            assert!(is_set_apart_font(f), "{f}");
        }
        for f in ["微软雅黑", "Microsoft YaHei", "微软雅黑, 黑体", "仿宋_GB2312", "宋体", ""]
        {
            assert!(!is_set_apart_font(f), "{f}");
        }
    }
}
