//! The form's three tables (二, 三, 四) built as grids from the view's printed values:
//! the cells, merges and header levels of the 2021 form. Built once from the view model, so
//! every output draws the same form.

use super::grid::{CellKind, Grid, Grids, TEXT_WIDTH_MM};
use crate::model::form::{self, t2};

/// The labels and printed values a grid is built from (the view's tables).
pub(super) struct Values<'v> {
    /// 表二: 规章 and 行政规范性文件 (制发, 废止, 现行有效), 许可, 处罚, 强制, 收费.
    pub t2_stock: [[String; 3]; 2],
    pub t2_single: [String; 4],
    /// 表三: 25 rows of 7 cells.
    pub t3: &'v [Vec<String>],
    /// 表四: 3 groups of 5 cells.
    pub t4: &'v [Vec<String>],
}

/// Build the three grids.
pub(super) fn grids(v: &Values<'_>) -> Grids {
    Grids { t2: table2(v), t3: table3(v), t4: table4(v) }
}

fn table2(v: &Values<'_>) -> Grid {
    use CellKind::*;
    // No header row repeats: each block has its own headers and stays on one page.
    let mut g = Grid::new("t2", 1, vec![1.6, 1.0, 1.0, 1.0], 0);
    let mut row = 0;
    let blocks: [(&str, &[(&str, &str)]); 4] = [
        (t2::ITEM1, &[(t2::RULES, "rules"), (t2::NORMATIVE, "normative_documents")]),
        (t2::ITEM5, &[(t2::LICENSING, "licensing")]),
        (t2::ITEM6, &[(t2::PUNISHMENT, "punishment"), (t2::ENFORCEMENT, "enforcement")]),
        (t2::ITEM8, &[(t2::FEES, "fees")]),
    ];
    let mut single = v.t2_single.iter();
    for (b, (item, lines)) in blocks.iter().enumerate() {
        g.keep.push((row, row + 2 + lines.len()));
        g.put(row, 0, (1, 4), ColumnHeader, item);
        g.put(row + 1, 0, (1, 1), ColumnHeader, t2::CONTENT);
        if b == 0 {
            for (k, label) in [t2::ISSUED, t2::REPEALED, t2::IN_FORCE].iter().enumerate() {
                g.put(row + 1, 1 + k, (1, 1), ColumnHeader, label);
            }
        } else {
            let head = if b == 3 { t2::AMOUNT } else { t2::DECISIONS };
            g.put(row + 1, 1, (1, 3), ColumnHeader, head);
        }
        row += 2;
        for (i, (label, key)) in lines.iter().enumerate() {
            g.put(row, 0, (1, 1), RowHeader, label);
            if b == 0 {
                for (k, col) in ["issued", "repealed", "in_force"].iter().enumerate() {
                    g.data(row, 1 + k, 1, &v.t2_stock[i][k], format!("proactive.{key}.{col}"));
                }
            } else {
                let text = single.next().map_or("", String::as_str);
                g.data(row, 1, 3, text, format!("proactive.{key}"));
            }
            row += 1;
        }
    }
    g.link_headers();
    g
}

fn table3(v: &Values<'_>) -> Grid {
    use CellKind::*;
    let mut widths = vec![12.0, 20.0, 48.0];
    widths.extend([(TEXT_WIDTH_MM - 80.0) / 7.0; 7]);
    let mut g = Grid::new("t3", 2, widths, 3);
    g.keep = vec![(0, 4), (5, 27)];
    g.put(0, 0, (3, 3), Note, form::T3_NOTE);
    g.put(0, 3, (1, 7), ColumnHeader, form::T3_APPLICANTS);
    g.put(1, 3, (2, 1), ColumnHeader, form::T3_COLUMNS[0].1);
    g.put(1, 4, (1, 5), ColumnHeader, form::T3_ORGANIZATIONS);
    g.put(1, 9, (2, 1), ColumnHeader, form::T3_COLUMNS[6].1);
    for (k, (_, label)) in form::T3_COLUMNS.iter().enumerate().take(6).skip(1) {
        g.put(2, 3 + k, (1, 1), ColumnHeader, label);
    }
    for (i, r) in form::T3_ROWS.iter().enumerate() {
        let y = 3 + i;
        if i == 2 {
            g.put(y, 0, (22, 1), RowHeader, form::T3_RESULTS);
            g.last().vertical = true;
        }
        let first_of_group = r.group.is_some() && form::T3_ROWS[i - 1].group != r.group;
        if let (true, Some(group)) = (first_of_group, r.group) {
            let span = form::T3_ROWS.iter().filter(|x| x.group == r.group).count();
            g.put(y, 1, (span, 1), RowHeader, group);
        }
        let (col, span) = match (i, r.group) {
            (0 | 1 | 24, _) => (0, 3),
            (_, Some(_)) => (2, 1),
            _ => (1, 2),
        };
        g.put(y, col, (1, span), RowHeader, r.label);
        g.last().left = true;
        for (k, (key, _)) in form::T3_COLUMNS.iter().enumerate() {
            let text = v.t3.get(i).and_then(|row| row.get(k)).map_or("", String::as_str);
            g.data(y, 3 + k, 1, text, format!("requests.{}.{key}", r.key));
        }
    }
    g.link_headers();
    g
}

