//! Character facts the text and PDF readers share: which characters are wide (CJK), how
//! wrapped lines join, what a heading number or a page number looks like.

/// Whether a character is set full-width in Chinese text (CJK ideographs, CJK and
/// full-width punctuation, the curly quotes and dashes of Chinese text).
pub(crate) fn is_wide(c: char) -> bool {
    let u = c as u32;
    matches!(u,
        0x1100..=0x115F
        | 0x2010..=0x2027
        | 0x2030..=0x205E
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE10..=0xFE19
        | 0xFE30..=0xFE6F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x20000..=0x3FFFD)
}

/// How many terminal columns a character takes (2 for wide characters).
pub(crate) fn display_width(c: char) -> usize {
    if c == '\u{2018}' || c == '\u{2019}' || c == '\u{201C}' || c == '\u{201D}' {
        // The curly quotes are "ambiguous" width: narrow in most terminals and editors.
        1
    } else if is_wide(c) {
        2
    } else {
        1
    }
}

/// Append a wrapped line to the text before it: CJK text joins directly, Latin words with
/// one space.
pub(crate) fn join_wrapped(acc: &mut String, next: &str) {
    let next = next.trim();
    if next.is_empty() {
        return;
    }
    let needs_space = match (acc.chars().last(), next.chars().next()) {
        (Some(a), Some(b)) => {
            // Latin words wrap at spaces; URLs and numbers break after these without one.
            !is_wide(a) && !is_wide(b) && !a.is_whitespace() && !"-/._@:".contains(a) && b != '.'
        }
        _ => false,
    };
    if needs_space {
        acc.push(' ');
    }
    acc.push_str(next);
}

/// Chinese numerals used in heading numbers.
const NUMERALS: &str = "一二三四五六七八九十百零〇两";

/// Whether a line starts with a heading number: `一、`, `（一）`, `(一)`, `1.`, `1．`, `1、`,
/// `（1）`, `第一`.
pub(crate) fn starts_with_heading_number(text: &str) -> bool {
    let t = text.trim_start();
    let mut chars = t.chars();
    let Some(first) = chars.next() else { return false };
    let rest: String = chars.clone().collect();
    if NUMERALS.contains(first) {
        let n: String = t.chars().take_while(|c| NUMERALS.contains(*c)).collect();
        return t[n.len()..].starts_with('、');
    }
    if first == '（' || first == '(' {
        let inner: String = rest.chars().take_while(|c| *c != '）' && *c != ')').collect();
        let closed = rest.len() > inner.len();
        return closed
            && !inner.is_empty()
            && inner.chars().count() <= 3
            && inner.chars().all(|c| NUMERALS.contains(c) || c.is_ascii_digit());
    }
    if first.is_ascii_digit() {
        let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
        let after = t[digits..].chars().next();
        return digits <= 2
            && matches!(after, Some('.' | '．' | '、'))
            && t[digits..].chars().nth(1).is_some_and(|c| !c.is_ascii_digit());
    }
    first == '第' && rest.chars().next().is_some_and(|c| NUMERALS.contains(c))
}

/// Whether a whole line is a page number: `1`, `- 1 -`, `— 1 —`, `－1－`, `第1页`,
/// `第 1 页 共 5 页`, `1/5`, `Page 1`.
pub(crate) fn is_page_number(text: &str) -> bool {
    // Numbers side by side ("12 3 0") are a table row, not a page number.
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.windows(2).any(|w| {
        w[0].ends_with(|c: char| c.is_ascii_digit())
            && w[1].starts_with(|c: char| c.is_ascii_digit())
    }) {
        return false;
    }
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() || t.chars().count() > 16 {
        return false;
    }
    let dashes = |c: char| "-—–－―~·•".contains(c);
    let core = t.trim_matches(dashes);
    if !core.is_empty() && core.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    if let Some(inner) = core.strip_prefix('第') {
        let (n, tail) = split_digits(inner);
        if !n.is_empty() && tail.starts_with('页') {
            let tail = &tail['页'.len_utf8()..];
            if tail.is_empty() {
                return true;
            }
            if let Some(total) = tail.strip_prefix('共') {
                let (m, tail) = split_digits(total);
                return !m.is_empty() && tail == "页";
            }
        }
        return false;
    }
    if let Some((a, b)) = core.split_once('/') {
        return !a.is_empty()
            && !b.is_empty()
            && a.chars().all(|c| c.is_ascii_digit())
            && b.chars().all(|c| c.is_ascii_digit());
    }
    let lower = core.to_ascii_lowercase();
    lower
        .strip_prefix("page")
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

fn split_digits(s: &str) -> (&str, &str) {
    let n = s.chars().take_while(|c| c.is_ascii_digit()).count();
    s.split_at(n)
}

/// Whether a token is a number as the tables print it (`12`, `18651.06`, `1,246`, full-width
/// digits), or a placeholder that stands for one (`/`, `-`, `—`, `无`).
pub(crate) fn is_number_like(token: &str) -> bool {
    let t = token.trim();
    if t.is_empty() {
        return false;
    }
    if matches!(t, "/" | "-" | "—" | "–" | "－" | "／" | "无" | "——") {
        return true;
    }
    let mut digits = 0;
    for c in t.chars() {
        match c {
            '0'..='9' | '０'..='９' => digits += 1,
            '.' | ',' | '．' | '，' => {}
            _ => return false,
        }
    }
    digits > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        for yes in [
            "一、总体情况",
            "（一）加强",
            "(二)x",
            "1.属于",
            "2．重复",
            "十二、x",
            "（10）x",
            "第一部分",
        ] {
            assert!(starts_with_heading_number(yes), "{yes}");
        }
        for no in ["2024年", "一是", "（以下简称", "1.5万", "本年"] {
            assert!(!starts_with_heading_number(no), "{no}");
        }
    }

    #[test]
    fn page_numbers() {
        for yes in ["- 1 -", "— 12 —", "－3－", "第1页", "第 2 页 共 5 页", "3/10", "7", "Page 2"]
        {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["一、总体情况", "2024年", "-", "第一页x", "1.属于", "12  3 0"] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn joining() {
        let mut s = String::from("政府信息");
        join_wrapped(&mut s, "1368条");
        assert_eq!(s, "政府信息1368条");
        let mut s = String::from("see www.example.");
        join_wrapped(&mut s, "gov.cn");
        assert_eq!(s, "see www.example.gov.cn");
        let mut s = String::from("annual");
        join_wrapped(&mut s, "report");
        assert_eq!(s, "annual report");
        assert_eq!(display_width('中'), 2);
        assert_eq!(display_width('a'), 1);
    }
}
