//! Live preview end to end: a real headless Chromium shows the pages, picks up a template
//! change, shows the error overlay for a broken template and clears it when fixed.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;
use crate::preview_client::{get, port_in};

/// A child process killed when dropped (also when the test fails).
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Start `nianbao preview` and return it with its port.
fn start_preview(args: &[&str]) -> (Guard, u16, Vec<String>) {
    let mut child = Guard(
        Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .arg("preview")
            .args(args)
            .arg("--ignore-system-fonts")
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let stderr = child.0.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(100)) {
            seen.push(line.clone());
            if let Some(port) = port_in(&line) {
                return (child, port, seen);
            }
        }
    }
    panic!("preview did not start");
}

fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}");
}

fn chromium(url: &str, profile: &Path) -> Guard {
    let exe = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("chromium is not installed: run scripts/test, which installs it");
    let child = Command::new(exe)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--remote-debugging-port=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(url)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    Guard(child)
}

#[test]
fn headless_chromium_follows_template_changes_and_errors() {
    let dir = tempdir("preview-e2e");
    let tpl = TemplateCopy::export(dir.join("tpl"));
    let data = dir.join("seed.json");
    std::fs::copy(root().join("samples/seed.json"), &data).unwrap();
    let (_preview, port, _log) =
        start_preview(&[data.to_str().unwrap(), "--templates", tpl.arg(), "--port", "0"]);
    let _browser = chromium(&format!("http://127.0.0.1:{port}/?beacon=1"), &dir.join("profile"));
    let beacon = || -> serde_json::Value {
        serde_json::from_str(&get(port, "/beacon")).unwrap_or(serde_json::Value::Null)
    };
    let text = |b: &serde_json::Value| b["text"].as_str().unwrap_or_default().to_string();
    let overlay = |b: &serde_json::Value| b["overlay"].as_str().unwrap_or_default().to_string();
    wait_for("the first pages in the browser", || text(&beacon()).contains("一、总体情况"));

    // A template change appears in the page by itself.
    tpl.insert_before_title("#para[预览测试甲]");
    wait_for("the changed text", || text(&beacon()).contains("预览测试甲"));

    // A broken template shows the error overlay and keeps the last good pages.
    tpl.insert_before_title("#para[预览测试乙");
    wait_for("the error overlay", || {
        let b = beacon();
        overlay(&b).contains("report.typ") && text(&b).contains("预览测试甲")
    });

    // Fixing it clears the overlay.
    tpl.insert_before_title("#para[预览测试丙]");
    wait_for("the overlay to clear", || {
        let b = beacon();
        overlay(&b).is_empty() && text(&b).contains("预览测试丙")
    });
}

#[test]
fn a_second_preview_on_a_busy_port_takes_the_next_one() {
    let data = root().join("samples/seed.json");
    let (_a, port, _) = start_preview(&[data.to_str().unwrap(), "--port", "0"]);
    let port_str = port.to_string();
    let (_b, port2, log) = start_preview(&[data.to_str().unwrap(), "--port", &port_str]);
    assert_ne!(port, port2);
    assert!(log.iter().any(|l| l.contains(&format!("端口 {port} 已被占用"))), "{log:?}");
    // Both serve the pages; only changed pages are fetched by hash.
    let state: serde_json::Value = serde_json::from_str(&get(port2, "/state")).unwrap();
    let hash = state["pages"][0]["hash"].as_str().unwrap();
    assert!(get(port2, &format!("/page/{hash}.svg")).starts_with("<svg"));
}

#[test]
fn only_changed_pages_are_exported_again() {
    let dir = tempdir("preview-diff");
    let data = dir.join("county.json");
    std::fs::copy(root().join("samples/county-department.json"), &data).unwrap();
    let mut session = nianbao::preview::Session::new(options(), data.clone()).unwrap();
    let first = session.update(nianbao::preview::Change::Initial);
    assert!(first.errors.is_empty(), "{:#?}", first.errors);
    assert_eq!(first.changed_pages, first.pages);
    // Nothing changed: no page is exported again.
    let same = session.update(nianbao::preview::Change::Data);
    assert_eq!(same.changed_pages, 0);
    // A change in table 四 (page 5 of 6) leaves the pages before it untouched.
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&data).unwrap()).unwrap();
    v["appeals"]["review"]["upheld"] = 4.into();
    v["appeals"]["review"]["total"] = 8.into();
    write(&data, &v.to_string());
    let changed = session.update(nianbao::preview::Change::Data);
    assert!(changed.errors.is_empty(), "{:#?}", changed.errors);
    assert!(changed.changed_pages >= 1 && changed.changed_pages < changed.pages, "{changed:?}");
    // Invalid data: an error, and the last good pages stay.
    write(&data, "{ broken");
    let broken = session.update(nianbao::preview::Change::Data);
    assert!(!broken.errors.is_empty());
    assert_eq!(broken.pages, changed.pages);
}

#[test]
fn ctrl_c_stops_the_preview_cleanly() {
    let data = root().join("samples/seed.json");
    let (mut preview, port, _) = start_preview(&[data.to_str().unwrap(), "--port", "0"]);
    // A browser tab stays connected to the event stream.
    let mut events = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(events, "GET /events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    Command::new("kill").args(["-INT", &preview.0.id().to_string()]).status().unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = preview.0.try_wait().unwrap() {
            assert!(status.success(), "{status:?}");
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "preview did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    }
}
