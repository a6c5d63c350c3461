//! Round trip through every published format: a report rendered as PDF, as an HTML page (and
//! its body alone) and as a DOCX, then imported, gives back the same data: every number,
//! heading and paragraph (text compared without whitespace). For every sample and for
//! generated reports of the realistic corpus (their own texts, non-zero tables, long
//! narratives that break table 三 across pages).

use std::path::Path;

use nianbao::{Artifact, OutputFormat, Report};

use crate::common::*;
use crate::gen_corpus;
use crate::import::{as_printed, assert_same};

/// Generated reports checked (each in four formats).
const GENERATED: usize = 10;

fn samples() -> Vec<(String, Report)> {
    let mut out: Vec<(String, Report)> = std::fs::read_dir(root().join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| nianbao::input::is_input(p))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, nianbao::input::load(&p).unwrap_or_else(|d| panic!("{d:#?}")).report)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn generated() -> Vec<(String, Report)> {
    (0..GENERATED)
        .map(|i| {
            let value = gen_corpus::report(gen_corpus::SEED ^ 0x5eed, i);
            let report: Report = serde_json::from_value(value).expect("a generated report");
            (format!("generated #{i}"), report)
        })
        .collect()
}

/// Render `report` as `format`, import the bytes as a file named `ext`, and compare.
fn round_trip(name: &str, report: &Report, format: OutputFormat, ext: &str) -> usize {
    let out = renderer().render(report, format);
    let bytes = match out.artifact {
        Some(Artifact::Pdf(b) | Artifact::Html(b) | Artifact::Docx(b)) => b,
        other => panic!("{name}: no {ext}: {other:?} {:#?}", out.diagnostics),
    };
    let file = format!("round-trip.{ext}");
    let what = format!("{name} → {ext}");
    let got = nianbao::input::import_bytes(&bytes, Path::new(&file), &file)
        .unwrap_or_else(|d| panic!("{what}: {d:#?}"));
    assert!(got.complete, "{what}: {:#?}", got.findings);
    let imported = got.report.as_ref().expect("a report");
    assert_same(imported, &as_printed(report), &what);
    // Nothing printed as a blank, "/" or text: no placeholders in nianbao's own output.
    let placeholders = imported.imported.as_ref().map_or(0, |i| i.placeholders.len());
    assert_eq!(placeholders, 0, "{what}: {:#?}", got.findings);
    out.pages
}

#[test]
fn samples_read_back_from_pdf_html_and_docx() {
    for (name, report) in samples() {
        round_trip(&name, &report, OutputFormat::Pdf, "pdf");
        round_trip(&name, &report, OutputFormat::Html { fragment: false }, "html");
        round_trip(&name, &report, OutputFormat::Html { fragment: true }, "html");
        round_trip(&name, &report, OutputFormat::Docx, "docx");
    }
}

#[test]
fn generated_reports_read_back_from_pdf_html_and_docx() {
    let mut long = 0;
    for (name, report) in generated() {
        let pages = round_trip(&name, &report, OutputFormat::Pdf, "pdf");
        long += usize::from(pages >= 4);
        round_trip(&name, &report, OutputFormat::Html { fragment: false }, "html");
        round_trip(&name, &report, OutputFormat::Docx, "docx");
    }
    assert!(long >= 2, "the generated reports include long ones ({long} of 4+ pages)");
}
