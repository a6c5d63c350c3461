//! Validation: one fixture per rule (snapshots of the human and JSON output), property
//! tests of the arithmetic rules, and the CLI's `validate` / `schema` / refusing `render`.

use std::path::Path;

use nianbao::check::validate;
use nianbao::model::{AppealGroup, ApplicantRow, Count, Report};
use proptest::prelude::*;

use crate::common::*;

fn fixture_findings(name: &str) -> Vec<nianbao::Diagnostic> {
    let dir = root().join("tests/fixtures/validate");
    let report = nianbao::input::load(&dir.join(name)).unwrap_or_else(|d| panic!("{d:?}")).report;
    let prev = dir.join("previous").join(name);
    let prev = prev.exists().then(|| nianbao::input::load(&prev).unwrap().report);
    validate(&report, prev.as_ref(), &format!("fixtures/validate/{name}"))
}

#[test]
fn each_fixture_breaks_exactly_its_rule() {
    let dir = root().join("tests/fixtures/validate");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() >= 12, "{names:?}");
    for name in names {
        let findings = fixture_findings(&name);
        let stem = name.trim_end_matches(".json").to_uppercase();
        let codes: std::collections::BTreeSet<&str> = findings.iter().map(|d| d.code).collect();
        if stem == "PASS" {
            assert!(findings.is_empty(), "{name}: {findings:#?}");
        } else {
            assert_eq!(codes.into_iter().collect::<Vec<_>>(), [stem.as_str()], "{name}");
        }
        let human: Vec<String> = findings.iter().map(ToString::to_string).collect();
        insta::assert_snapshot!(format!("validate_human_{stem}"), human.join("\n\n"));
        let json: Vec<_> = findings.iter().map(nianbao::Diagnostic::to_json).collect();
        insta::assert_snapshot!(
            format!("validate_json_{stem}"),
            serde_json::to_string_pretty(&json).unwrap()
        );
    }
}

#[test]
fn findings_name_table_row_column_and_values() {
    let f = fixture_findings("r3.json");
    assert_eq!(f[0].location.field.as_deref(), Some("requests.granted.total"));
    assert_eq!(
        f[0].location.place.as_ref().unwrap().to_string(),
        "表三“三、本年度办理结果 · （一）予以公开”行“总计”列"
    );
    assert_eq!((f[0].expected.as_deref(), f[0].actual.as_deref()), (Some("67"), Some("68")));
    let f = fixture_findings("r1.json");
    assert!(
        f[0].message.contains("一 119 + 二 6 = 125，但（七）总计 116 + 四 10 = 126"),
        "{}",
        f[0]
    );
    let f = fixture_findings("r5.json");
    assert_eq!(
        f[0].location.place.as_ref().unwrap().to_string(),
        "表三“（三）不予公开 · 1.属于国家秘密”行“商业企业”列"
    );
    assert!(f[0].location.pos.is_some() && f[0].location.source_line.is_some());
}

/// A report satisfying R1–R4 from random leaves, carry-overs and appeal counts.
fn consistent_report(
    leaves: Vec<[u64; 6]>,
    carried_over: [u64; 6],
    carried_forward: [u64; 6],
    totals: (bool, bool),
    appeals: Vec<[u64; 4]>,
) -> Report {
    let mut report = sample("seed.json");
    let row = |v: [u64; 6], total: bool| ApplicantRow::from_parts(v, total.then(|| v.iter().sum()));
    let mut handled = [0u64; 6];
    for l in &leaves {
        for c in 0..6 {
            handled[c] += l[c];
        }
    }
    let mut co = carried_over;
    let mut new = [0u64; 6];
    for c in 0..6 {
        co[c] = co[c].min(handled[c] + carried_forward[c]);
        new[c] = handled[c] + carried_forward[c] - co[c];
    }
    let r = &mut report.requests;
    r.new = row(new, totals.0);
    r.carried_over = row(co, totals.0);
    r.carried_forward = row(carried_forward, totals.0);
    r.handled_total = totals.1.then(|| row(handled, true));
    let slots = r.leaves_mut();
    for (slot, l) in slots.into_iter().zip(&leaves) {
        *slot = row(*l, totals.0);
    }
    let group = |v: [u64; 4]| AppealGroup {
        upheld: Count(v[0]),
        corrected: Count(v[1]),
        other: Count(v[2]),
        pending: Count(v[3]),
        total: Some(Count(v.iter().sum())),
    };
    report.appeals.review = group(appeals[0]);
    report.appeals.litigation = group(appeals[1]);
    report.appeals.litigation_after_review = group(appeals[2]);
    report
}

