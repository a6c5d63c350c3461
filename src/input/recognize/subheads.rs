//! A section's paragraphs as the model's: （一） subheadings run-in or on their own line
//! (told apart by the source's formatting when it has any, else by the sentence), the 1.
//! run-ins below an own-line subheading, and numbers dropped where the renderer prints them.

use super::ending::is_furniture;
use super::labels::clean_text;
use crate::input::document::Paragraph as Para;
use crate::model::Paragraph;

/// A subheading paragraph, as the recognizer sees it.
enum Sub {
    /// On its own line: the heading as printed and its ordinal.
    Own(String, u32),
    /// Run-in: the heading, its ordinal and the text after it.
    RunIn(String, u32, String),
    /// A plain paragraph.
    Text(String),
}

/// Turn a section's paragraphs into the model's: （一） subheadings become run-in or
/// own-line headings (their number dropped when it is the one the renderer would print);
/// below an own-line heading, a 1. subheading the source sets apart is a run-in heading too.
pub(super) fn convert(paras: &[&Para], run_in: Option<&str>) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut counter = 0;
    // The open own-line subheading: its heading, its paragraphs and their 1. 2. count.
    let mut open: Option<(String, Vec<Paragraph>, u32)> = None;
    let close = |open: Option<(String, Vec<Paragraph>, u32)>| {
        open.map(|(heading, paragraphs, _)| Paragraph::Section { heading, paragraphs })
    };
    if let Some(t) = run_in {
        out.push(Paragraph::Text(clean_text(t)));
    }
    for p in paras.iter().filter(|p| !is_furniture(&p.text)) {
        // Below an own-line subheading, 1. headings are its run-in subheadings.
        if let Some((_, ps, n)) = &mut open
            && let Some((h, k, text)) = level3_run_in(p)
        {
            *n += 1;
            ps.push(Paragraph::RunIn { heading: strip(h, k, *n, level3), text });
            continue;
        }
        match subheading(p) {
            Sub::Own(h, k) => {
                out.extend(close(open.take()));
                counter += 1;
                open = Some((strip(h, k, counter, ordinal), Vec::new(), 0));
            }
            Sub::RunIn(h, k, text) => {
                out.extend(close(open.take()));
                counter += 1;
                out.push(Paragraph::RunIn { heading: strip(h, k, counter, ordinal), text });
            }
            Sub::Text(t) => match &mut open {
                Some((_, ps, _)) => ps.push(Paragraph::Text(t)),
                None => out.push(Paragraph::Text(t)),
            },
        }
    }
    out.extend(close(open));
    out
}

/// A heading without its ordinal when the ordinal is the one the renderer would print.
fn strip(h: String, k: u32, counter: u32, ordinal: fn(&str) -> Option<(u32, usize)>) -> String {
    match ordinal(&h) {
        Some((n, len)) if n == k && k == counter => h[len..].trim_start().to_string(),
        _ => h,
    }
}

/// A （一） or 1. ordinal at the start of cleaned text.
fn ordinal(text: &str) -> Option<(u32, usize)> {
    level2(text).or_else(|| level3(text))
}

/// A `1.` ordinal at the start of cleaned text: its number and length in bytes.
fn level3(text: &str) -> Option<(u32, usize)> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    let sep = text[digits.len()..].chars().next().filter(|c| matches!(c, '.' | '．' | '、'))?;
    Some((digits.parse().ok()?, digits.len() + sep.len_utf8()))
}

/// A paragraph starting `1.` whose heading the source sets apart (bold, 楷体): a level-3
/// run-in heading.
fn level3_run_in(p: &Para) -> Option<(String, u32, String)> {
    let text = clean_text(&p.text);
    let (k, olen) = level3(&text)?;
    let lead = clean_text(&p.text.chars().take(p.lead).collect::<String>());
    let rest = clean_text(&p.text.chars().skip(p.lead).collect::<String>());
    (lead.len() > olen && !rest.is_empty()).then_some((lead, k, rest))
}

/// A （一） ordinal at the start of cleaned text: its number and length in bytes.
fn level2(text: &str) -> Option<(u32, usize)> {
    let rest = text.strip_prefix('（').or_else(|| text.strip_prefix('('))?;
    let num: String = rest.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).collect();
    let close = rest[num.len()..].chars().next().filter(|c| matches!(c, '）' | ')'))?;
    let k = super::labels::chinese_number(&num)?;
    Some((k, text.len() - rest.len() + num.len() + close.len_utf8()))
}

fn subheading(p: &Para) -> Sub {
    let text = clean_text(&p.text);
    let Some((k, olen)) = level2(&text) else {
        // "1." set apart at the top of a section: a subheading numbered another way (as
        // LibreOffice's HTML export numbers lists).
        if let Some((k, olen)) = level3(&text)
            && p.lead > 0
        {
            let lead = clean_text(&p.text.chars().take(p.lead).collect::<String>());
            let rest = clean_text(&p.text.chars().skip(p.lead).collect::<String>());
            if lead.len() > olen {
                return if rest.is_empty() { Sub::Own(text, k) } else { Sub::RunIn(lead, k, rest) };
            }
        }
        return Sub::Text(text);
    };
    if p.lead > 0 {
        let lead: String = p.text.chars().take(p.lead).collect();
        let lead = clean_text(&lead);
        if lead.len() > olen {
            let rest = clean_text(&p.text.chars().skip(p.lead).collect::<String>());
            return if rest.is_empty() { Sub::Own(text, k) } else { Sub::RunIn(lead, k, rest) };
        }
    }
    let after = text[olen..].trim_start();
    let after_at = text.len() - after.len();
    if after.is_empty() {
        return Sub::Text(text);
    }
    let chars = after.chars().count();
    if !after.contains(['，', '；', '：', '。', ',', ';', ':']) && chars <= 40 {
        return Sub::Own(text, k);
    }
    // A short line with a comma but no sentence end ("（一）夯实队伍建设，提高业务能力"):
    // a subheading of two phrases on its own line; a sentence of body text ends with 。.
    let ends_sentence = after.ends_with(['。', '；', '：', '！', '？', '.', ';', ':', '!', '?']);
    if !ends_sentence && !after.contains(['。', '；', ';']) && chars <= 30 {
        return Sub::Own(text, k);
    }
    let split = |i: usize, c: char| {
        let head = text[..after_at + i + c.len_utf8()].to_string();
        let rest = after[i + c.len_utf8()..].trim().to_string();
        (!rest.is_empty()).then_some(Sub::RunIn(head, k, rest))
    };
    if let Some((i, c)) = after.char_indices().find(|(_, c)| matches!(c, '。' | '！' | '？'))
        && after[..i].chars().count() < 40
    {
        if let Some(s) = split(i, c) {
            return s;
        }
        if chars <= 25 {
            return Sub::Own(text, k);
        }
    }
    if let Some((i, c)) = after.char_indices().take(30).find(|(_, c)| matches!(c, '：' | ':'))
        && let Some(s) = split(i, c)
    {
        return s;
    }
    Sub::Text(text)
}
