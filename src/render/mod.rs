//! Rendering: the report's view model, the minijinja templates that turn it into Typst
//! source, fonts, and the in-process typst compile to a laid-out document, followed by the
//! glyph checks. Exporting the laid-out document (PDF, PNG, SVG) is the output stage's.

pub mod breaks;
pub mod compile;
pub mod config;
mod font_scan;
pub mod fonts;
pub mod glyphs;
pub mod layout;
pub mod template;
pub mod world;

use std::sync::Arc;

use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use crate::diag::Diagnostic;
use crate::model::Report;
use fonts::{FontOptions, FontSet};
use template::{OfficeFont, OfficeFonts, Style, TemplateRoot, Templates, View};

/// PDF settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum PdfStandardChoice {
    /// Plain PDF 1.7.
    #[default]
    Plain,
    /// PDF/A-2b for archiving.
    A2b,
    /// PDF/UA-1 (accessible PDF: tagged, titled, language set).
    Ua1,
    /// PDF/A-2b and PDF/UA-1 at once.
    A2bUa1,
}

impl PdfStandardChoice {
    /// Whether PDF/UA-1 is asked for (it needs a tagged PDF).
    pub fn is_ua(self) -> bool {
        matches!(self, PdfStandardChoice::Ua1 | PdfStandardChoice::A2bUa1)
    }
}

/// Most pages a report may have; beyond it nothing is exported.
pub const MAX_PAGES: usize = 1_000;

/// How to build a renderer.
#[derive(Debug, Clone, Default)]
pub struct RendererOptions {
    /// Built-in templates, or a customized folder.
    pub templates: Option<std::path::PathBuf>,
    /// Where fonts come from.
    pub fonts: FontOptions,
    /// House-style switches.
    pub style: Style,
    /// PDF standard (plain, PDF/A-2b, PDF/UA-1).
    pub pdf_standard: PdfStandardChoice,
    /// Write PDFs without tags (no structure for screen readers; smaller and faster).
    /// PDFs are tagged by default: headings, paragraphs and tables with header cells.
    pub untagged_pdf: bool,
    /// The document date as Unix seconds (e.g. `SOURCE_DATE_EPOCH`); when absent, the
    /// report's 成文日期, else 1 January after the report year, so output is reproducible.
    pub timestamp: Option<i64>,
}

/// A renderer: fonts, templates and the Typst standard library, built once.
pub struct Renderer {
    templates: Templates,
    base: world::Base,
    /// The official font names of each role (for HTML and DOCX).
    office: OfficeFonts,
    style: Style,
    pub(crate) pdf_standard: PdfStandardChoice,
    pub(crate) untagged_pdf: bool,
    timestamp: Option<i64>,
    evict_max_age: usize,
    /// Table row heights measured by an earlier report, for the next ones.
    row_heights: std::sync::RwLock<template::RowHeights>,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer").field("templates", &self.templates).finish_non_exhaustive()
    }
}

/// A report laid out: the generated source, the document, and every finding so far.
#[derive(Debug, Default)]
pub struct Laid {
    /// The generated Typst source, when templating succeeded.
    pub source: Option<String>,
    /// The laid-out document, when compiling succeeded.
    pub doc: Option<PagedDocument>,
    /// Every finding, errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
}

impl Laid {
    /// Whether an error was found.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

impl Renderer {
    /// Build a renderer: load fonts, compile templates, prepare the Typst World base.
    pub fn new(options: &RendererOptions) -> Result<Self, Box<Diagnostic>> {
        let templates = match &options.templates {
            Some(dir) => Templates::from_dir(dir)?,
            None => Templates::builtin(),
        };
        let fonts = Arc::new(FontSet::load(&options.fonts)?);
        let base = world::Base::new(fonts.clone(), templates.root()).map_err(|e| {
            Box::new(Diagnostic::error("template-dir", format!("无法打开模板目录：{e}")))
        })?;
        let office = office_fonts(&fonts);
        Ok(Self {
            templates,
            office,
            base,
            style: options.style.clone(),
            pdf_standard: options.pdf_standard,
            untagged_pdf: options.untagged_pdf,
            timestamp: options.timestamp,
            evict_max_age: compile::EVICT_MAX_AGE,
            row_heights: Default::default(),
        })
    }

