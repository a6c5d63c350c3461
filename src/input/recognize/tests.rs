//! The recognizer on documents as a PDF or text reader gives them: plain paragraphs (no
//! formatting to tell a run-in heading by), tables cut across pages with a page number
//! between them, labels and numbers printed as offices print them.

use super::recognize;
use crate::input::document::{Block, Cell, Document, Origin, Paragraph, Table};
use crate::model::Paragraph as P;
use crate::model::form::{T3_NOTE, T3_ROWS};

fn para(text: &str) -> Block {
    Block::Paragraph(Paragraph { text: text.into(), ..Paragraph::default() })
}

/// A table from rows of cell texts: `^` merges a cell with the one above, `<` with the one
/// to its left.
fn table(rows: &[Vec<String>]) -> Block {
    let mut t = Table { rows: rows.len(), ..Table::default() };
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            match text.as_str() {
                "^" => {
                    let above = t.cells.iter_mut().rev().find(|x| x.col == c && x.row < r);
                    if let Some(cell) = above {
                        cell.rowspan = r - cell.row + 1;
                    }
                }
                "<" => {
                    if let Some(cell) = t.cells.iter_mut().rev().find(|x| x.row == r) {
                        cell.colspan += 1;
                    }
                }
                _ => t.cells.push(Cell {
                    row: r,
                    col: c,
                    rowspan: 1,
                    colspan: 1,
                    text: text.clone(),
                    origin: Origin { page: Some(1), row: Some(r as u32 + 1), ..Origin::default() },
                }),
            }
            t.cols = t.cols.max(c + 1);
        }
    }
    Block::Table(t)
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|s| s.to_string()).collect()
}

fn numbers(n: u64) -> Vec<String> {
    let mut v: Vec<String> = (0..6).map(|_| n.to_string()).collect();
    v.push((6 * n).to_string());
    v
}

