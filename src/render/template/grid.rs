//! A table as a grid of cells, for the outputs that draw a table cell by cell (HTML,
//! DOCX): every cell with its place, spans, whether it is a column header, a row header or
//! data, and the header cells that label it (the form's multi-level headers). The form's
//! three tables are built in `tables.rs`.

use serde::Serialize;

use crate::model::form;

/// Width of the text block in millimetres (GB/T 9704: 156 mm).
pub const TEXT_WIDTH_MM: f64 = 156.0;

/// What a cell of a form table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CellKind {
    /// A column header (labels the columns below it).
    ColumnHeader,
    /// A row header (labels its row, or the rows it spans).
    RowHeader,
    /// A number (or a value shown as written).
    Data,
    /// The note in the top-left corner of 表三: part of the header, labels nothing.
    Note,
}

/// One cell of a form table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GridCell {
    /// The text printed in the cell.
    pub text: String,
    /// First row (0-based, header rows included).
    pub row: usize,
    /// First column (0-based).
    pub col: usize,
    /// Rows spanned.
    pub rowspan: usize,
    /// Columns spanned.
    pub colspan: usize,
    /// Header, data or note.
    pub kind: CellKind,
    /// A unique id within the document, e.g. `t3-r4c2`.
    pub id: String,
    /// For header cells: `col`, `colgroup`, `row` or `rowgroup` (what HTML's `scope` says).
    pub scope: Option<&'static str>,
    /// The ids of the header cells that label this cell, outermost first: its column
    /// headers from the top down, then its row headers from the left.
    pub headers: Vec<String>,
    /// Left-aligned (the row labels of 表三); centred otherwise.
    pub left: bool,
    /// Set vertically, one character under the other (三、本年度办理结果).
    pub vertical: bool,
    /// The field path of a data cell, e.g. `requests.new.natural_person`.
    pub path: Option<String>,
    /// The width of the columns it spans, in millimetres.
    pub width_mm: f64,
    /// The same width in percent of the table's, rounded to 0.01.
    pub percent: f64,
}

impl GridCell {
    /// Whether the cell is a header (column or row).
    pub fn is_header(&self) -> bool {
        matches!(self.kind, CellKind::ColumnHeader | CellKind::RowHeader)
    }
}

/// A form table as a grid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grid {
    /// `t2`, `t3` or `t4`.
    pub id: &'static str,
    /// What the table shows: its section's heading without the number.
    pub caption: &'static str,
    /// Column widths in millimetres; they add up to the text block's 156 mm.
    pub widths: Vec<f64>,
    /// Column widths in percent of the table's width.
    pub percents: Vec<f64>,
    /// How many leading rows are the header (repeated when the table breaks).
    pub header_rows: usize,
    /// Runs of rows `[start, end)` kept on one page (a 表二 block, 表三's header with its
    /// first row and its 22-row 本年度办理结果 group, all of 表四).
    pub keep: Vec<(usize, usize)>,
    /// The rows; each holds the cells that start in it, left to right.
    pub rows: Vec<Vec<GridCell>>,
}

/// The three tables as grids.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grids {
    /// 表二 (four 第二十条 blocks in one four-column table).
    pub t2: Grid,
    /// 表三.
    pub t3: Grid,
    /// 表四.
    pub t4: Grid,
}

impl Grid {
    pub(super) fn new(
        id: &'static str,
        section: usize,
        widths: Vec<f64>,
        header_rows: usize,
    ) -> Self {
        let total: f64 = widths.iter().sum();
        let widths: Vec<f64> = widths.iter().map(|w| w * TEXT_WIDTH_MM / total).collect();
        let percents = widths.iter().map(|w| w * 100.0 / TEXT_WIDTH_MM).collect();
        let caption = form::SECTIONS[section].split_once('、').map_or("", |(_, t)| t);
        Self { id, caption, widths, percents, header_rows, keep: Vec::new(), rows: Vec::new() }
    }

