//! The preview page's assets: the HTML shell (the current state goes in inline as JSON),
//! the script that applies updates, the style sheet and the content security policy
//! (scripts and styles only from the server itself, nothing inline runs).

use super::session::Download;

/// The page's script.
pub const SCRIPT: &str = include_str!("assets/preview.js");
/// The page's style sheet.
pub const STYLE: &str = include_str!("assets/preview.css");
/// The page's content security policy.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
    connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const SHELL: &str = include_str!("assets/page.html");

/// The page with `initial` (an update message, JSON) inline and the download links.
pub fn page(initial: &str, downloads: &[Download]) -> String {
    let links: String = downloads
        .iter()
        .map(|d| {
            format!("<a href=\"/download/{}\" download>{}</a>", escape(d.name), escape(d.label))
        })
        .collect();
    // Inside <script type="application/json"> only "<" could end the element early; as
    // a JSON escape it reads back the same.
    let initial = initial.replace('<', "\\u003c");
    SHELL.replace("{{downloads}}", &links).replacen("{{initial}}", &initial, 1)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_state_cannot_close_its_script() {
        let html = page(r#"{"text":"</script><script>alert(1)</script>"}"#, &[]);
        assert!(!html.contains("</script><script>alert"));
        assert!(html.contains(r#"\u003c/script>\u003cscript>alert(1)"#));
    }
}
