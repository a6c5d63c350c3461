//! Narrative text as the templates see it: sections flattened into numbered blocks
//! (（一）, 1., （1）), and the title broken into balanced lines for the 2号 title block.

use serde::Serialize;

use crate::model::Paragraph;

/// One narrative block, flattened from the nested paragraphs of the data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    /// `text`, `run_in` (subheading + text in one paragraph) or `heading` (own line).
    pub kind: &'static str,
    /// Heading level: 2 for （一）, 3 for 1., 4 for （1）; 0 for plain text.
    pub level: u8,
    /// The automatic number, e.g. `（二）`; empty when the heading has its own.
    pub number: String,
    /// The subheading text.
    pub heading: String,
    /// The paragraph text.
    pub text: String,
}

/// Flatten paragraphs into blocks, numbering subheadings （一）（二）… and, below an
/// own-line subheading, 1. 2. … Headings that already carry a number keep theirs.
pub fn blocks(paragraphs: &[Paragraph]) -> Vec<Block> {
    let mut out = Vec::new();
    push_blocks(&mut out, paragraphs, 2);
    out
}

fn push_blocks(out: &mut Vec<Block>, paragraphs: &[Paragraph], level: u8) {
    let mut counter = 0;
    for p in paragraphs {
        match p {
            Paragraph::Text(text) => out.push(Block {
                kind: "text",
                level: 0,
                number: String::new(),
                heading: String::new(),
                text: text.clone(),
            }),
            Paragraph::RunIn { heading, text } => {
                counter += 1;
                out.push(Block {
                    kind: "run_in",
                    level,
                    number: number_for(heading, level, counter),
                    heading: heading.clone(),
                    text: text.clone(),
                });
            }
            Paragraph::Section { heading, paragraphs } => {
                counter += 1;
                out.push(Block {
                    kind: "heading",
                    level,
                    number: number_for(heading, level, counter),
                    heading: heading.clone(),
                    text: String::new(),
                });
                push_blocks(out, paragraphs, (level + 1).min(4));
            }
        }
    }
}

fn number_for(heading: &str, level: u8, n: usize) -> String {
    if has_number(heading) {
        return String::new();
    }
    match level {
        2 => format!("（{}）", chinese_numeral(n)),
        3 => format!("{n}."),
        _ => format!("（{n}）"),
    }
}

/// Whether a heading already starts with a 序数 such as （一）, (二), 1. or （1）.
fn has_number(heading: &str) -> bool {
    let h = heading.trim_start();
    let is_cn = |c: char| "一二三四五六七八九十百零".contains(c);
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = h.strip_prefix(open)
            && let Some(end) = rest.find(close)
        {
            let inner = &rest[..end];
            if !inner.is_empty()
                && (inner.chars().all(is_cn) || inner.chars().all(|c| c.is_ascii_digit()))
            {
                return true;
            }
        }
    }
    let digits: String = h.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        return matches!(h[digits.len()..].chars().next(), Some('.' | '．' | '、'));
    }
    let cn: String = h.chars().take_while(|c| is_cn(*c)).collect();
    !cn.is_empty() && h[cn.len()..].starts_with('、')
}

/// 1 → 一, 12 → 十二, 20 → 二十, 35 → 三十五 (up to 99).
fn chinese_numeral(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[n - 10] }),
        20..=99 => format!("{}十{}", D[n / 10], if n.is_multiple_of(10) { "" } else { D[n % 10] }),
        _ => n.to_string(),
    }
}

/// Characters of a 2号 title that fit the 156 mm text block (in em).
const TITLE_CAPACITY: f64 = 20.0;

fn char_width(c: char) -> f64 {
    if c.is_ascii() { 0.5 } else { 1.0 }
}

fn width(s: &str) -> f64 {
    s.chars().map(char_width).sum()
}