    /// How long unused memoized results survive (in documents); a live preview keeps more
    /// (typst's own watch mode uses 10) so that an edit recompiles only what changed.
    pub fn set_evict_max_age(&mut self, age: usize) {
        self.evict_max_age = age;
    }

    /// Keep sources between documents and edit them in place (live preview of one report).
    pub fn set_incremental(&mut self, on: bool) {
        self.base.set_incremental(on);
    }

    /// Read a customized template folder again after an edit: the minijinja templates are
    /// recompiled and the Typst files re-read (unchanged work stays memoized).
    pub fn reload_templates(&mut self) -> Result<(), Box<Diagnostic>> {
        if let TemplateRoot::Dir(dir) = self.templates.root().clone() {
            self.templates = Templates::from_dir(&dir)?;
        }
        self.row_heights.write().unwrap_or_else(|e| e.into_inner()).clear();
        self.base.reset();
        Ok(())
    }

    /// The fonts in use.
    pub fn fonts(&self) -> &FontSet {
        self.base.fonts()
    }

    /// The templates in use.
    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    /// A hash of everything besides the data that decides the output: tool version,
    /// templates, fonts and options. Batch uses it to tell whether an output is up to date.
    pub fn fingerprint(&self) -> String {
        let h = typst::utils::hash128(&(
            env!("CARGO_PKG_VERSION"),
            self.templates.content_hash(),
            &self.base.fonts().fonts,
            &self.style,
            self.pdf_standard,
            self.untagged_pdf,
            self.timestamp,
        ));
        format!("{h:032x}")
    }

    /// The view of a report that every output is made from (templates, DOCX).
    pub fn view<'a>(&'a self, report: &'a Report) -> View<'a> {
        let roles = &self.base.fonts().roles;
        View::new(report, roles, &self.office, &self.style, &Default::default(), None)
    }

    /// The official font names of each role, as documents for other machines name them.
    pub fn office_fonts(&self) -> &OfficeFonts {
        &self.office
    }

    /// Generate the Typst source of a report (no compilation).
    ///
    /// The source passes the tables' row heights when an earlier report of this renderer
    /// measured them, so its text may differ from a fresh renderer's; the layout does not.
    pub fn generate(&self, report: &Report) -> Result<template::Generated, Box<Diagnostic>> {
        self.generate_split(report, None)
    }

    /// Generate the Typst source of a report with table 三 split over two pages as
    /// `split` says (see [`breaks`]).
    pub fn generate_split(
        &self,
        report: &Report,
        split: Option<&template::Split>,
    ) -> Result<template::Generated, Box<Diagnostic>> {
        let known = self.row_heights.read().unwrap_or_else(|e| e.into_inner()).clone();
        let roles = &self.base.fonts().roles;
        let view = View::new(report, roles, &self.office, &self.style, &known, split);
        self.templates.generate(&view)
    }

    /// Lay a report out: template, compile, glyph checks. Exporting is the output stage's.
    pub fn layout(&self, report: &Report) -> Laid {
        let mut out = Laid::default();
        let generated = match self.generate(report) {
            Ok(g) => g,
            Err(d) => {
                out.diagnostics.push(*d);
                return out;
            }
        };
        let date = self.document_date(report);
        let (mut doc, diags) = compile::compile(&self.base, &generated, date, self.evict_max_age);
        let mut generated = generated;
        if let Some(first) = &doc {
            let measured = breaks::measured_heights(first);
            self.keep_row_heights(&measured, &generated);
            // Table 三 crossing a page with room left for some of its groups: lay the
            // report out again with the table split after the last group that fits.
            let known =
                self.row_heights.read().unwrap_or_else(|e| e.into_inner()).get("t3").cloned();
            let heights = measured.get("t3").cloned().or(known);
            let split = heights.and_then(|h| breaks::plan(first, &h));
            if let Some(split) = split
                && !diags.iter().any(Diagnostic::is_error)
                && let Ok(again) = self.generate_split(report, Some(&split))
                && again.text != generated.text
            {
                let (second, diags2) =
                    compile::compile(&self.base, &again, date, self.evict_max_age);
                if let Some(second) = second
                    && breaks::landed(first, &second)
                    && !diags2.iter().any(Diagnostic::is_error)
                {
                    doc = Some(second);
                    generated = again;
                }
            }
        }
        out.diagnostics.extend(diags);
        if let Some(doc) = &mut doc {
            fill_metadata(doc.info_mut(), report);
            out.diagnostics.extend(glyphs::check(doc, self.base.fonts(), report, &generated));
        }
        out.source = Some(generated.text);
        out.doc = doc;
        out
    }

