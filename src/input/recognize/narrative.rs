//! The narrative: the organization and year, the preface, sections 一, 五 and 六 with their
//! （一）… subheadings (run-in or on their own line), the signature and date, and the page
//! furniture of portals (发布时间, 上一篇, 网站标识码…) that is not part of the report.

use super::Ctx;
use super::labels::{clean_text, norm};
use super::outline::Outline;
use super::tables::Tables;
use crate::diag::Diagnostic;
use crate::input::document::{Block, Document, Paragraph as Para};
use crate::model::{Date, Paragraph, Report, Signature, Year, form::SECTIONS};

/// Lines of a portal page or a printout that are not the report's text (dropped anywhere).
const FURNITURE: [&str; 24] = [
    "公开方式",
    "(此件公开发布)",
    "发布时间",
    "发布日期",
    "来源:",
    "信息来源",
    "浏览次数",
    "访问量",
    "点击数",
    "阅读次数",
    "索引号",
    "发布机构",
    "生成日期",
    "主题分类",
    "文号:",
    "字号:",
    "【字体",
    "字体:",
    "【打印",
    "打印本页",
    "关闭窗口",
    "当前位置",
    "您当前的位置",
    "分享到",
];

/// Lines that start a portal page's footer: the report has ended.
const STOP: [&str; 14] = [
    "上一篇",
    "下一篇",
    "相关附件",
    "相关链接",
    "相关文章",
    "扫一扫",
    "版权所有",
    "主办单位",
    "主办:",
    "网站标识码",
    "ICP备",
    "公网安备",
    "网站地图",
    "联系我们",
];

/// Whether a line is page furniture (a portal's metadata line or a page number).
pub(super) fn is_furniture(text: &str) -> bool {
    let n = norm(text);
    if n.is_empty() {
        return true;
    }
    let page_number = n.trim_matches(|c| matches!(c, '-' | '—' | '第' | '页'));
    if !page_number.is_empty() && page_number.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    FURNITURE.iter().any(|f| n.starts_with(f)) || is_stop(&n)
}

fn is_stop(n: &str) -> bool {
    STOP.iter().any(|s| n.starts_with(s) || (s.len() > 9 && n.contains(s)))
}

/// Where the report's text ends, looking from block `from`: at a portal footer, and
/// before a signature (署名 and 成文日期) printed at the end.
pub(super) fn ending(doc: &Document, from: usize) -> (usize, Option<(String, Date)>) {
    let mut end = doc.blocks.len();
    for (i, b) in doc.blocks.iter().enumerate().skip(from) {
        if let Block::Paragraph(p) = b
            && is_stop(&norm(&p.text))
        {
            end = i;
            break;
        }
    }
    let last: Vec<(usize, String)> = doc.blocks[from.min(end)..end]
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Paragraph(p) => Some((from + i, clean_text(&p.text))),
            Block::Table(_) => None,
        })
        .filter(|(_, t)| !is_furniture(t))
        .collect();
    let tail = &last[last.len().saturating_sub(3)..];
    let Some(k) = tail.iter().rposition(|(_, t)| date(t).is_some() || signed_date(t).is_some())
    else {
        return (end, None);
    };
    let (at, text) = &tail[k];
    if let Some(d) = date(text) {
        let org = k.checked_sub(1).map(|j| &tail[j]).filter(|(_, t)| signature_like(t));
        return match org {
            Some((org_at, org)) => (*org_at, Some((org.clone(), d))),
            None => (*at, None),
        };
    }
    let (org, d) = signed_date(text).expect("checked above");
    (*at, Some((org, d)))
}

fn signature_like(t: &str) -> bool {
    t.chars().count() <= 40 && !t.contains(['。', '，', '；', '：']) && !t.starts_with(['（', '('])
}

