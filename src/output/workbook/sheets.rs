//! The fill-in workbook's other sheets: 说明 (how to fill it in), 基本信息 (organization,
//! year, level, title, signature, date), 正文 (one row per paragraph) and the very hidden
//! metadata sheet that identifies the template and its version.

use rust_xlsxwriter::{DataValidation, DataValidationRule, ExcelDateTime, Workbook, XlsxError};

use super::Styles;
use super::tables::protected;
use crate::diag::Diagnostic;
use crate::input::sheet::layout::{
    self, HELP, INFO, INFO_HEADER, INFO_ROWS, LEVELS, META, TEXT, TEXT_HEADER,
};
use crate::input::sheet::narrative::{self, CONTINUED};
use crate::model::Report;

const FILL_IN_HELP: &[&str] = &[
    "本工作簿有：基本信息、表二、表三、表四（与《政府信息公开工作年度报告格式》中的表格一致）和正文，逐个工作表填写即可。",
    "只在白色单元格中填写。灰色的标签和黄色的合计单元格已锁定（工作表保护没有密码）。不要插入、删除或移动行列，不要合并单元格，不要改工作表的名称：nianbao 按位置读取数字。",
    "件数填 0 或正整数。没有的填 0 或留空，留空按 0 计。不要填“/”“-”“无”或小数，表格会拒绝这些内容。",
    "表二“行政事业性收费”以万元为单位，可带小数，如 18651.06。",
    "黄色单元格（表三的总计列和（七）总计行、表四的总计）是公式，自动求和。如果在上面直接填了数字，nianbao 会核对它是否等于各项之和；不相等时单元格变红。",
    "表三最下面的“勾稽关系核对”行逐列核对：一 + 二 = （七）总计 + 四。显示“平衡”为正确；变红表示不平衡，请找出填错的数字。",
    "正文：每行一段。“部分”选 前言、一、总体情况、五、存在的主要问题及改进情况 或 六、其他需要报告的事项。只填“正文”是普通段落；“小标题”和“正文”都填，是小标题接在正文同一行；只填“小标题”，小标题单独成行，它下面“层级”为 2 的各行是它的段落（“层级”留空按 1 计）。很长的段落可在下一行的“层级”填“续”接着写。",
    "用上年的填报表开始新一年时（nianbao workbook --from 上年报告 --next-year），正文沿用上年内容，请逐段修改年份和数字。",
    "填好后检查：nianbao validate 年报填报表.xlsx；生成报告：nianbao render 年报填报表.xlsx -o 年报.pdf。用 Excel、WPS 表格或 LibreOffice 保存为 .xlsx、.xls 或 .ods 都可以。",
];

const COUNTY_HELP: &[&str] = &[
    "汇总表每行填一个单位。第 1、2 行是表头（《政府信息公开工作年度报告格式》中表格的标签），不要改动。",
    "从第 3 行起，每行依次填机关名称、报告年度、机关层级，然后是表二、表三、表四的各个数字。",
    "件数填 0 或正整数，没有的填 0 或留空（留空按 0 计）。不要填“/”“-”“无”或小数。",
    "黄色的总计列是公式。最右边的“勾稽关系核对”列显示“不平衡”时，这一行的表三有误。",
    "可以插入行、删除行和排序，但不要插入或删除列，不要改表头。",
    "填好后逐行检查：nianbao validate 汇总表.xlsx；为每个单位生成报告：nianbao batch 汇总表.xlsx -o 输出目录 --narratives 正文目录。正文按机关名称和年度从正文目录中的报告文件匹配；没有正文时只检查表格。",
];

/// 说明: how to fill the workbook in.
pub fn help(wb: &mut Workbook, styles: &Styles, county: bool) -> Result<(), XlsxError> {
    let ws = protected(wb, HELP)?;
    ws.set_column_width(0, 6)?;
    ws.set_column_width(1, 100)?;
    let title = if county {
        "政府信息公开工作年度报告 汇总表 填写说明"
    } else {
        "政府信息公开工作年度报告 填报表 填写说明"
    };
    ws.merge_range(0, 0, 0, 1, title, &styles.title)?;
    ws.set_row_height(0, 30)?;
    let lines = if county { COUNTY_HELP } else { FILL_IN_HELP };
    for (i, line) in lines.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string_with_format(row, 0, format!("{}.", i + 1), &styles.note)?;
        ws.write_string_with_format(row, 1, *line, &styles.note)?;
        ws.set_row_height(row, super::fit_height(line, 100.0))?;
    }
    let row = lines.len() as u32 + 2;
    let made = format!("由 nianbao {} 生成。", env!("CARGO_PKG_VERSION"));
    ws.write_string_with_format(row, 1, made, &styles.note)?;
    Ok(())
}

