//! Portal pages (`.html`, `.htm`) read into a [`Document`]: UTF-8 or GBK/GB18030 (declared
//! or sniffed), parsed by html5ever as browsers do. Block elements and `<br>` make
//! paragraphs (alignment from `align`/`text-align`, headings from `h1`–`h6`, a run-in heading
//! set apart by `<b>`/`<strong>`/bold or a 楷体/黑体 font); data tables become grids with
//! their rowspan/colspan; layout tables (tables holding tables, one-cell frames) are read as
//! running text. Scripts, navigation, footers and hidden elements are left out. Input size
//! and the nesting depth walked are capped.

mod decode;
mod walk;

use scraper::{ElementRef, Html};

use crate::diag::Diagnostic;
use crate::input::document::{Align, Block, Document, Paragraph};

/// Largest page accepted, in bytes (a report page is 50–500 KB).
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// Deepest element nesting walked (portal pages nest a few dozen levels).
pub const MAX_DEPTH: usize = 256;
/// Most elements open at once accepted before parsing (a rough count, see
/// [`open_elements`]; the walk itself stops at [`MAX_DEPTH`]).
const MAX_OPEN: usize = 1024;
/// Longest text of a data-table cell, in bytes (the form's longest label is about 40
/// characters); a table with a longer cell is a layout table and is read as running text.
pub(crate) const MAX_CELL_TEXT: usize = 1200;
/// Widest table grid accepted.
const MAX_COLS: usize = 256;
/// Most rows in one table.
const MAX_ROWS: usize = 5_000;

/// Elements that hold no report text.
const SKIP: [&str; 21] = [
    "script", "style", "noscript", "template", "head", "title", "nav", "footer", "aside", "select",
    "option", "button", "iframe", "object", "embed", "svg", "canvas", "map", "input", "textarea",
    "video",
];

/// Elements that start a new paragraph.
const BLOCKS: [&str; 27] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "main",
    "header",
    "blockquote",
    "center",
    "pre",
    "address",
    "figure",
    "figcaption",
    "form",
    "fieldset",
    "hr",
];

/// Read a page's bytes into a document; `name` names it in errors.
pub fn read(bytes: &[u8], name: &str) -> Result<Document, Vec<Diagnostic>> {
    let fail = |msg: String| vec![Diagnostic::error("import-read", msg).in_file(name)];
    if bytes.len() > MAX_FILE_BYTES {
        return Err(fail(format!(
            "网页过大（{} 字节），最大 {} MB",
            bytes.len(),
            MAX_FILE_BYTES >> 20
        )));
    }
    let decoded = decode::decode(bytes);
    if decoded.text.contains('\0') {
        return Err(fail("不是网页文件（含有 NUL 字符）".into()));
    }
    // html5ever takes quadratic time on deeply nested elements: measure the nesting first.
    if open_elements(&decoded.text) > MAX_OPEN {
        return Err(fail(format!("网页嵌套超过 {MAX_DEPTH} 层，不像正常的网页")));
    }
    let html = Html::parse_document(&decoded.text);
    let mut walker = walk::Walker::default();
    let root = html.root_element();
    let body = root.children().filter_map(ElementRef::wrap).find(|e| e.value().name() == "body");
    let body = body.unwrap_or(root);
    if walker.flow(body, walk::Style::default(), 0).is_err() {
        return Err(fail(format!("网页嵌套超过 {MAX_DEPTH} 层，不像正常的网页")));
    }
    walker.flush();
    let mut blocks = walker.blocks;
    // A page that prints its title nowhere but in <title> (some portals put it in an image
    // or a script): the report's title comes from there, as the first heading.
    if let Some(title) = page_title(&html)
        && !blocks.iter().take(40).any(|b| match b {
            Block::Paragraph(p) => {
                p.text.contains("年度报告")
                    && p.text.chars().filter(|c| !c.is_whitespace()).count() <= 80
            }
            Block::Table(_) => false,
        })
    {
        let paragraph =
            Paragraph { text: title, align: Align::Center, heading: Some(1), ..Default::default() };
        blocks.insert(0, Block::Paragraph(paragraph));
    }
    let mut findings = Vec::new();
    if let Some(note) = decoded.note {
        findings.push(Diagnostic::warning("import-encoding", note).in_file(name));
    }
    Ok(Document { blocks, findings })
}

/// The page's `<title>`, when it reads as a report's title.
fn page_title(html: &Html) -> Option<String> {
    let selector = scraper::Selector::parse("head > title").ok()?;
    let text: String = html.select(&selector).next()?.text().collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (text.contains("政府信息") && text.contains("年度报告") && text.chars().count() <= 120)
        .then_some(text)
}

