//! A county's view: 30 generated units with one injected defect of each kind in distinct
//! units; `aggregate` must find each defect once and nothing else, add up exactly the units
//! without errors, and write a regional report that renders, an annex whose totals row is
//! the aggregate (read back through LibreOffice and Chromium), and the to-do list.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use crate::common::*;
use crate::county_gen::{self, Defect, Tables, Unit};

pub(crate) const COUNTY: &str = "临江县";
pub(crate) const YEAR: u16 = 2024;

/// The injected defects: unit index → defect. Departments are the units 2, 5, 8, ….
pub(crate) fn defects() -> Vec<(usize, Defect)> {
    vec![
        (1, Defect::R1),
        (2, Defect::S2),
        (3, Defect::R5),
        (4, Defect::S3),
        (5, Defect::S1),
        (6, Defect::S4),
        (7, Defect::S5),
        (8, Defect::S9),
        (9, Defect::S6Text),
        (10, Defect::S6Title),
        (11, Defect::S1Explained),
        (12, Defect::S7),
        (13, Defect::S8),
        (14, Defect::S10),
        (15, Defect::R6),
        (17, Defect::S11From(16)),
    ]
}

/// What must be found: (unit, code, severity), each defect once (R1 and R6 are checked per
/// column, so an off-by-one in 自然人 also unbalances 总计: two findings).
pub(crate) fn expected() -> Vec<(usize, &'static str, &'static str)> {
    let mut v = vec![
        (1, "R1", "error"),
        (1, "R1", "error"),
        (2, "S2", "warning"),
        (3, "R5", "error"),
        (4, "S3", "warning"),
        (5, "S1", "warning"),
        (6, "S4", "warning"),
        (7, "S5", "warning"),
        (8, "S9", "warning"),
        (9, "S6", "warning"),
        (10, "S6", "warning"),
        (11, "S1", "info"),
        (12, "S7", "warning"),
        (13, "S8", "warning"),
        (14, "S10", "warning"),
        (15, "R6", "error"),
        (15, "R6", "error"),
        (16, "S11", "warning"),
        (17, "S11", "warning"),
    ];
    v.sort();
    v
}

/// Units that have errors and are left out of the aggregate.
pub(crate) const INVALID: [usize; 3] = [1, 3, 15];

/// The county written to `dir/units` and last year's reports to `dir/2023`.
pub(crate) fn write_county(dir: &Path) -> Vec<Unit> {
    let units = county_gen::county(7, COUNTY, 30, YEAR, &defects());
    std::fs::create_dir_all(dir.join("units")).unwrap();
    std::fs::create_dir_all(dir.join("2023")).unwrap();
    for u in &units {
        let text = serde_json::to_string_pretty(&u.report).unwrap();
        std::fs::write(dir.join("units").join(&u.file), text).unwrap();
        let prev = serde_json::to_string_pretty(&u.previous).unwrap();
        std::fs::write(dir.join("2023").join(&u.file), prev).unwrap();
    }
    units
}

pub(crate) fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Run `aggregate` on the county with last year's reports; returns the output and paths.
pub(crate) fn aggregate(dir: &Path, extra: &[&str]) -> (Output, PathBuf) {
    let region = dir.join("region.json");
    let units = dir.join("units");
    let prev = dir.join("2023");
    let mut args = vec![
        "aggregate",
        s(&units),
        "-o",
        s(&region),
        "--organization",
        "临江县人民政府",
        "--year",
        "2024",
        "--level",
        "county",
        "--previous-dir",
        s(&prev),
    ];
    args.extend(extra);
    (nianbao(&args), region)
}

pub(crate) fn json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The unit index of a finding, by its organization.
pub(crate) fn unit_of(units: &[Unit], finding: &Value) -> usize {
    let org = finding["organization"].as_str().expect("organization");
    units.iter().position(|u| u.id.organization == org).expect("a unit")
}

#[test]
fn each_injected_defect_is_found_once_and_nothing_else() {
    let dir = tempdir("county-findings");
    let units = write_county(&dir);
    let list = dir.join("异常清单.json");
    let (o, _) = aggregate(&dir, &["--findings", s(&list)]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "units with errors are left out: {stderr}");
    let findings = json(&list);
    let mut found: Vec<(usize, &str, &str)> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (unit_of(&units, f), f["code"].as_str().unwrap(), f["severity"].as_str().unwrap()))
        .collect();
    found.sort();
    let shown: Vec<String> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {} {} {}", unit_of(&units, f), f["code"], f["path"], f["message"]))
        .collect();
    assert_eq!(found, expected(), "{}", shown.join("\n"));
    for i in INVALID {
        assert!(
            stderr.contains(&format!(
                "未汇总（有错误，未汇总）：{}",
                dir.join("units").join(&units[i].file).display()
            )),
            "{stderr}"
        );
    }
}

