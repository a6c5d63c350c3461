//! Export of a laid-out document to PDF (tagged by default; optionally PDF/A-2b and/or
//! PDF/UA-1), PNG or SVG pages.

use typst::foundations::{Datetime, Smart};
use typst::utils::Scalar;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::{Artifact, OutputFormat};
use crate::diag::Diagnostic;
use crate::render::PdfStandardChoice;

/// How PDFs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PdfSettings {
    /// Plain, PDF/A-2b, PDF/UA-1 or both.
    pub standard: PdfStandardChoice,
    /// Whether to write the structure tree (headings, paragraphs, tables with header
    /// cells) for screen readers and reflow. PDF/UA-1 needs it.
    pub tagged: bool,
}

/// Export a document to a paged format (PDF, PNG, SVG).
pub fn export(
    doc: &PagedDocument,
    format: OutputFormat,
    pdf: PdfSettings,
    timestamp: Datetime,
) -> Result<Artifact, Vec<Diagnostic>> {
    match format {
        OutputFormat::Pdf => {
            let list: &[PdfStandard] = match pdf.standard {
                PdfStandardChoice::Plain => &[],
                PdfStandardChoice::A2b => &[PdfStandard::A_2b],
                PdfStandardChoice::Ua1 => &[PdfStandard::Ua_1],
                PdfStandardChoice::A2bUa1 => &[PdfStandard::A_2b, PdfStandard::Ua_1],
            };
            let standards = if list.is_empty() {
                PdfStandards::default()
            } else {
                PdfStandards::new(list)
                    .map_err(|e| vec![Diagnostic::error("pdf", e.message().to_string())])?
            };
            if pdf.standard.is_ua() && !pdf.tagged {
                return Err(vec![
                    Diagnostic::error("pdf", "PDF/UA-1 需要带标签的 PDF")
                        .hint("去掉 --no-pdf-tags，或不用 --pdf-standard ua-1"),
                ]);
            }
            let options = PdfOptions {
                ident: Smart::Auto,
                creator: Smart::Custom(Some(format!(
                    "nianbao {} (Typst 0.15)",
                    env!("CARGO_PKG_VERSION")
                ))),
                timestamp: Some(Timestamp::new_utc(timestamp)),
                standards,
                tagged: pdf.tagged,
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
        OutputFormat::Html { .. } | OutputFormat::Docx => Err(vec![Diagnostic::error(
            "output",
            "HTML 和 DOCX 不由排版结果导出（见 Renderer::render）",
        )]),
    }
}
