//! Rendering: every sample renders cleanly, every number lands in its cell, every label
//! is printed exactly, user text stays text, output is deterministic.

use nianbao::form::{self, T3_COLUMNS, T3_ROWS, T4_COLUMNS};
use nianbao::{Artifact, OutputFormat, Renderer};

use crate::common::*;

const ALLOWED_FAMILIES: [&str; 4] =
    ["FandolFang R", "FandolKai", "Noto Serif CJK SC", "Noto Sans CJK SC"];

#[test]
fn every_sample_renders_to_pdf_without_tofu_or_foreign_fonts() {
    let samples = samples();
    assert!(samples.len() >= 4, "samples: {samples:?}");
    for path in samples {
        let report = nianbao::input::load(&path).unwrap_or_else(|d| panic!("{d:?}")).report;
        let rendered = renderer().render(&report, OutputFormat::Pdf);
        assert!(!rendered.has_errors(), "{}: {:#?}", path.display(), rendered.diagnostics);
        let Some(Artifact::Pdf(pdf)) = rendered.artifact else { panic!("no PDF") };
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(rendered.pages >= 3, "{}: {} pages", path.display(), rendered.pages);
        for run in runs(&report) {
            assert!(!run.tofu, "{}: tofu in {:?}", path.display(), run.text);
            assert!(
                ALLOWED_FAMILIES.contains(&run.family.as_str()),
                "{}: {:?} set in unexpected font {}",
                path.display(),
                run.text,
                run.family
            );
        }
    }
}

#[test]
fn table_three_numbers_land_in_their_cells() {
    let report = sample("county-department.json");
    let runs = runs(&report);
    let expected = report.requests.rows();
    for (i, row) in T3_ROWS.iter().enumerate() {
        let label = find(&runs, row.label);
        let columns: Vec<f64> = T3_COLUMNS
            .iter()
            .map(|(_, l)| {
                find_all(&runs, l)
                    .into_iter()
                    .find(|f| f.page == label.page)
                    .unwrap_or_else(|| panic!("column {l} not on page {}", label.page))
                    .centre()
            })
            .collect();
        for (c, (_, col)) in T3_COLUMNS.iter().enumerate() {
            let got = number_at(&runs, label.page, (label.top, label.bottom), &columns, c);
            assert_eq!(got, Some(expected[i][c].to_string()), "表三 “{}”行 “{col}”列", row.label);
        }
    }
}

#[test]
fn table_two_numbers_land_in_their_cells() {
    let report = sample("county-department.json");
    let runs = runs(&report);
    let p = &report.proactive;
    let stock_cols: Vec<f64> = [form::t2::ISSUED, form::t2::REPEALED, form::t2::IN_FORCE]
        .iter()
        .map(|l| find(&runs, l).centre())
        .collect();
    for (label, stock) in
        [(form::t2::RULES, &p.rules), (form::t2::NORMATIVE, &p.normative_documents)]
    {
        let row = find(&runs, label);
        let mut columns = vec![row.centre()];
        columns.extend(&stock_cols);
        for (c, want) in [stock.issued.0, stock.repealed.0, stock.in_force.0].iter().enumerate() {
            let got = number_at(&runs, row.page, (row.top, row.bottom), &columns, c + 1);
            assert_eq!(got, Some(want.to_string()), "表二 “{label}”行 第{}列", c + 1);
        }
    }
    for (label, header, want) in [
        (form::t2::LICENSING, form::t2::DECISIONS, p.licensing.0.to_string()),
        (form::t2::PUNISHMENT, form::t2::DECISIONS, p.punishment.0.to_string()),
        (form::t2::ENFORCEMENT, form::t2::DECISIONS, p.enforcement.0.to_string()),
        (form::t2::FEES, form::t2::AMOUNT, p.fees.0.clone()),
    ] {
        let row = find(&runs, label);
        // The column header of this block: the nearest one above the row.
        let head = find_all(&runs, header)
            .into_iter()
            .filter(|h| h.page == row.page && h.bottom <= row.top)
            .max_by(|a, b| a.top.partial_cmp(&b.top).unwrap())
            .unwrap_or_else(|| panic!("no {header} above {label}"));
        let columns = [row.centre(), head.centre()];
        let got = number_at(&runs, row.page, (row.top, row.bottom), &columns, 1);
        assert_eq!(got, Some(want), "表二 “{label}”行 “{header}”列");
    }
}

