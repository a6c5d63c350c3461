//! A table broken by a page break comes as one table per page. Two things the break does
//! are undone here, so each part reads on its own: a row split by the break (its label goes
//! on over the page, its numbers stay above) is joined back into the row above the break,
//! and a merged group cell that goes on over the page (三、本年度办理结果, （三）不予公开)
//! gets its label on the new page too. Repeated header rows stay as they are.

use crate::input::chars::{is_number_like, join_wrapped, starts_with_heading_number};
use crate::input::document::{Block, Cell, Table};

/// Fix up every pair of consecutive parts of one table (same table number, next page).
pub(crate) fn join(blocks: &mut [Block]) {
    for i in 1..blocks.len() {
        let (before, after) = blocks.split_at_mut(i);
        let (Block::Table(a), Block::Table(b)) = (&mut before[i - 1], &mut after[0]) else {
            continue;
        };
        let next_page = matches!((a.origin.page, b.origin.page), (Some(x), Some(y)) if y == x + 1);
        if a.origin.table == b.origin.table && next_page && a.cols == b.cols {
            join_pair(a, b);
        }
    }
}

fn join_pair(a: &mut Table, b: &mut Table) {
    let top = repeated_header_rows(a, b);
    if top >= b.rows || a.rows == 0 {
        return;
    }
    let last = a.rows - 1;
    if is_split_row(a, b, top, last) {
        let moved: Vec<(usize, usize, String)> = b
            .cells
            .iter()
            .filter(|c| c.row == top && c.rowspan == 1 && !c.text.is_empty())
            .map(|c| (c.col, c.colspan, c.text.clone()))
            .collect();
        for (col, colspan, text) in moved {
            if let Some(cell) = ending_at(a, last, col, colspan) {
                join_wrapped(&mut cell.text, &text);
            }
        }
        remove_row(b, top);
    }
    // Group cells of the body (not the header) that reach the bottom of the part above go
    // on at the top of this one.
    let Some(body) = first_number_row(a) else { return };
    let groups: Vec<(usize, usize, String)> = a
        .cells
        .iter()
        .filter(|c| c.rowspan > 1 && c.row >= body && c.row + c.rowspan - 1 == last)
        .filter(|c| !c.text.is_empty())
        .map(|c| (c.col, c.colspan, c.text.clone()))
        .collect();
    for (col, colspan, text) in groups {
        let Some(cont) =
            b.cells.iter_mut().find(|c| c.row == top && c.col == col && c.colspan == colspan)
        else {
            continue;
        };
        if cont.text.is_empty() {
            cont.text = text;
        } else if !starts_with_heading_number(&cont.text) && !is_number_like(&cont.text) {
            // The label itself was broken by the page: both parts get the whole label.
            let mut full = text;
            join_wrapped(&mut full, &cont.text);
            cont.text = full.clone();
            if let Some(head) = ending_at(a, last, col, colspan) {
                head.text = full;
            }
        }
    }
}

/// How many top rows of `b` repeat the top rows of `a` exactly (0 when none do).
fn repeated_header_rows(a: &Table, b: &Table) -> usize {
    let closed_and_equal = |k: usize| {
        let top = |t: &Table| -> Option<Vec<Cell>> {
            let mut v = Vec::new();
            for c in t.cells.iter().filter(|c| c.row < k) {
                if c.row + c.rowspan > k {
                    return None;
                }
                v.push(Cell { origin: Default::default(), ..c.clone() });
            }
            v.sort_by_key(|c| (c.row, c.col));
            Some(v)
        };
        match (top(a), top(b)) {
            (Some(x), Some(y)) => x == y && x.iter().any(|c| !c.text.is_empty()),
            _ => false,
        }
    };
    (1..a.rows.min(b.rows)).rev().find(|&k| closed_and_equal(k)).unwrap_or(0)
}