fn table2() -> Block {
    table(&[
        row(&["第二十条第（一）项", "<", "<", "<"]),
        row(&["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
        row(&["规章", "0", "0", "0"]),
        row(&["行政规范性文件", "1", "0", "4"]),
        row(&["第二十条第（五）项", "<", "<", "<"]),
        row(&["信息内容", "本年处理决定数量", "<", "<"]),
        row(&["行政许可", "12", "<", "<"]),
        row(&["第二十条第（六）项", "<", "<", "<"]),
        row(&["行政处罚", "3", "<", "<"]),
        row(&["行政强制", "0", "<", "<"]),
        row(&["第二十条第（八）项", "<", "<", "<"]),
        row(&["行政事业性收费", "5949.088667", "<", "<"]),
    ])
}

/// Table 三's rows from `from` to `to` (body rows), each with `n`-valued cells.
fn table3(from: usize, to: usize, header: bool, n: u64) -> Block {
    let mut rows = Vec::new();
    if header {
        rows.push(row(&[T3_NOTE, "<", "<", "申请人情况", "<", "<", "<", "<", "<", "<"]));
        rows.push(row(&["^", "^", "^", "自然人", "法人或其他组织", "<", "<", "<", "<", "总计"]));
        rows.push(row(&[
            "^",
            "^",
            "^",
            "^",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            "^",
        ]));
    }
    for (i, r) in T3_ROWS.iter().enumerate().take(to).skip(from) {
        let mut cells = match r.group {
            Some(g) => vec!["三、本年度办理结果".to_string(), g.to_string(), r.label.to_string()],
            None => vec![r.label.to_string(), "<".into(), "<".into()],
        };
        if r.group.is_none() && (2..24).contains(&i) {
            cells = vec!["三、本年度办理结果".into(), r.label.into(), "<".into()];
        }
        cells.extend(numbers(n));
        rows.push(cells);
    }
    table(&rows)
}

fn table4() -> Block {
    let mut header = vec![row(&["行政复议", "<", "<", "<", "<", "行政诉讼"])];
    header[0].extend((0..9).map(|_| "<".to_string()));
    let labels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut h2: Vec<String> = labels.iter().map(|s| s.to_string()).collect();
    h2.extend(row(&["未经复议直接起诉", "<", "<", "<", "<", "复议后起诉", "<", "<", "<", "<"]));
    let mut h3: Vec<String> = (0..5).map(|_| "^".to_string()).collect();
    h3.extend(labels.iter().chain(labels.iter()).map(|s| s.to_string()));
    let data = row(&["1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"]);
    table(&[header.remove(0), h2, h3, data])
}

/// A report as text extraction gives it: no fonts, no title formatting.
fn plain_report(title: Option<&str>) -> Document {
    let mut blocks = Vec::new();
    if let Some(t) = title {
        blocks.push(para(t));
    }
    blocks.extend([
        para("本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。"),
        para("一、总体情况"),
        para("（一）加强组织领导，明确工作职责。成立以镇长为组长的领导小组。"),
        para("（二）主动公开方面"),
        para("全年主动公开信息120条。"),
        para("1.规范发布流程。严格执行审核制度。"),
        para("二、主动公开政府信息情况"),
        table2(),
        para("三、收到和处理政府信息公开申请情况"),
        table3(0, 9, true, 0),
        para("— 3 —"),
        table3(9, 25, false, 0),
        para("四、政府信息公开行政复议、行政诉讼情况"),
        table4(),
        para("五、存在的主要问题及改进情况"),
        para("一是信息更新不够及时；二是解读形式单一。"),
        para("六、其他需要报告的事项"),
        para("（一）本年度未收取信息处理费，也未发出收费通知书，全年无相关情况。"),
        para("石门镇人民政府"),
        para("二〇二四年一月十八日"),
    ]);
    Document { blocks, findings: Vec::new() }
}

#[test]
fn plain_text_reads_headings_tables_and_signature() {
    let doc = plain_report(Some("石门镇 2023 年政府信息公开工作年度报告"));
    let r = recognize(&doc, "plain.pdf", "pdf");
    assert!(r.complete, "{:#?}", r.findings);
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
    let report = r.report.unwrap();
    assert_eq!(report.organization, "石门镇人民政府");
    assert_eq!(report.year.0, 2023);
    assert_eq!(report.title.as_deref(), Some("石门镇2023年政府信息公开工作年度报告"));
    assert_eq!(
        report.overview,
        [
            P::RunIn {
                heading: "加强组织领导，明确工作职责。".into(),
                text: "成立以镇长为组长的领导小组。".into()
            },
            P::Section {
                heading: "主动公开方面".into(),
                paragraphs: vec![
                    P::Text("全年主动公开信息120条。".into()),
                    // Without formatting, a 1. line below an own-line heading stays text.
                    P::Text("1.规范发布流程。严格执行审核制度。".into()),
                ]
            },
        ]
    );
    // A long numbered sentence is a paragraph, not a heading.
    assert_eq!(
        report.other_matters,
        [P::Text("（一）本年度未收取信息处理费，也未发出收费通知书，全年无相关情况。".into())]
    );
    let sig = report.signature.unwrap();
    assert_eq!(
        (sig.organization.as_str(), sig.date.chinese()),
        ("石门镇人民政府", "2024年1月18日".into())
    );
    assert_eq!(report.proactive.fees.0, "5949.088667");
    assert_eq!(report.proactive.normative_documents.in_force.0, 4);
    assert_eq!(report.appeals.review.cells(), [1, 0, 0, 0, 1]);
    // The split table: rows on both sides of the page number, origins on page 1.
    assert_eq!(r.cells.len(), 200);
    assert!(r.cells.iter().all(|c| c.origin.starts_with("第1页")));
}

#[test]
fn without_a_title_the_year_comes_from_the_statistics_period() {
    let r = recognize(&plain_report(None), "untitled.pdf", "pdf");
    assert!(r.complete, "{:#?}", r.findings);
    let codes: Vec<&str> = r.findings.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["import-title"]);
    let report = r.report.unwrap();
    assert_eq!((report.year.0, report.organization.as_str()), (2023, "石门镇人民政府"));
    assert_eq!(report.title, None);
}

#[test]
fn missing_sections_and_rows_are_errors_that_name_them() {
    let mut doc = plain_report(Some("石门镇2023年政府信息公开工作年度报告"));
    doc.blocks.retain(|b| !matches!(b, Block::Paragraph(p) if p.text.starts_with("五、")));
    // Drop 表三's row "3.要求提供公开出版物" (the 18th body row).
    if let Block::Table(t) = &mut doc.blocks[12] {
        t.cells.retain(|c| c.row != 17 - 9);
    }
    let r = recognize(&doc, "broken.pdf", "pdf");
    assert!(!r.complete);
    let errors: Vec<String> =
        r.findings.iter().filter(|d| d.is_error()).map(|d| d.message.clone()).collect();
    assert_eq!(
        errors,
        [
            "表三缺少“（五）不予处理 · 3.要求提供公开出版物”行，无法读取",
            "没有找到“五、存在的主要问题及改进情况”这一部分"
        ],
    );
    // What was read is still there for --partial.
    assert!(r.report.is_some());
}

#[test]
fn sections_out_of_the_form_order_read_by_their_headings_with_a_warning() {
    let mut doc = plain_report(Some("石门镇2023年政府信息公开工作年度报告"));
    // 六 (with its fee sentence) printed before 五, as some offices do.
    let at = |doc: &Document, start: &str| {
        doc.blocks
            .iter()
            .position(|b| matches!(b, Block::Paragraph(p) if p.text.starts_with(start)))
            .unwrap()
    };
    let (five, six) = (at(&doc, "五、"), at(&doc, "六、"));
    let six_blocks: Vec<Block> = doc.blocks.drain(six..six + 2).collect();
    doc.blocks.splice(five..five, six_blocks);
    let r = recognize(&doc, "order.docx", "docx");
    assert!(r.complete, "{:#?}", r.findings);
    let warnings: Vec<&str> = r.findings.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        warnings,
        [
            "“六、其他需要报告的事项”排在“五、存在的主要问题及改进情况”之前，与统一格式的顺序不同，已按各自的标题读取"
        ],
    );
    let report = r.report.unwrap();
    assert_eq!(report.problems, [P::Text("一是信息更新不够及时；二是解读形式单一。".into())]);
    assert_eq!(
        report.other_matters,
        [P::Text("（一）本年度未收取信息处理费，也未发出收费通知书，全年无相关情况。".into())]
    );
    assert_eq!(report.signature.unwrap().organization, "石门镇人民政府");
}