#[test]
fn table_four_numbers_land_in_their_cells() {
    let report = sample("county-department.json");
    let runs = runs(&report);
    let review = find(&runs, form::T4_REVIEW);
    let mut heads: Vec<Found> = T4_COLUMNS
        .iter()
        .flat_map(|(_, l)| find_all(&runs, l))
        .filter(|f| f.page == review.page && f.top >= review.top && f.top < review.top + 80.0)
        .collect();
    assert_eq!(heads.len(), 15, "15 column headers under 行政复议/行政诉讼");
    heads.sort_by(|a, b| a.centre().partial_cmp(&b.centre()).unwrap());
    let columns: Vec<f64> = heads.iter().map(Found::centre).collect();
    let header_bottom = heads.iter().map(|h| h.bottom).fold(f64::MIN, f64::max);
    let a = &report.appeals;
    let expected: Vec<u64> =
        [a.review.cells(), a.litigation.cells(), a.litigation_after_review.cells()].concat();
    for (c, want) in expected.iter().enumerate() {
        let got = number_at(&runs, review.page, (header_bottom, header_bottom + 30.0), &columns, c);
        assert_eq!(got, Some(want.to_string()), "表四 第{}列", c + 1);
    }
    // The header labels are the form's, in order.
    for (i, h) in heads.iter().enumerate() {
        let label = T4_COLUMNS[i % 5].1;
        assert!(find_all(&runs, label).iter().any(|f| (f.centre() - h.centre()).abs() < 0.5));
    }
}

#[test]
fn every_official_label_and_heading_is_printed_exactly() {
    let report = sample("seed.json");
    let runs = runs(&report);
    let mut labels: Vec<&str> = form::SECTIONS.to_vec();
    labels.extend(form_header_labels());
    labels.extend(T3_ROWS.iter().map(|r| r.label));
    labels.extend(T3_COLUMNS.iter().map(|c| c.1));
    labels.extend(T4_COLUMNS.iter().map(|c| c.1));
    for label in labels {
        find(&runs, label);
    }
    find(&runs, "蔡家堡乡2024年政府信息公开年度工作报告");
    find(&runs, "（一）加强组织领导，明确工作职责。");
    // Page numbers: "— N —" on every page.
    let pages = runs.iter().map(|r| r.page).max().unwrap();
    for n in 1..=pages {
        assert!(
            find_all(&runs, &format!("—{n}—")).iter().any(|f| f.page == n),
            "page number of page {n}"
        );
    }
}

const INJECTION: &str = r##"# $x$ *b* _i_ [l] \ @ref <lab> ~ "q" 'a' // c /* c */ = h - l + e 1. e http://example.com #set page(width: 1cm) #{ panic() } {{ x }} 中文垟"##;

#[test]
fn user_text_is_printed_literally_never_interpreted() {
    let mut report = sample("seed.json");
    report.title = Some(INJECTION.to_string());
    report.organization = INJECTION.to_string();
    report.preface = vec![nianbao::model::Paragraph::Text(INJECTION.to_string())];
    report.overview.push(nianbao::model::Paragraph::RunIn {
        heading: INJECTION.to_string(),
        text: INJECTION.to_string(),
    });
    report.proactive.fees = nianbao::model::Amount("5949.088667".into());
    let rendered = renderer().render(&report, OutputFormat::Pdf);
    assert!(!rendered.has_errors(), "{:#?}", rendered.diagnostics);
    let runs = runs(&report);
    // Title (maybe over several lines), preface and run-in text all print verbatim.
    assert!(find_all(&runs, INJECTION).len() >= 2, "injection text not printed verbatim");
    let all: String = runs.iter().map(|r| r.text.as_str()).collect::<String>();
    let squeezed: String = all.chars().filter(|c| !c.is_whitespace()).collect();
    let want: String = INJECTION.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(squeezed.matches(&want).count() >= 3, "{squeezed}");
    find(&runs, "5949.088667");
}

#[test]
fn output_is_byte_identical_for_identical_input() {
    let report = sample("county-department.json");
    let render = |r: &Renderer| match r.render(&report, OutputFormat::Pdf).artifact {
        Some(Artifact::Pdf(b)) => b,
        other => panic!("{other:?}"),
    };
    let a = render(renderer());
    let b = render(renderer());
    let fresh = Renderer::new(&options()).unwrap();
    let c = render(&fresh);
    assert!(a == b && b == c, "PDF bytes differ between renders");
    let mut opts = options();
    opts.timestamp = Some(1_700_000_000);
    let d = render(&Renderer::new(&opts).unwrap());
    assert_ne!(a, d, "the timestamp option changes the PDF dates");
    assert!(String::from_utf8_lossy(&d).contains("2023"));
}