    /// Add a cell at `row`, `col` with its spans.
    pub(super) fn put(
        &mut self,
        row: usize,
        col: usize,
        span: (usize, usize),
        kind: CellKind,
        text: &str,
    ) {
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let (rowspan, colspan) = span;
        self.rows[row].push(GridCell {
            text: text.to_string(),
            row,
            col,
            rowspan,
            colspan,
            kind,
            id: format!("{}-r{row}c{col}", self.id),
            scope: None,
            headers: Vec::new(),
            left: false,
            vertical: false,
            path: None,
            width_mm: self.widths[col..col + colspan].iter().sum(),
            percent: (self.percents[col..col + colspan].iter().sum::<f64>() * 100.0).round()
                / 100.0,
        });
    }

    /// The last cell added.
    pub(super) fn last(&mut self) -> &mut GridCell {
        self.rows.iter_mut().rev().find_map(|r| r.last_mut()).expect("a cell was added")
    }

    /// Add a data cell with its field path.
    pub(super) fn data(
        &mut self,
        row: usize,
        col: usize,
        colspan: usize,
        text: &str,
        path: String,
    ) {
        self.put(row, col, (1, colspan), CellKind::Data, text);
        self.last().path = Some(path);
    }

    /// Every cell, row by row.
    pub fn cells(&self) -> impl Iterator<Item = &GridCell> {
        self.rows.iter().flatten()
    }

    /// The number of columns.
    pub fn columns(&self) -> usize {
        self.widths.len()
    }

    /// Fill in scopes and the header ids of every cell. A cell's column headers are the
    /// column-header cells over its columns in the nearest run of header rows above it;
    /// its row headers are the row-header cells to its left in its row.
    pub(super) fn link_headers(&mut self) {
        let (rows, cols) = (self.rows.len(), self.columns());
        // Which cell covers each slot, as (row, index in row).
        let mut cover = vec![vec![None; cols]; rows];
        for (r, row) in self.rows.iter().enumerate() {
            for (i, c) in row.iter().enumerate() {
                for slot in cover.iter_mut().skip(r).take(c.rowspan) {
                    for s in slot.iter_mut().skip(c.col).take(c.colspan) {
                        *s = Some((r, i));
                    }
                }
            }
        }
        let header_row: Vec<bool> = self
            .rows
            .iter()
            .map(|row| {
                row.iter().all(|c| matches!(c.kind, CellKind::ColumnHeader | CellKind::Note))
            })
            .collect();
        let mut links = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            for (i, cell) in row.iter().enumerate() {
                let mut ids: Vec<String> = Vec::new();
                let push = |ids: &mut Vec<String>, at: Option<(usize, usize)>, kind| {
                    if let Some((hr, hi)) = at {
                        let h: &GridCell = &self.rows[hr][hi];
                        if h.kind == kind && !ids.contains(&h.id) && (hr, hi) != (r, i) {
                            ids.push(h.id.clone());
                        }
                    }
                };
                if cell.kind != CellKind::Note {
                    // Column headers: walk up to the nearest header rows, then through them.
                    let mut started = header_row[r];
                    for above in (0..r).rev() {
                        if !header_row[above] {
                            if started {
                                break;
                            }
                            continue;
                        }
                        started = true;
                        for at in &cover[above][cell.col..cell.col + cell.colspan] {
                            push(&mut ids, *at, CellKind::ColumnHeader);
                        }
                    }
                    // The walk went bottom-up: outermost (topmost) first.
                    ids.reverse();
                    for at in &cover[r][..cell.col] {
                        push(&mut ids, *at, CellKind::RowHeader);
                    }
                }
                links.push((r, i, ids));
            }
        }
        for (r, i, ids) in links {
            let cell = &mut self.rows[r][i];
            cell.headers = ids;
            cell.scope = match cell.kind {
                CellKind::ColumnHeader if cell.colspan > 1 => Some("colgroup"),
                CellKind::ColumnHeader => Some("col"),
                CellKind::RowHeader if cell.rowspan > 1 => Some("rowgroup"),
                CellKind::RowHeader => Some("row"),
                _ => None,
            };
        }
    }
}
