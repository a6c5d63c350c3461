//! `nianbao render`: one report to PDF, HTML, DOCX, PNG or SVG, several at once from one
//! load and one validation.

use std::path::PathBuf;

use nianbao::output::{page_paths, write_atomic};
use nianbao::render::fonts::Bundle;
use nianbao::{Artifact, FontOptions, OutputFormat, PdfStandardChoice, Renderer, RendererOptions};

use super::args::{FontArgs, FormatArg, PdfArgs, PdfStandardArg, RenderArgs};
use super::{Status, print_diagnostics, say};

/// Font options from the command line and the configuration file (`--config`, or
/// `nianbao.toml` beside `data`).
pub fn font_options(
    args: &FontArgs,
    data: Option<&std::path::Path>,
) -> Result<FontOptions, Box<nianbao::Diagnostic>> {
    let config = nianbao::render::config::Config::discover(args.config.as_deref(), data)?;
    let mut font_paths = args.font_paths.clone();
    if let Some(c) = &config {
        font_paths.extend(c.fonts.font_paths.iter().cloned());
    }
    Ok(FontOptions {
        font_paths,
        system_fonts: !args.ignore_system_fonts,
        bundle: match &args.bundle_fonts {
            Some(dir) => Bundle::Dir(dir.clone()),
            None => Bundle::default(),
        },
        chains: config.map(|c| c.chains()),
    })
}

/// The PDF standard the options ask for; PDF/UA-1 with `--no-pdf-tags` is refused.
fn pdf_choice(pdf: &PdfArgs) -> Result<PdfStandardChoice, Status> {
    let a2b = pdf.pdf_standard.contains(&PdfStandardArg::A2b);
    let ua = pdf.pdf_standard.contains(&PdfStandardArg::Ua1);
    if ua && pdf.no_pdf_tags {
        say("错误：PDF/UA-1 需要带标签的 PDF，不能与 --no-pdf-tags 同时使用");
        return Err(Status::Error);
    }
    Ok(match (a2b, ua) {
        (false, false) => PdfStandardChoice::Plain,
        (true, false) => PdfStandardChoice::A2b,
        (false, true) => PdfStandardChoice::Ua1,
        (true, true) => PdfStandardChoice::A2bUa1,
    })
}

/// Build the renderer from the options `render` and `batch` share; failures are printed
/// and become the exit status.
pub fn build_renderer(
    fonts: &FontArgs,
    data: Option<&std::path::Path>,
    templates: Option<PathBuf>,
    style: nianbao::Style,
    pdf: &PdfArgs,
    timestamp: Option<i64>,
) -> Result<Renderer, Status> {
    let pdf_standard = pdf_choice(pdf)?;
    let built = font_options(fonts, data).and_then(|fonts| {
        Renderer::new(&RendererOptions {
            templates,
            fonts,
            style,
            pdf_standard,
            untagged_pdf: pdf.no_pdf_tags,
            timestamp,
        })
    });
    built.map_err(|d| {
        print_diagnostics(&[*d]);
        Status::Error
    })
}

/// The outputs asked for: each file with its format (`--format` for a single output,
/// otherwise the extension), or `report.pdf` beside the data.
fn outputs(args: &RenderArgs) -> Result<Vec<(PathBuf, OutputFormat)>, Status> {
    let files = if args.output.is_empty() {
        vec![args.report.with_extension("pdf")]
    } else {
        args.output.clone()
    };
    if args.format.is_some() && files.len() > 1 {
        say("错误：--format 只能用于一个输出文件；多个输出文件按扩展名确定格式");
        return Err(Status::Error);
    }
    let mut out = Vec::new();
    for file in files {
        let format = match (args.format, OutputFormat::from_path(&file)) {
            (Some(FormatArg::Pdf), _) => OutputFormat::Pdf,
            (Some(FormatArg::Png), _) | (None, Some(OutputFormat::Png { .. })) => {
                OutputFormat::Png { ppi: args.ppi }
            }
            (Some(FormatArg::Svg), _) => OutputFormat::Svg,
            (Some(FormatArg::Html), _) => OutputFormat::Html { fragment: false },
            (Some(FormatArg::Docx), _) => OutputFormat::Docx,
            (None, Some(f)) => f,
            (None, None) => {
                say(&format!(
                    "错误：无法从输出文件名 {} 判断格式；请用 .pdf/.html/.docx/.png/.svg 扩展名或 --format",
                    file.display()
                ));
                return Err(Status::Error);
            }
        };
        let format = match format {
            OutputFormat::Html { .. } => OutputFormat::Html { fragment: args.html_fragment },
            f => f,
        };
        if out.iter().any(|(f, _)| f == &file) {
            say(&format!("错误：输出文件 {} 指定了两次", file.display()));
            return Err(Status::Error);
        }
        out.push((file, format));
    }
    Ok(out)
}

