//! Batch rendering: many reports in one process over one renderer (fonts parsed and
//! templates compiled once), in parallel, with nothing lost. Expands inputs (folders, globs,
//! JSON Lines, JSON arrays), names outputs from a pattern, detects collisions up front,
//! skips outputs that are up to date (a manifest of content hashes), validates every report,
//! contains any failure (even a panic) to its own report, and stops cleanly when cancelled.
//! Progress goes to a [`Reporter`]; nothing here prints.

use std::collections::{BTreeMap, HashMap};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rayon::iter::{ParallelBridge, ParallelIterator};

use crate::diag::Diagnostic;
use crate::input::{self, Loaded};
use crate::model::Report;
use crate::output::{commit_temp, write_atomic, write_temp};
use crate::{Artifact, OutputFormat, Renderer};

/// The default output-name pattern.
pub const DEFAULT_PATTERN: &str = "{year}-{organization}.pdf";
/// The manifest of rendered outputs, kept in the output folder.
pub const MANIFEST: &str = ".nianbao-manifest.json";

/// One report to render: a file, or one entry of a JSON Lines file or JSON array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// How the report is named in messages: `a.json`, `all.jsonl:12`, `all.json[3]`.
    pub name: String,
    /// The file it comes from.
    pub file: PathBuf,
    /// The report's text, for entries of a bundle file (`None`: read `file`).
    pub text: Option<String>,
}

/// Expand command-line inputs: folders (searched recursively for .json/.yaml/.yml/.toml),
/// glob patterns, `.jsonl` files (one report a line), JSON files holding an array of
/// reports, and single report files. The result is sorted and free of duplicates.
pub fn expand(inputs: &[String]) -> Result<Vec<Source>, Box<Diagnostic>> {
    let mut files = Vec::new();
    for input in inputs {
        let path = PathBuf::from(input);
        if path.is_dir() {
            walk(&path, &mut files);
        } else if path.exists() {
            files.push(path);
        } else if input.contains(['*', '?', '[']) {
            let paths = glob::glob(input).map_err(|e| {
                Box::new(
                    Diagnostic::error("batch-input", format!("无效的通配符：{e}")).in_file(input),
                )
            })?;
            let mut matched: Vec<PathBuf> = paths.filter_map(Result::ok).collect();
            matched.retain(|p| p.is_file() || p.is_dir());
            if matched.is_empty() {
                return Err(Box::new(
                    Diagnostic::error("batch-input", "通配符没有匹配到任何文件").in_file(input),
                ));
            }
            for p in matched {
                if p.is_dir() { walk(&p, &mut files) } else { files.push(p) }
            }
        } else {
            return Err(Box::new(
                Diagnostic::error("batch-input", "文件或目录不存在").in_file(input),
            ));
        }
    }
    files.sort();
    files.dedup();
    let mut sources = Vec::new();
    for file in files {
        sources.extend(split_bundle(&file));
    }
    Ok(sources)
}

fn is_report_file(path: &Path) -> bool {
    input::is_input(path)
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out);
        } else if is_report_file(&path) {
            out.push(path);
        }
    }
}

/// One source per report: a `.jsonl` file gives one per non-empty line, a JSON file whose
/// top level is an array one per element; anything else is one report.
fn split_bundle(file: &Path) -> Vec<Source> {
    let single =
        || vec![Source { name: file.display().to_string(), file: file.to_path_buf(), text: None }];
    let ext = file.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("jsonl") => {
            let Ok(text) = std::fs::read_to_string(file) else { return single() };
            text.lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(i, l)| Source {
                    name: format!("{}:{}", file.display(), i + 1),
                    file: file.to_path_buf(),
                    text: Some(l.to_string()),
                })
                .collect()
        }
        Some("json") => {
            let Ok(text) = std::fs::read_to_string(file) else { return single() };
            if !text.trim_start().trim_start_matches('\u{feff}').starts_with('[') {
                return single();
            }
            match serde_json::from_str::<Vec<Box<serde_json::value::RawValue>>>(&text) {
                Ok(items) => items
                    .into_iter()
                    .enumerate()
                    .map(|(i, raw)| Source {
                        name: format!("{}[{i}]", file.display()),
                        file: file.to_path_buf(),
                        text: Some(raw.get().to_string()),
                    })
                    .collect(),
                // Let the loader report the syntax error with its position.
                Err(_) => single(),
            }
        }
        _ => single(),
    }
}

