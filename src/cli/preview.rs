//! `nianbao preview`: serve the live preview and print one status line per update.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use nianbao::RendererOptions;
use nianbao::preview::watch::Watcher;
use nianbao::preview::{self, Change, Server, Session, Update};

use super::args::PreviewArgs;
use super::render::font_options;
use super::{Status, print_diagnostics, say};

/// `hh:mm:ss` (UTC) for status lines.
fn clock() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!("{:02}:{:02}:{:02}", secs / 3600 % 24, secs / 60 % 60, secs % 60)
}

fn status(u: &Update) {
    let ms = u.duration.as_secs_f64() * 1000.0;
    if u.errors.is_empty() {
        say(&format!(
            "[{}] {} → 用时 {ms:.0} ms，{} 页（{} 页有变化）",
            clock(),
            u.change.label(),
            u.pages,
            u.changed_pages
        ));
    } else {
        print_diagnostics(&u.errors);
        say(&format!(
            "[{}] {} → 出错，页面保留上次的结果（{ms:.0} ms）",
            clock(),
            u.change.label()
        ));
    }
}

/// Run `nianbao preview`.
pub fn preview(args: &PreviewArgs) -> Status {
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        let _ = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst));
    }
    let fonts = match font_options(&args.fonts, Some(&args.report)) {
        Ok(f) => f,
        Err(d) => {
            print_diagnostics(&[*d]);
            return Status::Error;
        }
    };
    let options = RendererOptions {
        templates: args.templates.as_ref().map(|t| t.canonicalize().unwrap_or(t.clone())),
        fonts: {
            let mut f = fonts;
            f.font_paths =
                f.font_paths.iter().map(|p| p.canonicalize().unwrap_or(p.clone())).collect();
            f
        },
        ..Default::default()
    };
    let report = args.report.canonicalize().unwrap_or(args.report.clone());
    let mut session = match Session::new(options, report) {
        Ok(s) => s,
        Err(d) => {
            print_diagnostics(&[*d]);
            return Status::Error;
        }
    };
    let (listener, moved) = match preview::bind(&args.host, args.port) {
        Ok(l) => l,
        Err(e) => {
            say(&format!("错误：无法监听 {}:{}：{e}", args.host, args.port));
            return Status::Error;
        }
    };
    let port = listener.local_addr().map_or(args.port, |a| a.port());
    if moved {
        say(&format!("端口 {} 已被占用，改用 {port}", args.port));
    }
    let host = if args.host.contains(':') { format!("[{}]", args.host) } else { args.host.clone() };
    let url = format!("http://{host}:{port}/");
    status(&session.update(Change::Initial));
    let server = match Server::start(listener, &args.host, session.handle()) {
        Ok(s) => s,
        Err(e) => {
            say(&format!("错误：无法启动预览服务：{e}"));
            return Status::Error;
        }
    };
    say(&format!("预览地址：{url}（Ctrl-C 退出）"));
    if args.open {
        let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
    }
    let (files, dirs) = session.watched();
    let mut watcher = Watcher::new(files, dirs);
    // Between polls the session renders the downloads the server asked for.
    while let Some(changed) = watcher.wait(|| {
        session.serve_jobs();
        stop.load(Ordering::Relaxed)
    }) {
        let change = preview::classify(&changed, session.options());
        status(&session.update(change));
    }
    server.stop();
    say("预览已停止");
    Status::Success
}
