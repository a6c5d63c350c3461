//! The narratives of a county-wide sheet's units. A sheet row holds only the tables; the
//! text (前言, 一、五、六, title, signature) comes from a per-unit report file in a folder
//! (`--narratives DIR`), matched by organization and year. A row with no such file stays a
//! tables-only report with a clear warning, never invented text.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::model::Report;

/// Per-unit report files of a folder, by organization.
#[derive(Debug, Default)]
pub struct Narratives {
    dir: PathBuf,
    by_organization: HashMap<String, Vec<(PathBuf, Report, Vec<Diagnostic>)>>,
    unreadable: Vec<PathBuf>,
}

/// The warning of a tables-only report.
pub const ABSENT: &str = "narrative-absent";

impl Narratives {
    /// Read every report file of a folder (not its subfolders) and index it by organization.
    pub fn index(dir: &Path) -> Result<Self, Box<Diagnostic>> {
        let entries = std::fs::read_dir(dir).map_err(|e| {
            Box::new(
                Diagnostic::error("data-io", format!("无法读取正文目录：{e}"))
                    .in_file(dir.display().to_string()),
            )
        })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && crate::input::is_input(p))
            .collect();
        paths.sort();
        let mut out = Narratives { dir: dir.to_path_buf(), ..Default::default() };
        for path in paths {
            match crate::input::load(&path) {
                Ok(l) => out
                    .by_organization
                    .entry(l.report.organization.clone())
                    .or_default()
                    .push((path, l.report, l.findings)),
                // Another county-wide sheet is not a unit's narrative.
                Err(d) if d.iter().any(|d| d.code == "sheet-county") => {}
                Err(_) => out.unreadable.push(path),
            }
        }
        Ok(out)
    }

    /// Attach a unit's narrative to its tables-only report `report` (named `name`), or add
    /// the warning that it has none.
    pub fn attach(
        narratives: Option<&Self>,
        report: &mut Report,
        findings: &mut Vec<Diagnostic>,
        name: &str,
    ) {
        let candidates = narratives
            .and_then(|n| n.by_organization.get(&report.organization))
            .map(Vec::as_slice)
            .unwrap_or_default();
        let Some((path, text, found)) = candidates.iter().find(|(_, r, _)| r.year == report.year)
        else {
            let mut d = Diagnostic::warning(ABSENT, "汇总表只有表格数据，未附正文：只检查表格")
                .in_file(name);
            d = match (narratives, candidates.first()) {
                (None, _) => d.hint(
                    "用 --narratives 目录 指定各单位的报告文件（按机关名称和年度匹配），以附上正文",
                ),
                (Some(n), None) => d.hint(format!(
                    "正文目录 {} 中没有机关名称为“{}”的报告文件",
                    n.dir.display(),
                    report.organization
                )),
                (Some(_), Some((p, r, _))) => d.hint(format!(
                    "{} 是“{}”的报告，但年度是 {}，不是 {}，未使用",
                    p.display(),
                    report.organization,
                    r.year.0,
                    report.year.0
                )),
            };
            if let Some(n) = narratives.filter(|n| !n.unreadable.is_empty()) {
                let names: Vec<String> =
                    n.unreadable.iter().take(3).map(|p| p.display().to_string()).collect();
                d = d.hint(format!(
                    "正文目录中有 {} 个文件无法读取（{}），请用 nianbao validate 检查它们",
                    n.unreadable.len(),
                    names.join("、")
                ));
            }
            findings.push(d);
            return;
        };
        report.preface.clone_from(&text.preface);
        report.overview.clone_from(&text.overview);
        report.problems.clone_from(&text.problems);
        report.other_matters.clone_from(&text.other_matters);
        report.title.clone_from(&text.title);
        report.signature.clone_from(&text.signature);
        report.level = report.level.or(text.level);
        findings.extend(found.iter().cloned());
        let blank = text.proactive == Default::default()
            && text.requests.rows() == [[0; 7]; 25]
            && text.appeals == Default::default();
        let same = text.proactive == report.proactive
            && text.requests.rows() == report.requests.rows()
            && [
                &text.appeals.review,
                &text.appeals.litigation,
                &text.appeals.litigation_after_review,
            ]
            .iter()
            .zip([
                &report.appeals.review,
                &report.appeals.litigation,
                &report.appeals.litigation_after_review,
            ])
            .all(|(a, b)| a.cells() == b.cells());
        if !blank && !same {
            findings.push(
                Diagnostic::warning(
                    "narrative-tables",
                    format!(
                        "正文文件 {} 中的表格数字与汇总表这一行不同：以汇总表为准",
                        path.display()
                    ),
                )
                .in_file(name),
            );
        }
    }
}
