//! The outline of a report: its title, the six section headings (with the common
//! rewordings), where each section's text starts and ends, and the outlines of older formats.

use super::Ctx;
use super::ending::{ending, is_furniture};
use super::labels::{best_match, chinese_number, clean_text, norm};
use crate::input::document::{Block, Document, Paragraph};
use crate::model::{Date, form::SECTIONS};

/// Rewordings of the six headings seen in real reports (without the number).
const ALIASES: [&[&str]; 6] = [
    &["概述", "基本情况", "总体工作情况", "工作概述", "总体概况", "基本概况", "工作总体情况"],
    &["主动公开政府信息的情况", "主动公开情况", "主动公开政府信息"],
    &["收到和处理政府信息公开申请的情况", "收到和处理政府信息公开申请"],
    &[
        "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "政府信息公开行政复议、诉讼情况",
        "政府信息公开行政复议和行政诉讼情况",
        "政府信息公开行政复议行政诉讼情况",
    ],
    &[
        "存在的主要问题及整改措施",
        "存在的主要问题和改进情况",
        "存在的主要问题及改进措施",
        "存在的问题及改进措施",
        "存在的主要问题及下一步工作",
        "存在的主要问题及下一步工作打算",
        "存在的不足及改进措施",
        "建议和下一步工作",
    ],
    &["其他需要报告事项", "其他事项", "其他需要说明的事项"],
];

/// Headings only the outline used before 2019 has (the 2021 form has six sections).
const OLD_MARKERS: [&str; 4] = [
    "收费及减免",
    "依申请公开政府信息",
    "因政府信息公开申请行政复议",
    "申请行政复议、提起行政诉讼的情况",
];

/// How a printed heading matched the form's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Exact,
    Alias,
    Close,
    Keyword,
}

/// A section heading found in the document.
#[derive(Debug, Clone)]
pub(super) struct Heading {
    /// The block it is in.
    pub at: usize,
    /// Text after the heading in the same paragraph (a run-in heading), if any.
    pub run_in: Option<String>,
}

/// Where the parts of the report are.
#[derive(Debug, Default)]
pub(super) struct Outline {
    /// The title as printed (joined when broken over two paragraphs).
    pub title: Option<String>,
    /// The block after the title (where the preface may start).
    pub after_title: usize,
    /// The six headings, in the form's order.
    pub sections: [Option<Heading>; 6],
    /// The block where the report's text ends (the signature, or page furniture after 六).
    pub end: usize,
    /// 署名 and 成文日期, when printed at the end.
    pub signature: Option<(String, Date)>,
    /// Set when the document follows an outline older than the 2021 form: which heading.
    pub old_format: Option<String>,
}

impl Outline {
    /// The blocks of section `i`'s text: after its heading, up to the next heading found
    /// in the document (whichever section it is: an office may put 六 before 五).
    pub fn range(&self, i: usize) -> Option<std::ops::Range<usize>> {
        let start = self.sections[i].as_ref()?.at + 1;
        let end = self
            .sections
            .iter()
            .flatten()
            .map(|h| h.at)
            .filter(|&at| at >= start)
            .min()
            .unwrap_or(self.end)
            .max(start);
        Some(start..end.min(self.end.max(start)))
    }

    /// The first block of the first section found.
    pub fn body_start(&self) -> Option<usize> {
        self.sections.iter().flatten().map(|h| h.at).min()
    }
}

