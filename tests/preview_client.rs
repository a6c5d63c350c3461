//! A client of `nianbao preview`, shared by the preview tests and the benchmark: start the
//! preview and learn its port, plain HTTP requests, and a real Chromium driven through
//! `tests/browser/preview-driver.mjs` (playwright-core), one JSON command a line.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

/// The port in the line where preview says where it serves (`http://127.0.0.1:PORT/`).
pub fn port_in(line: &str) -> Option<u16> {
    line.split("http://127.0.0.1:").nth(1)?.split('/').next()?.parse().ok()
}

/// A response: status, header block, body.
pub struct Response {
    pub status: u16,
    pub headers: String,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// A header's value (name case-insensitive).
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// GET `path` from the preview with the given `Host` header (HTTP/1.1, connection closed).
pub fn request(port: u16, path: &str, host: &str) -> Response {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head");
    let headers = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = headers.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut body = raw[split + 4..].to_vec();
    if headers.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        body = dechunk(&body);
    }
    Response { status, headers, body }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = raw.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(std::str::from_utf8(&raw[..eol]).unwrap().trim(), 16)
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&raw[eol + 2..eol + 2 + size]);
        raw = &raw[eol + 2 + size + 2..];
    }
    out
}

/// GET `path` from the preview (as a browser on 127.0.0.1 would); the body.
pub fn get(port: u16, path: &str) -> String {
    request(port, path, &format!("127.0.0.1:{port}")).text()
}

/// A child process killed when dropped (also when a test fails).
pub struct Guard(pub Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Start `nianbao preview` with `args` (and bundled fonts only); the process, its port and
/// the lines it printed before serving.
pub fn start_preview(args: &[&str]) -> (Guard, u16, Vec<String>) {
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
                // Keep draining its output so it never blocks on a full pipe.
                std::thread::spawn(move || for _ in rx {});
                return (child, port, seen);
            }
        }
    }
    panic!("preview did not start: {seen:?}");
}

/// Chromium driven by `tests/browser/preview-driver.mjs`.
pub struct Browser {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

impl Browser {
    /// Launch headless Chromium (a fresh profile) through playwright-core.
    pub fn launch(root: &Path) -> Self {
        let dir = root.join("tests/browser");
        assert!(
            dir.join("node_modules/playwright-core").exists(),
            "playwright-core is not installed: run scripts/test (it runs npm ci in tests/browser)"
        );
        let mut child = Command::new("node")
            .arg(dir.join("preview-driver.mjs"))
            .current_dir(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("node is not installed: run scripts/test, which needs node 20");
        let input = child.stdin.take().unwrap();
        let output = BufReader::new(child.stdout.take().unwrap());
        Self { child, input, output }
    }

    /// Send one command; its answer. Panics when the driver reports an error.
    pub fn call(&mut self, command: serde_json::Value) -> serde_json::Value {
        writeln!(self.input, "{command}").unwrap();
        let mut line = String::new();
        self.output.read_line(&mut line).unwrap();
        let answer: serde_json::Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("driver said {line:?} to {command}: {e}"));
        if let Some(error) = answer.get("error") {
            panic!("browser driver failed on {command}: {}", error.as_str().unwrap_or_default());
        }
        answer
    }
}

impl Drop for Browser {
    /// Close Chromium through the driver (killing node would orphan it), then end node.
    fn drop(&mut self) {
        let _ = writeln!(self.input, "{}", serde_json::json!({ "cmd": "close" }));
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
