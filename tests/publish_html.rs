//! The HTML page for a portal, checked in Chromium: the table grid read back from the DOM
//! puts every number under its labels (by its `headers` and on the page), axe-core finds
//! no WCAG 2.1 AA violation, the fragment keeps its borders with inline styles alone,
//! hostile text stays text, and the HTML template is exported and customized like the
//! Typst one.

use std::path::{Path, PathBuf};

use nianbao::form::{self, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS};
use nianbao::{Artifact, OutputFormat, Report};
use serde_json::Value;

use crate::common::*;

fn html(report: &Report, fragment: bool) -> (String, Vec<nianbao::Diagnostic>) {
    let r = renderer().render(report, OutputFormat::Html { fragment });
    match r.artifact {
        Some(Artifact::Html(bytes)) => (String::from_utf8(bytes).unwrap(), r.diagnostics),
        other => panic!("no HTML: {other:?} {:#?}", r.diagnostics),
    }
}

fn save(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    write(&path, text);
    path
}

/// The expected cells of the three tables: (the labels of its headers, outermost first,
/// the value printed).
fn expected(report: &Report) -> Vec<Vec<(Vec<&'static str>, String)>> {
    use form::t2::*;
    let p = &report.proactive;
    let mut t2 = Vec::new();
    for (row, s) in [(RULES, &p.rules), (NORMATIVE, &p.normative_documents)] {
        for (col, v) in [(ISSUED, s.issued.0), (REPEALED, s.repealed.0), (IN_FORCE, s.in_force.0)] {
            t2.push((vec![ITEM1, col, row], v.to_string()));
        }
    }
    t2.push((vec![ITEM5, DECISIONS, LICENSING], p.licensing.0.to_string()));
    t2.push((vec![ITEM6, DECISIONS, PUNISHMENT], p.punishment.0.to_string()));
    t2.push((vec![ITEM6, DECISIONS, ENFORCEMENT], p.enforcement.0.to_string()));
    t2.push((vec![ITEM8, AMOUNT, FEES], p.fees.0.clone()));
    let rows = report.requests.rows();
    let mut t3 = Vec::new();
    for (i, row) in T3_ROWS.iter().enumerate() {
        for (c, (_, col)) in T3_COLUMNS.iter().enumerate() {
            let mut labels = vec![form::T3_APPLICANTS];
            if (1..=5).contains(&c) {
                labels.push(form::T3_ORGANIZATIONS);
            }
            labels.push(col);
            if (2..=23).contains(&i) {
                labels.push(form::T3_RESULTS);
            }
            labels.extend(row.group);
            labels.push(row.label);
            t3.push((labels, rows[i][c].to_string()));
        }
    }
    let a = &report.appeals;
    let mut t4 = Vec::new();
    for (g, values) in [a.review.cells(), a.litigation.cells(), a.litigation_after_review.cells()]
        .iter()
        .enumerate()
    {
        for (c, (_, col)) in T4_COLUMNS.iter().enumerate() {
            let labels = match g {
                0 => vec![form::T4_REVIEW, col],
                1 => vec![form::T4_LITIGATION, form::T4_DIRECT, col],
                _ => vec![form::T4_LITIGATION, form::T4_AFTER_REVIEW, col],
            };
            t4.push((labels, values[c].to_string()));
        }
    }
    assert_eq!(T4_GROUPS.len(), 3);
    vec![t2, t3, t4]
}

