//! What the browser is told. After every update the session publishes a [`Snapshot`]: the
//! pages (encoded once, shared by every open tab), the session's glyph outlines and the
//! findings. Each open tab has a [`Client`] on the server, what it shows, and gets a
//! message with only the difference: the glyphs it lacks, and for each changed page the
//! keys of its chunks plus the markup of the chunks it does not have yet.

use std::collections::HashSet;
use std::sync::Arc;

use serde_json::{Value, json};
use typst_layout::Page;

use super::encode::Chunk;
use crate::diag::Diagnostic;

/// One page as the browser sees it.
#[derive(Debug)]
pub struct PageView {
    /// A hash of what the page draws.
    pub hash: String,
    /// Width and height in points.
    pub size: (f64, f64),
    /// The chunks in paint order, or `None` when the page is shown as typst's SVG (an
    /// image served at `/page/{hash}.svg`).
    pub chunks: Option<Vec<Chunk>>,
    /// The page's text, for search and screen readers.
    pub text: String,
    /// The laid-out page (for the standalone SVG).
    pub page: Page,
}

/// The state of the preview after an update.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// This process's session (a tab from an earlier run reloads).
    pub session: String,
    /// Bumped on every update.
    pub version: u64,
    /// The last good pages.
    pub pages: Vec<Arc<PageView>>,
    /// Every glyph outline defined so far, in id order.
    pub glyphs: Vec<Arc<str>>,
    /// Errors of the last attempt (an overlay over the last good pages).
    pub errors: Vec<Diagnostic>,
    /// Validation findings and warnings of the last good render.
    pub findings: Vec<Diagnostic>,
}

/// What one open tab shows: the pages it was sent and how many glyphs it has.
#[derive(Debug, Default, Clone)]
pub struct Client {
    pages: Vec<Arc<PageView>>,
    glyphs: usize,
}

impl Client {
    /// A tab that shows `snapshot` already (its page was built from it).
    pub fn showing(snapshot: &Snapshot) -> Self {
        Self { pages: snapshot.pages.clone(), glyphs: snapshot.glyphs.len() }
    }

    /// A tab that shows nothing yet but has the first `glyphs` glyphs.
    pub fn with_glyphs(glyphs: usize) -> Self {
        Self { pages: Vec::new(), glyphs }
    }
}

impl Snapshot {
    /// The message that brings `client` from what it shows to this snapshot; `client`
    /// then shows it.
    pub fn message(&self, client: &mut Client) -> String {
        let from = client.glyphs.min(self.glyphs.len());
        let pages: Vec<Value> = self
            .pages
            .iter()
            .enumerate()
            .map(|(i, page)| page_message(page, client.pages.get(i)))
            .collect();
        let message = json!({
            "session": self.session,
            "version": self.version,
            "glyphsFrom": from,
            "glyphs": self.glyphs[from..].iter().map(|g| &**g).collect::<Vec<_>>(),
            "pages": pages,
            "errors": self.errors.iter().map(diagnostic).collect::<Vec<_>>(),
            "findings": self.findings.iter().map(diagnostic).collect::<Vec<_>>(),
        });
        client.pages.clone_from(&self.pages);
        client.glyphs = self.glyphs.len();
        message.to_string()
    }

    /// The state as plain JSON (`/state`): version, pages (hash, size, text), errors and
    /// findings.
    pub fn state(&self) -> String {
        json!({
            "session": self.session,
            "version": self.version,
            "pages": self.pages.iter().map(|p| json!({
                "hash": p.hash,
                "width": p.size.0,
                "height": p.size.1,
                "text": p.text,
            })).collect::<Vec<_>>(),
            "errors": self.errors.iter().map(diagnostic).collect::<Vec<_>>(),
            "findings": self.findings.iter().map(diagnostic).collect::<Vec<_>>(),
        })
        .to_string()
    }

    /// A page of this snapshot by its hash.
    pub fn page(&self, hash: &str) -> Option<&Arc<PageView>> {
        self.pages.iter().find(|p| p.hash == hash)
    }
}

/// A page for a tab that shows `old` in its place: the hash alone when unchanged,
/// otherwise the size, text and chunk keys, with the markup of the chunks `old` lacks.
fn page_message(page: &PageView, old: Option<&Arc<PageView>>) -> Value {
    if old.is_some_and(|o| o.hash == page.hash) {
        return json!({ "hash": page.hash });
    }
    let mut out = json!({
        "hash": page.hash,
        "width": page.size.0,
        "height": page.size.1,
        "text": page.text,
    });
    match &page.chunks {
        None => out["image"] = Value::Bool(true),
        Some(chunks) => {
            let have: HashSet<&str> = old
                .and_then(|o| o.chunks.as_ref())
                .map(|c| c.iter().map(|c| c.key.as_str()).collect())
                .unwrap_or_default();
            out["keys"] = chunks.iter().map(|c| Value::from(c.key.as_str())).collect();
            out["chunks"] = chunks
                .iter()
                .filter(|c| !have.contains(c.key.as_str()))
                .map(|c| (c.key.clone(), Value::from(c.svg.as_str())))
                .collect::<serde_json::Map<_, _>>()
                .into();
        }
    }
    out
}

fn diagnostic(d: &Diagnostic) -> Value {
    let mut j = d.to_json();
    j["text"] = Value::String(d.to_string());
    j
}