    /// Keep the row heights the templates measured for tables whose heights hold for
    /// every report (labels and counts only), so later reports skip the measuring.
    fn keep_row_heights(&self, measured: &template::RowHeights, generated: &template::Generated) {
        let keep: Vec<_> = measured
            .iter()
            .filter(|(name, _)| generated.measured.contains(&name.as_str()))
            .collect();
        if !keep.is_empty() {
            let mut known = self.row_heights.write().unwrap_or_else(|e| e.into_inner());
            for (name, h) in keep {
                known.entry(name.clone()).or_insert_with(|| h.clone());
            }
        }
    }

    /// The fixed document date: `--creation-timestamp`, else the 成文日期, else 1 January
    /// after the report year (so output is reproducible).
    pub fn document_date(&self, report: &Report) -> Datetime {
        if let Some(ts) = self.timestamp
            && let Some(dt) = datetime_from_unix(ts)
        {
            return dt;
        }
        if let Some(sig) = &report.signature
            && let Some(dt) =
                Datetime::from_ymd(i32::from(sig.date.year), sig.date.month, sig.date.day)
        {
            return dt;
        }
        Datetime::from_ymd(i32::from(report.year.0) + 1, 1, 1).expect("valid date")
    }
}

/// The PDF metadata of a report: title, author (the organization), keywords and the
/// language zh-CN. Set here rather than by a `set document` in the template, whose
/// per-report values would sit in every document's styles and defeat typst's reuse of
/// the layout that reports share. What a customized template sets itself is kept.
fn fill_metadata(info: &mut typst::model::DocumentInfo, report: &Report) {
    if info.title.is_none() {
        info.title = Some(report.title().into());
    }
    if info.author.is_empty() {
        info.author = vec![report.organization.as_str().into()];
    }
    if info.keywords.is_empty() {
        info.keywords = vec![
            report.organization.as_str().into(),
            format!("{}年", report.year.0).into(),
            "政府信息公开工作年度报告".into(),
        ];
    }
    if info.locale.is_auto() {
        info.locale = typst::foundations::Smart::Custom(typst::text::Locale {
            lang: typst::text::Lang::CHINESE,
            region: "cn".parse().ok(),
        });
    }
}

/// The official font of each role: the chain's first Chinese name (the configured chain,
/// or the default one), as Word, WPS and browsers on office PCs know the fonts.
fn office_fonts(fonts: &FontSet) -> OfficeFonts {
    use fonts::Role;
    let font = |role: Role, generic: &str| {
        let chain: Vec<String> = match fonts.role(role) {
            Some(r) => r.chain.clone(),
            None => role.default_chain().iter().map(|s| s.to_string()).collect(),
        };
        OfficeFont::from_chain(&chain, generic)
    };
    OfficeFonts {
        title: font(Role::Title, "serif"),
        body: font(Role::Body, "serif"),
        hei: font(Role::Hei, "sans-serif"),
        kai: font(Role::Kai, "serif"),
        song: font(Role::Song, "serif"),
    }
}

/// A UTC date-time from Unix seconds.
fn datetime_from_unix(secs: i64) -> Option<Datetime> {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (year, month, day) = crate::model::civil_from_days(days);
    let (year, month, day) = (year as i32, month as u8, day as u8);
    Datetime::from_ymd_hms(
        year,
        month,
        day,
        (rem / 3600) as u8,
        (rem % 3600 / 60) as u8,
        (rem % 60) as u8,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_dates() {
        let d = datetime_from_unix(1_700_000_000).unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (Some(2023), Some(11), Some(14)));
        assert_eq!(d.hour(), Some(22));
        let d = datetime_from_unix(0).unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (Some(1970), Some(1), Some(1)));
    }
}
