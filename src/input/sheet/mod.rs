//! Spreadsheets as input: the fill-in workbook and the county-wide sheet that
//! `nianbao workbook` writes, filled in Excel, WPS 表格 or LibreOffice and saved as xlsx, xls
//! or ods. The container is checked before any reader touches it (`guard`); the template is
//! identified by its metadata sheet (or, failing that, by its sheets and labels) and its
//! layout checked; then every number is read from the cell the layout gives it. Cached
//! formula results are never used: totals are recomputed, and a total typed over its
//! formula is a given total that R2–R4 check.

pub mod cfb;
pub mod county;
pub mod fields;
pub mod fillin;
pub mod grid;
pub mod guard;
pub mod layout;
pub mod narrative;
mod narratives;
pub mod ods;
pub mod values;

use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::diag::Diagnostic;
use crate::model::Report;
use crate::model::limits::check_limits;

pub use county::CountyRow;
pub use fields::{Field, canonical};
pub use grid::Book;
pub use narratives::Narratives;

/// The extensions of the spreadsheets nianbao reads.
pub const EXTENSIONS: [&str; 3] = ["xlsx", "xls", "ods"];

/// Whether a path names a spreadsheet, by its extension.
pub fn is_sheet(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// What a workbook holds.
#[derive(Debug, Clone)]
pub enum Workbook {
    /// A fill-in workbook: one report.
    FillIn(Box<Report>),
    /// A county-wide sheet: one tables-only report per unit row.
    County(Vec<CountyRow>),
}

/// Which template a workbook follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Template {
    FillIn,
    County,
}

/// What identified a workbook's template.
struct Identified {
    template: Template,
    /// The data schema recorded in the metadata sheet.
    schema: Option<String>,
    /// Whether the metadata sheet said so (else only the sheets' names did).
    by_metadata: bool,
}

/// Identify the template: by the metadata sheet, else by the sheets it has.
fn identify(book: &mut Book) -> Result<Identified, Box<Diagnostic>> {
    let sheets: Vec<String> = book.sheets().into_iter().map(|(n, _)| n).collect();
    if sheets.iter().any(|n| n == layout::META) {
        let meta = book.grid(layout::META)?;
        let (id, version, schema) = (meta.text(0, 1), meta.text(1, 1), meta.text(2, 1));
        let version: u32 = version.parse().unwrap_or(0);
        let template = match id.as_str() {
            layout::FILL_IN_ID => Some(Template::FillIn),
            layout::COUNTY_ID => Some(Template::County),
            _ => None,
        };
        if let Some(t) = template {
            if version > layout::VERSION {
                return Err(Box::new(
                    Diagnostic::error(
                        "sheet-template",
                        format!("这个填报表由更新版本的 nianbao 生成（模板版本 {version}），请升级 nianbao 后再读取"),
                    )
                    .in_file(&book.name),
                ));
            }
            let schema = Some(schema).filter(|s| !s.is_empty());
            return Ok(Identified { template: t, schema, by_metadata: true });
        }
    }
    let has = |n: &str| sheets.iter().any(|s| s == n);
    let by_name = |template| Ok(Identified { template, schema: None, by_metadata: false });
    if has(layout::T2) && has(layout::T3) && has(layout::T4) {
        return by_name(Template::FillIn);
    }
    if has(layout::COUNTY) {
        return by_name(Template::County);
    }
    Err(Box::new(foreign(
        &book.name,
        format!(
            "不是 nianbao 填报表：没有 nianbao 的模板标识，也没有“表二”“表三”“表四”或“汇总表”工作表（工作簿中的工作表：{}）",
            sheets.join("、")
        ),
    )))
}

fn foreign(name: &str, message: String) -> Diagnostic {
    Diagnostic::error("sheet-template", message).in_file(name).hint(
        "用 nianbao workbook 生成填报表（一个单位），或 nianbao workbook --county 生成汇总表（每行一个单位），把数字填进去",
    )
}