/// Find the outline of `doc`, with warnings for reworded and renumbered headings.
pub(super) fn find(doc: &Document, ctx: &mut Ctx) -> Outline {
    let mut hits: Vec<Hit> = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        if let Block::Paragraph(p) = block
            && let Some(hit) = heading(i, p)
        {
            hits.push(hit);
        }
    }
    let mut out = Outline { end: doc.blocks.len(), ..Outline::default() };
    if let Some(old) = old_outline(&hits) {
        out.old_format = Some(format!("这份报告使用 2019 年以前的年报提纲（如“{old}”）"));
        return out;
    }
    let chosen = choose(&hits);
    for (s, h) in chosen.iter().enumerate() {
        let Some(h) = h.map(|i| &hits[i]) else { continue };
        note_heading(s, h, ctx);
        if let Some(later) = chosen[..s].iter().flatten().map(|&k| &hits[k]).find(|e| e.at > h.at) {
            ctx.warn(
                "import-heading",
                format!(
                    "“{}”排在“{}”之前，与统一格式的顺序不同，已按各自的标题读取",
                    h.printed, later.printed
                ),
            );
        }
        let Some(section) = h.section else { continue };
        debug_assert_eq!(section, s);
        out.sections[s] = Some(Heading { at: h.at, run_in: h.run_in.clone() });
    }
    let first = out.body_start().unwrap_or(doc.blocks.len().min(15));
    if let Some((title, after)) = title(doc, first) {
        out.title = Some(title);
        out.after_title = after;
    }
    let last_start = out.sections.iter().flatten().map(|h| h.at + 1).max().unwrap_or(first);
    let (end, signature) = ending(doc, last_start);
    out.end = end;
    out.signature = signature;
    out
}

/// A numbered paragraph that may be a section heading.
#[derive(Debug, Clone)]
struct Hit {
    at: usize,
    printed: String,
    number: Option<u32>,
    /// The normalized heading text without its number.
    rest: String,
    section: Option<usize>,
    strength: Strength,
    run_in: Option<String>,
}

fn heading(at: usize, p: &Paragraph) -> Option<Hit> {
    let text = clean_text(&p.text);
    let n = norm(&text);
    let (number, rest) = match level1_number(&n) {
        Some((num, len)) => (Some(num), n[len..].to_string()),
        // A heading the source declares may be numbered 1. (a list a browser numbers).
        None if p.heading.is_some() => {
            let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
            match (digits.parse::<u32>(), n[digits.len()..].chars().next()) {
                (Ok(num), Some(sep @ ('.' | '、'))) => {
                    (Some(num), n[digits.len() + sep.len_utf8()..].to_string())
                }
                _ => (None, n.clone()),
            }
        }
        None => return None,
    };
    let mut hit = Hit {
        at,
        printed: text.clone(),
        number,
        rest,
        section: None,
        strength: Strength::Keyword,
        run_in: None,
    };
    if hit.rest.chars().count() <= 40 {
        if let Some((s, strength)) = classify(&hit.rest) {
            hit.section = Some(s);
            hit.strength = strength;
        }
        return Some(hit);
    }
    // A run-in heading: "一、总体情况。2024年，…" — the heading ends at the first 。 or ：.
    let cut = text.char_indices().take(42).find(|(_, c)| matches!(c, '。' | '：' | ':'))?.0;
    let head = &text[..cut];
    let (_, len) = level1_number(&norm(head))?;
    let rest = norm(head)[len..].to_string();
    let (s, strength) = classify(&rest).filter(|(_, st)| *st != Strength::Keyword)?;
    let after = text[cut..].chars().skip(1).collect::<String>();
    Some(Hit {
        at,
        printed: head.to_string(),
        number,
        rest,
        section: Some(s),
        strength,
        run_in: Some(after.trim().to_string()).filter(|t| !t.is_empty()),
    })
}

/// A level-1 number at the start of a normalized text: `一、`, `二.`, `三,`, `第四部分`.
/// Returns the number and the prefix's length in bytes.
fn level1_number(n: &str) -> Option<(u32, usize)> {
    let is_cn = |c: char| "一二三四五六七八九十".contains(c);
    if let Some(rest) = n.strip_prefix('第') {
        let num: String = rest.chars().take_while(|c| is_cn(*c)).collect();
        let after = &rest[num.len()..];
        if let Some(tail) = after.strip_prefix("部分") {
            let sep = tail.chars().next().filter(|c| matches!(c, '、' | '.' | ':' | ',' | '：'));
            let len = '第'.len_utf8() + num.len() + "部分".len() + sep.map_or(0, char::len_utf8);
            return Some((chinese_number(&num)?, len));
        }
        return None;
    }
    let num: String = n.chars().take_while(|c| is_cn(*c)).collect();
    let sep = n[num.len()..].chars().next()?;
    if num.is_empty() || !matches!(sep, '、' | '.' | ',' | '，') {
        return None;
    }
    Some((chinese_number(&num)?, num.len() + sep.len_utf8()))
}

