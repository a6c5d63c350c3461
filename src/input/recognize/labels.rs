//! Matching printed labels against the form's: normalization (whitespace and line breaks
//! removed, full-width forms folded to half-width, quotes, dashes and dots unified), ordinal
//! prefixes, edit distance, and the whitespace rules for imported running text.

/// A label reduced to what matters for matching: no whitespace (line breaks, `&nbsp;`,
/// ideographic and zero-width spaces included), full-width ASCII folded to half-width,
/// quotes, dashes and middle dots unified, and the variant 其它 read as 其他.
pub fn norm(s: &str) -> String {
    let n: String = s.chars().filter_map(fold).collect();
    if n.contains("其它") { n.replace("其它", "其他") } else { n }
}

/// One character of [`norm`]: `None` drops it.
fn fold(c: char) -> Option<char> {
    if is_space(c) || c.is_control() {
        return None;
    }
    Some(match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '“' | '”' | '„' | '″' => '"',
        '‘' | '’' | '′' => '\'',
        '—' | '–' | '‐' | '‑' | '‒' | '−' | '─' => '-',
        '・' | '･' | '•' => '·',
        '〈' => '<',
        '〉' => '>',
        _ => c,
    })
}

/// Whitespace in any of the forms office files use (including `&nbsp;`, the ideographic
/// space and zero-width characters).
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Whether a character is CJK or full-width (no space is needed next to it).
pub fn is_wide(c: char) -> bool {
    !c.is_ascii() && !matches!(c, '\u{A0}' | '\u{2000}'..='\u{200A}')
}

/// Running text as it should be stored: trimmed, whitespace runs collapsed to one space,
/// no space at all next to a CJK character (spaces there are typographic, e.g. `2024 年` in
/// a PDF or a Word export), and no control characters (exports leave some behind).
pub fn clean_text(s: &str) -> String {
    let chars: Vec<char> = s.chars().filter(|c| !c.is_control() || c.is_whitespace()).collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_space(c) {
            let start = i;
            while i < chars.len() && is_space(chars[i]) {
                i += 1;
            }
            let before = start.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i).copied();
            match (before, after) {
                (Some(b), Some(a)) if !is_wide(b) && !is_wide(a) => out.push(' '),
                _ => {}
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Chinese numerals of ordinals (一 … 十九).
pub fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u32);
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c).filter(|d| *d > 0),
        ['十', c] => digit(*c).map(|d| 10 + d),
        [a, '十'] => digit(*a).map(|d| d * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// An ordinal prefix of a normalized label: `(一)`, `一、`, `1.`, `1、`, `(1)`. Returns the
/// prefix's length in bytes.
pub fn ordinal_prefix(n: &str) -> Option<usize> {
    let is_cn = |c: char| "零一二三四五六七八九十".contains(c);
    if let Some(rest) = n.strip_prefix('(') {
        let inner: String = rest.chars().take_while(|c| is_cn(*c) || c.is_ascii_digit()).collect();
        if !inner.is_empty() && rest[inner.len()..].starts_with(')') {
            return Some(1 + inner.len() + 1);
        }
        return None;
    }
    let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
    let cn: String = n.chars().take_while(|c| is_cn(*c)).collect();
    let lead = if digits.is_empty() { cn } else { digits };
    if lead.is_empty() {
        return None;
    }
    let rest = &n[lead.len()..];
    let sep = rest.chars().next()?;
    matches!(sep, '.' | '、' | ',' | '，').then(|| lead.len() + sep.len_utf8())
}

/// A normalized label without its ordinal prefix.
pub fn core(n: &str) -> &str {
    match ordinal_prefix(n) {
        Some(len) => &n[len..],
        None => n,
    }
}

/// Edit distance between two strings, in characters.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    crate::diag::levenshtein(&a, &b)
}

/// Whether the characters of `a` appear in `b` in order.
fn is_subsequence(a: &str, b: &str) -> bool {
    let mut rest = b.chars();
    a.chars().all(|c| rest.any(|d| d == c))
}

