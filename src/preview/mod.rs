//! Live preview: one long-lived renderer re-renders a report when its data, a template or a
//! font changes, keeps the last good pages when something breaks, and serves the pages as
//! SVG to a browser on 127.0.0.1 with server-sent events. Only pages whose content changed
//! are re-sent (a hash per page). Status goes to a callback; nothing here prints.

pub mod watch;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::diag::Diagnostic;
use crate::{Renderer, RendererOptions};

/// What changed since the last update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// The first render.
    Initial,
    /// The report's data file.
    Data,
    /// A template or an imported `.typ` file.
    Template,
    /// A font file in `--font-path`.
    Font,
}

impl Change {
    /// The change's name for the status line.
    pub fn label(self) -> &'static str {
        match self {
            Change::Initial => "首次渲染",
            Change::Data => "数据已更改",
            Change::Template => "模板已更改",
            Change::Font => "字体已更改",
        }
    }
}

/// Classify changed paths: font files, template files (below the template folder), data.
pub fn classify(changed: &[PathBuf], options: &RendererOptions) -> Change {
    let under = |p: &Path, dirs: &[PathBuf]| dirs.iter().any(|d| p.starts_with(d));
    let mut change = Change::Data;
    for p in changed {
        if under(p, &options.fonts.font_paths) {
            return Change::Font;
        }
        if options.templates.as_ref().is_some_and(|t| p.starts_with(t)) {
            change = Change::Template;
        }
    }
    change
}

/// One page as the browser sees it.
#[derive(Debug, Clone)]
pub struct PageView {
    /// Content hash; the SVG is served at `/page/{hash}.svg`.
    pub hash: String,
    /// The page's text, for search and accessibility.
    pub text: String,
}

/// What the browser shows.
#[derive(Debug, Clone, Default)]
pub struct View {
    /// Bumped on every update.
    pub version: u64,
    /// The last good pages.
    pub pages: Vec<PageView>,
    /// Errors of the last attempt (shown as an overlay over the last good pages).
    pub errors: Vec<Diagnostic>,
    /// Validation findings and warnings of the last good render.
    pub findings: Vec<Diagnostic>,
}

/// The outcome of one update.
#[derive(Debug, Clone)]
pub struct Update {
    /// What changed.
    pub change: Change,
    /// Time to load, template, compile and export the changed pages.
    pub duration: Duration,
    /// Page count (of the last good render).
    pub pages: usize,
    /// How many pages are new or changed.
    pub changed_pages: usize,
    /// The errors, if the update failed.
    pub errors: Vec<Diagnostic>,
}

/// A preview session: the renderer, the report file, and the served state.
pub struct Session {
    options: RendererOptions,
    report: PathBuf,
    renderer: Renderer,
    shared: Arc<Shared>,
}

/// State shared with the HTTP server.
pub struct Shared {
    view: Mutex<View>,
    svgs: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    changed: Condvar,
    beacon: Mutex<String>,
}

impl Session {
    /// Start a session: build the renderer (fonts, templates) once.
    pub fn new(options: RendererOptions, report: PathBuf) -> Result<Self, Box<Diagnostic>> {
        let mut renderer = Renderer::new(&options)?;
        renderer.set_evict_max_age(10);
        renderer.set_incremental(true);
        let shared = Arc::new(Shared {
            view: Mutex::new(View::default()),
            svgs: Mutex::new(HashMap::new()),
            changed: Condvar::new(),
            beacon: Mutex::new(String::new()),
        });
        Ok(Self { options, report, renderer, shared })
    }

    /// The renderer options.
    pub fn options(&self) -> &RendererOptions {
        &self.options
    }

    /// The state the server serves.
    pub fn shared(&self) -> Arc<Shared> {
        self.shared.clone()
    }

    /// Files and folders to watch: the data file, the template folder, the font folders.
    pub fn watched(&self) -> (Vec<PathBuf>, Vec<PathBuf>) {
        let mut dirs: Vec<PathBuf> = self.options.templates.iter().cloned().collect();
        dirs.extend(self.options.fonts.font_paths.iter().cloned());
        (vec![self.report.clone()], dirs)
    }

