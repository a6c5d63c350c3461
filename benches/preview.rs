//! Live-preview latency: the time from saving a file to the browser side having the new
//! pages (the server-sent event received and every changed page's SVG fetched), for a
//! one-line template change and for a data change, on the samples. Compared with a cold
//! full render of the same report.
//!
//! Run: `cargo bench --bench preview`.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "../tests/preview_client.rs"]
mod preview_client;
use preview_client::{get, port_in};

fn hashes(port: u16) -> Vec<String> {
    let state: serde_json::Value = serde_json::from_str(&get(port, "/state")).unwrap();
    state["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["hash"].as_str().unwrap().to_string())
        .collect()
}

fn median(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (v[v.len() / 2], v[0], v[v.len() - 1])
}

fn main() {
    // `cargo bench` passes `--bench`; under `cargo test` (no flag) there is nothing to do.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let exe = env!("CARGO_BIN_EXE_nianbao");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = std::env::temp_dir().join(format!("nianbao-preview-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let tpl = work.join("tpl");
    Command::new(exe).args(["templates", "export", tpl.to_str().unwrap()]).output().unwrap();
    for sample in ["seed.json", "county-department.json"] {
        let data = work.join(sample);
        std::fs::copy(root.join("samples").join(sample), &data).unwrap();
        let mut child = Command::new(exe)
            .args(["preview", data.to_str().unwrap(), "--templates", tpl.to_str().unwrap()])
            .args(["--port", "0", "--ignore-system-fonts"])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let port = loop {
            if let Some(port) = port_in(&lines.next().unwrap().unwrap()) {
                break port;
            }
        };
        std::thread::spawn(move || for _ in lines {});
        let mut events = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(events, "GET /events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut events = BufReader::new(events);
        let mut wait_update = || loop {
            let mut line = String::new();
            events.read_line(&mut line).unwrap();
            if line.starts_with("event: update") {
                return;
            }
        };
        wait_update(); // the current state
        let entry = tpl.join("report.typ.j2");
        let original = std::fs::read_to_string(&entry).unwrap();
        let data_text = std::fs::read_to_string(&data).unwrap();
        let mut template_ms = Vec::new();
        let mut data_ms = Vec::new();
        for i in 0..21 {
            for (file, text, out) in [
                (
                    &entry,
                    original.replace("#title(", &format!("// edit {i}\n#title(")),
                    &mut template_ms,
                ),
                (
                    &data,
                    data_text.replace("\"year\": 2024", &format!("\"year\": {}", 2000 + i)),
                    &mut data_ms,
                ),
            ] {
                let before = hashes(port);
                let t = Instant::now();
                std::fs::write(file, text).unwrap();
                wait_update();
                for h in hashes(port).iter().filter(|h| !before.contains(h)) {
                    let _ = get(port, &format!("/page/{h}.svg"));
                }
                out.push(t.elapsed().as_secs_f64() * 1000.0);
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        std::fs::write(&entry, &original).unwrap();
        let _ = child.kill();
        let _ = child.wait();
        let (m, lo, hi) = median(template_ms);
        println!(
            "{sample}: template edit → new pages in the browser: median {m:.0} ms (min {lo:.0}, max {hi:.0})"
        );
        let (m, lo, hi) = median(data_ms);
        println!(
            "{sample}: data edit → new pages in the browser: median {m:.0} ms (min {lo:.0}, max {hi:.0})"
        );
        let mut cold = Vec::new();
        for _ in 0..5 {
            let t = Instant::now();
            Command::new(exe)
                .args([
                    "render",
                    data.to_str().unwrap(),
                    "-o",
                    work.join("cold.svg").to_str().unwrap(),
                ])
                .args([
                    "--ignore-system-fonts",
                    "--templates",
                    tpl.to_str().unwrap(),
                    "--allow-invalid",
                ])
                .stderr(Stdio::null())
                .status()
                .unwrap();
            cold.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        println!(
            "{sample}: cold full render to SVG (new process): median {:.0} ms",
            median(cold).0
        );
    }
    let _ = std::fs::remove_dir_all(&work);
}
