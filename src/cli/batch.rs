//! `nianbao batch`: many reports in one process, with a progress bar on a terminal, plain
//! periodic lines otherwise, a summary at the end, and a clean stop on Ctrl-C.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use nianbao::batch::{self, BatchOptions, JobResult, JobStatus, Reporter, Summary};

use super::args::{BatchArgs, BatchFormatArg};
use super::render::build_renderer;
use super::{Status, print_diagnostics, say};

static CANCEL: AtomicBool = AtomicBool::new(false);

/// Progress on a terminal: an indicatif bar with count, rate and ETA.
struct Bar(ProgressBar);

impl Reporter for Bar {
    fn on_start(&self, total: usize) {
        self.0.set_length(total as u64);
    }
    fn on_result(&self, result: &JobResult) {
        if result.status == JobStatus::Failed {
            self.0.println(format!("失败：{}", result.input));
        }
        self.0.inc(1);
    }
}

/// Progress when stderr is not a terminal: one plain line every few seconds.
struct Lines {
    total: Mutex<(usize, usize, Instant, Instant)>,
}

impl Reporter for Lines {
    fn on_start(&self, total: usize) {
        let now = Instant::now();
        *self.total.lock().unwrap() = (total, 0, now, now);
    }
    fn on_result(&self, _: &JobResult) {
        let mut t = self.total.lock().unwrap();
        t.1 += 1;
        let (total, done, start, last) = *t;
        if last.elapsed() >= Duration::from_secs(5) || done == total {
            t.3 = Instant::now();
            let rate = done as f64 / start.elapsed().as_secs_f64().max(1e-9);
            say(&format!("进度 {done}/{total}（{rate:.1} 份/秒）"));
        }
    }
}

/// Run `nianbao batch`.
pub fn batch(args: &BatchArgs) -> Status {
    let _ = ctrlc::set_handler(|| {
        if CANCEL.swap(true, Ordering::SeqCst) {
            // A second Ctrl-C: stop at once (outputs are renamed into place, never partial).
            std::process::exit(130);
        }
        eprintln!("\n正在停止：不再开始新的报告，等待进行中的完成……（再按一次 Ctrl-C 立即退出）");
    });
    let mut sources = match batch::expand(&args.inputs) {
        Ok(s) => s,
        Err(d) => {
            print_diagnostics(&[*d]);
            return Status::Failure;
        }
    };
    if let Some((k, n)) = args.shard {
        sources = batch::shard(sources, k, n);
    }
    let renderer = match build_renderer(
        &args.fonts,
        args.inputs.first().map(std::path::Path::new),
        args.templates.clone(),
        nianbao::Style::default(),
        &args.pdf,
        args.creation_timestamp,
    ) {
        Ok(r) => r,
        Err(status) => return status,
    };
    let batch_options = BatchOptions {
        out_dir: args.output.clone(),
        pattern: args.name.clone(),
        allow_invalid: args.allow_invalid,
        previous_dir: args.previous_dir.clone(),
        narratives: args.narratives.clone(),
        force: args.force,
        jobs: args.jobs,
        formats: args
            .format
            .iter()
            .map(|f| match f {
                BatchFormatArg::Pdf => nianbao::OutputFormat::Pdf,
                BatchFormatArg::Html => {
                    nianbao::OutputFormat::Html { fragment: args.html_fragment }
                }
                BatchFormatArg::Docx => nianbao::OutputFormat::Docx,
            })
            .collect(),
    };
    let summary = if args.quiet {
        batch::run(&renderer, sources, &batch_options, &batch::Silent, &CANCEL)
    } else if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(0).with_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} 剩余 {eta}")
                .expect("valid template"),
        );
        let summary = batch::run(&renderer, sources, &batch_options, &Bar(bar.clone()), &CANCEL);
        bar.finish_and_clear();
        summary
    } else {
        let now = Instant::now();
        let lines = Lines { total: Mutex::new((0, 0, now, now)) };
        batch::run(&renderer, sources, &batch_options, &lines, &CANCEL)
    };
    report(&summary, args, &batch_options.formats)
}

