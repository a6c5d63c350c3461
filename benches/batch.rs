//! Batch benchmark: generates N reports of the realistic corpus (`tests/gen_corpus.rs`:
//! each office's narrative its own, 300–3,000 characters, varied numbers, a third all-zero),
//! renders them with one `nianbao batch` process, and reports documents per second and peak
//! RSS; then what tagging costs (the same batch with `--no-pdf-tags`: speed and size), the
//! HTML and DOCX outputs alone, and the cold start of single `nianbao render` processes.
//!
//! Run: `cargo bench --bench batch` (N = 1000), or `NIANBAO_BENCH_N=10000 cargo bench --bench batch`.
//! `NIANBAO_BENCH_CORPUS=dir` only writes the corpus there. `NIANBAO_BENCH_KEEP=1` keeps the generated reports and outputs (for profiling);
//! `NIANBAO_BENCH_ARGS="--pdf-tagged"` passes extra arguments to `nianbao batch`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

#[path = "../tests/gen_corpus.rs"]
mod gen_corpus;

fn main() {
    // `cargo bench` passes `--bench`; under `cargo test` (no flag) there is nothing to do.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_nianbao"));
    let n: usize =
        std::env::var("NIANBAO_BENCH_N").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    // `NIANBAO_BENCH_CORPUS=dir`: only write the corpus there (to profile a batch by hand).
    if let Some(dir) = std::env::var_os("NIANBAO_BENCH_CORPUS") {
        gen_corpus::generate(Path::new(&dir), gen_corpus::SEED, n).expect("write the corpus");
        println!("corpus: {n} reports in {}", Path::new(&dir).display());
        return;
    }
    let work = std::env::temp_dir().join(format!("nianbao-bench-{}", std::process::id()));
    let input = work.join("in");
    gen_corpus::generate(&input, gen_corpus::SEED, n).expect("write the corpus");
    let summary = work.join("summary.json");

    // One batch: (reports, wall seconds, reports/s inside, peak RSS MB, mean output KB).
    let batch = |out: &str, extra: &[&str]| {
        let start = Instant::now();
        let status = Command::new(&exe)
            .args(["batch", input.to_str().unwrap(), "-o", work.join(out).to_str().unwrap()])
            .args(["--name", "{stem}.pdf", "--quiet", "--force", "--ignore-system-fonts"])
            .args(["--summary", summary.to_str().unwrap()])
            .args(extra)
            .args(std::env::var("NIANBAO_BENCH_ARGS").unwrap_or_default().split_whitespace())
            .status()
            .expect("run nianbao batch");
        let wall = start.elapsed().as_secs_f64();
        assert!(status.success(), "batch failed");
        let s: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
        let rendered = s["rendered"].as_u64().unwrap_or(0);
        let bytes: u64 = s["reports"]
            .as_array()
            .map(|r| r.iter().filter_map(|r| r["bytes"].as_u64()).sum())
            .unwrap_or(0);
        (
            rendered,
            wall,
            s["reports_per_second"].as_f64().unwrap_or(0.0),
            s["peak_rss_bytes"].as_u64().unwrap_or(0) as f64 / 1024.0 / 1024.0,
            bytes as f64 / rendered.max(1) as f64 / 1024.0,
        )
    };
    let (rendered, wall, rate, rss, size) = batch("out", &[]);
    println!(
        "batch: {rendered} reports in {wall:.2} s (process wall time) = {:.1} reports/s",
        rendered as f64 / wall
    );
    println!(
        "batch: {rate:.1} reports/s inside the batch, peak RSS {rss:.0} MB, {size:.0} KB a PDF (tagged)"
    );
    let (_, _, plain_rate, plain_rss, plain_size) = batch("untagged", &["--no-pdf-tags"]);
    println!(
        "batch --no-pdf-tags: {plain_rate:.1} reports/s, peak RSS {plain_rss:.0} MB, {plain_size:.0} KB a PDF; \
         tagging costs {:.0} % of the speed and {:.0} % more bytes",
        (1.0 - rate / plain_rate) * 100.0,
        (size / plain_size - 1.0) * 100.0
    );
    let (_, _, html_rate, _, html_size) = batch("html", &["--format", "html,docx"]);
    println!(
        "batch --format html,docx: {html_rate:.1} reports/s, {html_size:.0} KB for both files"
    );

    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/seed.json");
    let mut times = Vec::new();
    for i in 0..11 {
        let out = work.join(format!("single-{i}.pdf"));
        let t = Instant::now();
        let status = Command::new(&exe)
            .args([
                "render",
                seed.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "--ignore-system-fonts",
            ])
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(status.success());
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "render: cold single-report process, median of 11: {:.0} ms (min {:.0}, max {:.0})",
        times[5], times[0], times[10]
    );
    if std::env::var_os("NIANBAO_BENCH_KEEP").is_some() {
        println!("kept: {}", work.display());
    } else {
        let _ = std::fs::remove_dir_all(&work);
    }
}