/// The most elements open at once in a page, counted from its tags without parsing (in
/// linear time): void elements and those HTML closes by itself (`p`, `li`, `td`, `tr`…) are
/// not counted, nor is the content of scripts, styles and comments.
fn open_elements(text: &str) -> usize {
    const NOT_NESTING: [&str; 28] = [
        "p", "li", "td", "th", "tr", "option", "optgroup", "dt", "dd", "tbody", "thead", "tfoot",
        "colgroup", "rb", "rt", "rp", "br", "img", "input", "meta", "link", "hr", "col", "area",
        "base", "embed", "source", "wbr",
    ];
    let b = text.as_bytes();
    let (mut i, mut depth, mut max) = (0, 0usize, 0usize);
    while let Some(lt) = b[i..].iter().position(|&c| c == b'<') {
        i += lt + 1;
        if b[i..].starts_with(b"!--") {
            i += text[i..].find("-->").map_or(b.len() - i, |e| e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let len =
            b[start..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b':').count();
        if len == 0 {
            continue;
        }
        let name = text[start..start + len].to_ascii_lowercase();
        let end = b[start..].iter().position(|&c| c == b'>').map_or(b.len(), |e| start + e);
        i = end.min(b.len());
        if NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if end > 0 && b.get(end - 1) != Some(&b'/') {
            if matches!(name.as_str(), "script" | "style" | "textarea" | "title" | "xmp") {
                // Skip to the matching end tag (compared without case).
                let n = name.as_bytes();
                let mut k = i;
                while let Some(at) = b[k..].windows(2).position(|w| w == b"</") {
                    k += at + 2;
                    if b.len() >= k + n.len() && b[k..k + n.len()].eq_ignore_ascii_case(n) {
                        break;
                    }
                }
                i = k;
                continue;
            }
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::document::Block;

    #[test]
    fn nesting_is_measured_without_parsing() {
        assert_eq!(open_elements("<div><span>a</span><p>b<p>c<br><img src=x></div>"), 2);
        assert_eq!(open_elements(&"<div>".repeat(5000)), 5000);
        assert_eq!(open_elements("<script>if (a<b) { '<div><div>' }</SCRIPT><div>"), 1);
        assert_eq!(open_elements("<!-- <div><div> --><b/>"), 0);
        assert_eq!(open_elements(&"<p>para".repeat(5000)), 0);
    }

    #[test]
    fn portal_menus_are_not_read() {
        let page = "<div class='header menu_hov'><ul><li>政府信息公开</li><li>政府工作报告</li></ul></div>\
                    <ul role='navigation'><li>首页</li></ul><div id='topNav'>移动版</div>\
                    <div class='article_title'>甲镇2024年政府信息公开工作年度报告</div>";
        let doc = read(page.as_bytes(), "t.html").unwrap();
        let texts: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.text.as_str()),
                Block::Table(_) => None,
            })
            .collect();
        assert_eq!(texts, ["甲镇2024年政府信息公开工作年度报告"]);
    }

    #[test]
    fn a_title_only_in_the_head_becomes_the_first_heading() {
        let page = "<html><head><title>测试市2025年政府信息公开工作年度报告</title></head>\
                    <body><p>本报告依据条例编制。</p></body></html>";
        let doc = read(page.as_bytes(), "t.html").unwrap();
        let Block::Paragraph(p) = &doc.blocks[0] else { panic!("{doc:?}") };
        assert_eq!((p.text.as_str(), p.heading), ("测试市2025年政府信息公开工作年度报告", Some(1)));
        // A page that prints its title keeps it as printed.
        let page = "<html><head><title>某网</title></head><body><h2>甲镇2024年政府信息公开工作年度报告</h2></body></html>";
        let doc = read(page.as_bytes(), "t.html").unwrap();
        assert_eq!(doc.blocks.len(), 1);
    }

    #[test]
    fn a_page_laid_out_in_a_table_reads_as_running_text() {
        let long = "本报告依据《中华人民共和国政府信息公开条例》编制。".repeat(20);
        let page = format!(
            "<table><tr><td><a>首页</a></td><td><p>{long}</p><p>一、总体情况</p>\
             <table><tr><td>规章</td><td>0</td></tr></table></td></tr></table>"
        );
        let doc = read(page.as_bytes(), "t.html").unwrap();
        let kinds: Vec<&str> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(_) => "p",
                Block::Table(_) => "table",
            })
            .collect();
        assert_eq!(kinds, ["p", "p", "p", "table"]);
        let prose = format!(
            "<table><tr><td>导航</td><td><p>{long}</p><p>一、总体情况</p></td></tr></table>"
        );
        let doc = read(prose.as_bytes(), "t.html").unwrap();
        assert!(doc.blocks.iter().all(|b| matches!(b, Block::Paragraph(_))), "{doc:?}");
        assert_eq!(doc.blocks.len(), 3);
    }

    #[test]
    fn lists_print_their_markers() {
        let page = "<ol><li><h1>总体情况</h1><ol style='list-style-type:cjk-ideographic'>\
                    <li><b>主动公开</b>全年</li><li value=5>五</li></ol></li></ol>";
        let doc = read(page.as_bytes(), "t.html").unwrap();
        let texts: Vec<(String, usize)> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some((p.text.clone(), p.lead)),
                Block::Table(_) => None,
            })
            .collect();
        assert_eq!(
            texts,
            [("1.总体情况".into(), 0), ("一、主动公开全年".into(), 6), ("五、五".into(), 0)]
        );
    }
}
