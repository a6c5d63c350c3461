//! A preview session: one long-lived renderer re-renders the report when its data, a
//! template or a font changes, keeps the last good pages when something breaks, encodes
//! only the pages whose drawing changed and publishes a [`Snapshot`] for the server. It
//! also renders downloads (PDF, and any single-file output format) on request from the
//! server. The renderer is synchronous and stays on the session's thread; the server talks
//! to it through a watch channel (snapshots) and a job queue (downloads).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use tokio::sync::{oneshot, watch};

use super::encode::{self, Glyphs};
use super::update::{PageView, Snapshot};
use super::{Change, Update};
use crate::diag::Diagnostic;
use crate::model::Report;
use crate::{Artifact, OutputFormat, Renderer, RendererOptions};

/// An output the preview page offers for download, at `/download/{name}`.
#[derive(Debug)]
pub struct Download {
    /// The name in the URL.
    pub name: &'static str,
    /// What to render.
    pub format: OutputFormat,
    /// Its media type.
    pub mime: &'static str,
    /// The file extension.
    pub extension: &'static str,
    /// The link text on the page.
    pub label: &'static str,
}

/// The downloads on offer: the PDF, the portal page and the editable Word copy. A
/// single-file output format joins with one entry here.
pub const DOWNLOADS: &[Download] = &[
    Download {
        name: "pdf",
        format: OutputFormat::Pdf,
        mime: "application/pdf",
        extension: "pdf",
        label: "下载 PDF",
    },
    Download {
        name: "html",
        format: OutputFormat::Html { fragment: false },
        mime: "text/html; charset=utf-8",
        extension: "html",
        label: "下载网页（HTML）",
    },
    Download {
        name: "docx",
        format: OutputFormat::Docx,
        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        extension: "docx",
        label: "下载 Word（DOCX）",
    },
];

/// A rendered download.
#[derive(Debug)]
pub struct Downloaded {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// The suggested file name: the report's title and the extension.
    pub file_name: String,
    /// Its media type.
    pub mime: &'static str,
}

/// Work the server asks of the session's thread.
pub(crate) enum Job {
    /// Render the last good report to a download.
    Download(&'static Download, oneshot::Sender<Result<Downloaded, String>>),
}

/// What the server holds of a session: its snapshots and its job queue.
#[derive(Clone)]
pub struct Handle {
    pub(crate) snapshot: watch::Receiver<Arc<Snapshot>>,
    pub(crate) jobs: mpsc::Sender<Job>,
}

/// A preview session: the renderer, the report file, and the published state.
pub struct Session {
    options: RendererOptions,
    report: PathBuf,
    renderer: Renderer,
    glyphs: Glyphs,
    /// The last good report (for downloads).
    last_report: Option<Report>,
    snapshot: watch::Sender<Arc<Snapshot>>,
    jobs: mpsc::Receiver<Job>,
    jobs_tx: mpsc::Sender<Job>,
}

fn renderer(options: &RendererOptions) -> Result<Renderer, Box<Diagnostic>> {
    let mut renderer = Renderer::new(options)?;
    renderer.set_evict_max_age(10);
    renderer.set_incremental(true);
    Ok(renderer)
}

impl Session {
    /// Start a session: build the renderer (fonts, templates) once.
    pub fn new(options: RendererOptions, report: PathBuf) -> Result<Self, Box<Diagnostic>> {
        let renderer = renderer(&options)?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let id = typst::utils::hash128(&(std::process::id(), nanos, &report));
        let first = Snapshot { session: format!("{:016x}", id as u64), ..Default::default() };
        let (snapshot, _) = watch::channel(Arc::new(first));
        let (jobs_tx, jobs) = mpsc::channel();
        Ok(Self {
            options,
            report,
            renderer,
            glyphs: Glyphs::default(),
            last_report: None,
            snapshot,
            jobs,
            jobs_tx,
        })
    }

    /// The renderer options.
    pub fn options(&self) -> &RendererOptions {
        &self.options
    }

    /// What the server needs: the snapshots and the job queue.
    pub fn handle(&self) -> Handle {
        Handle { snapshot: self.snapshot.subscribe(), jobs: self.jobs_tx.clone() }
    }

    /// The current state.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot.borrow().clone()
    }

    /// Files and folders to watch: the data file, the template folder, the font folders.
    pub fn watched(&self) -> (Vec<PathBuf>, Vec<PathBuf>) {
        let mut dirs: Vec<PathBuf> = self.options.templates.iter().cloned().collect();
        dirs.extend(self.options.fonts.font_paths.iter().cloned());
        (vec![self.report.clone()], dirs)
    }

