//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// nianbao（年报）：把数据渲染成政府信息公开工作年度报告（2021 年统一格式，GB/T 9704 版式）。
#[derive(Debug, Parser)]
#[command(name = "nianbao", version)]
pub struct Cli {
    /// 子命令。
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 渲染一份报告为 PDF、网页（HTML）、Word 文档（DOCX）或 PNG/SVG 预览图。
    #[command(after_help = RENDER_EXAMPLES)]
    Render(RenderArgs),
    /// 批量渲染：一个进程渲染成百上千份报告。
    #[command(after_help = BATCH_EXAMPLES)]
    Batch(BatchArgs),
    /// 实时预览：在浏览器中查看报告，数据或模板保存后自动更新。
    #[command(after_help = PREVIEW_EXAMPLES)]
    Preview(PreviewArgs),
    /// 检查报告数据的勾稽关系和常见错误（不生成输出）。
    #[command(after_help = VALIDATE_EXAMPLES)]
    Validate(ValidateArgs),
    /// 导入 Word/WPS（.docx）、网页（.html）、PDF 或文本（.txt/.md）格式的年报，转换为数据文件。
    #[command(after_help = IMPORT_EXAMPLES)]
    Import(ImportArgs),
    /// 汇总：把各单位的报告数据相加，生成本地区的报告数据、附表和异常清单。
    #[command(after_help = AGGREGATE_EXAMPLES)]
    Aggregate(AggregateArgs),
    /// 输出输入数据的 JSON Schema（含表格的中文标签），供编辑器校验和补全。
    Schema,
    /// 列出各角色的字体链、在本机解析到的字体及来源；--check 检查报告用字的覆盖情况。
    Fonts(FontsArgs),
    /// 管理模板：导出内置模板以便定制。
    Templates(TemplatesArgs),
    /// 生成 Excel/WPS 填报表（.xlsx）：表二、表三、表四按格式排好，带公式和核对；--county 生成汇总表。
    #[command(after_help = WORKBOOK_EXAMPLES)]
    Workbook(WorkbookArgs),
}

const WORKBOOK_EXAMPLES: &str = "示例：
  nianbao workbook                                      # 空白填报表：年报填报表.xlsx
  nianbao workbook --from report-2024.json -o 2024.xlsx # 用已有数据预先填好
  nianbao workbook --from 2024.xlsx --next-year -o 2025.xlsx   # 开始下一年：上年结转已填好
  nianbao workbook --county -o 汇总表.xlsx               # 汇总表：每行一个单位
  nianbao workbook --county --from reports/ -o 汇总表.xlsx     # 用各单位的报告预先填好

填好的工作簿可直接交给 render、validate、batch、preview（.xlsx、.xls、.ods 均可）。
退出码：0 成功；1 数据有误；2 工具自身出错。";

/// `nianbao workbook`.
#[derive(Debug, Args)]
pub struct WorkbookArgs {
    /// 输出文件；默认 年报填报表.xlsx（--county 时为 汇总表.xlsx）。
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 用已有的报告预先填好：nianbao 能读的任何报告（JSON/YAML/TOML、填报表、导入的报告）；
    /// --county 时可给多个文件、目录或通配符，每份报告一行。
    #[arg(long, value_name = "DATA")]
    pub from: Vec<String>,
    /// 从本年数据开始下一年度：正文保留供修改，件数清空，“上年结转”取本年的“结转下年度继续办理”。
    #[arg(long, requires = "from")]
    pub next_year: bool,
    /// 生成汇总表：每行一个单位，每列一个表格数字。
    #[arg(long)]
    pub county: bool,
}