fn official(i: usize) -> &'static str {
    SECTIONS[i].split_once('、').map_or(SECTIONS[i], |(_, t)| t)
}

fn classify(rest: &str) -> Option<(usize, Strength)> {
    if rest.is_empty() {
        return None;
    }
    if let Some(i) = (0..6).find(|&i| norm(official(i)) == rest) {
        return Some((i, Strength::Exact));
    }
    if let Some(i) = (0..6).find(|&i| ALIASES[i].iter().any(|a| norm(a) == rest)) {
        return Some((i, Strength::Alias));
    }
    if let Some((i, _)) = best_match(rest, (0..6).map(official)) {
        return Some((i, Strength::Close));
    }
    let has = |w: &str| rest.contains(w);
    let s = if has("问题") && (has("改进") || has("整改") || has("措施") || has("下一步"))
    {
        4
    } else if has("其他") && (has("报告") || has("事项")) {
        5
    } else if has("行政复议") || has("行政诉讼") {
        3
    } else if has("申请") && (has("收到") || has("处理")) {
        2
    } else if has("主动公开") {
        1
    } else if has("总体") || has("概述") || has("概况") {
        0
    } else {
        return None;
    };
    Some((s, Strength::Keyword))
}

fn old_outline(hits: &[Hit]) -> Option<String> {
    let numbered = |h: &&Hit| h.number.is_some();
    if let Some(h) =
        hits.iter().filter(numbered).find(|h| OLD_MARKERS.iter().any(|m| h.rest.contains(m)))
    {
        return Some(h.printed.clone());
    }
    let seventh = hits.iter().find(|h| h.number == Some(7) && h.section == Some(5))?;
    Some(seventh.printed.clone())
}

/// Pick one heading per section: strong matches in order first; then a section still
/// missing takes its own numbered heading out of the form's order (六 before 五); then
/// keyword matches with the right number in the gaps between them.
fn choose(hits: &[Hit]) -> [Option<usize>; 6] {
    let mut chosen: [Option<usize>; 6] = [None; 6];
    let mut last: Option<usize> = None;
    for (k, h) in hits.iter().enumerate() {
        let Some(s) = h.section else { continue };
        if h.strength == Strength::Keyword || last.is_some_and(|l| s <= l) {
            continue;
        }
        if h.number.is_none() && h.strength != Strength::Exact {
            continue;
        }
        chosen[s] = Some(k);
        last = Some(s);
    }
    for (s, chosen) in chosen.iter_mut().enumerate().filter(|(_, c)| c.is_none()) {
        *chosen = hits.iter().position(|h| {
            h.section == Some(s)
                && h.number == Some(s as u32 + 1)
                && matches!(h.strength, Strength::Exact | Strength::Alias)
        });
    }
    for (k, h) in hits.iter().enumerate() {
        let Some(s) = h.section else { continue };
        if h.strength != Strength::Keyword || chosen[s].is_some() || h.number != Some(s as u32 + 1)
        {
            continue;
        }
        let before = chosen[..s].iter().flatten().next_back().is_none_or(|&b| hits[b].at < h.at);
        let after = chosen[s + 1..].iter().flatten().next().is_none_or(|&a| hits[a].at > h.at);
        if before && after {
            chosen[s] = Some(k);
        }
    }
    chosen
}

fn note_heading(s: usize, h: &Hit, ctx: &mut Ctx) {
    let part = ["一", "二", "三", "四", "五", "六"][s];
    if h.strength != Strength::Exact {
        ctx.warn(
            "import-heading",
            format!(
                "第{part}部分的标题“{}”与统一格式的“{}”不同，已按第{part}部分读取",
                h.printed, SECTIONS[s]
            ),
        );
    } else if h.number != Some(s as u32 + 1) {
        ctx.warn(
            "import-heading",
            format!("标题“{}”的编号与统一格式不同，应为“{}”", h.printed, SECTIONS[s]),
        );
    }
}

