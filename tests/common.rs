//! Shared helpers: a renderer over the on-disk font bundle, sample loading, and finding
//! labels and numbers in a laid-out document.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use nianbao::render::fonts::Bundle;
use nianbao::render::layout::TextRun;
use nianbao::{FontOptions, Renderer, RendererOptions, Report};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Renderer options for tests: bundled fonts from `fonts/`, no system fonts.
pub fn options() -> RendererOptions {
    RendererOptions {
        fonts: FontOptions {
            bundle: Bundle::Dir(root().join("fonts")),
            system_fonts: false,
            font_paths: vec![],
            chains: None,
        },
        ..Default::default()
    }
}

/// One renderer shared by the tests (built once, as a batch would).
pub fn renderer() -> &'static Renderer {
    static R: OnceLock<Renderer> = OnceLock::new();
    R.get_or_init(|| Renderer::new(&options()).expect("renderer"))
}

pub fn sample(name: &str) -> Report {
    nianbao::input::load(&root().join("samples").join(name)).expect("sample loads").report
}

/// A sample's data as a JSON value, to edit into a test case.
pub fn sample_json(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(root().join("samples").join(name)).expect("sample reads");
    serde_json::from_str(&text).expect("sample is JSON")
}

pub fn samples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            matches!(p.extension().and_then(|e| e.to_str()), Some("json" | "yaml" | "toml"))
        })
        .collect();
    v.sort();
    v
}

/// Lay a report out and return its text runs; panics on any error.
pub fn runs(report: &Report) -> Vec<TextRun> {
    let out = renderer().layout(report);
    let doc = out.doc.clone();
    let errors: Vec<_> = out.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "render errors: {errors:#?}");
    nianbao::render::layout::text_runs(&doc.expect("document"))
}

/// A label found in the layout: the runs (consecutive in frame order) that spell it.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    pub page: usize,
    pub x0: f64,
    pub x1: f64,
    /// Top of the first line's box.
    pub top: f64,
    /// Bottom of the last line's box.
    pub bottom: f64,
}

impl Found {
    pub fn centre(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

/// Every place where consecutive runs spell `label` exactly (ignoring spaces).
pub fn find_all(runs: &[TextRun], label: &str) -> Vec<Found> {
    let want: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    let mut found = Vec::new();
    for start in 0..runs.len() {
        let mut acc = String::new();
        for end in start..runs.len() {
            if runs[end].page != runs[start].page {
                break;
            }
            acc.extend(runs[end].text.chars().filter(|c| !c.is_whitespace()));
            if acc == want {
                let rs = &runs[start..=end];
                found.push(Found {
                    page: rs[0].page,
                    x0: rs.iter().map(|r| r.x).fold(f64::MAX, f64::min),
                    x1: rs.iter().map(|r| r.x + r.width).fold(f64::MIN, f64::max),
                    top: rs.iter().map(|r| r.y - 0.9 * r.size).fold(f64::MAX, f64::min),
                    bottom: rs.iter().map(|r| r.y + 0.2 * r.size).fold(f64::MIN, f64::max),
                });
                break;
            }
            if !want.starts_with(&acc) {
                break;
            }
        }
    }
    found
}

pub fn find(runs: &[TextRun], label: &str) -> Found {
    let all = find_all(runs, label);
    assert!(!all.is_empty(), "label not found in the layout: {label}");
    all[0]
}

/// The numeric run in the row band [top, bottom] on `page` whose centre is nearest `x`,
/// if it is nearer to `x` than to any other of `columns`.
pub fn number_at(
    runs: &[TextRun],
    page: usize,
    band: (f64, f64),
    columns: &[f64],
    col: usize,
) -> Option<String> {
    let numeric = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.');
    let mut hits: Vec<&TextRun> = runs
        .iter()
        .filter(|r| r.page == page && numeric(&r.text) && r.y >= band.0 && r.y <= band.1)
        .filter(|r| {
            let c = r.x + r.width / 2.0;
            let nearest = columns
                .iter()
                .enumerate()
                .min_by(|a, b| (a.1 - c).abs().partial_cmp(&(b.1 - c).abs()).unwrap())
                .map(|(i, _)| i);
            nearest == Some(col)
        })
        .collect();
    assert!(hits.len() <= 1, "several numbers in one cell: {hits:?}");
    hits.pop().map(|r| r.text.clone())
}

pub fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

/// A copy of the built-in templates, exported with the CLI's own `templates export`.
pub struct TemplateCopy {
    /// The template folder (for `--templates`).
    pub dir: PathBuf,
    entry: PathBuf,
    original: String,
}

impl TemplateCopy {
    /// Export the built-in templates to `dir`, asserting the command succeeded.
    pub fn export(dir: PathBuf) -> Self {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(["templates", "export", dir.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let entry = dir.join("report.typ.j2");
        let original = std::fs::read_to_string(&entry).unwrap();
        Self { dir, entry, original }
    }

    /// Rewrite the entry template from the original with `from` replaced by `to`.
    pub fn edit(&self, from: &str, to: &str) {
        assert!(self.original.contains(from), "the entry template has no {from:?}");
        write(&self.entry, &self.original.replace(from, to));
    }

    /// Rewrite the entry template with `line` inserted before the title call.
    pub fn insert_before_title(&self, line: &str) {
        self.edit("#title(", &format!("{line}\n#title("));
    }

    /// Put the original entry template back.
    pub fn restore(&self) {
        write(&self.entry, &self.original);
    }

    /// The folder as a command-line argument.
    pub fn arg(&self) -> &str {
        self.dir.to_str().unwrap()
    }
}

/// Convert `inputs` with LibreOffice headless (`soffice --convert-to filter`, e.g.
/// `docx:MS Word 2007 XML` or `html:HTML (StarWriter)`) into `outdir`, with the bundled fonts
/// only (a fontconfig file over `fonts/`, so CI without CJK system fonts behaves the same) and
/// a fresh profile. Returns the converted files, in the order of `inputs`.
pub fn soffice_convert(inputs: &[PathBuf], filter: &str, outdir: &Path) -> Vec<PathBuf> {
    let present = std::process::Command::new("soffice").arg("--version").output();
    assert!(
        present.is_ok_and(|o| o.status.success()),
        "LibreOffice (soffice) is needed for this test: apt-get install libreoffice-writer-nogui \
         (scripts/test installs it)"
    );
    std::fs::create_dir_all(outdir).unwrap();
    let conf = outdir.join("fonts.conf");
    write(
        &conf,
        &format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\
             <dir>{}</dir><cachedir>{}</cachedir></fontconfig>\n",
            root().join("fonts").display(),
            outdir.join("fc-cache").display()
        ),
    );
    let profile = format!("-env:UserInstallation=file://{}", outdir.join("lo-profile").display());
    let o = std::process::Command::new("soffice")
        .args(["--headless", "--norestore", &profile, "--convert-to", filter, "--outdir"])
        .arg(outdir)
        .args(inputs)
        .env("FONTCONFIG_FILE", &conf)
        .output()
        .expect("run soffice");
    assert!(o.status.success(), "soffice failed: {}", String::from_utf8_lossy(&o.stderr));
    let ext = filter.split(':').next().unwrap();
    inputs
        .iter()
        .map(|i| {
            let out = outdir.join(i.file_stem().unwrap()).with_extension(ext);
            assert!(
                out.exists(),
                "soffice made no {}: {}",
                out.display(),
                String::from_utf8_lossy(&o.stdout)
            );
            out
        })
        .collect()
}
