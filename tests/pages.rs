//! Page fill and table 三's page breaks, on the generated corpus: no page before the last
//! is less than 60 % filled; a table 三 that crosses a page breaks between its groups
//! （一）…（七）, repeating its header rows and the merged 三、本年度办理结果 label.

use nianbao::form::{self, T3_ROWS};
use nianbao::render::layout::{TextRun, content_bottoms, text_runs};
use nianbao::{Artifact, OutputFormat, Renderer};

use crate::common::{find, find_all, options, renderer};
use crate::gen_corpus::{self, SEED};

/// The text block of GB/T 9704 on A4: from 37 mm to 262 mm (pt).
const TOP: f64 = 37.0 * 72.0 / 25.4;
const BOTTOM: f64 = 262.0 * 72.0 / 25.4;
/// How many corpus reports the fill test lays out (debug build: about 10 s).
const FILL_REPORTS: usize = 300;

fn load(i: usize) -> nianbao::Report {
    let text = gen_corpus::report(SEED, i).to_string();
    nianbao::input::data::parse(&text, nianbao::input::Format::Json, "gen.json").expect("loads")
}

/// How full each page's text block is (0–1).
fn fills(doc: &typst_layout::PagedDocument) -> Vec<f64> {
    content_bottoms(doc, BOTTOM + 1.0).iter().map(|b| (b - TOP) / (BOTTOM - TOP)).collect()
}

#[test]
fn no_page_before_the_last_is_less_than_60_percent_filled() {
    let mut low = Vec::new();
    let mut pages = 0;
    for i in 0..FILL_REPORTS {
        let laid = renderer().layout(&load(i));
        assert!(!laid.has_errors(), "report {i}: {:?}", laid.diagnostics);
        let fills = fills(&laid.doc.expect("layout"));
        pages += fills.len();
        for (p, fill) in fills.iter().enumerate().take(fills.len() - 1) {
            assert!(*fill <= 1.0 + 1e-6, "report {i} page {} overflows: {fill}", p + 1);
            if *fill < 0.6 {
                low.push(format!("report {i} page {}: {:.0} %", p + 1, fill * 100.0));
            }
        }
    }
    assert!(pages > 4 * FILL_REPORTS, "the corpus is too short to test page fill: {pages} pages");
    assert!(low.is_empty(), "{} of {pages} pages are less than 60 % filled: {low:#?}", low.len());
}

/// The pages on which `label` is printed.
fn pages_of(runs: &[TextRun], label: &str) -> Vec<usize> {
    find_all(runs, label).iter().map(|f| f.page).collect()
}

/// The first corpus reports whose table 三 is split over two pages.
fn split_reports(n: usize) -> Vec<(usize, nianbao::Laid)> {
    (0..FILL_REPORTS)
        .map(|i| (i, renderer().layout(&load(i))))
        .filter(|(_, laid)| {
            let source = laid.source.as_deref().unwrap_or_default();
            !source.contains("split: none)")
        })
        .take(n)
        .collect()
}

#[test]
fn a_split_table_three_breaks_between_groups_and_repeats_header_and_label() {
    let split = split_reports(3);
    assert_eq!(split.len(), 3, "no corpus report splits table 三");
    for (i, laid) in split {
        let doc = laid.doc.expect("layout");
        let runs = text_runs(&doc);
        let header = pages_of(&runs, form::T3_APPLICANTS);
        assert_eq!(header.len(), 2, "report {i}: the header rows repeat once: {header:?}");
        assert_eq!(header[1], header[0] + 1, "report {i}: {header:?}");
        // The merged label is printed beside the block's rows on both pages.
        assert_eq!(pages_of(&runs, form::T3_RESULTS), header, "report {i}");
        // Every row once; each group （三）…（六） whole on one page.
        for row in T3_ROWS {
            assert_eq!(find_all(&runs, row.label).len(), 1, "report {i}: {}", row.label);
        }
        for group in T3_ROWS.iter().filter_map(|r| r.group) {
            let pages: Vec<usize> = T3_ROWS
                .iter()
                .filter(|r| r.group == Some(group))
                .map(|r| find(&runs, r.label).page)
                .collect();
            assert!(pages.windows(2).all(|w| w[0] == w[1]), "report {i}: {group} split");
        }
        // The first page of the table is at least 60 % full; the second part starts at
        // the top of the next page, with the header rows.
        let fills = fills(&doc);
        assert!(fills[header[0] - 1] >= 0.6, "report {i}: {fills:?}");
        let notes = find_all(&runs, form::T3_NOTE);
        assert_eq!(notes.iter().map(|f| f.page).collect::<Vec<_>>(), header, "report {i}");
        assert!(notes[1].top < TOP + 40.0, "report {i}: part two starts at {}", notes[1].top);
    }
}

#[test]
fn a_split_report_is_byte_identical_from_a_fresh_and_a_warm_renderer() {
    let (i, _) = split_reports(1).pop().expect("a split report");
    let report = load(i);
    let pdf = |r: &Renderer| match r.render(&report, OutputFormat::Pdf).artifact {
        Some(Artifact::Pdf(b)) => b,
        other => panic!("{other:?}"),
    };
    // A fresh renderer measures the table's rows first; a warm one knows them.
    let fresh = pdf(&Renderer::new(&options()).unwrap());
    assert_eq!(fresh, pdf(renderer()), "report {i}");
    assert_eq!(fresh, pdf(renderer()), "report {i}");
}