/// A line that is a date only: `2025年1月20日`, `二〇二五年一月二十日`.
pub(super) fn date(text: &str) -> Option<Date> {
    let n = norm(text);
    let (y, rest) = n.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let year = |s: &str| -> Option<u32> {
        if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
            return s.parse().ok();
        }
        let zero = |c: char| matches!(c, '〇' | '零' | '○' | 'O');
        let digit =
            |c: char| if zero(c) { Some(0) } else { super::labels::chinese_number(&c.to_string()) };
        let digits: Option<Vec<u32>> = s.chars().map(digit).collect();
        let digits = digits.filter(|d| d.len() == 4)?;
        Some(digits.iter().fold(0, |acc, d| acc * 10 + d))
    };
    let num = |s: &str| -> Option<u32> {
        if !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()) {
            return s.parse().ok();
        }
        super::labels::chinese_number(s)
    };
    let (y, m, d) = (year(y)?, num(m)?, num(d)?);
    if !(1990..=2999).contains(&y) {
        return None;
    }
    serde_json::from_value(serde_json::json!(format!("{y:04}-{m:02}-{d:02}"))).ok()
}

/// A line with the signature and the date together: `临江县自然资源和规划局 2025年1月20日`.
fn signed_date(text: &str) -> Option<(String, Date)> {
    text.char_indices().filter(|(_, c)| c.is_ascii_digit() || *c == '二').find_map(|(i, _)| {
        let org = text[..i].trim();
        (!org.is_empty() && signature_like(org))
            .then(|| Some((org.to_string(), date(&text[i..])?)))?
    })
}

/// The year printed before 年 (and not part of a date range's day), 1990–2999.
fn year_in(text: &str) -> Option<(u16, usize)> {
    let n = norm(text);
    let chars: Vec<(usize, char)> = n.char_indices().collect();
    for w in chars.windows(5) {
        let digits: String = w[..4].iter().map(|(_, c)| *c).collect();
        if w[4].1 == '年' && digits.bytes().all(|b| b.is_ascii_digit()) {
            let y: u16 = digits.parse().ok()?;
            if (1990..=2999).contains(&y) {
                return Some((y, w[0].0));
            }
        }
    }
    None
}

