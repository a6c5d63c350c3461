//! Portal pages (`.html`, `.htm`) read into a [`Document`]: UTF-8 or GBK/GB18030 (declared
//! or sniffed), parsed by html5ever as browsers do. Block elements and `<br>` make
//! paragraphs (alignment from `align`/`text-align`, headings from `h1`–`h6`, a run-in heading
//! set apart by `<b>`/`<strong>`/bold or a 楷体/黑体 font); data tables become grids with
//! their rowspan/colspan; layout tables (tables holding tables, one-cell frames) are read as
//! running text. Scripts, navigation, footers and hidden elements are left out. Input size
//! and the nesting depth walked are capped.

mod decode;

use scraper::{ElementRef, Html, Node};

use crate::diag::Diagnostic;
use crate::input::document::{
    Align, Block, Cell, Document, Origin, Paragraph, Table, TextBuilder, chinese_counting,
};

/// Largest page accepted, in bytes (a report page is 50–500 KB).
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// Deepest element nesting walked (portal pages nest a few dozen levels).
pub const MAX_DEPTH: usize = 256;
/// Most elements open at once accepted before parsing (a rough count, see
/// [`open_elements`]; the walk itself stops at [`MAX_DEPTH`]).
const MAX_OPEN: usize = 1024;
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
    let mut walker = Walker::default();
    let root = html.root_element();
    let body = root.children().filter_map(ElementRef::wrap).find(|e| e.value().name() == "body");
    let body = body.unwrap_or(root);
    if walker.flow(body, Style::default(), 0).is_err() {
        return Err(fail(format!("网页嵌套超过 {MAX_DEPTH} 层，不像正常的网页")));
    }
    walker.flush();
    let mut findings = Vec::new();
    if let Some(note) = decoded.note {
        findings.push(Diagnostic::warning("import-encoding", note).in_file(name));
    }
    Ok(Document { blocks: walker.blocks, findings })
}

/// What an element passes down to its content.
#[derive(Debug, Clone, Copy, Default)]
struct Style {
    align: Align,
    heading: Option<u8>,
    set_apart: bool,
}

impl Style {
    fn inside(mut self, name: &str, el: &scraper::node::Element) -> Self {
        let style = el.attr("style").unwrap_or_default().to_ascii_lowercase();
        let css = |prop: &str| {
            style.split(';').find_map(|decl| {
                let (k, v) = decl.split_once(':')?;
                (k.trim() == prop).then(|| v.trim().to_string())
            })
        };
        let align = el.attr("align").map(str::to_ascii_lowercase).or_else(|| css("text-align"));
        match align.as_deref() {
            Some("center") => self.align = Align::Center,
            Some("right") => self.align = Align::End,
            Some("left" | "justify") => self.align = Align::Start,
            _ if name == "center" => self.align = Align::Center,
            _ => {}
        }
        if let Some(level) = name.strip_prefix('h').and_then(|l| l.parse::<u8>().ok()) {
            self.heading = Some(level);
        }
        let font = format!(
            "{} {}",
            css("font-family").unwrap_or_default(),
            el.attr("face").unwrap_or_default()
        );
        let weight = css("font-weight").unwrap_or_default();
        if matches!(name, "b" | "strong")
            || matches!(weight.as_str(), "bold" | "bolder" | "600" | "700" | "800" | "900")
            || ["楷", "黑", "kai", "hei"].iter().any(|f| font.to_lowercase().contains(f))
        {
            self.set_apart = true;
        } else if weight == "normal" || weight == "400" {
            self.set_apart = false;
        }
        self
    }
}

#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    text: TextBuilder,
    style: Style,
    paragraphs: u32,
    tables: u32,
    /// The marker of an ordered-list item (`1.`, `一、`), printed before its first text.
    marker: Option<String>,
}

