//! A workbook opened for reading, whatever its format (after `guard` has checked the
//! container): its sheets with their visibility, and each sheet as a sparse grid of cells
//! that knows every cell's value and whether it is a formula (whose cached value nianbao
//! never trusts), and the sheet's merged ranges. xlsx sheets are streamed cell by cell, so
//! a sheet that claims a huge extent allocates nothing for its empty cells.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Dimensions, Ods, Reader, SheetVisible, Xls, Xlsx};

use super::guard::{self, Kind, MAX_CELLS};
use crate::diag::Diagnostic;

/// One cell: its value (for a formula, the cached result) and whether it holds a formula.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The value as stored.
    pub value: Data,
    /// Whether the cell holds a formula.
    pub formula: bool,
}

/// One sheet's cells, sparse, by 0-based (row, column).
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// The sheet's name.
    pub sheet: String,
    cells: HashMap<(u32, u32), Cell>,
    /// The merged ranges.
    pub merges: Vec<Dimensions>,
}

/// The column letters of a 0-based column: 0 → `A`, 26 → `AA`.
pub fn column_name(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        s.push(b'A' + r);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A cell's address from 0-based row and column: (11, 3) → `D12`.
pub fn address(row: u32, col: u32) -> String {
    format!("{}{}", column_name(col), row as u64 + 1)
}

impl Grid {
    /// A cell, if it holds anything.
    pub fn cell(&self, row: u32, col: u32) -> Option<&Cell> {
        self.cells.get(&(row, col))
    }

    /// A cell's content as text (trimmed; numbers as written), empty for a blank cell.
    pub fn text(&self, row: u32, col: u32) -> String {
        self.cell(row, col).map(|c| text_of(&c.value)).unwrap_or_default()
    }

    /// Where a cell is, for messages: `表三!D12`.
    pub fn place(&self, row: u32, col: u32) -> String {
        format!("{}!{}", self.sheet, address(row, col))
    }

    /// The rows that hold anything (0-based), in order.
    pub fn rows(&self) -> Vec<u32> {
        let mut rows: Vec<u32> = self.cells.keys().map(|(r, _)| *r).collect();
        rows.sort_unstable();
        rows.dedup();
        rows
    }

    /// The rows and columns of a cell holding exactly `text` (whitespace ignored).
    pub fn find(&self, text: &str) -> Option<(u32, u32)> {
        let want = squash(text);
        let mut hits: Vec<(u32, u32)> = self
            .cells
            .iter()
            .filter(|(_, c)| squash(&text_of(&c.value)) == want)
            .map(|(p, _)| *p)
            .collect();
        hits.sort();
        hits.first().copied()
    }

    /// A grid from cells, for tests and other readers.
    pub fn from_cells(sheet: &str, cells: impl IntoIterator<Item = ((u32, u32), Cell)>) -> Self {
        Grid { sheet: sheet.to_string(), cells: cells.into_iter().collect(), merges: Vec::new() }
    }
}

/// Text with every whitespace character removed, for comparing labels.
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A value as text: strings trimmed, numbers in their shortest form.
pub fn text_of(v: &Data) -> String {
    match v {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

enum Inner<'a> {
    Xlsx(Xlsx<Cursor<&'a [u8]>>),
    Xls(Xls<Cursor<&'a [u8]>>),
    Ods(Ods<Cursor<&'a [u8]>>),
}

/// An open workbook.
pub struct Book<'a> {
    /// The real format.
    pub kind: Kind,
    /// The file as named in messages.
    pub name: String,
    inner: Inner<'a>,
    checked: guard::Checked,
    /// Cells read so far, all sheets together (bounded by `MAX_CELLS`).
    cells_read: u64,
}

fn broken(name: &str, e: impl std::fmt::Display) -> Box<Diagnostic> {
    Box::new(Diagnostic::error("sheet-format", format!("文件已损坏，无法读取：{e}")).in_file(name))
}

/// Run a calamine call. calamine can panic on a malformed file (an index out of range in
/// a corrupt formula, say): that is a broken file, not a crash.
fn guarded<T>(
    name: &str,
    f: impl FnOnce() -> Result<T, Box<Diagnostic>>,
) -> Result<T, Box<Diagnostic>> {
    quiet_reader_panics();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err(broken(name, "文件结构有误")))
}

/// Keep the panics of the spreadsheet reader (caught by [`guarded`]) off the terminal; every
/// other panic goes to the hook that was there before.
fn quiet_reader_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let reader = info.location().is_some_and(|l| l.file().contains("/calamine-"));
            if !reader {
                previous(info);
            }
        }));
    });
}

impl<'a> Book<'a> {
    /// Check the container and open the workbook.
    pub fn open(bytes: &'a [u8], name: &str) -> Result<Self, Box<Diagnostic>> {
        let (kind, checked) = guard::check(bytes, name)?;
        guarded(name, || Self::open_checked(bytes, name, kind, checked))
    }