/// Run `nianbao render`: one load, one validation, one layout, every output asked for.
pub fn render(args: &RenderArgs) -> Status {
    let outputs = match outputs(args) {
        Ok(o) => o,
        Err(status) => return status,
    };
    if !(1.0..=1200.0).contains(&args.ppi) {
        say("错误：--ppi 应在 1 到 1200 之间");
        return Status::Error;
    }

    let (report, findings) = super::validate::check(&args.report, &args.previous);
    print_diagnostics(&findings);
    let Some(report) = report else { return Status::Failure };
    let errors = findings.iter().filter(|d| d.is_error()).count();
    if errors > 0 && !args.allow_invalid {
        say(&format!(
            "{}：数据有 {errors} 个错误，未生成输出。请核实后重试，或加 --allow-invalid 仍然输出。",
            args.report.display()
        ));
        return Status::Failure;
    }
    let style = nianbao::Style { subheading_bold: args.subheading_bold };
    let renderer = match build_renderer(
        &args.fonts,
        Some(&args.report),
        args.templates.clone(),
        style,
        &args.pdf,
        args.creation_timestamp,
    ) {
        Ok(r) => r,
        Err(status) => return status,
    };
    let formats: Vec<OutputFormat> = outputs.iter().map(|(_, f)| *f).collect();
    let rendered = renderer.render_many(&report, &formats);
    // Findings shared by several outputs (the layout's) are printed once.
    let mut diagnostics: Vec<nianbao::Diagnostic> = Vec::new();
    for d in rendered.iter().flat_map(|r| &r.diagnostics) {
        if !diagnostics.contains(d) {
            diagnostics.push(d.clone());
        }
    }
    print_diagnostics(&diagnostics);

    if args.keep_typst {
        let first = &outputs[0].0;
        let source = rendered
            .iter()
            .find_map(|r| r.source.clone())
            .or_else(|| renderer.generate(&report).ok().map(|g| g.text));
        if let Some(source) = source {
            let path = first.with_extension("typ");
            match write_atomic(&path, source.as_bytes()) {
                Ok(()) => say(&format!("已保存生成的 Typst 源码：{}", path.display())),
                Err(e) => say(&format!("警告：无法写入 {}：{e}", path.display())),
            }
        }
    }

    // All or nothing: a report that fails in one format writes none.
    if rendered.iter().any(|r| r.artifact.is_none()) {
        say(&format!("渲染失败：{}，未生成输出", args.report.display()));
        return Status::Failure;
    }
    let mut shown = Vec::new();
    for ((output, _), r) in outputs.iter().zip(rendered) {
        let Some(artifact) = r.artifact else { continue };
        let written: Vec<PathBuf> = match &artifact {
            Artifact::Pages(pages) => {
                let paths = page_paths(output, pages.len());
                for (path, bytes) in paths.iter().zip(pages) {
                    if let Err(e) = write_atomic(path, bytes) {
                        say(&format!("错误：无法写入 {}：{e}", path.display()));
                        return Status::Error;
                    }
                }
                paths
            }
            one => {
                let bytes = one.file().unwrap_or_default();
                if let Err(e) = write_atomic(output, bytes) {
                    say(&format!("错误：无法写入 {}：{e}", output.display()));
                    return Status::Error;
                }
                vec![output.clone()]
            }
        };
        let name = match written.as_slice() {
            [one] => one.display().to_string(),
            [first, .., last] => format!("{} … {}", first.display(), last.display()),
            [] => String::new(),
        };
        shown.push(if r.pages > 0 { format!("{name}（{} 页）", r.pages) } else { name });
    }
    say(&format!("已生成 {}", shown.join("、")));
    Status::Success
}
