//! The data loader: shapes, positions, every error of a file in one run.

use super::*;
use crate::model::Paragraph;

fn minimal() -> serde_json::Value {
    serde_json::json!({
        "organization": "某乡人民政府", "year": 2024,
        "overview": ["a"], "proactive": {}, "requests": {}, "appeals": {},
        "problems": ["b"], "other_matters": ["c"]
    })
}

fn parse_value(v: &serde_json::Value) -> Result<Report, Box<Diagnostic>> {
    parse(&serde_json::to_string_pretty(v).unwrap(), Format::Json, "t.json")
}

#[test]
fn absent_rows_are_zero_and_totals_computed() {
    let mut v = minimal();
    v["requests"] = serde_json::json!({
        "new": {"natural_person": 3, "commercial": 1},
        "granted": {"natural_person": 2},
        "unable": {"not_held": {"commercial": 1}}
    });
    let r = parse_value(&v).unwrap();
    let rows = r.requests.rows();
    assert_eq!(rows[0], [3, 1, 0, 0, 0, 0, 4]);
    assert_eq!(rows[23], [2, 1, 0, 0, 0, 0, 3]);
    assert_eq!(rows[24], [0; 7]);
    assert_eq!(r.title(), "某乡人民政府2024年政府信息公开工作年度报告");
}

#[test]
fn unknown_key_suggests_nearest() {
    let mut v = minimal();
    v["requests"] = serde_json::json!({"withheld": {"third_party_right": {"commercial": 1}}});
    let d = parse_value(&v).unwrap_err();
    assert_eq!(d.code, "data-unknown-key");
    assert_eq!(d.location.field.as_deref(), Some("requests.withheld.third_party_right"));
    assert!(d.hints[0].contains("third_party_rights"), "{d}");
    assert!(d.location.pos.is_some());
}

#[test]
fn invalid_cells_are_all_recorded_with_path_and_position() {
    let mut v = minimal();
    v["requests"] = serde_json::json!({
        "withheld": {"third_party_rights": {"commercial": "/"}},
        "new": {"natural_person": 1.5, "other": "无", "research": -2}
    });
    v["proactive"] = serde_json::json!({"fees": "-"});
    let r = parse_value(&v).unwrap();
    let cells: Vec<(&str, &str)> =
        r.invalid_cells.iter().map(|c| (c.path.as_str(), c.raw.as_str())).collect();
    assert_eq!(
        cells,
        [
            ("proactive.fees", "\"-\""),
            ("requests.new.natural_person", "1.5"),
            ("requests.new.other", "\"无\""),
            ("requests.new.research", "-2"),
            ("requests.withheld.third_party_rights.commercial", "\"/\""),
        ]
    );
    assert!(r.invalid_cells.iter().all(|c| c.pos.is_some()));
    assert!(r.invalid_cells[4].message.contains("“/”"));
    assert_eq!(r.requests.new.natural_person.0, 0);
}

#[test]
fn yaml_and_toml_load_the_same_model() {
    let yaml = "organization: 某局\nyear: 2024\noverview: [a]\nproactive: {fees: \"1.50\"}\n\
                requests: {}\nappeals: {}\nproblems: [b]\nother_matters: [c]\n";
    let r = parse(yaml, Format::Yaml, "t.yaml").unwrap();
    assert_eq!(r.proactive.fees.0, "1.50");
    let toml = "organization = \"某局\"\nyear = 2024\noverview = [\"a\"]\nproblems = [\"b\"]\n\
                other_matters = [\"c\"]\n[proactive]\nlicensing = 5\n[requests.new]\n\
                natural_person = 2\n[appeals]\n";
    let r = parse(toml, Format::Toml, "t.toml").unwrap();
    assert_eq!(r.proactive.licensing.0, 5);
    assert_eq!(r.requests.rows()[0][6], 2);
    let bad = "organization = \"某局\"\nyear = 2024\noverview = [\"a\"]\nproblems = [\"b\"]\n\
               other_matters = [\"c\"]\n[proactive]\nlicensing = -1\n[requests]\n[appeals]\n";
    let r = parse(bad, Format::Toml, "t.toml").unwrap();
    let cell = &r.invalid_cells[0];
    assert!(cell.message.contains("负数"), "{cell:?}");
    assert_eq!(cell.path, "proactive.licensing");
    assert_eq!(cell.pos.map(|p| p.line), Some(7));
}

