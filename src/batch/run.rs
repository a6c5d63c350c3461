//! Running a batch: load and name every report first (collisions are known before anything
//! is written), then validate, render and write them on worker threads; one committer thread
//! flushes and renames outputs into place and keeps the manifest.

use std::collections::{BTreeMap, HashMap};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rayon::iter::{ParallelBridge, ParallelIterator};

use super::{
    BatchOptions, JobResult, JobStatus, Reporter, Source, Summary, UnitInfo, load_source,
    output_name, outputs_for,
};
use crate::check::copies::{self, UnitText};
use crate::diag::Diagnostic;
use crate::input::{self, sheet::Narratives};
use crate::output::{commit_temp, write_atomic, write_temp};
use crate::{OutputFormat, Renderer};

/// The manifest of rendered outputs, kept in the output folder.
pub const MANIFEST: &str = ".nianbao-manifest.json";

/// A report waiting to be rendered. The parsed report is not kept: holding thousands of
/// them would make memory grow with the batch; the job parses its input again.
struct Planned {
    index: usize,
    source: Source,
    output: PathBuf,
    key: String,
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
    let narratives = match options.narratives.as_deref().map(Narratives::index).transpose() {
        Ok(n) => n,
        Err(d) => {
            summary.errors.push(*d);
            summary.duration = started.elapsed();
            return summary;
        }
    };
    let narratives = narratives.as_ref();
    let formats = formats(options);

    // Load every report first: names and collisions must be known before writing anything.
    let mut results: Vec<Option<JobResult>> = vec![None; sources.len()];
    let mut units: Vec<Option<UnitInfo>> = vec![None; sources.len()];
    let all_sources = sources.clone();
    let mut planned = Vec::new();
    for (index, source) in sources.into_iter().enumerate() {
        let t = Instant::now();
        match load_source(&source, narratives) {
            Ok((loaded, bytes)) => {
                units[index] = Some(UnitInfo::of(&loaded.report));
                let name = output_name(&options.pattern, &loaded.report, &source);
                let name = outputs_for(std::path::Path::new(&name), &formats[..1]).remove(0);
                let formats = format!("{formats:?}");
                let key = format!(
                    "{:032x}",
                    typst::utils::hash128(&(&bytes, &fingerprint, options.allow_invalid, formats))
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
                        unit: None,
                    }
                } else {
                    job(renderer, &p, options, narratives, old_ref, manifest_ref, &commits)
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
    for (index, mut result) in done {
        result.unit = units[index].take();
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
    // Text copied between the reports of this batch (S11); reports are read again, so
    // memory does not grow with the batch.
    if !cancel.load(Ordering::Relaxed) {
        let load = |i: usize| {
            let loaded = all_sources[i].load().ok()?;
            Some(UnitText::of(&loaded.report, &all_sources[i].name))
        };
        // On the workers' threads: the memory they freed is reused, not added to.
        let check = || copies::find_with(all_sources.len(), load);
        let found = match &pool {
            Ok(pool) => pool.install(check),
            Err(_) => check(),
        };
        for (i, d) in found {
            if let Some(r) = results[i].as_mut() {
                r.findings.push(d);
            }
        }
    }
    summary.results = results.into_iter().flatten().collect();
    summary.cancelled = summary.count(JobStatus::Cancelled) > 0;
    summary.duration = started.elapsed();
    summary
}

/// The formats of a batch: PDF unless others are asked for.
fn formats(options: &BatchOptions) -> Vec<OutputFormat> {
    if options.formats.is_empty() { vec![OutputFormat::Pdf] } else { options.formats.clone() }
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
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
        unit: None,
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
    narratives: Option<&Narratives>,
    old_manifest: &BTreeMap<String, String>,
    manifest: &Mutex<BTreeMap<String, String>>,
    commits: &std::sync::mpsc::SyncSender<Commit>,
) -> JobResult {
    let started = Instant::now();
    let formats = formats(options);
    let outputs = outputs_for(&p.output, &formats);
    let up_to_date = !options.force
        && outputs.iter().all(|o| old_manifest.get(&file_name(o)) == Some(&p.key) && o.is_file());
    if up_to_date {
        return JobResult {
            input: p.source.name.clone(),
            output: Some(p.output.clone()),
            status: JobStatus::UpToDate,
            pages: 0,
            bytes: outputs
                .iter()
                .map(|o| std::fs::metadata(o).map_or(0, |m| m.len() as usize))
                .sum(),
            duration: started.elapsed(),
            findings: vec![],
            unit: None,
        };
    }
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        // Fault injection for the tests (debug builds only): panic inside this job.
        if cfg!(debug_assertions)
            && std::env::var("NIANBAO_TEST_PANIC_ON").is_ok_and(|v| v == p.source.name)
        {
            panic!("injected panic for {}", p.source.name);
        }
        let (report, mut findings) = match load_source(&p.source, narratives) {
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
        input::sheet::locate(&mut findings, &p.source.file, p.source.row);
        if findings.iter().any(Diagnostic::is_error) && !options.allow_invalid {
            return (None, 0, findings);
        }
        // Every format from this one load and validation; all or nothing.
        let rendered = renderer.render_many(&report, &formats);
        let pages = rendered.iter().map(|r| r.pages).max().unwrap_or(0);
        for d in rendered.iter().flat_map(|r| &r.diagnostics) {
            if !findings.contains(d) {
                findings.push(d.clone());
            }
        }
        let Some(files) = rendered
            .into_iter()
            .map(|r| r.artifact.and_then(|a| a.file().map(<[u8]>::to_vec)))
            .collect::<Option<Vec<Vec<u8>>>>()
        else {
            return (None, 0, findings);
        };
        let mut temps = Vec::new();
        for (output, bytes) in outputs.iter().zip(&files) {
            match write_temp(output, bytes) {
                Ok(tmp) => temps.push((tmp, output)),
                Err(e) => {
                    for (tmp, _) in temps {
                        let _ = std::fs::remove_file(tmp);
                    }
                    findings.push(
                        Diagnostic::error("batch-output", format!("无法写入：{e}"))
                            .in_file(output.display().to_string()),
                    );
                    return (None, 0, findings);
                }
            }
        }
        for (tmp, output) in temps {
            let commit = Commit {
                index: p.index,
                tmp,
                output: output.clone(),
                file_name: file_name(output),
                key: p.key.clone(),
            };
            // The committer lives until every worker is done.
            let _ = commits.send(commit);
        }
        (Some(files.iter().map(Vec::len).sum()), pages, findings)
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
                unit: None,
            }
        }
        None => {
            let mut manifest = manifest.lock().unwrap_or_else(|e| e.into_inner());
            for output in &outputs {
                manifest.remove(&file_name(output));
            }
            drop(manifest);
            failed(&p.source.name, findings, started.elapsed())
        }
    }
}
