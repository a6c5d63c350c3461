//! `nianbao validate`: check reports and print every finding, grouped per file (per unit
//! row for a county-wide sheet).

use std::path::Path;

use nianbao::input::Loaded;
use nianbao::input::sheet::Narratives;
use nianbao::{Diagnostic, Report};

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
    let mut all = Vec::new();
    let (mut errors, mut warnings, mut checked) = (0, 0, 0);
    let narratives = match args.narratives.as_deref().map(Narratives::index).transpose() {
        Ok(n) => n,
        Err(d) => {
            print_diagnostics(&[*d]);
            return Status::Failure;
        }
    };
    for path in &args.reports {
        for entry in nianbao::input::load_all(path, narratives.as_ref()) {
            let name = entry.name;
            let (_, findings) = check_loaded(path, entry.row, &name, entry.loaded, &args.previous);
            let e = findings.iter().filter(|d| d.is_error()).count();
            errors += e;
            warnings += findings.len() - e;
            checked += 1;
            if args.format == FindingsFormat::Human {
                print_diagnostics(&findings);
                let verdict = match (e, findings.len() - e) {
                    (0, 0) => "没有发现问题".to_string(),
                    (e, w) => format!("{e} 个错误，{w} 个警告"),
                };
                say(&format!("{name}：{verdict}\n"));
            }
            all.extend(findings);
        }
    }
    match args.format {
        FindingsFormat::Json => {
            let json: Vec<_> = all.iter().map(Diagnostic::to_json).collect();
            println!("{}", serde_json::to_string_pretty(&json).expect("findings serialize"));
        }
        FindingsFormat::Human => {
            if checked > 1 {
                say(&format!("共 {checked} 份报告：{errors} 个错误，{warnings} 个警告"));
            }
        }
    }
    if errors > 0 { Status::Failure } else { Status::Success }
}
