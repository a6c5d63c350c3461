//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// nianbao（年报）：把数据渲染成政府信息公开工作年度报告（2021 年统一格式，GB/T 9704 版式）。
#[derive(Debug, Parser)]
#[command(name = "nianbao", version, about, long_about = None)]
pub struct Cli {
    /// 子命令。
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 渲染一份报告为 PDF（或 PNG/SVG 预览图）。
    #[command(after_help = RENDER_EXAMPLES)]
    Render(RenderArgs),
    /// 管理模板：导出内置模板以便定制。
    Templates(TemplatesArgs),
}

const RENDER_EXAMPLES: &str = "示例：
  nianbao render samples/seed.json -o seed.pdf
  nianbao render report.yaml -o pages.png --ppi 100        # 每页一个 PNG：pages-1.png …
  nianbao render report.json -o report.pdf --pdf-standard a-2b
  nianbao render report.json --templates my-templates/ --keep-typst
  nianbao render report.json --font-path /usr/share/fonts/fangzheng

退出码：0 成功；1 数据有误或渲染失败；2 工具自身出错。";

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// PDF 文件。
    Pdf,
    /// 每页一个 PNG。
    Png,
    /// 每页一个 SVG。
    Svg,
}

/// PDF standards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PdfStandardArg {
    /// 普通 PDF 1.7。
    #[value(name = "1.7")]
    V17,
    /// PDF/A-2b（归档）。
    #[value(name = "a-2b")]
    A2b,
}

/// Font options shared by commands.
#[derive(Debug, Clone, Args)]
pub struct FontArgs {
    /// 额外的字体目录（优先于系统字体和内置字体），可多次指定。
    #[arg(
        long = "font-path",
        value_name = "DIR",
        env = "NIANBAO_FONT_PATHS",
        value_delimiter = ':'
    )]
    pub font_paths: Vec<PathBuf>,
    /// 不使用系统字体（只用 --font-path 和内置字体）。
    #[arg(long)]
    pub ignore_system_fonts: bool,
    /// 从此目录读取内置字体包，而不是用嵌入二进制的字体。
    #[arg(long, value_name = "DIR")]
    pub bundle_fonts: Option<PathBuf>,
}

/// `nianbao render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// 报告数据文件（.json / .yaml / .toml）。
    pub report: PathBuf,
    /// 输出文件；默认与数据文件同名的 .pdf。PNG/SVG 每页一个文件（name-1.png …）。
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 输出格式；默认按输出文件扩展名判断。
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// PNG 分辨率（像素/英寸）。
    #[arg(long, default_value_t = 144.0)]
    pub ppi: f32,
    /// 使用定制模板目录（见 `nianbao templates export`）。
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// PDF 标准：1.7 或 a-2b（归档用 PDF/A-2b）。
    #[arg(long, value_enum, default_value = "1.7")]
    pub pdf_standard: PdfStandardArg,
    /// 把生成的 Typst 源码写到输出文件旁（name.typ），便于调试模板。
    #[arg(long)]
    pub keep_typst: bool,
    /// 二级标题（楷体）加粗（常见做法；标准为不加粗）。
    #[arg(long)]
    pub subheading_bold: bool,
    /// 文档日期（Unix 秒），用于可重复输出；默认取成文日期或报告年度次年 1 月 1 日。
    #[arg(long, env = "SOURCE_DATE_EPOCH", value_name = "SECONDS")]
    pub creation_timestamp: Option<i64>,
    /// 字体选项。
    #[command(flatten)]
    pub fonts: FontArgs,
}

/// `nianbao templates`.
#[derive(Debug, Args)]
pub struct TemplatesArgs {
    /// 模板子命令。
    #[command(subcommand)]
    pub command: TemplatesCommand,
}

/// Template subcommands.
#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// 把内置模板导出到目录，修改后用 --templates 目录 使用。
    Export {
        /// 目标目录。
        dir: PathBuf,
        /// 覆盖已存在的文件。
        #[arg(long)]
        force: bool,
    },
}