#[test]
fn syntax_errors_have_line_and_column() {
    let d = parse("{\n  \"organization\": \"x\",,\n}", Format::Json, "t.json").unwrap_err();
    assert_eq!(d.code, "data-syntax");
    assert_eq!(d.location.pos.unwrap().line, 2);
    let d = parse_bytes(b"", Format::Json, "t.json").unwrap_err();
    assert_eq!(d.code, "data-empty");
    let d = parse_bytes(b"\xFF\xFE{\x00", Format::Json, "t.json").unwrap_err();
    assert!(d.message.contains("UTF-16"));
}

#[test]
fn every_structural_error_in_one_run() {
    // The example: no overview, no proactive, and "五" in a count.
    let text = "{\n  \"organization\": \"某乡人民政府\",\n  \"year\": 2024,\n  \"requests\": {\"new\": {\"natural_person\": \"五\"}},\n  \"appeals\": {},\n  \"problems\": [\"b\"],\n  \"other_matters\": [\"c\"]\n}\n";
    let errors = parse_all(text, Format::Json, "t.json").unwrap_err();
    let summary: Vec<(&str, Option<&str>, Option<usize>)> = errors
        .iter()
        .map(|d| (d.code, d.location.field.as_deref(), d.location.pos.map(|p| p.line)))
        .collect();
    assert_eq!(
        summary,
        [
            ("R5", Some("requests.new.natural_person"), Some(4)),
            ("data-missing", None, Some(8)),
            ("data-missing", None, Some(8)),
        ],
        "{errors:#?}"
    );
    let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
    assert!(messages.contains(&"缺少必填字段“overview”"), "{messages:?}");
    assert!(messages.contains(&"缺少必填字段“proactive”"), "{messages:?}");
    assert!(errors[0].message.contains("五"), "{}", errors[0]);
    // The first error alone is what `parse` still returns.
    assert_eq!(parse(text, Format::Json, "t.json").unwrap_err().code, "data-missing");
}

#[test]
fn all_errors_in_yaml_and_toml_with_positions() {
    let yaml = "organization: 某局\nyear: \"2024\"\noverview: [a]\nproactive: {licencing: 1, fee: 2}\n\
                requests: {}\nappeals: {review: {upheld: 1, totl: 1}}\nproblems: [b]\nother_matters: [c]\n";
    let errors = parse_all(yaml, Format::Yaml, "t.yaml").unwrap_err();
    let got: Vec<(&str, Option<&str>, Option<usize>)> = errors
        .iter()
        .map(|d| (d.code, d.location.field.as_deref(), d.location.pos.map(|p| p.line)))
        .collect();
    assert_eq!(
        got,
        [
            ("data-value", Some("year"), Some(2)),
            ("data-unknown-key", Some("proactive.licencing"), Some(4)),
            ("data-unknown-key", Some("proactive.fee"), Some(4)),
            ("data-unknown-key", Some("appeals.review.totl"), Some(6)),
        ],
        "{errors:#?}"
    );
    let toml = "organization = \"某局\"\nyear = 2024\noverview = \"a\"\nproblems = [\"b\"]\n\
                [proactive]\nlicensing = \"/\"\nrule = 1\n[requests]\n[appeals]\n";
    let errors = parse_all(toml, Format::Toml, "t.toml").unwrap_err();
    let got: Vec<(&str, Option<&str>)> =
        errors.iter().map(|d| (d.code, d.location.field.as_deref())).collect();
    assert!(got.contains(&("data-type", Some("overview"))), "{errors:#?}");
    assert!(got.contains(&("data-unknown-key", Some("proactive.rule"))), "{errors:#?}");
    assert!(got.contains(&("data-missing", None)), "{errors:#?}");
    assert!(got.contains(&("R5", Some("proactive.licensing"))), "{errors:#?}");
    assert!(errors.iter().all(|d| d.location.pos.is_some()), "{errors:#?}");
}

#[test]
fn paragraphs_of_all_three_shapes() {
    let mut v = minimal();
    v["overview"] = serde_json::json!([
        "plain",
        {"heading": "h", "text": "t"},
        {"heading": "s", "paragraphs": ["p", {"heading": "x", "text": "y"}]}
    ]);
    let r = parse_value(&v).unwrap();
    assert_eq!(r.overview.len(), 3);
    assert!(
        matches!(&r.overview[2], Paragraph::Section { paragraphs, .. } if paragraphs.len() == 2)
    );
    v["overview"] = serde_json::json!([{"heading": "h", "txt": "t"}]);
    let d = parse_value(&v).unwrap_err();
    assert_eq!(d.location.field.as_deref(), Some("overview[0].txt"));
    assert!(d.hints[0].contains("text"));
}