/// The figures of table 三 and 四 of the included units, added up from the generator's own
/// numbers (not through nianbao): 25 rows × 7 columns, and the three appeal groups.
pub(crate) fn expected_sum(units: &[Unit], included: &[usize]) -> ([[u64; 7]; 25], [[u64; 5]; 3]) {
    let mut rows = [[0u64; 7]; 25];
    let mut appeals = [[0u64; 5]; 3];
    for &i in included {
        let t: &Tables = &units[i].tables;
        let mut all = vec![t.new, t.carried];
        all.extend(t.leaves.iter().copied());
        all.push(t.handled());
        all.push(t.forward);
        for (r, cells) in all.iter().enumerate() {
            for c in 0..6 {
                rows[r][c] += cells[c];
                rows[r][6] += cells[c];
            }
        }
        for (g, group) in [t.review, t.litigation, t.after_review].iter().enumerate() {
            for k in 0..4 {
                appeals[g][k] += group[k];
                appeals[g][4] += group[k];
            }
        }
    }
    (rows, appeals)
}

/// The fee of the included units added up, from the generator's strings (two decimals).
pub(crate) fn expected_fees(units: &[Unit], included: &[usize]) -> String {
    let cents: u64 = included
        .iter()
        .map(|&i| {
            let f = &units[i].tables.fees;
            let (int, frac) = f.split_once('.').unwrap_or((f, "00"));
            int.parse::<u64>().unwrap() * 100 + frac.parse::<u64>().unwrap()
        })
        .sum();
    let any_decimal = included.iter().any(|&i| units[i].tables.fees.contains('.'));
    if any_decimal {
        format!("{}.{:02}", cents / 100, cents % 100)
    } else {
        (cents / 100).to_string()
    }
}

pub(crate) fn included() -> Vec<usize> {
    (0..30).filter(|i| !INVALID.contains(i)).collect()
}

pub(crate) fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let text = text.trim_start_matches('\u{feff}');
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// The annex's figure columns of a unit, as the CSV shows them.
pub(crate) fn annex_row(t: &Tables) -> Vec<String> {
    let handled = Tables::total(&t.handled());
    let pct = |a: u64, b: u64| {
        if b == 0 {
            String::new()
        } else {
            format!("{:.1}%", (a as f64 / b as f64 * 1000.0).round() / 10.0)
        }
    };
    let concluded = |g: &[u64; 4]| g[0] + g[1] + g[2];
    let lit = [
        t.litigation[0] + t.after_review[0],
        t.litigation[1] + t.after_review[1],
        t.litigation[2] + t.after_review[2],
        t.litigation[3] + t.after_review[3],
    ];
    vec![
        Tables::total(&t.new),
        Tables::total(&t.carried),
        t.group(0..1),
        t.group(1..2),
        t.group(2..10),
        handled,
        Tables::total(&t.forward),
        t.review.iter().sum(),
        t.review[1],
        lit.iter().sum(),
        lit[1],
    ]
    .into_iter()
    .map(|n| n.to_string())
    .chain([
        pct(t.group(0..2), handled),
        pct(t.review[1], concluded(&t.review)),
        pct(lit[1], concluded(&lit)),
    ])
    .collect()
}

