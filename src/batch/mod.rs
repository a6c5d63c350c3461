//! Batch rendering: many reports in one process over one renderer (fonts parsed and
//! templates compiled once), in parallel, with nothing lost. Expands inputs (folders, globs,
//! JSON Lines, JSON arrays, county-wide sheets), names outputs from a pattern, detects collisions up front,
//! skips outputs that are up to date (a manifest of content hashes), validates every report,
//! contains any failure (even a panic) to its own report, and stops cleanly when cancelled.
//! After the reports, the copy check (S11) runs across all of them. Progress goes to a
//! [`Reporter`]; nothing here prints.

mod inputs;
mod run;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::OutputFormat;
use crate::diag::Diagnostic;

pub use inputs::{
    DEFAULT_PATTERN, Source, expand, load_source, output_name, safe_file_name, shard,
};
pub use run::{MANIFEST, run};

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
    /// Who the report is from and its key figures, when it could be read.
    pub unit: Option<UnitInfo>,
}

/// Who a report is from and its key figures (for the summary's county columns).
#[derive(Debug, Clone)]
pub struct UnitInfo {
    /// 机关名称.
    pub organization: String,
    /// 机关层级.
    pub level: Option<crate::model::Level>,
    /// The key counts (and so the rates).
    pub figures: crate::model::figures::Figures,
}

impl UnitInfo {
    /// The unit of a report.
    pub fn of(report: &crate::model::Report) -> Self {
        UnitInfo {
            organization: report.organization.clone(),
            level: report.level,
            figures: crate::model::figures::Figures::of(report),
        }
    }
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
    /// Folder of per-unit report files giving a county-wide sheet's rows their narrative.
    pub narratives: Option<PathBuf>,
    /// Render even when the output is up to date.
    pub force: bool,
    /// Worker threads (0: all cores).
    pub jobs: usize,
    /// The formats each report is written in, from one load and one validation (PDF when
    /// empty). The first names the output (`--name`); the others take its name with
    /// their own extension.
    pub formats: Vec<OutputFormat>,
}

/// The files a report is written to: `primary` with each format's extension, in order.
pub fn outputs_for(primary: &Path, formats: &[OutputFormat]) -> Vec<PathBuf> {
    if formats.is_empty() {
        return vec![primary.to_path_buf()];
    }
    formats.iter().map(|f| primary.with_extension(f.extension())).collect()
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

/// The peak resident memory of this process in bytes (Linux), for the summary.
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
