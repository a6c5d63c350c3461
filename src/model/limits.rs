//! Size limits on one report, so that no input can make a render run away.

use super::Report;
use crate::diag::Diagnostic;

/// Largest input file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// Longest text of one paragraph (or heading, name, title), in characters. Real paragraphs
/// have a few hundred to a few thousand; 100,000 leaves room for a pasted appendix.
pub const MAX_TEXT_CHARS: usize = 100_000;
/// Most paragraphs in one report (all sections together).
pub const MAX_PARAGRAPHS: usize = 2_000;
/// Most text in one report, in characters (about 800 printed pages).
pub const MAX_TOTAL_CHARS: usize = 500_000;

/// Enforce the size limits, so that no data file can make a render run away.
pub fn check_limits(report: &Report) -> Result<(), Box<Diagnostic>> {
    let texts = report.text_fields();
    if texts.len() > MAX_PARAGRAPHS {
        return Err(Box::new(Diagnostic::error(
            "data-limit",
            format!("段落过多：共 {} 段，一份报告最多 {MAX_PARAGRAPHS} 段", texts.len()),
        )));
    }
    let mut total = 0;
    for field in &texts {
        let n = field.text.chars().count();
        total += n;
        if n > MAX_TEXT_CHARS {
            return Err(Box::new(
                Diagnostic::error(
                    "data-limit",
                    format!("文字过长：{n} 个字符，单段最多 {MAX_TEXT_CHARS} 个字符"),
                )
                .field(field.path.clone()),
            ));
        }
    }
    for (key, stock) in [
        ("rules", &report.proactive.rules),
        ("normative_documents", &report.proactive.normative_documents),
    ] {
        let n = stock.note.as_deref().map_or(0, |t| t.chars().count());
        total += n;
        if n > MAX_TEXT_CHARS {
            return Err(Box::new(
                Diagnostic::error(
                    "data-limit",
                    format!("说明过长：{n} 个字符，最多 {MAX_TEXT_CHARS} 个字符"),
                )
                .field(format!("proactive.{key}.note")),
            ));
        }
    }
    if total > MAX_TOTAL_CHARS {
        return Err(Box::new(Diagnostic::error(
            "data-limit",
            format!("报告文字过多：共 {total} 个字符，最多 {MAX_TOTAL_CHARS} 个字符"),
        )));
    }
    Ok(())
}
