//! Fonts: the bundled free CJK fonts (embedded or from a folder), system fonts and
//! `--font-path` folders (found with fontdb), and each role's fallback chain resolved
//! against them, official fonts first. Builds the font book the Typst World serves.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontWeight};
use typst::utils::LazyHash;

use crate::diag::Diagnostic;
pub use crate::render::font_scan::Shadowed;
use crate::render::font_scan::{Candidate, collect};
use crate::render::template::{FontRole, FontRoles};

/// The family every chain ends with: the bundled wide-coverage Simplified Chinese serif.
pub const WIDE_FALLBACK: &str = "Noto Serif CJK SC";

/// The typographic roles of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// 标题 (2号小标宋).
    Title,
    /// 正文 (3号仿宋).
    Body,
    /// 一级标题 (黑体).
    Hei,
    /// 二级标题 (楷体).
    Kai,
    /// 表格 and page numbers (宋体).
    Song,
}

impl Role {
    /// All roles, in display order.
    pub const ALL: [Role; 5] = [Role::Title, Role::Body, Role::Hei, Role::Kai, Role::Song];

    /// The role's Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Role::Title => "标题（小标宋）",
            Role::Body => "正文（仿宋）",
            Role::Hei => "一级标题（黑体）",
            Role::Kai => "二级标题（楷体）",
            Role::Song => "表格与页码（宋体）",
        }
    }

    /// The default chain: official names first, free stand-ins last, then the wide fallback.
    /// A `(weight)` after a name asks for that weight.
    pub fn default_chain(self) -> &'static [&'static str] {
        match self {
            Role::Title => &[
                "FZXiaoBiaoSong-B05S",
                "FZXiaoBiaoSong-B05",
                "方正小标宋简体",
                "方正小标宋_GBK",
                "Noto Serif CJK SC (700)",
            ],
            Role::Body => &[
                "FangSong_GB2312",
                "仿宋_GB2312",
                "FangSong",
                "仿宋",
                "FZFangSong-Z02S",
                "方正仿宋简体",
                "STFangsong",
                "FandolFang R",
                "Noto Serif CJK SC",
            ],
            Role::Hei => &[
                "SimHei",
                "黑体",
                "FZHei-B01S",
                "方正黑体简体",
                "STHeiti",
                "Noto Sans CJK SC",
                "Noto Serif CJK SC",
            ],
            Role::Kai => &[
                "KaiTi_GB2312",
                "楷体_GB2312",
                "KaiTi",
                "楷体",
                "FZKai-Z03S",
                "方正楷体简体",
                "STKaiti",
                "FandolKai",
                "Noto Serif CJK SC",
            ],
            Role::Song => {
                &["SimSun", "宋体", "FZShuSong-Z01S", "方正书宋简体", "STSong", "Noto Serif CJK SC"]
            }
        }
    }
}

/// Split `Name (700)` into the name and the weight it asks for.
fn parse_spec(spec: &str) -> (&str, Option<u16>) {
    if let Some(open) = spec.rfind(" (")
        && let Some(w) = spec[open + 2..].strip_suffix(')')
        && let Ok(w) = w.parse()
    {
        return (&spec[..open], Some(w));
    }
    (spec, None)
}

/// Where a font face comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The free bundle embedded in the binary.
    Embedded,
    /// The free bundle read from a folder.
    BundleDir(PathBuf),
    /// Installed on the system.
    System(PathBuf),
    /// A `--font-path` folder.
    FontPath(PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Embedded => write!(f, "内置"),
            Origin::BundleDir(p) => write!(f, "字体包 {}", p.display()),
            Origin::System(p) => write!(f, "系统 {}", p.display()),
            Origin::FontPath(p) => write!(f, "--font-path {}", p.display()),
        }
    }
}

/// Where the free font bundle comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bundle {
    /// Embedded in the binary (cargo feature `embed-fonts`).
    Embedded,
    /// Read from a folder holding the files of `fonts/`.
    Dir(PathBuf),
    /// No bundle: system and `--font-path` fonts only.
    None,
}

impl Default for Bundle {
    fn default() -> Self {
        if cfg!(feature = "embed-fonts") { Bundle::Embedded } else { Bundle::None }
    }
}