    /// Re-render after a change. Errors never end the session: they are shown over the last
    /// good pages until fixed.
    pub fn update(&mut self, change: Change) -> Update {
        let start = Instant::now();
        let mut errors = Vec::new();
        match change {
            Change::Font => match Renderer::new(&self.options) {
                Ok(mut r) => {
                    r.set_evict_max_age(10);
                    r.set_incremental(true);
                    self.renderer = r;
                }
                Err(d) => errors.push(*d),
            },
            Change::Template => {
                if let Err(d) = self.renderer.reload_templates() {
                    errors.push(*d);
                }
            }
            Change::Initial | Change::Data => {}
        }
        let mut changed_pages = 0;
        let mut findings = Vec::new();
        if errors.is_empty() {
            match crate::input::load(&self.report) {
                Err(d) => errors.extend(d),
                Ok(loaded) => {
                    let report = loaded.report;
                    let name = self.report.display().to_string();
                    findings = loaded.findings;
                    findings.extend(crate::check::validate(&report, None, &name));
                    let laid = self.renderer.layout(&report);
                    let (errs, warns): (Vec<_>, Vec<_>) =
                        laid.diagnostics.into_iter().partition(Diagnostic::is_error);
                    findings.extend(warns);
                    match laid.doc {
                        Some(doc) if errs.is_empty() => {
                            changed_pages = self.publish(&doc);
                        }
                        _ => errors.extend(errs),
                    }
                }
            }
        }
        let mut view = self.shared.view.lock().expect("not poisoned");
        view.version += 1;
        if errors.is_empty() {
            view.findings = findings;
        }
        view.errors.clone_from(&errors);
        let pages = view.pages.len();
        drop(view);
        self.shared.changed.notify_all();
        Update { change, duration: start.elapsed(), pages, changed_pages, errors }
    }

    /// Export the pages whose hash is new; returns how many there were.
    fn publish(&self, doc: &typst_layout::PagedDocument) -> usize {
        let runs = crate::render::layout::lines(&crate::render::layout::text_runs(doc));
        let mut svgs = self.shared.svgs.lock().expect("not poisoned");
        let mut pages = Vec::new();
        let mut changed = 0;
        for (i, page) in doc.pages().iter().enumerate() {
            let hash = format!("{:032x}", drawn_hash(page));
            if !svgs.contains_key(&hash) {
                let svg = typst_svg::svg(page, &typst_svg::SvgOptions::default());
                svgs.insert(hash.clone(), Arc::new(svg.into_bytes()));
                changed += 1;
            }
            let text: Vec<&str> =
                runs.iter().filter(|r| r.page == i + 1).map(|r| r.text.as_str()).collect();
            pages.push(PageView { hash, text: text.join("\n") });
        }
        // Keep the cache to the pages in use (plus the previous ones, which the browser may
        // still be loading).
        let old: Vec<String> = self
            .shared
            .view
            .lock()
            .expect("not poisoned")
            .pages
            .iter()
            .map(|p| p.hash.clone())
            .collect();
        svgs.retain(|h, _| pages.iter().any(|p| &p.hash == h) || old.contains(h));
        drop(svgs);
        self.shared.view.lock().expect("not poisoned").pages = pages;
        changed
    }
}

