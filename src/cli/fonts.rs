//! `nianbao fonts`: each role's chain and what it resolves to on this machine; with
//! `--check REPORT`, whether every character of a report can be printed.

use std::collections::BTreeMap;

use nianbao::Diagnostic;
use nianbao::model::{Report, TextKind};
use nianbao::render::fonts::{Coverage, FontSet, Role};

use super::args::FontsArgs;
use super::render::font_options;
use super::{Status, out, print_diagnostics, say};

/// Run `nianbao fonts`.
pub fn fonts(args: &FontsArgs) -> Status {
    let set = match font_options(&args.fonts, args.check.as_deref()).and_then(|o| FontSet::load(&o))
    {
        Ok(s) => s,
        Err(d) => {
            print_diagnostics(&[*d]);
            return Status::Error;
        }
    };
    for report in &set.report {
        out(report.role.label());
        out(&format!("  字体链：{}", report.chain.join("、")));
        for (i, r) in report.resolved.iter().enumerate() {
            let mark = if i == 0 { "使用" } else { "后备" };
            out(&format!("  {mark}：{} → {}（{}）", r.requested, r.family, r.origin));
        }
        out(&format!(
            "  粗体：{}",
            if report.has_bold {
                "有真正的粗体字形"
            } else {
                "没有粗体字形，需要加粗时用描边模拟"
            }
        ));
    }
    // Which face wins when two share a family: see render::font_scan.
    out("字体优先顺序：--font-path（及 nianbao.toml 的 font-paths）> 内置字体 > 系统字体；");
    out("  内置字体有的字族不用系统字体，输出不随机器上安装的字体而变。");
    for s in &set.shadowed {
        out(&format!(
            "  未用系统字体：{}（{}），与内置字体同族；要用它，请用 --font-path 指定其所在目录",
            s.family,
            s.path.display()
        ));
    }
    let restricted = set.restricted();
    for (family, origin) in &restricted {
        say(&format!("警告：{family}（{origin}）的授权禁止嵌入（fsType 2），PDF/A 输出会失败"));
    }
    let Some(path) = &args.check else { return Status::Success };
    let report = match nianbao::input::load(path) {
        Ok(l) => l.report,
        Err(d) => {
            print_diagnostics(&d);
            return Status::Failure;
        }
    };
    let findings = check(&set, &report, &path.display().to_string());
    print_diagnostics(&findings);
    let errors = findings.iter().filter(|d| d.is_error()).count();
    say(&format!(
        "{}：{} 个字无法显示，{} 个字使用后备字体",
        path.display(),
        errors,
        findings.len() - errors
    ));
    if errors > 0 { Status::Failure } else { Status::Success }
}

/// Coverage of every character of the report's text in the font of the role that prints it.
fn check(set: &FontSet, report: &Report, file: &str) -> Vec<Diagnostic> {
    let title = report.title();
    let mut texts: Vec<(String, Role, &str)> = vec![("title".into(), Role::Title, &title)];
    for f in report.text_fields() {
        let role = match f.kind {
            TextKind::Title => continue,
            TextKind::Heading => Role::Kai,
            TextKind::Name | TextKind::Paragraph => Role::Body,
        };
        texts.push((f.path, role, f.text));
    }
    let mut seen: BTreeMap<(char, &'static str), Diagnostic> = BTreeMap::new();
    for (path, role, text) in &texts {
        for c in text.chars().filter(|c| !c.is_whitespace() && !c.is_control()) {
            let key = (c, role.label());
            if seen.contains_key(&key) {
                continue;
            }
            let code = format!("「{c}」（U+{:04X}）", c as u32);
            let d = match set.coverage(*role, c) {
                Coverage::Primary => continue,
                Coverage::Fallback(f) => Diagnostic::warning(
                    "glyph-fallback",
                    format!("{code}在{}字体中缺失，将使用 {f}", role.label()),
                ),
                Coverage::Missing => Diagnostic::error(
                    "glyph-missing",
                    format!("{code}在{}的所有字体中都没有，会印成方框", role.label()),
                ),
            };
            seen.insert(key, d.in_file(file).field(path.clone()));
        }
    }
    let mut out: Vec<Diagnostic> = seen.into_values().collect();
    out.sort_by_key(|d| d.severity);
    out
}