fn arb_report() -> impl Strategy<Value = Report> {
    (
        prop::collection::vec(prop::array::uniform6(0u64..20), 21),
        prop::array::uniform6(0u64..10),
        prop::array::uniform6(0u64..10),
        (any::<bool>(), any::<bool>()),
        prop::collection::vec(prop::array::uniform4(0u64..5), 3),
    )
        .prop_map(|(l, co, cf, t, a)| consistent_report(l, co, cf, t, a))
}

const COLUMNS: [&str; 6] =
    ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other"];

/// The paths of every given cell of tables 三 and 四.
fn cell_paths(report: &Report) -> Vec<String> {
    let r = &report.requests;
    let keys = nianbao::form::T3_ROWS.map(|row| row.key);
    let mut given: Vec<(&str, &ApplicantRow)> =
        vec![(keys[0], &r.new), (keys[1], &r.carried_over), (keys[24], &r.carried_forward)];
    if let Some(h) = &r.handled_total {
        given.push((keys[23], h));
    }
    given.extend(keys[2..23].iter().copied().zip(r.leaves()));
    let mut out = Vec::new();
    for (key, row) in given {
        out.extend(COLUMNS.iter().map(|c| format!("requests.{key}.{c}")));
        if row.total.is_some() {
            out.push(format!("requests.{key}.total"));
        }
    }
    for g in ["review", "litigation", "litigation_after_review"] {
        for c in ["upheld", "corrected", "other", "pending", "total"] {
            out.push(format!("appeals.{g}.{c}"));
        }
    }
    out
}

/// The cell at `path` (one of [`cell_paths`]).
fn cell_mut<'a>(report: &'a mut Report, path: &str) -> &'a mut Count {
    let parts: Vec<&str> = path.split('.').collect();
    let (col, key) = (parts[parts.len() - 1], parts[1..parts.len() - 1].join("."));
    if parts[0] == "appeals" {
        let a = &mut report.appeals;
        let g = match parts[1] {
            "review" => &mut a.review,
            "litigation" => &mut a.litigation,
            _ => &mut a.litigation_after_review,
        };
        return match col {
            "upheld" => &mut g.upheld,
            "corrected" => &mut g.corrected,
            "other" => &mut g.other,
            "pending" => &mut g.pending,
            _ => g.total.as_mut().unwrap(),
        };
    }
    let r = &mut report.requests;
    let leaf = nianbao::form::T3_ROWS[2..23].iter().position(|row| row.key == key);
    let row: &mut ApplicantRow = match (key.as_str(), leaf) {
        (_, Some(i)) => r.leaves_mut().into_iter().nth(i).unwrap(),
        ("new", _) => &mut r.new,
        ("carried_over", _) => &mut r.carried_over,
        ("carried_forward", _) => &mut r.carried_forward,
        _ => r.handled_total.as_mut().unwrap(),
    };
    match col {
        "natural_person" => &mut row.natural_person,
        "commercial" => &mut row.commercial,
        "research" => &mut row.research,
        "social_welfare" => &mut row.social_welfare,
        "legal_service" => &mut row.legal_service,
        "other" => &mut row.other,
        _ => row.total.as_mut().unwrap(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn consistent_reports_pass_every_hard_rule(report in arb_report()) {
        let errors: Vec<_> = validate(&report, None, "p.json").into_iter().filter(|d| d.is_error()).collect();
        prop_assert!(errors.is_empty(), "{:#?}", errors);
    }

    #[test]
    fn changing_any_one_cell_breaks_a_rule_naming_that_cell(
        report in arb_report(),
        pick in any::<prop::sample::Index>(),
        delta in 1u64..5,
    ) {
        let mut report = report;
        let paths = cell_paths(&report);
        let path = paths[pick.index(paths.len())].clone();
        let cell = cell_mut(&mut report, &path);
        cell.0 = if cell.0 >= delta && delta % 2 == 0 { cell.0 - delta } else { cell.0 + delta };
        let errors: Vec<_> = validate(&report, None, "p.json").into_iter().filter(|d| d.is_error()).collect();
        let (row, col) = path.rsplit_once('.').unwrap();
        let names_cell = |d: &nianbao::Diagnostic| {
            let f = d.location.field.as_deref().unwrap_or_default();
            f.starts_with(&format!("{row}.")) || f.ends_with(&format!(".{col}"))
                || (col == "total" && f.ends_with(".total"))
        };
        prop_assert!(errors.iter().any(names_cell), "{path} changed, findings: {:#?}", errors);
    }
}

#[test]
fn render_refuses_invalid_data_unless_allowed() {
    let dir = tempdir("refuse");
    let data = root().join("tests/fixtures/validate/r5.json");
    let out = dir.join("r5.pdf");
    let args =
        ["render", data.to_str().unwrap(), "-o", out.to_str().unwrap(), "--ignore-system-fonts"];
    let o = nianbao(&args);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("R5") && err.contains("--allow-invalid"), "{err}");
    assert!(!out.exists());
    let o = nianbao(&[&args[..], &["--allow-invalid"]].concat());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.exists());
    // Warnings never block: the seed has two (S4, S5) and renders.
    let seed = root().join("samples/seed.json");
    let o = nianbao(&[
        "render",
        seed.to_str().unwrap(),
        "-o",
        dir.join("s.pdf").to_str().unwrap(),
        "--ignore-system-fonts",
    ]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("S4"));
}

