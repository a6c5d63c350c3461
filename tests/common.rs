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

/// Run `soffice --headless --convert-to FORMAT` on `input` into `out_dir` and return the
/// converted file. Each call gets a fresh user profile (parallel tests do not collide), set
/// to recalculate every formula on load, and sees only the bundled fonts (as in CI).
pub fn soffice_recalc_convert(input: &Path, format: &str, out_dir: &Path) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let which = std::process::Command::new("soffice").arg("--version").output();
    assert!(
        which.is_ok_and(|o| o.status.success()),
        "LibreOffice (soffice) is needed for this test: sudo apt-get install libreoffice-calc-nogui (scripts/test installs it)"
    );
    let run = tempdir(&format!("soffice-{}", N.fetch_add(1, Ordering::Relaxed)));
    let profile = run.join("profile");
    let user = profile.join("user");
    std::fs::create_dir_all(&user).unwrap();
    // 0 = always recalculate on load (for files saved by Excel, LibreOffice and ODF alike).
    write(
        &user.join("registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    );
    let fonts = run.join("fonts.conf");
    write(
        &fonts,
        &format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig><dir>{}</dir><cachedir>{}</cachedir></fontconfig>\n",
            root().join("fonts").display(),
            run.join("fc-cache").display()
        ),
    );
    std::fs::create_dir_all(out_dir).unwrap();
    let o = std::process::Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--norestore", "--convert-to", format, "--outdir"])
        .arg(out_dir)
        .arg(input)
        .env("FONTCONFIG_FILE", &fonts)
        .env("HOME", &run)
        .output()
        .expect("run soffice");
    let ext = format.split(':').next().unwrap();
    let out = out_dir.join(input.with_extension(ext).file_name().unwrap());
    assert!(
        o.status.success() && out.exists(),
        "soffice --convert-to {format} {} failed: {}{}",
        input.display(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let _ = std::fs::remove_dir_all(&run);
    out
}

/// The parts of a zip (xlsx, ods) by name.
pub fn zip_parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().unwrap().to_string(), b)
        })
        .collect()
}

/// One part of a zip as text.
pub fn zip_text(bytes: &[u8], part: &str) -> String {
    let (_, b) = zip_parts(bytes).into_iter().find(|(n, _)| n == part).expect(part);
    String::from_utf8(b).unwrap()
}

