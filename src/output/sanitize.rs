//! User text for outputs that are documents of their own (HTML, DOCX): characters such a
//! file cannot hold (control characters other than tab and line breaks, U+FFFE, U+FFFF)
//! are removed, with a warning that names the field. The Typst path keeps them (it escapes
//! them into the source and prints nothing for them).

use std::borrow::Cow;

use crate::diag::Diagnostic;
use crate::model::{Paragraph, Report};

/// Whether HTML and XML files cannot carry `c` as text.
pub fn is_unwritable(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// The report with every unwritable character removed from its text, and one warning per
/// field that had any. Borrowed when nothing needed removing.
pub fn clean(report: &Report) -> (Cow<'_, Report>, Vec<Diagnostic>) {
    let dirty = report.text_fields().iter().any(|f| f.text.chars().any(is_unwritable))
        || report.invalid_cells.iter().any(|c| c.raw.chars().any(is_unwritable));
    if !dirty {
        return (Cow::Borrowed(report), Vec::new());
    }
    let mut out = report.clone();
    let mut found = Vec::new();
    if let Some(t) = &mut out.title {
        fix(t, "title", &mut found);
    }
    fix(&mut out.organization, "organization", &mut found);
    for (key, ps) in [
        ("preface", &mut out.preface),
        ("overview", &mut out.overview),
        ("problems", &mut out.problems),
        ("other_matters", &mut out.other_matters),
    ] {
        walk(ps, key, &mut found);
    }
    if let Some(s) = &mut out.signature {
        fix(&mut s.organization, "signature.organization", &mut found);
    }
    for cell in &mut out.invalid_cells {
        fix(&mut cell.raw, &cell.path, &mut found);
    }
    (Cow::Owned(out), found)
}

fn walk(ps: &mut [Paragraph], base: &str, found: &mut Vec<Diagnostic>) {
    for (i, p) in ps.iter_mut().enumerate() {
        match p {
            Paragraph::Text(t) => fix(t, &format!("{base}[{i}]"), found),
            Paragraph::RunIn { heading, text } => {
                fix(heading, &format!("{base}[{i}].heading"), found);
                fix(text, &format!("{base}[{i}].text"), found);
            }
            Paragraph::Section { heading, paragraphs } => {
                fix(heading, &format!("{base}[{i}].heading"), found);
                walk(paragraphs, &format!("{base}[{i}].paragraphs"), found);
            }
        }
    }
}

/// Remove the unwritable characters of one field, warning once for the field.
fn fix(text: &mut String, path: &str, found: &mut Vec<Diagnostic>) {
    if !text.chars().any(is_unwritable) {
        return;
    }
    let mut codes: Vec<String> = Vec::new();
    text.retain(|c| {
        if !is_unwritable(c) {
            return true;
        }
        let code = format!("U+{:04X}", c as u32);
        if !codes.contains(&code) {
            codes.push(code);
        }
        false
    });
    found.push(
        Diagnostic::warning(
            "control-char",
            format!("文字中有控制字符（{}），HTML 和 Word 文档中已删除", codes.join("、")),
        )
        .field(path),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_removed_with_a_warning_per_field() {
        let mut report: Report = serde_json::from_value(serde_json::json!({
            "organization": "某\u{7}乡", "year": 2024,
            "overview": [{"heading": "甲\u{1b}", "text": "行一\n行二\t\u{0}"}],
            "proactive": {}, "requests": {}, "appeals": {},
            "problems": ["好"], "other_matters": ["\u{FFFF}"]
        }))
        .unwrap();
        let (clean, warnings) = clean(&report);
        assert_eq!(clean.organization, "某乡");
        let Paragraph::RunIn { heading, text } = &clean.overview[0] else { panic!() };
        assert_eq!((heading.as_str(), text.as_str()), ("甲", "行一\n行二\t"));
        let fields: Vec<_> = warnings.iter().map(|d| d.location.field.clone().unwrap()).collect();
        assert_eq!(
            fields,
            ["organization", "overview[0].heading", "overview[0].text", "other_matters[0]"]
        );
        assert!(warnings[0].message.contains("U+0007"));
        report.organization = "某乡".into();
        report.overview.clear();
        report.other_matters.clear();
        assert!(matches!(super::clean(&report).0, Cow::Borrowed(_)));
    }
}