/// How to find fonts.
#[derive(Debug, Clone, Default)]
pub struct FontOptions {
    /// Extra folders searched first (`--font-path`).
    pub font_paths: Vec<PathBuf>,
    /// Whether to search the system's fonts (on by default in the CLI).
    pub system_fonts: bool,
    /// The free bundle.
    pub bundle: Bundle,
    /// Each role's chain, when configured (`nianbao.toml`); the defaults otherwise.
    pub chains: Option<Vec<(Role, Vec<String>)>>,
}

/// The bundled font files (names as in `fonts/`).
pub const BUNDLE_FILES: [&str; 5] = [
    "FandolFang-Regular.otf",
    "FandolKai-Regular.otf",
    "NotoSansCJKsc-Regular.otf",
    "NotoSerifCJKsc-Regular.otf",
    "NotoSerifCJKsc-Bold.otf",
];

#[cfg(feature = "embed-fonts")]
fn embedded_bundle() -> Vec<(&'static str, Bytes)> {
    vec![
        (
            "FandolFang-Regular.otf",
            Bytes::new(include_bytes!("../../fonts/FandolFang-Regular.otf").as_slice()),
        ),
        (
            "FandolKai-Regular.otf",
            Bytes::new(include_bytes!("../../fonts/FandolKai-Regular.otf").as_slice()),
        ),
        (
            "NotoSansCJKsc-Regular.otf",
            Bytes::new(include_bytes!("../../fonts/NotoSansCJKsc-Regular.otf").as_slice()),
        ),
        (
            "NotoSerifCJKsc-Regular.otf",
            Bytes::new(include_bytes!("../../fonts/NotoSerifCJKsc-Regular.otf").as_slice()),
        ),
        (
            "NotoSerifCJKsc-Bold.otf",
            Bytes::new(include_bytes!("../../fonts/NotoSerifCJKsc-Bold.otf").as_slice()),
        ),
    ]
}

#[cfg(not(feature = "embed-fonts"))]
fn embedded_bundle() -> Vec<(&'static str, Bytes)> {
    Vec::new()
}

/// One resolved entry of a role's chain.
#[derive(Debug, Clone)]
pub struct ResolvedFamily {
    /// The name in the chain.
    pub requested: String,
    /// The Typst family it resolved to.
    pub family: String,
    /// Where its first face comes from.
    pub origin: Origin,
}

/// A role's chain and what it resolved to on this machine.
#[derive(Debug, Clone)]
pub struct RoleReport {
    /// The role.
    pub role: Role,
    /// The chain as configured.
    pub chain: Vec<String>,
    /// The entries found, in order.
    pub resolved: Vec<ResolvedFamily>,
    /// Whether the first resolved family has a real bold face.
    pub has_bold: bool,
}

/// The fonts of a renderer: loaded faces, the book Typst selects from, and the roles.
pub struct FontSet {
    /// The font book (index i describes `fonts[i]`).
    pub book: LazyHash<FontBook>,
    /// The loaded faces.
    pub fonts: Vec<Font>,
    /// Where each face comes from.
    pub origins: Vec<Origin>,
    /// The fonts each template role receives.
    pub roles: FontRoles,
    /// The resolution of each role, for `nianbao fonts` and diagnostics.
    pub report: Vec<RoleReport>,
    /// System faces left out because the bundle has their family (the bundled face wins,
    /// so output does not depend on what is installed).
    pub shadowed: Vec<Shadowed>,
}

impl std::fmt::Debug for FontSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontSet").field("faces", &self.fonts.len()).finish_non_exhaustive()
    }
}

impl FontSet {
    /// Find fonts and resolve every role's default chain.
    pub fn load(options: &FontOptions) -> Result<Self, Box<Diagnostic>> {
        if let Some(chains) = &options.chains {
            return Self::load_with_chains(options, chains);
        }
        let chains: Vec<(Role, Vec<String>)> = Role::ALL
            .iter()
            .map(|r| (*r, r.default_chain().iter().map(|s| s.to_string()).collect()))
            .collect();
        Self::load_with_chains(options, &chains)
    }

