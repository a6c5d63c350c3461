//! A county's outputs read back by their real readers: the annex as .xlsx in LibreOffice
//! Calc and as .html in Chromium (with axe-core); the regional text from a text file; the
//! to-do list of `validate`; the county columns of `batch --summary`.

use std::path::Path;

use serde_json::Value;

use crate::common::*;
use crate::county::*;
use crate::county_gen::Tables;

/// Convert a spreadsheet to CSV with LibreOffice Calc (UTF-8, cells as shown).
fn calc_to_csv(file: &Path, dir: &Path) -> String {
    let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false";
    let csv = soffice_convert(&[file.to_path_buf()], filter, &dir.join("calc"));
    std::fs::read_to_string(&csv[0]).unwrap()
}

/// The annex as .xlsx, opened by LibreOffice Calc, shows what the .csv shows; as .html, in
/// Chromium, the same table with its caption and header cells and no accessibility
/// violations.
#[test]
fn annex_xlsx_and_html_read_back_in_libreoffice_and_chromium() {
    let dir = tempdir("county-annex");
    write_county(&dir);
    let (csv, xlsx, html) = (dir.join("a.csv"), dir.join("a.xlsx"), dir.join("a.html"));
    for annex in [&csv, &xlsx, &html] {
        let (o, _) = aggregate(&dir, &["--annex", s(annex)]);
        assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let ours = csv_rows(&std::fs::read_to_string(&csv).unwrap());
    let calc = csv_rows(&calc_to_csv(&xlsx, &dir));
    assert_eq!(calc[..ours.len()], ours[..], "the .xlsx as LibreOffice shows it");
    // The notes under the table.
    assert!(calc[ours.len()..].iter().any(|r| r[0].starts_with("实质公开率 =")), "{calc:?}");

    let profile = dir.join("chromium-profile");
    let page: Value = node_json("table.mjs", &[s(&html), s(&profile)]);
    assert_eq!(page["lang"], "zh-CN");
    assert_eq!(page["caption"], "临江县人民政府2024年政府信息公开工作年度报告附表：各单位情况");
    let strings = |v: &Value| -> Vec<Vec<String>> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r.as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect()
            })
            .collect()
    };
    assert_eq!(strings(&page["head"])[0], ours[0]);
    assert_eq!(strings(&page["body"]), ours[1..ours.len() - 1]);
    assert_eq!(strings(&page["foot"]), ours[ours.len() - 1..]);
    assert_eq!(page["foreign"], 0);
    assert_eq!(page["violations"], serde_json::json!([]), "axe-core");
}

/// The regional text from a text file cut at the six headings: its figures are checked
/// against the summed tables like any report's.
#[test]
fn narrative_text_file_gives_the_regional_text_and_is_checked() {
    let dir = tempdir("county-narrative");
    let units = write_county(&dir);
    let (rows, _) = expected_sum(&units, &included());
    let new = rows[0][6];
    let text = format!(
        "临江县人民政府2024年政府信息公开工作年度报告\n\n本报告由临江县人民政府办公室汇总全县各乡镇、各部门年度报告编制。\n\n一、总体情况\n（一）依申请公开。全县共新收政府信息公开申请{new}件，上年结转{}件。\n（二）主动公开\n全县各单位通过门户网站和政务新媒体主动公开政府信息。\n二、主动公开政府信息情况\n（见下表）\n五、存在的主要问题及改进情况\n部分乡镇村务公开栏更新不及时，个别部门政策解读形式单一、群众不易看懂。下一步，县政务公开办将加强督导，每季度通报各单位栏目更新情况，并组织政策解读专题培训。\n六、其他需要报告的事项\n全县各单位均未收取信息处理费。全年办结政府信息公开申请{}件。\n临江县人民政府办公室\n2025年1月20日\n",
        rows[1][6],
        rows[23][6] + 1,
    );
    let narrative = dir.join("叙述.txt");
    std::fs::write(&narrative, text).unwrap();
    let (o, region) = aggregate(&dir, &["--narrative", s(&narrative)]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("（见下表）"), "unused text is reported: {stderr}");
    let report = nianbao::input::load(&region).unwrap().report;
    assert_eq!(report.title.as_deref(), Some("临江县人民政府2024年政府信息公开工作年度报告"));
    assert_eq!(report.signature.as_ref().unwrap().date.chinese(), "2025年1月20日");
    assert_eq!(report.overview.len(), 2);
    // The one wrong figure (办结 off by one) is found, in the region's own output; no
    // section is 待填写 (S2 is unit 2's 规章, added up).
    let findings = nianbao::check::validate(&report, None, "region.json");
    let codes: Vec<(&str, Option<&str>)> =
        findings.iter().map(|d| (d.code, d.location.field.as_deref())).collect();
    assert_eq!(
        codes,
        [("S2", Some("proactive.rules.issued")), ("S3", Some("other_matters[0]"))],
        "{findings:#?}"
    );
    assert!(stderr.contains("警告[S3]: 正文“全年办结政府信息公开申请"), "{stderr}");
}

