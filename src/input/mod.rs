//! Inputs: every kind of file a report can come from, read into the model. Data files
//! (JSON, YAML, TOML) are read as they are, spreadsheets (xlsx, xls, ods) by the layout
//! nianbao wrote them in; the kind of a file follows its extension. Nothing here checks the
//! form's arithmetic (that is `check`).

pub mod data;
pub mod document;
pub mod sheet;

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
pub const EXTENSIONS: &[&str] = &["json", "yaml", "yml", "toml", "xlsx", "xls", "ods"];

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
/// names it in messages.
pub fn load_bytes(bytes: &[u8], path: &Path, name: &str) -> Result<Loaded, Vec<Diagnostic>> {
    if sheet::is_sheet(path) {
        let report = sheet::load_bytes(bytes, name)?;
        return Ok(Loaded { report, findings: Vec::new() });
    }
    let report = data::parse_bytes(bytes, Format::from_path(path), name).map_err(|d| vec![*d])?;
    Ok(Loaded { report, findings: Vec::new() })
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