/// 基本信息: one labelled value per row.
pub fn info(wb: &mut Workbook, styles: &Styles, report: Option<&Report>) -> Result<(), XlsxError> {
    let ws = protected(wb, INFO)?;
    ws.set_column_width(0, 12)?;
    ws.set_column_width(1, 44)?;
    ws.set_column_width(2, 60)?;
    for (c, h) in INFO_HEADER.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &styles.label)?;
    }
    for (i, (label, note)) in INFO_ROWS.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string_with_format(row, 0, *label, &styles.row_label)?;
        ws.write_string_with_format(row, 2, *note, &styles.note)?;
        ws.set_row_height(row, super::fit_height(note, 60.0).max(24.0))?;
        ws.write_blank(row, 1, &styles.text)?;
    }
    if let Some(r) = report {
        ws.write_string_with_format(1, 1, &r.organization, &styles.text)?;
        ws.write_number_with_format(2, 1, r.year.0, &styles.text)?;
        if let Some(level) = r.level {
            let key = serde_json::to_value(level).ok();
            let zh =
                LEVELS.iter().find(|(_, en)| key.as_ref().and_then(|k| k.as_str()) == Some(en));
            if let Some((zh, _)) = zh {
                ws.write_string_with_format(3, 1, *zh, &styles.text)?;
            }
        }
        if let Some(t) = &r.title {
            ws.write_string_with_format(4, 1, t, &styles.text)?;
        }
        if let Some(s) = &r.signature {
            ws.write_string_with_format(5, 1, &s.organization, &styles.text)?;
            let d = ExcelDateTime::from_ymd(s.date.year, s.date.month, s.date.day)?;
            ws.write_datetime_with_format(6, 1, &d, &styles.date)?;
        }
    }
    let year = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(1990, 2999))
        .set_error_message("报告年度填四位数字的年份，如 2024。")?;
    ws.add_data_validation(2, 1, 2, 1, &year)?;
    let names: Vec<&str> = LEVELS.iter().map(|(zh, _)| *zh).collect();
    let level = DataValidation::new().allow_list_strings(&names)?;
    ws.add_data_validation(3, 1, 3, 1, &level)?;
    Ok(())
}

/// 正文: one row per paragraph (rows may be inserted and deleted).
pub fn text(
    wb: &mut Workbook,
    styles: &Styles,
    report: Option<&Report>,
) -> Result<(), Box<Diagnostic>> {
    let fail = |e: XlsxError| {
        Box::new(Diagnostic::error("workbook-write", format!("无法生成工作簿：{e}")))
    };
    let ws = wb.add_worksheet();
    ws.set_name(TEXT).map_err(fail)?;
    let options = rust_xlsxwriter::ProtectionOptions {
        format_columns: true,
        format_rows: true,
        insert_rows: true,
        delete_rows: true,
        ..Default::default()
    };
    ws.protect_with_options(&options);
    for (c, w) in [26.0, 6.0, 30.0, 100.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(fail)?;
        ws.set_column_format(c as u16, &styles.text).map_err(fail)?;
    }
    for (c, h) in TEXT_HEADER.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &styles.label).map_err(fail)?;
    }
    ws.set_freeze_panes(1, 0).map_err(fail)?;
    let sections = narrative::sections();
    let rows = report.map(narrative::rows).unwrap_or_default();
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string_with_format(r, 0, sections[row.section], &styles.text).map_err(fail)?;
        match row.level {
            Some(l) => ws.write_number_with_format(r, 1, l, &styles.text),
            None => ws.write_string_with_format(r, 1, CONTINUED, &styles.text),
        }
        .map_err(fail)?;
        for (c, s) in [(2u16, &row.heading), (3, &row.text)] {
            if !s.is_empty() {
                ws.write_string_with_format(r, c, s, &styles.text).map_err(fail)?;
            }
        }
    }
    let list = DataValidation::new().allow_list_strings(&sections).map_err(fail)?;
    ws.add_data_validation(1, 0, 4999, 0, &list).map_err(fail)?;
    Ok(())
}

/// The metadata sheet: template id, layout version, data schema, generator.
pub fn meta(wb: &mut Workbook, id: &str, report: Option<&Report>) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(META)?;
    let schema = report.and_then(|r| r.schema.clone()).unwrap_or_default();
    let generator = format!("nianbao {}", env!("CARGO_PKG_VERSION"));
    let rows = [
        ("template", id.to_string()),
        ("version", layout::VERSION.to_string()),
        ("schema", schema),
        ("generator", generator),
    ];
    for (r, (k, v)) in rows.iter().enumerate() {
        ws.write_string(r as u32, 0, *k)?;
        ws.write_string(r as u32, 1, v)?;
    }
    ws.set_very_hidden(true);
    Ok(())
}