/// `validate` of several files finds text copied between them, writes the to-do list, and
/// shows an explained stock break as information that does not fail.
#[test]
fn validate_finds_copies_and_writes_the_list() {
    let dir = tempdir("county-validate");
    let units = write_county(&dir);
    let u = |i: usize| dir.join("units").join(&units[i].file);
    let list = dir.join("清单.csv");
    let o = nianbao(&["validate", s(&u(0)), s(&u(16)), s(&u(17)), "--findings", s(&list)]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "warnings only: {stderr}");
    assert_eq!(stderr.matches("警告[S11]").count(), 2, "{stderr}");
    let rows = csv_rows(&std::fs::read_to_string(&list).unwrap());
    assert_eq!(rows[0], nianbao::output::findings::COLUMNS);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows[1..].iter().all(|r| r[2] == "S11" && r[4] == "problems[0]"), "{rows:?}");
    let orgs: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    let mut want = vec![units[16].id.organization.as_str(), units[17].id.organization.as_str()];
    want.sort();
    assert_eq!(orgs, want, "sorted by unit");

    let prev = dir.join("2023").join(&units[11].file);
    let o = nianbao(&["validate", s(&u(11)), "--previous", s(&prev)]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("提示[S1]: 行政规范性文件：现行有效件数") && stderr.contains("报告已说明"),
        "{stderr}"
    );
    assert!(stderr.contains("没有发现问题"), "information is not a defect: {stderr}");
}

/// `batch --summary` has each report's unit, key figures, rates and defects, and its
/// findings carry the organization; the copy check runs across the batch.
#[test]
fn batch_summary_has_the_county_columns() {
    let dir = tempdir("county-batch");
    let units = write_county(&dir);
    let input = dir.join("two");
    std::fs::create_dir_all(&input).unwrap();
    for i in [16, 17] {
        std::fs::copy(dir.join("units").join(&units[i].file), input.join(&units[i].file)).unwrap();
    }
    let summary = dir.join("summary.json");
    let o = nianbao(&[
        "batch",
        s(&input),
        "-o",
        s(&dir.join("out")),
        "--summary",
        s(&summary),
        "-q",
        "--ignore-system-fonts",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let sum = json(&summary);
    for (row, i) in sum["reports"].as_array().unwrap().iter().zip([16, 17]) {
        assert_eq!(row["organization"], units[i].id.organization.as_str());
        assert_eq!(row["level"], units[i].id.level);
        assert_eq!(row["figures"]["new"], Tables::total(&units[i].tables.new));
        assert_eq!(row["defects"], 1);
        let f = &row["findings"][0];
        assert_eq!(
            (f["code"].as_str(), f["organization"].as_str()),
            (Some("S11"), Some(units[i].id.organization.as_str()))
        );
    }
}