/// The title: the first paragraph before the body that names the report (政府信息公开 …
/// 报告), joined with the paragraph before or after it when the title is broken in two.
/// Whether a line reads as a report's title.
fn is_report_title(t: &str) -> bool {
    let n = norm(t);
    // It ends with 报告 (or 报告 and a note such as "（全文）"); a portal's menu row that
    // names several reports among other things ("…政府工作报告…专题专栏") does not.
    let ends = n.rfind("报告").is_some_and(|i| n[i + "报告".len()..].chars().count() <= 6);
    n.contains("政府信息")
        && n.contains("公开")
        && ends
        && n.chars().count() <= 80
        && !n.contains([',', '。', ';'])
}

/// A title line without what a portal puts around it: a label before it ("标题：",
/// "名称：") and the site's name after it ("……年度报告-某某县人民政府网", "…报告_某某网").
fn bare_title(t: &str) -> String {
    let mut t = t.trim();
    for label in ["文章标题", "信息名称", "标题", "名称", "题名", "主题"] {
        if let Some(rest) = t.strip_prefix(label)
            && let Some(rest) = rest.trim_start().strip_prefix(['：', ':'])
        {
            t = rest.trim_start();
            break;
        }
    }
    if let Some(end) = t.rfind("报告").map(|i| i + "报告".len())
        && t[end..].trim_start().starts_with(['-', '_', '|', '–', '—', '｜'])
    {
        t = &t[..end];
    }
    t.to_string()
}

fn title(doc: &Document, before: usize) -> Option<(String, usize)> {
    let blocks = &doc.blocks[..before.min(doc.blocks.len())];
    // A title the source marks as a heading (HTML h1, a Word title style) wins over a
    // portal's metadata line ("标题：……年度报告-某某网") that comes before it.
    let heading_text = |b: &Block| match b {
        Block::Paragraph(p) if p.heading.is_some() => Some(bare_title(&clean_text(&p.text))),
        _ => None,
    };
    let declared = blocks.iter().enumerate().find_map(|(i, b)| {
        let t = heading_text(b)?;
        if !is_report_title(&t) {
            return None;
        }
        // A title set as two headings: the organization, then the rest.
        let before = i.checked_sub(1).and_then(|j| heading_text(&blocks[j]));
        match before {
            Some(prev)
                if prev.chars().count() <= 40
                    && !is_report_title(&prev)
                    && (t.starts_with(|c: char| {
                        c.is_ascii_digit() || ('０'..='９').contains(&c)
                    }) || t.starts_with("政府信息")) =>
            {
                let joined = format!("{prev}{t}");
                Some((if is_report_title(&joined) { joined } else { t }, i + 1))
            }
            _ => Some((t, i + 1)),
        }
    });
    if declared.is_some() {
        return declared;
    }
    let paras: Vec<(usize, String)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Paragraph(p) => Some((i, bare_title(&clean_text(&p.text)))),
            Block::Table(_) => None,
        })
        .filter(|(_, t)| !t.is_empty() && !is_furniture(t))
        .collect();
    let is_title = is_report_title;
    let short = |t: &str| t.chars().count() <= 40 && !t.contains(['。', '，', '；']);
    for (k, (at, text)) in paras.iter().enumerate() {
        if is_title(text) {
            let starts_bare = norm(text).starts_with("政府信息");
            if starts_bare
                && let Some((_, prev)) = k.checked_sub(1).map(|j| &paras[j])
                && short(prev)
            {
                return Some((format!("{prev}{text}"), at + 1));
            }
            return Some((text.clone(), at + 1));
        }
        if let Some((next_at, next)) = paras.get(k + 1)
            && short(text)
            && short(next)
            && norm(text).contains("政府信息")
            && is_title(&format!("{text}{next}"))
            && !is_title(next)
        {
            return Some((format!("{text}{next}"), next_at + 1));
        }
    }
    None
}
