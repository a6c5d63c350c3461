//! Export of a laid-out document to PDF (optionally PDF/A-2b), PNG or SVG pages, and
//! atomic writing of the results (temp file + rename: never a half-written output).

use std::io::Write;
use std::path::{Path, PathBuf};

use typst::foundations::{Datetime, Smart};
use typst::utils::Scalar;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::Diagnostic;

/// What to produce.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OutputFormat {
    /// One PDF file.
    Pdf,
    /// One PNG per page, at the given resolution (pixels per inch).
    Png {
        /// Resolution in pixels per inch.
        ppi: f32,
    },
    /// One SVG per page.
    Svg,
}

impl OutputFormat {
    /// The format for an output file name, by extension.
    pub fn from_path(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "pdf" => Some(OutputFormat::Pdf),
            "png" => Some(OutputFormat::Png { ppi: 144.0 }),
            "svg" => Some(OutputFormat::Svg),
            _ => None,
        }
    }
}

/// PDF settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum PdfStandardChoice {
    /// Plain PDF 1.7.
    #[default]
    Plain,
    /// PDF/A-2b for archiving.
    A2b,
}

/// The exported bytes: one PDF, or one file per page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Artifact {
    /// A whole PDF.
    Pdf(Vec<u8>),
    /// PNG or SVG files, one per page.
    Pages(Vec<Vec<u8>>),
}

/// Export a document.
pub fn export(
    doc: &PagedDocument,
    format: OutputFormat,
    standard: PdfStandardChoice,
    timestamp: Datetime,
) -> Result<Artifact, Vec<Diagnostic>> {
    match format {
        OutputFormat::Pdf => {
            let standards = match standard {
                PdfStandardChoice::Plain => PdfStandards::default(),
                PdfStandardChoice::A2b => PdfStandards::new(&[PdfStandard::A_2b])
                    .map_err(|e| vec![Diagnostic::error("pdf", e.message().to_string())])?,
            };
            let options = PdfOptions {
                ident: Smart::Auto,
                creator: Smart::Custom(Some(format!(
                    "nianbao {} (Typst 0.15)",
                    env!("CARGO_PKG_VERSION")
                ))),
                timestamp: Some(Timestamp::new_utc(timestamp)),
                standards,
                tagged: false,
                ..PdfOptions::default()
            };
            typst_pdf::pdf(doc, &options).map(Artifact::Pdf).map_err(|errors| {
                errors
                    .iter()
                    .map(|e| {
                        let mut d =
                            Diagnostic::error("pdf", format!("PDF 导出失败：{}", e.message));
                        d.hints.extend(e.hints.iter().map(|h| h.v.to_string()));
                        d
                    })
                    .collect()
            })
        }
        OutputFormat::Png { ppi } => {
            let options = typst_render::RenderOptions {
                pixel_per_pt: Scalar::new(f64::from(ppi) / 72.0),
                render_bleed: false,
            };
            doc.pages()
                .iter()
                .map(|page| {
                    typst_render::render(page, &options)
                        .encode_png()
                        .map_err(|e| vec![Diagnostic::error("png", format!("PNG 编码失败：{e}"))])
                })
                .collect::<Result<_, _>>()
                .map(Artifact::Pages)
        }
        OutputFormat::Svg => {
            let options = typst_svg::SvgOptions::default();
            Ok(Artifact::Pages(
                doc.pages().iter().map(|p| typst_svg::svg(p, &options).into_bytes()).collect(),
            ))
        }
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
