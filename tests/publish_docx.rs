//! The Word document (.docx): read back as a reader that understands gridSpan/vMerge reads
//! it (every merged cell of the form where it belongs), its layout settings as Word and WPS
//! see them, and opened by LibreOffice headless, whose PDF has every label and number in
//! its cell, read back with poppler as the render tests read nianbao's own PDF.

use nianbao::form::{self, T3_COLUMNS, T3_ROWS, T4_COLUMNS};
use nianbao::{Artifact, OutputFormat, Report};
use quick_xml::events::Event;

use crate::common::*;
use crate::docx_reader::{ReadCell, parts, read_tables};

fn docx(report: &Report) -> (Vec<u8>, Vec<nianbao::Diagnostic>) {
    let r = renderer().render(report, OutputFormat::Docx);
    match r.artifact {
        Some(Artifact::Docx(bytes)) => (bytes, r.diagnostics),
        other => panic!("no DOCX: {other:?} {:#?}", r.diagnostics),
    }
}

#[test]
fn tables_read_back_with_the_forms_merged_cells_and_numbers() {
    let report = sample("county-department.json");
    let (bytes, _) = docx(&report);
    let tables = read_tables(&parts(&bytes)["word/document.xml"]);
    let view = renderer().view(&report);
    let grids = [&view.grids.t2, &view.grids.t3, &view.grids.t4];
    assert_eq!(tables.len(), 3);
    for (table, grid) in tables.iter().zip(grids) {
        let want: Vec<ReadCell> = grid
            .cells()
            .map(|c| ReadCell {
                row: c.row,
                col: c.col,
                rowspan: c.rowspan,
                colspan: c.colspan,
                text: c.text.clone(),
            })
            .collect();
        assert_eq!(table.cells, want, "表 {}", grid.id);
        // Every row stays whole; the header rows of 表三 and 表四 repeat on a new page.
        assert!(table.cant_split.iter().all(|c| *c), "{}", grid.id);
        let repeats = table.header.iter().take_while(|h| **h).count();
        assert_eq!(repeats, grid.header_rows, "{}", grid.id);
        assert_eq!(table.header.iter().filter(|h| **h).count(), repeats);
    }
    // Spot checks against the form itself.
    let t3 = &tables[1];
    let results = t3.cells.iter().find(|c| c.text == form::T3_RESULTS).unwrap();
    assert_eq!((results.row, results.col, results.rowspan), (5, 0, 22));
    let rows = report.requests.rows();
    for (i, row) in T3_ROWS.iter().enumerate() {
        let label = t3.cells.iter().find(|c| c.text == row.label).unwrap();
        for (c, _) in T3_COLUMNS.iter().enumerate() {
            let cell = t3.cells.iter().find(|x| x.row == label.row && x.col == 3 + c).unwrap();
            assert_eq!(cell.text, rows[i][c].to_string(), "{} · {}", row.label, T3_COLUMNS[c].1);
        }
    }
    let t4 = &tables[2];
    assert_eq!(t4.cells.iter().filter(|c| c.text == T4_COLUMNS[0].1).count(), 3);
    let fee = tables[0].cells.iter().find(|c| c.text == report.proactive.fees.0).unwrap();
    assert_eq!((fee.col, fee.colspan), (1, 3));
}

/// The `w:style` element with this id in `styles.xml`.
fn style<'s>(styles: &'s str, id: &str) -> &'s str {
    let start = styles.find(&format!("w:styleId=\"{id}\"")).unwrap_or_else(|| panic!("style {id}"));
    let end = styles[start..].find("</w:style>").unwrap();
    &styles[start..start + end]
}

