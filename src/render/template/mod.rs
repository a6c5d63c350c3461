//! Templates: the built-in (embedded) or a customized template set, the minijinja
//! environment with Typst escaping (`*.typ.j2`) and HTML escaping (`*.html.j2`), and the
//! view model a report becomes before it is turned into Typst source or an HTML page.
//! Knows nothing of compiling.

mod blocks;
mod escape;
mod grid;
mod tables;
mod view;

use std::ops::Range;
use std::path::{Path, PathBuf};

use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;

pub use blocks::{Block, title_lines};
pub use escape::{code_literal, html_text, markup_text, string_literal};
pub use grid::{CellKind, Grid, GridCell, Grids, TEXT_WIDTH_MM};
pub use view::{SignatureView, View};

/// Row heights (pt) of form tables by table name (`t2-stock`, `t3`, …), as the
/// templates measured them for one set of fonts and templates. Passing them back lets a
/// template skip measuring: see `form-table` in `lib/nianbao.typ`.
pub type RowHeights = std::collections::BTreeMap<String, Vec<f64>>;

use crate::diag::{Diagnostic, LineCol};

/// The entry template rendered for every report.
pub const ENTRY: &str = "report.typ.j2";
/// The template of the HTML page (and fragment).
pub const HTML_ENTRY: &str = "report.html.j2";
/// Virtual path of the generated Typst source inside the template root.
pub const GENERATED: &str = "report.typ";
/// Fuel for one template run: bounds a runaway loop in a customized template.
pub const FUEL: u64 = 20_000_000;

/// The built-in template set, embedded in the binary: (path relative to the root, text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("report.typ.j2", include_str!("../../../templates/report.typ.j2")),
    ("lib/nianbao.typ", include_str!("../../../templates/lib/nianbao.typ")),
    ("report.html.j2", include_str!("../../../templates/report.html.j2")),
];

/// Where table 三 is split over two pages: after body row `row` (0-based, the end of a
/// group （一）…（七）), laid out with these row `heights` (pt, header rows first). See
/// `table3` in `lib/nianbao.typ`.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    /// The last body row on the first page.
    pub row: usize,
    /// The table's row heights.
    pub heights: Vec<f64>,
}

fn builtin(name: &str) -> Option<String> {
    BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, text)| (*text).to_string())
}

/// The fonts of one role (title, body, 黑体, 楷体, 宋体) as the template receives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FontRole {
    /// Typst family names, in fallback order; always ends in `Noto Serif CJK SC`.
    pub families: Vec<String>,
    /// The weight to ask for (400, or 700 for the Noto stand-in of 小标宋).
    pub weight: u16,
    /// Whether bold must be drawn with a stroke because the font has no bold face.
    #[serde(rename = "fake-bold")]
    pub fake_bold: bool,
}

/// The resolved fonts of every role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FontRoles {
    /// 标题: 方正小标宋 or stand-in.
    pub title: FontRole,
    /// 正文: 仿宋_GB2312 or stand-in.
    pub body: FontRole,
    /// 一级标题: 黑体.
    pub hei: FontRole,
    /// 二级标题: 楷体_GB2312.
    pub kai: FontRole,
    /// 表格 and page numbers: 宋体.
    pub song: FontRole,
}

/// The official name of a role's font, as a document read on another machine names it
/// (Word/WPS east-Asian font slots, CSS `font-family`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct OfficeFont {
    /// The official name: the chain's first Chinese name (e.g. `仿宋_GB2312`), else its first.
    pub name: String,
    /// The whole chain as a CSS `font-family` value, ending in a generic family.
    pub css: String,
}

impl OfficeFont {
    /// The office font of a chain (`Name (700)` weights are dropped); `generic` ends the
    /// CSS list (`serif`, `sans-serif`).
    pub fn from_chain(chain: &[String], generic: &str) -> Self {
        let names: Vec<&str> = chain
            .iter()
            .map(|s| {
                s.rsplit_once(" (").filter(|(_, w)| w.ends_with(')')).map_or(s.as_str(), |(n, _)| n)
            })
            .collect();
        let name = names
            .iter()
            .find(|n| !n.is_ascii())
            .or(names.first())
            .map_or(String::new(), |n| (*n).to_string());
        // Only names that cannot break out of a quoted CSS string.
        let safe =
            |n: &str| !n.is_empty() && n.chars().all(|c| c.is_alphanumeric() || " _-.".contains(c));
        // Unquoted when every word is a CSS identifier (keeps inline styles short).
        let ident = |w: &str| {
            w.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
                && w.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        };
        let mut css: Vec<String> = names
            .iter()
            .filter(|n| safe(n))
            .map(|n| if n.split(' ').all(ident) { (*n).to_string() } else { format!("'{n}'") })
            .collect();
        css.dedup();
        css.push(generic.to_string());
        Self { name, css: css.join(",") }
    }
}

