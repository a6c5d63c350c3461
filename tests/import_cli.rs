//! `nianbao import` on the command line (JSON or YAML by name, several inputs to a folder,
//! exit codes, `--partial`, `--format json`, `--cells`, atomic writes), and office files
//! taken as data everywhere: `validate`, `render`, `batch`, `preview`, `--previous-dir`.

use std::path::Path;
use std::process::Command;

use crate::common::*;
use crate::import::{assert_same, fixture};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn expected(name: &str) -> nianbao::Report {
    nianbao::input::load(&fixture(&format!("{name}.expected.json"))).unwrap().report
}

fn only(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn import_writes_json_yaml_or_stdout() {
    let dir = tempdir("import-cli-out");
    let input = fixture("word-county.docx");
    let json = dir.join("county.json");
    let o = nianbao(&["import", s(&input), "-o", s(&json)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("已写入"), "{}", stderr(&o));
    let text = std::fs::read_to_string(&json).unwrap();
    assert!(text.trim_start().starts_with('{') && text.contains("\"schema\": \"nianbao/1\""));
    let back = nianbao::input::load(&json).unwrap().report;
    assert_same(&back, &expected("word-county.docx"), "JSON written by import");
    assert_eq!(back.imported.as_ref().unwrap().format, "docx");

    let yaml = dir.join("county.yaml");
    let o = nianbao(&["import", s(&input), "-o", s(&yaml)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&yaml).unwrap();
    assert!(text.starts_with("schema: nianbao/1"), "{text}");
    assert_same(&nianbao::input::load(&yaml).unwrap().report, &back, "YAML written by import");

    let o = nianbao(&["import", s(&input)]);
    assert_eq!(o.status.code(), Some(0));
    let printed: nianbao::Report = serde_json::from_slice(&o.stdout).unwrap();
    assert_same(&printed, &back, "JSON on stdout");
    // Only the outputs, no temp files.
    assert_eq!(only(&dir), ["county.json", "county.yaml"]);
}

#[test]
fn several_inputs_go_to_a_folder_and_collisions_write_nothing() {
    let dir = tempdir("import-cli-many");
    let out = dir.join("data");
    let (a, b) = (fixture("word-county.docx"), fixture("portal-gbk.html"));
    let o = nianbao(&["import", s(&a), s(&b), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(only(&out), ["portal-gbk.json", "word-county.json"]);
    let gbk = nianbao::input::load(&out.join("portal-gbk.json")).unwrap().report;
    assert_same(&gbk, &expected("portal-gbk.html"), "portal-gbk via the folder");

    let o = nianbao(&["import", s(&a), s(&b)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("-o"), "{}", stderr(&o));

    let twin = dir.join("word-county.html");
    std::fs::copy(fixture("portal-long.html"), &twin).unwrap();
    let out2 = dir.join("collide");
    let o = nianbao(&["import", s(&a), s(&twin), "-o", s(&out2)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("word-county.json"), "{}", stderr(&o));
    assert!(only(&out2).is_empty());
}

/// A page whose table 四 was left out (as a site that flattened it).
fn without_table_four(dir: &Path) -> std::path::PathBuf {
    let page = std::fs::read_to_string(fixture("portal-long.html")).unwrap();
    let start = page.rfind("<div align=center><table").unwrap();
    let end = page[start..].find("</table></div>").unwrap() + start + "</table></div>".len();
    let broken = dir.join("no-table-four.html");
    write(&broken, &format!("{}{}", &page[..start], &page[end..]));
    broken
}

#[test]
fn an_unreadable_table_exits_one_and_writes_only_with_partial() {
    let dir = tempdir("import-cli-partial");
    let broken = without_table_four(&dir);
    let out = dir.join("out.json");
    write(&out, "previous content");
    let o = nianbao(&["import", s(&broken), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("没有找到表四") && err.contains("未写出"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous content");

    let o = nianbao(&["import", s(&broken), "-o", s(&out), "--partial"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--partial"), "{}", stderr(&o));
    let partial: nianbao::Report =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(partial.requests.rows(), expected("portal-long.html").requests.rows());
    assert_eq!(only(&dir), ["no-table-four.html", "out.json"]);

    let o = nianbao(&["import", s(&fixture("old-2019.docx")), "-o", s(&dir.join("old.json"))]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("旧版格式"), "{}", stderr(&o));
    assert!(!dir.join("old.json").exists());
}

#[test]
fn findings_and_cells_as_json() {
    let dir = tempdir("import-cli-json");
    let out = dir.join("q.json");
    let page = fixture("portal-sniffed.html");
    let o = nianbao(&["import", s(&page), "-o", s(&out), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let cell = findings
        .iter()
        .find(|f| f["path"] == "requests.new.commercial")
        .expect("the blank cell is a finding");
    assert_eq!(cell["code"], "import-placeholder");
    assert_eq!(cell["severity"], "warning");
    assert_eq!(cell["table"], "表三");
    assert_eq!(cell["row_label"], "一、本年新收政府信息公开申请数量");
    assert_eq!(cell["column_label"], "商业企业");
    assert_eq!(cell["source"], "第2个表格第4行第5列");
    assert!(cell["file"].as_str().unwrap().ends_with("portal-sniffed.html"));

    let o = nianbao(&["import", s(&page), "-o", s(&out), "--format", "json", "--cells"]);
    let both: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let cells = both["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 200);
    let total = cells.iter().find(|c| c["path"] == "requests.new.total").unwrap();
    assert_eq!((total["value"].as_str(), total["raw"].as_str()), (Some("3"), Some("3")));
    assert_eq!(total["source"], "第2个表格第4行第10列");

    let o = nianbao(&["import", s(&fixture("word-county.docx")), "-o", s(&out), "--cells"]);
    let err = stderr(&o);
    assert!(err.contains("表二“第二十条第（八）项 · 行政事业性收费”行“本年收费金额（单位：万元）”列 = 18651.06  ← 第1个表格第14行第2列"), "{err}");
}

#[test]
fn validate_render_and_batch_take_office_files() {
    let dir = tempdir("import-everywhere");
    // validate: import warnings come along with the form's rules.
    let o = nianbao(&["validate", s(&fixture("portal-sniffed.html")), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let codes: std::collections::BTreeSet<&str> =
        findings.iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert!(codes.contains("import-placeholder") && codes.contains("R3"), "{codes:?}");
    let o = nianbao(&["validate", s(&fixture("word-county.docx")), s(&fixture("portal-gbk.html"))]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = nianbao(&["validate", s(&fixture("old-outline.docx"))]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("旧版格式"));

    // render: a WPS file straight to PDF.
    let pdf = dir.join("seed.pdf");
    let o =
        nianbao(&["render", s(&fixture("wps-seed.docx")), "-o", s(&pdf), "--ignore-system-fonts"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("蔡家堡乡") && text.contains("加强组织领导"), "{text}");

    // batch: a folder walk picks up .docx and .html beside .json.
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::fs::copy(fixture("word-county.docx"), input.join("a.docx")).unwrap();
    std::fs::copy(fixture("portal-gbk.html"), input.join("sub/b.html")).unwrap();
    std::fs::copy(root().join("samples/seed.json"), input.join("c.json")).unwrap();
    let out = dir.join("out");
    let o = nianbao(&[
        "batch",
        s(&input),
        "-o",
        s(&out),
        "--name",
        "{stem}.pdf",
        "-q",
        "--ignore-system-fonts",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut pdfs: Vec<String> = only(&out).into_iter().filter(|n| n.ends_with(".pdf")).collect();
    pdfs.sort();
    assert_eq!(pdfs, ["a.pdf", "b.pdf", "c.pdf"]);
}

#[test]
fn previous_dir_finds_last_years_office_file() {
    let dir = tempdir("import-previous");
    let prev = dir.join("2023");
    std::fs::create_dir_all(&prev).unwrap();
    // Last year's report of the same office, as a web page; its 结转下年度 is this year's
    // 上年结转 (8 for the 总计 column).
    let page = std::fs::read_to_string(fixture("portal-long.html")).unwrap();
    let last = page.replace("2024年政府信息公开工作年度报告", "2023年政府信息公开工作年度报告");
    write(&prev.join("last-year.html"), &last);
    let o = nianbao(&["validate", s(&fixture("portal-long.html")), "--previous-dir", s(&prev)]);
    let err = stderr(&o);
    assert!(!err.contains("没有找到"), "last year's page not found: {err}");
    assert!(err.contains("R6"), "the carry-over was compared: {err}");
}

#[test]
fn preview_serves_an_imported_docx() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["preview", s(&fixture("word-county.docx")), "--port", "0", "--ignore-system-fonts"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let port = loop {
        let line = lines.next().expect("preview started").unwrap();
        if let Some(port) = crate::preview_client::port_in(&line) {
            break port;
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let mut state = serde_json::Value::Null;
    for _ in 0..600 {
        state =
            serde_json::from_str(&crate::preview_client::get(port, "/state")).unwrap_or_default();
        if state["pages"].as_array().is_some_and(|p| !p.is_empty()) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    let pages = state["pages"].as_array().expect("pages");
    let text: String = pages.iter().map(|p| p["text"].as_str().unwrap_or_default()).collect();
    assert!(text.contains("临江县自然资源和规划局"), "{state}");
}

/// A county's published PDFs are checked against last year's published PDFs: the folder
/// of last year's reports is searched through their PDFs, and the carry-over (R6) and the
/// stock (S1) are compared with what last year's PDF prints.
#[test]
fn published_pdfs_are_validated_against_last_years_pdfs() {
    let dir = tempdir("import-pdf-previous");
    let (this, last) = (dir.join("2024"), dir.join("2023"));
    std::fs::create_dir_all(&this).unwrap();
    std::fs::create_dir_all(&last).unwrap();
    let seed = root().join("samples/county-department.json");
    let mut report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&seed).unwrap()).unwrap();
    // Last year's report of the same office, with the same tables: where this year's
    // 上年结转 differs from its 结转下年度, R6 must say so.
    let mut previous = report.clone();
    previous["year"] = 2023.into();
    previous.as_object_mut().unwrap().remove("title");
    previous.as_object_mut().unwrap().remove("signature");
    let data: nianbao::Report = serde_json::from_value(report.clone()).unwrap();
    let (this_carried, last_forward) =
        (data.requests.carried_over.cells(), data.requests.carried_forward.cells());
    let differ = (0..7).filter(|&c| this_carried[c] != last_forward[c]).count();
    assert!(differ > 0, "the sample's 上年结转 and 结转下年度 differ somewhere");
    report.as_object_mut().unwrap().remove("title");
    for (value, json, pdf) in [
        (&previous, &dir.join("last.json"), &last.join("上年.pdf")),
        (&report, &dir.join("this.json"), &this.join("本年.pdf")),
    ] {
        write(json, &serde_json::to_string(value).unwrap());
        let o = nianbao(&["render", s(json), "-o", s(pdf), "--ignore-system-fonts"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let o = nianbao(&[
        "validate",
        s(&this.join("本年.pdf")),
        "--previous-dir",
        s(&last),
        "--format",
        "json",
    ]);
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let r6: Vec<&serde_json::Value> = findings.iter().filter(|f| f["code"] == "R6").collect();
    assert_eq!(r6.len(), differ, "上年结转 against last year's PDF: {findings:#?}");
    assert!(r6.iter().all(|f| f["severity"] == "error"), "{r6:#?}");
    assert_eq!(o.status.code(), Some(1));
}