    fn open_checked(
        bytes: &'a [u8],
        name: &str,
        kind: Kind,
        checked: guard::Checked,
    ) -> Result<Self, Box<Diagnostic>> {
        let rs = Cursor::new(bytes);
        let inner = match kind {
            Kind::Xlsx => Inner::Xlsx(Xlsx::new(rs).map_err(|e| match e {
                calamine::XlsxError::Password => guard::password_error(name),
                e => broken(name, e),
            })?),
            Kind::Xls => Inner::Xls(Xls::new(rs).map_err(|e| match e {
                calamine::XlsError::Password => guard::password_error(name),
                e => broken(name, e),
            })?),
            Kind::Ods => Inner::Ods(Ods::new(rs).map_err(|e| match e {
                calamine::OdsError::Password => guard::password_error(name),
                e => broken(name, e),
            })?),
        };
        Ok(Book { kind, name: name.to_string(), inner, checked, cells_read: 0 })
    }

    /// The sheets in order, with whether each is visible.
    pub fn sheets(&self) -> Vec<(String, bool)> {
        let meta = match &self.inner {
            Inner::Xlsx(r) => r.sheets_metadata(),
            Inner::Xls(r) => r.sheets_metadata(),
            Inner::Ods(r) => r.sheets_metadata(),
        };
        meta.iter().map(|s| (s.name.clone(), s.visible == SheetVisible::Visible)).collect()
    }

    /// Read one sheet into a grid.
    pub fn grid(&mut self, sheet: &str) -> Result<Grid, Box<Diagnostic>> {
        let name = self.name.clone();
        guarded(&name, || self.read_grid(sheet))
    }

    fn read_grid(&mut self, sheet: &str) -> Result<Grid, Box<Diagnostic>> {
        let name = self.name.clone();
        let mut grid = Grid { sheet: sheet.to_string(), ..Grid::default() };
        let limit = |read: u64| -> Result<(), Box<Diagnostic>> {
            if read > MAX_CELLS {
                return Err(Box::new(
                    Diagnostic::error(
                        "sheet-limit",
                        format!(
                            "工作表“{sheet}”的单元格过多（上限 {MAX_CELLS}）：不是正常的填报表"
                        ),
                    )
                    .in_file(&name),
                ));
            }
            Ok(())
        };
        match &mut self.inner {
            Inner::Xlsx(r) => {
                let mut cells = r.worksheet_cells_reader(sheet).map_err(|e| broken(&name, e))?;
                while let Some(c) = cells.next_cell_with_formula().map_err(|e| broken(&name, e))? {
                    self.cells_read += 1;
                    limit(self.cells_read)?;
                    let formula = c.formula.is_some_and(|f| !f.is_empty());
                    let value = Data::from(c.value);
                    if formula || value != Data::Empty {
                        grid.cells.insert(c.pos, Cell { value, formula });
                    }
                }
                drop(cells);
                grid.merges = r.merge_cells_by_sheet_name(sheet).map_err(|e| broken(&name, e))?;
            }
            Inner::Xls(r) => {
                let range = r.worksheet_range(sheet).map_err(|e| broken(&name, e))?;
                let formulas = r.worksheet_formula(sheet).map_err(|e| broken(&name, e))?;
                fill(&mut grid, &range, &formulas);
                for pos in self.checked.xls_formulas.get(sheet).into_iter().flatten() {
                    grid.cells
                        .entry(*pos)
                        .or_insert(Cell { value: Data::Empty, formula: true })
                        .formula = true;
                }
                grid.merges = r.merge_cells_by_sheet_name(sheet).unwrap_or_default();
            }
            Inner::Ods(r) => {
                let range = r.worksheet_range(sheet).map_err(|e| broken(&name, e))?;
                let formulas = r.worksheet_formula(sheet).map_err(|e| broken(&name, e))?;
                fill(&mut grid, &range, &formulas);
                grid.merges = self.checked.ods_merges.get(sheet).cloned().unwrap_or_default();
            }
        }
        Ok(grid)
    }
}

fn fill(grid: &mut Grid, range: &calamine::Range<Data>, formulas: &calamine::Range<String>) {
    for (r, c, v) in range.used_cells() {
        let (r0, c0) = range.start().unwrap_or((0, 0));
        grid.cells
            .insert((r0 + r as u32, c0 + c as u32), Cell { value: v.clone(), formula: false });
    }
    for (r, c, f) in formulas.used_cells() {
        let (r0, c0) = formulas.start().unwrap_or((0, 0));
        if !f.is_empty() {
            grid.cells
                .entry((r0 + r as u32, c0 + c as u32))
                .or_insert(Cell { value: Data::Empty, formula: true })
                .formula = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(address(11, 3), "D12");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(203), "GV");
        assert_eq!(column_name(16383), "XFD");
    }
}