    /// Find fonts and resolve the given chains.
    pub fn load_with_chains(
        options: &FontOptions,
        chains: &[(Role, Vec<String>)],
    ) -> Result<Self, Box<Diagnostic>> {
        let wanted: Vec<String> = chains
            .iter()
            .flat_map(|(_, c)| c.iter().map(|s| parse_spec(s).0.to_lowercase()))
            .collect();
        // `--font-path` first (the user's explicit choice), then the bundle, then the
        // system's faces of families the bundle does not have (see `font_scan`).
        let mut candidates = Vec::new();
        let mut shadowed = Vec::new();
        for dir in &options.font_paths {
            if !dir.exists() {
                return Err(Box::new(
                    Diagnostic::error("font-path", "字体目录不存在")
                        .in_file(dir.display().to_string()),
                ));
            }
            let mut db = fontdb::Database::new();
            if dir.is_file() {
                let _ = db.load_font_file(dir);
            } else {
                db.load_fonts_dir(dir);
            }
            let origin = |p: &Path| Origin::FontPath(p.to_path_buf());
            collect(&db, &wanted, &[], origin, &mut candidates, &mut shadowed);
        }
        let mut bundled = Vec::new();
        match &options.bundle {
            Bundle::Embedded => {
                for (_, bytes) in embedded_bundle() {
                    for font in Font::iter(bytes) {
                        bundled.push(Candidate { font, origin: Origin::Embedded, aliases: vec![] });
                    }
                }
            }
            Bundle::Dir(dir) => {
                for name in BUNDLE_FILES {
                    let path = dir.join(name);
                    let data = std::fs::read(&path).map_err(|e| {
                        Diagnostic::error("font-bundle", format!("无法读取内置字体文件：{e}"))
                            .in_file(path.display().to_string())
                    })?;
                    for font in Font::iter(Bytes::new(data)) {
                        let origin = Origin::BundleDir(dir.clone());
                        bundled.push(Candidate { font, origin, aliases: vec![] });
                    }
                }
            }
            Bundle::None => {}
        }
        let bundled_families: Vec<String> =
            bundled.iter().map(|c| c.font.info().family.to_lowercase()).collect();
        candidates.extend(bundled);
        if options.system_fonts {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            let origin = |p: &Path| Origin::System(p.to_path_buf());
            collect(&db, &wanted, &bundled_families, origin, &mut candidates, &mut shadowed);
        }
        shadowed.sort_by(|a, b| (&a.family, &a.path).cmp(&(&b.family, &b.path)));
        shadowed.dedup();

        // Earlier sources take precedence: drop later faces of the same family and variant.
        let mut seen = std::collections::HashSet::new();
        candidates.retain(|c| {
            let info = c.font.info();
            seen.insert((info.family.to_lowercase(), info.variant))
        });

        let mut report = Vec::new();
        let mut roles = HashMap::new();
        for (role, chain) in chains {
            let (role_fonts, role_report) = resolve(*role, chain, &candidates)?;
            roles.insert(*role, role_fonts);
            report.push(role_report);
        }
        let mut take = |r| roles.remove(&r).expect("every role is resolved");
        let roles = FontRoles {
            title: take(Role::Title),
            body: take(Role::Body),
            hei: take(Role::Hei),
            kai: take(Role::Kai),
            song: take(Role::Song),
        };
        let fonts: Vec<Font> = candidates.iter().map(|c| c.font.clone()).collect();
        let origins = candidates.into_iter().map(|c| c.origin).collect();
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        Ok(FontSet { book, fonts, origins, roles, report, shadowed })
    }

    /// The role report for one role.
    pub fn role(&self, role: Role) -> Option<&RoleReport> {
        self.report.iter().find(|r| r.role == role)
    }
}

