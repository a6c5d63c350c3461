//! Import speed: reading a Word/WPS .docx or a portal page and recognizing the report in
//! it, in process (median of 50 runs after a warm-up), and `nianbao import` as a new
//! process (median of 11). The fixtures are those of the tests (`tests/fixtures/import/`);
//! word-county.docx and word-long.docx print as 5–6 and 10 A4 pages in LibreOffice.
//!
//! Run: `cargo bench --bench import`.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn stats(mut v: Vec<Duration>) -> String {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "median {:.1} ms (min {:.1}, max {:.1})",
        ms(v[v.len() / 2]),
        ms(v[0]),
        ms(v[v.len() - 1])
    )
}

fn main() {
    // `cargo bench` passes `--bench`; under `cargo test` (no flag) there is nothing to do.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = root.join("tests/fixtures/import");
    let names = [
        "word-county.docx",
        "word-long.docx",
        "wps-seed.docx",
        "portal-long.html",
        "portal-gbk.html",
    ];
    println!("in process (read + recognize):");
    for name in names {
        let path = fixtures.join(name);
        let size = std::fs::metadata(&path).unwrap().len();
        let r = nianbao::input::import(&path).unwrap();
        assert!(r.complete, "{name}: {:#?}", r.findings);
        let times: Vec<Duration> = (0..50)
            .map(|_| {
                let t = Instant::now();
                let r = nianbao::input::import(&path).unwrap();
                let elapsed = t.elapsed();
                assert!(r.report.is_some());
                elapsed
            })
            .collect();
        println!("  {name:<20} {:>7} bytes  {}", size, stats(times));
    }
    println!("a new `nianbao import` process, writing JSON:");
    let exe = env!("CARGO_BIN_EXE_nianbao");
    let out =
        std::env::temp_dir().join(format!("nianbao-import-bench-{}.json", std::process::id()));
    for name in ["word-county.docx", "word-long.docx", "portal-long.html"] {
        let path = fixtures.join(name);
        let times: Vec<Duration> = (0..11)
            .map(|_| {
                let t = Instant::now();
                let o = Command::new(exe)
                    .args(["import", path.to_str().unwrap(), "-o", out.to_str().unwrap()])
                    .output()
                    .unwrap();
                assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
                t.elapsed()
            })
            .collect();
        println!("  {name:<20} {}", stats(times));
    }
    let _ = std::fs::remove_file(out);
}