#[test]
fn a_page_in_traditional_characters_is_refused_with_that_reason_alone() {
    let doc = Document {
        blocks: vec![
            para("遂溪縣北坡鎮2022年政府信息公開工作年度報告"),
            para("本報告中所列數據的統計時限為2022年1月1日起至2022年12月31日止。"),
            para("一、總體情況"),
            para("二、主動公開政府信息情況"),
        ],
        findings: Vec::new(),
    };
    let r = recognize(&doc, "fanti.html", "html");
    let codes: Vec<&str> = r.findings.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["import-traditional"]);
    assert!(r.report.is_none() && !r.complete);
    assert_eq!(r.findings[0].location.file.as_deref(), Some("fanti.html"));
}

#[test]
fn columns_of_table_three_out_of_the_form_order_are_an_error() {
    // The numbers are read by position: a header that swaps two columns must not pass.
    let mut doc = plain_report(Some("石门镇2023年政府信息公开工作年度报告"));
    for block in &mut doc.blocks {
        if let Block::Table(t) = block {
            for c in &mut t.cells {
                c.text = match c.text.as_str() {
                    "商业企业" => "科研机构".into(),
                    "科研机构" => "商业企业".into(),
                    _ => c.text.clone(),
                };
            }
        }
    }
    let r = recognize(&doc, "swapped.docx", "docx");
    let errors: Vec<&str> =
        r.findings.iter().filter(|d| d.is_error()).map(|d| d.message.as_str()).collect();
    assert_eq!(
        errors,
        [
            "表三的列顺序与统一格式不同：自然人、科研机构、商业企业、社会公益组织、法律服务机构、其他、总计；应为 自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计"
        ],
    );
    assert!(!r.complete);
}

