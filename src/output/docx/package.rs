//! The package around `word/document.xml`: content types and relationships, the styles
//! (正文 3号仿宋_GB2312 on the grid, 标题 2号方正小标宋简体, 一、 headings 黑体, （一）
//! headings 楷体_GB2312, 表格 5号宋体, 页码 4号宋体), the settings (mirrored margins,
//! different odd and even footers, zh-CN), the font table, the footers and the document
//! properties; zipped with fixed times so the same report gives the same bytes.

use std::fmt::Write as _;
use std::io::Write as _;

use typst::foundations::Datetime;
use zip::write::SimpleFileOptions;

use super::document::{FOOTER_EVEN, FOOTER_ODD, NAMESPACES, footer};
use super::{
    SIZE_BODY, SIZE_PAGE_NUMBER, SIZE_TABLE, SIZE_TITLE, char_spacing, esc, fonts, line_pitch,
};
use crate::render::template::{OfficeFont, View};

const XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// Zip the parts of the document.
pub(super) fn pack(
    view: &View<'_>,
    document: &str,
    date: Datetime,
) -> zip::result::ZipResult<Vec<u8>> {
    let year = date.year().unwrap_or(1980).clamp(1980, 2107) as u16;
    let time = zip::DateTime::from_date_and_time(
        year,
        date.month().unwrap_or(1),
        date.day().unwrap_or(1),
        0,
        0,
        0,
    )
    .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let parts: [(&str, String); 11] = [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", package_rels()),
        ("docProps/core.xml", core(view, date)),
        ("docProps/app.xml", app()),
        ("word/document.xml", document.to_string()),
        ("word/_rels/document.xml.rels", document_rels()),
        ("word/styles.xml", styles(view)),
        ("word/settings.xml", settings()),
        ("word/fontTable.xml", font_table(view)),
        ("word/footer1.xml", footer(true)),
        ("word/footer2.xml", footer(false)),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

fn content_types() -> String {
    let over =
        |part: &str, kind: &str| format!(r#"<Override PartName="{part}" ContentType="{kind}"/>"#);
    [
        XML.to_string(),
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#.into(),
        r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#.into(),
        r#"<Default Extension="xml" ContentType="application/xml"/>"#.into(),
        over("/word/document.xml", &format!("{CT}.document.main+xml")),
        over("/word/styles.xml", &format!("{CT}.styles+xml")),
        over("/word/settings.xml", &format!("{CT}.settings+xml")),
        over("/word/fontTable.xml", &format!("{CT}.fontTable+xml")),
        over("/word/footer1.xml", &format!("{CT}.footer+xml")),
        over("/word/footer2.xml", &format!("{CT}.footer+xml")),
        over("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        over("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        "</Types>".into(),
    ]
    .concat()
}

fn relationships(rels: &[(&str, &str, &str)]) -> String {
    let mut out = format!(
        r#"{XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    );
    for (id, kind, target) in rels {
        let _ = write!(out, r#"<Relationship Id="{id}" Type="{kind}" Target="{target}"/>"#);
    }
    out.push_str("</Relationships>");
    out
}

fn package_rels() -> String {
    relationships(&[
        ("rId1", &format!("{REL}/officeDocument"), "word/document.xml"),
        (
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        ),
        ("rId3", &format!("{REL}/extended-properties"), "docProps/app.xml"),
    ])
}

fn document_rels() -> String {
    relationships(&[
        ("rIdStyles", &format!("{REL}/styles"), "styles.xml"),
        ("rIdSettings", &format!("{REL}/settings"), "settings.xml"),
        ("rIdFonts", &format!("{REL}/fontTable"), "fontTable.xml"),
        (FOOTER_ODD, &format!("{REL}/footer"), "footer1.xml"),
        (FOOTER_EVEN, &format!("{REL}/footer"), "footer2.xml"),
    ])
}

/// The document properties: title, author (the organization), keywords, language and
/// the document date.
fn core(view: &View<'_>, date: Datetime) -> String {
    let when = format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        date.year().unwrap_or(1970),
        date.month().unwrap_or(1),
        date.day().unwrap_or(1)
    );
    format!(
        concat!(
            "{xml}",
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:subject>政府信息公开工作年度报告</dc:subject>",
            "<dc:creator>{author}</dc:creator><cp:keywords>{keywords}</cp:keywords>",
            "<dc:language>zh-CN</dc:language>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        xml = XML,
        title = esc(&view.title),
        author = esc(view.organization),
        keywords = esc(&view.keywords.join(", ")),
        when = when,
    )
}

fn app() -> String {
    format!(
        r#"{XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>nianbao {}</Application></Properties>"#,
        env!("CARGO_PKG_VERSION")
    )
}

/// Mirrored margins (订口 inside), different footers on odd and even pages, Chinese
/// punctuation compressed as Word does for Chinese documents.
fn settings() -> String {
    format!(
        concat!(
            "{xml}<w:settings {ns}>",
            r#"<w:zoom w:percent="100"/><w:mirrorMargins/><w:defaultTabStop w:val="420"/>"#,
            r#"<w:evenAndOddHeaders/><w:characterSpacingControl w:val="compressPunctuation"/>"#,
            r#"<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/>"#,
            r#"<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
            r#"<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>"#,
            r#"<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>"#
        ),
        xml = XML,
        ns = NAMESPACES
    )
}

/// The fonts the document names, with their usual alternative names and the GB2312
/// character set, so Word and WPS find a substitute when one is missing.
fn font_table(view: &View<'_>) -> String {
    let f = view.office_fonts;
    let mut out = format!("{XML}<w:fonts {NAMESPACES}>");
    let mut seen: Vec<&str> = Vec::new();
    for font in [&f.title, &f.body, &f.hei, &f.kai, &f.song] {
        if seen.contains(&font.name.as_str()) {
            continue;
        }
        seen.push(&font.name);
        let alt = match font.name.as_str() {
            "仿宋_GB2312" => Some("仿宋"),
            "楷体_GB2312" => Some("楷体"),
            "方正小标宋简体" | "方正小标宋_GBK" => Some("宋体"),
            _ => None,
        };
        let _ = write!(out, r#"<w:font w:name="{}">"#, esc(&font.name));
        if let Some(alt) = alt {
            let _ = write!(out, r#"<w:altName w:val="{alt}"/>"#);
        }
        out.push_str(r#"<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>"#);
    }
    out.push_str("</w:fonts>");
    out
}

/// A paragraph style.
fn style(out: &mut String, id: &str, name: &str, ppr: &str, rpr: &str) {
    let based =
        if id == "Normal" { String::new() } else { r#"<w:basedOn w:val="Normal"/>"#.into() };
    let default = if id == "Normal" { r#" w:default="1""# } else { "" };
    let _ = write!(
        out,
        r#"<w:style w:type="paragraph"{default} w:styleId="{id}"><w:name w:val="{name}"/>{based}<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"#
    );
}

/// The styles: every paragraph on the line grid (exactly one line pitch) except the
/// title, tables and footers, which are off the character grid so their own sizes set.
fn styles(view: &View<'_>) -> String {
    let f = view.office_fonts;
    let pitch = line_pitch();
    let size = |half: u32| format!(r#"<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>"#);
    // rFonts, then snapToGrid (off: the run keeps its own size on the character grid), the
    // spacing and the size, in the order the schema gives. 3号 text gets the spacing that
    // sets 28 characters to a line (see `char_spacing`).
    let font = |font: &OfficeFont, half: u32| {
        format!(
            r#"{}<w:snapToGrid w:val="0"/><w:spacing w:val="{}"/>{}"#,
            fonts(font),
            char_spacing(),
            size(half)
        )
    };
    let off_grid = |font: &OfficeFont, half: u32| {
        format!(r#"{}<w:snapToGrid w:val="0"/>{}"#, fonts(font), size(half))
    };
    // Exactly one line pitch per line, so 22 lines fill the text block in any reader; off
    // the grid (the paragraph snaps neither lines nor, in LibreOffice, characters).
    let body_line = format!(
        r#"<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{pitch}" w:lineRule="exact"/>"#
    );
    let indent = r#"<w:ind w:firstLineChars="200" w:firstLine="640"/>"#;
    let mut out = format!("{XML}<w:styles {NAMESPACES}>");
    let _ = write!(
        out,
        r#"<w:docDefaults><w:rPrDefault><w:rPr>{}<w:kern w:val="2"/>{}<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
        fonts(&f.body),
        size(SIZE_BODY)
    );
    style(
        &mut out,
        "Normal",
        "Normal",
        &format!(r#"<w:widowControl w:val="0"/>{body_line}{indent}<w:jc w:val="both"/>"#),
        &font(&f.body, SIZE_BODY),
    );
    style(
        &mut out,
        "Title",
        "Title",
        &format!(
            r#"<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{pitch}" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>"#
        ),
        &off_grid(&f.title, SIZE_TITLE),
    );
    for (level, role) in [(1, &f.hei), (2, &f.kai), (3, &f.body), (4, &f.body)] {
        style(
            &mut out,
            &format!("Heading{level}"),
            &format!("heading {level}"),
            &format!(r#"<w:keepNext/>{body_line}{indent}<w:outlineLvl w:val="{}"/>"#, level - 1),
            &font(role, SIZE_BODY),
        );
    }
    let table = r#"<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>"#;
    style(&mut out, "TableText", "表格文字", table, &off_grid(&f.song, SIZE_TABLE));
    // The gap below a table: what the PDF leaves (a line pitch less 3号), not a whole line.
    let gap = line_pitch() - SIZE_BODY * 10;
    style(
        &mut out,
        "TableGap",
        "表格后空行",
        &format!(
            r#"<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{gap}" w:lineRule="exact"/>"#
        ),
        &font(&f.body, SIZE_BODY),
    );
    style(&mut out, "Signature", "署名", &body_line, &font(&f.body, SIZE_BODY));
    style(
        &mut out,
        "Footer",
        "footer",
        r#"<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="280" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/>"#,
        &off_grid(&f.song, SIZE_PAGE_NUMBER),
    );
    // The run-in （一） subheading: 楷体 inside a body paragraph.
    let _ = write!(
        out,
        r#"<w:style w:type="character" w:styleId="Subheading"><w:name w:val="段首小标题"/><w:qFormat/><w:rPr>{}</w:rPr></w:style>"#,
        fonts(&f.kai)
    );
    // Tables: no indent, the cell margins set per table.
    out.push_str(r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#);
    out.push_str(r#"<w:style w:type="table" w:styleId="FormTable"><w:name w:val="报告表格"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:jc w:val="center"/></w:tblPr></w:style>"#);
    out.push_str("</w:styles>");
    out
}
