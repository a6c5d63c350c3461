//! Hostile input: malformed and adversarial files end in a clear error (exit 1) or a
//! correct render, within bounded time, never a crash; runaway templates are stopped.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// Run nianbao with a time bound; a crash (signal, panic exit 101) or a hang fails the test.
fn bounded(args: &[&str]) -> Output {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .arg("--ignore-system-fonts")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("nianbao {args:?} did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?} crashed: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn render(data: &Path, out: &Path) -> Output {
    bounded(&["render", data.to_str().unwrap(), "-o", out.to_str().unwrap()])
}

#[test]
fn every_corpus_file_ends_in_a_clear_error_or_a_render() {
    let dir = tempdir("corpus");
    let mut files: Vec<_> = std::fs::read_dir(root().join("tests/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 10);
    for file in files {
        let out = dir.join("out.pdf");
        let _ = std::fs::remove_file(&out);
        let o = render(&file, &out);
        let err = String::from_utf8_lossy(&o.stderr);
        match o.status.code() {
            Some(0) => assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-")),
            _ => {
                assert!(err.contains("错误["), "{}: {err}", file.display());
                assert!(!out.exists(), "{}: output written despite the error", file.display());
            }
        }
    }
}

#[test]
fn huge_strings_and_paragraph_floods_hit_clear_limits() {
    let dir = tempdir("limits");
    let seed = sample_json("seed.json");
    let mut big = seed.clone();
    big["problems"] = serde_json::json!(["字".repeat(10 * 1024 * 1024 / 3)]);
    let path = dir.join("big.json");
    write(&path, &big.to_string());
    let o = render(&path, &dir.join("big.pdf"));
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("data-limit") && err.contains("problems[0]"), "{err}");

    let mut flood = seed.clone();
    flood["overview"] = serde_json::Value::Array(vec!["段落。".into(); 100_000]);
    let path = dir.join("flood.json");
    write(&path, &flood.to_string());
    let o = render(&path, &dir.join("flood.pdf"));
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("段落过多"));

    let path = dir.join("huge-file.json");
    std::fs::write(&path, vec![b' '; 17 * 1024 * 1024]).unwrap();
    let o = render(&path, &dir.join("h.pdf"));
    assert!(String::from_utf8_lossy(&o.stderr).contains("文件过大"));
}

#[test]
fn runaway_templates_are_stopped_with_an_error() {
    let dir = tempdir("runaway");
    let tpl = TemplateCopy::export(dir.join("tpl"));
    let seed = root().join("samples/seed.json");
    let out = dir.join("x.pdf");
    let args =
        ["render", seed.to_str().unwrap(), "-o", out.to_str().unwrap(), "--templates", tpl.arg()];
    for (probe, want) in [
        ("{% for i in range(1000000000) %}{% endfor %}", "模板错误"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "模板错误"),
        ("#while true {}", "Typst"),
        ("#let f(n) = f(n + 1)\n#f(0)", "Typst"),
    ] {
        tpl.insert_before_title(probe);
        let o = bounded(&args);
        assert_eq!(o.status.code(), Some(1), "{probe}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(want), "{probe}: {err}");
    }
}

mod property {
    use nianbao::model::{Paragraph, Signature};
    use proptest::prelude::*;

    use crate::common::*;

    /// Text made of what breaks naive renderers: Typst and minijinja syntax, control and
    /// bidi characters, combining marks, emoji, rare and common CJK, ASCII.
    fn hostile_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            prop::sample::select(vec![
                "#",
                "[",
                "]",
                "$",
                "{{",
                "}}",
                "{%",
                "%}",
                "{#",
                "//",
                "/*",
                "*/",
                "\\",
                "\"",
                "'",
                "@",
                "<",
                ">",
                "*",
                "_",
                "=",
                "- ",
                "+ ",
                "1. ",
                "~",
                "`",
                "http://x.cn",
                "#set page(width: 1cm)",
                "\n",
                "\t",
                "\r\n",
                " ",
            ])
            .prop_map(str::to_string),
            prop::char::range('\u{20}', '\u{7e}').prop_map(String::from),
            prop::char::range('\u{4e00}', '\u{9fa5}').prop_map(String::from),
            prop::char::range('\u{1}', '\u{1f}').prop_map(String::from),
            prop::sample::select(vec![
                '\u{200e}', '\u{200f}', '\u{202a}', '\u{202c}', '\u{202e}', '\u{2066}', '\u{2069}',
                '\u{200b}', '\u{feff}'
            ])
            .prop_map(String::from),
            prop::char::range('\u{300}', '\u{36f}').prop_map(|c| format!("a{c}")),
            prop::char::range('\u{1f600}', '\u{1f64f}').prop_map(String::from),
            prop::char::range('\u{20000}', '\u{2a6df}').prop_map(String::from),
        ];
        prop::collection::vec(piece, 1..60).prop_map(|v| v.concat())
    }

    /// Printed characters only: whitespace and invisible control or format characters
    /// carry no ink, so they are left out of the comparison (line breaks move freely).
    fn ink(s: &str) -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .filter(|c| !matches!(*c as u32, 0x200b..=0x200f | 0x202a..=0x202e | 0x2060..=0x2069 | 0xfeff))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn any_text_in_any_field_prints_as_written(
            org in hostile_text(), title in hostile_text(), para in hostile_text(),
            heading in hostile_text(), other in hostile_text(),
        ) {
            let mut report = sample("seed.json");
            report.organization = org.clone();
            report.title = Some(title.clone());
            report.preface = vec![Paragraph::Text(para.clone())];
            report.overview = vec![Paragraph::RunIn { heading: heading.clone(), text: para.clone() }];
            report.other_matters = vec![Paragraph::Text(other.clone())];
            report.signature = Some(Signature { organization: org.clone(), date: report.signature.map_or_else(
                || serde_json::from_str("\"2025-01-20\"").unwrap(), |s| s.date) });
            let out = renderer().layout(&report);
            let doc = out.doc.clone();
            let typst_errors: Vec<_> = out.diagnostics.iter().filter(|d| d.code == "typst").collect();
            prop_assert!(typst_errors.is_empty(), "{:#?}", typst_errors);
            let doc = doc.expect("laid out");
            // Page numbers (4号, 14 pt) sit between the pages of a paragraph that breaks.
            let printed: String = nianbao::render::layout::text_runs(&doc)
                .iter()
                .filter(|r| (r.size - 14.0).abs() > 0.01)
                .map(|r| r.text.as_str())
                .collect();
            let printed = ink(&printed);
            for (name, value) in [("organization", &org), ("title", &title), ("paragraph", &para), ("heading", &heading), ("other", &other)] {
                let want = ink(value);
                // Right-to-left controls ask for visual reordering: then every character must
                // still be printed (none dropped or added), in the order bidi gives.
                let rtl = value.chars().any(|c| matches!(c, '\u{200f}' | '\u{202b}' | '\u{202e}' | '\u{2067}'));
                if rtl {
                    for c in want.chars() {
                        let need = want.matches(c).count();
                        prop_assert!(printed.matches(c).count() >= need, "{name} {value:?}: {c:?} missing");
                    }
                } else {
                    prop_assert!(printed.contains(&want), "{name} {value:?} not printed verbatim");
                }
            }
        }
    }
}

#[test]
fn a_100_kb_paragraph_renders_verbatim() {
    let mut report = sample("seed.json");
    let unit = "政府信息公开#[*_]$\\\"@<>~ 1. http://x.cn 垟𬇙 ";
    let text: String = unit.repeat(100 * 1024 / unit.len() + 1);
    report.problems = vec![nianbao::model::Paragraph::Text(text.clone())];
    let rendered = renderer().render(&report, nianbao::OutputFormat::Pdf);
    assert!(!rendered.has_errors(), "{:#?}", rendered.diagnostics);
    assert!(rendered.pages > 20);
    let out = renderer().layout(&report);
    let doc = out.doc.clone().unwrap();
    let printed: String = nianbao::render::layout::text_runs(&doc)
        .iter()
        .filter(|r| (r.size - 14.0).abs() > 0.01)
        .flat_map(|r| r.text.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    let want: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(printed.contains(&want));
}