fn report(summary: &Summary, args: &BatchArgs, formats: &[nianbao::OutputFormat]) -> Status {
    print_diagnostics(&summary.errors);
    let failures: Vec<&JobResult> =
        summary.results.iter().filter(|r| r.status == JobStatus::Failed).collect();
    for f in &failures {
        let first = f.findings.iter().find(|d| d.is_error()).or(f.findings.first());
        let why =
            first.map_or("未知原因".to_string(), |d| format!("[{}] {}", d.code, d.message));
        say(&format!("失败：{} — {why}", f.input));
    }
    let secs = summary.duration.as_secs_f64();
    let rendered = summary.count(JobStatus::Rendered);
    say(&format!(
        "已渲染 {rendered}，已是最新 {}，失败 {}{}；用时 {secs:.1} 秒（{:.1} 份/秒）",
        summary.count(JobStatus::UpToDate),
        failures.len(),
        if summary.cancelled {
            format!("，中断未做 {}", summary.count(JobStatus::Cancelled))
        } else {
            String::new()
        },
        rendered as f64 / secs.max(1e-9),
    ));
    if let Some(path) = &args.summary {
        // Measured before the summary is written: the figure is the batch's.
        let peak = batch::peak_rss();
        let top = SummaryFile {
            rendered,
            up_to_date: summary.count(JobStatus::UpToDate),
            failed: failures.len(),
            cancelled: summary.count(JobStatus::Cancelled),
            duration_ms: secs * 1000.0,
            reports_per_second: rendered as f64 / secs.max(1e-9),
            peak_rss_bytes: peak,
            errors: summary.errors.iter().map(nianbao::Diagnostic::to_json).collect(),
            reports: Rows { results: &summary.results, formats },
        };
        // Streamed to the file row by row: 10,000 reports never sit in memory as JSON.
        let written = nianbao::output::write_atomic_with(path, |out| {
            serde_json::to_writer_pretty(out, &top).map_err(std::io::Error::other)
        });
        if let Err(e) = written {
            say(&format!("错误：无法写入汇总 {}：{e}", path.display()));
            return Status::Error;
        }
    }
    if summary.failed() { Status::Failure } else { Status::Success }
}

/// The `--summary` file.
#[derive(serde::Serialize)]
struct SummaryFile<'a> {
    rendered: usize,
    up_to_date: usize,
    failed: usize,
    cancelled: usize,
    duration_ms: f64,
    reports_per_second: f64,
    peak_rss_bytes: Option<u64>,
    errors: Vec<serde_json::Value>,
    reports: Rows<'a>,
}

/// The reports of a summary, each made into JSON only as it is written.
struct Rows<'a> {
    results: &'a [JobResult],
    formats: &'a [nianbao::OutputFormat],
}

impl serde::Serialize for Rows<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.results.iter().map(|r| row(r, self.formats)))
    }
}

/// One report's row: its files, status, unit, key figures and rates, and findings.
fn row(r: &JobResult, formats: &[nianbao::OutputFormat]) -> serde_json::Value {
    let organization = r.unit.as_ref().map(|u| u.organization.as_str());
    let findings: Vec<_> = r
        .findings
        .iter()
        .map(|d| {
            let mut v = d.to_json();
            v["organization"] = serde_json::json!(organization);
            v
        })
        .collect();
    let f = r.unit.as_ref().map(|u| u.figures);
    serde_json::json!({
        "input": r.input,
        "output": r.output,
        "outputs": r.output.as_deref().map(|o| batch::outputs_for(o, formats)),
        "status": format!("{:?}", r.status).to_lowercase(),
        "pages": r.pages,
        "bytes": r.bytes,
        "duration_ms": r.duration.as_secs_f64() * 1000.0,
        "organization": organization,
        "level": r.unit.as_ref().and_then(|u| u.level),
        "figures": f,
        "disclosure_rate": f.and_then(|f| f.disclosure_rate()),
        "review_correction_rate": f.and_then(|f| f.review_correction_rate()),
        "litigation_correction_rate": f.and_then(|f| f.litigation_correction_rate()),
        "defects": r.findings.iter().filter(|d| d.is_defect()).count(),
        "findings": findings,
    })
}