/// Keep the `k`-th (1-based) of `n` stable slices of the sources: a source's slice depends
/// only on its name, so slices are disjoint, cover the set, and stay put as files are added.
pub fn shard(sources: Vec<Source>, k: usize, n: usize) -> Vec<Source> {
    sources
        .into_iter()
        .filter(|s| (stable_hash(s.name.as_bytes()) % n as u128) as usize == k - 1)
        .collect()
}

fn stable_hash(bytes: &[u8]) -> u128 {
    typst::utils::hash128(&bytes)
}

/// Make a string safe as a file name on every common file system.
pub fn safe_file_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    out = out.trim_matches([' ', '.']).to_string();
    // Keep names within 200 bytes (most file systems allow 255).
    while out.len() > 200 {
        out.pop();
    }
    if out.is_empty() { "_".to_string() } else { out }
}

/// The output file name for a report from a pattern with `{year}`, `{organization}`,
/// `{title}`, `{level}` and `{stem}` (the input file's stem).
pub fn output_name(pattern: &str, report: &Report, source: &Source) -> String {
    let stem =
        source.file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let level = report.level.map(|l| format!("{l:?}").to_lowercase()).unwrap_or_default();
    let name = pattern
        .replace("{year}", &report.year.0.to_string())
        .replace("{organization}", &report.organization)
        .replace("{title}", &report.title())
        .replace("{level}", &level)
        .replace("{stem}", &stem);
    safe_file_name(&name)
}

/// What happened to one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobStatus {
    /// Rendered and written.
    Rendered,
    /// The output exists and its inputs are unchanged.
    UpToDate,
    /// Not rendered: a parse, validation, render or write error (or a panic).
    Failed,
    /// Not started because the batch was cancelled.
    Cancelled,
}

/// The result of one report.
#[derive(Debug, Clone)]
pub struct JobResult {
    /// The source's name.
    pub input: String,
    /// The output file, when there is one.
    pub output: Option<PathBuf>,
    /// What happened.
    pub status: JobStatus,
    /// Pages rendered.
    pub pages: usize,
    /// Bytes written.
    pub bytes: usize,
    /// Wall time of this report.
    pub duration: Duration,
    /// Every finding (errors and warnings).
    pub findings: Vec<Diagnostic>,
}

/// Progress events; the CLI draws them, the library only calls them.
pub trait Reporter: Sync {
    /// The batch starts with `total` reports.
    fn on_start(&self, total: usize);
    /// One report is finished (in any way).
    fn on_result(&self, result: &JobResult);
}

/// A reporter that ignores everything.
#[derive(Debug, Default)]
pub struct Silent;

impl Reporter for Silent {
    fn on_start(&self, _: usize) {}
    fn on_result(&self, _: &JobResult) {}
}

/// Batch settings.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// The output folder.
    pub out_dir: PathBuf,
    /// The output-name pattern.
    pub pattern: String,
    /// Render reports with validation errors too.
    pub allow_invalid: bool,
    /// Folder of last year's reports for the cross-year checks.
    pub previous_dir: Option<PathBuf>,
    /// Render even when the output is up to date.
    pub force: bool,
    /// Worker threads (0: all cores).
    pub jobs: usize,
}

/// The whole batch's outcome.
#[derive(Debug, Default)]
pub struct Summary {
    /// One result per report, in input order.
    pub results: Vec<JobResult>,
    /// Problems of the batch as a whole (name collisions).
    pub errors: Vec<Diagnostic>,
    /// Whether the batch was cancelled before it finished.
    pub cancelled: bool,
    /// Wall time of the whole batch.
    pub duration: Duration,
}