/// A zip with its parts rewritten by `edit` (name, bytes) → bytes, like a program saving it.
pub fn zip_edit(bytes: &[u8], edit: impl Fn(&str, Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, b) in zip_parts(bytes) {
        w.start_file(name.as_str(), o).unwrap();
        w.write_all(&edit(&name, b)).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A cell's new content, for [`set_cell`].
pub enum Put<'a> {
    Number(f64),
    Text(&'a str),
    Formula(&'a str),
}

/// Replace cell `at` (e.g. `D12`) of a worksheet's XML, as a user typing into it would.
pub fn set_cell(xml: &str, at: &str, put: Put) -> String {
    let open = format!("<c r=\"{at}\"");
    let start = xml.find(&open).unwrap_or_else(|| panic!("no cell {at}"));
    let rest = &xml[start..];
    let head_end = rest.find('>').unwrap();
    let end = if rest[..head_end].ends_with('/') {
        start + head_end + 1
    } else {
        start + rest.find("</c>").unwrap() + 4
    };
    let style = rest[..head_end]
        .split_whitespace()
        .find(|a| a.starts_with("s=\""))
        .map(|s| format!(" {}", s.trim_end_matches('/')))
        .unwrap_or_default();
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let cell = match put {
        Put::Number(v) => format!("<c r=\"{at}\"{style}><v>{v}</v></c>"),
        Put::Text(t) => {
            format!("<c r=\"{at}\"{style} t=\"inlineStr\"><is><t>{}</t></is></c>", esc(t))
        }
        Put::Formula(f) => format!("<c r=\"{at}\"{style}><f>{}</f></c>", esc(f)),
    };
    format!("{}{cell}{}", &xml[..start], &xml[end..])
}

/// The worksheet part of a sheet of an xlsx (by the workbook's order: sheet1, sheet2…).
pub fn sheet_part(bytes: &[u8], sheet: &str) -> String {
    let wb = zip_text(bytes, "xl/workbook.xml");
    let names: Vec<&str> = wb.split("<sheet ").skip(1).collect();
    let i = names
        .iter()
        .position(|s| s.contains(&format!("name=\"{sheet}\"")))
        .unwrap_or_else(|| panic!("no sheet {sheet}"));
    format!("xl/worksheets/sheet{}.xml", i + 1)
}

/// Edit one cell of an xlsx.
pub fn xlsx_set(bytes: &[u8], sheet: &str, at: &str, put: Put) -> Vec<u8> {
    let part = sheet_part(bytes, sheet);
    let xml = zip_text(bytes, &part);
    let new = set_cell(&xml, at, put);
    zip_edit(bytes, |name, b| if name == part { new.clone().into_bytes() } else { b })
}

/// Run a browser script of `tests/browser/` with node and parse the JSON it prints.
/// Needs node, `npm ci` in `tests/browser` and Debian's chromium (`scripts/test` installs
/// them); says so clearly when one is missing.
pub fn node_json(script: &str, args: &[&str]) -> serde_json::Value {
    let dir = root().join("tests/browser");
    assert!(
        dir.join("node_modules/playwright-core").is_dir()
            && dir.join("node_modules/axe-core").is_dir(),
        "tests/browser/node_modules is missing: run `npm ci` in tests/browser (scripts/test does)"
    );
    assert!(
        Path::new("/usr/bin/chromium").exists() || std::env::var_os("CHROMIUM").is_some(),
        "chromium is not installed (apt-get install chromium; scripts/test does)"
    );
    let o = std::process::Command::new("node")
        .arg(dir.join(script))
        .args(args)
        .current_dir(&dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run node (install node 20): {e}"));
    assert!(
        o.status.success(),
        "node {script} failed: {}{}",
        String::from_utf8_lossy(&o.stderr),
        String::from_utf8_lossy(&o.stdout)
    );
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!("{script} printed no JSON ({e}): {}", String::from_utf8_lossy(&o.stdout))
    })
}

/// Convert an office file to PDF with LibreOffice headless (a fresh profile each run), on
/// the bundled fonts only: a fontconfig file lists `fonts/` and maps the official names
/// (仿宋_GB2312, 黑体, …) to the bundled stand-ins, as CI has no CJK system fonts.
pub fn soffice_pdf(file: &Path, work: &Path) -> PathBuf {
    let soffice = ["soffice", "libreoffice"]
        .into_iter()
        .find(|b| std::process::Command::new(b).arg("--version").output().is_ok())
        .expect("LibreOffice is not installed (apt-get install libreoffice-writer-nogui; scripts/test does)");
    std::fs::create_dir_all(work).unwrap();
    let conf = work.join("fonts.conf");
    let alias = |name: &str, to: &str| {
        format!(
            "<alias binding=\"same\"><family>{name}</family><prefer><family>{to}</family></prefer></alias>"
        )
    };
    write(
        &conf,
        &format!(
            "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\"><fontconfig><dir>{}</dir><cachedir>{}</cachedir>{}{}{}{}{}</fontconfig>",
            root().join("fonts").display(),
            work.join("fc-cache").display(),
            alias("仿宋_GB2312", "FandolFang R"),
            alias("楷体_GB2312", "FandolKai"),
            alias("黑体", "Noto Sans CJK SC"),
            alias("宋体", "Noto Serif CJK SC"),
            alias("方正小标宋简体", "Noto Serif CJK SC"),
        ),
    );
    let profile = format!("file://{}", work.join("lo-profile").display());
    let mut child = std::process::Command::new(soffice)
        .env("FONTCONFIG_FILE", &conf)
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(work)
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(180) {
            let _ = child.kill();
            panic!("LibreOffice did not convert {} within 180 s", file.display());
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let pdf = work.join(file.with_extension("pdf").file_name().unwrap());
    assert!(pdf.is_file(), "LibreOffice wrote no PDF for {}", file.display());
    pdf
}

/// A word of a PDF as poppler reads it (`pdftotext -bbox-layout`): its page and box in
/// points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub page: usize,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub text: String,
}

impl Word {
    pub fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn cy(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }
}

/// Every word of a PDF, with its box (poppler's `pdftotext -bbox-layout`).
pub fn pdf_words(pdf: &Path) -> Vec<Word> {
    let o = std::process::Command::new("pdftotext")
        .args(["-bbox-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is not installed (apt-get install poppler-utils; scripts/test does)");
    assert!(o.status.success());
    let xml = String::from_utf8_lossy(&o.stdout);
    let mut words = Vec::new();
    let mut page = 0;
    for part in xml.split('<').skip(1) {
        if part.starts_with("page ") {
            page += 1;
        } else if let Some(rest) = part.strip_prefix("word ") {
            let attr = |name: &str| -> f64 {
                let at = rest.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                rest[at..].split('"').next().unwrap().parse().unwrap()
            };
            let text = rest.split_once('>').map(|(_, t)| t).unwrap_or("");
            let text = text
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'");
            words.push(Word {
                page,
                x0: attr("xMin"),
                y0: attr("yMin"),
                x1: attr("xMax"),
                y1: attr("yMax"),
                text,
            });
        }
    }
    words
}

/// Where `label` is printed, possibly wrapped in its cell: a word that starts it, then
/// words that go on with it to the right on the same line or on the lines below, centred
/// under the first. Returns the box of every placement found.
pub fn find_label(words: &[Word], label: &str) -> Vec<Word> {
    let want: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    let mut found = Vec::new();
    for (i, first) in words.iter().enumerate() {
        if first.text.is_empty() || !want.starts_with(&first.text) {
            continue;
        }
        let mut acc = first.text.clone();
        let mut boxed = first.clone();
        let mut last = first.clone();
        let mut used = vec![i];
        while acc != want {
            let rest = &want[acc.len()..];
            let height = last.y1 - last.y0;
            let next = words.iter().enumerate().find(|(j, w)| {
                !used.contains(j)
                    && w.page == first.page
                    && !w.text.is_empty()
                    && rest.starts_with(&w.text)
                    && ((w.y0 - last.y0).abs() < 0.3 * height
                        && (w.x0 - last.x1).abs() < 0.5 * height
                        || (w.y0 > last.y0 + 0.5 * height
                            && w.y0 < last.y1 + 0.8 * height
                            && w.cx() > boxed.x0 - 3.0
                            && w.cx() < boxed.x1 + 3.0))
            });
            let Some((j, w)) = next else { break };
            used.push(j);
            acc.push_str(&w.text);
            boxed = Word {
                page: boxed.page,
                x0: boxed.x0.min(w.x0),
                y0: boxed.y0.min(w.y0),
                x1: boxed.x1.max(w.x1),
                y1: boxed.y1.max(w.y1),
                text: acc.clone(),
            };
            last = w.clone();
        }
        if acc == want {
            found.push(boxed);
        }
    }
    found
}

/// Run the `nianbao` binary with `args`.
pub fn nianbao(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .expect("run nianbao")
}

/// Run a `nianbao` command that takes fonts, on the bundled fonts only (the same output on
/// every machine).
pub fn nianbao_bundled(args: &[&str]) -> std::process::Output {
    let mut all = args.to_vec();
    all.push("--ignore-system-fonts");
    nianbao(&all)
}

/// A command's standard error as text.
pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every label the form prints above and beside the numbers of tables 二, 三 and 四 other
/// than table 三's row and column labels: the merged group headers and table 二's labels.
pub fn form_header_labels() -> Vec<&'static str> {
    use nianbao::form::{self, t2::*};
    vec![
        form::T3_NOTE,
        form::T3_APPLICANTS,
        form::T3_ORGANIZATIONS,
        form::T3_RESULTS,
        form::T3_WITHHELD,
        form::T3_UNABLE,
        form::T3_NOT_PROCESSED,
        form::T3_OTHER_HANDLING,
        form::T4_REVIEW,
        form::T4_LITIGATION,
        form::T4_DIRECT,
        form::T4_AFTER_REVIEW,
        ITEM1,
        ITEM5,
        ITEM6,
        ITEM8,
        CONTENT,
        ISSUED,
        REPEALED,
        IN_FORCE,
        DECISIONS,
        AMOUNT,
        RULES,
        NORMATIVE,
        LICENSING,
        PUNISHMENT,
        ENFORCEMENT,
        FEES,
    ]
}
