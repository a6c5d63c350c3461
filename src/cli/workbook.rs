//! `nianbao workbook`: write the fill-in workbook (or the county-wide sheet) as .xlsx,
//! empty or pre-filled from reports, optionally started as next year's.

use std::path::PathBuf;

use nianbao::output::workbook::{self, DEFAULT_COUNTY_NAME, DEFAULT_NAME};
use nianbao::output::write_atomic;
use nianbao::{Diagnostic, Report};

use super::args::WorkbookArgs;
use super::{Status, print_diagnostics, say};

/// Load every report `--from` names (files, folders, globs; a county-wide sheet gives one
/// per row). Invalid cells are reported as warnings: they go into the workbook as written.
fn reports(from: &[String]) -> Result<Vec<Report>, Vec<Diagnostic>> {
    let sources = nianbao::batch::expand(from).map_err(|d| vec![*d])?;
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for source in &sources {
        match nianbao::batch::load_source(source, None) {
            Ok((loaded, _)) => {
                let mut notes = loaded.findings;
                for cell in &loaded.report.invalid_cells {
                    let d = Diagnostic::warning(
                        "R5",
                        format!("{}（已原样写入工作簿，请在其中改正）", cell.message),
                    )
                    .in_file(&source.name)
                    .field(&cell.path);
                    notes.push(match &cell.origin {
                        Some(o) => d.origin(o),
                        None => d,
                    });
                }
                print_diagnostics(&notes);
                out.push(loaded.report);
            }
            Err(d) => errors.extend(d),
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// Run `nianbao workbook`.
pub fn workbook(args: &WorkbookArgs) -> Status {
    let default = if args.county { DEFAULT_COUNTY_NAME } else { DEFAULT_NAME };
    let output = args.output.clone().unwrap_or_else(|| PathBuf::from(default));
    let mut reports = match reports(&args.from) {
        Ok(r) => r,
        Err(d) => {
            print_diagnostics(&d);
            return Status::Failure;
        }
    };
    if !args.from.is_empty() && reports.is_empty() {
        say("错误：--from 没有找到任何报告");
        return Status::Failure;
    }
    if args.next_year {
        reports = reports.iter().map(workbook::next_year).collect();
    }
    let bytes = if args.county {
        workbook::county(&reports)
    } else {
        if reports.len() > 1 {
            say(&format!(
                "错误：--from 给出了 {} 份报告，填报表只能预填一份；要每行一个单位，请加 --county",
                reports.len()
            ));
            return Status::Failure;
        }
        workbook::fill_in(reports.first())
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(d) => {
            print_diagnostics(&[*d]);
            return Status::Error;
        }
    };
    if let Err(e) = write_atomic(&output, &bytes) {
        say(&format!("错误：无法写入 {}：{e}", output.display()));
        return Status::Error;
    }
    let what = if args.county {
        format!("汇总表，{} 个单位", reports.len())
    } else {
        "说明、基本信息、表二、表三、表四、正文".to_string()
    };
    say(&format!("已生成 {}（{what}）", output.display()));
    Status::Success
}