#[test]
fn pieces_of_header_cells_broken_over_lines_are_not_rows() {
    // As `pdftotext -layout` gives a header whose narrow cells wrap: "商业企业" over two
    // lines, the note on the first column broken mid-sentence.
    let mut doc = plain_report(Some("石门镇2023年政府信息公开工作年度报告"));
    let at = doc
        .blocks
        .iter()
        .position(
            |b| matches!(b, Block::Table(t) if t.cells.iter().any(|c| c.text == "申请人情况")),
        )
        .unwrap();
    let Block::Table(t) = &doc.blocks[at] else { unreachable!() };
    let mut rows: Vec<Vec<String>> = vec![vec![String::new(); t.cols]; t.rows];
    for c in &t.cells {
        rows[c.row][c.col] = c.text.clone();
    }
    let pieces = [
        row(&["于第三项加第四项之和）", "", "", "", "", "", "", "", "", ""]),
        row(&["", "", "", "", "商业", "科研", "社会公益", "法律服务", "", ""]),
        row(&["", "", "", "", "企业", "机构", "组织", "机构", "其他", ""]),
    ];
    rows.splice(3..3, pieces);
    doc.blocks[at] = table(&rows);
    let r = recognize(&doc, "layout.txt", "text");
    assert!(r.complete, "{:#?}", r.findings);
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
}

#[test]
fn a_single_row_other_handling_of_zeros_reads_as_zeros() {
    let mut doc = plain_report(Some("石门镇2023年政府信息公开工作年度报告"));
    // Replace the three （六） rows by the 2019 single row, all zero.
    if let Block::Table(t) = &mut doc.blocks[12] {
        let first = 20 - 9;
        t.cells.retain(|c| c.row < first || c.row > first + 2);
        for c in &mut t.cells {
            if c.row > first + 2 {
                c.row -= 2;
            }
        }
        let mut cells = vec![
            Cell {
                row: first,
                col: 0,
                rowspan: 1,
                colspan: 1,
                text: "三、本年度办理结果".into(),
                origin: Origin::default(),
            },
            Cell {
                row: first,
                col: 1,
                rowspan: 1,
                colspan: 2,
                text: "（六）其他处理".into(),
                origin: Origin::default(),
            },
        ];
        cells.extend((0..7).map(|k| Cell {
            row: first,
            col: 3 + k,
            rowspan: 1,
            colspan: 1,
            text: "0".into(),
            origin: Origin::default(),
        }));
        t.cells.extend(cells);
        t.rows -= 2;
    }
    let r = recognize(&doc, "2019-row.pdf", "pdf");
    assert!(r.complete, "{:#?}", r.findings);
    let d = r.findings.iter().find(|d| d.code == "import-other-handling").expect("a warning");
    assert!(d.message.contains("全为 0"), "{d}");
    assert_eq!(r.report.unwrap().requests.other_handling.other.cells(), [0; 7]);
}

#[test]
fn placeholders_and_printed_totals_are_kept_as_printed() {
    let mut doc = plain_report(Some("石门镇2023年政府信息公开工作年度报告"));
    if let Block::Table(t) = &mut doc.blocks[10] {
        // 一、本年新收 (grid row 3): "/" and "无" and a total that does not add up.
        for c in t.cells.iter_mut().filter(|c| c.row == 3) {
            match c.col {
                3 => c.text = "２".into(),
                4 => c.text = "/".into(),
                5 => c.text = "无".into(),
                9 => c.text = "5".into(),
                _ => {}
            }
        }
    }
    let r = recognize(&doc, "p.pdf", "pdf");
    let report = r.report.unwrap();
    assert_eq!(report.requests.new.cells(), [2, 0, 0, 0, 0, 0, 5], "the total is not fixed");
    let placeholders = &report.imported.unwrap().placeholders;
    let got: Vec<(&str, &str)> =
        placeholders.iter().map(|p| (p.path.as_str(), p.raw.as_str())).collect();
    assert_eq!(got, [("requests.new.commercial", "/"), ("requests.new.research", "无")]);
    assert_eq!(placeholders[0].origin.as_deref(), Some("第1页第4行"));
}