/// Check the tables read back from the DOM: each expected number sits in exactly one
/// data cell whose `headers` name exactly its labels, inside each column header's
/// horizontal extent and each row header's vertical one; every cell has its borders.
fn check_tables(page: &Value, report: &Report) {
    let tables = page["tables"].as_array().unwrap();
    let captions: Vec<&str> = tables.iter().map(|t| t["caption"].as_str().unwrap()).collect();
    assert_eq!(
        captions,
        [
            "主动公开政府信息情况",
            "收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况"
        ]
    );
    for (t, want) in tables.iter().zip(expected(report)) {
        let cells = t["cells"].as_array().unwrap();
        for c in cells {
            assert_eq!(c["border"], "solid solid solid solid 1px 1px rgb(0, 0, 0)", "{c}");
            if c["tag"] == "th" {
                assert!(c["id"].is_string() && c["scope"].is_string(), "{c}");
            }
        }
        let data: Vec<&Value> = cells
            .iter()
            .filter(|c| c["tag"] == "td" && c["headers"].as_array().is_some_and(|h| !h.is_empty()))
            .collect();
        assert_eq!(data.len(), want.len());
        for (labels, value) in want {
            let hits: Vec<&&Value> = data
                .iter()
                .filter(|c| {
                    c["headers"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|h| h.as_str().unwrap())
                        .eq(labels.iter().copied())
                })
                .collect();
            assert_eq!(hits.len(), 1, "{labels:?}");
            let cell = hits[0];
            assert_eq!(cell["text"], value.as_str(), "{labels:?}");
            let b = &cell["box"];
            let (cx, cy) = (
                (b["x0"].as_f64().unwrap() + b["x1"].as_f64().unwrap()) / 2.0,
                (b["y0"].as_f64().unwrap() + b["y1"].as_f64().unwrap()) / 2.0,
            );
            for (h, label) in cell["header_boxes"].as_array().unwrap().iter().zip(&labels) {
                let (x0, x1, y0, y1) = (
                    h["x0"].as_f64().unwrap(),
                    h["x1"].as_f64().unwrap(),
                    h["y0"].as_f64().unwrap(),
                    h["y1"].as_f64().unwrap(),
                );
                let above = y1 <= b["y0"].as_f64().unwrap() + 0.5;
                if above {
                    assert!(x0 <= cx && cx <= x1, "{value} is not under “{label}” ({labels:?})");
                } else {
                    assert!(
                        y0 <= cy && cy <= y1 && x1 <= b["x0"].as_f64().unwrap() + 0.5,
                        "{value} is not right of “{label}” ({labels:?})"
                    );
                }
            }
        }
    }
}

