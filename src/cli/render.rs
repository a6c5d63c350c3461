//! `nianbao render`: one report to PDF, PNG or SVG.

use std::path::PathBuf;

use nianbao::output::{page_paths, write_atomic};
use nianbao::render::fonts::Bundle;
use nianbao::{Artifact, FontOptions, OutputFormat, PdfStandardChoice, Renderer, RendererOptions};

use super::args::{FontArgs, FormatArg, PdfStandardArg, RenderArgs};
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

/// Build the renderer from the options `render` and `batch` share; failures are printed
/// and become the exit status.
pub fn build_renderer(
    fonts: &FontArgs,
    data: Option<&std::path::Path>,
    templates: Option<PathBuf>,
    style: nianbao::Style,
    pdf_standard: PdfStandardArg,
    timestamp: Option<i64>,
) -> Result<Renderer, Status> {
    let built = font_options(fonts, data).and_then(|fonts| {
        let pdf_standard = match pdf_standard {
            PdfStandardArg::V17 => PdfStandardChoice::Plain,
            PdfStandardArg::A2b => PdfStandardChoice::A2b,
        };
        Renderer::new(&RendererOptions { templates, fonts, style, pdf_standard, timestamp })
    });
    built.map_err(|d| {
        print_diagnostics(&[*d]);
        Status::Error
    })
}

/// Run `nianbao render`.
pub fn render(args: &RenderArgs) -> Status {
    let output = args.output.clone().unwrap_or_else(|| args.report.with_extension("pdf"));
    let format = match (args.format, OutputFormat::from_path(&output)) {
        (Some(FormatArg::Pdf), _) => OutputFormat::Pdf,
        (Some(FormatArg::Png), _) => OutputFormat::Png { ppi: args.ppi },
        (Some(FormatArg::Svg), _) => OutputFormat::Svg,
        (None, Some(OutputFormat::Png { .. })) => OutputFormat::Png { ppi: args.ppi },
        (None, Some(f)) => f,
        (None, None) => {
            say(&format!(
                "错误：无法从输出文件名 {} 判断格式；请用 .pdf/.png/.svg 扩展名或 --format",
                output.display()
            ));
            return Status::Error;
        }
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
        args.pdf_standard,
        args.creation_timestamp,
    ) {
        Ok(r) => r,
        Err(status) => return status,
    };
    let rendered = renderer.render(&report, format);
    print_diagnostics(&rendered.diagnostics);

    if args.keep_typst
        && let Some(source) = &rendered.source
    {
        let path = output.with_extension("typ");
        match write_atomic(&path, source.as_bytes()) {
            Ok(()) => say(&format!("已保存生成的 Typst 源码：{}", path.display())),
            Err(e) => say(&format!("警告：无法写入 {}：{e}", path.display())),
        }
    }

    let Some(artifact) = rendered.artifact else {
        say(&format!("渲染失败：{}", args.report.display()));
        return Status::Failure;
    };
    let written: Vec<PathBuf> = match artifact {
        Artifact::Pdf(bytes) => match write_atomic(&output, &bytes) {
            Ok(()) => vec![output.clone()],
            Err(e) => {
                say(&format!("错误：无法写入 {}：{e}", output.display()));
                return Status::Error;
            }
        },
        Artifact::Pages(pages) => {
            let paths = page_paths(&output, pages.len());
            for (path, bytes) in paths.iter().zip(&pages) {
                if let Err(e) = write_atomic(path, bytes) {
                    say(&format!("错误：无法写入 {}：{e}", path.display()));
                    return Status::Error;
                }
            }
            paths
        }
    };
    let shown = match written.as_slice() {
        [one] => one.display().to_string(),
        [first, .., last] => format!("{} … {}", first.display(), last.display()),
        [] => String::new(),
    };
    say(&format!("已生成 {shown}（{} 页）", rendered.pages));
    Status::Success
}