/// Break a title into lines for the 2号 title block: one line when it fits, otherwise
/// balanced lines (梯形/菱形), preferring breaks between phrases (after the year, before
/// 政府信息公开…) and never inside a number.
pub fn title_lines(title: &str) -> Vec<String> {
    let title = title.trim();
    let total = width(title);
    if total <= TITLE_CAPACITY {
        return vec![title.to_string()];
    }
    let chars: Vec<char> = title.chars().collect();
    let lines = (total / TITLE_CAPACITY).ceil() as usize;
    let mut out = Vec::with_capacity(lines);
    let mut start = 0;
    for k in 1..lines {
        let remaining = lines - k + 1;
        let rest_width: f64 = chars[start..].iter().map(|c| char_width(*c)).sum();
        let target = rest_width / remaining as f64;
        let mut best: Option<(f64, usize)> = None;
        let mut w = 0.0;
        for i in start + 1..chars.len() {
            w += char_width(chars[i - 1]);
            if w > TITLE_CAPACITY {
                break;
            }
            if !breakable(&chars, i) {
                continue;
            }
            // Balance first; a phrase boundary is worth a few characters of imbalance.
            let cost = (w - target).abs() - phrase_bonus(&chars, i);
            if best.is_none_or(|(c, _)| cost < c) {
                best = Some((cost, i));
            }
        }
        let Some((_, at)) = best else { break };
        out.push(chars[start..at].iter().collect());
        start = at;
    }
    out.push(chars[start..].iter().collect());
    out
}

fn breakable(chars: &[char], i: usize) -> bool {
    let (prev, next) = (chars[i - 1], chars[i]);
    let no_start = "，。、；：？！）》”’·";
    let no_end = "（《“‘";
    let inside_number = prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric();
    !(inside_number || no_start.contains(next) || no_end.contains(prev))
}

/// How much a break before `chars[i]` is worth, in characters of imbalance: most before
/// 政府信息公开…, less after the year or before a number.
fn phrase_bonus(chars: &[char], i: usize) -> f64 {
    let rest: String = chars[i..].iter().collect();
    let prev = chars[i - 1];
    if rest.starts_with("政府信息公开") {
        4.0
    } else if (prev == '年' && i >= 2 && chars[i - 2].is_ascii_digit() && !rest.starts_with('度'))
        || (prev == '度' && i >= 2 && chars[i - 2] == '年')
        || (rest.starts_with(|c: char| c.is_ascii_digit()) && !prev.is_ascii_digit())
    {
        2.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_and_existing_numbers() {
        assert_eq!(chinese_numeral(1), "一");
        assert_eq!(chinese_numeral(10), "十");
        assert_eq!(chinese_numeral(11), "十一");
        assert_eq!(chinese_numeral(20), "二十");
        assert_eq!(chinese_numeral(23), "二十三");
        assert!(has_number("（一）加强"));
        assert!(has_number("(三)加强"));
        assert!(has_number("1.加强"));
        assert!(has_number("（2）加强"));
        assert!(has_number("二、加强"));
        assert!(!has_number("一是加强"));
        assert!(!has_number("2024年工作"));
        let b = blocks(&[
            Paragraph::RunIn { heading: "甲".into(), text: "x".into() },
            Paragraph::Text("p".into()),
            Paragraph::RunIn { heading: "（二）乙".into(), text: "y".into() },
            Paragraph::Section {
                heading: "丙".into(),
                paragraphs: vec![Paragraph::RunIn { heading: "丁".into(), text: "z".into() }],
            },
        ]);
        let numbers: Vec<_> = b.iter().map(|b| b.number.as_str()).collect();
        assert_eq!(numbers, ["（一）", "", "", "（三）", "1."]);
    }

    #[test]
    fn short_titles_stay_on_one_line() {
        assert_eq!(title_lines("大庙乡2024年政府信息公开工作年度报告").len(), 1);
    }

    #[test]
    fn long_titles_break_between_phrases() {
        let lines = title_lines("衡阳市衡东县杨林镇人民政府2023年政府信息公开工作年度报告");
        assert_eq!(lines, ["衡阳市衡东县杨林镇人民政府2023年", "政府信息公开工作年度报告"]);
        let long =
            "某某省某某市某某县某某某某某某某某某某某某某某某某局2024年政府信息公开工作年度报告";
        let lines = title_lines(long);
        assert!(lines.len() >= 2);
        assert_eq!(lines.concat(), long);
        assert!(lines.iter().all(|l| width(l) <= TITLE_CAPACITY), "{lines:?}");
    }
}