#[test]
fn the_page_has_real_headings_and_every_number_under_its_labels() {
    let report = sample("county-department.json");
    let dir = tempdir("html-grid");
    let file = save(&dir, "county.html", &html(&report, false).0);
    let page = node_json("html-grid.mjs", &[file.to_str().unwrap()]);
    assert_eq!(page["lang"], "zh-CN");
    assert_eq!(page["scripts"], 0);
    assert_eq!(page["requests"], serde_json::json!([]), "no external resources");
    assert_eq!(page["title"], report.title());
    let headings: Vec<(u64, &str)> = page["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["level"].as_u64().unwrap(), h["text"].as_str().unwrap()))
        .collect();
    let mut want = vec![(1, report.title())];
    want.extend(form::SECTIONS.iter().map(|s| (2, s.to_string())));
    assert_eq!(headings, want.iter().map(|(l, t)| (*l, t.as_str())).collect::<Vec<_>>());
    check_tables(&page, &report);
    let paragraphs = page["paragraphs"].as_array().unwrap();
    assert!(paragraphs.iter().any(|p| p == "（一）主动公开全年通过县政府门户网站主动公开政府信息1368条，其中机构职能、政策文件、规划计划、行政执法等信息412条，国土空间规划、不动产登记、土地征收等重点领域信息587条。及时公开城乡建设用地增减挂钩、耕地占补平衡等群众关注事项，征地信息做到“批前告知、批后公示”全覆盖。"));
    assert!(paragraphs.iter().any(|p| p == "2025年1月20日"));
}

#[test]
fn own_line_subheadings_are_headings_three_and_four() {
    let report = sample("long-narrative.json");
    let dir = tempdir("html-h3");
    let file = save(&dir, "long.html", &html(&report, false).0);
    let page = node_json("html-grid.mjs", &[file.to_str().unwrap()]);
    let levels: Vec<u64> =
        page["headings"].as_array().unwrap().iter().map(|h| h["level"].as_u64().unwrap()).collect();
    assert!(levels.contains(&3), "{levels:?}");
    // Never a skipped level: every heading is at most one deeper than the one before.
    assert!(levels.windows(2).all(|w| w[1] <= w[0] + 1), "{levels:?}");
}

#[test]
fn the_fragment_keeps_its_borders_and_headers_with_inline_styles_alone() {
    let report = sample("county-department.json");
    let (fragment, _) = html(&report, true);
    assert!(fragment.trim_start().starts_with("<div lang=\"zh-CN\""), "{}", &fragment[..80]);
    for tag in ["<html", "<head", "<style", "<body", "<script", "class="] {
        assert!(!fragment.contains(tag), "the fragment has {tag}");
    }
    let dir = tempdir("html-fragment");
    let file = save(&dir, "body.html", &fragment);
    let page = node_json("html-grid.mjs", &[file.to_str().unwrap()]);
    assert_eq!(page["styles"], 0);
    assert_eq!(page["langs"][0], "zh-CN");
    check_tables(&page, &report);
}

/// axe's results on a page: no violation, and nothing left to review but the colour
/// contrast of cells that span rows (axe cannot see their background: axe-core #4703; the
/// page is black on white throughout).
fn assert_axe_clean(file: &Path) {
    let r = node_json("axe.mjs", &[file.to_str().unwrap()]);
    assert_eq!(r["violations"], serde_json::json!([]), "{r:#}");
    assert!(r["passes"].as_u64().unwrap() >= 15, "{r:#}");
    for item in r["incomplete"].as_array().unwrap() {
        assert_eq!(item["id"], "color-contrast", "{item:#}");
        for node in item["nodes"].as_array().unwrap() {
            let target = node["target"].as_str().unwrap();
            assert!(target.starts_with("#t3-") || target.contains("rowspan"), "{item:#}");
        }
    }
}

#[test]
fn axe_finds_no_wcag_violation_on_the_page_or_the_pasted_fragment() {
    let dir = tempdir("html-axe");
    for name in ["county-department.json", "long-narrative.json"] {
        let report = sample(name);
        assert_axe_clean(&save(&dir, "page.html", &html(&report, false).0));
        let shell = format!(
            "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>门户</title></head><body><main>{}</main></body></html>",
            html(&report, true).0
        );
        assert_axe_clean(&save(&dir, "portal.html", &shell));
    }
}

const HOSTILE: &str =
    "<script>alert('x')</script> \" onmouseover=\"alert(1)\" & &amp; <b>粗</b> ' <!-- -->";

#[test]
fn hostile_text_stays_text() {
    let mut v = sample_json("seed.json");
    v["title"] = format!("标题{HOSTILE}").into();
    v["organization"] = format!("机关{HOSTILE}").into();
    v["preface"] = serde_json::json!([format!("前言{HOSTILE}\u{7}")]);
    v["overview"][0]["heading"] = format!("小标题{HOSTILE}").into();
    v["requests"]["granted"]["natural_person"] = "<i>九</i>".into();
    let loaded =
        nianbao::input::load_bytes(v.to_string().as_bytes(), Path::new("h.json"), "h.json")
            .unwrap();
    let (page_html, diags) = html(&loaded.report, false);
    assert!(
        diags
            .iter()
            .any(|d| d.code == "control-char" && d.location.field.as_deref() == Some("preface[0]")),
        "{diags:#?}"
    );
    let dir = tempdir("html-hostile");
    let file = save(&dir, "hostile.html", &page_html);
    let page = node_json("html-grid.mjs", &[file.to_str().unwrap()]);
    assert_eq!(page["scripts"], 0);
    assert_eq!(page["title"], format!("标题{HOSTILE}"));
    assert_eq!(page["author"], format!("机关{HOSTILE}"));
    assert_eq!(page["headings"][0]["text"], format!("标题{HOSTILE}"));
    let paragraphs = page["paragraphs"].as_array().unwrap();
    assert!(paragraphs.iter().any(|p| p == &format!("前言{HOSTILE}")), "{paragraphs:?}");
    assert!(
        paragraphs
            .iter()
            .any(|p| p.as_str().unwrap().starts_with(&format!("（一）小标题{HOSTILE}")))
    );
    let cell =
        page["tables"][1]["cells"].as_array().unwrap().iter().find(|c| c["text"] == "<i>九</i>");
    assert!(cell.is_some(), "an invalid cell shown as written stays text");
    assert_axe_clean(&file);
}

#[test]
fn the_html_template_is_exported_and_customized_like_the_typst_one() {
    let dir = tempdir("html-template");
    let templates = TemplateCopy::export(dir.join("t"));
    let entry = templates.dir.join("report.html.j2");
    let original = std::fs::read_to_string(&entry).expect("report.html.j2 is exported");
    let seed = root().join("samples/seed.json");
    let out = dir.join("custom.html");
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args([
                "render",
                seed.to_str().unwrap(),
                "--ignore-system-fonts",
                "--templates",
                templates.arg(),
                "-o",
                out.to_str().unwrap(),
            ])
            .args(extra)
            .output()
            .unwrap()
    };
    write(&entry, &original.replace("<main>", "<main><p>本站定制页眉：{{ organization }}</p>"));
    let o = run(&[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        std::fs::read_to_string(&out).unwrap().contains("<p>本站定制页眉：蔡家堡乡人民政府</p>")
    );
    // A customized page with a script is refused, naming the template; nothing written.
    std::fs::remove_file(&out).unwrap();
    write(&entry, &original.replace("</body>", "<script>track()</script></body>"));
    let o = run(&[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("report.html.j2") && err.contains("脚本"), "{err}");
    assert!(!out.exists());
    // A folder exported before the HTML template existed renders the built-in one.
    std::fs::remove_file(&entry).unwrap();
    let o = run(&[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read_to_string(&out).unwrap().contains("<html lang=\"zh-CN\">"));
}
