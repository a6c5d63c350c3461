//! The workbooks in every command: `render` and `preview` take a filled-in workbook;
//! `validate` and `batch` take the county-wide sheet, one report per unit row, with the
//! narrative from a per-unit file (`--narratives`) or absent (tables-only checks, a note);
//! last year's county sheet serves the cross-year checks.

use std::path::Path;

use nianbao::output::workbook;

use crate::common::*;

fn pdf_text(path: &Path) -> String {
    let o = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/test");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_filled_workbook_renders_like_its_data() {
    let dir = tempdir("wb-render");
    let data = root().join("samples/county-department.json");
    let xlsx = dir.join("填报表.xlsx");
    let o = nianbao(&["workbook", "--from", data.to_str().unwrap(), "-o", xlsx.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "no temp file is left behind");
    let (from_xlsx, from_json) = (dir.join("a.pdf"), dir.join("b.pdf"));
    for (input, out) in [(&xlsx, &from_xlsx), (&data, &from_json)] {
        let o = nianbao(&[
            "render",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--ignore-system-fonts",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    // The same report: the same text on the same pages.
    let text = pdf_text(&from_xlsx);
    assert_eq!(text, pdf_text(&from_json));
    assert!(text.contains("18651.06") && text.contains("临江县自然资源和规划局"), "{text}");
    // In a batch, beside data files, with its own output.
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(&xlsx, input.join("填报表.xlsx")).unwrap();
    std::fs::copy(root().join("samples/seed.json"), input.join("seed.json")).unwrap();
    std::fs::write(input.join("~$填报表.xlsx"), b"\x0bowner file of an open workbook").unwrap();
    let out = dir.join("out");
    let o = nianbao(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--name",
        "{stem}.pdf",
        "--ignore-system-fonts",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(pdf_text(&out.join("填报表.pdf")), text);
    assert!(out.join("seed.pdf").exists());
}

#[test]
fn preview_follows_a_workbook() {
    let dir = tempdir("wb-preview");
    let mut report = sample("seed.json");
    let path = dir.join("填报表.xlsx");
    std::fs::write(&path, workbook::fill_in(Some(&report)).unwrap()).unwrap();
    let mut session = nianbao::preview::Session::new(options(), path.clone()).unwrap();
    let first = session.update(nianbao::preview::Change::Initial);
    assert!(first.errors.is_empty(), "{:#?}", first.errors);
    assert!(first.pages >= 2);
    // Saving the workbook with another number updates the pages that show it.
    report.proactive.punishment = nianbao::model::Count(4321);
    std::fs::write(&path, workbook::fill_in(Some(&report)).unwrap()).unwrap();
    let next = session.update(nianbao::preview::Change::Data);
    assert!(next.errors.is_empty() && next.changed_pages >= 1, "{next:?}");
}

/// A county sheet of every sample, written by the command.
fn county_of_samples(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("汇总表.xlsx");
    let samples = root().join("samples");
    let o = nianbao(&[
        "workbook",
        "--county",
        "--from",
        samples.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

#[test]
fn validate_checks_each_unit_row_with_its_narrative_or_says_it_has_none() {
    let dir = tempdir("county-validate");
    let sheet = county_of_samples(&dir);
    let s = sheet.to_str().unwrap();
    let o = nianbao(&["validate", s, "--format", "json"]);
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let absent = findings.iter().filter(|f| f["code"] == "narrative-absent").count();
    assert_eq!(absent, samples().len(), "{findings:#?}");
    assert!(findings.iter().all(|f| f["code"] != "S4"), "no narrative checks on tables only");
    assert!(findings.iter().any(|f| f["file"].as_str().unwrap().ends_with("汇总表.xlsx!第3行")));
    // With the units' own files as narratives, each row is checked as its own file is.
    let samples_dir = root().join("samples");
    let o = nianbao(&[
        "validate",
        s,
        "--narratives",
        samples_dir.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let with: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert!(with.iter().all(|f| f["code"] != "narrative-absent"), "{with:#?}");
    for (i, path) in samples().iter().enumerate() {
        let o = nianbao(&["validate", path.to_str().unwrap(), "--format", "json"]);
        let own: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
        let row = format!("{s}!第{}行", i + 3);
        let codes = |fs: &[serde_json::Value], file: &str| -> Vec<String> {
            fs.iter()
                .filter(|f| f["file"] == file)
                .map(|f| f["code"].as_str().unwrap().to_string())
                .collect()
        };
        // Text copied between units (S11) is found across the rows of one run only: the
        // samples share passages, which one file alone cannot show.
        let mut across = codes(&with, &row);
        across.retain(|c| c != "S11");
        assert_eq!(across, codes(&own, path.to_str().unwrap()), "{row}");
    }
}

#[test]
fn batch_renders_one_report_per_row_and_only_the_edited_row_again() {
    let dir = tempdir("county-batch");
    let sheet = county_of_samples(&dir);
    let out = dir.join("out");
    let samples_dir = root().join("samples");
    let args = |extra: &[&str]| {
        let mut a = vec![
            "batch",
            sheet.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--ignore-system-fonts",
            "-j",
            "2",
        ];
        a.extend(extra);
        a.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let run = |extra: &[&str]| {
        let a = args(extra);
        nianbao(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let o = run(&["--narratives", samples_dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut pdfs: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    assert_eq!(pdfs.len(), samples().len());
    let department = out.join("2024-临江县自然资源和规划局.pdf");
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let text = squash(&pdf_text(&department));
    let own = sample("county-department.json");
    let nianbao::model::Paragraph::Text(preface) = &own.preface[0] else {
        panic!("a plain preface")
    };
    let words: String = squash(preface).chars().take(20).collect();
    assert!(text.contains(&words), "the narrative comes from the unit's file: {words} in {text}");
    // Edit one unit's number in the sheet: only that unit is rendered again.
    let bytes = std::fs::read(&sheet).unwrap();
    let col = nianbao::input::sheet::grid::column_name(
        nianbao::input::sheet::layout::county_column(nianbao::input::sheet::Field::Decisions(1)),
    );
    std::fs::write(&sheet, xlsx_set(&bytes, "汇总表", &format!("{col}3"), Put::Number(77.0)))
        .unwrap();
    let o = run(&["--narratives", samples_dir.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains(&format!("已渲染 1，已是最新 {}", samples().len() - 1)), "{err}");
    // Without narratives: tables-only reports, rendered, each with its note.
    let out2 = dir.join("tables-only");
    let o = nianbao(&[
        "batch",
        sheet.to_str().unwrap(),
        "-o",
        out2.to_str().unwrap(),
        "--ignore-system-fonts",
        "--summary",
        dir.join("s.json").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("s.json")).unwrap()).unwrap();
    for r in summary["reports"].as_array().unwrap() {
        assert!(r["input"].as_str().unwrap().contains("汇总表.xlsx!第"), "{r}");
        assert!(
            r["findings"].as_array().unwrap().iter().any(|f| f["code"] == "narrative-absent"),
            "{r}"
        );
    }
}

#[test]
fn last_years_county_sheet_serves_the_cross_year_checks() {
    let dir = tempdir("county-previous");
    let last: Vec<_> = samples().iter().map(|p| nianbao::input::load(p).unwrap().report).collect();
    std::fs::create_dir_all(dir.join("last")).unwrap();
    std::fs::write(dir.join("last/汇总表.xlsx"), workbook::county(&last).unwrap()).unwrap();
    let mut next: Vec<_> = last.iter().map(workbook::next_year).collect();
    // One unit copies the wrong carry-over.
    next[0].requests.carried_over.natural_person.0 += 5;
    let this = dir.join("汇总表.xlsx");
    std::fs::write(&this, workbook::county(&next).unwrap()).unwrap();
    let o = nianbao(&[
        "validate",
        this.to_str().unwrap(),
        "--previous-dir",
        dir.join("last").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let r6: Vec<_> = findings.iter().filter(|f| f["code"] == "R6").collect();
    // 自然人 and 总计 of 二、上年结转, both on the unit's row.
    assert_eq!(r6.len(), 2, "{findings:#?}");
    assert!(r6.iter().all(|f| f["file"].as_str().unwrap().ends_with("!第3行")));
    let cells: Vec<&str> = r6.iter().map(|f| f["source"].as_str().unwrap()).collect();
    assert_eq!(cells, ["汇总表!U3", "汇总表!AA3"]);
    assert_eq!(o.status.code(), Some(1));
}

/// `aggregate` takes a county-wide sheet: each row is a unit, and the region's tables are the
/// same as when the units' own files are added up.
#[test]
fn aggregate_adds_up_the_rows_of_a_county_sheet_as_it_adds_up_files() {
    let dir = tempdir("county-aggregate");
    let sheet = county_of_samples(&dir);
    let samples = root().join("samples");
    let region = |input: &Path, out: &str| -> nianbao::Report {
        let out = dir.join(out);
        let o = nianbao(&[
            "aggregate",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--organization",
            "临江县人民政府",
            "--year",
            "2024",
            "--allow-invalid",
        ]);
        assert!(out.exists(), "{}", stderr(&o));
        nianbao::input::load(&out).unwrap_or_else(|d| panic!("{d:#?}")).report
    };
    let (from_sheet, from_files) =
        (region(&sheet, "from-sheet.json"), region(&samples, "from-files.json"));
    assert_eq!(from_sheet.proactive.licensing, from_files.proactive.licensing);
    assert_eq!(from_sheet.proactive.fees, from_files.proactive.fees);
    assert_eq!(from_sheet.requests.rows(), from_files.requests.rows());
    assert_eq!(from_sheet.appeals.review.cells(), from_files.appeals.review.cells());
    assert_eq!(from_sheet.appeals.litigation.cells(), from_files.appeals.litigation.cells());
    assert!(from_sheet.requests.rows()[0][6] > 0, "the samples have applications");
}