/// Build the report from the outline and the tables; `None` when the year or the
/// organization cannot be found.
pub(super) fn build(
    doc: &Document,
    outline: &Outline,
    tables: Tables,
    ctx: &mut Ctx,
) -> Option<Report> {
    let para = |i: usize| match &doc.blocks[i] {
        Block::Paragraph(p) => Some(p),
        Block::Table(_) => None,
    };
    let section = |s: usize| -> Vec<&Para> {
        outline.range(s).map(|r| r.filter_map(para).collect()).unwrap_or_default()
    };
    let body_start = outline.body_start().unwrap_or(outline.end);
    let preface_paras: Vec<&Para> = (outline.after_title..body_start.max(outline.after_title))
        .filter_map(para)
        .filter(|p| outline.title.is_some() || p.text.contains('。'))
        // Portals often repeat the title at the top of the article.
        .filter(|p| outline.title.as_ref().is_none_or(|t| norm(&p.text) != norm(t)))
        .collect();
    let all_text = || {
        doc.blocks.iter().filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.as_str()),
            Block::Table(_) => None,
        })
    };

    let year = outline.title.as_deref().and_then(year_in).map(|(y, _)| y).or_else(|| {
        all_text()
            .filter(|t| {
                ["统计期限", "统计时限", "统计期间", "统计时段", "统计时间"]
                    .iter()
                    .any(|k| norm(t).contains(k))
            })
            .find_map(|t| year_in(t).map(|(y, _)| y))
    });
    if outline.title.is_none() {
        ctx.warn("import-title", "没有找到报告标题（“……政府信息公开工作年度报告”）".into());
    }
    let Some(year) = year else {
        ctx.error("import-year", "无法确定报告年度：标题和“统计期限”一句中都没有年份".into());
        return None;
    };
    let texts: Vec<&str> = all_text().collect();
    let organization = organization(outline, &texts).or_else(|| {
        ctx.error("import-organization", "无法确定机关名称：标题和署名中都没有".into());
        None
    })?;

    let mut report = Report {
        schema: Some("nianbao/1".into()),
        organization,
        year: Year(year),
        title: None,
        level: None,
        preface: convert(&preface_paras, None),
        overview: Vec::new(),
        proactive: tables.proactive.unwrap_or_default(),
        requests: tables.requests.unwrap_or_default(),
        appeals: tables.appeals.unwrap_or_default(),
        problems: Vec::new(),
        other_matters: Vec::new(),
        signature: outline
            .signature
            .as_ref()
            .map(|(o, d)| Signature { organization: o.clone(), date: *d }),
        imported: None,
        invalid_cells: Vec::new(),
    };
    if let Some(t) = &outline.title
        && *t != report.title()
    {
        report.title = Some(t.clone());
    }
    for (s, slot) in
        [(0, &mut report.overview), (4, &mut report.problems), (5, &mut report.other_matters)]
    {
        match &outline.sections[s] {
            Some(h) => {
                *slot = convert(&section(s), h.run_in.as_deref());
                if slot.is_empty() {
                    ctx.warn(
                        "import-section",
                        format!("“{}”下面没有内容（评议时会被计为缺陷）", SECTIONS[s]),
                    );
                }
            }
            None => ctx.error("import-section", format!("没有找到“{}”这一部分", SECTIONS[s])),
        }
    }
    for (s, heading) in outline.sections.iter().enumerate().take(4).skip(1) {
        match heading {
            None if tables.found[s - 1] => ctx.warn(
                "import-heading",
                format!("没有找到标题“{}”；表格按其中的标签读取", SECTIONS[s]),
            ),
            None => {}
            Some(_) => {
                for p in section(s).into_iter().filter(|p| !is_furniture(&p.text)) {
                    let text = clean_text(&p.text);
                    let shown: String = text.chars().take(30).collect();
                    let mut d = Diagnostic::warning(
                        "import-skipped",
                        format!("“{}”中表格以外的文字未导入：“{shown}…”", SECTIONS[s]),
                    );
                    let origin = p.origin.describe();
                    if !origin.is_empty() {
                        d = d.origin(origin);
                    }
                    ctx.push(d);
                }
            }
        }
    }
    Some(report)
}

/// The organization: the title's words before the year (or after it, for titles that put the
/// year first), completed to the full name (…人民政府) when the signature or the text has it.
fn organization(outline: &Outline, texts: &[&str]) -> Option<String> {
    let signed = outline.signature.as_ref().map(|(o, _)| o.clone());
    let from_title = outline.title.as_deref().and_then(|t| {
        let (_, at) = year_in(t)?;
        let n = norm(t);
        let before = n[..at].trim_matches(|c| matches!(c, '(' | ')' | '"' | '《'));
        let org = if before.is_empty() {
            let after = &n[at + 4..];
            let after =
                after.strip_prefix("年度").or_else(|| after.strip_prefix('年')).unwrap_or(after);
            after.split("政府信息").next().unwrap_or_default().to_string()
        } else {
            before.to_string()
        };
        (!org.is_empty()).then_some(org)
    });
    let Some(org) = from_title else { return signed };
    if let Some(s) = signed.filter(|s| norm(s).starts_with(&org)) {
        return Some(s);
    }
    let place = ["乡", "镇", "县", "区", "市", "旗", "州", "盟", "省", "街道"];
    if place.iter().any(|p| org.ends_with(p)) {
        for suffix in ["人民政府", "街道办事处", "办事处"] {
            let full = format!("{org}{suffix}");
            if texts.iter().any(|t| norm(t).contains(&full)) {
                return Some(full);
            }
        }
    }
    Some(org)
}

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
fn convert(paras: &[&Para], run_in: Option<&str>) -> Vec<Paragraph> {
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
