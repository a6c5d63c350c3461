//! Reading report data written as JSON, YAML or TOML (`../shared/spec/DATA.md`), with errors
//! that name the file, line:column, field path and form cell, in Chinese. Every structural
//! error of a file is reported in one run (`recover`).

mod recover;

use std::path::Path;

use crate::diag::{Diagnostic, LineCol, suggest};
use crate::model::cells::{CELL_MODE, CellMode};
use crate::model::limits::{MAX_FILE_BYTES, check_limits};
use crate::model::{InvalidCell, Report};

/// The input formats a report can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON (`.json`).
    Json,
    /// YAML (`.yaml`, `.yml`).
    Yaml,
    /// TOML (`.toml`).
    Toml,
}

impl Format {
    /// The format for a file name, by extension (JSON when unknown).
    pub fn from_path(path: &Path) -> Self {
        match path.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()) {
            Some(e) if e == "yaml" || e == "yml" => Format::Yaml,
            Some(e) if e == "toml" => Format::Toml,
            _ => Format::Json,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Json => "JSON",
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
        }
    }
}

/// Parse a report from bytes, reporting every structural error of the file (missing and
/// unknown fields, wrong types, and then its bad cells) at once, in file order.
pub fn parse_bytes_all(
    bytes: &[u8],
    format: Format,
    name: &str,
) -> Result<Report, Vec<Diagnostic>> {
    parse_bytes(bytes, format, name).map_err(|first| match text_of(bytes) {
        Some(text) if is_structural(&first) => recover::all_errors(text, format, name, *first),
        _ => vec![*first],
    })
}

/// Parse a report from text, reporting every structural error at once (see
/// [`parse_bytes_all`]).
pub fn parse_all(text: &str, format: Format, name: &str) -> Result<Report, Vec<Diagnostic>> {
    parse(text, format, name).map_err(|first| {
        if is_structural(&first) {
            recover::all_errors(text, format, name, *first)
        } else {
            vec![*first]
        }
    })
}

/// Errors after which the rest of the file can still be read (not syntax, size or encoding).
fn is_structural(d: &Diagnostic) -> bool {
    matches!(
        d.code,
        "data-unknown-key" | "data-unknown-value" | "data-missing" | "data-type" | "data-value"
    )
}

fn text_of(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).ok()
}

