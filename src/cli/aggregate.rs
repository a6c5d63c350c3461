//! `nianbao aggregate`: add the units' reports up into the region's report data, and write
//! the annex and the to-do list; prints what was left out and why.

use std::path::Path;

use nianbao::aggregate::{self, AggregateOptions, Aggregated, Previous, UnitStatus};
use nianbao::output::{annex, findings};
use nianbao::{Diagnostic, Report};

use super::args::AggregateArgs;
use super::{Status, print_diagnostics, say};

/// Last year's reports from `--previous` (a file or a bundle) or `--previous-dir`.
fn previous(args: &AggregateArgs) -> Result<Previous, Status> {
    let p = &args.previous;
    let input = match (&p.previous, &p.previous_dir) {
        (Some(file), _) => file,
        (None, Some(dir)) if !dir.is_dir() => {
            print_diagnostics(&[Diagnostic::error("data-io", "上年报告目录不存在")
                .in_file(dir.display().to_string())]);
            return Err(Status::Failure);
        }
        (None, Some(dir)) => dir,
        (None, None) => return Ok(Previous::none()),
    };
    match Previous::load(&[input.display().to_string()]) {
        Ok(prev) => {
            print_diagnostics(&prev.unreadable.iter().cloned().map(as_warning).collect::<Vec<_>>());
            Ok(prev)
        }
        Err(d) => {
            print_diagnostics(&[*d]);
            Err(Status::Failure)
        }
    }
}

fn as_warning(mut d: Diagnostic) -> Diagnostic {
    d.severity = nianbao::Severity::Warning;
    d.message = format!("上年报告无法读取，跳过：{}", d.message);
    d
}

/// The region's report as data, by the output's extension.
fn serialize(report: &Report, path: &Path) -> Result<Vec<u8>, String> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("json") => serde_json::to_vec_pretty(report).map_err(|e| e.to_string()),
        Some("yaml" | "yml") => {
            serde_yaml::to_string(report).map(String::into_bytes).map_err(|e| e.to_string())
        }
        _ => Err("汇总结果请用 .json 或 .yaml 扩展名".into()),
    }
}

/// Run `nianbao aggregate`.
pub fn aggregate(args: &AggregateArgs) -> Status {
    let mut sources = match nianbao::batch::expand(&args.inputs) {
        Ok(s) => s,
        Err(d) => {
            print_diagnostics(&[*d]);
            return Status::Failure;
        }
    };
    // The output of an earlier run in the input folder is not a unit.
    let output = std::fs::canonicalize(&args.output).ok();
    sources.retain(|s| output.is_none() || std::fs::canonicalize(&s.file).ok() != output);
    if sources.is_empty() {
        say("错误：输入中没有找到任何报告");
        return Status::Failure;
    }
    let narrative = match &args.narrative {
        None => None,
        Some(path) => match aggregate::read_narrative(path) {
            Ok(n) => {
                for line in &n.unused {
                    say(&format!(
                        "提示：{} 中的这段文字没有使用（表格由汇总数据生成）：{line}",
                        path.display()
                    ));
                }
                Some(n)
            }
            Err(d) => {
                print_diagnostics(&[*d]);
                return Status::Failure;
            }
        },
    };
    let previous = match previous(args) {
        Ok(p) => p,
        Err(status) => return status,
    };
    let options = AggregateOptions {
        organization: args.organization.clone(),
        year: args.year,
        level: args.level,
        narrative,
        allow_invalid: args.allow_invalid,
    };
    let result = aggregate::run(&sources, &previous, &options);
    let status = report_units(&result);

    // The regional report, checked like any report (its narrative against its tables, 待填写).
    let name = args.output.display().to_string();
    let mut own = nianbao::check::validate(&result.report, None, &name);
    if let Err(d) = nianbao::model::limits::check_limits(&result.report) {
        own.push(d.in_file(&name));
    }
    print_diagnostics(&own);
    let bytes = match serialize(&result.report, &args.output) {
        Ok(b) => b,
        Err(e) => {
            say(&format!("错误：{e}：{name}"));
            return Status::Error;
        }
    };
    if let Err(e) = nianbao::output::write_atomic(&args.output, &bytes) {
        say(&format!("错误：无法写入 {name}：{e}"));
        return Status::Error;
    }
    let title = result.report.title();
    if let Some(path) = &args.annex {
        let table =
            annex::table(&format!("{title}附表：各单位情况"), args.year, &result.annex_rows());
        if let Err(d) = nianbao::output::tabular::write(path, &table) {
            print_diagnostics(&[*d]);
            return Status::Error;
        }
    }
    if let Some(path) = &args.findings {
        let mut entries = result.entries();
        let list_title =
            format!("{}{}年政府信息公开工作年度报告异常清单", args.organization, args.year);
        if let Err(d) = findings::write(path, &list_title, args.year, &mut entries) {
            print_diagnostics(&[*d]);
            return Status::Error;
        }
    }
    status
}

/// Print each unit that was left out and a count of the rest's findings; the status.
fn report_units(result: &Aggregated) -> Status {
    let mut failed = false;
    let (mut errors, mut warnings) = (0, 0);
    for unit in &result.units {
        errors += unit.findings.iter().filter(|d| d.is_error()).count();
        warnings +=
            unit.findings.iter().filter(|d| d.severity == nianbao::Severity::Warning).count();
        if unit.status == UnitStatus::Included {
            continue;
        }
        failed = true;
        let first = unit.findings.iter().find(|d| d.is_error()).or(unit.findings.first());
        let why = first.map_or(String::new(), |d| format!(" — [{}] {}", d.code, d.message));
        say(&format!("未汇总（{}）：{}{why}", unit.status.label(), unit.name));
    }
    let included = result.included().count();
    say(&format!(
        "已汇总 {included} 个单位（共 {} 个）；各单位共 {errors} 个错误、{warnings} 个警告（用 --findings 写出异常清单）",
        result.units.len()
    ));
    if failed { Status::Failure } else { Status::Success }
}