#[test]
fn validate_command_exit_codes_json_and_previous_dir() {
    let dir = root().join("tests/fixtures/validate");
    let pass = dir.join("pass.json");
    let o = nianbao(&["validate", pass.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let r1 = dir.join("r1.json");
    let o =
        nianbao(&["validate", pass.to_str().unwrap(), r1.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let first = &json[0];
    assert_eq!(first["code"], "R1");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["table"], "表三");
    assert_eq!(first["column_label"], "自然人");
    assert_eq!((first["expected"].as_str(), first["actual"].as_str()), (Some("125"), Some("126")));
    // --previous-dir finds last year's report by organization and year.
    let prev_dir = dir.join("previous");
    let r6 = dir.join("r6.json");
    let o =
        nianbao(&["validate", r6.to_str().unwrap(), "--previous-dir", prev_dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("R6"));
    let tmp = tempdir("prevdir");
    let o = nianbao(&["validate", pass.to_str().unwrap(), "--previous-dir", tmp.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("没有找到"));
}

#[test]
fn malformed_input_of_every_kind_exits_one_with_a_clear_message() {
    let dir = tempdir("malformed-kinds");
    let cases: [(&str, &[u8], &str); 8] = [
        ("empty.json", b"", "文件为空"),
        ("binary.json", b"\x00\x01\x02PK\x03", "不是文本文件"),
        ("utf16.json", b"\xFF\xFE{\x00}\x00", "UTF-16"),
        ("bad.yaml", b"organization: \"x\nyear: 2024\n", "YAML 语法错误"),
        ("bad.toml", b"organization = \n", "TOML 语法错误"),
        ("missing.json", b"{\"organization\": \"x\", \"year\": 2024}", "缺少必填字段"),
        ("range.json", b"{\"organization\": \"x\", \"year\": 99999}", "年份"),
        ("type.json", b"{\"organization\": 5, \"year\": 2024}", "类型错误"),
    ];
    for (name, bytes, want) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let o = nianbao(&["validate", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(want) && err.contains(name), "{name}: {err}");
    }
    let o = nianbao(&["validate", "/no/such/file.json"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn schema_command_prints_the_json_schema() {
    let o = nianbao(&["schema"]);
    assert!(o.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        schema["properties"]["requests"]["properties"]["new"]["title"],
        "一、本年新收政府信息公开申请数量"
    );
    assert!(Path::new(&root().join("samples/seed.json")).exists());
}
