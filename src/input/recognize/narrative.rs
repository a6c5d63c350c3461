//! The report put together: the organization and year (from the title, the 统计期限
//! sentence, the signature), the preface and sections 一, 五 and 六, the tables, and the
//! findings about sections missing, empty or holding text the form has no place for.

use super::Ctx;
use super::ending::is_furniture;
use super::labels::{clean_text, norm};
use super::outline::Outline;
use super::subheads::convert;
use super::tables::Tables;
use crate::diag::Diagnostic;
use crate::input::document::{Block, Document, Paragraph as Para};
use crate::model::{Report, Signature, Year, form::SECTIONS};

/// The year printed before 年 (ASCII or full-width digits), 1990–2999: the year and the byte
/// range of its digits in `text`.
fn year_in(text: &str) -> Option<(u16, std::ops::Range<usize>)> {
    let chars: Vec<(usize, char)> =
        text.char_indices().filter(|(_, c)| !c.is_whitespace()).collect();
    let digit = |c: char| match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    };
    for w in chars.windows(5) {
        let digits: Option<Vec<u32>> = w[..4].iter().map(|(_, c)| digit(*c)).collect();
        if w[4].1 == '年'
            && let Some(d) = digits
        {
            let y = d.iter().fold(0, |acc, d| acc * 10 + d);
            if (1990..=2999).contains(&y) {
                return Some((y as u16, w[0].0..w[4].0));
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
                ["统计期限", "统计时限", "统计期间", "统计时段", "统计时间", "统计周期"]
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
    // Without it the import is incomplete (an error), but what was read is kept for
    // `--partial`, with the organization left empty.
    let organization = organization(outline, &texts).unwrap_or_else(|| {
        ctx.error("import-organization", "无法确定机关名称：标题和署名中都没有".into());
        String::new()
    });

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
        let noise = |c: char| "()（）\"“”《》「」 ".contains(c);
        let before = t[..at.start].trim_matches(noise);
        let org = if before.is_empty() {
            let after = t[at.end..].trim_start_matches(['年', '度']);
            after.split("政府信息").next().unwrap_or_default().trim_matches(noise).to_string()
        } else {
            before.to_string()
        };
        (!org.is_empty()).then_some(org)
    });
    let Some(org) = from_title else { return signed };
    if let Some(s) = signed.filter(|s| norm(s).starts_with(&norm(&org))) {
        return Some(s);
    }
    let place = ["乡", "镇", "县", "区", "市", "旗", "州", "盟", "省", "街道"];
    if place.iter().any(|p| org.ends_with(p)) {
        for suffix in ["人民政府", "街道办事处", "办事处"] {
            let full = format!("{org}{suffix}");
            if texts.iter().any(|t| norm(t).contains(&norm(&full))) {
                return Some(full);
            }
        }
    }
    Some(org)
}