/// The most edits a label of `len` characters may differ by and still be the same label
/// misprinted (a dropped, added or wrong character or two).
pub fn tolerance(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=8 => 1,
        9..=20 => 2,
        n => n / 8,
    }
}

/// How a printed label matched a form label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The same label (after normalization; ordinal punctuation may differ).
    Exact,
    /// A misprint of it, `n` edits away.
    Close(usize),
}

/// Match a printed label against candidate form labels (both compared by [`norm`] and
/// without ordinal prefixes): an exact match first, else the closest within
/// [`tolerance`]. Returns the index of the candidate and how it matched.
pub fn best_match<'a>(
    printed: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<(usize, Match)> {
    let p = norm(printed);
    let pc = core(&p);
    if pc.is_empty() {
        return None;
    }
    let mut best: Option<(usize, usize)> = None;
    for (i, cand) in candidates.into_iter().enumerate() {
        let c = norm(cand);
        let cc = core(&c);
        if cc == pc {
            return Some((i, Match::Exact));
        }
        let d = distance(pc, cc);
        // A label printed short ("（二）部分公开", "规范性文件" for 行政规范性文件) or with
        // words added is the same label.
        let (short, long) = if pc.len() < cc.len() { (pc, cc) } else { (cc, pc) };
        let prefix =
            short.chars().count() >= 4 && (long.starts_with(short) || long.ends_with(short));
        // Characters dropped from the middle ("其他法律行政止公开" for 其他法律行政法规禁止
        // 公开): the printed label is the form's in order, missing at most a third of it.
        let dropped = pc.chars().count() >= 6
            && pc.chars().count() * 3 >= cc.chars().count() * 2
            && is_subsequence(pc, cc);
        let prefix = prefix || dropped;
        if (d <= tolerance(cc.chars().count()) || prefix) && best.is_none_or(|(_, bd)| d < bd) {
            best = Some((i, d));
        }
    }
    best.map(|(i, d)| (i, Match::Close(d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_folds_width_space_and_punctuation() {
        assert_eq!(norm("（三）\n不予\u{a0}公开"), "(三)不予公开");
        assert_eq!(norm("1． 属于国家秘密"), "1.属于国家秘密");
        assert_eq!(norm("3.危及“三安全一稳定”"), "3.危及\"三安全一稳定\"");
        assert_eq!(core("1.属于国家秘密"), "属于国家秘密");
        assert_eq!(core("(一)予以公开"), "予以公开");
        assert_eq!(core("一、本年新收"), "本年新收");
        assert_eq!(core("一是加强"), "一是加强");
    }

    #[test]
    fn a_label_with_characters_dropped_from_its_middle_matches() {
        let labels = ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”"];
        assert_eq!(best_match("2.其他法律行政止公开", labels).map(|m| m.0), Some(1));
        assert_eq!(best_match("2.其他", labels), None);
    }

    #[test]
    fn a_label_printed_without_its_first_words_matches() {
        let labels = ["规章", "行政规范性文件"];
        assert_eq!(best_match("规范性文件", labels), Some((1, Match::Close(2))));
    }

    #[test]
    fn clean_text_drops_spaces_next_to_cjk_only() {
        assert_eq!(clean_text("  截止 2024 年 12 月\n31 日  "), "截止2024年12月31日");
        assert_eq!(clean_text("www.a.cn  and\tb"), "www.a.cn and b");
        assert_eq!(clean_text("\u{4}临江县\u{7}"), "临江县");
    }

    #[test]
    fn typos_match_the_closest_label() {
        let labels = ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.其他"];
        assert_eq!(best_match("2.其他法律行政法规禁公开", labels), Some((1, Match::Close(1))));
        assert_eq!(best_match("1、属于国家秘密", labels), Some((0, Match::Exact)));
        assert_eq!(best_match("3.其它", labels), Some((2, Match::Exact)));
        assert_eq!(best_match("3.其", labels), None);
        let long = ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"];
        assert_eq!(best_match("（二）部分公开", long), Some((0, Match::Close(21))));
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("六"), Some(6));
    }
}
