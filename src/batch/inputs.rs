//! What a batch renders: command-line inputs expanded into sources (folders, globs, JSON
//! Lines, JSON arrays, county-wide sheets, report files), stable shards, and output names
//! from a pattern.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::input::{self, Loaded, sheet};
use crate::model::Report;

/// The default output-name pattern.
pub const DEFAULT_PATTERN: &str = "{year}-{organization}.pdf";

/// One report to render: a file, or one entry of a JSON Lines file or JSON array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// How the report is named in messages: `a.json`, `all.jsonl:12`, `all.json[3]`.
    pub name: String,
    /// The file it comes from.
    pub file: PathBuf,
    /// The report's text, for entries of a bundle file (`None`: read `file`).
    pub text: Option<String>,
    /// For a unit of a county-wide sheet: its 1-based row (`汇总表.xlsx!第5行`).
    pub row: Option<u32>,
}

/// Read and parse a source; also the bytes that identify its content (for a county-wide
/// sheet's row, the row's own data, so editing one unit does not re-render them all).
/// `narratives` gives county rows their text.
pub fn load_source(
    source: &Source,
    narratives: Option<&sheet::Narratives>,
) -> Result<(Loaded, Vec<u8>), Vec<Diagnostic>> {
    let bytes = match &source.text {
        Some(t) => t.clone().into_bytes(),
        None => input::read(&source.file).map_err(|d| vec![*d])?,
    };
    if let Some(row) = source.row {
        let file = source.file.display().to_string();
        let loaded = input::load_row(&bytes, &file, row, narratives)?;
        let mut key = serde_json::to_vec(&loaded.report).unwrap_or_default();
        key.extend(format!("{:?}", loaded.report.invalid_cells).bytes());
        return Ok((loaded, key));
    }
    let loaded = input::load_bytes(&bytes, &source.file, &source.name)?;
    Ok((loaded, bytes))
}

impl Source {
    /// Read and parse this source (a file, an entry of a bundle, or a unit row of a
    /// county-wide sheet, whose narrative is then absent).
    pub fn load(&self) -> Result<input::Loaded, Vec<Diagnostic>> {
        load_source(self, None).map(|(loaded, _)| loaded)
    }
}

/// Expand command-line inputs: folders (searched recursively for .json/.yaml/.yml/.toml),
/// glob patterns, `.jsonl` files (one report a line), JSON files holding an array of
/// reports, and single report files. The result is sorted and free of duplicates.
pub fn expand(inputs: &[String]) -> Result<Vec<Source>, Box<Diagnostic>> {
    let mut files = Vec::new();
    for input in inputs {
        let path = PathBuf::from(input);
        if path.is_dir() {
            walk(&path, &mut files);
        } else if path.exists() {
            files.push(path);
        } else if input.contains(['*', '?', '[']) {
            let paths = glob::glob(input).map_err(|e| {
                Box::new(
                    Diagnostic::error("batch-input", format!("无效的通配符：{e}")).in_file(input),
                )
            })?;
            let mut matched: Vec<PathBuf> = paths.filter_map(Result::ok).collect();
            matched.retain(|p| p.is_file() || p.is_dir());
            if matched.is_empty() {
                return Err(Box::new(
                    Diagnostic::error("batch-input", "通配符没有匹配到任何文件").in_file(input),
                ));
            }
            for p in matched {
                if p.is_dir() { walk(&p, &mut files) } else { files.push(p) }
            }
        } else {
            return Err(Box::new(
                Diagnostic::error("batch-input", "文件或目录不存在").in_file(input),
            ));
        }
    }
    files.sort();
    files.dedup();
    let mut sources = Vec::new();
    for file in files {
        sources.extend(split_bundle(&file));
    }
    Ok(sources)
}

fn is_report_file(path: &Path) -> bool {
    input::is_input(path)
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out);
        } else if is_report_file(&path) {
            out.push(path);
        }
    }
}