/// The official font names of every role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct OfficeFonts {
    /// 标题: 方正小标宋简体.
    pub title: OfficeFont,
    /// 正文: 仿宋_GB2312.
    pub body: OfficeFont,
    /// 一级标题: 黑体.
    pub hei: OfficeFont,
    /// 二级标题: 楷体_GB2312.
    pub kai: OfficeFont,
    /// 表格 and page numbers: 宋体.
    pub song: OfficeFont,
}

/// House-style switches that the standard leaves open.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Style {
    /// Set （一） subheadings in bold (common practice; the standard says regular 楷体).
    pub subheading_bold: bool,
}

/// Where the templates come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateRoot {
    /// The set embedded in the binary.
    Builtin,
    /// A customized copy on disk (see `nianbao templates export`).
    Dir(PathBuf),
}

/// Generated Typst source, with the template lines that produced each part of it.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The Typst source.
    pub text: String,
    /// Output byte range → (template name, 1-based line).
    pub spans: Vec<(Range<usize>, String, usize)>,
    /// The tables whose measured row heights hold for every report: they print only
    /// labels and counts (no free text, no invalid cell shown as written), and their
    /// heights were not passed in.
    pub measured: Vec<&'static str>,
}

impl Generated {
    /// The template and line that produced the byte at `offset` of the generated text.
    pub fn origin(&self, offset: usize) -> Option<(&str, usize)> {
        self.spans
            .iter()
            .find(|(r, _, _)| r.contains(&offset))
            .map(|(_, name, line)| (name.as_str(), *line))
    }
}

/// A compiled template environment, built once and shared by all documents.
pub struct Templates {
    env: Environment<'static>,
    root: TemplateRoot,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates").field("root", &self.root).finish_non_exhaustive()
    }
}

impl Templates {
    /// The built-in templates.
    pub fn builtin() -> Self {
        let mut env = base_env();
        env.set_loader(|name| Ok(builtin(name)));
        Self { env, root: TemplateRoot::Builtin }
    }

    /// A customized template set in `dir`; it must hold `report.typ.j2`.
    pub fn from_dir(dir: &Path) -> Result<Self, Box<Diagnostic>> {
        let name = dir.display().to_string();
        let entry = dir.join(ENTRY);
        if !dir.is_dir() {
            return Err(Box::new(
                Diagnostic::error("template-dir", "模板目录不存在").in_file(name),
            ));
        }
        if !entry.is_file() {
            return Err(Box::new(
                Diagnostic::error("template-dir", format!("模板目录中缺少入口模板 {ENTRY}"))
                    .in_file(name)
                    .hint("可用 `nianbao templates export 目录` 导出内置模板后再修改"),
            ));
        }
        let mut env = base_env();
        // path_loader refuses `..` and absolute names, so templates stay inside `dir`. A
        // folder exported before the HTML template existed uses the built-in one.
        let disk = minijinja::path_loader(dir);
        env.set_loader(move |name| match disk(name)? {
            None if name == HTML_ENTRY => Ok(builtin(name).map(Into::into)),
            found => Ok(found),
        });
        Ok(Self { env, root: TemplateRoot::Dir(dir.to_path_buf()) })
    }

    /// Where these templates come from.
    pub fn root(&self) -> &TemplateRoot {
        &self.root
    }

    /// A hash of every template file's name and content.
    pub fn content_hash(&self) -> u128 {
        match &self.root {
            TemplateRoot::Builtin => typst::utils::hash128(&BUILTIN),
            TemplateRoot::Dir(dir) => {
                let mut files = Vec::new();
                collect_files(dir, dir, &mut files);
                files.sort();
                typst::utils::hash128(&files)
            }
        }
    }

