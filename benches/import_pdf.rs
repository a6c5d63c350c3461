//! PDF and text import benchmark: reads real report PDFs into documents, and imports them
//! whole (read + recognized as a report, what `nianbao import` does in process), many times
//! each, and reports the median and worst time per file and per page. The corpus: nianbao's own
//! PDFs of every sample (the seed is 5 pages, long-narrative 8), the LibreOffice exports of
//! tests/fixtures/import-pdf (5 and 4 pages), and the `pdftotext -layout` text of the
//! 5-page LibreOffice PDF when poppler is installed.
//!
//! Run: `cargo bench --bench import_pdf` (release). `NIANBAO_BENCH_N=200` sets the repeats.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use nianbao::input::document::{Block, Document};
use nianbao::render::fonts::Bundle;
use nianbao::{Artifact, FontOptions, OutputFormat, Renderer, RendererOptions};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pages(doc: &Document) -> u32 {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => p.origin.page,
            Block::Table(t) => t.origin.page,
        })
        .max()
        .unwrap_or(0)
}

fn time(name: &str, n: usize, read: impl Fn() -> Document) {
    let pages = pages(&read()).max(1);
    time_pages(name, n, pages, read);
}

/// Import `bytes` as the file `name` whole: read, then recognized as a report.
fn import(bytes: &[u8], name: &str) -> nianbao::input::recognize::Recognized {
    let got = nianbao::input::import_bytes(bytes, Path::new(name), name).expect("imports");
    assert!(got.complete, "{name}: {:#?}", got.findings);
    got
}

fn time_pages<T>(name: &str, n: usize, pages: u32, run: impl Fn() -> T) {
    let mut times: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(run());
            t.elapsed()
        })
        .collect();
    times.sort();
    let median = times[n / 2];
    let worst = times[n - 1];
    println!(
        "{name:<44} {pages:>2} pages  median {:>7.2} ms  ({:>5.2} ms/page)  worst {:>7.2} ms",
        median.as_secs_f64() * 1e3,
        median.as_secs_f64() * 1e3 / pages as f64,
        worst.as_secs_f64() * 1e3,
    );
}

fn main() {
    let n: usize =
        std::env::var("NIANBAO_BENCH_N").ok().and_then(|v| v.parse().ok()).unwrap_or(100);
    let options = RendererOptions {
        fonts: FontOptions {
            bundle: Bundle::Dir(root().join("fonts")),
            system_fonts: false,
            font_paths: vec![],
            chains: None,
        },
        ..Default::default()
    };
    let renderer = Renderer::new(&options).expect("renderer");
    println!("import_pdf: {n} reads per file");
    let mut samples: Vec<PathBuf> =
        std::fs::read_dir(root().join("samples")).unwrap().map(|e| e.unwrap().path()).collect();
    samples.sort();
    for path in samples {
        let report = nianbao::input::load(&path).expect("sample").report;
        let Some(Artifact::Pdf(pdf)) = renderer.render(&report, OutputFormat::Pdf).artifact else {
            panic!("render {}", path.display());
        };
        let name = format!("nianbao {}", path.file_name().unwrap().to_string_lossy());
        time(&name, n, || nianbao::input::pdf::read(&pdf, "bench.pdf").expect("reads"));
        let pages = pages(&nianbao::input::pdf::read(&pdf, "bench.pdf").unwrap()).max(1);
        time_pages(&format!("{name}, whole import"), n, pages, || import(&pdf, "bench.pdf"));
    }
    let fixtures = root().join("tests/fixtures/import-pdf");
    for name in ["county-libreoffice.pdf", "township-simsun-not-embedded.pdf"] {
        let pdf = std::fs::read(fixtures.join(name)).unwrap();
        time(&format!("LibreOffice {name}"), n, || {
            nianbao::input::pdf::read(&pdf, name).expect("reads")
        });
        let pages = pages(&nianbao::input::pdf::read(&pdf, name).unwrap()).max(1);
        time_pages(&format!("LibreOffice {name}, whole import"), n, pages, || import(&pdf, name));
    }
    if let Some(text) = pdftotext(&fixtures.join("county-libreoffice.pdf")) {
        time("pdftotext -layout of county-libreoffice.pdf", n, || {
            nianbao::input::text::read(&text, "county.txt").expect("reads")
        });
    }
}

fn pdftotext(pdf: &Path) -> Option<Vec<u8>> {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", pdf.to_str()?, "-"])
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout)
}