#[test]
fn aggregate_adds_up_the_valid_units_into_a_report_that_renders() {
    let dir = tempdir("county-sum");
    let units = write_county(&dir);
    let annex = dir.join("附表.csv");
    let (o, region) = aggregate(&dir, &["--annex", s(&annex)]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("已汇总 27 个单位（共 30 个）"), "{stderr}");

    // The regional report: the sum of exactly the 27 units without errors.
    let report = nianbao::input::load(&region).expect("region.json loads").report;
    assert_eq!((report.organization.as_str(), report.year.0), ("临江县人民政府", 2024));
    let (rows, appeals) = expected_sum(&units, &included());
    assert_eq!(report.requests.rows(), rows);
    let a = &report.appeals;
    assert_eq!(
        [a.review.cells(), a.litigation.cells(), a.litigation_after_review.cells()],
        appeals
    );
    let p = &report.proactive;
    let sum = |f: fn(&Tables) -> u64| included().iter().map(|&i| f(&units[i].tables)).sum::<u64>();
    assert_eq!(p.normative_documents.in_force.0, sum(|t| t.normative[2]));
    assert_eq!(p.normative_documents.issued.0, sum(|t| t.normative[0]));
    assert_eq!(p.rules.in_force.0, sum(|t| t.rules[2]));
    assert_eq!(p.licensing.0, sum(|t| t.licensing));
    assert_eq!(p.fees.0, expected_fees(&units, &included()));
    let note = p.normative_documents.note.as_deref().unwrap_or_default();
    assert!(
        note.starts_with(&format!(
            "{}：本年度开展行政规范性文件集中清理",
            units[11].id.organization
        )),
        "{note}"
    );

    // Consistent (R1–R4 hold). Its findings: the three sections still to write, and the
    // 规章 unit 2 (a department) reported, now in a county's tables (S2, warnings are added
    // up like the rest).
    let findings = nianbao::check::validate(&report, None, "region.json");
    let codes: Vec<(&str, Option<&str>)> =
        findings.iter().map(|d| (d.code, d.location.field.as_deref())).collect();
    assert_eq!(
        codes,
        [
            ("S2", Some("proactive.rules.issued")),
            ("S12", Some("overview[0]")),
            ("S12", Some("problems[0]")),
            ("S12", Some("other_matters[0]"))
        ],
        "{findings:#?}"
    );
    let out = nianbao(&["validate", s(&region)]);
    let text = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert_eq!(text.matches("警告[S12]").count(), 3, "{text}");

    // The annex: one row per unit added up, and a totals row that is the aggregate.
    let rows_csv = csv_rows(&std::fs::read_to_string(&annex).unwrap());
    assert_eq!(rows_csv[0], nianbao::output::annex::COLUMNS);
    assert_eq!(rows_csv.len(), 1 + 27 + 1);
    for (k, &i) in included().iter().enumerate() {
        let row = &rows_csv[1 + k];
        assert_eq!(row[0], units[i].id.organization);
        assert_eq!(row[1], if units[i].id.level == "township" { "乡镇" } else { "政府部门" });
        assert_eq!(row[2..16], annex_row(&units[i].tables), "{}", row[0]);
    }
    let total = &rows_csv[28];
    assert_eq!(total[0], "合计（27 个单位）");
    let f = nianbao::model::figures::Figures::of(&report);
    let region_row: Vec<String> = [
        f.new,
        f.carried_over,
        f.granted,
        f.partially_granted,
        f.withheld,
        f.handled,
        f.carried_forward,
        f.review,
        f.review_corrected,
        f.litigation,
        f.litigation_corrected,
    ]
    .iter()
    .map(u64::to_string)
    .collect();
    assert_eq!(total[2..13], region_row);
    assert_eq!(
        total[13],
        format!("{:.1}%", (f.disclosure_rate().unwrap() * 1000.0).round() / 10.0)
    );
    // Findings per unit: the defects of units 2 (S2), 14 (S10); none for a clean unit;
    // information (S1 explained, unit 11) is not a defect.
    let findings_of =
        |i: usize| rows_csv.iter().find(|r| r[0] == units[i].id.organization).unwrap()[16].clone();
    assert_eq!(
        (findings_of(0), findings_of(2), findings_of(11), findings_of(14)),
        ("0".into(), "1".into(), "0".into(), "1".into())
    );

    // It renders like any report; the 待填写 sections print as they are.
    let pdf = dir.join("region.pdf");
    let o = nianbao(&["render", s(&region), "-o", s(&pdf), "--ignore-system-fonts"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = Command::new("pdftotext")
        .args(["-layout", s(&pdf), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("临江县人民政府2024年政府信息公开工作年度报告")
            || text.contains("临江县人民政府 2024 年"),
        "{text}"
    );
    assert!(text.contains("【待填写】一、总体情况"), "{text}");
    assert!(text.contains(&f.new.to_string()));
}

/// A report of another year and a second report of one organization are listed and not
/// added up; `--allow-invalid` adds up units with errors.
#[test]
fn other_years_duplicates_and_allow_invalid() {
    let dir = tempdir("county-left-out");
    let units = write_county(&dir);
    std::fs::copy(dir.join("2023").join(&units[0].file), dir.join("units").join("旧-2023.json"))
        .unwrap();
    std::fs::copy(
        dir.join("units").join(&units[20].file),
        dir.join("units").join("zz-再次上报.json"),
    )
    .unwrap();
    let list = dir.join("list.json");
    let (o, region) = aggregate(&dir, &["--allow-invalid", "--findings", s(&list)]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("未汇总（年度不符，未汇总）"), "{stderr}");
    assert!(stderr.contains("未汇总（重复，未汇总）"), "{stderr}");
    assert!(stderr.contains("已汇总 30 个单位（共 32 个）"), "{stderr}");
    let report = nianbao::input::load(&region).unwrap().report;
    let (rows, _) = expected_sum(&units, &(0..30).collect::<Vec<_>>());
    // Unit 3's "/" reads as 0, as it was; unit 1's and 15's tables are added as given.
    assert_eq!(report.requests.rows()[0], rows[0]);
    let codes: Vec<String> = json(&list)
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect();
    assert!(
        codes.contains(&"aggregate-year".to_string())
            && codes.contains(&"aggregate-duplicate".to_string()),
        "{codes:?}"
    );
}
