//! Row labels of a table in text, where a label may wrap over several lines and a group
//! label (三、本年度办理结果, （三）不予公开) stands to the left of the rows it groups. A
//! numbered fragment (一、 （一） 1.) starts a label; an unnumbered one goes on the label
//! open at its position. Each row's rightmost label is its own; labels to its left group it
//! and the rows below it, down to the next label as far left.

use crate::input::chars::{is_wide, join_wrapped};

/// A fragment of label text on one line: its text and where it starts (in columns).
#[derive(Debug, Clone)]
pub(crate) struct Fragment {
    pub start: usize,
    pub text: String,
    /// The body row it is on, when its line holds that row's numbers.
    pub on_row: Option<usize>,
    /// The body row that follows the line (or the row it is on).
    pub next_row: Option<usize>,
    /// The body row before the line.
    pub prev_row: Option<usize>,
}

/// A label assembled from fragments.
#[derive(Debug, Clone)]
pub(crate) struct Label {
    pub start: usize,
    pub text: String,
    pub row: usize,
}

/// Whether a table label starts a new item: `一、`, `（一）`, `(一)`, `1.`, `1．`, `1、`.
pub(crate) fn numbered(text: &str) -> bool {
    let t = text.trim_start();
    let first = t.chars().next();
    first != Some('第') && crate::input::chars::starts_with_heading_number(t)
}

/// Assemble the labels of a table's rows from the fragments, in line order.
pub(crate) fn assemble(fragments: &[Fragment]) -> Vec<Label> {
    let mut labels: Vec<Label> = Vec::new();
    // Open labels: index into `labels`.
    let mut open: Vec<usize> = Vec::new();
    for f in fragments {
        if numbered(&f.text) {
            let Some(row) = f.on_row.or(f.next_row).or(f.prev_row) else { continue };
            open.retain(|&i| labels[i].start + 1 < f.start);
            labels.push(Label { start: f.start, text: f.text.clone(), row });
            open.push(labels.len() - 1);
            continue;
        }
        // On a row's own line, text goes on a label of another row only if that label
        // groups rows (has a label right of it); else it is the row's own new label.
        let groups =
            |i: usize| labels.iter().any(|l| l.row == labels[i].row && l.start > labels[i].start);
        let cont = open
            .iter()
            .copied()
            .filter(|&i| labels[i].start <= f.start + 1)
            .max_by_key(|&i| labels[i].start)
            .filter(|&i| f.on_row.is_none_or(|r| r == labels[i].row || groups(i)));
        match cont {
            Some(i) => join_wrapped(&mut labels[i].text, &f.text),
            None => {
                let Some(row) = f.on_row.or(f.prev_row).or(f.next_row) else { continue };
                labels.push(Label { start: f.start, text: f.text.clone(), row });
                open.push(labels.len() - 1);
            }
        }
    }
    for l in &mut labels {
        l.text = tidy(&l.text);
    }
    labels
}

/// Spaces between CJK characters are layout, not text: "三、 本 年 度" is "三、本年度".
pub(crate) fn tidy(text: &str) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let before = out.chars().last();
            let after = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            let keep = match (before, after) {
                (Some(a), Some(&b)) => !is_wide(a) && !is_wide(b) && !a.is_ascii_punctuation(),
                _ => false,
            };
            if keep && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frag(
        start: usize,
        text: &str,
        on: Option<usize>,
        prev: Option<usize>,
        next: Option<usize>,
    ) -> Fragment {
        Fragment { start, text: text.into(), on_row: on, prev_row: prev, next_row: next }
    }

    #[test]
    fn wrapped_and_grouped_labels() {
        // As LibreOffice's table 三 comes out of `pdftotext -layout`.
        let f = [
            frag(0, "三、", Some(0), None, Some(0)),
            frag(5, "（一）予以公开", Some(0), None, Some(0)),
            frag(0, "本年", Some(1), Some(0), Some(1)),
            frag(5, "（二）部分公开（区分处理的，只计这", Some(1), Some(0), Some(1)),
            frag(0, "度办", None, Some(1), Some(2)),
            frag(5, "一情形，不计其他情形）", None, Some(1), Some(2)),
            frag(0, "理结", Some(2), Some(1), Some(2)),
            frag(5, "（三）不", Some(2), Some(1), Some(2)),
            frag(10, "1.属于国家秘密", Some(2), Some(1), Some(2)),
            frag(1, "果", Some(3), Some(2), Some(3)),
            frag(5, "予公开", Some(3), Some(2), Some(3)),
            frag(9, "2.其他法律行政法规禁止公", Some(3), Some(2), Some(3)),
            frag(9, "开", None, Some(3), None),
        ];
        let labels: Vec<(usize, String)> =
            assemble(&f).into_iter().map(|l| (l.row, l.text)).collect();
        let want = [
            (0, "三、本年度办理结果"),
            (0, "（一）予以公开"),
            (1, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            (2, "（三）不予公开"),
            (2, "1.属于国家秘密"),
            (3, "2.其他法律行政法规禁止公开"),
        ];
        let want: Vec<(usize, String)> = want.iter().map(|(r, t)| (*r, t.to_string())).collect();
        assert_eq!(labels, want);
    }

    #[test]
    fn tidy_drops_layout_spaces() {
        assert_eq!(tidy("三、 本 年 度 办 理 结 果"), "三、本年度办理结果");
        assert_eq!(tidy("(一) 予以公开"), "(一)予以公开");
        assert_eq!(tidy("Open data  portal"), "Open data portal");
    }
}
