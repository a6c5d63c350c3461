//! Aggregate benchmark: generates N realistic units (the tests' county generator: counties
//! of 40 units, each unit's narrative composed from large word lists with its own villages,
//! projects and numbers, and last year's reports), then times one `nianbao aggregate`
//! process over them with every check (cross-year against last year's reports, the copy
//! check across all units), the annex and the to-do list; then the copy check alone, in
//! process, at N and at 10 × N units.
//!
//! Run: `cargo bench --bench aggregate` (N = 1000), `NIANBAO_BENCH_N=500 cargo bench …`.
//! `NIANBAO_BENCH_KEEP=1` keeps the generated files.

#[path = "../tests/county_gen/mod.rs"]
mod county_gen;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use nianbao::check::copies::{UnitText, find_with};

fn write_units(dir: &Path, units: &[county_gen::Unit]) {
    std::fs::create_dir_all(dir.join("units")).unwrap();
    std::fs::create_dir_all(dir.join("2023")).unwrap();
    for u in units {
        std::fs::write(dir.join("units").join(&u.file), serde_json::to_vec(&u.report).unwrap())
            .unwrap();
        std::fs::write(dir.join("2023").join(&u.file), serde_json::to_vec(&u.previous).unwrap())
            .unwrap();
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// One `nianbao aggregate` run over `dir`; its wall time.
fn aggregate(dir: &Path) -> Duration {
    let s = |p: PathBuf| p.to_str().unwrap().to_string();
    let t = Instant::now();
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["aggregate", &s(dir.join("units")), "-o", &s(dir.join("region.json"))])
        .args(["--organization", "某省人民政府", "--year", "2024"])
        .args(["--previous-dir", &s(dir.join("2023"))])
        .args(["--annex", &s(dir.join("annex.xlsx")), "--findings", &s(dir.join("findings.json"))])
        .output()
        .unwrap();
    let took = t.elapsed();
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&o.stderr));
    took
}

/// The narrative paragraphs of the units, as the copy check reads them.
fn texts(units: &[county_gen::Unit]) -> Vec<UnitText> {
    units
        .iter()
        .map(|u| {
            let bytes = serde_json::to_vec(&u.report).unwrap();
            let report =
                nianbao::input::load_bytes(&bytes, Path::new("u.json"), &u.file).unwrap().report;
            UnitText::of(&report, &u.file)
        })
        .collect()
}

fn copy_check(texts: &[UnitText]) -> (Duration, usize) {
    let t = Instant::now();
    let found = find_with(texts.len(), |i| Some(texts[i].clone()));
    (t.elapsed(), found.len())
}

fn main() {
    let n: usize =
        std::env::var("NIANBAO_BENCH_N").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let dir = std::env::temp_dir().join(format!("nianbao-bench-aggregate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);

    let t = Instant::now();
    let units = county_gen::province(11, n, 2024);
    write_units(&dir, &units);
    let chars: usize =
        texts(&units).iter().flat_map(|u| u.paragraphs.iter().map(|p| p.1.chars().count())).sum();
    println!(
        "generated {n} units and last year's reports in {:.1} s ({} narrative characters a unit on average)",
        t.elapsed().as_secs_f64(),
        chars / n
    );

    let runs: Vec<Duration> = (0..3).map(|_| aggregate(&dir)).collect();
    let findings: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("findings.json")).unwrap()).unwrap();
    let copies = findings.as_array().unwrap().iter().filter(|f| f["code"] == "S11").count();
    println!(
        "aggregate {n} units with every check, annex and findings: median {:.2} s of 3 (runs: {:?}); S11 findings: {copies}",
        median(runs.clone()).as_secs_f64(),
        runs.iter().map(|d| format!("{:.2}", d.as_secs_f64())).collect::<Vec<_>>()
    );

    for scale in [1, 10] {
        let m = n * scale;
        let units = if scale == 1 { units.clone() } else { county_gen::province(13, m, 2024) };
        let texts = texts(&units);
        let runs: Vec<(Duration, usize)> = (0..3).map(|_| copy_check(&texts)).collect();
        println!(
            "copy check alone, {m} units: median {:.2} s of 3; findings: {}",
            median(runs.iter().map(|r| r.0).collect()).as_secs_f64(),
            runs[0].1
        );
    }
    if std::env::var_os("NIANBAO_BENCH_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    } else {
        println!("kept {}", dir.display());
    }
}
