//! The preview's HTTP server: axum (hyper, HTTP/1.1) on its own thread with a
//! single-threaded tokio runtime. Routes: the page (with the current pages inline), its
//! script and style, server-sent events with per-tab differences, `/state` (JSON),
//! `/page/{hash}.svg` (a page as typst's SVG) and `/download/{format}`. Every request
//! must name this server in its `Host` header (against DNS rebinding).

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream};
use tokio::sync::{oneshot, watch};

use super::assets;
use super::hosts::Hosts;
use super::session::{DOWNLOAD_TIMEOUT, DOWNLOADS, Handle, Job};
use super::update::Client;

/// Bind to `host:port`, or the next free port (up to 50 further; port 0 picks any).
/// Returns the listener and whether it had to move.
pub fn bind(host: &str, port: u16) -> std::io::Result<(TcpListener, bool)> {
    let mut last = None;
    for p in port..port.saturating_add(50) {
        match TcpListener::bind((host, p)) {
            Ok(l) => return Ok((l, p != port)),
            Err(e) => last = Some(e),
        }
        if port == 0 {
            break;
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no port")))
}

/// A running server; [`Server::stop`] ends it.
pub struct Server {
    addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    thread: std::thread::JoinHandle<()>,
}

impl Server {
    /// Serve `handle`'s session on `listener` (from [`bind`]); `host` is what the user
    /// asked to bind to, which the `Host` header may name besides the address.
    pub fn start(listener: TcpListener, host: &str, handle: Handle) -> std::io::Result<Self> {
        let addr = listener.local_addr()?;
        listener.set_nonblocking(true)?;
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let (shutdown, stopped) = watch::channel(false);
        let app = App { handle, hosts: Arc::new(Hosts::new(host, addr)), stopped };
        let thread = std::thread::Builder::new()
            .name("preview-http".into())
            .spawn(move || runtime.block_on(run(listener, app)))?;
        Ok(Self { addr, shutdown, thread })
    }

    /// The address served.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Close the event streams and stop serving (waits at most a couple of seconds).
    pub fn stop(self) {
        let _ = self.shutdown.send(true);
        let _ = self.thread.join();
    }
}

#[derive(Clone)]
struct App {
    handle: Handle,
    hosts: Arc<Hosts>,
    stopped: watch::Receiver<bool>,
}

/// Resolves once the server is told to stop.
async fn stopping(mut stopped: watch::Receiver<bool>) {
    let _ = stopped.wait_for(|s| *s).await;
}

async fn run(listener: TcpListener, app: App) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
    let stopped = app.stopped.clone();
    let router = Router::new()
        .route("/", get(page))
        .route("/preview.js", get(|| async { asset("text/javascript", assets::SCRIPT) }))
        .route("/preview.css", get(|| async { asset("text/css", assets::STYLE) }))
        .route("/events", get(events))
        .route("/state", get(state))
        .route("/page/{file}", get(page_svg))
        .route("/download/{format}", get(download))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .fallback(|| async { text(StatusCode::NOT_FOUND, "没有这个地址".into()) })
        .layer(from_fn_with_state(app.clone(), guard))
        .with_state(app);
    let serve = axum::serve(listener, router).with_graceful_shutdown(stopping(stopped.clone()));
    tokio::select! {
        _ = serve => {}
        // Connections that do not close by themselves (a download in flight) get 2 s.
        _ = async {
            stopping(stopped).await;
            tokio::time::sleep(Duration::from_secs(2)).await;
        } => {}
    }
}

/// Refuse requests for other hosts (DNS rebinding); mark every response as not to be
/// cached, sniffed, framed or referred.
async fn guard(State(app): State<App>, request: Request, next: Next) -> Response {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok());
    let authority = request.uri().authority().map(|a| a.as_str());
    let allowed =
        host.is_some_and(|h| app.hosts.allows(h)) && authority.is_none_or(|a| app.hosts.allows(a));
    let mut response = if allowed {
        next.run(request).await
    } else {
        text(StatusCode::FORBIDDEN, app.hosts.refusal())
    };
    let headers = response.headers_mut();
    for (name, value) in [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    response
}

fn text(status: StatusCode, message: String) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], message).into_response()
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind)], body).into_response()
}

/// The page, with the current state inline so the first pages need no further request.
async fn page(State(app): State<App>) -> Response {
    let snapshot = app.handle.snapshot.borrow().clone();
    let initial = snapshot.message(&mut Client::default());
    let html = assets::page(&initial, DOWNLOADS);
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, assets::CSP),
        ],
        html,
    )
        .into_response()
}

