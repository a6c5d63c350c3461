//! Escaping values into Typst source (markup interpolation as string expressions `#"…";`,
//! code literals for arguments) and into HTML (text and quoted attribute values). User text
//! never becomes markup or code.

use std::fmt::Write;

use minijinja::value::{Value, ValueKind};

/// Append `s` as the body of a Typst string literal (without the quotes).
fn push_str_body(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => {}
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
}

/// A Typst string literal for code position: `"…"`.
pub fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    push_str_body(&mut out, s);
    out.push('"');
    out
}

/// Text for markup position: a string expression `#"…";` whose semicolon ends the
/// expression, so whatever follows in the template stays plain markup.
pub fn markup_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    out.push_str("#\"");
    push_str_body(&mut out, s);
    out.push_str("\";");
    out
}

/// Text for HTML element content or a quoted attribute value: `& < > " '` become
/// character references, a line break becomes `<br>` (as Typst prints it), a carriage
/// return is dropped.
pub fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A Typst code literal for any template value: strings quoted and escaped, numbers as
/// digits, lists as arrays and maps as dictionaries.
pub fn code_literal(value: &Value) -> Result<String, minijinja::Error> {
    let mut out = String::new();
    write_literal(&mut out, value, 0)?;
    Ok(out)
}

fn write_literal(out: &mut String, value: &Value, depth: usize) -> Result<(), minijinja::Error> {
    if depth > 32 {
        return Err(minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            "value nested too deeply for a Typst literal",
        ));
    }
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => out.push_str("none"),
        ValueKind::Bool => out.push_str(if value.is_true() { "true" } else { "false" }),
        ValueKind::Number => {
            let text = value.to_string();
            if value.is_integer() {
                out.push_str(&text);
            } else {
                let f: f64 = text.parse().unwrap_or(f64::NAN);
                if f.is_finite() {
                    // Typst needs a digit after the point ("1.0", not "1.").
                    let _ = write!(out, "{f:?}");
                } else {
                    out.push_str("float(\"nan\")");
                }
            }
        }
        ValueKind::String => out.push_str(&string_literal(value.as_str().unwrap_or_default())),
        ValueKind::Seq | ValueKind::Iterable => {
            let mut items = Vec::new();
            for item in value.try_iter()? {
                let mut s = String::new();
                write_literal(&mut s, &item, depth + 1)?;
                items.push(s);
            }
            // A one-element array needs its trailing comma: `(x,)`.
            match items.len() {
                1 => {
                    let _ = write!(out, "({},)", items[0]);
                }
                _ => {
                    let _ = write!(out, "({})", items.join(", "));
                }
            }
        }
        ValueKind::Map => {
            let mut empty = true;
            out.push('(');
            for key in value.try_iter()? {
                let item = value.get_item(&key)?;
                let name = key.to_string();
                if is_identifier(&name) {
                    out.push_str(&name);
                } else {
                    out.push_str(&string_literal(&name));
                }
                out.push_str(": ");
                write_literal(out, &item, depth + 1)?;
                out.push_str(", ");
                empty = false;
            }
            if empty {
                out.push(':');
            } else {
                out.truncate(out.len() - 2);
            }
            out.push(')');
        }
        _ => {
            return Err(minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                format!("cannot turn a {} into a Typst literal", value.kind()),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_only_what_typst_string_literals_need() {
        assert_eq!(string_literal(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(string_literal("x\ny\u{1}"), r#""x\ny\u{1}""#);
        assert_eq!(markup_text("#let x = 1"), "#\"#let x = 1\";");
    }

    #[test]
    fn html_escapes_markup_and_quotes() {
        assert_eq!(
            html_text("<script>alert('x')</script> & \"q\"\r\nline"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;<br>line"
        );
    }

    #[test]
    fn literals_for_nested_values() {
        let v = Value::from(minijinja::value::Serde(serde_json::json!({
            "families": ["A", "B"], "weight": 700, "fake-bold": false, "one": [1], "none": []
        })));
        let lit = code_literal(&v).unwrap();
        assert!(lit.contains("families: (\"A\", \"B\")"), "{lit}");
        assert!(lit.contains("fake-bold: false"), "{lit}");
        assert!(lit.contains("one: (1,)"), "{lit}");
        assert!(lit.contains("none: ()"), "{lit}");
        assert_eq!(
            code_literal(&Value::from(minijinja::value::Serde(serde_json::json!({})))).unwrap(),
            "(:)"
        );
    }
}