impl Summary {
    /// How many reports ended with `status`.
    pub fn count(&self, status: JobStatus) -> usize {
        self.results.iter().filter(|r| r.status == status).count()
    }

    /// Whether anything failed.
    pub fn failed(&self) -> bool {
        !self.errors.is_empty() || self.count(JobStatus::Failed) > 0 || self.cancelled
    }
}

/// A report waiting to be rendered. The parsed report is not kept: holding thousands of
/// them would make memory grow with the batch; the job parses its input again.
struct Planned {
    index: usize,
    source: Source,
    output: PathBuf,
    key: String,
}

/// Read and parse a source.
fn load(source: &Source) -> Result<(Loaded, Vec<u8>), Vec<Diagnostic>> {
    let bytes = match &source.text {
        Some(t) => t.clone().into_bytes(),
        None => std::fs::read(&source.file).map_err(|e| {
            vec![Diagnostic::error("data-io", format!("无法读取：{e}")).in_file(&source.name)]
        })?,
    };
    let loaded = input::load_bytes(&bytes, &source.file, &source.name)?;
    Ok((loaded, bytes))
}

/// Run a batch.
pub fn run(
    renderer: &Renderer,
    sources: Vec<Source>,
    options: &BatchOptions,
    reporter: &dyn Reporter,
    cancel: &AtomicBool,
) -> Summary {
    let started = Instant::now();
    let mut summary = Summary::default();
    reporter.on_start(sources.len());
    let fingerprint = renderer.fingerprint();

    // Load every report first: names and collisions must be known before writing anything.
    let mut results: Vec<Option<JobResult>> = vec![None; sources.len()];
    let mut planned = Vec::new();
    for (index, source) in sources.into_iter().enumerate() {
        let t = Instant::now();
        match load(&source) {
            Ok((loaded, bytes)) => {
                let name = output_name(&options.pattern, &loaded.report, &source);
                let key = format!(
                    "{:032x}",
                    typst::utils::hash128(&(&bytes, &fingerprint, options.allow_invalid))
                );
                planned.push(Planned { index, output: options.out_dir.join(name), source, key });
            }
            Err(d) => {
                let result = failed(&source.name, d, t.elapsed());
                reporter.on_result(&result);
                results[index] = Some(result);
            }
        }
    }

    // Two reports must never write the same file.
    let mut by_output: HashMap<&Path, Vec<&str>> = HashMap::new();
    for p in &planned {
        by_output.entry(p.output.as_path()).or_default().push(&p.source.name);
    }
    let mut collisions: Vec<(&&Path, &Vec<&str>)> =
        by_output.iter().filter(|(_, v)| v.len() > 1).collect();
    collisions.sort();
    for (path, names) in collisions {
        summary.errors.push(
            Diagnostic::error(
                "batch-collision",
                format!("{} 个报告会写到同一个文件：{}", names.len(), names.join("、")),
            )
            .in_file(path.display().to_string())
            .hint("在 --name 中加入 {stem} 或 {title} 等区分它们"),
        );
    }
    if !summary.errors.is_empty() {
        summary.results = results.into_iter().flatten().collect();
        summary.duration = started.elapsed();
        return summary;
    }

    if let Err(e) = std::fs::create_dir_all(&options.out_dir) {
        summary.errors.push(
            Diagnostic::error("batch-output", format!("无法创建输出目录：{e}"))
                .in_file(options.out_dir.display().to_string()),
        );
        summary.duration = started.elapsed();
        return summary;
    }
    let manifest_path = options.out_dir.join(MANIFEST);
    let old_manifest = read_manifest(&manifest_path);
    let manifest = Mutex::new(old_manifest.clone());

    // Outputs are written to temp files by the workers and flushed and renamed into
    // place by one committer thread: an fsync blocks for milliseconds, and done by the
    // workers it kept a core idle (about a tenth of the batch's throughput).
    let (commits, queue) = std::sync::mpsc::sync_channel::<Commit>(2 * options.jobs.max(1));
    let pool = rayon::ThreadPoolBuilder::new().num_threads(options.jobs).build();
    let (old_ref, manifest_ref) = (&old_manifest, &manifest);
    // Owns the sender: when the workers are done, the committer's queue ends.
    let run_all = move || {
        planned
            .into_iter()
            .par_bridge()
            .map(|p| {
                let result = if cancel.load(Ordering::Relaxed) {
                    JobResult {
                        input: p.source.name.clone(),
                        output: Some(p.output.clone()),
                        status: JobStatus::Cancelled,
                        pages: 0,
                        bytes: 0,
                        duration: Duration::ZERO,
                        findings: vec![],
                    }
                } else {
                    job(renderer, &p, options, old_ref, manifest_ref, &commits)
                };
                reporter.on_result(&result);
                (p.index, result)
            })
            .collect::<Vec<_>>()
    };
    let (done, unwritten) = std::thread::scope(|scope| {
        let committer = scope.spawn(|| commit_all(queue, manifest_ref));
        let done = match &pool {
            Ok(pool) => pool.install(run_all),
            Err(_) => run_all(),
        };
        // `run_all` and its sender are gone: the committer drains the queue and ends.
        (done, committer.join().unwrap_or_default())
    });
    for (index, result) in done {
        results[index] = Some(result);
    }
    // An output that could not be flushed or renamed into place is a failed report.
    for (index, finding) in unwritten {
        if let Some(r) = results[index].as_mut() {
            r.status = JobStatus::Failed;
            r.output = None;
            r.bytes = 0;
            r.findings.push(finding);
        }
    }
    let manifest = manifest.into_inner().unwrap_or_else(|e| e.into_inner());
    if manifest != old_manifest
        && let Ok(json) = serde_json::to_vec_pretty(&manifest)
    {
        let _ = write_atomic(&manifest_path, &json);
    }
    summary.results = results.into_iter().flatten().collect();
    summary.cancelled = summary.count(JobStatus::Cancelled) > 0;
    summary.duration = started.elapsed();
    summary
}