#[test]
fn pdf_metadata_names_the_report_its_author_and_chinese() {
    use typst::foundations::Smart;
    use typst::model::Document;
    let report = sample("county-department.json");
    let out = renderer().layout(&report);
    let doc = out.doc.clone().expect("layout");
    let info = doc.info();
    assert_eq!(info.title.as_deref(), Some(report.title().as_str()));
    assert_eq!(info.author, [report.organization.as_str()]);
    assert!(info.keywords.iter().any(|k| k == "2024年"), "{:?}", info.keywords);
    let Smart::Custom(locale) = info.locale else { panic!("no language: {:?}", info.locale) };
    assert_eq!(locale.lang.as_str(), "zh");
    assert_eq!(locale.region.as_ref().map(|r| r.as_str()), Some("CN"));
    // The XMP metadata of the PDF carries them.
    let xmp = String::from_utf8_lossy(&pdf(renderer(), &report)).into_owned();
    assert!(xmp.contains(&format!(
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}",
        report.title()
    )));
    assert!(xmp.contains("<dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li>"));
}

#[test]
fn generated_typst_source_snapshot() {
    // A fresh renderer: one that has rendered a report passes the tables' row heights.
    let generated = Renderer::new(&options()).unwrap().generate(&sample("seed.json")).unwrap();
    insta::assert_snapshot!("seed_report_typ", generated.text);
}

fn pdf(r: &Renderer, report: &nianbao::model::Report) -> Vec<u8> {
    match r.render(report, OutputFormat::Pdf).artifact {
        Some(Artifact::Pdf(b)) => b,
        other => panic!("{other:?}"),
    }
}

#[test]
fn table_rows_measured_once_are_reused_with_identical_output() {
    let r = Renderer::new(&options()).unwrap();
    let seed = sample("seed.json");
    // A fresh renderer measures every table.
    let first = r.generate(&seed).unwrap().text;
    for call in ["#table3(", "#table4("] {
        let line = first.lines().find(|l| l.starts_with(call)).unwrap();
        assert!(line.contains("heights: none"), "{line}");
    }
    let fresh = pdf(&r, &sample("county-department.json"));
    assert_eq!(fresh, pdf(&Renderer::new(&options()).unwrap(), &sample("county-department.json")));
    // After one report, the heights are passed in (the free-text fee block excepted)…
    let second = r.generate(&seed).unwrap().text;
    for call in ["#table3(", "#table4("] {
        let line = second.lines().find(|l| l.starts_with(call)).unwrap();
        assert!(line.contains("heights: (") && !line.contains("heights: none"), "{line}");
    }
    let t2 = second.lines().find(|l| l.starts_with("#table2(")).unwrap();
    assert!(t2.contains("t2-stock") && !t2.contains("t2-fees"), "{t2}");
    // …and the PDF is the same, byte for byte, as from a fresh renderer.
    assert_eq!(pdf(&r, &seed), pdf(&Renderer::new(&options()).unwrap(), &seed));
}

