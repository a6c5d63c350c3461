//! Spreadsheet files are untrusted: before any reader opens one, its container is checked
//! here. The kind comes from the magic bytes (a zip for xlsx and ods, an OLE compound file
//! for xls and for a password-protected xlsx), not from the extension. A zip's entry count
//! and its real decompressed size are capped: calamine has no limits, and the sizes a zip
//! declares can lie, so every entry is inflated once into a counter. An xls's and an ods's
//! cell extent is bounded before a reader lays out a grid for it.

use std::io::{Cursor, Read};

use super::cfb::{self, Compound};
use super::ods;
use crate::diag::Diagnostic;

/// Largest spreadsheet file accepted, in bytes (a county's sheet of a thousand units is
/// well under 1 MB).
pub const MAX_FILE_BYTES: usize = crate::model::limits::MAX_FILE_BYTES;
/// Most entries in a zip container (a workbook has a few dozen).
pub const MAX_ENTRIES: usize = 2_000;
/// Most bytes a zip container may inflate to, all entries together.
pub const MAX_UNCOMPRESSED: u64 = 160 * 1024 * 1024;
/// Most cells the readers may lay out on grids, all sheets together.
pub const MAX_CELLS: u64 = 4_000_000;

/// The spreadsheet formats nianbao reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Office Open XML (Excel 2007+, WPS 表格, LibreOffice "Excel 2007–365").
    Xlsx,
    /// The Excel 97–2003 binary format.
    Xls,
    /// OpenDocument Spreadsheet.
    Ods,
}

impl Kind {
    /// The format's usual extension, as `Imported::format` names it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Xlsx => "xlsx",
            Kind::Xls => "xls",
            Kind::Ods => "ods",
        }
    }
}

/// What the guard learned about a container that a reader needs.
#[derive(Debug, Default)]
pub struct Checked {
    /// For ods: the merged ranges of every sheet (calamine does not report them).
    pub ods_merges: ods::Merges,
    /// For xls: the formula cells of every sheet (calamine misses shared formulas).
    pub xls_formulas: std::collections::HashMap<String, Vec<(u32, u32)>>,
}

fn fail(code: &'static str, name: &str, message: impl Into<String>) -> Box<Diagnostic> {
    Box::new(Diagnostic::error(code, message).in_file(name))
}

/// The message for a password-protected file, with how to remove the password.
pub fn password_error(name: &str) -> Box<Diagnostic> {
    let d = fail("sheet-password", name, "文件有密码保护，nianbao 无法读取");
    Box::new(d.hint("在 Excel 或 WPS 中打开，取消“用密码进行加密”（文件—信息—保护工作簿），另存后再读取；工作表保护（无密码）不影响读取"))
}

/// Check a spreadsheet file's container and return its real kind.
pub fn check(bytes: &[u8], name: &str) -> Result<(Kind, Checked), Box<Diagnostic>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(fail(
            "sheet-limit",
            name,
            format!(
                "文件过大（{} 字节），电子表格不能超过 {} MB",
                bytes.len(),
                MAX_FILE_BYTES / 1024 / 1024
            ),
        ));
    }
    if bytes.starts_with(&cfb::MAGIC) {
        return compound(bytes, name);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return zip(bytes, name);
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_lowercase();
    let message = if head.trim_start().starts_with('<') {
        "这是网页（HTML）文件，只是扩展名像电子表格（有些系统“导出 Excel”就是这样）：请在 Excel 或 WPS 中打开后另存为 .xlsx"
    } else if bytes.is_empty() {
        "文件为空"
    } else {
        "不是 xlsx、xls 或 ods 电子表格（文件头不对：可能已损坏，或是改了扩展名的其他文件）"
    };
    Err(fail("sheet-format", name, message))
}

/// An OLE compound file: an xls, or an xlsx encrypted with a password.
fn compound(bytes: &[u8], name: &str) -> Result<(Kind, Checked), Box<Diagnostic>> {
    let broken = || fail("sheet-format", name, "文件已损坏：无法读取其中的复合文档结构");
    let file = Compound::parse(bytes).ok_or_else(broken)?;
    let names = file.names();
    if names.iter().any(|n| n == "EncryptedPackage" || n == "EncryptionInfo") {
        return Err(password_error(name));
    }
    let stream = ["Workbook", "Book"]
        .iter()
        .find_map(|s| names.iter().any(|n| n == s).then(|| file.stream(s)))
        .ok_or_else(|| {
            let what = if names.iter().any(|n| n == "WordDocument") {
                "这是 Word 文档（.doc），不是电子表格"
            } else {
                "不是电子表格：复合文档中没有工作簿"
            };
            fail("sheet-format", name, what)
        })?
        .ok_or_else(broken)?;
    let scan = cfb::scan_biff(&stream);
    if scan.encrypted {
        return Err(password_error(name));
    }
    if scan.cells > MAX_CELLS || scan.sheets > 1_000 {
        return Err(too_big(name, scan.cells));
    }
    Ok((Kind::Xls, Checked { xls_formulas: scan.formulas, ..Checked::default() }))
}

fn too_big(name: &str, cells: u64) -> Box<Diagnostic> {
    fail(
        "sheet-limit",
        name,
        format!("工作表范围过大（约 {cells} 个单元格，上限 {MAX_CELLS}）：不是正常的填报表"),
    )
}

