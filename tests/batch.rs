//! Batch: good, invalid, malformed and panicking reports in one run; interruption and
//! resumption; shards; bundle inputs; outputs identical to single renders.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::*;

fn nianbao(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nianbao"));
    cmd.args(args).arg("--ignore-system-fonts");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().expect("run nianbao")
}

/// `nianbao batch INPUT -o OUT --name {stem}.pdf EXTRA… --summary OUT/../summary.json`;
/// returns the process output and the summary (when written).
fn batch_with_summary(
    input: &Path,
    out: &Path,
    extra: &[&str],
    envs: &[(&str, &str)],
) -> (Output, serde_json::Value) {
    let summary = out.with_file_name("summary.json");
    let _ = std::fs::remove_file(&summary);
    let mut args =
        vec!["batch", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--name", "{stem}.pdf"];
    args.extend(extra);
    args.extend(["--summary", summary.to_str().unwrap()]);
    let o = nianbao(&args, envs);
    let s = std::fs::read(&summary)
        .map_or(serde_json::Value::Null, |b| serde_json::from_slice(&b).expect("summary is JSON"));
    (o, s)
}

fn pdfs(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect()
        })
        .unwrap_or_default();
    v.retain(|n| n.ends_with(".pdf"));
    v.sort();
    v
}

fn no_temp_files(dir: &Path) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        assert!(!n.ends_with(".tmp"), "temp file left behind: {n}");
    }
}

/// A fresh folder `name` with `n` valid reports in `in/`; returns the folder and `in/`.
fn many_in(name: &str, n: usize) -> (PathBuf, PathBuf) {
    let dir = tempdir(name);
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    many(&input, n);
    (dir, input)
}

/// `n` valid reports with distinct organizations, as files in `dir`.
fn many(dir: &Path, n: usize) {
    let mut v = sample_json("seed.json");
    for i in 0..n {
        v["organization"] = format!("第{i}号乡人民政府").into();
        v["title"] = serde_json::Value::Null;
        std::fs::write(dir.join(format!("r{i:04}.json")), v.to_string()).unwrap();
    }
}