    /// Turn a report's view into Typst source.
    pub fn generate(&self, view: &View<'_>) -> Result<Generated, Box<Diagnostic>> {
        let measured = view.measured().to_vec();
        let tmpl = self.env.get_template(ENTRY).map_err(|e| self.error(&e))?;
        let (text, spans) =
            tmpl.render_with_spans(Value::from(Serde(view))).map_err(|e| self.error(&e))?;
        let spans =
            spans.into_iter().map(|s| (s.output_range(), s.name().to_string(), s.line())).collect();
        Ok(Generated { text, spans, measured })
    }

    /// Turn a report's view into an HTML page, or with `fragment` the page's body alone
    /// (for pasting into a portal's editor). Every value is HTML-escaped.
    pub fn html(&self, view: &View<'_>, fragment: bool) -> Result<String, Box<Diagnostic>> {
        #[derive(Serialize)]
        struct Context<'v, 'a> {
            #[serde(flatten)]
            view: &'v View<'a>,
            fragment: bool,
            generator: String,
        }
        let context =
            Context { view, fragment, generator: format!("nianbao {}", env!("CARGO_PKG_VERSION")) };
        let tmpl = self.env.get_template(HTML_ENTRY).map_err(|e| self.error(&e))?;
        tmpl.render(Value::from(Serde(&context))).map_err(|e| self.error(&e))
    }

    /// The path users see for a template name.
    pub fn display_name(&self, name: &str) -> String {
        match &self.root {
            TemplateRoot::Builtin => format!("<内置模板>/{name}"),
            TemplateRoot::Dir(dir) => dir.join(name).display().to_string(),
        }
    }

    fn error(&self, err: &minijinja::Error) -> Box<Diagnostic> {
        let mut msg = match err.detail() {
            Some(detail) => format!("模板错误（{}）：{detail}", err.kind()),
            None => format!("模板错误：{}", err.kind()),
        };
        let mut source = std::error::Error::source(err);
        while let Some(cause) = source {
            msg.push_str(&format!("；原因：{cause}"));
            source = cause.source();
        }
        let mut d = Diagnostic::error("template", msg);
        if let Some(name) = err.name() {
            d = d.in_file(self.display_name(name));
            if let Some(line) = err.line() {
                let column = match (err.range(), err.template_source()) {
                    (Some(r), Some(src)) => LineCol::of_offset(src, r.start).column,
                    _ => 1,
                };
                d = d.at(LineCol { line, column }, err.template_source());
            }
        }
        Box::new(d)
    }
}

/// Every file below `dir` as (relative path, content), skipping hidden entries.
fn collect_files(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')) {
            continue;
        }
        if path.is_dir() {
            collect_files(root, &path, out);
        } else if let Ok(bytes) = std::fs::read(&path) {
            let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().into_owned();
            out.push((rel, bytes));
        }
    }
}

/// The environment settings shared by built-in and customized templates.
fn base_env() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .expect("default delimiters are valid"),
    );
    env.set_fuel(Some(FUEL));
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html.j2") || name.ends_with(".html") {
            AutoEscape::Html
        } else {
            AutoEscape::Custom("typst".into())
        }
    });
    env.set_formatter(|out, state, value| {
        let write_failed =
            |_| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "write failed");
        if !value.is_safe() && matches!(state.auto_escape(), AutoEscape::Html) {
            let text = match value.as_str() {
                Some(s) => html_text(s),
                None if value.is_none() || value.is_undefined() => String::new(),
                None => html_text(&value.to_string()),
            };
            return out.write_str(&text).map_err(write_failed);
        }
        if value.is_safe() || !matches!(state.auto_escape(), AutoEscape::Custom(_)) {
            return minijinja::escape_formatter(out, state, value);
        }
        let text = match value.as_str() {
            Some(s) => markup_text(s),
            None if value.is_none() || value.is_undefined() => String::new(),
            // Non-negative integers are plain digits in markup and code alike.
            None if value.as_i64().is_some_and(|n| n >= 0) => value.to_string(),
            None => markup_text(&value.to_string()),
        };
        out.write_str(&text)
            .map_err(|_| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "write failed"))
    });
    env.add_filter("lit", |value: Value| -> Result<Value, minijinja::Error> {
        Ok(Value::from_safe_string(code_literal(&value)?))
    });
    env
}
