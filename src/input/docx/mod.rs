//! Word 2007+ and WPS `.docx` files read into a [`Document`]. The package is untrusted: the
//! entry count is checked before the archive is opened, and the decompressed size of every
//! part read (and of all of them together) is capped, so a zip bomb stops with an error.

mod body;
mod styles;
mod xml;

use std::io::Read;

use crate::diag::Diagnostic;
use crate::input::document::Document;

/// Largest .docx accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// Most entries in the package (real ones have tens, a few hundred with many images).
pub const MAX_ENTRIES: usize = 5_000;
/// Largest decompressed XML part read (document.xml of a long report is a few MB).
pub const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;
/// Largest decompressed total of the parts read.
pub const MAX_TOTAL_BYTES: u64 = 64 * 1024 * 1024;

/// Elements whose content is not text of the report: deleted and moved-away text, field
/// codes, drawings and text boxes, the fallback of alternate content, section properties.
const SKIP: [&str; 12] = [
    "del",
    "moveFrom",
    "instrText",
    "delInstrText",
    "drawing",
    "pict",
    "object",
    "txbxContent",
    "Fallback",
    "sectPr",
    "footnoteReference",
    "commentReference",
];

/// Read a .docx file's content into a document; `name` names it in errors.
pub fn read(bytes: &[u8], name: &str) -> Result<Document, Vec<Diagnostic>> {
    let fail = |msg: String| vec![Diagnostic::error("import-read", msg).in_file(name)];
    if bytes.len() > MAX_FILE_BYTES {
        return Err(fail(format!(
            "文件过大（{} 字节），.docx 最大 {} MB",
            bytes.len(),
            MAX_FILE_BYTES >> 20
        )));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(fail(
            "这是旧版 Word（.doc）文件或加了密码的 .docx：请在 Word 或 WPS 中另存为不加密的 .docx"
                .into(),
        ));
    }
    if !bytes.starts_with(b"PK") {
        return Err(fail("不是有效的 .docx 文件（不是 zip 压缩包）".into()));
    }
    let entries = central_directory_entries(bytes)
        .ok_or_else(|| fail("不是有效的 .docx 文件（zip 目录损坏或文件被截断）".into()))?;
    if entries > MAX_ENTRIES {
        return Err(fail(format!(
            "压缩包内有 {entries} 个文件，超过 {MAX_ENTRIES} 个，不像正常的 .docx"
        )));
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| fail(format!("不是有效的 .docx 文件（zip 无法打开：{e}）")))?;
    let mut budget = MAX_TOTAL_BYTES;
    let mut part =
        |zip: &mut zip::ZipArchive<_>, path: &str| -> Result<Option<String>, Vec<Diagnostic>> {
            let mut file = match zip.by_name(path) {
                Ok(f) => f,
                Err(zip::result::ZipError::FileNotFound) => return Ok(None),
                Err(e) => return Err(fail(format!("无法读取 {path}：{e}"))),
            };
            if file.encrypted() {
                return Err(fail("文件加了密码，请先在 Word 或 WPS 中取消密码".into()));
            }
            let cap = MAX_PART_BYTES.min(budget);
            let mut data = Vec::new();
            (&mut file)
                .take(cap + 1)
                .read_to_end(&mut data)
                .map_err(|e| fail(format!("无法解压 {path}：{e}")))?;
            if data.len() as u64 > cap {
                return Err(fail(format!(
                    "{path} 解压后超过 {} MB（可能是压缩炸弹），已停止读取",
                    cap >> 20
                )));
            }
            budget -= data.len() as u64;
            decode(&data).map(Some).map_err(|e| fail(format!("{path}：{e}")))
        };

    let main = part(&mut zip, "_rels/.rels")?
        .and_then(|rels| target(&rels, "/officeDocument", ""))
        .unwrap_or_else(|| "word/document.xml".to_string());
    let Some(document) = part(&mut zip, &main)? else {
        return Err(fail(format!("压缩包中没有 {main}，不是 Word 文档")));
    };
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let rels_path = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let rels = part(&mut zip, &rels_path)?;
    let mut find = |kind: &str, default: &str| -> Result<Option<String>, Vec<Diagnostic>> {
        let path = rels
            .as_deref()
            .and_then(|r| target(r, kind, dir))
            .unwrap_or_else(|| default.to_string());
        part(&mut zip, &path)
    };
    let styles_xml = find("/styles", "word/styles.xml")?;
    let numbering_xml = find("/numbering", "word/numbering.xml")?;

    let parse = |xml: &str, what: &str| {
        xml::parse(xml, &SKIP, &["t"]).map_err(|e| fail(format!("{what}：{e}")))
    };
    let styles = match &styles_xml {
        Some(x) => styles::Styles::parse(&parse(x, "styles.xml")?),
        None => styles::Styles::default(),
    };
    let numbering = match &numbering_xml {
        Some(x) => styles::Numbering::parse(&parse(x, "numbering.xml")?),
        None => styles::Numbering::default(),
    };
    let root = parse(&document, &main)?;
    let Some(body_el) = root.child("body") else {
        return Err(fail(format!("{main} 中没有正文（w:body）")));
    };
    let mut body = body::Body::new(&styles, numbering);
    body.blocks_in(body_el);
    Ok(Document { blocks: body.blocks, findings: Vec::new() })
}

/// The number of entries the zip's end-of-central-directory record declares, read before
/// the archive is opened (so a directory of millions of entries is never loaded).
fn central_directory_entries(bytes: &[u8]) -> Option<usize> {
    let tail_start = bytes.len().saturating_sub(22 + 65_535);
    let tail = &bytes[tail_start..];
    let at = tail.windows(4).rposition(|w| w == [0x50, 0x4B, 0x05, 0x06])?;
    let rec = tail.get(at..at + 22)?;
    let total = u16::from_le_bytes([rec[10], rec[11]]) as usize;
    // 0xFFFF means the count is in a ZIP64 record: far more than a document has.
    Some(if total == 0xFFFF { usize::MAX } else { total })
}

/// An XML part's text: UTF-8 (with or without BOM) or UTF-16 with BOM.
fn decode(data: &[u8]) -> Result<String, String> {
    if data.starts_with(&[0xFF, 0xFE]) || data.starts_with(&[0xFE, 0xFF]) {
        let enc = if data[0] == 0xFF { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
        let (text, _, bad) = enc.decode(data);
        return if bad { Err("UTF-16 编码有误".into()) } else { Ok(text.into_owned()) };
    }
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    String::from_utf8(data.to_vec()).map_err(|_| "不是 UTF-8 编码的 XML".to_string())
}

/// The target of the first relationship whose type ends with `kind`, as a package path
/// (relative targets resolved against `dir`).
fn target(rels: &str, kind: &str, dir: &str) -> Option<String> {
    let root = xml::parse(rels, &[], &[]).ok()?;
    let rel = root.elements().find(|r| r.attr("Type").is_some_and(|t| t.ends_with(kind)))?;
    let t = rel.attr("Target")?;
    if rel.attr("TargetMode") == Some("External") {
        return None;
    }
    let path = match t.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None if dir.is_empty() => t.to_string(),
        None => format!("{dir}/{t}"),
    };
    // Resolve "a/../b" without leaving the package.
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}
