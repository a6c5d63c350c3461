//! `nianbao import`: office documents (.docx, .html) to report data (JSON, or YAML for a
//! .yaml name), with the import's findings; several inputs go to a folder.

use std::path::{Path, PathBuf};

use nianbao::Diagnostic;
use nianbao::input::recognize::{CellRead, Recognized};
use nianbao::output::write_atomic;

use super::args::{FindingsFormat, ImportArgs};
use super::{Status, print_diagnostics, say};

/// Where one input's data goes.
enum Target {
    Stdout,
    File(PathBuf),
}

/// Run `nianbao import`.
pub fn import(args: &ImportArgs) -> Status {
    let targets = match plan(args) {
        Ok(t) => t,
        Err(msg) => {
            say(&format!("错误：{msg}"));
            return Status::Error;
        }
    };
    let to_stdout = targets.iter().any(|t| matches!(t, Target::Stdout));
    let mut findings = Vec::new();
    let mut cells = Vec::new();
    let mut status = Status::Success;
    let mut worse = |s: Status| {
        status = match (status, s) {
            (Status::Error, _) | (_, Status::Error) => Status::Error,
            (Status::Failure, _) | (_, Status::Failure) => Status::Failure,
            _ => Status::Success,
        }
    };
    for (input, target) in args.inputs.iter().zip(&targets) {
        let name = input.display().to_string();
        let recognized = match nianbao::input::import(input) {
            Ok(r) => r,
            Err(d) => {
                if args.format == FindingsFormat::Human {
                    print_diagnostics(&d);
                    say(&format!("{name}：无法读取，未写出\n"));
                }
                findings.extend(d);
                worse(Status::Failure);
                continue;
            }
        };
        let outcome = write(&recognized, target, args.partial);
        worse(match (&outcome, recognized.complete) {
            (Err(_), _) => Status::Error,
            (Ok(_), false) => Status::Failure,
            (Ok(_), true) => Status::Success,
        });
        if args.format == FindingsFormat::Human {
            print_diagnostics(&recognized.findings);
            if args.cells {
                list_cells(&recognized.cells);
            }
            say(&summary(&name, &recognized, &outcome));
        }
        cells.extend(recognized.cells.iter().map(|c| (name.clone(), c.clone())));
        findings.extend(recognized.findings);
    }
    if args.format == FindingsFormat::Json {
        let list: Vec<_> = findings.iter().map(Diagnostic::to_json).collect();
        let json = if args.cells {
            let cells: Vec<_> = cells.iter().map(|(file, c)| cell_json(file, c)).collect();
            serde_json::json!({ "findings": list, "cells": cells })
        } else {
            serde_json::Value::Array(list)
        };
        let text = serde_json::to_string_pretty(&json).expect("findings serialize");
        // The data has stdout when no -o was given; the findings go to stderr then.
        if to_stdout { say(&text) } else { println!("{text}") }
    }
    status
}

/// Where each input's data goes: stdout for one input without `-o`, the file or folder
/// given, or `<folder>/<stem>.json` for several inputs. Two inputs that would write the
/// same file are refused before anything is read.
fn plan(args: &ImportArgs) -> Result<Vec<Target>, String> {
    let stem_json = |dir: &Path, input: &Path| {
        let stem = input.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        dir.join(format!("{stem}.json"))
    };
    match (&args.output, args.inputs.as_slice()) {
        (None, [_]) => Ok(vec![Target::Stdout]),
        (Some(out), [input]) if out.is_dir() => Ok(vec![Target::File(stem_json(out, input))]),
        (Some(out), [_]) => Ok(vec![Target::File(out.clone())]),
        (None, _) => Err("多个输入时需要用 -o 指定输出目录".into()),
        (Some(out), inputs) => {
            if out.exists() && !out.is_dir() {
                return Err(format!("多个输入时 -o 应为目录，而 {} 是文件", out.display()));
            }
            std::fs::create_dir_all(out)
                .map_err(|e| format!("无法创建输出目录 {}：{e}", out.display()))?;
            let paths: Vec<PathBuf> = inputs.iter().map(|i| stem_json(out, i)).collect();
            for (i, p) in paths.iter().enumerate() {
                if let Some(j) = paths[..i].iter().position(|q| q == p) {
                    return Err(format!(
                        "{} 和 {} 都会写到 {}，请分开导入或改名",
                        inputs[j].display(),
                        inputs[i].display(),
                        p.display()
                    ));
                }
            }
            Ok(paths.into_iter().map(Target::File).collect())
        }
    }
}

/// What happened to one input's data.
enum Written {
    To(String),
    NotWritten,
}

fn write(r: &Recognized, target: &Target, partial: bool) -> Result<Written, String> {
    let Some(report) = r.report.as_ref().filter(|_| r.complete || partial) else {
        return Ok(Written::NotWritten);
    };
    let yaml = matches!(target, Target::File(p) if p.extension().and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml")));
    let text = if yaml {
        serde_yaml::to_string(report).map_err(|e| e.to_string())?
    } else {
        serde_json::to_string_pretty(report).map_err(|e| e.to_string())? + "\n"
    };
    match target {
        Target::Stdout => {
            print!("{text}");
            Ok(Written::To("标准输出".into()))
        }
        Target::File(path) => {
            write_atomic(path, text.as_bytes())
                .map_err(|e| format!("无法写入 {}：{e}", path.display()))?;
            Ok(Written::To(path.display().to_string()))
        }
    }
}

fn summary(name: &str, r: &Recognized, outcome: &Result<Written, String>) -> String {
    let errors = r.findings.iter().filter(|d| d.is_error()).count();
    let warnings = r.findings.len() - errors;
    // A data file or a workbook is read as data: its cells are not listed one by one.
    let read = if r.cells.is_empty() && r.complete {
        format!("已读取，{errors} 个错误，{warnings} 个警告")
    } else {
        format!("读出 {} 个单元格，{errors} 个错误，{warnings} 个警告", r.cells.len())
    };
    match outcome {
        Err(e) => format!("{name}：{read}；错误：{e}\n"),
        Ok(Written::To(out)) if r.complete => format!("{name}：{read}；已写入 {out}\n"),
        Ok(Written::To(out)) => {
            format!("{name}：{read}；只读出部分内容，已写入 {out}（--partial）\n")
        }
        // No report at all (an old format, no year): nothing to write even with --partial.
        Ok(Written::NotWritten) if r.report.is_none() => {
            format!("{name}：{read}；不是可以导入的年报（见上面的错误），未写出\n")
        }
        Ok(Written::NotWritten) => {
            format!(
                "{name}：{read}；有表格或部分读不出，未写出（加 --partial 可写出已读到的内容）\n"
            )
        }
    }
}

fn list_cells(cells: &[CellRead]) {
    for c in cells {
        let place = nianbao::form::place(&c.path).map_or_else(|| c.path.clone(), |p| p.to_string());
        let raw =
            if c.raw == c.value { String::new() } else { format!("（原文“{}”）", c.raw) };
        say(&format!("  {place} = {}{raw}  ← {}", c.value, c.origin));
    }
}

fn cell_json(file: &str, c: &CellRead) -> serde_json::Value {
    let place = nianbao::form::place(&c.path);
    serde_json::json!({
        "file": file,
        "path": c.path,
        "table": place.as_ref().map(|p| p.table),
        "row_label": place.as_ref().map(|p| p.row.clone()),
        "column_label": place.as_ref().and_then(|p| p.column.clone()),
        "value": c.value,
        "raw": c.raw,
        "source": c.origin,
    })
}
