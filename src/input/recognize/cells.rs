//! Reading the numbers of table cells as offices print them: full-width digits, spaces inside
//! numbers, thousands separators, a trailing 件; and the cells that hold no number (blank,
//! "/", "-", "—", "无", text), which read as 0 and are recorded as placeholders.

use super::labels::norm;
use crate::model::MAX_COUNT;

/// A count cell: the number printed, or `None` when the cell holds no number.
pub fn count(text: &str) -> Option<u64> {
    let n = norm(text);
    let n = strip_unit(&n, &["件", "个", "条", "项", "次", "份", "人次"]);
    let digits = thousands(n)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 12 {
        return None;
    }
    digits.parse().ok().filter(|v| *v <= MAX_COUNT)
}

/// The fee cell (万元): the decimal printed, as text, or `None` when the cell holds none.
pub fn amount(text: &str) -> Option<String> {
    let n = norm(text);
    let n = strip_unit(&n, &["万元"]);
    let n = thousands(n)?;
    let (int, frac) = n.split_once('.').unwrap_or((&n, ""));
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let ok = digits(int) && (frac.is_empty() || digits(frac)) && !n.ends_with('.');
    (ok && int.len() <= 15 && frac.len() <= 10).then_some(n)
}

/// The raw text of a cell as recorded for a placeholder: trimmed, inner whitespace
/// collapsed (empty for a blank cell).
pub fn raw(text: &str) -> String {
    let text: String = text.chars().filter(|c| !c.is_control() || c.is_whitespace()).collect();
    text.split(super::labels::is_space).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

/// How a placeholder reads in a message: `空白`, or the text in quotes.
pub fn describe_raw(raw: &str) -> String {
    if raw.is_empty() { "空白".to_string() } else { format!("“{raw}”") }
}

/// Whether a cell could be a value cell (a number or a placeholder symbol), not a label.
pub fn value_like(text: &str) -> bool {
    let n = norm(text);
    n.is_empty()
        || count(text).is_some()
        || amount(text).is_some()
        || matches!(n.as_str(), "/" | "-" | "--" | "无" | "\\" | "×" | "0.00")
}

fn strip_unit<'a>(n: &'a str, units: &[&str]) -> &'a str {
    units.iter().find_map(|u| n.strip_suffix(u)).unwrap_or(n)
}

/// Remove thousands separators (`18,651.06`); `None` when commas are not in groups of three.
fn thousands(n: &str) -> Option<String> {
    if !n.contains(',') {
        return Some(n.to_string());
    }
    let (int, frac) = match n.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (n, None),
    };
    let groups: Vec<&str> = int.split(',').collect();
    let ok = !groups[0].is_empty()
        && groups[0].len() <= 3
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| {
        let mut s = groups.concat();
        if let Some(f) = frac {
            s.push('.');
            s.push_str(f);
        }
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_as_offices_print_them() {
        assert_eq!(count("１２"), Some(12));
        assert_eq!(count(" 1 2 "), Some(12));
        assert_eq!(count("1,246"), Some(1246));
        assert_eq!(count("3件"), Some(3));
        assert_eq!(count("0\n"), Some(0));
        for bad in ["", "/", "-", "—", "无", "1.5", "-3", "12,34", "一"] {
            assert_eq!(count(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn amounts_keep_their_digits() {
        assert_eq!(amount("5949.088667").as_deref(), Some("5949.088667"));
        assert_eq!(amount("18,651.06").as_deref(), Some("18651.06"));
        assert_eq!(amount("０．００").as_deref(), Some("0.00"));
        assert_eq!(amount("3万元").as_deref(), Some("3"));
        assert_eq!(amount("/"), None);
        assert_eq!(amount("1."), None);
        assert_eq!(raw(" a\n b "), "a b");
    }
}
