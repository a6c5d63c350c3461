//! A minimal client of `nianbao preview`, shared by the preview tests and benchmark: the
//! port from its start-up line, and plain HTTP GETs.

use std::io::{Read, Write};
use std::net::TcpStream;

/// The port in the line where preview says where it serves (`http://127.0.0.1:PORT/`).
pub fn port_in(line: &str) -> Option<u16> {
    line.split("http://127.0.0.1:").nth(1)?.split('/').next()?.parse().ok()
}

/// GET `path` from the preview server; the response body.
pub fn get(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default()
}
