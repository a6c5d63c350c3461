//! Compiling generated Typst source to a laid-out document in-process, and turning
//! Typst's diagnostics into ours (pointing at the template file and line). Evicts
//! typst's memoization caches after every document, failed ones included.

use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::Datetime;
use typst::syntax::FileId;
use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, LineCol};
use crate::render::template::Generated;
use crate::render::world::{Base, DocWorld, MAIN_ID};

/// How many compilations a memoized result may go unused before it is evicted. Small:
/// keeps template and font work warm across documents while memory stays flat.
pub const EVICT_MAX_AGE: usize = 2;

/// Evicts typst's caches when dropped, so a failed compile is cleaned up too.
struct EvictGuard(usize);

impl Drop for EvictGuard {
    fn drop(&mut self) {
        typst::comemo::evict(self.0);
    }
}

/// Compile the generated source. Returns the document (or nothing) and all findings.
pub fn compile(
    base: &Base,
    generated: &Generated,
    today: Datetime,
    evict_max_age: usize,
) -> (Option<PagedDocument>, Vec<Diagnostic>) {
    let _guard = EvictGuard(evict_max_age);
    let world = DocWorld::new(base, generated.text.clone(), today);
    let warned = typst::compile::<PagedDocument>(&world);
    let mut diags: Vec<Diagnostic> =
        warned.warnings.iter().map(|d| convert(&world, generated, d)).collect();
    match warned.output {
        Ok(doc) => (Some(doc), diags),
        Err(errors) => {
            diags.extend(errors.iter().map(|d| convert(&world, generated, d)));
            (None, diags)
        }
    }
}

/// Turn one Typst diagnostic into ours, pointing at the file and line it concerns.
pub fn convert(world: &DocWorld<'_>, generated: &Generated, d: &SourceDiagnostic) -> Diagnostic {
    let message = format!("Typst：{}", d.message);
    let mut out = match d.severity {
        TypstSeverity::Error => Diagnostic::error("typst", message),
        TypstSeverity::Warning => Diagnostic::warning("typst", message),
    };
    locate(world, generated, d.span, &mut out);
    for hint in &d.hints {
        out = out.hint(hint.v.to_string());
    }
    for point in &d.trace {
        let mut at = Diagnostic::error("typst", String::new());
        locate(world, generated, point.span, &mut at);
        if let (Some(file), Some(pos)) = (at.location.file, at.location.pos) {
            out = out.hint(format!("{}（{file}:{}:{}）", point.v, pos.line, pos.column));
        }
    }
    out
}

fn locate(
    world: &DocWorld<'_>,
    generated: &Generated,
    span: impl Into<typst::syntax::DiagSpan> + Copy,
    out: &mut Diagnostic,
) {
    let Some(id): Option<FileId> = span.into().id() else { return };
    let Some(range) = world.range(span) else { return };
    let text = if id == *MAIN_ID {
        generated.text.clone()
    } else {
        match typst::World::source(world, id) {
            Ok(source) => source.text().to_string(),
            Err(_) => return,
        }
    };
    let pos = LineCol::of_offset(&text, range.start);
    if id == *MAIN_ID {
        out.location.file =
            Some(format!("{}（生成的 Typst 源码）", crate::render::template::GENERATED));
        if let Some((name, line)) = generated.origin(range.start) {
            out.hints
                .push(format!("由模板 {name} 第 {line} 行生成；用 --keep-typst 保存生成的源码"));
        }
    } else {
        out.location.file = Some(world.base().display_path(id));
    }
    out.location.pos = Some(pos);
    out.location.source_line = text.lines().nth(pos.line - 1).map(|l| l.trim_end().to_string());
}