/// Parse a report from bytes (a file's content), named `name` in messages. Stops at the
/// first structural error; [`parse_bytes_all`] reports them all.
pub fn parse_bytes(bytes: &[u8], format: Format, name: &str) -> Result<Report, Box<Diagnostic>> {
    let fail = |msg: &str| Box::new(Diagnostic::error("data-encoding", msg).in_file(name));
    if bytes.len() > MAX_FILE_BYTES {
        return Err(fail(&format!(
            "文件过大（{} 字节），单个报告数据文件不能超过 {} MB",
            bytes.len(),
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(fail("文件是 UTF-16 编码，请另存为 UTF-8"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        fail(&format!("文件不是 UTF-8 文本（第 {} 个字节处无效），请另存为 UTF-8", e.valid_up_to()))
    })?;
    if text.contains('\0') {
        return Err(fail("文件含有 NUL 字符，不是文本文件"));
    }
    if text.trim().is_empty() {
        return Err(Box::new(Diagnostic::error("data-empty", "文件为空").in_file(name)));
    }
    parse(text, format, name)
}

/// Parse a report from text in the given format, named `name` in messages.
///
/// Structural problems (syntax, unknown keys, wrong shapes) are errors. Cells without a valid
/// value ("/", "无", blanks, floats, negatives…) do not stop loading: they read as 0 and are
/// listed in [`Report::invalid_cells`] with their path and position, so that validation can
/// report every one of them.
pub fn parse(text: &str, format: Format, name: &str) -> Result<Report, Box<Diagnostic>> {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            CELL_MODE.with(|m| *m.borrow_mut() = CellMode::Strict);
        }
    }
    let _reset = Reset;
    CELL_MODE.with(|m| *m.borrow_mut() = CellMode::Lenient(Vec::new()));
    let mut report = deserialize(text, format)
        .map_err(|raw| Box::new(raw.into_diagnostic(text, format, name)))?;
    let found =
        CELL_MODE.with(|m| match std::mem::replace(&mut *m.borrow_mut(), CellMode::Strict) {
            CellMode::Lenient(found) => found,
            _ => Vec::new(),
        });
    // Learn each invalid cell's path and position by failing at exactly that cell.
    for (target, (message, raw)) in found.into_iter().enumerate() {
        CELL_MODE.with(|m| *m.borrow_mut() = CellMode::FailAt { target, seen: 0 });
        let (path, pos) = match deserialize(text, format) {
            Err(e) => (e.path, e.pos),
            Ok(_) => (String::new(), None),
        };
        let source_line =
            pos.and_then(|p| text.lines().nth(p.line - 1)).map(|l| l.trim_end().to_string());
        report.invalid_cells.push(InvalidCell {
            path,
            raw,
            message,
            pos,
            source_line,
            origin: None,
        });
    }
    check_limits(&report).map_err(|d| Box::new(d.in_file(name)))?;
    Ok(report)
}

fn deserialize(text: &str, format: Format) -> Result<Report, RawError> {
    match format {
        Format::Json => {
            let mut de = serde_json::Deserializer::from_str(text);
            match serde_path_to_error::deserialize(&mut de) {
                Ok(report) => match de.end() {
                    Ok(()) => Ok(report),
                    Err(e) => Err(json_error(String::new(), e)),
                },
                Err(e) => {
                    let path = e.path().to_string();
                    Err(json_error(path, e.into_inner()))
                }
            }
        }
        Format::Yaml => {
            let de = serde_yaml::Deserializer::from_str(text);
            serde_path_to_error::deserialize(de).map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                let pos = inner.location().map(|l| LineCol { line: l.line(), column: l.column() });
                let msg = strip_yaml_position(&inner.to_string());
                RawError { path, pos, msg, syntax: false }
            })
        }
        Format::Toml => {
            let de = toml::Deserializer::new(text);
            serde_path_to_error::deserialize(de).map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                let pos = inner.span().map(|s| LineCol::of_offset(text, s.start));
                RawError { path, pos, msg: inner.message().to_string(), syntax: false }
            })
        }
    }
}

/// A loader error before translation.
struct RawError {
    path: String,
    pos: Option<LineCol>,
    msg: String,
    syntax: bool,
}

fn json_error(path: String, e: serde_json::Error) -> RawError {
    let pos = (e.line() > 0).then(|| LineCol { line: e.line(), column: e.column().max(1) });
    let syntax = matches!(
        e.classify(),
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof
    );
    // serde_json appends " at line L column C"; the position is shown separately.
    let msg = e.to_string();
    let msg = match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    RawError { path, pos, msg, syntax }
}