fn failed(input: &str, findings: Vec<Diagnostic>, duration: Duration) -> JobResult {
    JobResult {
        input: input.to_string(),
        output: None,
        status: JobStatus::Failed,
        pages: 0,
        bytes: 0,
        duration,
        findings,
    }
}

fn read_manifest(path: &Path) -> BTreeMap<String, String> {
    std::fs::read(path).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
}

/// An output written to its temp file, to be flushed and renamed into place.
struct Commit {
    /// The report's index in the batch.
    index: usize,
    tmp: PathBuf,
    output: PathBuf,
    /// The output's file name and content key, recorded in the manifest once in place.
    file_name: String,
    key: String,
}

/// Flush and rename every written output in order of arrival; record each one in the
/// manifest once it is in place. Returns the outputs that failed, with the reason.
fn commit_all(
    queue: std::sync::mpsc::Receiver<Commit>,
    manifest: &Mutex<BTreeMap<String, String>>,
) -> Vec<(usize, Diagnostic)> {
    let mut failed = Vec::new();
    for c in queue {
        match commit_temp(&c.tmp, &c.output) {
            Ok(()) => {
                manifest.lock().unwrap_or_else(|e| e.into_inner()).insert(c.file_name, c.key);
            }
            Err(e) => failed.push((
                c.index,
                Diagnostic::error("batch-output", format!("无法写入：{e}"))
                    .in_file(c.output.display().to_string()),
            )),
        }
    }
    failed
}

