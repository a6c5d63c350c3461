//! The office's configuration file, `nianbao.toml`: pins each role's font chain (e.g. to its
//! licensed 方正 fonts) and adds font folders. Found next to the data file, or given with
//! `--config`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::{Diagnostic, LineCol};
use crate::render::fonts::Role;

/// The file name searched next to the data.
pub const FILE_NAME: &str = "nianbao.toml";

/// `nianbao.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Font settings.
    #[serde(default)]
    pub fonts: FontConfig,
}

/// `[fonts]`: a chain per role (official names first); omitted roles keep the default.
/// `"Name (700)"` asks for a weight. Every chain still ends in Noto Serif CJK SC.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FontConfig {
    /// 标题 (2号小标宋).
    pub title: Option<Vec<String>>,
    /// 正文 (3号仿宋).
    pub body: Option<Vec<String>>,
    /// 一级标题 (黑体).
    pub hei: Option<Vec<String>>,
    /// 二级标题 (楷体).
    pub kai: Option<Vec<String>>,
    /// 表格与页码 (宋体).
    pub song: Option<Vec<String>>,
    /// Extra font folders, relative to the configuration file.
    #[serde(default)]
    pub font_paths: Vec<PathBuf>,
}

impl Config {
    /// Read a configuration file; folders in it are made relative to its location.
    pub fn load(path: &Path) -> Result<Self, Box<Diagnostic>> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            Box::new(Diagnostic::error("config", format!("无法读取配置文件：{e}")).in_file(&name))
        })?;
        let mut config: Config = toml::from_str(&text).map_err(|e| {
            let mut d = Diagnostic::error("config", format!("配置文件有误：{}", e.message()))
                .in_file(&name);
            if let Some(span) = e.span() {
                d = d.at(LineCol::of_offset(&text, span.start), Some(&text));
            }
            Box::new(d)
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        for p in &mut config.fonts.font_paths {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        }
        Ok(config)
    }

    /// The configuration for a data file or folder: `explicit`, else `nianbao.toml` beside
    /// the data file (or inside the data folder).
    pub fn discover(
        explicit: Option<&Path>,
        data: Option<&Path>,
    ) -> Result<Option<Self>, Box<Diagnostic>> {
        if let Some(p) = explicit {
            return Self::load(p).map(Some);
        }
        let beside = data.map(|d| {
            if d.is_dir() {
                d.join(FILE_NAME)
            } else {
                d.parent().unwrap_or(Path::new(".")).join(FILE_NAME)
            }
        });
        match beside {
            Some(p) if p.is_file() => Self::load(&p).map(Some),
            _ => Ok(None),
        }
    }

    /// Each role's chain: the configured one, or the default.
    pub fn chains(&self) -> Vec<(Role, Vec<String>)> {
        let f = &self.fonts;
        Role::ALL
            .iter()
            .map(|r| {
                let configured = match r {
                    Role::Title => &f.title,
                    Role::Body => &f.body,
                    Role::Hei => &f.hei,
                    Role::Kai => &f.kai,
                    Role::Song => &f.song,
                };
                let chain = configured
                    .clone()
                    .unwrap_or_else(|| r.default_chain().iter().map(|s| s.to_string()).collect());
                (*r, chain)
            })
            .collect()
    }
}