/// One source per report: a `.jsonl` file gives one per non-empty line, a JSON file whose
/// top level is an array one per element, a county-wide sheet one per unit row; anything
/// else is one report.
fn split_bundle(file: &Path) -> Vec<Source> {
    let single = || {
        vec![Source {
            name: file.display().to_string(),
            file: file.to_path_buf(),
            text: None,
            row: None,
        }]
    };
    if sheet::is_sheet(file) {
        let Ok(bytes) = std::fs::read(file) else { return single() };
        let name = file.display().to_string();
        return match sheet::read(&bytes, &name) {
            Ok(sheet::Workbook::County(rows)) => rows
                .iter()
                .map(|r| Source {
                    name: sheet::row_name(&name, r.row),
                    file: file.to_path_buf(),
                    text: None,
                    row: Some(r.row),
                })
                .collect(),
            // A fill-in workbook, or one the loader will report on.
            _ => single(),
        };
    }
    let ext = file.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("jsonl") => {
            let Ok(text) = std::fs::read_to_string(file) else { return single() };
            text.lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(i, l)| Source {
                    name: format!("{}:{}", file.display(), i + 1),
                    file: file.to_path_buf(),
                    text: Some(l.to_string()),
                    row: None,
                })
                .collect()
        }
        Some("json") => {
            let Ok(text) = std::fs::read_to_string(file) else { return single() };
            if !text.trim_start().trim_start_matches('\u{feff}').starts_with('[') {
                return single();
            }
            match serde_json::from_str::<Vec<Box<serde_json::value::RawValue>>>(&text) {
                Ok(items) => items
                    .into_iter()
                    .enumerate()
                    .map(|(i, raw)| Source {
                        name: format!("{}[{i}]", file.display()),
                        file: file.to_path_buf(),
                        text: Some(raw.get().to_string()),
                        row: None,
                    })
                    .collect(),
                // Let the loader report the syntax error with its position.
                Err(_) => single(),
            }
        }
        _ => single(),
    }
}

/// Keep the `k`-th (1-based) of `n` stable slices of the sources: a source's slice depends
/// only on its name, so slices are disjoint, cover the set, and stay put as files are added.
pub fn shard(sources: Vec<Source>, k: usize, n: usize) -> Vec<Source> {
    sources
        .into_iter()
        .filter(|s| (stable_hash(s.name.as_bytes()) % n as u128) as usize == k - 1)
        .collect()
}

fn stable_hash(bytes: &[u8]) -> u128 {
    typst::utils::hash128(&bytes)
}

/// Make a string safe as a file name on every common file system.
pub fn safe_file_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    out = out.trim_matches([' ', '.']).to_string();
    // Keep names within 200 bytes (most file systems allow 255).
    while out.len() > 200 {
        out.pop();
    }
    if out.is_empty() { "_".to_string() } else { out }
}

/// The output file name for a report from a pattern with `{year}`, `{organization}`,
/// `{title}`, `{level}` and `{stem}` (the input file's stem).
pub fn output_name(pattern: &str, report: &Report, source: &Source) -> String {
    let stem =
        source.file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let level = report.level.map(|l| format!("{l:?}").to_lowercase()).unwrap_or_default();
    let name = pattern
        .replace("{year}", &report.year.0.to_string())
        .replace("{organization}", &report.organization)
        .replace("{title}", &report.title())
        .replace("{level}", &level)
        .replace("{stem}", &stem);
    safe_file_name(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(safe_file_name("2024-a/b:c*?.pdf"), "2024-a_b_c__.pdf");
        assert_eq!(safe_file_name(" ..x.. "), "x");
        assert_eq!(safe_file_name(""), "_");
        assert!(safe_file_name(&"长".repeat(300)).len() <= 200);
    }

    #[test]
    fn shards_are_disjoint_and_cover() {
        let sources: Vec<Source> = (0..100)
            .map(|i| Source {
                name: format!("r{i}.json"),
                file: PathBuf::from(format!("r{i}.json")),
                text: None,
                row: None,
            })
            .collect();
        let mut seen = Vec::new();
        for k in 1..=3 {
            seen.extend(shard(sources.clone(), k, 3).into_iter().map(|s| s.name));
        }
        seen.sort();
        let mut all: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
        all.sort();
        assert_eq!(seen, all);
    }
}
