//! The county's to-do list (异常清单): every finding of every unit, sorted by unit and
//! severity, naming the field and the form place; what the office sends back before
//! publication. Written as a spreadsheet, a web page, or JSON (the objects of
//! `validate --format json` plus the unit's `organization`).

use std::path::Path;

use super::tabular::{Cell, Table, TableFormat};
use crate::diag::Diagnostic;

/// One finding and the unit it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// The unit's 机关名称, when its report could be read.
    pub organization: Option<&'a str>,
    /// The finding.
    pub finding: &'a Diagnostic,
}

impl Entry<'_> {
    fn unit(&self) -> &str {
        self.organization.or(self.finding.location.file.as_deref()).unwrap_or("")
    }
}

/// Sort entries by unit, then severity (errors first), then rule, then field.
pub fn sort(entries: &mut [Entry<'_>]) {
    entries.sort_by(|a, b| {
        let key = |e: &Entry<'_>| (e.finding.severity, crate::check::Rule::rank(e.finding.code));
        a.unit()
            .cmp(b.unit())
            .then(key(a).cmp(&key(b)))
            .then(a.finding.location.field.cmp(&b.finding.location.field))
    });
}

/// The column headers of the list.
pub const COLUMNS: [&str; 11] = [
    "单位",
    "严重程度",
    "规则",
    "问题",
    "字段",
    "表格位置",
    "原文位置",
    "应为",
    "实际",
    "提示",
    "文件",
];

/// The list as a table.
pub fn table(title: &str, year: u16, entries: &[Entry<'_>]) -> Table {
    let rows = entries
        .iter()
        .map(|e| {
            let d = e.finding;
            let l = &d.location;
            let text = |s: Option<&str>| Cell::Text(s.unwrap_or("").to_string());
            vec![
                Cell::Text(e.unit().to_string()),
                Cell::Text(d.severity.label().to_string()),
                Cell::Text(d.code.to_string()),
                Cell::Text(d.message.clone()),
                text(l.field.as_deref()),
                Cell::Text(l.place.as_ref().map(ToString::to_string).unwrap_or_default()),
                text(l.origin.as_deref()),
                text(d.expected.as_deref()),
                text(d.actual.as_deref()),
                Cell::Text(d.hints.join("；")),
                text(l.file.as_deref()),
            ]
        })
        .collect();
    Table {
        title: title.to_string(),
        columns: COLUMNS.iter().map(|c| c.to_string()).collect(),
        rows,
        totals: None,
        notes: vec![format!("共 {} 条。", entries.len())],
        year,
    }
}

/// The list as JSON: the objects of `validate --format json` plus `organization`.
pub fn json(entries: &[Entry<'_>]) -> serde_json::Value {
    entries
        .iter()
        .map(|e| {
            let mut v = e.finding.to_json();
            v["organization"] = serde_json::json!(e.organization);
            v
        })
        .collect()
}

/// Write the list to `path` (.json, .xlsx, .csv or .html), sorted, atomically.
pub fn write(
    path: &Path,
    title: &str,
    year: u16,
    entries: &mut [Entry<'_>],
) -> Result<(), Box<Diagnostic>> {
    sort(entries);
    let is_json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        let bytes = serde_json::to_vec_pretty(&json(entries)).unwrap_or_default();
        return super::write_atomic(path, &bytes).map_err(|e| {
            Box::new(
                Diagnostic::error("output-write", format!("无法写入：{e}"))
                    .in_file(path.display().to_string()),
            )
        });
    }
    if TableFormat::from_path(path).is_none() {
        return Err(Box::new(
            Diagnostic::error(
                "output-write",
                "无法从扩展名判断格式：请用 .xlsx、.csv、.html 或 .json",
            )
            .in_file(path.display().to_string()),
        ));
    }
    super::tabular::write(path, &table(title, year, entries))
}