/// Whether row `top` of `b` is the rest of the last row of `a`, broken by the page. The
/// rest holds no number and no numbered label, and what text it has sits under cells of
/// that row. Then either the row above the break is a body row (it has numbers and a
/// numbered label, as every row of table 三 has), or both parts are header text (no numbers)
/// and the numbers start right below.
fn is_split_row(a: &Table, b: &Table, top: usize, last: usize) -> bool {
    let row: Vec<&Cell> = b.cells.iter().filter(|c| c.row == top && c.rowspan == 1).collect();
    if row.is_empty() {
        return false;
    }
    let text_ok = row.iter().filter(|c| !c.text.is_empty()).all(|c| {
        !is_number_like(&c.text)
            && !starts_with_heading_number(&c.text)
            && a.cells
                .iter()
                .any(|x| x.col == c.col && x.colspan == c.colspan && x.row + x.rowspan - 1 == last)
    });
    let last_row: Vec<&Cell> = a.cells.iter().filter(|c| c.row == last).collect();
    let numbers_above = last_row.iter().any(|c| is_number_like(&c.text));
    let numbered_above =
        last_row.iter().any(|c| !is_number_like(&c.text) && starts_with_heading_number(&c.text));
    let numbers_below = b.cells.iter().any(|c| c.row == top + 1 && is_number_like(&c.text));
    text_ok && ((numbers_above && numbered_above) || (!numbers_above && numbers_below))
}

/// The first row of a table that holds a number: where its body starts.
fn first_number_row(t: &Table) -> Option<usize> {
    t.cells.iter().filter(|c| is_number_like(&c.text)).map(|c| c.row).min()
}

fn ending_at(t: &mut Table, last: usize, col: usize, colspan: usize) -> Option<&mut Cell> {
    t.cells
        .iter_mut()
        .find(|c| c.col == col && c.colspan == colspan && c.row + c.rowspan - 1 == last)
}

/// Take grid row `r` out of a table: its own cells go, cells spanning it get shorter.
fn remove_row(t: &mut Table, r: usize) {
    t.cells.retain(|c| !(c.row == r && c.rowspan == 1));
    for c in &mut t.cells {
        if c.row > r {
            c.row -= 1;
        } else if c.row + c.rowspan > r {
            c.rowspan -= 1;
        }
    }
    t.rows -= 1;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::document::Origin;

    fn cell(row: usize, col: usize, rowspan: usize, text: &str) -> Cell {
        Cell { row, col, rowspan, colspan: 1, text: text.into(), origin: Origin::default() }
    }

    fn table(page: u32, rows: usize, cells: Vec<Cell>) -> Block {
        let origin = Origin { page: Some(page), table: Some(2), ..Default::default() };
        Block::Table(Table { rows, cols: 3, cells, origin })
    }

    #[test]
    fn split_row_and_group_label_carry_over() {
        let a = table(
            3,
            3,
            vec![
                cell(0, 0, 1, "组"),
                cell(0, 1, 1, "项目"),
                cell(0, 2, 1, "数"),
                cell(1, 0, 2, "（六）其他处理"),
                cell(1, 1, 1, "1.申请人无正当理由"),
                cell(1, 2, 1, "1"),
                cell(2, 1, 1, "2.申请人逾期未按收费通知要求缴纳费用、行政机关"),
                cell(2, 2, 1, "2"),
            ],
        );
        let b = table(
            4,
            4,
            vec![
                cell(0, 0, 1, "组"),
                cell(0, 1, 1, "项目"),
                cell(0, 2, 1, "数"),
                cell(1, 0, 2, ""),
                cell(1, 1, 1, "不再处理其政府信息公开申请"),
                cell(1, 2, 1, ""),
                cell(2, 1, 1, "3.其他"),
                cell(2, 2, 1, "0"),
                cell(3, 0, 1, "（七）总计"),
                cell(3, 1, 1, ""),
                cell(3, 2, 1, "3"),
            ],
        );
        let mut blocks = vec![a, b];
        join(&mut blocks);
        let (Block::Table(a), Block::Table(b)) = (&blocks[0], &blocks[1]) else { unreachable!() };
        assert_eq!(
            a.cells[6].text,
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        );
        assert_eq!(b.rows, 3);
        let group = b.cells.iter().find(|c| c.row == 1 && c.col == 0).unwrap();
        assert_eq!((group.rowspan, group.text.as_str()), (1, "（六）其他处理"));
        let other = b.cells.iter().find(|c| c.row == 1 && c.col == 1).unwrap();
        assert_eq!(other.text, "3.其他");
    }

    #[test]
    fn a_new_row_at_the_top_is_left_alone() {
        let a = table(3, 2, vec![cell(0, 0, 1, "项目"), cell(1, 0, 1, "1.甲"), cell(1, 1, 1, "1")]);
        let b = table(4, 1, vec![cell(0, 0, 1, "2.乙"), cell(0, 1, 1, "")]);
        let mut blocks = vec![a, b];
        let before = blocks.clone();
        join(&mut blocks);
        assert_eq!(blocks, before);
    }
}
