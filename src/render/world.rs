//! The Typst World: a shared base built once (standard library, fonts, template files)
//! and a cheap per-document part holding the generated main source. File access is
//! confined to the template root; packages are never fetched.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::render::fonts::SharedFonts;
use crate::render::template::{self, TemplateRoot};

/// The fixed id of the generated main source. Interned once per process: typst has only
/// 65,535 file ids and never frees them.
pub static MAIN_ID: LazyLock<FileId> = LazyLock::new(|| {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(format!("/{}", template::GENERATED)).expect("valid path"),
    )
    .intern()
});

/// Where the template files Typst may read come from.
enum Files {
    /// The embedded set, by virtual path.
    Builtin,
    /// A folder; every read is checked to stay inside it (after resolving symlinks).
    Dir(PathBuf),
}

/// The part of the World shared by every document: built once.
pub struct Base {
    library: LazyHash<Library>,
    fonts: SharedFonts,
    files: Files,
    /// Loaded template files (bytes), by id.
    bytes: Mutex<HashMap<FileId, FileResult<Bytes>>>,
    /// Parsed template sources, by id.
    sources: Mutex<HashMap<FileId, FileResult<Source>>>,
    /// Sources from before the last `reset`, edited in place when read again.
    stale: Mutex<HashMap<FileId, Source>>,
    /// The last main source, edited in place for the next document (live preview), or
    /// `None` when every document gets a fresh one (batch).
    last_main: Mutex<Option<Source>>,
    /// Whether to keep and edit sources in place (live preview).
    incremental: std::sync::atomic::AtomicBool,
}

impl std::fmt::Debug for Base {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Base").field("fonts", &self.fonts).finish_non_exhaustive()
    }
}

impl Base {
    /// A base over the given fonts and template root.
    pub fn new(fonts: SharedFonts, root: &TemplateRoot) -> std::io::Result<Self> {
        let files = match root {
            TemplateRoot::Builtin => Files::Builtin,
            TemplateRoot::Dir(dir) => Files::Dir(dir.canonicalize()?),
        };
        Ok(Self {
            // `a11y-extras` gives the templates `pdf.header-cell`, so table row labels
            // become row header cells (TH) in the tagged PDF.
            library: LazyHash::new(
                Library::builder()
                    .with_features([typst::Feature::A11yExtras].into_iter().collect())
                    .build(),
            ),
            fonts,
            files,
            bytes: Mutex::new(HashMap::new()),
            sources: Mutex::new(HashMap::new()),
            stale: Mutex::new(HashMap::new()),
            last_main: Mutex::new(None),
            incremental: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// The fonts this base serves.
    pub fn fonts(&self) -> &SharedFonts {
        &self.fonts
    }

    /// Keep sources between documents and edit them in place (`Source::replace`), so that
    /// Typst's incremental parsing and memoization keep the unchanged work (live preview).
    pub fn set_incremental(&self, on: bool) {
        self.incremental.store(on, std::sync::atomic::Ordering::Relaxed);
    }

    /// Forget cached template files, so edited files are read again (preview). Parsed
    /// sources are kept aside and edited in place when read again.
    pub fn reset(&self) {
        self.bytes.lock().expect("not poisoned").clear();
        let mut stale = self.stale.lock().expect("not poisoned");
        for (id, source) in self.sources.lock().expect("not poisoned").drain() {
            if let Ok(source) = source {
                stale.insert(id, source);
            }
        }
    }

    /// The main source for a document: a fresh one, or (incremental) the last one edited.
    fn main_source(&self, text: String) -> Source {
        if !self.incremental.load(std::sync::atomic::Ordering::Relaxed) {
            return Source::new(*MAIN_ID, text);
        }
        let mut last = self.last_main.lock().expect("not poisoned");
        let source = match last.take() {
            Some(mut s) => {
                s.replace(&text);
                s
            }
            None => Source::new(*MAIN_ID, text),
        };
        *last = Some(source.clone());
        source
    }

    /// The path users see for a file id (template file or generated source).
    pub fn display_path(&self, id: FileId) -> String {
        let vpath = id.vpath().get_without_slash().to_string();
        match &self.files {
            Files::Builtin => format!("<内置模板>/{vpath}"),
            Files::Dir(root) => root.join(vpath).display().to_string(),
        }
    }

    fn load(&self, id: FileId) -> FileResult<Bytes> {
        if let VirtualRoot::Package(_) = id.root() {
            return Err(FileError::Other(Some(
                "nianbao 离线运行，不使用 Typst 包；请把需要的文件放进模板目录".into(),
            )));
        }
        let vpath = id.vpath();
        match &self.files {
            Files::Builtin => template::BUILTIN
                .iter()
                .find(|(name, _)| *name == vpath.get_without_slash())
                .map(|(_, text)| Bytes::new(text.as_bytes()))
                .ok_or_else(|| FileError::NotFound(PathBuf::from(vpath.get_with_slash()))),
            Files::Dir(root) => read_confined(root, vpath),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let mut cache = self.bytes.lock().expect("not poisoned");
        cache.entry(id).or_insert_with(|| self.load(id)).clone()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if let Some(s) = self.sources.lock().expect("not poisoned").get(&id) {
            return s.clone();
        }
        let parsed = self.file(id).and_then(|bytes| {
            let text = std::str::from_utf8(bytes.as_slice()).map_err(|_| FileError::InvalidUtf8)?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            Ok(match self.stale.lock().expect("not poisoned").remove(&id) {
                Some(mut old) => {
                    old.replace(text);
                    old
                }
                None => Source::new(id, text.to_string()),
            })
        });
        self.sources.lock().expect("not poisoned").insert(id, parsed.clone());
        parsed
    }
}

/// Read a file below `root`, refusing anything that resolves outside it.
fn read_confined(root: &Path, vpath: &VirtualPath) -> FileResult<Bytes> {
    let path = vpath.realize(root).map_err(FileError::Realize)?;
    let real = path.canonicalize().map_err(|e| FileError::from_io(e, &path))?;
    if !real.starts_with(root) {
        return Err(FileError::AccessDenied);
    }
    if real.is_dir() {
        return Err(FileError::IsDirectory);
    }
    std::fs::read(&real).map(Bytes::new).map_err(|e| FileError::from_io(e, &path))
}

/// The World of one document: the shared base plus the generated main source.
pub struct DocWorld<'a> {
    base: &'a Base,
    main: Source,
    today: Datetime,
}

impl<'a> DocWorld<'a> {
    /// A world whose main file is `text`, with a fixed date for `datetime.today()`.
    pub fn new(base: &'a Base, text: String, today: Datetime) -> Self {
        Self { base, main: base.main_source(text), today }
    }

    /// The shared base.
    pub fn base(&self) -> &Base {
        self.base
    }
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.base.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.base.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() { Ok(self.main.clone()) } else { self.base.source(id) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_string()))
        } else {
            self.base.file(id)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.base.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // Reports are reproducible: "today" is the fixed render date, whatever the offset.
        Some(self.today)
    }
}
