//! Reading text into documents (`input::text`): `pdftotext -layout` output of LibreOffice's
//! and nianbao's PDFs, text copied from a portal (tabs) or a PDF viewer (one cell per line)
//! in every encoding offices save, rows copied as one line, Markdown, page furniture, and
//! files that are not text.

use std::path::Path;

use nianbao::form;

use crate::common::sample;
use crate::import_expect::*;

#[test]
fn pdftotext_layout_of_libreoffice_pdf() {
    let report = sample("county-department.json");
    let doc = read_text(&pdftotext(&fixture("county-libreoffice.pdf")), "county.txt");
    assert_eq!(texts(&doc), expected_paragraphs(&report));
    check_text_table_three(&doc, &report);
    // Form feeds are pages.
    let pages: Vec<u32> = paragraphs(&doc).iter().filter_map(|p| p.origin.page).collect();
    assert_eq!((pages[0], *pages.last().unwrap()), (1, 5));
}

#[test]
fn pdftotext_layout_of_own_pdf() {
    let report = sample("long-narrative.json");
    let dir = crate::common::tempdir("pdftotext-own");
    let pdf = dir.join("county.pdf");
    std::fs::write(&pdf, render_pdf(&report)).unwrap();
    let doc = read_text(&pdftotext(&pdf), "county.txt");
    check_text_table_three(&doc, &report);
    let texts = texts(&doc);
    for heading in form::SECTIONS {
        assert_eq!(texts.iter().filter(|t| **t == heading).count(), 1, "{heading} in {texts:#?}");
    }
    let mut want = Vec::new();
    narrative(&report.problems, 0, &mut want);
    narrative(&report.other_matters, 0, &mut want);
    for w in want {
        assert!(texts.contains(&w), "{w} in {texts:#?}");
    }
}

