//! Every structural error of a data file in one run. serde stops at the first error; after
//! it, the file is read again as a plain value tree, the offending field is taken out (an
//! unknown key) or filled with a stand-in (a missing field, a wrong type), and the report is
//! read again, until it reads. Each error is then located in the original text by walking it
//! to the field's path, so every error keeps its line:column. Bad cells ("五", "/", …) of
//! such a file are reported too, as validation would.

use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use serde_path_to_error::Segment;

use super::{Format, RawError, json_error};
use crate::diag::{Diagnostic, LineCol};
use crate::model::Report;
use crate::model::cells::{CELL_MODE, CellMode};

/// Most errors collected from one file.
const MAX_ERRORS: usize = 50;

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// The errors of a file whose first error is `first` (already located), in file order.
pub(super) fn all_errors(
    text: &str,
    format: Format,
    name: &str,
    first: Diagnostic,
) -> Vec<Diagnostic> {
    let mut errors = vec![first];
    let Some(mut value) = value_of(text, format) else { return errors };
    let _reset = Reset;
    for _ in 0..MAX_ERRORS {
        let Err((steps, msg)) = read(&value) else { break };
        let missing = msg.contains("missing field `");
        let pos = locate(text, format, &steps, missing);
        let raw = RawError { path: display(&steps), pos, msg: msg.clone(), syntax: false };
        // Translated as from JSON: the message comes from the value tree, not the parser.
        let d = raw.into_diagnostic(text, Format::Json, name);
        let same = |e: &Diagnostic| match &d.location.field {
            Some(f) => e.location.field.as_ref() == Some(f) && e.code == d.code,
            None => e.location.field.is_none() && e.message == d.message,
        };
        if !errors.iter().any(same) {
            errors.push(d);
        }
        if !patch(&mut value, &steps, &msg) {
            break;
        }
    }
    if read(&value).is_ok() {
        errors.extend(bad_cells(&value, text, format, name));
    }
    errors.sort_by_key(|d| d.location.pos.map(|p| (p.line, p.column)));
    errors
}

struct Reset;
impl Drop for Reset {
    fn drop(&mut self) {
        CELL_MODE.with(|m| *m.borrow_mut() = CellMode::Strict);
    }
}

fn value_of(text: &str, format: Format) -> Option<Value> {
    match format {
        Format::Json => serde_json::from_str(text).ok(),
        Format::Yaml => serde_yaml::from_str(text).ok(),
        Format::Toml => toml::from_str(text).ok(),
    }
}

/// Read a report from the value tree, invalid cells read as 0.
fn read(value: &Value) -> Result<Report, (Vec<Step>, String)> {
    CELL_MODE.with(|m| *m.borrow_mut() = CellMode::Lenient(Vec::new()));
    serde_path_to_error::deserialize::<_, Report>(value).map_err(|e| {
        let steps = e.path().iter().filter_map(step).collect();
        (steps, e.into_inner().to_string())
    })
}

fn step(s: &Segment) -> Option<Step> {
    match s {
        Segment::Seq { index } => Some(Step::Index(*index)),
        Segment::Map { key } => Some(Step::Key(key.clone())),
        _ => None,
    }
}