#[test]
fn a_cell_shown_as_written_is_measured_not_given_the_kept_heights() {
    let r = Renderer::new(&options()).unwrap();
    let _ = pdf(&r, &sample("seed.json"));
    // 表三 with an invalid cell printed as written (--allow-invalid): long text wraps.
    let mut v = sample_json("seed.json");
    v["requests"]["granted"]["natural_person"] = "不适用见附注说明".into();
    let report =
        nianbao::input::data::parse(&v.to_string(), nianbao::input::Format::Json, "x.json")
            .unwrap();
    assert_eq!(report.invalid_cells.len(), 1);
    let text = r.generate(&report).unwrap().text;
    let t3 = text.lines().find(|l| l.starts_with("#table3(")).unwrap();
    assert!(t3.contains("heights: none"), "{t3}");
    let t4 = text.lines().find(|l| l.starts_with("#table4(")).unwrap();
    assert!(!t4.contains("heights: none"), "{t4}");
    // The row grows to hold the wrapped text: the next row starts below it.
    let out = r.layout(&report);
    let doc = out.doc.clone().expect("layout");
    let runs = nianbao::render::layout::text_runs(&doc);
    let row = find(&runs, T3_ROWS[2].label);
    let next = find(&runs, T3_ROWS[3].label);
    let written: Vec<_> = runs
        .iter()
        .filter(|t| {
            t.page == row.page && "不适用见附注说明".contains(t.text.trim()) && t.y > row.top
        })
        .filter(|t| !t.text.trim().is_empty() && t.y < next.top + 40.0)
        .collect();
    assert!(written.len() >= 2, "the text wraps in its narrow cell: {written:?}");
    let bottom = written.iter().map(|t| t.y).fold(f64::MIN, f64::max);
    assert!(bottom < next.top, "wrapped text {bottom} overlaps the next row at {}", next.top);
    // Heights measured with a cell shown as written are not kept for later reports.
    let later = r.generate(&sample("seed.json")).unwrap().text;
    let t3 = later.lines().find(|l| l.starts_with("#table3(")).unwrap();
    let kept = t3.rsplit("heights: ").next().unwrap();
    let measured_again = Renderer::new(&options()).unwrap();
    let _ = pdf(&measured_again, &sample("seed.json"));
    let fresh = measured_again.generate(&sample("seed.json")).unwrap().text;
    let t3_fresh = fresh.lines().find(|l| l.starts_with("#table3(")).unwrap();
    assert_eq!(kept, t3_fresh.rsplit("heights: ").next().unwrap());
}

#[test]
fn table_three_breaks_between_groups_and_repeats_its_header() {
    let report = sample("long-narrative.json");
    let runs = runs(&report);
    let header_pages: Vec<usize> =
        find_all(&runs, form::T3_APPLICANTS).iter().map(|f| f.page).collect();
    assert!(
        header_pages.len() >= 2,
        "table 三 should break and repeat its header: {header_pages:?}"
    );
    // Here rows 一 and 二 end the page: the block 三、本年度办理结果 would keep fewer than
    // four rows beside its label there, so it starts the next page whole (a split block
    // is tested in pages.rs).
    let group_pages: Vec<usize> =
        T3_ROWS[2..24].iter().map(|r| find(&runs, r.label).page).collect();
    assert!(group_pages.windows(2).all(|w| w[0] == w[1]), "group split: {group_pages:?}");
    let results = find(&runs, form::T3_RESULTS);
    assert_eq!(results.page, group_pages[0]);
    // Each row label stays on one page (no row is cut).
    for row in T3_ROWS {
        assert_eq!(find_all(&runs, row.label).len(), 1, "{}", row.label);
    }
}

#[test]
fn rare_place_name_characters_fall_back_to_noto_serif_sc() {
    let report = sample("rare-characters.yaml");
    let runs = runs(&report);
    for ch in ["𬇙", "垟", "埇", "㙟"] {
        let hits: Vec<_> = runs.iter().filter(|r| r.text.contains(ch)).collect();
        assert!(!hits.is_empty(), "{ch} not printed");
        for r in hits {
            assert!(!r.tofu, "{ch} drawn as tofu");
        }
    }
    find(&runs, "平阳县𬇙垟乡人民政府");
}

#[test]
fn png_and_svg_give_one_file_per_page() {
    let report = sample("seed.json");
    let Some(Artifact::Pages(svgs)) = renderer().render(&report, OutputFormat::Svg).artifact else {
        panic!()
    };
    let Some(Artifact::Pages(pngs)) =
        renderer().render(&report, OutputFormat::Png { ppi: 30.0 }).artifact
    else {
        panic!()
    };
    assert_eq!(svgs.len(), pngs.len());
    assert!(svgs[0].starts_with(b"<svg"));
    assert!(pngs[0].starts_with(b"\x89PNG"));
}

/// Millimetres to points.
fn mm(v: f64) -> f64 {
    v * 72.0 / 25.4
}