#[test]
fn text_copied_from_a_portal_in_any_encoding() {
    let report = township();
    let utf8 = std::fs::read(fixture("xiaohe-copy.txt")).unwrap();
    let text = String::from_utf8(utf8.clone()).unwrap();
    let gbk = encoding_rs::GBK.encode(&text).0.into_owned();
    let bom8 = [b"\xEF\xBB\xBF".as_slice(), &utf8].concat();
    let utf16: Vec<u8> = [0xFFu8, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    let crlf = text.replace('\n', "\r\n").into_bytes();
    for (what, bytes) in
        [("utf-8", utf8), ("gbk", gbk), ("utf-8 bom", bom8), ("utf-16", utf16), ("crlf", crlf)]
    {
        let doc = read_text(&bytes, "copy.txt");
        assert_eq!(texts(&doc), expected_paragraphs(&report), "{what}");
        check_text_table_three(&doc, &report);
        check_table_four(&doc, &report);
        check_table_two(&doc, &report);
    }
}

#[test]
fn text_with_one_cell_per_line() {
    let report = township();
    let doc = read_text(&std::fs::read(fixture("xiaohe-cells.txt")).unwrap(), "cells.txt");
    assert_eq!(texts(&doc), expected_paragraphs(&report));
    check_text_table_three(&doc, &report);
}

#[test]
fn rows_copied_as_label_and_numbers_on_one_line() {
    let report = township();
    let rows = report.requests.rows();
    let mut text = String::from("三、收到和处理政府信息公开申请情况\n");
    for (i, row) in form::T3_ROWS.iter().enumerate() {
        let nums: Vec<String> = rows[i].iter().map(|n| n.to_string()).collect();
        text.push_str(&format!("{} {}\n", row.label, nums.join(" ")));
    }
    text.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
    let doc = read_text(text.as_bytes(), "rows.txt");
    check_text_table_three(&doc, &report);
    assert_eq!(texts(&doc), [form::SECTIONS[2], form::SECTIONS[3]]);
}

#[test]
fn markdown_reads_headings_runs_in_and_tables() {
    let report = township();
    let doc = read_text(&std::fs::read(fixture("xiaohe.md")).unwrap(), "xiaohe.md");
    assert_eq!(texts(&doc), expected_paragraphs(&report));
    let ps = paragraphs(&doc);
    assert_eq!(ps[0].heading, Some(1));
    let run_in = ps.iter().find(|p| p.text.starts_with("（二）")).unwrap();
    assert_eq!(run_in.lead, "（二）依申请公开方面。".chars().count());
    check_text_table_three(&doc, &report);
    check_table_four(&doc, &report);
}

#[test]
fn text_page_furniture_is_dropped() {
    // As `pdftotext -layout` gives a three-page report: a running header on every page after
    // the first, page numbers in two styles, a paragraph going on over a page break.
    let text = "  一、总体情况
  今年以来，我镇围绕乡村振兴、惠民资金发放、人居环境整治等群众关心的事
项，通过县政府门户网站小河镇专栏、镇村公开栏和“小河发布”微信公众号主
动公开政府信息 412 条，其中财政预决算信息 6 条，惠民资金发放信息 58 条，
公开率 100%。
  全年新收政府信息公开申请 17 件，其中自然人申请 12 件，法人或其他组织申

                              — 1 —
\x0C小河镇人民政府 2023 年政府信息公开工作年度报告
请 5 件，上年结转 2 件。已办结 18 件，结转下年度继续办理 1 件，均在法定
期限内答复，未收取信息处理费。
  严格执行公开前保密审查和“三审三校”制度，对拟公开信息逐条审核；全年
制发行政规范性文件 2 件，废止 1 件，现行有效 5 件。

                              — 2 —
\x0C小河镇人民政府 2023 年政府信息公开工作年度报告
  更新完善镇政府信息公开指南和目录，在 12 个行政村便民服务站设置政务公开
栏和查阅点，实现线上线下同步公开。
                              第 3 页
";
    let doc = read_text(text.as_bytes(), "paged.txt");
    assert_eq!(
        texts(&doc),
        [
            "一、总体情况",
            "今年以来，我镇围绕乡村振兴、惠民资金发放、人居环境整治等群众关心的事项，通过县政府门户网站小河镇专栏、镇村公开栏和“小河发布”微信公众号主动公开政府信息412条，其中财政预决算信息6条，惠民资金发放信息58条，公开率100%。",
            "全年新收政府信息公开申请17件，其中自然人申请12件，法人或其他组织申请5件，上年结转2件。已办结18件，结转下年度继续办理1件，均在法定期限内答复，未收取信息处理费。",
            "严格执行公开前保密审查和“三审三校”制度，对拟公开信息逐条审核；全年制发行政规范性文件2件，废止1件，现行有效5件。",
            "更新完善镇政府信息公开指南和目录，在12个行政村便民服务站设置政务公开栏和查阅点，实现线上线下同步公开。",
        ]
    );
    let pages: Vec<Option<u32>> = paragraphs(&doc).iter().map(|p| p.origin.page).collect();
    assert_eq!(pages, [Some(1), Some(1), Some(1), Some(2), Some(3)]);
}

#[test]
fn bad_text_fails_with_a_clear_error() {
    let err = nianbao::input::text::read(b"\x00\x01\x02\x03binary\x00", "x.txt").unwrap_err();
    assert_eq!(err[0].code, "text-encoding");
    assert!(err[0].message.contains("不是文本文件"), "{}", err[0]);
    let err = nianbao::input::text::read(b"\xff\xff\xff\x80\x80", "x.txt").unwrap_err();
    assert!(err[0].message.contains("无法识别文本编码"), "{}", err[0]);
    let err = nianbao::input::text::read(b"   \n\n", "x.txt").unwrap_err();
    assert_eq!(err[0].code, "text-empty");
}

#[test]
fn text_cells_say_where_they_came_from() {
    let bytes = std::fs::read(fixture("xiaohe-copy.txt")).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    let doc = read_text(&bytes, "copy.txt");
    let line = text.lines().position(|l| l.contains("(七) 总计")).unwrap() as u32 + 1;
    let t3 = tables(&doc)[1];
    for c in t3
        .cells
        .iter()
        .filter(|c| t3.cells.iter().any(|l| l.row == c.row && norm(&l.text) == "（七）总计"))
    {
        assert_eq!((c.origin.table, c.origin.row), (Some(2), Some(line)), "{c:?}");
    }
    let pages: Vec<Option<u32>> = tables(&doc).iter().map(|t| t.origin.page).collect();
    assert_eq!(pages, [Some(1); 3], "no form feeds: one page");
}

#[test]
fn mutated_text_never_panics() {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let pdf_text = pdftotext(&fixture("county-libreoffice.pdf"));
    for (name, original) in [
        ("copy.txt", std::fs::read(fixture("xiaohe-copy.txt")).unwrap()),
        ("cells.txt", std::fs::read(fixture("xiaohe-cells.txt")).unwrap()),
        ("layout.txt", pdf_text),
        ("x.md", std::fs::read(fixture("xiaohe.md")).unwrap()),
    ] {
        for _ in 0..40 {
            let mut bytes = original.clone();
            for _ in 0..1 + next() % 16 {
                let at = (next() as usize) % bytes.len();
                match next() % 4 {
                    0 => {
                        let pool = b" \t\n|0123456789\x0C";
                        bytes[at] = pool[(next() % pool.len() as u64) as usize]
                    }
                    1 => drop(bytes.drain(at..(at + (next() % 200) as usize).min(bytes.len()))),
                    2 => bytes[at] = next() as u8,
                    _ => {
                        let chunk: Vec<u8> = bytes[at..(at + 80).min(bytes.len())].to_vec();
                        bytes.splice(at..at, chunk);
                    }
                }
            }
            if let Err(d) = nianbao::input::text::read(&bytes, name) {
                assert!(!d.is_empty() && d[0].is_error());
            }
        }
    }
}

/// PDFs whose table rows are taller than their text lines come out of `pdftotext -layout`
/// with blank lines between the rows, between the header lines and between the lines of a
/// wrapped label (as many offices' PDFs do). The same report reads back whole, and to the
/// same data as the PDF itself.
#[test]
fn pdftotext_layout_with_tall_table_rows() {
    let pdf = fixture("county-libreoffice.pdf");
    let text = String::from_utf8(pdftotext(&pdf)).unwrap();
    // Every line inside sections 二–四 but their headings gets two blank lines after it.
    let mut spaced = String::new();
    let mut in_table = false;
    for line in text.lines() {
        spaced.push_str(line);
        spaced.push('\n');
        let t = line.trim();
        if t.starts_with("二、") || t.starts_with("三、") || t.starts_with("四、") {
            in_table = true;
        } else if t.starts_with("五、") {
            in_table = false;
        }
        if in_table && !t.is_empty() && !t.starts_with(['二', '三', '四']) {
            spaced.push_str("\n\n");
        }
    }
    let name = "tall-rows.txt";
    let from_text = nianbao::input::import_bytes(spaced.as_bytes(), Path::new(name), name)
        .unwrap_or_else(|d| panic!("{d:#?}"));
    assert!(from_text.complete, "{:#?}", from_text.findings);
    let from_pdf = nianbao::input::import(&pdf).unwrap();
    let (t, p) = (from_text.report.unwrap(), from_pdf.report.unwrap());
    assert_eq!(t.proactive, p.proactive, "表二");
    assert_eq!(t.requests.rows(), p.requests.rows(), "表三");
    assert_eq!(t.appeals, p.appeals, "表四");
    assert_eq!(t.organization, p.organization);
}