/// A zip: every entry's real size is counted by inflating it, with caps on the count and
/// the total; then the kind follows the parts it holds.
fn zip(bytes: &[u8], name: &str) -> Result<(Kind, Checked), Box<Diagnostic>> {
    let broken = |e: &dyn std::fmt::Display| {
        fail("sheet-format", name, format!("文件已损坏：压缩包无法读取（{e}）"))
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| broken(&e))?;
    if archive.len() > MAX_ENTRIES {
        return Err(fail(
            "sheet-limit",
            name,
            format!(
                "压缩包中有 {} 个文件，超过上限 {MAX_ENTRIES}：不是正常的电子表格",
                archive.len()
            ),
        ));
    }
    let bomb = || {
        fail(
            "sheet-limit",
            name,
            format!(
                "解压后超过 {} MB（可能是“压缩炸弹”），拒绝读取",
                MAX_UNCOMPRESSED / 1024 / 1024
            ),
        )
    };
    // First what the archive declares (nothing inflated yet), then what it really holds.
    let mut declared: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| broken(&e))?;
        declared = declared.saturating_add(entry.size());
    }
    if declared > MAX_UNCOMPRESSED {
        return Err(bomb());
    }
    let mut total: u64 = 0;
    let mut parts = Vec::with_capacity(archive.len());
    let mut content = None;
    let mut mimetype = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| match e {
            zip::result::ZipError::UnsupportedArchive(_)
            | zip::result::ZipError::InvalidPassword => password_error(name),
            e => broken(&e),
        })?;
        if entry.encrypted() {
            return Err(password_error(name));
        }
        let part = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let budget = MAX_UNCOMPRESSED - total;
        // ods keeps its cells in content.xml and names itself in mimetype: keep both.
        let keep = part == "content.xml" || part == "mimetype";
        let mut sink = Vec::new();
        let mut limited = (&mut entry).take(budget + 1);
        let n = if keep {
            limited.read_to_end(&mut sink)
        } else {
            std::io::copy(&mut limited, &mut std::io::sink()).map(|n| n as usize)
        }
        .map_err(|e| broken(&e))? as u64;
        total += n;
        if total > MAX_UNCOMPRESSED {
            return Err(bomb());
        }
        match part.as_str() {
            "content.xml" => content = Some(sink),
            "mimetype" => mimetype = sink,
            _ => {}
        }
        parts.push(part);
    }
    let has = |p: &str| parts.iter().any(|n| n == p);
    if mimetype.starts_with(b"application/vnd.oasis.opendocument.spreadsheet") {
        let xml = content.ok_or_else(|| broken(&"缺少 content.xml"))?;
        let scan = ods::scan(&xml).map_err(|e| broken(&e))?;
        if scan.cells > MAX_CELLS {
            return Err(too_big(name, scan.cells));
        }
        return Ok((Kind::Ods, Checked { ods_merges: scan.merges, ..Checked::default() }));
    }
    if has("xl/workbook.xml") {
        return Ok((Kind::Xlsx, Checked::default()));
    }
    let what = if has("word/document.xml") {
        "这是 Word 文档（.docx），不是电子表格"
    } else if mimetype.starts_with(b"application/vnd.oasis.opendocument.text") {
        "这是 OpenDocument 文本文档（.odt），不是电子表格"
    } else {
        "不是电子表格：压缩包中没有工作簿"
    };
    Err(fail("sheet-format", name, what))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (n, b) in entries {
            w.start_file(*n, o).unwrap();
            w.write_all(b).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn a_zip_bomb_is_refused_before_any_reader() {
        let zeros = vec![0u8; 8 * 1024 * 1024];
        let entries: Vec<(String, &[u8])> =
            (0..25).map(|i| (format!("xl/worksheets/sheet{i}.xml"), zeros.as_slice())).collect();
        let mut list: Vec<(&str, &[u8])> = entries.iter().map(|(n, b)| (n.as_str(), *b)).collect();
        list.push(("xl/workbook.xml", b"<workbook/>"));
        let bytes = zip_of(&list);
        assert!(bytes.len() < 2 * 1024 * 1024, "the bomb is small: {}", bytes.len());
        let d = check(&bytes, "bomb.xlsx").unwrap_err();
        assert_eq!(d.code, "sheet-limit");
        assert!(d.message.contains("压缩炸弹"), "{d}");
    }

    #[test]
    fn a_bomb_that_lies_about_its_sizes_is_counted_as_it_inflates() {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file("xl/workbook.xml", o).unwrap();
        w.write_all(b"<workbook/>").unwrap();
        w.start_file("xl/big.xml", o).unwrap();
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..200 {
            w.write_all(&zeros).unwrap();
        }
        let mut bytes = w.finish().unwrap().into_inner();
        // Declare 1 KB for every entry, in the local headers and the central directory.
        for (sig, at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
            let mut i = 0;
            while let Some(p) = bytes[i..].windows(4).position(|w| w == sig) {
                let field = i + p + at;
                bytes[field..field + 4].copy_from_slice(&1024u32.to_le_bytes());
                i += p + 4;
            }
        }
        let d = check(&bytes, "liar.xlsx").unwrap_err();
        assert!(d.code == "sheet-limit" || d.code == "sheet-format", "{d}");
    }

    #[test]
    fn kinds_come_from_the_content_not_the_name() {
        let xlsx = zip_of(&[("xl/workbook.xml", b"<workbook/>")]);
        assert_eq!(check(&xlsx, "a.ods").unwrap().0, Kind::Xlsx);
        let docx = zip_of(&[("word/document.xml", b"<w/>")]);
        assert!(check(&docx, "a.xlsx").unwrap_err().message.contains("Word"));
        let html = b"<html><table><tr><td>1</td></tr></table></html>";
        assert!(check(html, "export.xls").unwrap_err().message.contains("HTML"));
        assert_eq!(check(b"", "e.xlsx").unwrap_err().message, "文件为空");
    }
}
