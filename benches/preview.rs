//! Live preview as a person sees it, measured in a real Chromium (Debian's, driven by
//! playwright-core through `tests/browser/preview-driver.mjs`):
//!
//! - the time from opening the page to the first pages painted (`nianbao:first-paint`,
//!   after navigation start), over fresh navigations;
//! - the time from saving a file to the changed page painted in the open page, for a
//!   one-number data edit (a count in table 二) and a one-line template edit (a section
//!   heading), with the changed page in view. The save time is the wall clock just before
//!   the file is renamed into place (as editors save); the paint time is the page's
//!   `nianbao:painted` mark (set in a task queued from the `requestAnimationFrame` of the
//!   frame that shows the change, so style, layout and paint are done), on the same clock.
//!   The start of the frame after it (a double `requestAnimationFrame`) is reported too.
//!
//! Run: `cargo bench --bench preview` (release build). `NIANBAO_BENCH_EDITS` sets the edits
//! per case (default 21).

use std::path::Path;
use std::time::{Duration, SystemTime};

use serde_json::json;

#[path = "../tests/preview_client.rs"]
mod preview_client;
use preview_client::{Browser, start_preview};

fn now_ms() -> f64 {
    SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs_f64() * 1000.0
}

/// Save as editors do: write a temp file beside it, rename it over the file.
fn save(path: &Path, text: &str) -> f64 {
    let tmp = path.with_extension("bench-tmp");
    std::fs::write(&tmp, text).unwrap();
    let at = now_ms();
    std::fs::rename(&tmp, path).unwrap();
    at
}

struct Stats(Vec<f64>);

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut v = self.0.clone();
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
        write!(
            f,
            "median {:.0} ms (min {:.0}, p90 {:.0}, max {:.0}, n = {})",
            at(0.5),
            v[0],
            at(0.9),
            v[v.len() - 1],
            v.len()
        )
    }
}

/// How far the page's clock is ahead of ours (ms): the reading with the shortest round
/// trip of a few, against the middle of that round trip.
fn clock_offset(browser: &mut Browser) -> (f64, f64) {
    (0..9)
        .map(|_| {
            let before = now_ms();
            let page = browser.call(json!({ "cmd": "clock" }))["now"].as_f64().unwrap();
            let after = now_ms();
            (page - (before + after) / 2.0, after - before)
        })
        .min_by(|a, b| a.1.partial_cmp(&b.1).unwrap())
        .unwrap()
}

fn hashes(browser: &mut Browser) -> Vec<String> {
    let state = browser.call(json!({ "cmd": "state" }));
    state["pages"].as_array().unwrap().iter().map(|p| p["hash"].as_str().unwrap().into()).collect()
}

/// Save → update event, → painted, → next frame, and the page that changed.
struct Timings {
    update: Stats,
    painted: Stats,
    next_frame: Stats,
    page: usize,
}

/// Time `edits` saves made by `edit(i)` (the file and its new text).
fn measure(
    browser: &mut Browser,
    version: &mut u64,
    edits: usize,
    edit: &dyn Fn(usize) -> (std::path::PathBuf, String),
) -> Timings {
    // A first edit finds the page that changes; it is scrolled into view.
    let before = hashes(browser);
    let (file, text) = edit(1000);
    save(&file, &text);
    let answer = browser.call(json!({ "cmd": "waitPainted", "above": *version }));
    *version = answer["version"].as_u64().unwrap();
    let after = hashes(browser);
    let page =
        (0..after.len()).find(|&i| before.get(i) != Some(&after[i])).expect("a page changed");
    browser.call(json!({ "cmd": "scrollTo", "page": page }));
    let (offset, _) = clock_offset(browser);
    let (mut painted, mut update, mut next_frame) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..edits {
        std::thread::sleep(Duration::from_millis(150));
        let (file, text) = edit(i);
        let saved = save(&file, &text);
        let answer = browser.call(json!({ "cmd": "waitPainted", "above": *version }));
        *version = answer["version"].as_u64().unwrap();
        assert!(answer["changed"].as_u64().unwrap() >= 1, "the edit changed no page: {answer}");
        let at = |k: &str| answer[k].as_f64().unwrap() - offset - saved;
        painted.push(at("painted"));
        update.push(at("update"));
        next_frame.push(at("nextFrame"));
    }
    Timings { update: Stats(update), painted: Stats(painted), next_frame: Stats(next_frame), page }
}

fn report(sample: &str, what: &str, t: &Timings) {
    println!("{sample}: {what} (page {}) → changed page painted: {}", t.page + 1, t.painted);
    println!("{sample}: {what} → the frame after it: {}", t.next_frame);
    println!("{sample}: {what} → update event in the page: {}", t.update);
}

fn main() {
    // `cargo bench` passes `--bench`; under `cargo test` (no flag) there is nothing to do.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let edits: usize =
        std::env::var("NIANBAO_BENCH_EDITS").ok().and_then(|v| v.parse().ok()).unwrap_or(21);
    let exe = env!("CARGO_BIN_EXE_nianbao");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = std::env::temp_dir().join(format!("nianbao-preview-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let tpl = work.join("tpl");
    let status = std::process::Command::new(exe)
        .args(["templates", "export", tpl.to_str().unwrap()])
        .status();
    assert!(status.unwrap().success());
    let entry = tpl.join("report.typ.j2");
    let original = std::fs::read_to_string(&entry).unwrap();
    let heading = "#h1({{ sections[3]|lit }})";
    assert!(original.contains(heading), "the entry template has no {heading}");
    for sample in ["seed.json", "county-department.json"] {
        let data = work.join(sample);
        std::fs::copy(root.join("samples").join(sample), &data).unwrap();
        let data_text = std::fs::read_to_string(&data).unwrap();
        let (_preview, port, _) = start_preview(&[
            data.to_str().unwrap(),
            "--templates",
            tpl.to_str().unwrap(),
            "--port",
            "0",
        ]);
        let url = format!("http://127.0.0.1:{port}/");
        let mut browser = Browser::launch(root);
        let (mut paint, mut frame) = (Vec::new(), Vec::new());
        for _ in 0..11 {
            let answer = browser.call(json!({ "cmd": "open", "url": url }));
            paint.push(answer["firstPaint"].as_f64().unwrap());
            frame.push(answer["firstFrame"].as_f64().unwrap());
        }
        println!("{sample}: page opened → first pages painted: {}", Stats(paint));
        println!("{sample}: page opened → the frame after them: {}", Stats(frame));
        let (offset, round_trip) = clock_offset(&mut browser);
        println!(
            "{sample}: the page's clock is {offset:+.2} ms off ours (read in {round_trip:.2} ms); corrected"
        );
        let mut version = 0;

        let data_edit = |i: usize| {
            let mut v: serde_json::Value = serde_json::from_str(&data_text).unwrap();
            v["proactive"]["rules"]["issued"] = (i as u64 + 1).into();
            (data.clone(), serde_json::to_string_pretty(&v).unwrap())
        };
        report(sample, "data edit", &measure(&mut browser, &mut version, edits, &data_edit));
        let template_edit = |i: usize| {
            let line = format!("#h1({{{{ sections[3]|lit }}}} + \"（{i}）\")");
            (entry.clone(), original.replace(heading, &line))
        };
        report(
            sample,
            "template edit",
            &measure(&mut browser, &mut version, edits, &template_edit),
        );
        std::fs::write(&entry, &original).unwrap();
    }
    let _ = std::fs::remove_dir_all(&work);
}
