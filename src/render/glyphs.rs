//! Glyph checks after layout: a character drawn as .notdef (tofu) is an error, and a
//! character that had to fall back from its role's font to the wide fallback (Noto Serif
//! CJK SC) is a warning. Each finding names the character (with its U+ code point), the
//! data fields it comes from, and the fonts involved.

use std::collections::BTreeMap;

use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;

use crate::diag::Diagnostic;
use crate::model::Report;
use crate::render::fonts::{FontSet, Role, WIDE_FALLBACK};

/// One text item in frame order: its family and the characters of each glyph.
struct Item {
    family: String,
    glyphs: Vec<(String, bool)>,
}

fn items(frame: &Frame, out: &mut Vec<Item>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => items(&g.frame, out),
            FrameItem::Text(t) => out.push(Item {
                family: t.font.font().info().family.clone(),
                glyphs: t
                    .glyphs
                    .iter()
                    .map(|g| (t.text[g.range()].to_string(), g.id == 0))
                    .collect(),
            }),
            _ => {}
        }
    }
}

fn describe(ch: &str) -> String {
    let codes: Vec<String> = ch.chars().map(|c| format!("U+{:04X}", c as u32)).collect();
    format!("「{ch}」（{}）", codes.join(" "))
}

/// Check a laid-out report's glyphs.
pub fn check(
    doc: &PagedDocument,
    fonts: &FontSet,
    report: &Report,
    generated: &crate::render::template::Generated,
) -> Vec<Diagnostic> {
    let mut all = Vec::new();
    for page in doc.pages() {
        items(&page.frame, &mut all);
    }
    // The primary family of each role, for naming fallbacks.
    let primaries: Vec<(String, Role)> = Role::ALL
        .iter()
        .filter_map(|r| {
            fonts.role(*r).and_then(|rep| rep.resolved.first()).map(|f| (f.family.clone(), *r))
        })
        .filter(|(f, _)| f != WIDE_FALLBACK)
        .collect();
    let mut tofu: BTreeMap<String, String> = BTreeMap::new();
    let mut fallback: BTreeMap<String, (String, Role)> = BTreeMap::new();
    for item in &all {
        for (ch, missing) in &item.glyphs {
            if *missing && !ch.trim().is_empty() {
                tofu.entry(ch.clone()).or_insert_with(|| item.family.clone());
            }
        }
    }
    // A run in the wide fallback that continues a run of a role's own font on the same line
    // (same page, baseline and size, touching): its characters were missing from that font.
    let runs = crate::render::layout::text_runs(doc);
    for (i, run) in runs.iter().enumerate() {
        if run.family != WIDE_FALLBACK {
            continue;
        }
        let touching = |n: &crate::render::layout::TextRun| {
            n.page == run.page
                && (n.y - run.y).abs() < 0.5
                && (n.size - run.size).abs() < 0.01
                && ((n.x + n.width - run.x).abs() < 1.0 || (run.x + run.width - n.x).abs() < 1.0)
        };
        let neighbour = [i.checked_sub(1), Some(i + 1)]
            .into_iter()
            .flatten()
            .filter_map(|j| runs.get(j))
            .filter(|n| touching(n))
            .find_map(|n| primaries.iter().find(|(f, _)| *f == n.family));
        if let Some((family, role)) = neighbour {
            for ch in run.text.chars().filter(|c| *c as u32 >= 0x2E80) {
                fallback.entry(ch.to_string()).or_insert_with(|| (family.clone(), *role));
            }
        }
    }
    let fields = report.text_fields();
    let origin = |ch: &str| -> Vec<String> {
        fields.iter().filter(|f| f.text.contains(ch)).map(|f| f.path.clone()).take(3).collect()
    };
    let mut out = Vec::new();
    for (ch, family) in tofu {
        // The fonts tried: the chain of the role whose font drew the box.
        let tried = [
            &fonts.roles.body,
            &fonts.roles.kai,
            &fonts.roles.hei,
            &fonts.roles.title,
            &fonts.roles.song,
        ]
        .into_iter()
        .find(|r| r.families.first() == Some(&family))
        .map_or_else(|| family.clone(), |r| r.families.join("、"));
        let mut d = Diagnostic::error(
            "glyph-missing",
            format!("{}无法显示：已尝试的字体（{tried}）都没有这个字，会印成方框", describe(&ch)),
        )
        .hint("安装含有该字的字体（如 --font-path 指向方正字库），或改用常用字");
        if let Some(path) = origin(&ch).into_iter().next() {
            d = d.field(path);
        } else if let Some((name, line)) =
            generated.text.find(&ch).and_then(|offset| generated.origin(offset))
        {
            // Not from the data: the template itself prints it.
            d = d.in_file(name).at(crate::diag::LineCol { line, column: 1 }, None);
        }
        out.push(d);
    }
    for (ch, (family, role)) in fallback {
        let mut d = Diagnostic::warning(
            "glyph-fallback",
            format!(
                "{}在{}字体 {family} 中缺失，已使用 {WIDE_FALLBACK}",
                describe(&ch),
                role.label()
            ),
        );
        if let Some(path) = origin(&ch).into_iter().next() {
            d = d.field(path);
        }
        out.push(d);
    }
    out
}
