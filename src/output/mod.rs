//! Outputs: what a report becomes. PDF, PNG and SVG pages from the laid-out document
//! (`paged`), an accessible HTML page from the HTML template (`html`), an editable Word
//! document (`docx`); the fill-in workbook and the county sheet (`workbook`); for a county,
//! the annex (`annex`) and the to-do list (`findings`) as spreadsheets, CSV or web pages
//! (`tabular`); and atomic writing of every output (temp file + rename: never a
//! half-written file). Each output is fed by the same view of the report; several formats
//! of one report share one layout and one view.

pub mod annex;
pub mod docx;
pub mod findings;
mod format;
pub mod html;
pub mod paged;
pub mod sanitize;
pub mod tabular;
pub mod workbook;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Renderer;
use crate::diag::Diagnostic;
use crate::model::Report;
use crate::render::MAX_PAGES;

pub use format::{Artifact, OutputFormat};
pub use paged::PdfSettings;

/// The result of rendering one report.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The generated Typst source, when templating succeeded.
    pub source: Option<String>,
    /// The exported bytes, when every stage succeeded.
    pub artifact: Option<Artifact>,
    /// Page count of the laid-out document.
    pub pages: usize,
    /// Every finding, errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
}

impl Rendered {
    /// Whether an error was found (and so no artifact produced).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

impl Renderer {
    /// Render one report to the given format: lay it out and export it (PDF, PNG, SVG), or
    /// fill the HTML template / write the Word document from the report's view. The
    /// single step every driver uses.
    pub fn render(&self, report: &Report, format: OutputFormat) -> Rendered {
        self.render_many(report, &[format]).pop().unwrap_or_default()
    }

    /// Render one report to several formats at once, one [`Rendered`] per format in the
    /// given order. The paged formats share one layout, HTML and DOCX one view; each
    /// result carries every finding that concerns it.
    pub fn render_many(&self, report: &Report, formats: &[OutputFormat]) -> Vec<Rendered> {
        let laid = formats.iter().any(|f| f.is_paged()).then(|| self.layout(report));
        let published = formats.iter().any(|f| !f.is_paged()).then(|| sanitize::clean(report));
        let view = published.as_ref().map(|(clean, _)| self.view(clean));
        formats
            .iter()
            .map(|format| match (&laid, &view, &published) {
                (Some(laid), _, _) if format.is_paged() => self.export_paged(report, laid, *format),
                (_, Some(view), Some((_, warnings))) => {
                    let mut out = Rendered { diagnostics: warnings.clone(), ..Default::default() };
                    let made = match format {
                        OutputFormat::Docx => docx::write(view, self.document_date(report)),
                        OutputFormat::Html { fragment } => {
                            html::render(self.templates(), view, *fragment)
                        }
                        _ => unreachable!("paged formats are laid out"),
                    };
                    match made {
                        Ok(artifact) => out.artifact = Some(artifact),
                        Err(diags) => out.diagnostics.extend(diags),
                    }
                    out
                }
                _ => unreachable!("every format is laid out or viewed"),
            })
            .collect()
    }

    /// Export the laid-out document to one paged format.
    fn export_paged(&self, report: &Report, laid: &crate::Laid, format: OutputFormat) -> Rendered {
        let mut out = Rendered {
            source: laid.source.clone(),
            diagnostics: laid.diagnostics.clone(),
            ..Default::default()
        };
        let Some(doc) = &laid.doc else { return out };
        out.pages = doc.pages().len();
        if out.pages > MAX_PAGES {
            out.diagnostics.push(Diagnostic::error(
                "render-limit",
                format!("排版结果有 {} 页，超过上限 {MAX_PAGES} 页，未输出", out.pages),
            ));
            return out;
        }
        // A glyph that would print as a box is an error: nothing is exported (and PDF/A is
        // never attempted with tofu in it).
        if out.has_errors() {
            return out;
        }
        let pdf = PdfSettings { standard: self.pdf_standard, tagged: !self.untagged_pdf };
        match paged::export(doc, format, pdf, self.document_date(report)) {
            Ok(artifact) => out.artifact = Some(artifact),
            Err(diags) => out.diagnostics.extend(diags),
        }
        out
    }
}

/// The file names for a multi-page export: `out.png` → `out-1.png`, `out-2.png`, …
/// (zero-padded to the page count's width).
pub fn page_paths(output: &Path, pages: usize) -> Vec<PathBuf> {
    let stem = output.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = output.extension().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let width = pages.to_string().len();
    (1..=pages).map(|n| output.with_file_name(format!("{stem}-{n:0width$}.{ext}"))).collect()
}

/// Write `bytes` to `path` atomically: a temp file in the same folder, flushed to disk,
/// then renamed over `path`. Readers see the old file or the whole new one, never a part.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = write_temp(path, bytes)?;
    commit_temp(&tmp, path)
}

/// [`write_atomic`] for an output written piece by piece (a large JSON summary), never held
/// whole in memory: `write` fills a buffered temp file beside `path`, which then replaces it.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let tmp = write_temp(path, b"")?;
    let result = std::fs::OpenOptions::new().write(true).open(&tmp).and_then(|file| {
        let mut out = std::io::BufWriter::new(file);
        write(&mut out)?;
        out.flush()
    });
    match result {
        Ok(()) => commit_temp(&tmp, path),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// The first half of [`write_atomic`]: write `bytes` to a hidden temp file beside `path`
/// and return its path. Batch hands the slow second half to another thread.
pub fn write_temp(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&tmp).and_then(|mut file| file.write_all(bytes));
    match result {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// The second half of [`write_atomic`]: flush the temp file to disk and rename it over
/// `path`; on failure the temp file is removed.
pub fn commit_temp(tmp: &Path, path: &Path) -> std::io::Result<()> {
    let result = std::fs::File::open(tmp)
        .and_then(|file| file.sync_all())
        .and_then(|()| std::fs::rename(tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_paths_are_numbered() {
        let p = page_paths(Path::new("out/r.png"), 12);
        assert_eq!(p[0], Path::new("out/r-01.png"));
        assert_eq!(p[11], Path::new("out/r-12.png"));
    }

    #[test]
    fn atomic_write_leaves_no_temp_file() {
        let dir = std::env::temp_dir().join(format!("nianbao-aw-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.pdf");
        write_atomic(&path, b"x").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"x");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