/// Server-sent events: one `update` per new snapshot with what this tab lacks. The query
/// says what the tab shows (`session`, `version`, `glyphs`); a tab of an earlier run gets
/// `reload`.
async fn events(
    State(app): State<App>,
    Query(query): Query<HashMap<String, String>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let mut snapshots = app.handle.snapshot.clone();
    let current = snapshots.borrow_and_update().clone();
    let number = |k: &str| query.get(k).and_then(|v| v.parse::<u64>().ok());
    let mut client = Client::default();
    let first = match query.get("session") {
        Some(s) if *s != current.session => Some(Event::default().event("reload").data("")),
        Some(_) if number("version") == Some(current.version) => {
            client = Client::showing(&current);
            None
        }
        _ => {
            let glyphs = number("glyphs").unwrap_or(0) as usize;
            client = Client::with_glyphs(glyphs);
            Some(Event::default().event("update").data(current.message(&mut client)))
        }
    };
    let stopped = app.stopped.clone();
    let stream = stream::unfold(
        (snapshots, client, stopped, first),
        |(mut snapshots, mut client, stopped, first)| async move {
            if let Some(event) = first {
                return Some((Ok(event), (snapshots, client, stopped, None)));
            }
            tokio::select! {
                changed = snapshots.changed() => changed.ok()?,
                _ = stopping(stopped.clone()) => return None,
            }
            let snapshot = snapshots.borrow_and_update().clone();
            let event = Event::default().event("update").data(snapshot.message(&mut client));
            Some((Ok(event), (snapshots, client, stopped, None)))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// The state as JSON: version, pages (hash, size, text), errors, findings.
async fn state(State(app): State<App>) -> Response {
    let body = app.handle.snapshot.borrow().state();
    ([(header::CONTENT_TYPE, "application/json; charset=utf-8")], body).into_response()
}

/// A page of the current state as typst's own SVG.
async fn page_svg(State(app): State<App>, Path(file): Path<String>) -> Response {
    let snapshot = app.handle.snapshot.borrow().clone();
    let Some(page) = file.strip_suffix(".svg").and_then(|h| snapshot.page(h)).cloned() else {
        return text(StatusCode::NOT_FOUND, "这一页已不在当前预览中".into());
    };
    let svg = tokio::task::spawn_blocking(move || {
        typst_svg::svg(&page.page, &typst_svg::SvgOptions::default())
    })
    .await;
    match svg {
        // Opened on its own, the SVG may not run or load anything.
        Ok(svg) => (
            [
                (header::CONTENT_TYPE, "image/svg+xml"),
                (header::CONTENT_SECURITY_POLICY, "default-src 'none'; img-src data:"),
            ],
            svg,
        )
            .into_response(),
        Err(_) => text(StatusCode::INTERNAL_SERVER_ERROR, "页面导出失败".into()),
    }
}

/// The current report rendered to a download format, as an attachment.
async fn download(State(app): State<App>, Path(format): Path<String>) -> Response {
    let Some(download) = DOWNLOADS.iter().find(|d| d.name == format) else {
        let names: Vec<&str> = DOWNLOADS.iter().map(|d| d.name).collect();
        return text(
            StatusCode::NOT_FOUND,
            format!("不能下载这种格式；可下载：{}", names.join("、")),
        );
    };
    let (reply, result) = oneshot::channel();
    if app.handle.jobs.send(Job::Download(download, reply)).is_err() {
        return text(StatusCode::SERVICE_UNAVAILABLE, "预览已停止".into());
    }
    match tokio::time::timeout(DOWNLOAD_TIMEOUT, result).await {
        Ok(Ok(Ok(file))) => {
            let disposition = format!(
                "attachment; filename=\"report.{}\"; filename*=UTF-8''{}",
                download.extension,
                percent_encode(&file.file_name)
            );
            let disposition = HeaderValue::from_str(&disposition)
                .unwrap_or(HeaderValue::from_static("attachment"));
            (
                [
                    (header::CONTENT_TYPE, HeaderValue::from_static(file.mime)),
                    (header::CONTENT_DISPOSITION, disposition),
                ],
                file.bytes,
            )
                .into_response()
        }
        Ok(Ok(Err(message))) => text(StatusCode::CONFLICT, message),
        Ok(Err(_)) => text(StatusCode::SERVICE_UNAVAILABLE, "预览已停止".into()),
        Err(_) => text(StatusCode::GATEWAY_TIMEOUT, "生成下载文件超时".into()),
    }
}

/// RFC 5987 percent-encoding of a file name (UTF-8).
fn percent_encode(name: &str) -> String {
    name.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_percent_encoded() {
        assert_eq!(percent_encode("年报 2024.pdf"), "%E5%B9%B4%E6%8A%A5%202024.pdf");
        assert_eq!(percent_encode("a\"b;c"), "a%22b%3Bc");
    }
}