/// Bind to `host:port`, or the next free port (up to 50 further). Returns the listener and
/// whether it had to move.
pub fn bind(host: &str, port: u16) -> std::io::Result<(TcpListener, bool)> {
    let mut last = None;
    for p in port..port.saturating_add(50) {
        match TcpListener::bind((host, p)) {
            Ok(l) => return Ok((l, p != port)),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no port")))
}

/// Serve the preview until `stop` is set.
pub fn serve(listener: TcpListener, shared: Arc<Shared>, stop: Arc<AtomicBool>) {
    let _ = listener.set_nonblocking(true);
    while !stop.load(Ordering::Relaxed) {
        match listener.accept() {
            Ok((stream, _)) => {
                let shared = shared.clone();
                let stop = stop.clone();
                std::thread::spawn(move || {
                    let _ = handle(stream, &shared, &stop);
                });
            }
            Err(_) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
    shared.changed.notify_all();
}

fn respond(stream: &mut TcpStream, status: &str, kind: &str, body: &[u8]) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)
}

fn handle(mut stream: TcpStream, shared: &Shared, stop: &AtomicBool) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
    }
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let path = target.split('?').next().unwrap_or("/");
    match (method, path) {
        ("GET", "/") => respond(&mut stream, "200 OK", "text/html; charset=utf-8", PAGE.as_bytes()),
        ("GET", "/state") => {
            let body = state_json(&shared.view.lock().expect("not poisoned"));
            respond(&mut stream, "200 OK", "application/json; charset=utf-8", body.as_bytes())
        }
        ("GET", p) if p.starts_with("/page/") && p.ends_with(".svg") => {
            let hash = &p["/page/".len()..p.len() - 4];
            let svg = shared.svgs.lock().expect("not poisoned").get(hash).cloned();
            match svg {
                Some(svg) => respond(&mut stream, "200 OK", "image/svg+xml", &svg),
                None => respond(&mut stream, "404 Not Found", "text/plain", b"gone"),
            }
        }
        ("GET", "/events") => {
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n\r\n"
            )?;
            let mut seen = u64::MAX;
            loop {
                let view = shared.view.lock().expect("not poisoned");
                let (view, _) = shared
                    .changed
                    .wait_timeout_while(view, Duration::from_secs(15), |v| {
                        v.version == seen && !stop.load(Ordering::Relaxed)
                    })
                    .expect("not poisoned");
                if stop.load(Ordering::Relaxed) {
                    return Ok(());
                }
                let version = view.version;
                drop(view);
                if version == seen {
                    // Keep-alive comment; also notices a closed browser tab.
                    stream.write_all(b": ping\n\n")?;
                } else {
                    write!(stream, "event: update\ndata: {version}\n\n")?;
                    seen = version;
                }
                stream.flush()?;
            }
        }
        ("POST", "/beacon") => {
            let mut body = vec![0; length.min(1 << 20)];
            reader.read_exact(&mut body)?;
            *shared.beacon.lock().expect("not poisoned") =
                String::from_utf8_lossy(&body).into_owned();
            respond(&mut stream, "204 No Content", "text/plain", b"")
        }
        ("GET", "/beacon") => {
            let body = shared.beacon.lock().expect("not poisoned").clone();
            respond(&mut stream, "200 OK", "application/json; charset=utf-8", body.as_bytes())
        }
        _ => respond(&mut stream, "404 Not Found", "text/plain", b"not found"),
    }
}

fn state_json(view: &View) -> String {
    let diag = |d: &Diagnostic| {
        let mut j = d.to_json();
        j["text"] = serde_json::Value::String(d.to_string());
        j
    };
    serde_json::json!({
        "version": view.version,
        "pages": view.pages.iter().map(|p| serde_json::json!({ "hash": p.hash, "text": p.text })).collect::<Vec<_>>(),
        "errors": view.errors.iter().map(diag).collect::<Vec<_>>(),
        "findings": view.findings.iter().map(diag).collect::<Vec<_>>(),
    })
    .to_string()
}

