//! Walking a parsed page: paragraphs from block elements and `<br>`, what styles say about
//! them (alignment, heading level, a set-apart run-in heading), list markers as a browser
//! prints them, and data tables on their grid with rowspan and colspan.

use scraper::{ElementRef, Node};

use super::{BLOCKS, MAX_CELL_TEXT, MAX_COLS, MAX_DEPTH, MAX_ROWS, SKIP};
use crate::input::document::{
    Align, Block, Cell, Origin, Paragraph, Table, TextBuilder, chinese_counting, is_set_apart_font,
};

/// What an element passes down to its content.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Style {
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
        let font = css("font-family").or_else(|| el.attr("face").map(str::to_string));
        let weight = css("font-weight").unwrap_or_default();
        if matches!(name, "b" | "strong")
            || matches!(weight.as_str(), "bold" | "bolder" | "600" | "700" | "800" | "900")
            || font.as_deref().is_some_and(is_set_apart_font)
        {
            self.set_apart = true;
        } else if weight == "normal" || weight == "400" {
            self.set_apart = false;
        }
        self
    }
}

#[derive(Default)]
pub(super) struct Walker {
    pub blocks: Vec<Block>,
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

pub(super) struct TooDeep;

fn hidden(el: &scraper::node::Element) -> bool {
    let style = el.attr("style").unwrap_or_default().to_ascii_lowercase().replace(' ', "");
    // A portal's menus: role="navigation", or a class or id token naming a menu or a
    // navigation bar ("menu_hov", "navbar", "top-nav").
    let menu = |token: &str| {
        let t = token.to_ascii_lowercase();
        ["menu", "nav"].iter().any(|w| t.starts_with(w) || t.ends_with(w))
    };
    el.attr("hidden").is_some()
        || style.contains("display:none")
        || style.contains("visibility:hidden")
        || el.attr("role").is_some_and(|r| r.eq_ignore_ascii_case("navigation"))
        || el.attr("class").into_iter().chain(el.attr("id")).any(|v| {
            let v = v.to_ascii_lowercase();
            ["footer", "breadcrumb", "copyright", "share"].iter().any(|w| v.contains(w))
                || v.split_whitespace().flat_map(|t| t.split(['-', '_'])).any(menu)
        })
}

impl Walker {
    pub fn flow(&mut self, node: ElementRef, style: Style, depth: usize) -> Result<(), TooDeep> {
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

    pub fn flush(&mut self) {
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
        // A cell holding running text (a page laid out in a table) is not a data cell.
        let prose = rows
            .iter()
            .flat_map(|r| cells(*r))
            .any(|c| c.text().map(str::len).sum::<usize>() > MAX_CELL_TEXT);
        if nested || single || prose || rows.is_empty() {
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
