//! Export of a laid-out document to PDF (optionally PDF/A-2b), PNG or SVG pages.

use std::path::Path;

use typst::foundations::{Datetime, Smart};
use typst::utils::Scalar;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::Diagnostic;
use crate::render::PdfStandardChoice;

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
                tagged: true,
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
