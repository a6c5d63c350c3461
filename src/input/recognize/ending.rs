//! Where the report ends and what is not its text: portal furniture (发布时间, 浏览次数,
//! 上一篇, 网站标识码…), page numbers, and the signature and date printed at the end
//! (成文日期 in Arabic or Chinese numerals).

use super::labels::{clean_text, norm};
use crate::input::document::{Block, Document};
use crate::model::Date;

/// Lines of a portal page or a printout that are not the report's text (dropped anywhere).
const FURNITURE: [&str; 28] = [
    "公开方式",
    "全真版",
    "文字版",
    "文件下载",
    "附件下载",
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