fn resolve(
    role: Role,
    chain: &[String],
    candidates: &[Candidate],
) -> Result<(FontRole, RoleReport), Box<Diagnostic>> {
    let mut families: Vec<String> = Vec::new();
    let mut resolved = Vec::new();
    let mut weight = None;
    for spec in chain {
        let (name, w) = parse_spec(spec);
        let lower = name.to_lowercase();
        let found = candidates
            .iter()
            .find(|c| c.font.info().family.to_lowercase() == lower || c.aliases.contains(&lower));
        if let Some(c) = found {
            let family = c.font.info().family.clone();
            weight.get_or_insert(w.unwrap_or(400));
            if !families.contains(&family) {
                families.push(family.clone());
            }
            resolved.push(ResolvedFamily {
                requested: name.to_string(),
                family,
                origin: c.origin.clone(),
            });
        }
    }
    // Every chain ends in the wide fallback, so no glyph is left to Typst's own choice.
    if !families.iter().any(|f| f == WIDE_FALLBACK)
        && let Some(c) = candidates.iter().find(|c| c.font.info().family == WIDE_FALLBACK)
    {
        families.push(WIDE_FALLBACK.to_string());
        resolved.push(ResolvedFamily {
            requested: WIDE_FALLBACK.to_string(),
            family: WIDE_FALLBACK.to_string(),
            origin: c.origin.clone(),
        });
    }
    if families.is_empty() {
        return Err(Box::new(
            Diagnostic::error(
                "font-missing",
                format!(
                    "{}没有可用的字体：字体链 {} 中的字体都未找到",
                    role.label(),
                    chain.join("、")
                ),
            )
            .hint("使用内置字体包（默认编译特性 embed-fonts），或用 --font-path 指定字体目录"),
        ));
    }
    let primary = &families[0];
    let has_bold = candidates.iter().any(|c| {
        c.font.info().family == *primary
            && c.font.info().variant.weight >= FontWeight::from_number(600)
    });
    let role_font = FontRole { families, weight: weight.unwrap_or(400), fake_bold: !has_bold };
    let report = RoleReport { role, chain: chain.to_vec(), resolved, has_bold };
    Ok((role_font, report))
}

/// Whether and how a role's fonts cover a character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coverage {
    /// The role's first font has it.
    Primary,
    /// A later font of the chain has it (the family named).
    Fallback(String),
    /// No font of the chain has it: it would print as a box.
    Missing,
}

impl FontSet {
    /// How the role's chain covers `c`.
    pub fn coverage(&self, role: Role, c: char) -> Coverage {
        let roles = &self.roles;
        let families = match role {
            Role::Title => &roles.title.families,
            Role::Body => &roles.body.families,
            Role::Hei => &roles.hei.families,
            Role::Kai => &roles.kai.families,
            Role::Song => &roles.song.families,
        };
        for (i, family) in families.iter().enumerate() {
            let has = self
                .fonts
                .iter()
                .any(|f| f.info().family == *family && f.info().coverage.contains(c as u32));
            if has {
                return if i == 0 { Coverage::Primary } else { Coverage::Fallback(family.clone()) };
            }
        }
        Coverage::Missing
    }

    /// Loaded faces whose licence forbids embedding (OS/2 fsType 2, "restricted"): PDF/A
    /// export fails with them and plain PDFs break their licence.
    pub fn restricted(&self) -> Vec<(String, Origin)> {
        self.fonts
            .iter()
            .zip(&self.origins)
            .filter(|(f, _)| {
                let face = ttf_parser::Face::parse(f.data().as_slice(), f.index());
                matches!(
                    face.ok().and_then(|face| face.permissions()),
                    Some(ttf_parser::Permissions::Restricted)
                )
            })
            .map(|(f, o)| (f.info().family.clone(), o.clone()))
            .collect()
    }
}

/// Shared, cheaply clonable handle to a font set.
pub type SharedFonts = Arc<FontSet>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_carry_weights() {
        assert_eq!(parse_spec("Noto Serif CJK SC (700)"), ("Noto Serif CJK SC", Some(700)));
        assert_eq!(parse_spec("FandolFang R"), ("FandolFang R", None));
    }

    #[test]
    fn bundle_resolves_every_role_ending_in_the_wide_fallback() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fonts");
        let set =
            FontSet::load(&FontOptions { bundle: Bundle::Dir(dir), ..Default::default() }).unwrap();
        assert_eq!(set.roles.body.families, ["FandolFang R", WIDE_FALLBACK]);
        assert_eq!(set.roles.title.families, [WIDE_FALLBACK]);
        assert_eq!(set.roles.title.weight, 700);
        assert_eq!(set.roles.hei.families, ["Noto Sans CJK SC", WIDE_FALLBACK]);
        assert_eq!(set.roles.kai.families, ["FandolKai", WIDE_FALLBACK]);
        assert!(set.roles.kai.fake_bold, "FandolKai has no bold face");
        assert!(!set.roles.song.fake_bold, "Noto Serif CJK SC has a bold face");
        for r in
            [&set.roles.title, &set.roles.body, &set.roles.hei, &set.roles.kai, &set.roles.song]
        {
            assert_eq!(r.families.last().map(String::as_str), Some(WIDE_FALLBACK));
        }
    }
}