#[test]
fn the_organization_keeps_the_printed_characters() {
    let title = "临江县（区）自然资源局２０２４年政府信息公开工作年度报告";
    let report = recognize(&plain_report(Some(title)), "t.pdf", "pdf").report.unwrap();
    assert_eq!(report.year.0, 2024);
    // The signature (石门镇人民政府) is another name: the title's words are kept as printed.
    assert_eq!(report.organization, "临江县（区）自然资源局");
    let year_first = "2023年下各镇政府信息公开工作年度报告";
    let report = recognize(&plain_report(Some(year_first)), "t.pdf", "pdf").report.unwrap();
    assert_eq!((report.organization.as_str(), report.year.0), ("下各镇", 2023));
}

#[test]
fn a_portal_metadata_line_gives_way_to_the_declared_title() {
    let mut doc = plain_report(None);
    let meta = para("标题：沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局");
    let mut heading = para("沭阳县发展和改革局2023年政府信息公开年度报告");
    if let Block::Paragraph(p) = &mut heading {
        p.heading = Some(1);
    }
    doc.blocks.splice(0..0, [para("首页"), meta, para("繁體版"), heading]);
    let report = recognize(&doc, "t.html", "html").report.unwrap();
    assert_eq!(report.organization, "沭阳县发展和改革局");
    assert_eq!(report.title.as_deref(), Some("沭阳县发展和改革局2023年政府信息公开年度报告"));
    assert!(report.preface.is_empty() || !format!("{:?}", report.preface).contains("繁體版"));
    // Without the heading, the metadata line's label and site name are dropped.
    let mut doc = plain_report(None);
    doc.blocks.insert(0, para("标题：沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局"));
    let report = recognize(&doc, "t.html", "html").report.unwrap();
    assert_eq!(report.organization, "沭阳县发展和改革局");
}

#[test]
fn an_empty_last_column_is_not_part_of_the_grid() {
    let mut doc = plain_report(Some("石门镇2023年政府信息公开工作年度报告"));
    for b in &mut doc.blocks {
        if let Block::Table(t) = b {
            let (rows, col) = (t.rows, t.cols);
            for r in 0..rows {
                t.cells.push(Cell { row: r, col, rowspan: 1, colspan: 1, ..Cell::default() });
            }
            t.cols += 1;
        }
    }
    let r = recognize(&doc, "t.html", "html");
    assert!(r.complete, "{:#?}", r.findings);
    let report = r.report.unwrap();
    assert_eq!(report.proactive.licensing.0, 12);
    assert_eq!(report.requests.rows()[0], [0; 7]);
    assert_eq!(report.appeals.review.cells(), [1, 0, 0, 0, 1]);
}

#[test]
fn a_table_two_without_its_rules_row_reads_with_a_warning() {
    let mut doc = plain_report(Some("石门镇2023年政府信息公开工作年度报告"));
    for b in &mut doc.blocks {
        if let Block::Table(t) = b
            && t.cells.iter().any(|c| c.text == "规章")
        {
            t.cells.retain(|c| c.row != 2);
            for c in &mut t.cells {
                if c.row > 2 {
                    c.row -= 1;
                }
            }
            t.rows -= 1;
        }
    }
    let r = recognize(&doc, "t.html", "html");
    assert!(r.complete, "{:#?}", r.findings);
    let rules = r.findings.iter().find(|d| d.code == "import-table").expect("a warning");
    assert!(!rules.is_error() && rules.message.contains("规章"), "{rules}");
    let report = r.report.unwrap();
    assert_eq!(report.proactive.normative_documents.in_force.0, 4);
    assert_eq!(report.proactive.rules.in_force.0, 0);
}

#[test]
fn a_misprinted_cell_of_table_four_is_a_placeholder_not_a_lost_table() {
    let mut doc = plain_report(Some("石门镇2023年政府信息公开工作年度报告"));
    let four = doc.blocks.iter_mut().rev().find_map(|b| match b {
        Block::Table(t) if t.cells.iter().any(|c| c.text == "行政复议") => Some(t),
        _ => None,
    });
    let four = four.expect("table 四");
    let cell = four.cells.iter_mut().find(|c| c.row == 3 && c.col == 0).unwrap();
    cell.text = "l".into();
    let r = recognize(&doc, "t.html", "html");
    let report = r.report.expect("a report");
    assert_eq!(report.appeals.review.cells()[4], 1, "the rest of the row is read");
    assert!(r.findings.iter().any(|d| d.message.contains("“l”")), "{:#?}", r.findings);
}
