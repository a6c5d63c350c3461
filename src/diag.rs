//! Structured findings: one `Diagnostic` model for bad data, template and Typst errors, missing
//! glyphs and warnings. Stages return these as data; only the CLI prints them.

use std::fmt;

use crate::model::form::FormPlace;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The report cannot (or must not) be rendered as it is.
    Error,
    /// Worth a look; never blocks output.
    Warning,
    /// For the record (e.g. a break the report explains itself); never a defect, never
    /// blocks or fails anything.
    Info,
}

impl Severity {
    /// The word printed before a finding: 错误, 警告 or 提示.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }

    /// The JSON name: `error`, `warning` or `info`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A position in a text file, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl LineCol {
    /// The line and column of a byte offset in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Self { line, column }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Where a finding points.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// The file (data file, template, or generated source) as the user should see it.
    pub file: Option<String>,
    /// Line and column inside `file`.
    pub pos: Option<LineCol>,
    /// The text of that line, for context.
    pub source_line: Option<String>,
    /// The data field path, e.g. `requests.withheld.third_party_rights.commercial`.
    pub field: Option<String>,
    /// The table, row and column on the form, for table data.
    pub place: Option<FormPlace>,
    /// Where in an imported source the finding points, in the source's own terms: a page
    /// (`第3页`), a source table's row and column (`第2个表格第5行第4列`), a sheet cell
    /// (`表三!D12`).
    pub origin: Option<String>,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable ASCII code, e.g. `data-type`, `typst`, `template`.
    pub code: &'static str,
    /// The message, in Chinese.
    pub message: String,
    /// Where it points.
    pub location: Location,
    /// Extra lines of help.
    pub hints: Vec<String>,
    /// For arithmetic findings: the value the form's rules call for.
    pub expected: Option<String>,
    /// For arithmetic findings: the value the data gives.
    pub actual: Option<String>,
}

impl Diagnostic {
    /// A new error with no location.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            code,
            message: message.into(),
            location: Location::default(),
            hints: Vec::new(),
            expected: None,
            actual: None,
        }
    }

    /// A new warning with no location.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(code, message) }
    }

    /// A new piece of information with no location.
    pub fn info(code: &'static str, message: impl Into<String>) -> Self {
        Self { severity: Severity::Info, ..Self::error(code, message) }
    }

    /// Set the file.
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.location.file = Some(file.into());
        self
    }

    /// Set line and column, and the source line when the text is known.
    pub fn at(mut self, pos: LineCol, text: Option<&str>) -> Self {
        self.location.pos = Some(pos);
        if let Some(text) = text {
            self.location.source_line =
                text.lines().nth(pos.line - 1).map(|l| l.trim_end().to_string());
        }
        self
    }

    /// Set the field path (and the form place it maps to).
    pub fn field(mut self, path: impl Into<String>) -> Self {
        let path = path.into();
        self.location.place = crate::model::form::place(&path);
        self.location.field = Some(path);
        self
    }

    /// Set the place in an imported source (page, source table cell, sheet cell).
    pub fn origin(mut self, origin: impl Into<String>) -> Self {
        self.location.origin = Some(origin.into());
        self
    }

    /// Add a hint line.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Set the expected and actual values of an arithmetic finding.
    pub fn values(mut self, expected: impl ToString, actual: impl ToString) -> Self {
        self.expected = Some(expected.to_string());
        self.actual = Some(actual.to_string());
        self
    }

    /// The finding as a JSON object, for other systems (`--format json`).
    pub fn to_json(&self) -> serde_json::Value {
        let loc = &self.location;
        serde_json::json!({
            "code": self.code,
            "severity": self.severity.name(),
            "file": loc.file,
            "line": loc.pos.map(|p| p.line),
            "column": loc.pos.map(|p| p.column),
            "path": loc.field,
            "table": loc.place.as_ref().map(|p| p.table),
            "row_label": loc.place.as_ref().map(|p| p.row.clone()),
            "column_label": loc.place.as_ref().and_then(|p| p.column.clone()),
            "source": loc.origin,
            "expected": self.expected,
            "actual": self.actual,
            "message": self.message,
            "hints": self.hints,
        })
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Whether this is a defect to fix (an error or a warning, not information).
    pub fn is_defect(&self) -> bool {
        self.severity != Severity::Info
    }
}

impl fmt::Display for Diagnostic {
    /// A plain, multi-line rendering (no colour), used by the CLI and in error chains.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]: {}", self.severity.label(), self.code, self.message)?;
        let loc = &self.location;
        if let Some(file) = &loc.file {
            match loc.pos {
                Some(p) => write!(f, "\n  --> {file}:{}:{}", p.line, p.column)?,
                None => write!(f, "\n  --> {file}")?,
            }
        }
        if let (Some(line), Some(p)) = (&loc.source_line, loc.pos) {
            let num = p.line.to_string();
            let pad = " ".repeat(num.len());
            let caret_pad: String = line
                .chars()
                .take(p.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n {pad} |\n {num} | {line}\n {pad} | {caret_pad}^")?;
        }
        if let Some(field) = &loc.field {
            write!(f, "\n   = 字段: {field}")?;
        }
        if let Some(place) = &loc.place {
            write!(f, "\n   = 表格位置: {place}")?;
        }
        if let Some(origin) = &loc.origin {
            write!(f, "\n   = 原文位置: {origin}")?;
        }
        if let (Some(e), Some(a)) = (&self.expected, &self.actual) {
            write!(f, "\n   = 应为: {e}，实际: {a}")?;
        }
        for h in &self.hints {
            write!(f, "\n   = 提示: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
pub fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let w: Vec<char> = word.to_lowercase().chars().collect();
    candidates
        .iter()
        .map(|c| (levenshtein(&w, &c.chars().collect::<Vec<_>>()), *c))
        .filter(|(d, c)| *d <= (c.chars().count().max(w.len()) / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Edit distance between two character sequences.
pub(crate) fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars() {
        let t = "ab\n中文x";
        assert_eq!(LineCol::of_offset(t, 0), LineCol { line: 1, column: 1 });
        assert_eq!(LineCol::of_offset(t, 3), LineCol { line: 2, column: 1 });
        assert_eq!(LineCol::of_offset(t, 9), LineCol { line: 2, column: 3 });
    }
}