/// Read a workbook's content.
pub fn read(bytes: &[u8], name: &str) -> Result<Workbook, Vec<Diagnostic>> {
    let mut book = Book::open(bytes, name).map_err(|d| vec![*d])?;
    let id = identify(&mut book).map_err(|d| vec![*d])?;
    let read = match id.template {
        Template::FillIn => fillin::read(&mut book, id.schema).and_then(|report| {
            check_limits(&report).map_err(|d| vec![d.in_file(name)])?;
            Ok(Workbook::FillIn(Box::new(report)))
        }),
        Template::County => county::read(&mut book).map(Workbook::County),
    };
    // Sheets named like ours but laid out otherwise: another template, not a broken one.
    read.map_err(|errors| match errors.first() {
        Some(first)
            if !id.by_metadata && matches!(first.code, "sheet-layout" | "sheet-missing") =>
        {
            let d = foreign(
                name,
                "不是 nianbao 填报表：没有 nianbao 的模板标识，表格的布局也与 nianbao 填报表不同"
                    .into(),
            );
            vec![d.hint(format!("第一处不同：{}", first.message))]
        }
        _ => errors,
    })
}

/// Read a fill-in workbook as one report. A county-wide sheet holds many reports, so here
/// it is an error that says to use `batch` or `validate`.
pub fn load_bytes(bytes: &[u8], name: &str) -> Result<Report, Vec<Diagnostic>> {
    match read(bytes, name)? {
        Workbook::FillIn(report) => Ok(*report),
        Workbook::County(rows) => Err(vec![
            Diagnostic::error(
                "sheet-county",
                format!("这是汇总表（{} 个单位，每行一份报告），不是一份报告", rows.len()),
            )
            .in_file(name)
            .hint("用 nianbao validate 或 nianbao batch 处理汇总表：每行作为一份报告；用 --narratives 目录 附上各单位的正文"),
        ]),
    }
}

/// Name the sheet cell of every finding about a number of a report read from a
/// spreadsheet (`file`; `row`: a county-wide sheet's 1-based row), when the finding has a
/// field path and no place in the source yet: R1–R4 then say `表三!J5` as R5 does.
pub fn locate(findings: &mut [Diagnostic], file: &Path, row: Option<u32>) {
    if !is_sheet(file) {
        return;
    }
    let fields = Field::all();
    for d in findings.iter_mut().filter(|d| d.location.origin.is_none()) {
        let Some(path) = &d.location.field else { continue };
        let Some(field) = fields.iter().find(|f| f.path() == *path) else { continue };
        d.location.origin = Some(match row {
            Some(r) => format!(
                "{}!{}",
                layout::COUNTY,
                grid::address(r - 1, layout::county_column(*field))
            ),
            None => {
                let (sheet, r, c) = layout::position(*field);
                format!("{sheet}!{}", grid::address(r, c))
            }
        });
    }
}

/// The unit rows of a county-wide sheet (none for a fill-in workbook). A batch loads every
/// row of a sheet on its own, and looks up last year's sheet for each row, so the sheets read
/// last are kept (by content): a sheet is read once, not once per row.
pub fn county_rows(bytes: &[u8], name: &str) -> Result<Arc<Vec<CountyRow>>, Vec<Diagnostic>> {
    type Entry = ((u64, usize, String), Arc<Vec<CountyRow>>);
    static KEPT: Mutex<Vec<Entry>> = Mutex::new(Vec::new());
    let mut hasher = std::hash::DefaultHasher::new();
    bytes.hash(&mut hasher);
    let key = (hasher.finish(), bytes.len(), name.to_string());
    let kept = |k: &_| {
        KEPT.lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .find(|(x, _)| x == k)
            .map(|(_, r)| r.clone())
    };
    if let Some(rows) = kept(&key) {
        return Ok(rows);
    }
    let rows = Arc::new(match read(bytes, name)? {
        Workbook::County(rows) => rows,
        Workbook::FillIn(_) => Vec::new(),
    });
    let mut all = KEPT.lock().unwrap_or_else(|e| e.into_inner());
    if all.len() >= 4 {
        all.remove(0);
    }
    all.push((key, rows.clone()));
    Ok(rows)
}

/// The name of a county-wide sheet's row as a source: `汇总表.xlsx!第5行`.
pub fn row_name(file: &str, row: u32) -> String {
    format!("{file}!第{row}行")
}
