//! The annex a county attaches to its regional report: one row per unit with the key
//! counts, the rates supervisors rank by and where the unit stands among units of its
//! level, and a totals row that equals the regional report's tables.

use super::tabular::{Cell, Table};
use crate::model::Level;
use crate::model::figures::Figures;

/// One unit's row.
#[derive(Debug, Clone)]
pub struct AnnexRow {
    /// 机关名称.
    pub organization: String,
    /// 层级.
    pub level: Option<Level>,
    /// The key counts.
    pub figures: Figures,
    /// How many findings (errors and warnings) the unit's report has.
    pub findings: usize,
    /// The percentile of its 实质公开率 among units of the same level.
    pub percentile: Option<f64>,
}

/// The column headers.
pub const COLUMNS: [&str; 18] = [
    "机关名称",
    "层级",
    "本年新收",
    "上年结转",
    "予以公开",
    "部分公开",
    "不予公开",
    "办结",
    "结转下年度",
    "行政复议",
    "行政复议纠正",
    "行政诉讼",
    "行政诉讼纠正",
    "实质公开率",
    "复议纠错率",
    "诉讼纠错率",
    "问题数",
    "实质公开率同级百分位",
];

fn figure_cells(f: &Figures) -> Vec<Cell> {
    vec![
        Cell::Int(f.new),
        Cell::Int(f.carried_over),
        Cell::Int(f.granted),
        Cell::Int(f.partially_granted),
        Cell::Int(f.withheld),
        Cell::Int(f.handled),
        Cell::Int(f.carried_forward),
        Cell::Int(f.review),
        Cell::Int(f.review_corrected),
        Cell::Int(f.litigation),
        Cell::Int(f.litigation_corrected),
        Cell::Rate(f.disclosure_rate()),
        Cell::Rate(f.review_correction_rate()),
        Cell::Rate(f.litigation_correction_rate()),
    ]
}

/// The annex as a table: `title` names it, `year` dates it.
pub fn table(title: &str, year: u16, rows: &[AnnexRow]) -> Table {
    let mut totals = Figures::default();
    let mut findings = 0;
    let body = rows
        .iter()
        .map(|r| {
            totals.add(&r.figures);
            findings += r.findings;
            let mut cells = vec![
                Cell::Text(r.organization.clone()),
                Cell::Text(r.level.map_or("", Level::label).to_string()),
            ];
            cells.extend(figure_cells(&r.figures));
            cells.push(Cell::Int(r.findings as u64));
            cells.push(Cell::Num(r.percentile));
            cells
        })
        .collect();
    let mut total =
        vec![Cell::Text(format!("合计（{} 个单位）", rows.len())), Cell::Text(String::new())];
    total.extend(figure_cells(&totals));
    total.push(Cell::Int(findings as u64));
    total.push(Cell::Num(None));
    Table {
        title: title.to_string(),
        columns: COLUMNS.iter().map(|c| c.to_string()).collect(),
        rows: body,
        totals: Some(total),
        notes: vec![
            "不予公开为表三（三）不予公开 1–8 项之和；办结为表三（七）总计；行政诉讼为未经复议直接起诉与复议后起诉之和。".into(),
            "实质公开率 =（予以公开 + 部分公开）÷ 办结；复议纠错率、诉讼纠错率 = 结果纠正 ÷ 已审结（总计 − 尚未审结）。".into(),
            "问题数为该单位报告的错误和警告条数（见异常清单）；同级百分位为实质公开率在同一层级单位中的百分位（中位数为 50）。".into(),
        ],
        year,
    }
}