/// The preview page: pages scaled to the window, an error overlay, findings beside the pages.
const PAGE: &str = r#"<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>nianbao 预览</title>
<style>
 body { margin: 0; background: #777; font: 14px/1.5 sans-serif; display: flex; }
 #pages { flex: 1; display: flex; flex-direction: column; align-items: center; gap: 12px; padding: 12px; }
 .page { width: min(100%, 900px); background: white; box-shadow: 0 1px 6px #0006; position: relative; }
 .page img { width: 100%; display: block; }
 .page .text { position: absolute; left: -100000px; top: 0; white-space: pre; }
 #side { width: 320px; background: #f4f4f4; padding: 12px; height: 100vh; overflow: auto; position: sticky; top: 0; box-sizing: border-box; }
 #side li { margin-bottom: 8px; white-space: pre-wrap; }
 .error { color: #b00; } .warning { color: #a60; }
 #overlay { display: none; position: fixed; left: 12px; right: 344px; top: 12px; background: #fff0f0ee; color: #900;
   border: 2px solid #c00; padding: 12px; white-space: pre-wrap; font-family: monospace; max-height: 60vh; overflow: auto; z-index: 9; }
</style></head>
<body><div id="pages"></div><div id="side"><b>检查结果</b><ul id="findings"></ul></div><div id="overlay"></div>
<script>
const beacon = new URLSearchParams(location.search).has('beacon');
const pagesEl = document.getElementById('pages');
async function refresh() {
  const state = await (await fetch('/state', {cache: 'no-store'})).json();
  const overlay = document.getElementById('overlay');
  if (state.errors.length) {
    overlay.textContent = state.errors.map(e => e.text).join('\n\n');
    overlay.style.display = 'block';
  } else {
    overlay.textContent = '';
    overlay.style.display = 'none';
  }
  // Replace only the pages whose hash changed; the scroll position stays where it is.
  state.pages.forEach((p, i) => {
    let el = pagesEl.children[i];
    if (!el) {
      el = document.createElement('div'); el.className = 'page';
      el.innerHTML = '<img alt=""><div class="text"></div>';
      pagesEl.appendChild(el);
    }
    if (el.dataset.hash !== p.hash) {
      el.dataset.hash = p.hash;
      el.querySelector('img').src = '/page/' + p.hash + '.svg';
      el.querySelector('.text').textContent = p.text;
    }
  });
  while (pagesEl.children.length > state.pages.length) pagesEl.lastChild.remove();
  const list = document.getElementById('findings');
  list.innerHTML = '';
  for (const f of state.findings) {
    const li = document.createElement('li');
    li.className = f.severity; li.textContent = f.text; list.appendChild(li);
  }
  if (!state.findings.length) list.innerHTML = '<li>没有发现问题</li>';
  if (beacon) {
    const text = [...pagesEl.querySelectorAll('.text')].map(t => t.textContent).join('\n');
    navigator.sendBeacon('/beacon', JSON.stringify({version: state.version, text, overlay: overlay.textContent}));
  }
}
const events = new EventSource('/events');
events.addEventListener('update', refresh);
refresh();
</script></body></html>
"#;

/// A hash of what a page draws: its fill, and its frame's items at their absolute
/// positions. Introspection tags (where elements are, not what is drawn) and the nesting
/// of plain groups are left out: both may change while the drawing does not, e.g. when
/// a template stops measuring a table it measured before.
fn drawn_hash(page: &typst_layout::Page) -> u128 {
    use typst::layout::{Frame, FrameItem, Point};
    fn walk(frame: &Frame, at: Point, out: &mut Vec<u128>) {
        for (pos, item) in frame.items() {
            let pos = at + *pos;
            match item {
                FrameItem::Tag(_) => {}
                FrameItem::Group(g) if g.transform.is_identity() && g.clip.is_none() => {
                    walk(&g.frame, pos, out);
                }
                FrameItem::Group(g) => {
                    out.push(typst::utils::hash128(&(pos, &g.transform, &g.clip)));
                    let mut inner = Vec::new();
                    walk(&g.frame, Point::zero(), &mut inner);
                    out.push(typst::utils::hash128(&inner));
                }
                _ => out.push(typst::utils::hash128(&(pos, item))),
            }
        }
    }
    let mut items = vec![typst::utils::hash128(&(&page.fill, page.frame.size()))];
    walk(&page.frame, Point::zero(), &mut items);
    typst::utils::hash128(&items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_classified() {
        let mut o = RendererOptions { templates: Some("/t".into()), ..Default::default() };
        o.fonts.font_paths = vec!["/f".into()];
        assert_eq!(classify(&["/d/r.json".into()], &o), Change::Data);
        assert_eq!(classify(&["/t/lib/x.typ".into()], &o), Change::Template);
        assert_eq!(classify(&["/t/a.typ".into(), "/f/a.otf".into()], &o), Change::Font);
    }
}