#[test]
fn one_bad_report_never_stops_the_batch() {
    let dir = tempdir("batch-mixed");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for s in ["seed.json", "county-department.json", "rare-characters.yaml"] {
        std::fs::copy(root().join("samples").join(s), input.join(s)).unwrap();
    }
    std::fs::copy(root().join("tests/fixtures/validate/r1.json"), input.join("invalid.json"))
        .unwrap();
    write(&input.join("malformed.json"), "{\"organization\": ");
    write(&input.join("panics.json"), &sample_json("seed.json").to_string());
    let out = dir.join("out");
    let panics = input.join("panics.json").display().to_string();
    let (o, s) = batch_with_summary(&input, &out, &[], &[("NIANBAO_TEST_PANIC_ON", &panics)]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(pdfs(&out), ["county-department.pdf", "rare-characters.pdf", "seed.pdf"]);
    assert!(err.contains("invalid.json") && err.contains("[R1]"), "{err}");
    assert!(err.contains("malformed.json") && err.contains("语法错误"), "{err}");
    assert!(err.contains("panics.json") && err.contains("内部错误"), "{err}");
    no_temp_files(&out);
    assert_eq!((s["rendered"].as_u64(), s["failed"].as_u64()), (Some(3), Some(3)));
    let rows = s["reports"].as_array().unwrap();
    assert_eq!(rows.len(), 6);
    let seed = rows.iter().find(|r| r["input"].as_str().unwrap().ends_with("seed.json")).unwrap();
    assert_eq!(seed["status"], "rendered");
    assert!(seed["pages"].as_u64().unwrap() >= 3 && seed["bytes"].as_u64().unwrap() > 10_000);

    // Batch output is byte-identical to a single render.
    let single = dir.join("single.pdf");
    let o = nianbao(
        &["render", input.join("seed.json").to_str().unwrap(), "-o", single.to_str().unwrap()],
        &[],
    );
    assert!(o.status.success());
    assert_eq!(std::fs::read(&single).unwrap(), std::fs::read(out.join("seed.pdf")).unwrap());

    // A re-run skips what is up to date; --force renders again.
    let (o, _) = batch_with_summary(&input, &out, &[], &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("已是最新 3"), "{err}");
    let (o, _) = batch_with_summary(&input, &out, &["--force"], &[]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("已渲染 4，已是最新 0"));
}

#[test]
fn an_output_that_cannot_be_put_in_place_fails_its_report_only() {
    let (dir, input) = many_in("batch-blocked", 3);
    // A folder where r0001.pdf should go: the rename into place fails.
    let out = dir.join("out");
    std::fs::create_dir_all(out.join("r0001.pdf")).unwrap();
    let (o, s) = batch_with_summary(&input, &out, &[], &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("r0001") && err.contains("无法写入"), "{err}");
    assert!(out.join("r0000.pdf").is_file() && out.join("r0002.pdf").is_file());
    no_temp_files(&out);
    assert_eq!((s["rendered"].as_u64(), s["failed"].as_u64()), (Some(2), Some(1)), "{s}");
    // It is not recorded as up to date: once the folder is gone, a re-run renders it.
    std::fs::remove_dir(out.join("r0001.pdf")).unwrap();
    let (o, _) = batch_with_summary(&input, &out, &[], &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success() && err.contains("已渲染 1，已是最新 2"), "{err}");
}

#[test]
fn name_collisions_are_detected_before_anything_is_written() {
    let dir = tempdir("batch-collide");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(root().join("samples/seed.json"), input.join("a.json")).unwrap();
    std::fs::copy(root().join("samples/seed.json"), input.join("b.json")).unwrap();
    let out = dir.join("out");
    let o = nianbao(&["batch", input.to_str().unwrap(), "-o", out.to_str().unwrap()], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("同一个文件"));
    assert!(pdfs(&out).is_empty());
}

#[test]
fn an_interrupted_batch_leaves_no_partial_file_and_resumes() {
    let (dir, input) = many_in("batch-interrupt", 150);
    let out = dir.join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args([
            "batch",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--name",
            "{stem}.pdf",
            "-j",
            "1",
            "--ignore-system-fonts",
        ])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some outputs exist, then interrupt.
    let start = std::time::Instant::now();
    while pdfs(&out).len() < 3 && start.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    let status = child.wait().unwrap();
    let first = pdfs(&out).len();
    assert!(first < 150, "the batch finished before it was interrupted");
    assert_eq!(status.code(), Some(1), "an interrupted batch exits 1");
    no_temp_files(&out);
    let o = nianbao(
        &["batch", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--name", "{stem}.pdf"],
        &[],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(pdfs(&out).len(), 150);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&format!("已渲染 {}，已是最新 {first}", 150 - first)), "{err}");
}

#[test]
fn shards_are_disjoint_and_cover_the_set() {
    let (dir, input) = many_in("batch-shards", 12);
    let mut all: Vec<String> = Vec::new();
    for k in 1..=3 {
        let out = dir.join(format!("out{k}"));
        let (o, _) = batch_with_summary(&input, &out, &["--shard", &format!("{k}/3")], &[]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        all.extend(pdfs(&out));
    }
    let total = all.len();
    all.sort();
    all.dedup();
    assert_eq!((total, all.len()), (12, 12), "shards overlap or miss reports");
}

#[test]
fn json_lines_and_json_arrays_are_inputs_too() {
    let dir = tempdir("batch-bundles");
    let seed = sample_json("seed.json");
    let mut lines = String::new();
    let mut array = Vec::new();
    for i in 0..3 {
        let mut v = seed.clone();
        v["organization"] = format!("甲{i}镇").into();
        lines.push_str(&v.to_string());
        lines.push('\n');
        v["organization"] = format!("乙{i}镇").into();
        array.push(v);
    }
    write(&dir.join("all.jsonl"), &lines);
    write(&dir.join("all.json"), &serde_json::to_string(&array).unwrap());
    let out = dir.join("out");
    let o = nianbao(
        &[
            "batch",
            dir.join("all.jsonl").to_str().unwrap(),
            dir.join("all.json").to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        &[],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(pdfs(&out).len(), 6);
    assert!(pdfs(&out).contains(&"2024-甲0镇.pdf".to_string()));
    let _ = PathBuf::new();
}
