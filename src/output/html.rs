//! The report as an HTML page for a government portal, or its body alone for pasting into
//! the portal's rich-text editor: made by the HTML template (`templates/report.html.j2`,
//! exported and customized like the Typst one) from the same view as the PDF. The
//! template escapes every value; the page it gives is checked here to be what a portal
//! can publish as it is: no scripts, no external resources.

use crate::diag::Diagnostic;
use crate::output::Artifact;
use crate::render::template::{HTML_ENTRY, Templates, View};

/// Fill the HTML template with a report's view.
pub fn render(
    templates: &Templates,
    view: &View<'_>,
    fragment: bool,
) -> Result<Artifact, Vec<Diagnostic>> {
    let html = templates.html(view, fragment).map_err(|d| vec![*d])?;
    if let Some(what) = forbidden(&html) {
        return Err(vec![
            Diagnostic::error("html", format!("HTML 模板生成了{what}：门户页面不能包含它"))
                .in_file(templates.display_name(HTML_ENTRY)),
        ]);
    }
    Ok(Artifact::Html(html.into_bytes()))
}

/// What a published page must not hold, as the template made it: scripts, event-handler
/// attributes, embedded objects, and resources fetched from elsewhere (links, images,
/// style sheets, `url()`). The page is parsed as a browser would; user text is escaped and
/// so never counts. This catches a customized template.
fn forbidden(html: &str) -> Option<&'static str> {
    let doc = scraper::Html::parse_document(html);
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else { continue };
        match el.name() {
            "script" | "noscript" => return Some("脚本（<script>）"),
            "iframe" | "frame" | "object" | "embed" | "applet" => return Some("嵌入内容"),
            "link" => return Some("外部资源（<link>）"),
            "img" | "picture" | "video" | "audio" | "source" => {
                return Some("外部资源（图片、音视频）");
            }
            "style" => {
                let css: String = node
                    .children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .collect();
                if external_css(&css) {
                    return Some("外部资源（样式中的 url()/@import）");
                }
            }
            "meta" if el.attr("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("refresh")) => {
                return Some("自动跳转（<meta http-equiv=refresh>）");
            }
            _ => {}
        }
        for (name, value) in el.attrs() {
            if name.starts_with("on") {
                return Some("事件脚本属性（on…）");
            }
            let url = matches!(
                name,
                "src"
                    | "href"
                    | "srcset"
                    | "action"
                    | "formaction"
                    | "poster"
                    | "data"
                    | "background"
            );
            if url && !value.starts_with('#') {
                return Some("外部资源引用");
            }
            if name == "style" && external_css(value) {
                return Some("外部资源（样式中的 url()/@import）");
            }
        }
    }
    None
}

fn external_css(css: &str) -> bool {
    let lower = css.to_ascii_lowercase();
    lower.contains("url(") || lower.contains("@import")
}

#[cfg(test)]
mod tests {
    use super::forbidden;

    #[test]
    fn scripts_and_external_resources_are_refused() {
        assert!(forbidden("<p>好</p><table><th scope=\"col\">x</th></table>").is_none());
        assert!(forbidden("<p>&lt;script&gt; url( onload=x</p>").is_none());
        assert!(forbidden("<meta name=\"author\" content=\"a onload=x url(y)\">").is_none());
        assert!(forbidden("<SCRIPT>x</SCRIPT>").is_some());
        assert!(forbidden("<p onclick=\"x\">").is_some());
        assert!(forbidden("<link rel=stylesheet href=\"a.css\">").is_some());
        assert!(forbidden("<a href=\"https://x\">").is_some());
        assert!(forbidden("<a href=\"#t3\">").is_none());
        assert!(forbidden("<p style=\"background:url(x.png)\">").is_some());
    }
}