fn table4(v: &Values<'_>) -> Grid {
    use CellKind::*;
    let mut g = Grid::new("t4", 3, vec![1.0; 15], 3);
    g.keep = vec![(0, 4)];
    g.put(0, 0, (1, 5), ColumnHeader, form::T4_REVIEW);
    g.put(0, 5, (1, 10), ColumnHeader, form::T4_LITIGATION);
    for (k, (_, label)) in form::T4_COLUMNS.iter().enumerate() {
        g.put(1, k, (2, 1), ColumnHeader, label);
    }
    g.put(1, 5, (1, 5), ColumnHeader, form::T4_DIRECT);
    g.put(1, 10, (1, 5), ColumnHeader, form::T4_AFTER_REVIEW);
    for base in [5, 10] {
        for (k, (_, label)) in form::T4_COLUMNS.iter().enumerate() {
            g.put(2, base + k, (1, 1), ColumnHeader, label);
        }
    }
    for (gi, (group, _)) in form::T4_GROUPS.iter().enumerate() {
        for (k, (key, _)) in form::T4_COLUMNS.iter().enumerate() {
            let text = v.t4.get(gi).and_then(|c| c.get(k)).map_or("", String::as_str);
            g.data(3, gi * 5 + k, 1, text, format!("appeals.{group}.{key}"));
        }
    }
    g.link_headers();
    g
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::template::grid::GridCell;

    fn sample() -> Grids {
        let t3: Vec<Vec<String>> =
            (0..25).map(|r| (0..7).map(|c| format!("{}", r * 10 + c)).collect()).collect();
        let t4: Vec<Vec<String>> =
            (0..3).map(|g| (0..5).map(|c| format!("{}", 100 + g * 5 + c)).collect()).collect();
        let stock = |b: u32| [0, 1, 2].map(|k| (b + k).to_string());
        grids(&Values {
            t2_stock: [stock(1), stock(4)],
            t2_single: ["7".into(), "8".into(), "9".into(), "1.5".into()],
            t3: &t3,
            t4: &t4,
        })
    }

    fn labels<'g>(g: &'g Grid, cell: &GridCell) -> Vec<&'g str> {
        cell.headers
            .iter()
            .map(|id| g.cells().find(|c| &c.id == id).map(|c| c.text.as_str()).unwrap())
            .collect()
    }

    #[test]
    fn table_three_cells_are_labelled_by_every_level_of_header() {
        let g = sample().t3;
        let cell = g
            .cells()
            .find(|c| c.path.as_deref() == Some("requests.withheld.state_secret.commercial"))
            .unwrap();
        assert_eq!(cell.text, "41");
        assert_eq!(
            labels(&g, cell),
            [
                "申请人情况",
                "法人或其他组织",
                "商业企业",
                "三、本年度办理结果",
                "（三）不予公开",
                "1.属于国家秘密"
            ]
        );
        let total = g.cells().find(|c| c.path.as_deref() == Some("requests.new.total")).unwrap();
        assert_eq!(labels(&g, total), ["申请人情况", "总计", "一、本年新收政府信息公开申请数量"]);
        // Every slot of the 10 × 28 grid is covered exactly once.
        let covered: usize = g.cells().map(|c| c.rowspan * c.colspan).sum();
        assert_eq!(covered, 10 * 28);
        let results = g.cells().find(|c| c.text == form::T3_RESULTS).unwrap();
        assert_eq!(
            (results.rowspan, results.scope, results.vertical),
            (22, Some("rowgroup"), true)
        );
    }

    #[test]
    fn table_two_blocks_have_their_own_headers() {
        let g = sample().t2;
        let fee = g.cells().find(|c| c.path.as_deref() == Some("proactive.fees")).unwrap();
        assert_eq!(fee.text, "1.5");
        assert_eq!(
            labels(&g, fee),
            ["第二十条第（八）项", "本年收费金额（单位：万元）", "行政事业性收费"]
        );
        let normative = g
            .cells()
            .find(|c| c.path.as_deref() == Some("proactive.normative_documents.in_force"))
            .unwrap();
        assert_eq!(labels(&g, normative), ["第二十条第（一）项", "现行有效件数", "行政规范性文件"]);
        assert_eq!(g.cells().map(|c| c.rowspan * c.colspan).sum::<usize>(), 4 * 14);
    }

    #[test]
    fn table_four_columns_under_both_levels() {
        let g = sample().t4;
        let cell = g
            .cells()
            .find(|c| c.path.as_deref() == Some("appeals.litigation_after_review.pending"))
            .unwrap();
        assert_eq!(cell.text, "113");
        assert_eq!(labels(&g, cell), ["行政诉讼", "复议后起诉", "尚未审结"]);
        let head = g.cells().find(|c| c.text == form::T4_REVIEW).unwrap();
        assert_eq!(head.scope, Some("colgroup"));
        assert!((g.widths.iter().sum::<f64>() - TEXT_WIDTH_MM).abs() < 1e-9);
    }
}
