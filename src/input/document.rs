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
}

impl Origin {
    /// The place in words, for messages: `第3页`, `第2个表格第5行第4列`, `第3页第2个表格第5行`.
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
    /// Where it was found.
    pub origin: Origin,
    /// A run-in heading the source sets apart at the start of `text` (another font, e.g.
    /// 楷体 for "（一）主动公开" before body text in 仿宋), when the source shows it; `text`
    /// starts with it.
    pub lead: Option<String>,
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
}