/// Validate, render and write one report; a panic anywhere inside is caught and reported.
/// The output goes to a temp file, handed to the committer to be put in place.
fn job(
    renderer: &Renderer,
    p: &Planned,
    options: &BatchOptions,
    old_manifest: &BTreeMap<String, String>,
    manifest: &Mutex<BTreeMap<String, String>>,
    commits: &std::sync::mpsc::SyncSender<Commit>,
) -> JobResult {
    let started = Instant::now();
    let file_name =
        p.output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let up_to_date =
        !options.force && old_manifest.get(&file_name) == Some(&p.key) && p.output.is_file();
    if up_to_date {
        return JobResult {
            input: p.source.name.clone(),
            output: Some(p.output.clone()),
            status: JobStatus::UpToDate,
            pages: 0,
            bytes: std::fs::metadata(&p.output).map_or(0, |m| m.len() as usize),
            duration: started.elapsed(),
            findings: vec![],
        };
    }
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        // Fault injection for the tests (debug builds only): panic inside this job.
        if cfg!(debug_assertions)
            && std::env::var("NIANBAO_TEST_PANIC_ON").is_ok_and(|v| v == p.source.name)
        {
            panic!("injected panic for {}", p.source.name);
        }
        let (report, mut findings) = match load(&p.source) {
            Ok((loaded, _)) => (loaded.report, loaded.findings),
            Err(d) => return (None, 0, d),
        };
        let previous = options.previous_dir.as_deref().and_then(|dir| {
            input::find_previous(
                dir,
                &report.organization,
                report.year.0,
                p.source.file.file_name(),
            )
        });
        findings.extend(crate::check::validate(
            &report,
            previous.as_ref().map(|(_, r)| r),
            &p.source.name,
        ));
        if findings.iter().any(Diagnostic::is_error) && !options.allow_invalid {
            return (None, 0, findings);
        }
        let rendered = renderer.render(&report, OutputFormat::Pdf);
        findings.extend(rendered.diagnostics);
        match rendered.artifact {
            Some(Artifact::Pdf(bytes)) => match write_temp(&p.output, &bytes) {
                Ok(tmp) => {
                    let commit = Commit {
                        index: p.index,
                        tmp,
                        output: p.output.clone(),
                        file_name: file_name.clone(),
                        key: p.key.clone(),
                    };
                    // The committer lives until every worker is done.
                    let _ = commits.send(commit);
                    (Some(bytes.len()), rendered.pages, findings)
                }
                Err(e) => {
                    findings.push(
                        Diagnostic::error("batch-output", format!("无法写入：{e}"))
                            .in_file(p.output.display().to_string()),
                    );
                    (None, 0, findings)
                }
            },
            _ => (None, 0, findings),
        }
    }));
    let (written, pages, findings) = match outcome {
        Ok(r) => r,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "未知错误".into());
            let d = Diagnostic::error("panic", format!("渲染时内部错误（已跳过此报告）：{what}"))
                .in_file(&p.source.name);
            (None, 0, vec![d])
        }
    };
    match written {
        Some(bytes) => {
            // The committer records the output in the manifest once it is in place.
            JobResult {
                input: p.source.name.clone(),
                output: Some(p.output.clone()),
                status: JobStatus::Rendered,
                pages,
                bytes,
                duration: started.elapsed(),
                findings,
            }
        }
        None => {
            manifest.lock().unwrap_or_else(|e| e.into_inner()).remove(&file_name);
            failed(&p.source.name, findings, started.elapsed())
        }
    }
}

/// The peak resident memory of this process in bytes (Linux), for the summary.
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(safe_file_name("2024-a/b:c*?.pdf"), "2024-a_b_c__.pdf");
        assert_eq!(safe_file_name(" ..x.. "), "x");
        assert_eq!(safe_file_name(""), "_");
        assert!(safe_file_name(&"长".repeat(300)).len() <= 200);
    }

    #[test]
    fn shards_are_disjoint_and_cover() {
        let sources: Vec<Source> = (0..100)
            .map(|i| Source {
                name: format!("r{i}.json"),
                file: PathBuf::from(format!("r{i}.json")),
                text: None,
            })
            .collect();
        let mut seen = Vec::new();
        for k in 1..=3 {
            seen.extend(shard(sources.clone(), k, 3).into_iter().map(|s| s.name));
        }
        seen.sort();
        let mut all: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
        all.sort();
        assert_eq!(seen, all);
    }
}
