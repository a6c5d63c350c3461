//! Read a report PDF's text layer into a [`Document`]: paragraphs in reading order with
//! their alignment, and tables rebuilt from the drawn cell borders (merged cells included),
//! every block and cell with the page it came from. PDFs are untrusted: the file size, the
//! pages, the glyphs and lines per page, the inflated stream sizes and the time spent are
//! capped, and a panic in the interpreter becomes an error, never a crash.

mod continued;
mod extract;
mod guard;
mod layout;
mod lines;
mod tables;

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use hayro_interpret::hayro_syntax::{DecryptionError, LoadPdfError, Pdf};
use hayro_interpret::{
    Context, InterpreterCache, InterpreterSettings, TransformExt, interpret_page,
};
use kurbo::Rect;

use crate::diag::Diagnostic;
use crate::input::document::Document;

use extract::{Collector, PageContent, Stop};

/// The largest PDF read (bytes).
pub const MAX_BYTES: usize = 64 << 20;
/// The most pages read; reports have a few dozen at most.
pub const MAX_PAGES: usize = 500;
/// The longest time spent on one file.
pub const MAX_TIME: Duration = Duration::from_secs(20);

/// Read a PDF's text layer into a document. `name` names the file in messages.
pub fn read(bytes: &[u8], name: &str) -> Result<Document, Vec<Diagnostic>> {
    let fail = |code: &'static str, msg: String| vec![Diagnostic::error(code, msg).in_file(name)];
    if bytes.len() > MAX_BYTES {
        return Err(fail(
            "pdf-limit",
            format!("PDF 文件过大（{} MB），最多读取 {} MB", bytes.len() >> 20, MAX_BYTES >> 20),
        ));
    }
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(fail("pdf-invalid", "不是 PDF 文件（文件开头没有 %PDF- 标记）".into()));
    }
    if let Err(bomb) = guard::check(bytes) {
        return Err(fail(
            "pdf-limit",
            format!(
                "PDF 中位于字节 {} 的数据流解压后超过 {} MB，疑似恶意构造的文件，已拒绝读取",
                bomb.offset,
                guard::MAX_STREAM >> 20
            ),
        ));
    }
    let pages = match catch_unwind(AssertUnwindSafe(|| read_pages(bytes))) {
        Ok(result) => result.map_err(|msg| fail(msg.0, msg.1))?,
        Err(_) => {
            return Err(fail("pdf-invalid", "PDF 文件已损坏或结构异常，解析器无法读取".into()));
        }
    };
    let glyphs: usize = pages.iter().map(|p| p.glyphs.len()).sum();
    let images: usize = pages.iter().map(|p| p.images).sum();
    // A scan may carry a stamped page number or a few words; its pages are images.
    let scanned = images >= pages.len() && glyphs < 10 * pages.len();
    if glyphs == 0 || scanned {
        let unmapped: usize = pages.iter().map(|p| p.unmapped).sum();
        let msg = if unmapped > 0 && images < pages.len() {
            "PDF 中的文字无法提取：字体没有字符映射（ToUnicode），只能看不能复制".to_string()
        } else if images > 0 {
            format!(
                "这是扫描件，没有文字层（{} 页只有图片），无法读取文字；请提供原始文档或带文字层的 PDF",
                pages.len()
            )
        } else {
            "PDF 中没有任何文字".to_string()
        };
        return Err(vec![
            Diagnostic::error("pdf-no-text", msg)
                .in_file(name)
                .hint("可用 Word/WPS 原文件或“另存为 PDF”得到带文字层的文件"),
        ]);
    }
    let unmapped: usize = pages.iter().map(|p| p.unmapped).sum();
    if unmapped * 4 > glyphs {
        // Missing characters would silently change labels and numbers.
        return Err(vec![
            Diagnostic::error(
                "pdf-no-text",
                format!("PDF 中有 {unmapped} 个字符无法提取（字体没有字符映射 ToUnicode），读出的文字会缺字"),
            )
            .in_file(name)
            .hint("可用 Word/WPS 原文件或“另存为 PDF”得到带文字层的文件"),
        ]);
    }
    Ok(layout::document(&pages))
}

type Failure = (&'static str, String);

fn read_pages(bytes: &[u8]) -> Result<Vec<PageContent>, Failure> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(DecryptionError::PasswordProtected) => (
            "pdf-encrypted",
            "PDF 已加密（需要打开密码），无法读取；请提供未加密的文件".to_string(),
        ),
        LoadPdfError::Decryption(_) => (
            "pdf-encrypted",
            "PDF 使用了不支持的加密方式，无法读取；请提供未加密的文件".to_string(),
        ),
        LoadPdfError::Invalid => ("pdf-invalid", "PDF 文件已损坏，无法解析".to_string()),
    })?;
    let pages = pdf.pages();
    if pages.is_empty() {
        return Err(("pdf-invalid", "PDF 没有任何页面".to_string()));
    }
    if pages.len() > MAX_PAGES {
        return Err(("pdf-limit", format!("PDF 有 {} 页，超过上限 {} 页", pages.len(), MAX_PAGES)));
    }
    let deadline = Instant::now() + MAX_TIME;
    let settings = InterpreterSettings { render_annotations: false, ..Default::default() };
    let cache = InterpreterCache::new();
    let mut fonts = HashMap::new();
    let mut out = Vec::with_capacity(pages.len());
    for (i, page) in pages.iter().enumerate() {
        let (w, h) = page.render_dimensions();
        let transform = page.initial_transform(true).to_kurbo();
        let mut ctx = Context::new(
            transform,
            Rect::new(0.0, 0.0, w as f64, h as f64),
            &cache,
            page.xref(),
            settings.clone(),
        );
        let mut device = Collector::new(h as f64, &mut fonts, deadline);
        interpret_page(page, &mut ctx, &mut device);
        match device.stopped {
            Some(Stop::Time) => {
                return Err((
                    "pdf-limit",
                    format!("读取 PDF 超时（超过 {} 秒，停在第{}页）", MAX_TIME.as_secs(), i + 1),
                ));
            }
            Some(Stop::TooMuch) => {
                return Err((
                    "pdf-limit",
                    format!(
                        "PDF 第{}页的文字或线条过多（超过 {} 个），不像年度报告",
                        i + 1,
                        extract::MAX_GLYPHS
                    ),
                ));
            }
            None => {}
        }
        out.push(device.page);
        if Instant::now() > deadline {
            return Err((
                "pdf-limit",
                format!("读取 PDF 超时（超过 {} 秒，停在第{}页）", MAX_TIME.as_secs(), i + 1),
            ));
        }
    }
    Ok(out)
}