/// The marker a browser prints before item `n` of an `<ol>`: by its `type` attribute or CSS
/// `list-style-type` (Chinese styles included), decimal by default.
fn marker(list: &scraper::node::Element, item: &scraper::node::Element, n: u32) -> String {
    let css = |el: &scraper::node::Element| {
        let style = el.attr("style").unwrap_or_default().to_ascii_lowercase();
        style.split(';').find_map(|d| {
            let (k, v) = d.split_once(':')?;
            matches!(k.trim(), "list-style-type" | "list-style").then(|| v.trim().to_string())
        })
    };
    let kind = css(item).or_else(|| css(list)).or_else(|| list.attr("type").map(str::to_string));
    match kind.as_deref().unwrap_or("decimal") {
        k if k.contains("cjk") || k.contains("chinese") => format!("{}、", chinese_counting(n)),
        "a" | "lower-alpha" | "lower-latin" => {
            format!("{}.", char::from(b'a' + ((n.max(1) - 1) % 26) as u8))
        }
        "A" | "upper-alpha" | "upper-latin" => {
            format!("{}.", char::from(b'A' + ((n.max(1) - 1) % 26) as u8))
        }
        k if k.contains("none") => String::new(),
        _ => format!("{n}."),
    }
}

struct TooDeep;

fn hidden(el: &scraper::node::Element) -> bool {
    let style = el.attr("style").unwrap_or_default().to_ascii_lowercase().replace(' ', "");
    el.attr("hidden").is_some()
        || style.contains("display:none")
        || style.contains("visibility:hidden")
        || el.attr("class").into_iter().chain(el.attr("id")).any(|v| {
            let v = v.to_ascii_lowercase();
            ["footer", "breadcrumb", "copyright", "share"].iter().any(|w| v.contains(w))
        })
}