fn display(steps: &[Step]) -> String {
    let mut s = String::new();
    for step in steps {
        match step {
            Step::Key(k) if s.is_empty() => s.push_str(k),
            Step::Key(k) => {
                s.push('.');
                s.push_str(k);
            }
            Step::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Take the offending field out, or fill it with the first stand-in after which reading
/// gets past it. Returns false when nothing helps.
fn patch(value: &mut Value, steps: &[Step], msg: &str) -> bool {
    let missing = msg
        .find("missing field `")
        .map(|i| msg[i + 15..].split('`').next().unwrap_or_default().to_string());
    let (parent, slot) = match &missing {
        Some(field) => (steps.to_vec(), Step::Key(field.clone())),
        None => match steps.split_last() {
            Some((last, parent)) => (parent.to_vec(), last.clone()),
            None => return false,
        },
    };
    let stand_ins = [
        None,
        Some(Value::Array(vec![])),
        Some(Value::Object(Default::default())),
        Some("".into()),
        Some(2000.into()),
    ];
    for stand_in in stand_ins {
        if stand_in.is_none() && missing.is_some() {
            continue;
        }
        let mut tried = value.clone();
        let Some(target) = get_mut(&mut tried, &parent) else { return false };
        let done = match (&slot, target, stand_in) {
            (Step::Key(k), Value::Object(map), None) => map.remove(k).is_some(),
            (Step::Key(k), Value::Object(map), Some(v)) => {
                map.insert(k.clone(), v);
                true
            }
            (Step::Index(i), Value::Array(items), None) if *i < items.len() => {
                items.remove(*i);
                true
            }
            (Step::Index(i), Value::Array(items), Some(v)) if *i < items.len() => {
                items[*i] = v;
                true
            }
            _ => false,
        };
        let mut full = parent.clone();
        full.push(slot.clone());
        let refilled = match &slot {
            Step::Key(k) => format!("missing field `{k}`"),
            Step::Index(_) => String::from("\u{0}"),
        };
        let moved_on = match read(&tried) {
            Ok(_) => true,
            Err((s, m)) => !(s == full || (s == parent && (m == msg || m.contains(&refilled)))),
        };
        if done && moved_on {
            *value = tried;
            return true;
        }
    }
    false
}

fn get_mut<'v>(value: &'v mut Value, steps: &[Step]) -> Option<&'v mut Value> {
    steps.iter().try_fold(value, |v, s| match (s, v) {
        (Step::Key(k), Value::Object(map)) => map.get_mut(k),
        (Step::Index(i), Value::Array(items)) => items.get_mut(*i),
        _ => None,
    })
}

/// The cells of the (patched) tree that hold no valid number, each located in the text.
fn bad_cells(value: &Value, text: &str, format: Format, name: &str) -> Vec<Diagnostic> {
    CELL_MODE.with(|m| *m.borrow_mut() = CellMode::Lenient(Vec::new()));
    let _ = serde_path_to_error::deserialize::<_, Report>(value);
    let found =
        CELL_MODE.with(|m| match std::mem::replace(&mut *m.borrow_mut(), CellMode::Strict) {
            CellMode::Lenient(found) => found,
            _ => Vec::new(),
        });
    let mut out = Vec::new();
    for (target, (message, raw)) in found.into_iter().enumerate() {
        CELL_MODE.with(|m| *m.borrow_mut() = CellMode::FailAt { target, seen: 0 });
        let Err(e) = serde_path_to_error::deserialize::<_, Report>(value) else { continue };
        let steps: Vec<Step> = e.path().iter().filter_map(step).collect();
        let path = display(&steps);
        let expected = if path == "proactive.fees" { "非负小数" } else { "非负整数" };
        let mut d =
            Diagnostic::error("R5", message).in_file(name).field(path).values(expected, raw);
        if let Some(pos) = locate(text, format, &steps, false) {
            d = d.at(pos, Some(text));
        }
        out.push(d);
    }
    out
}

/// Where the value at `steps` is in the text (or, `at_end`, where the map there ends).
fn locate(text: &str, format: Format, steps: &[Step], at_end: bool) -> Option<LineCol> {
    let seed = Walk { target: steps, at_end };
    match format {
        Format::Json => {
            let mut de = serde_json::Deserializer::from_str(text);
            let e = seed.deserialize(&mut de).err()?;
            json_error(String::new(), e).pos
        }
        Format::Yaml => {
            let e = seed.deserialize(serde_yaml::Deserializer::from_str(text)).err()?;
            e.location().map(|l| LineCol { line: l.line(), column: l.column() })
        }
        Format::Toml => {
            let e = seed.deserialize(toml::Deserializer::new(text)).err()?;
            e.span().map(|s| LineCol::of_offset(text, s.start))
        }
    }
}

/// Walks any document down to `target`, and fails there (so the parser names the place).
struct Walk<'t> {
    target: &'t [Step],
    at_end: bool,
}

struct Here;

impl<'de> Visitor<'de> for Here {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(E::custom("here"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(E::custom("here"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(E::custom("here"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(E::custom("here"))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(E::custom("here"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom("here"))
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom("here"))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom("here"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom("here"))
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        if self.target.is_empty() && !self.at_end {
            return d.deserialize_any(Here);
        }
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match self.target.first() {
                Some(Step::Key(k)) if *k == key => {
                    map.next_value_seed(Walk { target: &self.target[1..], at_end: self.at_end })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if self.target.is_empty() && self.at_end {
            return Err(de::Error::custom("here"));
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        loop {
            let found = match self.target.first() {
                Some(Step::Index(t)) if *t == i => {
                    seq.next_element_seed(Walk { target: &self.target[1..], at_end: self.at_end })?
                }
                _ => seq.next_element::<IgnoredAny>()?.map(|_| ()),
            };
            if found.is_none() {
                return Ok(());
            }
            i += 1;
        }
    }
}