    /// Re-render after a change and publish the result. Errors never end the session:
    /// they are shown over the last good pages until fixed.
    pub fn update(&mut self, change: Change) -> Update {
        let start = Instant::now();
        let mut errors = Vec::new();
        match change {
            Change::Font => match renderer(&self.options) {
                Ok(r) => self.renderer = r,
                Err(d) => errors.push(*d),
            },
            Change::Template => {
                if let Err(d) = self.renderer.reload_templates() {
                    errors.push(*d);
                }
            }
            Change::Initial | Change::Data => {}
        }
        let old = self.snapshot();
        let mut next = Snapshot {
            session: old.session.clone(),
            version: old.version + 1,
            pages: old.pages.clone(),
            findings: old.findings.clone(),
            ..Default::default()
        };
        let mut changed_pages = 0;
        if errors.is_empty() {
            match crate::input::load(&self.report) {
                Err(d) => errors.extend(d),
                Ok(loaded) => {
                    let report = loaded.report;
                    let name = self.report.display().to_string();
                    let mut findings = loaded.findings;
                    findings.extend(crate::check::validate(&report, None, &name));
                    let laid = self.renderer.layout(&report);
                    let (errs, warns): (Vec<_>, Vec<_>) =
                        laid.diagnostics.into_iter().partition(Diagnostic::is_error);
                    findings.extend(warns);
                    match laid.doc {
                        Some(doc) if errs.is_empty() => {
                            let (pages, changed) = self.pages(&doc, &old);
                            next.pages = pages;
                            next.findings = findings;
                            changed_pages = changed;
                            self.last_report = Some(report);
                        }
                        _ => errors.extend(errs),
                    }
                }
            }
        }
        next.glyphs = self.glyphs.defs().to_vec();
        next.errors.clone_from(&errors);
        let pages = next.pages.len();
        self.snapshot.send_replace(Arc::new(next));
        Update { change, duration: start.elapsed(), pages, changed_pages, errors }
    }

    /// The document's pages for the browser: the ones drawn as before are reused, only the
    /// new ones are encoded. Returns them and how many were new.
    fn pages(
        &mut self,
        doc: &typst_layout::PagedDocument,
        old: &Snapshot,
    ) -> (Vec<Arc<PageView>>, usize) {
        let known: HashMap<&str, &Arc<PageView>> =
            old.pages.iter().map(|p| (p.hash.as_str(), p)).collect();
        let mut texts: Vec<Vec<String>> = vec![Vec::new(); doc.pages().len()];
        let runs = crate::render::layout::text_runs(doc);
        for line in crate::render::layout::lines(&runs) {
            texts[line.page - 1].push(line.text);
        }
        let mut changed = 0;
        let pages = doc
            .pages()
            .iter()
            .zip(texts)
            .map(|(page, text)| {
                let hash = format!("{:032x}", encode::page_hash(page));
                if let Some(p) = known.get(hash.as_str()) {
                    return Arc::clone(p);
                }
                changed += 1;
                let size = page.frame.size();
                Arc::new(PageView {
                    chunks: encode::encode(page, &mut self.glyphs),
                    hash,
                    size: (size.x.to_pt(), size.y.to_pt()),
                    text: text.join("\n"),
                    page: page.clone(),
                })
            })
            .collect();
        (pages, changed)
    }

    /// Run the jobs the server queued (downloads); returns how many ran.
    pub fn serve_jobs(&mut self) -> usize {
        let mut n = 0;
        while let Ok(job) = self.jobs.try_recv() {
            match job {
                Job::Download(download, reply) => {
                    let _ = reply.send(self.download(download));
                }
            }
            n += 1;
        }
        n
    }

    /// Render the last good report as a download.
    fn download(&self, download: &'static Download) -> Result<Downloaded, String> {
        let report = self.last_report.as_ref().ok_or("报告还没有成功渲染过，无法下载")?;
        let rendered = self.renderer.render(report, download.format);
        let bytes = match rendered.artifact {
            Some(Artifact::Pdf(bytes) | Artifact::Html(bytes) | Artifact::Docx(bytes)) => bytes,
            Some(Artifact::Pages(mut pages)) if pages.len() == 1 => pages.remove(0),
            Some(_) => return Err(format!("{} 不是单个文件，无法下载", download.name)),
            None => {
                let first = rendered.diagnostics.iter().find(|d| d.is_error());
                return Err(first.map_or("渲染失败".into(), |d| d.to_string()));
            }
        };
        Ok(Downloaded {
            bytes,
            file_name: format!("{}.{}", report.title(), download.extension),
            mime: download.mime,
        })
    }
}

/// How long the server waits for a download before giving up.
pub(crate) const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(120);
