//! Inputs: every kind of file a report can come from, read into the model. Data files
//! (JSON, YAML, TOML) are read as they are; spreadsheets (xlsx, xls, ods) by the layout
//! nianbao wrote them in; office documents (Word/WPS .docx, portal HTML, PDF with a text
//! layer, plain text and Markdown) are read into a [`document::Document`] and recognized as a
//! report (`recognize`), so every command that takes data takes them too. The kind of a file
//! follows its extension. Nothing here checks the form's arithmetic (that is `check`).

pub(crate) mod chars;
pub mod data;
pub mod document;
pub mod docx;
pub(crate) mod flow;
pub mod html;
pub mod pdf;
pub mod recognize;
pub mod sheet;
pub mod text;

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::model::Report;

pub use data::Format;

/// A report read from a file, with what reading it found.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The report.
    pub report: Report,
    /// Warnings of reading it (never errors: a file with errors does not load).
    pub findings: Vec<Diagnostic>,
}

/// The extensions of the files a report can be read from.
/// Plain text (.txt, .md) is imported when named, but not picked out of a folder, where
/// it is more often a note than a report.
pub const EXTENSIONS: &[&str] =
    &["json", "yaml", "yml", "toml", "docx", "html", "htm", "pdf", "xlsx", "xls", "ods"];

/// What kind of file a report comes in, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Report data: JSON, YAML or TOML.
    Data(Format),
    /// A spreadsheet in nianbao's layout: a fill-in workbook or a county-wide sheet.
    Sheet,
    /// An office document that is imported: `docx`, `html`, `pdf` or `text`.
    Document(&'static str),
}

impl Kind {
    /// The kind of `path`, by extension (data as JSON when the extension is unknown).
    pub fn of(path: &Path) -> Self {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("docx" | "doc" | "wps" | "docm") => Kind::Document("docx"),
            Some("html" | "htm" | "xhtml" | "shtml") => Kind::Document("html"),
            Some("pdf") => Kind::Document("pdf"),
            Some("xlsx" | "xls" | "ods") => Kind::Sheet,
            Some("txt" | "md") => Kind::Document("text"),
            _ => Kind::Data(Format::from_path(path)),
        }
    }
}

/// Whether a file looks like a report input, by its extension. The owner files that Excel
/// and WPS keep beside an open workbook (`~$填报表.xlsx`) are not.
pub fn is_input(path: &Path) -> bool {
    let lock = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("~$"));
    !lock
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Read a file's bytes, with the error a person understands.
pub fn read(path: &Path) -> Result<Vec<u8>, Box<Diagnostic>> {
    std::fs::read(path).map_err(|e| {
        let msg = match e.kind() {
            std::io::ErrorKind::NotFound => "文件不存在".to_string(),
            std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
            _ if path.is_dir() => "这是一个目录，不是数据文件".to_string(),
            _ => format!("无法读取：{e}"),
        };
        Box::new(Diagnostic::error("data-io", msg).in_file(path.display().to_string()))
    })
}

/// Load a report from a file; how it is read follows the extension.
pub fn load(path: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let bytes = read(path).map_err(|d| vec![*d])?;
    load_bytes(&bytes, path, &path.display().to_string())
}

/// Load a report from a file's content; `path` gives the kind (by extension) and `name`
/// names it in messages. An office document is imported first: its import warnings come
/// along in `findings`, and a document that could not be read completely (a table or a
/// section missing, an old format) is an error with all of its findings.
pub fn load_bytes(bytes: &[u8], path: &Path, name: &str) -> Result<Loaded, Vec<Diagnostic>> {
    match Kind::of(path) {
        Kind::Data(format) => {
            let report = data::parse_bytes_all(bytes, format, name)?;
            Ok(Loaded { report, findings: Vec::new() })
        }
        Kind::Sheet => {
            let report = sheet::load_bytes(bytes, name)?;
            Ok(Loaded { report, findings: Vec::new() })
        }
        Kind::Document(_) => {
            let imported = import_bytes(bytes, path, name)?;
            match imported.report {
                Some(report) if imported.complete => {
                    Ok(Loaded { report, findings: imported.findings })
                }
                _ => Err(imported.findings),
            }
        }
    }
}

/// Read an office document into the intermediate [`document::Document`], by extension.
/// Returns the document and its kind (`docx`, `html`, …).
pub fn read_document(
    bytes: &[u8],
    path: &Path,
    name: &str,
) -> Result<(document::Document, &'static str), Vec<Diagnostic>> {
    let fail = |msg: &str| Err(vec![Diagnostic::error("import-read", msg).in_file(name)]);
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match (Kind::of(path), ext.as_deref()) {
        (Kind::Document("docx"), Some("doc" | "wps")) => {
            fail("旧版 Word / WPS 文件（.doc、.wps）不能直接导入：请在 Word 或 WPS 中另存为 .docx")
        }
        (Kind::Document("docx"), _) => docx::read(bytes, name).map(|d| (d, "docx")),
        (Kind::Document("html"), _) => html::read(bytes, name).map(|d| (d, "html")),
        (Kind::Document("pdf"), _) => pdf::read(bytes, name).map(|d| (d, "pdf")),
        (Kind::Document(_), _) => text::read(bytes, name).map(|d| (d, "text")),
        (Kind::Data(_) | Kind::Sheet, _) => fail("这是数据文件，不是要导入的文档"),
    }
}