fn strip_yaml_position(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

impl RawError {
    fn into_diagnostic(self, text: &str, format: Format, name: &str) -> Diagnostic {
        let path = if self.path == "." { String::new() } else { self.path };
        let (code, message, hint) = if self.syntax {
            (
                "data-syntax",
                format!("{} 语法错误：{}", format.name(), translate_syntax(&self.msg)),
                None,
            )
        } else {
            match translate(&self.msg) {
                // YAML and TOML parsers do not classify their errors: an English message that
                // is not one of serde's data errors is the parser's (ours are Chinese).
                ("data-value", _, _) if format != Format::Json && self.msg.is_ascii() => {
                    ("data-syntax", format!("{} 语法错误：{}", format.name(), self.msg), None)
                }
                other => other,
            }
        };
        let mut d = Diagnostic::error(code, message).in_file(name);
        if let Some(pos) = self.pos {
            d = d.at(pos, Some(text));
        }
        if !path.is_empty() && path != "?" {
            d = d.field(path);
        }
        if let Some(h) = hint {
            d = d.hint(h);
        }
        d
    }
}

fn translate_syntax(msg: &str) -> String {
    let table = [
        ("EOF while parsing", "文件在中途结束（缺少括号或引号？）"),
        ("trailing comma", "多余的逗号"),
        ("trailing characters", "数据结束后还有多余字符"),
        ("expected value", "此处应为一个值"),
        ("expected `,` or `}`", "此处应为“,”或“}”"),
        ("expected `,` or `]`", "此处应为“,”或“]”"),
        ("expected `:`", "此处应为“:”"),
        ("key must be a string", "键必须是带双引号的字符串"),
        ("control character", "字符串中含有未转义的控制字符（如换行），请写成 \\n"),
        ("invalid escape", "无效的转义序列"),
        ("recursion limit exceeded", "嵌套层数过深"),
        ("number out of range", "数值超出范围"),
        ("invalid number", "无效的数值"),
        ("lone leading surrogate", "无效的 Unicode 转义（孤立的代理项）"),
    ];
    for (en, zh) in table {
        if msg.contains(en) {
            return format!("{zh}（{msg}）");
        }
    }
    msg.to_string()
}

/// Turn serde's English messages into Chinese, with a "did you mean" for unknown keys.
fn translate(msg: &str) -> (&'static str, String, Option<String>) {
    // serde_yaml prefixes the path ("proactive: unknown field …"); the path is shown apart.
    let known = [
        "unknown field `",
        "unknown variant `",
        "missing field `",
        "duplicate field `",
        "invalid type: ",
        "invalid length",
    ];
    let msg = known.iter().filter_map(|k| msg.find(k)).min().map_or(msg, |i| &msg[i..]);
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let hint = match suggest(field, &candidates) {
            Some(s) => Some(format!("是否应为“{s}”？")),
            None if !candidates.is_empty() => {
                Some(format!("可用的字段：{}", candidates.join("、")))
            }
            None => None,
        };
        return ("data-unknown-key", format!("未知字段“{field}”"), hint);
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let (v, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let hint = match suggest(v, &candidates) {
            Some(s) => format!("是否应为“{s}”？可选：{}", candidates.join("、")),
            None => format!("可选：{}", candidates.join("、")),
        };
        return ("data-unknown-value", format!("无效的取值“{v}”"), Some(hint));
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        return ("data-missing", format!("缺少必填字段“{field}”"), None);
    }
    if let Some(rest) = msg.strip_prefix("duplicate field `") {
        let field = rest.trim_end_matches('`');
        return ("data-duplicate", format!("字段“{field}”重复出现"), None);
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        let expected = match expected {
            "a string" => "字符串",
            "a sequence" => "列表（数组）",
            "u16" | "u64" | "u32" => "非负整数",
            e if e.starts_with("struct ") || e.starts_with("a map") => "对象（键值表）",
            e => e,
        };
        return ("data-type", format!("类型错误：应为{expected}，实际是{}", describe(got)), None);
    }
    if msg.starts_with("invalid length") {
        return ("data-type", format!("长度不对：{msg}"), None);
    }
    ("data-value", msg.to_string(), None)
}

fn describe(got: &str) -> String {
    let pairs = [
        ("string ", "字符串 "),
        ("integer ", "整数 "),
        ("floating point ", "小数 "),
        ("boolean ", "布尔值 "),
        ("sequence", "列表（数组）"),
        ("map", "对象"),
        ("unit value", "空值 null"),
        ("null", "空值 null"),
    ];
    for (en, zh) in pairs {
        if let Some(rest) = got.strip_prefix(en) {
            return format!("{zh}{rest}");
        }
    }
    got.to_string()
}

#[cfg(test)]
mod tests;
