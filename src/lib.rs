//! nianbao (年报) reads, checks, renders and publishes China's 政府信息公开工作年度报告 — the
//! government information disclosure annual report — in the 2021 national format
//! (国办公开办函〔2021〕30号), set on A4 per GB/T 9704-2012.
//!
//! Data flows one way, one stage a module:
//! `input` (files → [`model`]) → `check` (the form's rules) → `render` (view model →
//! minijinja → Typst → layout) → `output` (PDF/PNG/SVG…, written atomically).
//! `batch`, `aggregate` (a county's 汇总, annex and to-do list) and `preview` are thin
//! drivers over the same stages. A [`Renderer`] is built once
//! (fonts, templates, the Typst standard library) and renders any number of reports; every
//! finding comes back as data ([`Diagnostic`]), never printed.
//!
//! ```no_run
//! use nianbao::{Renderer, RendererOptions, OutputFormat};
//! let renderer = Renderer::new(&RendererOptions::default())?;
//! let report = nianbao::input::load("samples/seed.json".as_ref()).map_err(|d| d[0].clone())?.report;
//! let rendered = renderer.render(&report, OutputFormat::Pdf);
//! for d in &rendered.diagnostics { eprintln!("{d}"); }
//! if let Some(nianbao::Artifact::Pdf(bytes)) = rendered.artifact {
//!     std::fs::write("report.pdf", bytes)?;
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod aggregate;
pub mod batch;
pub mod check;
pub mod diag;
pub mod input;
pub mod model;
pub mod output;
pub mod preview;
pub mod render;

pub use diag::{Diagnostic, Severity};
pub use model::{Report, form};
pub use output::{Artifact, OutputFormat, Rendered};
pub use render::fonts::{FontOptions, FontSet};
pub use render::template::{Style, TemplateRoot, Templates};
pub use render::{Laid, PdfStandardChoice, Renderer, RendererOptions};
