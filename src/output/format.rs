//! What a report can become: the output formats and the bytes each one gives.

use std::path::Path;

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
    /// An accessible HTML page for a government portal; with `fragment`, the page's body
    /// alone (inline styles only), for pasting into a portal's rich-text editor.
    Html {
        /// The body alone, without `<html>`, `<head>` and the page's style sheet.
        fragment: bool,
    },
    /// An editable Word document (.docx) in the official layout.
    Docx,
}

impl OutputFormat {
    /// The format for an output file name, by extension.
    pub fn from_path(path: &Path) -> Option<Self> {
        Self::from_extension(path.extension()?.to_str()?)
    }

    /// The format for an extension or format name (`pdf`, `png`, `svg`, `html`, `docx`).
    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext.to_ascii_lowercase().as_str() {
            "pdf" => Some(OutputFormat::Pdf),
            "png" => Some(OutputFormat::Png { ppi: 144.0 }),
            "svg" => Some(OutputFormat::Svg),
            "html" | "htm" => Some(OutputFormat::Html { fragment: false }),
            "docx" => Some(OutputFormat::Docx),
            _ => None,
        }
    }

    /// The file extension of this format.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Pdf => "pdf",
            OutputFormat::Png { .. } => "png",
            OutputFormat::Svg => "svg",
            OutputFormat::Html { .. } => "html",
            OutputFormat::Docx => "docx",
        }
    }

    /// Whether the format is made from the laid-out pages (PDF, PNG, SVG), rather than
    /// from the view of the report (HTML, DOCX).
    pub fn is_paged(self) -> bool {
        matches!(self, OutputFormat::Pdf | OutputFormat::Png { .. } | OutputFormat::Svg)
    }
}

/// The exported bytes: one file, or one file per page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Artifact {
    /// A whole PDF.
    Pdf(Vec<u8>),
    /// PNG or SVG files, one per page.
    Pages(Vec<Vec<u8>>),
    /// An HTML page or fragment (UTF-8).
    Html(Vec<u8>),
    /// A Word document.
    Docx(Vec<u8>),
}

impl Artifact {
    /// The bytes of a one-file artifact (PDF, HTML, DOCX); `None` for pages.
    pub fn file(&self) -> Option<&[u8]> {
        match self {
            Artifact::Pdf(b) | Artifact::Html(b) | Artifact::Docx(b) => Some(b),
            Artifact::Pages(_) => None,
        }
    }

    /// The total size in bytes.
    pub fn len(&self) -> usize {
        match self {
            Artifact::Pages(pages) => pages.iter().map(Vec::len).sum(),
            other => other.file().map_or(0, <[u8]>::len),
        }
    }

    /// Whether there are no bytes at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