/// Import a report from an office document's content (read, then recognized). An `Err`
/// means the file could not be read at all; a document that was read but not recognized
/// completely comes back with `complete == false` and its errors among the findings.
pub fn import_bytes(
    bytes: &[u8],
    path: &Path,
    name: &str,
) -> Result<recognize::Recognized, Vec<Diagnostic>> {
    let (doc, format) = read_document(bytes, path, name)?;
    let mut recognized = recognize::recognize(&doc, name, format);
    if let Some(report) = &recognized.report
        && let Err(d) = crate::model::limits::check_limits(report)
    {
        recognized.findings.push(d.in_file(name));
        recognized.complete = false;
    }
    Ok(recognized)
}

/// Import a report from any file nianbao reads: an office document is recognized; a data
/// file is loaded as it is (every cell read from it, none recorded).
pub fn import(path: &Path) -> Result<recognize::Recognized, Vec<Diagnostic>> {
    let bytes = read(path).map_err(|d| vec![*d])?;
    let name = path.display().to_string();
    match Kind::of(path) {
        Kind::Document(_) => import_bytes(&bytes, path, &name),
        kind => {
            let report = match kind {
                Kind::Data(format) => data::parse_bytes_all(&bytes, format, &name)?,
                _ => sheet::load_bytes(&bytes, &name)?,
            };
            Ok(recognize::Recognized {
                report: Some(report),
                findings: Vec::new(),
                cells: Vec::new(),
                complete: true,
            })
        }
    }
}

/// One report of a file, as [`load_all`] gives it.
#[derive(Debug)]
pub struct Entry {
    /// How it is named in messages: the file, or a county-wide sheet's row
    /// (`汇总表.xlsx!第5行`).
    pub name: String,
    /// For a county-wide sheet: the unit's 1-based row.
    pub row: Option<u32>,
    /// The report, or why it could not be read.
    pub loaded: Result<Loaded, Vec<Diagnostic>>,
}

/// Every report a file holds: one for a report file, one per unit row for a county-wide
/// sheet (its narrative from `narratives`, or absent).
pub fn load_all(path: &Path, narratives: Option<&sheet::Narratives>) -> Vec<Entry> {
    let name = path.display().to_string();
    let single = |loaded| vec![Entry { name: name.clone(), row: None, loaded }];
    if sheet::is_sheet(path) {
        let bytes = match read(path) {
            Ok(b) => b,
            Err(d) => return single(Err(vec![*d])),
        };
        return match sheet::county_rows(&bytes, &name) {
            Ok(rows) if !rows.is_empty() => {
                rows.iter().map(|row| county_entry(&name, row.clone(), narratives)).collect()
            }
            _ => single(load_bytes(&bytes, path, &name)),
        };
    }
    single(load(path))
}

fn county_entry(
    file: &str,
    row: sheet::CountyRow,
    narratives: Option<&sheet::Narratives>,
) -> Entry {
    let name = sheet::row_name(file, row.row);
    let loaded = row.report.map(|mut report| {
        let mut findings = Vec::new();
        sheet::Narratives::attach(narratives, &mut report, &mut findings, &name);
        Loaded { report, findings }
    });
    Entry { name, row: Some(row.row), loaded }
}

/// One unit's row of a county-wide sheet (`row` is 1-based), from the sheet's bytes.
pub fn load_row(
    bytes: &[u8],
    file: &str,
    row: u32,
    narratives: Option<&sheet::Narratives>,
) -> Result<Loaded, Vec<Diagnostic>> {
    let rows = sheet::county_rows(bytes, file)?;
    let found = rows.iter().find(|r| r.row == row).cloned().ok_or_else(|| {
        vec![
            Diagnostic::error(
                "sheet-county",
                "汇总表中已没有这一行的单位（文件在读取期间被改动了？）",
            )
            .in_file(sheet::row_name(file, row)),
        ]
    })?;
    county_entry(file, found, narratives).loaded
}

/// Find last year's report of the same organization in a folder of report files: one whose
/// `organization` equals `organization` and whose `year` is `year - 1`. When several match,
/// the one with the file name `prefer` (the current report's name) wins, else the first by
/// name. Files that do not load are skipped.
pub fn find_previous(
    dir: &Path,
    organization: &str,
    year: u16,
    prefer: Option<&std::ffi::OsStr>,
) -> Option<(PathBuf, Report)> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| is_input(p))
        .collect();
    paths.sort_by_key(|p| (p.file_name() != prefer, p.clone()));
    paths.into_iter().find_map(|p| {
        // A county-wide sheet of last year holds many units: look at each row.
        load_all(&p, None).into_iter().find_map(|entry| {
            let r = entry.loaded.ok()?.report;
            (r.organization == organization && r.year.0 + 1 == year).then(|| (p.clone(), r))
        })
    })
}
