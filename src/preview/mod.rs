//! Live preview: one long-lived renderer re-renders a report when its data, a template or a
//! font changes, and a browser shows the pages as they change. The session (`session`) owns
//! the renderer on its own thread and publishes snapshots; pages are encoded (`encode`) as
//! pieces that share glyph outlines, and each open tab gets only what it lacks (`update`);
//! the HTTP server (`server`, axum) answers only requests for its own host (`hosts`) and
//! serves the page (`assets`), server-sent events and downloads; `watch` notices saves.
//! Status goes to the caller; nothing here prints.

pub mod assets;
pub mod encode;
pub mod hosts;
pub mod server;
pub mod session;
pub mod update;
pub mod watch;

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use server::{Server, bind};
pub use session::{DOWNLOADS, Download, Handle, Session};
pub use update::{PageView, Snapshot};

use crate::RendererOptions;
use crate::diag::Diagnostic;

/// What changed since the last update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// The first render.
    Initial,
    /// The report's data file.
    Data,
    /// A template or an imported `.typ` file.
    Template,
    /// A font file in `--font-path`.
    Font,
}

impl Change {
    /// The change's name for the status line.
    pub fn label(self) -> &'static str {
        match self {
            Change::Initial => "首次渲染",
            Change::Data => "数据已更改",
            Change::Template => "模板已更改",
            Change::Font => "字体已更改",
        }
    }
}

/// Classify changed paths: font files, template files (below the template folder), data.
pub fn classify(changed: &[PathBuf], options: &RendererOptions) -> Change {
    let under = |p: &Path, dirs: &[PathBuf]| dirs.iter().any(|d| p.starts_with(d));
    let mut change = Change::Data;
    for p in changed {
        if under(p, &options.fonts.font_paths) {
            return Change::Font;
        }
        if options.templates.as_ref().is_some_and(|t| p.starts_with(t)) {
            change = Change::Template;
        }
    }
    change
}

/// The outcome of one update.
#[derive(Debug, Clone)]
pub struct Update {
    /// What changed.
    pub change: Change,
    /// Time to load, template, compile and encode the changed pages.
    pub duration: Duration,
    /// Page count (of the last good render).
    pub pages: usize,
    /// How many pages are new or changed.
    pub changed_pages: usize,
    /// The errors, if the update failed.
    pub errors: Vec<Diagnostic>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_classified() {
        let mut o = RendererOptions { templates: Some("/t".into()), ..Default::default() };
        o.fonts.font_paths = vec!["/f".into()];
        assert_eq!(classify(&["/d/r.json".into()], &o), Change::Data);
        assert_eq!(classify(&["/t/lib/x.typ".into()], &o), Change::Template);
        assert_eq!(classify(&["/t/a.typ".into(), "/f/a.otf".into()], &o), Change::Font);
    }
}