#[test]
fn page_grid_fonts_and_page_numbers_are_set_as_word_and_wps_read_them() {
    let (bytes, _) = docx(&sample("county-department.json"));
    let p = parts(&bytes);
    let doc = &p["word/document.xml"];
    // A4, 天头 37 mm, 订口 28 mm (mirrored), outside 26 mm, bottom 35 mm; 22 lines × 28.
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
    assert!(doc.contains(r#"w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#), "{doc}");
    assert!(doc.contains(r#"<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace=""#));
    let settings = &p["word/settings.xml"];
    assert!(settings.contains("<w:mirrorMargins/>") && settings.contains("<w:evenAndOddHeaders/>"));
    // "— N —" as a PAGE field: right on odd pages (default footer), left on even ones.
    for (part, side) in [("word/footer1.xml", "right"), ("word/footer2.xml", "left")] {
        let f = &p[part];
        assert!(f.contains(&format!(r#"<w:jc w:val="{side}"/>"#)), "{f}");
        assert!(f.contains(r#"<w:fldChar w:fldCharType="begin"/>"#) && f.contains(" PAGE "));
        assert!(f.contains(">— <") && f.contains("> —<"), "{f}");
    }
    let rels = &p["word/_rels/document.xml.rels"];
    assert!(doc.contains(r#"<w:footerReference w:type="even""#) && rels.contains("footer2.xml"));
    // Official font names in the east-Asian slots, sizes 2号/3号/5号 in half-points.
    let styles = &p["word/styles.xml"];
    for (id, font, size) in [
        ("Normal", "仿宋_GB2312", 32),
        ("Title", "方正小标宋简体", 44),
        ("Heading1", "黑体", 32),
        ("Heading2", "楷体_GB2312", 32),
        ("TableText", "宋体", 21),
        ("Footer", "宋体", 28),
    ] {
        let s = style(styles, id);
        assert!(s.contains(&format!(r#"w:eastAsia="{font}""#)), "{id}: {s}");
        assert!(s.contains(&format!(r#"<w:sz w:val="{size}"/>"#)), "{id}: {s}");
    }
    assert!(style(styles, "Subheading").contains(r#"w:eastAsia="楷体_GB2312""#));
    // Headings are Word headings (navigation pane, accessibility checker).
    assert!(style(styles, "Heading1").contains(r#"<w:outlineLvl w:val="0"/>"#));
    assert!(doc.contains(
        r#"<w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">一、总体情况"#
    ));
    // The signature and the date, right-aligned, after the last section.
    let sig = doc.rfind("临江县自然资源和规划局").unwrap();
    assert!(
        doc.rfind("2025年1月20日").unwrap() > sig
            && sig > doc.find("六、其他需要报告的事项").unwrap()
    );
    let core = &p["docProps/core.xml"];
    assert!(
        core.contains("<dc:language>zh-CN</dc:language>")
            && core.contains("<dc:creator>临江县自然资源和规划局</dc:creator>")
    );
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    let report = sample("seed.json");
    assert_eq!(docx(&report).0, docx(&report).0);
    let fresh = nianbao::Renderer::new(&options()).unwrap();
    let Some(Artifact::Docx(other)) = fresh.render(&report, OutputFormat::Docx).artifact else {
        panic!()
    };
    assert_eq!(docx(&report).0, other);
}

const HOSTILE: &str = "</w:t></w:r><w:r><w:t>注入 <script>alert(\"x\")</script> & 'q' ]]> &amp;";

#[test]
fn hostile_text_stays_text_and_control_characters_are_removed_with_a_warning() {
    let mut report = sample("seed.json");
    report.organization = format!("{HOSTILE}乡");
    report.overview.push(nianbao::model::Paragraph::RunIn {
        heading: HOSTILE.into(),
        text: format!("铃\u{7}声{HOSTILE}"),
    });
    let (bytes, warnings) = docx(&report);
    let p = parts(&bytes);
    for (name, xml) in &p {
        let mut r = quick_xml::Reader::from_str(xml);
        while !matches!(r.read_event().unwrap_or_else(|e| panic!("{name}: {e}")), Event::Eof) {}
    }
    let doc = &p["word/document.xml"];
    let texts: String = doc
        .split("<w:t xml:space=\"preserve\">")
        .skip(1)
        .map(|t| {
            quick_xml::escape::unescape(t.split("</w:t>").next().unwrap()).unwrap().into_owned()
        })
        .collect();
    assert!(texts.contains(&format!("铃声{HOSTILE}")), "{texts}");
    assert_eq!(texts.matches(HOSTILE).count(), 2, "{texts}");
    assert!(!doc.contains("<script>") && !doc.contains('\u{7}'));
    assert!(p["docProps/core.xml"].contains("&lt;/w:t&gt;"));
    let w: Vec<_> = warnings.iter().filter(|d| d.code == "control-char").collect();
    assert_eq!(w.len(), 1, "{warnings:#?}");
    assert!(w[0].message.contains("U+0007"));
    let field = format!("overview[{}].text", report.overview.len() - 1);
    assert_eq!(w[0].location.field.as_deref(), Some(field.as_str()));
}

/// The words of one row band that are numbers, nearest to each of `columns` (centres).
fn number_under(
    words: &[Word],
    page: usize,
    band: (f64, f64),
    columns: &[f64],
    col: usize,
) -> Option<String> {
    let numeric = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.');
    let hits: Vec<&Word> = words
        .iter()
        .filter(|w| w.page == page && numeric(&w.text) && w.cy() > band.0 && w.cy() < band.1)
        .filter(|w| {
            let nearest = columns
                .iter()
                .enumerate()
                .min_by(|a, b| (a.1 - w.cx()).abs().partial_cmp(&(b.1 - w.cx()).abs()).unwrap());
            nearest.map(|(i, _)| i) == Some(col)
        })
        .collect();
    assert!(hits.len() <= 1, "several numbers in one cell: {hits:?}");
    hits.first().map(|w| w.text.clone())
}

#[test]
fn libreoffice_prints_every_label_and_number_in_its_cell() {
    let report = sample("county-department.json");
    let dir = tempdir("docx-lo");
    let file = dir.join("county.docx");
    std::fs::write(&file, docx(&report).0).unwrap();
    let pdf = soffice_pdf(&file, &dir);
    let words = pdf_words(&pdf);
    let one = |label: &str| {
        find_label(&words, label)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("not printed: {label}"))
    };
    for label in form::SECTIONS.iter().copied().chain(form_header_labels()) {
        one(label);
    }
    one("临江县自然资源和规划局2024年");
    one("2025年1月20日");
    // 表三: every number on its row label's line and under its column's label.
    let rows = report.requests.rows();
    for (i, row) in T3_ROWS.iter().enumerate() {
        let label = one(row.label);
        let columns: Vec<f64> = T3_COLUMNS
            .iter()
            .map(|(_, l)| {
                find_label(&words, l)
                    .into_iter()
                    .filter(|f| f.page == label.page && f.y1 < label.y0)
                    .max_by(|a, b| a.y0.partial_cmp(&b.y0).unwrap())
                    .unwrap_or_else(|| {
                        panic!("column {l} not above {} on page {}", row.label, label.page)
                    })
                    .cx()
            })
            .collect();
        for (c, (_, col)) in T3_COLUMNS.iter().enumerate() {
            let got =
                number_under(&words, label.page, (label.y0 - 2.0, label.y1 + 2.0), &columns, c);
            assert_eq!(got, Some(rows[i][c].to_string()), "表三“{}”行“{col}”列", row.label);
        }
    }
    // 表四: 15 numbers under the 15 column labels below 行政复议 / 行政诉讼.
    let review = one(form::T4_REVIEW);
    let mut heads: Vec<Word> = T4_COLUMNS
        .iter()
        .flat_map(|(_, l)| find_label(&words, l))
        .filter(|f| f.page == review.page && f.y0 > review.y0 && f.y0 < review.y0 + 90.0)
        .collect();
    heads.sort_by(|a, b| a.cx().partial_cmp(&b.cx()).unwrap());
    assert_eq!(heads.len(), 15, "{heads:?}");
    let bottom = heads.iter().map(|h| h.y1).fold(f64::MIN, f64::max);
    let columns: Vec<f64> = heads.iter().map(Word::cx).collect();
    let a = &report.appeals;
    let want = [a.review.cells(), a.litigation.cells(), a.litigation_after_review.cells()].concat();
    for (c, v) in want.iter().enumerate() {
        assert_eq!(
            number_under(&words, review.page, (bottom, bottom + 30.0), &columns, c),
            Some(v.to_string()),
            "表四第{}列",
            c + 1
        );
    }
    // 表二: each number right of its row label, under its block's column label.
    let p = &report.proactive;
    for (label, want) in [
        (form::t2::LICENSING, p.licensing.0.to_string()),
        (form::t2::ENFORCEMENT, p.enforcement.0.to_string()),
        (form::t2::FEES, p.fees.0.clone()),
    ] {
        let row = one(label);
        let hit = words
            .iter()
            .find(|w| w.page == row.page && w.text == want && (w.cy() - row.cy()).abs() < 4.0);
        assert!(hit.is_some_and(|w| w.x0 > row.x1), "表二“{label}”行：{want}");
    }
    // 3号 body text: mirrored margins (订口 28 mm on the left of odd pages, on the right of
    // even ones; 26 mm outside) and 22 lines a page, consecutive lines 225/22 mm apart.
    let mm = |v: f64| v * 72.0 / 25.4;
    for page in [1, 2] {
        let body: Vec<&Word> = words
            .iter()
            .filter(|w| w.page == page && (19.0..23.0).contains(&(w.y1 - w.y0)))
            .collect();
        let left = body.iter().map(|w| w.x0).fold(f64::MAX, f64::min);
        let inside = if page == 1 { mm(28.0) } else { mm(26.0) };
        assert!((left - inside).abs() < 1.5, "page {page}: text starts at {left}, not {inside}");
        let mut ys: Vec<f64> = body.iter().map(|w| w.y0).collect();
        ys.sort_by(|a, b| a.partial_cmp(b).unwrap());
        ys.dedup_by(|a, b| (*a - *b).abs() < 1.0);
        let pitch = mm(225.0) / 22.0;
        let steps: Vec<f64> = ys.windows(2).map(|w| w[1] - w[0]).take(8).collect();
        assert!(steps.iter().all(|d| (d - pitch).abs() < 0.3), "page {page}: line steps {steps:?}");
    }
    // "— N —" on every page, odd pages on the right and even pages on the left.
    let pages = words.iter().map(|w| w.page).max().unwrap();
    assert!(pages >= 4, "{pages} pages");
    for n in 1..=pages {
        let num = words.iter().find(|w| w.page == n && w.text == n.to_string() && w.y0 > 760.0);
        let num = num.unwrap_or_else(|| panic!("page number of page {n}"));
        assert_eq!(n % 2 == 1, num.cx() > 297.6, "page {n}'s number at x {}", num.cx());
    }
}
