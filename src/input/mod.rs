//! Inputs: every kind of file a report can come from, read into the model. Data files
//! (JSON, YAML, TOML) are read as they are; the kind of a file follows its extension.
//! Nothing here checks the form's arithmetic (that is `check`).

pub(crate) mod chars;
pub mod data;
pub mod document;
pub(crate) mod flow;
pub mod pdf;
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
pub const EXTENSIONS: &[&str] = &["json", "yaml", "yml", "toml"];

/// Whether a file looks like a report input, by its extension.
pub fn is_input(path: &Path) -> bool {
    path.extension()
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
    let report = data::parse_bytes(bytes, Format::from_path(path), name).map_err(|d| vec![*d])?;
    Ok(Loaded { report, findings: Vec::new() })
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
        let r = load(&p).ok()?.report;
        (r.organization == organization && r.year.0 + 1 == year).then_some((p, r))
    })
}