impl Walker {
    fn flow(&mut self, node: ElementRef, style: Style, depth: usize) -> Result<(), TooDeep> {
        if depth > MAX_DEPTH {
            return Err(TooDeep);
        }
        for child in node.children() {
            match child.value() {
                Node::Text(t) => {
                    if self.text.is_blank() {
                        self.style = style;
                        if !t.trim().is_empty()
                            && let Some(m) = self.marker.take()
                        {
                            self.text.push(&m, style.set_apart);
                        }
                    }
                    self.text.push(t, style.set_apart);
                }
                Node::Element(el) => {
                    let name = el.name();
                    let Some(child) = ElementRef::wrap(child) else { continue };
                    if SKIP.contains(&name) || hidden(el) {
                        continue;
                    }
                    let inner = style.inside(name, el);
                    if name == "br" {
                        self.flush();
                    } else if name == "table" {
                        self.flush();
                        self.table(child, inner, depth + 1)?;
                    } else if name == "ol" {
                        self.flush();
                        let start = el.attr("start").and_then(|v| v.trim().parse::<u32>().ok());
                        let mut n = start.unwrap_or(1);
                        for item in child.children().filter_map(ElementRef::wrap) {
                            if hidden(item.value()) {
                                continue;
                            }
                            if item.value().name() != "li" {
                                // Lists nested without an item (LibreOffice writes them).
                                self.flow(item, inner, depth + 2)?;
                                continue;
                            }
                            let value =
                                item.value().attr("value").and_then(|v| v.trim().parse().ok());
                            n = value.unwrap_or(n);
                            self.flush();
                            self.marker = Some(marker(el, item.value(), n));
                            self.flow(item, inner.inside("li", item.value()), depth + 2)?;
                            self.flush();
                            self.marker = None;
                            n += 1;
                        }
                    } else if BLOCKS.contains(&name) || name == "td" || name == "th" {
                        self.flush();
                        self.flow(child, inner, depth + 1)?;
                        self.flush();
                    } else {
                        self.flow(child, inner, depth + 1)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn flush(&mut self) {
        let (text, lead) = std::mem::take(&mut self.text).finish();
        if text.trim().is_empty() {
            return;
        }
        self.paragraphs += 1;
        self.blocks.push(Block::Paragraph(Paragraph {
            text,
            align: self.style.align,
            heading: self.style.heading,
            lead,
            origin: Origin { paragraph: Some(self.paragraphs), ..Origin::default() },
        }));
    }

    fn table(&mut self, table: ElementRef, style: Style, depth: usize) -> Result<(), TooDeep> {
        let rows = rows(table);
        fn cells(tr: ElementRef<'_>) -> Vec<ElementRef<'_>> {
            children(tr, &["td", "th"])
        }
        let nested = rows.iter().flat_map(|r| cells(*r)).any(|c| {
            c.descendants()
                .skip(1)
                .any(|d| d.value().as_element().is_some_and(|e| e.name() == "table"))
        });
        let single = rows.len() == 1 && cells(rows[0]).len() == 1;
        if nested || single || rows.is_empty() {
            return self.flow(table, style, depth);
        }
        self.tables += 1;
        let number = self.tables;
        let mut grid = Table {
            origin: Origin { table: Some(number), ..Origin::default() },
            ..Table::default()
        };
        let n_rows = rows.len().min(MAX_ROWS);
        let mut taken: Vec<Vec<bool>> = vec![Vec::new(); n_rows];
        for (r, tr) in rows.iter().take(n_rows).enumerate() {
            let mut c = 0;
            for td in cells(*tr) {
                while taken[r].get(c).copied().unwrap_or(false) {
                    c += 1;
                }
                if c >= MAX_COLS {
                    break;
                }
                let el = td.value();
                let span = |attr: &str| el.attr(attr).and_then(|v| v.trim().parse::<usize>().ok());
                let rowspan = match span("rowspan") {
                    Some(0) => n_rows - r,
                    Some(n) => n.min(n_rows - r),
                    None => 1,
                };
                let colspan = span("colspan").unwrap_or(1).clamp(1, MAX_COLS - c);
                for row in taken.iter_mut().skip(r).take(rowspan) {
                    if row.len() < c + colspan {
                        row.resize(c + colspan, false);
                    }
                    row[c..c + colspan].fill(true);
                }
                let mut text = String::new();
                cell_text(td, &mut text, depth + 1)?;
                grid.cells.push(Cell {
                    row: r,
                    col: c,
                    rowspan,
                    colspan,
                    text: text.trim_matches('\n').to_string(),
                    origin: Origin {
                        table: Some(number),
                        row: Some(r as u32 + 1),
                        column: Some(c as u32 + 1),
                        ..Origin::default()
                    },
                });
                c += colspan;
                grid.cols = grid.cols.max(c);
            }
        }
        grid.rows = n_rows;
        if !grid.cells.is_empty() {
            self.blocks.push(Block::Table(grid));
        }
        Ok(())
    }
}

/// The child elements of `el` with one of these names.
fn children<'a>(el: ElementRef<'a>, names: &[&str]) -> Vec<ElementRef<'a>> {
    el.children()
        .filter_map(ElementRef::wrap)
        .filter(|c| names.contains(&c.value().name()))
        .collect()
}

/// The rows of a table (directly, or in its thead/tbody/tfoot), not those of nested tables.
fn rows(table: ElementRef) -> Vec<ElementRef> {
    let mut out = Vec::new();
    for child in table.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => out.push(child),
            "thead" | "tbody" | "tfoot" => out.extend(children(child, &["tr"])),
            _ => {}
        }
    }
    out
}

/// A cell's text: block elements and `<br>` start a new line.
fn cell_text(node: ElementRef, out: &mut String, depth: usize) -> Result<(), TooDeep> {
    if depth > MAX_DEPTH {
        return Err(TooDeep);
    }
    for child in node.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(el) if SKIP.contains(&el.name()) || hidden(el) => {}
            Node::Element(el) => {
                let Some(child) = ElementRef::wrap(child) else { continue };
                let block = el.name() == "br" || BLOCKS.contains(&el.name());
                if block && !out.ends_with('\n') {
                    out.push('\n');
                }
                cell_text(child, out, depth + 1)?;
                if block && !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
    Ok(())
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

    #[test]
    fn nesting_is_measured_without_parsing() {
        assert_eq!(open_elements("<div><span>a</span><p>b<p>c<br><img src=x></div>"), 2);
        assert_eq!(open_elements(&"<div>".repeat(5000)), 5000);
        assert_eq!(open_elements("<script>if (a<b) { '<div><div>' }</SCRIPT><div>"), 1);
        assert_eq!(open_elements("<!-- <div><div> --><b/>"), 0);
        assert_eq!(open_elements(&"<p>para".repeat(5000)), 0);
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