const VALIDATE_EXAMPLES: &str = "示例：
  nianbao validate report.json
  nianbao validate 2024/*.json --previous-dir 2023/      # 同时核对上年结转（R6）
  nianbao validate report.json --previous report-2023.json --format json
  nianbao validate units/*.json --findings 异常清单.xlsx   # 各单位的问题清单（含单位间雷同文字 S11）

退出码：0 没有错误（可能有警告）；1 有错误或文件无法读取；2 工具自身出错。";

const AGGREGATE_EXAMPLES: &str = "示例：
  nianbao aggregate units/ -o region.json --organization 某县人民政府 --year 2024
  nianbao aggregate units/ -o region.json --organization 某县人民政府 --year 2024 \\
      --previous-dir units-2023/ --narrative 叙述.txt --annex 附表.xlsx --findings 异常清单.xlsx
  nianbao render region.json -o region.pdf

每个单位先按 `nianbao validate` 的规则检查（--previous/--previous-dir 用于跨年核对），
并在全部单位之间查找雷同的文字（S11）。有错误、年度不符或重复的单位列出并不汇总
（--allow-invalid 时有错误的也汇总）。--narrative 可以是数据文件（.json/.yaml/.toml，
含 title、preface、overview、problems、other_matters、signature），也可以是按“一、…六、”
分部分的文本文件；没有提供的部分标为“待填写”。
退出码：0 全部单位已汇总；1 有单位未汇总或无法读取；2 工具自身出错（如无法写入）。";

const BATCH_EXAMPLES: &str = "示例：
  nianbao batch reports/ -o out/                         # 目录（递归）中的全部报告
  nianbao batch 'county/*.json' all.jsonl -o out/ -j 2   # 通配符、JSON Lines、JSON 数组
  nianbao batch reports/ -o out/ --name '{year}-{stem}.pdf' --summary summary.json
  nianbao batch reports/ -o out/ --format pdf,html,docx  # 每份报告写出 PDF、网页和 Word 文档
  nianbao batch reports/ -o out/ --shard 3/8             # 只渲染 8 份中的第 3 份

已是最新的输出（数据、模板、字体、选项都未变）会跳过，除非 --force。Ctrl-C 会停止
开始新的报告、写完正在进行的，不留下半截文件；再次运行会接着完成其余的。
退出码：0 全部成功；1 有报告失败（数据错误、渲染失败）或被中断；2 工具自身出错。";

const PREVIEW_EXAMPLES: &str = "示例：
  nianbao preview report.json --open
  nianbao templates export my-templates/ && nianbao preview report.json --templates my-templates/

保存数据文件、模板（含 import 的 .typ）或 --font-path 中的字体后，页面自动更新；
出错时在页面上显示错误，保留上次正确的页面。页面上可下载 PDF。Ctrl-C 退出。
预览服务只回应发给本机地址（或 --host 指定的地址）的请求，以防 DNS 重绑定。";

/// `nianbao preview`.
#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// 报告数据文件（也可以是 .docx / .html / .pdf / .txt，先自动导入）。
    pub report: PathBuf,
    /// 使用（并监视）定制模板目录。
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// 端口；被占用时自动使用下一个空闲端口。
    #[arg(long, default_value_t = 8421)]
    pub port: u16,
    /// 监听地址；默认只在本机（127.0.0.1）。
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// 启动后用浏览器打开。
    #[arg(long)]
    pub open: bool,
    /// 字体选项。
    #[command(flatten)]
    pub fonts: FontArgs,
}

/// Output formats of findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FindingsFormat {
    /// 便于阅读的文本。
    Human,
    /// 每条问题一个 JSON 对象（数组）。
    Json,
}

/// Where last year's report comes from (for the cross-year checks R6, S1).
#[derive(Debug, Clone, Args)]
pub struct PreviousArgs {
    /// 上年的报告数据文件，用于核对“上年结转”（R6）和规范性文件存量（S1）。
    #[arg(long, value_name = "FILE", conflicts_with = "previous_dir")]
    pub previous: Option<PathBuf>,
    /// 存放上年报告的目录：按机关名称和年度自动匹配。
    #[arg(long, value_name = "DIR")]
    pub previous_dir: Option<PathBuf>,
}

/// `nianbao batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// 输入：目录、通配符、报告文件（含 .docx / .html / .pdf；.txt/.md 须单独列出）、填报表、汇总表（每行一份）、.jsonl 文件（每行一份）或 JSON 数组文件。
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// 输出目录。
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// 输出文件名模式：{year} {organization} {title} {level} {stem}（输入文件名）。
    #[arg(long, value_name = "PATTERN", default_value = nianbao::batch::DEFAULT_PATTERN)]
    pub name: String,
    /// 并行任务数；默认为 CPU 核数。
    #[arg(short, long, default_value_t = 0)]
    pub jobs: usize,
    /// 只渲染第 K 份（共 N 份，K 从 1 开始）：按输入名稳定划分，便于多台机器分担。
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
    /// 即使输出已是最新也重新渲染。
    #[arg(long)]
    pub force: bool,
    /// 数据有错误时仍然渲染。
    #[arg(long)]
    pub allow_invalid: bool,
    /// 存放上年报告的目录（跨年核对 R6、S1）。
    #[arg(long, value_name = "DIR")]
    pub previous_dir: Option<PathBuf>,
    /// 汇总表各行（单位）的正文：按机关名称和年度匹配此目录中的报告文件。
    #[arg(long, value_name = "DIR")]
    pub narratives: Option<PathBuf>,
    /// 把每份报告的结果写成 JSON 汇总文件。
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    /// 不显示进度。
    #[arg(short, long)]
    pub quiet: bool,
    /// 使用定制模板目录。
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// 输出格式（可多个，逗号分隔）：pdf、html、docx；每份报告只载入、检查一次。
    #[arg(long, value_enum, value_delimiter = ',', default_value = "pdf")]
    pub format: Vec<BatchFormatArg>,
    /// HTML 只输出正文片段（全部内联样式），便于粘贴到门户网站的编辑器。
    #[arg(long)]
    pub html_fragment: bool,
    /// PDF 选项。
    #[command(flatten)]
    pub pdf: PdfArgs,
    /// 文档日期（Unix 秒）。
    #[arg(long, env = "SOURCE_DATE_EPOCH", value_name = "SECONDS")]
    pub creation_timestamp: Option<i64>,
    /// 字体选项。
    #[command(flatten)]
    pub fonts: FontArgs,
}

fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let (k, n) = s.split_once('/').ok_or("应写成 K/N，如 3/8")?;
    let (k, n): (usize, usize) =
        (k.parse().map_err(|_| "K 应为正整数")?, n.parse().map_err(|_| "N 应为正整数")?);
    if n == 0 || k == 0 || k > n {
        return Err("应满足 1 ≤ K ≤ N".into());
    }
    Ok((k, n))
}

const IMPORT_EXAMPLES: &str = "示例：
  nianbao import 2024年报.docx -o report.json
  nianbao import 年报.html -o report.yaml                 # 按扩展名输出 YAML
  nianbao import 2024/*.docx -o data/                    # 多个文件：-o 为目录
  nianbao import 年报.docx --format json -o report.json  # 问题清单为 JSON（与 validate 相同）
  nianbao import 年报.docx --partial -o part.json        # 有表格或部分读不出时仍写出已读到的内容
  nianbao import 年报.docx --cells                       # 列出读到的每个单元格及其在原文中的位置

识别标题、机关名称、年度、前言、六个部分（含常见的改写标题）、小标题、署名和日期，
以及表二、表三、表四（按标签查找，支持合并单元格、跨页拆分的表格）。空白、“/”、“-”、
“—”、“无”或文字的单元格按 0 计并给出警告。合计按原样读取，由 validate 核对。
render、validate、batch、preview 也可直接使用 .docx/.html（先自动导入）。

退出码：0 全部读出；1 有表格或部分读不出（除非 --partial，否则不写出）或文件无法读取；
2 工具自身出错（如无法写入）。";

/// `nianbao import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// 要导入的文件：.docx（Word 2007+、WPS）、.html/.htm（UTF-8 或 GBK）、带文字层的 .pdf、.txt/.md（复制的文本或 pdftotext 输出）。
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// 输出文件（.json，或 .yaml/.yml 输出 YAML）；多个输入时为目录。省略时输出到标准输出。
    #[arg(short, long, value_name = "FILE|DIR")]
    pub output: Option<PathBuf>,
    /// 有表格或部分读不出时，仍写出已读到的内容（退出码仍为 1）。
    #[arg(long)]
    pub partial: bool,
    /// 问题清单的格式。
    #[arg(long, value_enum, default_value = "human")]
    pub format: FindingsFormat,
    /// 列出读到的每个单元格：字段、表格位置、数值和在原文中的位置。
    #[arg(long)]
    pub cells: bool,
}

/// `nianbao aggregate`.
#[derive(Debug, Args)]
pub struct AggregateArgs {
    /// 各单位的报告：目录、通配符、报告文件、.jsonl 文件或 JSON 数组文件。
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// 汇总结果（本地区报告的数据，.json 或 .yaml）。
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// 本地区报告的机关名称，如“某县人民政府”。
    #[arg(long)]
    pub organization: String,
    /// 报告年度；其他年度的报告不汇总。
    #[arg(long, value_parser = clap::value_parser!(u16).range(1990..=2999))]
    pub year: u16,
    /// 本地区报告的机关层级：township county city province department ministry。
    #[arg(long, value_parser = parse_level)]
    pub level: Option<nianbao::model::Level>,
    /// 本地区报告的文字（数据文件或按“一、…六、”分部分的文本）；没有时各部分标为“待填写”。
    #[arg(long, value_name = "FILE")]
    pub narrative: Option<PathBuf>,
    /// 上年报告。
    #[command(flatten)]
    pub previous: PreviousArgs,
    /// 有错误的单位也汇总。
    #[arg(long)]
    pub allow_invalid: bool,
    /// 写出各单位情况附表（.xlsx、.csv 或 .html），每个单位一行，末行合计。
    #[arg(long, value_name = "FILE")]
    pub annex: Option<PathBuf>,
    /// 写出异常清单（.xlsx、.csv、.html 或 .json）：各单位的全部问题，按单位和严重程度排序。
    #[arg(long, value_name = "FILE")]
    pub findings: Option<PathBuf>,
}

fn parse_level(s: &str) -> Result<nianbao::model::Level, String> {
    serde_json::from_value(serde_json::Value::String(s.to_string()))
        .map_err(|_| "应为 township、county、city、province、department 或 ministry".to_string())
}

/// `nianbao validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// 报告数据文件、填报表或汇总表（汇总表每行一份报告）；.docx / .html / .pdf / .txt 先自动导入。可多个。
    #[arg(required = true)]
    pub reports: Vec<PathBuf>,
    /// 上年报告。
    #[command(flatten)]
    pub previous: PreviousArgs,
    /// 汇总表各行（单位）的正文：按机关名称和年度匹配此目录中的报告文件。
    #[arg(long, value_name = "DIR")]
    pub narratives: Option<PathBuf>,
    /// 输出格式。
    #[arg(long, value_enum, default_value = "human")]
    pub format: FindingsFormat,
    /// 另把全部问题写成异常清单（.xlsx、.csv、.html 或 .json），按单位和严重程度排序。
    #[arg(long, value_name = "FILE")]
    pub findings: Option<PathBuf>,
}

const RENDER_EXAMPLES: &str = "示例：
  nianbao render samples/seed.json -o seed.pdf
  nianbao render report.json -o report.pdf -o report.html -o report.docx   # 一次写出三种格式
  nianbao render report.json -o body.html --html-fragment  # 正文片段，粘贴到网站编辑器
  nianbao render report.yaml -o pages.png --ppi 100        # 每页一个 PNG：pages-1.png …
  nianbao render report.json -o report.pdf --pdf-standard a-2b
  nianbao render report.json -o report.pdf --pdf-standard ua-1   # 无障碍 PDF/UA-1
  nianbao render report.json --templates my-templates/ --keep-typst
  nianbao render report.json --font-path /usr/share/fonts/fangzheng
  nianbao render report.json --previous-dir 2023/ --allow-invalid

渲染前先做与 `nianbao validate` 相同的检查：有错误时不生成输出（除非 --allow-invalid）。

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
    /// 网页（HTML），供政府网站发布。
    Html,
    /// 可编辑的 Word 文档（.docx）。
    Docx,
}

/// Output formats of a batch (one file per report each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BatchFormatArg {
    /// PDF 文件。
    Pdf,
    /// 网页（HTML）。
    Html,
    /// Word 文档（.docx）。
    Docx,
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
    /// PDF/UA-1（无障碍）。
    #[value(name = "ua-1")]
    Ua1,
}

/// PDF options shared by render and batch.
#[derive(Debug, Clone, Args)]
pub struct PdfArgs {
    /// PDF 标准：1.7、a-2b（归档用 PDF/A-2b）、ua-1（无障碍 PDF/UA-1）；可用逗号组合，如 a-2b,ua-1。
    #[arg(long, value_enum, value_delimiter = ',', default_value = "1.7")]
    pub pdf_standard: Vec<PdfStandardArg>,
    /// 不给 PDF 加标签（结构树）：文件更小、更快，但读屏软件无法识别标题和表格。
    #[arg(long)]
    pub no_pdf_tags: bool,
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
    /// 配置文件（各角色字体链等）；默认使用数据文件旁的 nianbao.toml。
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// `nianbao render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// 报告数据文件（.json / .yaml / .toml）、填报表（.xlsx / .xls / .ods），或要导入的 .docx / .html / .pdf / .txt / .md。
    pub report: PathBuf,
    /// 输出文件，可多次指定（一次载入、检查，写出多种格式）；默认与数据文件同名的 .pdf。
    /// 格式按扩展名：.pdf .html .docx，.png/.svg 每页一个文件（name-1.png …）。
    #[arg(short, long, value_name = "FILE")]
    pub output: Vec<PathBuf>,
    /// 输出格式（只有一个输出文件时）；默认按输出文件扩展名判断。
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// HTML 只输出正文片段（全部内联样式），便于粘贴到门户网站的编辑器。
    #[arg(long)]
    pub html_fragment: bool,
    /// PNG 分辨率（像素/英寸）。
    #[arg(long, default_value_t = 144.0)]
    pub ppi: f32,
    /// 使用定制模板目录（见 `nianbao templates export`）。
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// PDF 选项。
    #[command(flatten)]
    pub pdf: PdfArgs,
    /// 把生成的 Typst 源码写到输出文件旁（name.typ），便于调试模板。
    #[arg(long)]
    pub keep_typst: bool,
    /// 数据有错误（勾稽关系不符等）时仍然生成输出；警告从不阻止输出。
    #[arg(long)]
    pub allow_invalid: bool,
    /// 上年报告。
    #[command(flatten)]
    pub previous: PreviousArgs,
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

/// `nianbao fonts`.
#[derive(Debug, Args)]
pub struct FontsArgs {
    /// 检查这份报告的文字是否都能用各角色的字体印出（渲染前）。
    #[arg(long, value_name = "REPORT")]
    pub check: Option<PathBuf>,
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
