//! A small element tree of an XML part, built with quick-xml: local names only (prefixes
//! dropped), text kept only inside the elements that carry text (`w:t`), subtrees nobody
//! reads (drawings, deleted text, fallbacks) skipped while parsing. Depth and size are capped,
//! so a hostile part cannot exhaust the stack or memory.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

/// Deepest element nesting accepted (Word documents nest a few dozen levels).
pub const MAX_DEPTH: usize = 256;
/// Most elements in one part (a 100-page report has a few hundred thousand).
pub const MAX_ELEMENTS: usize = 2_000_000;

/// One element: its local name, attributes (local names) and children.
#[derive(Debug, Clone, Default)]
pub struct Element {
    /// Local name, e.g. `p` for `w:p`.
    pub name: String,
    /// Attributes by local name, e.g. (`val`, `center`).
    pub attrs: Vec<(String, String)>,
    /// Children in order.
    pub children: Vec<Node>,
}

/// A child of an element.
#[derive(Debug, Clone)]
pub enum Node {
    /// An element.
    Element(Element),
    /// Text (only inside elements that carry text).
    Text(String),
}

impl Element {
    /// An attribute's value by local name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The `val` attribute of the child `name` (`<w:jc w:val="center"/>`).
    pub fn child_val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|e| e.attr("val"))
    }

    /// The text directly inside (for `w:t`).
    pub fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                Node::Element(_) => None,
            })
            .collect()
    }
}

/// Parse `xml` into a tree. Elements named in `skip` are left out with everything inside;
/// text is kept only directly inside elements named in `text_in`.
pub fn parse(xml: &str, skip: &[&str], text_in: &[&str]) -> Result<Element, String> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut skipping = 0usize;
    let mut count = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("XML 格式错误（第 {} 字节处）：{e}", reader.buffer_position()))?;
        match event {
            Event::Start(e) => {
                if skipping > 0 {
                    skipping += 1;
                    continue;
                }
                let el = element(&e);
                if skip.contains(&el.name.as_str()) {
                    skipping = 1;
                    continue;
                }
                count += 1;
                if stack.len() > MAX_DEPTH || count > MAX_ELEMENTS {
                    return Err(too_big(stack.len() > MAX_DEPTH));
                }
                stack.push(el);
            }
            Event::Empty(e) => {
                if skipping > 0 {
                    continue;
                }
                let el = element(&e);
                if skip.contains(&el.name.as_str()) {
                    continue;
                }
                count += 1;
                if count > MAX_ELEMENTS {
                    return Err(too_big(false));
                }
                let parent = stack.last_mut().expect("root stays");
                parent.children.push(Node::Element(el));
            }
            Event::End(_) => {
                if skipping > 0 {
                    skipping -= 1;
                    continue;
                }
                if stack.len() < 2 {
                    return Err("XML 格式错误：多余的结束标签".into());
                }
                let done = stack.pop().expect("checked");
                stack.last_mut().expect("root stays").children.push(Node::Element(done));
            }
            Event::Text(t) => push_text(&mut stack, skipping, text_in, &t.xml10_content()),
            Event::CData(t) => {
                push_text(&mut stack, skipping, text_in, &t.into_inner());
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => resolve_predefined_entity(&r).unwrap_or_default().to_string(),
                };
                push_text(&mut stack, skipping, text_in, &resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err("XML 格式错误：元素没有结束（文件可能被截断）".into());
    }
    let root = stack.pop().expect("root");
    root.children
        .into_iter()
        .find_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or_else(|| "XML 中没有任何元素".to_string())
}

fn too_big(depth: bool) -> String {
    if depth {
        format!("XML 嵌套超过 {MAX_DEPTH} 层，不像正常的文档")
    } else {
        format!("XML 元素超过 {MAX_ELEMENTS} 个，不像正常的文档")
    }
}

fn push_text(stack: &mut [Element], skipping: usize, text_in: &[&str], text: &str) {
    if skipping > 0 || text.is_empty() {
        return;
    }
    let Some(top) = stack.last_mut() else { return };
    if !text_in.contains(&top.name.as_str()) {
        return;
    }
    match top.children.last_mut() {
        Some(Node::Text(t)) => t.push_str(text),
        _ => top.children.push(Node::Text(text.to_string())),
    }
}

fn element(e: &BytesStart) -> Element {
    let name = e.local_name().as_ref().to_string();
    let attrs = e
        .attributes()
        .flatten()
        .map(|a| {
            let key = a.key.local_name().as_ref().to_string();
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_default();
            (key, value)
        })
        .collect();
    Element { name, attrs, children: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_keeps_text_only_where_asked_and_skips_subtrees() {
        let xml = r#"<w:document xmlns:w="x"><w:body>
            <w:p><w:r><w:t xml:space="preserve">A &amp; B&#x4E2D;</w:t></w:r>
            <w:del><w:r><w:delText>gone</w:delText></w:r></w:del></w:p></w:body></w:document>"#;
        let root = parse(xml, &["del"], &["t"]).unwrap();
        assert_eq!(root.name, "document");
        let p = root.child("body").unwrap().child("p").unwrap();
        assert_eq!(p.elements().count(), 1);
        assert_eq!(p.child("r").unwrap().child("t").unwrap().text(), "A & B中");
        assert!(parse("<a><b></a>", &[], &[]).is_err());
        assert!(parse("<a><b>", &[], &[]).is_err());
        let deep = "<a>".repeat(MAX_DEPTH + 5) + &"</a>".repeat(MAX_DEPTH + 5);
        assert!(parse(&deep, &[], &[]).unwrap_err().contains("嵌套"));
    }
}