#[test]
fn page_margins_and_grid_follow_gb_t_9704() {
    let report = sample("seed.json");
    let runs = runs(&report);
    let body: Vec<_> = runs.iter().filter(|r| (r.size - 16.0).abs() < 0.01).collect();
    for (page, left, right) in [(1, mm(28.0), mm(210.0 - 26.0)), (2, mm(26.0), mm(210.0 - 28.0))] {
        let on_page: Vec<_> = body.iter().filter(|r| r.page == page).collect();
        let min_x = on_page.iter().map(|r| r.x).fold(f64::MAX, f64::min);
        let max_x = on_page.iter().map(|r| r.x + r.width).fold(f64::MIN, f64::max);
        assert!((min_x - left).abs() < 0.5, "page {page}: text starts at {min_x}, want {left}");
        assert!(max_x <= right + 0.5 && max_x > right - 4.0, "page {page}: ends at {max_x}");
        // 天头 37 mm: the first line's box (0.88 em above the baseline) starts there.
        // (On page 1 the first line is the 22 pt title.)
        let (first, size) = runs
            .iter()
            .filter(|r| r.page == page && r.size > 15.0)
            .map(|r| (r.y, r.size))
            .fold((f64::MAX, 0.0), |a, b| if b.0 < a.0 { b } else { a });
        assert!(
            (first - 0.88 * size - mm(37.0)).abs() < 0.5,
            "page {page}: first baseline {first}"
        );
    }
    // 22 lines a page: consecutive body baselines are 225 mm / 22 apart.
    let mut ys: Vec<f64> = body.iter().filter(|r| r.page == 2).map(|r| r.y).collect();
    ys.sort_by(|a, b| a.partial_cmp(b).unwrap());
    ys.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    let pitch = mm(225.0) / 22.0;
    for w in ys.windows(2).take(8) {
        assert!(((w[1] - w[0]) - pitch).abs() < 0.3, "line pitch {} want {pitch}", w[1] - w[0]);
    }
    // Page numbers in 4号 (14 pt), odd pages right and even pages left, 1 em in.
    let p1 = find_all(&runs, "—1—")[0];
    let p2 = find_all(&runs, "—2—")[0];
    assert!((p1.x1 - (mm(184.0) - 14.0)).abs() < 1.0, "odd page number ends at {}", p1.x1);
    assert!((p2.x0 - (mm(26.0) + 14.0)).abs() < 1.0, "even page number starts at {}", p2.x0);
}

#[test]
fn signature_and_date_are_placed_per_gb_t_9704() {
    let report = sample("county-department.json");
    let runs = runs(&report);
    let sig = report.signature.as_ref().unwrap();
    let org = find_all(&runs, &sig.organization).into_iter().last().unwrap();
    let date = find(&runs, &sig.date.chinese());
    assert_eq!(org.page, date.page, "signature and date on one page");
    let pitch = mm(156.0) / 28.0;
    let right = if org.page % 2 == 1 { mm(184.0) } else { mm(182.0) };
    // The date starts two characters right of the signature's start…
    assert!((date.x0 - org.x0 - 2.0 * pitch).abs() < 1.5, "{org:?} {date:?}");
    // …and whichever line is longer keeps a two-character right indent.
    let indent = right - org.x1.max(date.x1);
    assert!((indent - 2.0 * pitch).abs() < 1.5, "right indent {indent}");
    assert!(date.top > org.top);
}

#[test]
fn tofu_is_an_error_naming_the_character_and_field_and_fallbacks_are_warnings() {
    let mut report = sample("seed.json");
    // 𪚥 (U+2A6A5) is in none of the bundled fonts.
    report.overview.push(nianbao::model::Paragraph::Text("这里有一个生僻字𪚥。".into()));
    let rendered = renderer().render(&report, OutputFormat::Pdf);
    let tofu: Vec<_> = rendered.diagnostics.iter().filter(|d| d.code == "glyph-missing").collect();
    assert_eq!(tofu.len(), 1, "{:#?}", rendered.diagnostics);
    assert!(tofu[0].message.contains("U+2A6A5") && tofu[0].message.contains("𪚥"));
    assert_eq!(tofu[0].location.field.as_deref(), Some("overview[3]"));
    assert!(rendered.artifact.is_none(), "no output with tofu in it");

    let rare = renderer().render(&sample("rare-characters.yaml"), OutputFormat::Pdf);
    assert!(rare.artifact.is_some());
    let fallbacks: Vec<_> =
        rare.diagnostics.iter().filter(|d| d.code == "glyph-fallback").collect();
    let msg = fallbacks.iter().find(|d| d.message.contains("𬇙")).expect("𬇙 falls back");
    assert!(
        msg.message.contains("FandolFang R") && msg.message.contains("Noto Serif CJK SC"),
        "{msg}"
    );
    assert!(!rare.has_errors());
}
