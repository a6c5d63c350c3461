//! `nianbao validate`: check reports and print every finding, grouped per file (per unit
//! row for a county-wide sheet).

use std::path::Path;

use nianbao::check::copies::{self, UnitText};
use nianbao::input::Loaded;
use nianbao::input::sheet::Narratives;
use nianbao::output::findings::{self, Entry};
use nianbao::{Diagnostic, Report, Severity};

use super::args::{FindingsFormat, PreviousArgs, ValidateArgs};
use super::{Status, print_diagnostics, say};

/// Last year's report for `report`, from `--previous` or `--previous-dir`.
pub fn previous_report(
    args: &PreviousArgs,
    report: &Report,
    current: &Path,
) -> Result<Option<Report>, Vec<Diagnostic>> {
    if let Some(path) = &args.previous {
        return nianbao::input::load(path).map(|l| Some(l.report));
    }
    if let Some(dir) = &args.previous_dir {
        if !dir.is_dir() {
            return Err(vec![
                Diagnostic::error("data-io", "上年报告目录不存在")
                    .in_file(dir.display().to_string()),
            ]);
        }
        let found = nianbao::input::find_previous(
            dir,
            &report.organization,
            report.year.0,
            current.file_name(),
        );
        return Ok(found.map(|(_, r)| r));
    }
    Ok(None)
}

/// Load and check one report: its findings (a load failure is one finding).
pub fn check(path: &Path, previous: &PreviousArgs) -> (Option<Report>, Vec<Diagnostic>) {
    check_loaded(path, None, &path.display().to_string(), nianbao::input::load(path), previous)
}

/// Check one loaded report (`name`: the file, or a county-wide sheet's row).
fn check_loaded(
    path: &Path,
    row: Option<u32>,
    name: &str,
    loaded: Result<Loaded, Vec<Diagnostic>>,
    previous: &PreviousArgs,
) -> (Option<Report>, Vec<Diagnostic>) {
    let (report, mut findings) = match loaded {
        Ok(l) => (l.report, l.findings),
        Err(d) => return (None, d),
    };
    let prev = match previous_report(previous, &report, path) {
        Ok(p) => p,
        Err(d) => {
            findings.extend(d);
            None
        }
    };
    if previous.previous_dir.is_some()
        && prev.is_none()
        && !findings.iter().any(|d| d.code == "data-io")
    {
        findings.push(
            Diagnostic::warning(
                "R6",
                format!(
                    "在上年报告目录中没有找到“{}” {} 年度的报告，未做跨年核对",
                    report.organization,
                    report.year.0 - 1
                ),
            )
            .in_file(name),
        );
    }
    findings.extend(nianbao::check::validate(&report, prev.as_ref(), name));
    nianbao::input::sheet::locate(&mut findings, path, row);
    (Some(report), findings)
}

/// Run `nianbao validate`.
pub fn validate(args: &ValidateArgs) -> Status {
    let narratives = match args.narratives.as_deref().map(Narratives::index).transpose() {
        Ok(n) => n,
        Err(d) => {
            print_diagnostics(&[*d]);
            return Status::Failure;
        }
    };
    // Every report of every file (a county-wide sheet gives one per unit row), checked.
    let mut checked: Vec<(String, Option<Report>, Vec<Diagnostic>)> = Vec::new();
    for path in &args.reports {
        for entry in nianbao::input::load_all(path, narratives.as_ref()) {
            let (report, findings) =
                check_loaded(path, entry.row, &entry.name, entry.loaded, &args.previous);
            checked.push((entry.name, report, findings));
        }
    }
    // Text copied between the reports of this run (S11).
    let texts: Vec<Option<UnitText>> =
        checked.iter().map(|(name, r, _)| r.as_ref().map(|r| UnitText::of(r, name))).collect();
    for (i, d) in copies::find_with(texts.len(), |i| texts[i].clone()) {
        checked[i].2.push(d);
    }
    let (mut errors, mut warnings) = (0, 0);
    for (name, _, findings) in &mut checked {
        nianbao::check::sort(findings);
        let e = findings.iter().filter(|d| d.is_error()).count();
        let w = findings.iter().filter(|d| d.severity == Severity::Warning).count();
        errors += e;
        warnings += w;
        if args.format == FindingsFormat::Human {
            print_diagnostics(findings);
            let verdict = match (e, w) {
                (0, 0) => "没有发现问题".to_string(),
                (e, w) => format!("{e} 个错误，{w} 个警告"),
            };
            say(&format!("{name}：{verdict}\n"));
        }
    }
    match args.format {
        FindingsFormat::Json => {
            let json: Vec<_> =
                checked.iter().flat_map(|(_, _, f)| f.iter().map(Diagnostic::to_json)).collect();
            println!("{}", serde_json::to_string_pretty(&json).expect("findings serialize"));
        }
        FindingsFormat::Human => {
            if checked.len() > 1 {
                say(&format!("共 {} 份报告：{errors} 个错误，{warnings} 个警告", checked.len()));
            }
        }
    }
    if let Some(path) = &args.findings {
        let mut entries: Vec<Entry<'_>> = checked
            .iter()
            .flat_map(|(_, r, f)| {
                f.iter().map(move |finding| Entry {
                    organization: r.as_ref().map(|r| r.organization.as_str()),
                    finding,
                })
            })
            .collect();
        let year = checked.iter().find_map(|(_, r, _)| r.as_ref().map(|r| r.year.0)).unwrap_or(0);
        if let Err(d) =
            findings::write(path, "政府信息公开工作年度报告异常清单", year, &mut entries)
        {
            print_diagnostics(&[*d]);
            return Status::Error;
        }
    }
    if errors > 0 { Status::Failure } else { Status::Success }
}
