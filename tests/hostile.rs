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
    let seed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("samples/seed.json")).unwrap())
            .unwrap();
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
    let tpl = dir.join("tpl");
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["templates", "export", tpl.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success());
    let entry = tpl.join("report.typ.j2");
    let text = std::fs::read_to_string(&entry).unwrap();
    let seed = root().join("samples/seed.json");
    let out = dir.join("x.pdf");
    let args = [
        "render",
        seed.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--templates",
        tpl.to_str().unwrap(),
    ];
    for (probe, want) in [
        ("{% for i in range(1000000000) %}{% endfor %}", "模板错误"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "模板错误"),
        ("#while true {}", "Typst"),
        ("#let f(n) = f(n + 1)\n#f(0)", "Typst"),
    ] {
        write(&entry, &text.replace("#title(", &format!("{probe}\n#title(")));
        let o = bounded(&args);
        assert_eq!(o.status.code(), Some(1), "{probe}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(want), "{probe}: {err}");
    }
}
