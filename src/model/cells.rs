//! Table cells: counts and the fee amount, with their deserializers. A cell that holds no
//! valid value ("/", "无", a blank, a float, a negative number…) can be read as 0 and
//! recorded instead of failing, so that every bad cell of a file is reported in one run.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use crate::diag::LineCol;

/// Largest count accepted in a table cell.
pub const MAX_COUNT: u64 = 999_999_999;

/// A table cell whose value is not a valid count or amount ("/", "无", blank, a float, a
/// negative number…). The loader keeps going and records it; validation reports it (R5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidCell {
    /// Field path, e.g. `requests.new.commercial`.
    pub path: String,
    /// The value as written, e.g. `"/"` or `1.5`.
    pub raw: String,
    /// What is wrong, in Chinese.
    pub message: String,
    /// Where it is in the file.
    pub pos: Option<LineCol>,
    /// The text of that line.
    pub source_line: Option<String>,
    /// Where it is in an imported source, in the source's terms (a sheet cell `表三!D12`).
    pub origin: Option<String>,
}

/// How the cell deserializers treat invalid values (see [`parse`]).
pub(crate) enum CellMode {
    /// Fail at the first invalid cell (plain serde behaviour).
    Strict,
    /// Read invalid cells as 0 and remember (message, raw) in document order.
    Lenient(Vec<(String, String)>),
    /// Read invalid cells as 0, except fail at the `target`-th one (to learn its path).
    FailAt { target: usize, seen: usize },
}

thread_local! {
    pub(crate) static CELL_MODE: std::cell::RefCell<CellMode> = const { std::cell::RefCell::new(CellMode::Strict) };
}

/// An invalid cell: an error in strict mode, a recorded zero otherwise.
fn bad_cell<T: Default, E: de::Error>(message: String, raw: String) -> Result<T, E> {
    CELL_MODE.with(|mode| match &mut *mode.borrow_mut() {
        CellMode::Strict => Err(E::custom(message)),
        CellMode::Lenient(found) => {
            found.push((message, raw));
            Ok(T::default())
        }
        CellMode::FailAt { target, seen } => {
            if *seen == *target {
                Err(E::custom(message))
            } else {
                *seen += 1;
                Ok(T::default())
            }
        }
    })
}

/// A count in a table cell: a non-negative integer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Count(pub u64);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("非负整数")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Count, E> {
                if v > MAX_COUNT {
                    return bad_cell(
                        format!("数值 {v} 超出范围（最大 {MAX_COUNT}）"),
                        v.to_string(),
                    );
                }
                Ok(Count(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Count, E> {
                match u64::try_from(v) {
                    Ok(v) => self.visit_u64(v),
                    Err(_) => bad_cell(format!("件数不能为负数，这里是 {v}"), v.to_string()),
                }
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Count, E> {
                bad_cell(format!("数值 {v} 超出范围（最大 {MAX_COUNT}）"), v.to_string())
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Count, E> {
                match u128::try_from(v) {
                    Ok(v) => self.visit_u128(v),
                    Err(_) => bad_cell(format!("件数不能为负数，这里是 {v}"), v.to_string()),
                }
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Count, E> {
                let msg = if v.is_finite() && v.fract() == 0.0 && v.abs() > MAX_COUNT as f64 {
                    format!("数值 {v} 超出范围（最大 {MAX_COUNT}）")
                } else if v < 0.0 {
                    format!("件数不能为负数，这里是 {v}")
                } else {
                    format!("件数应为非负整数，不能是小数 {v}")
                };
                bad_cell(msg, v.to_string())
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Count, E> {
                let t = v.trim();
                let msg = match t {
                    "" => "件数不能留空，没有请填 0".to_string(),
                    "/" | "-" | "—" | "无" | "／" | "－" | "——" => {
                        format!("件数不能填“{t}”，没有请填 0")
                    }
                    _ if t.parse::<u64>().is_ok() => format!("件数应写成数字 {t}，不要加引号"),
                    _ => format!("件数应为非负整数，不能是文字“{v}”"),
                };
                bad_cell(msg, format!("\"{v}\""))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Count, E> {
                bad_cell(format!("件数应为非负整数，不能是 {v}"), v.to_string())
            }
            fn visit_unit<E: de::Error>(self) -> Result<Count, E> {
                bad_cell("件数不能为空（null），没有请填 0".to_string(), "null".to_string())
            }
            fn visit_none<E: de::Error>(self) -> Result<Count, E> {
                self.visit_unit()
            }
        }
        d.deserialize_any(V)
    }
}

/// An amount in 万元, kept as the decimal text given so it prints exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Amount(pub String);

impl Default for Amount {
    fn default() -> Self {
        Amount("0".into())
    }
}

impl Amount {
    fn check(s: &str) -> Result<(), String> {
        let (int, frac) = s.split_once('.').unwrap_or((s, "0"));
        let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if digits(int) && digits(frac) && int.len() <= 15 && frac.len() <= 10 {
            Ok(())
        } else if s.starts_with('-') {
            Err(format!("收费金额不能为负数，这里是“{s}”"))
        } else if matches!(s, "" | "/" | "-" | "无" | "—" | "／" | "－") {
            Err(format!("收费金额不能填“{s}”，没有请填 0"))
        } else {
            Err(format!("收费金额应为非负的小数（单位：万元），如 \"18651.06\"，不能是“{s}”"))
        }
    }

    /// The amount as a number (for checks); `None` when it is not a valid decimal.
    pub fn value(&self) -> Option<f64> {
        Amount::check(&self.0).ok().and_then(|()| self.0.parse().ok())
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("非负的金额（万元），如 \"18651.06\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                let t = v.trim();
                match Amount::check(t) {
                    Ok(()) => Ok(Amount(t.to_string())),
                    Err(msg) => bad_cell(msg, format!("\"{v}\"")),
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                if !v.is_finite() {
                    return bad_cell("收费金额必须是有限的数".to_string(), v.to_string());
                }
                self.visit_str(&v.to_string())
            }
            fn visit_unit<E: de::Error>(self) -> Result<Amount, E> {
                bad_cell("收费金额不能为空（null），没有请填 0".to_string(), "null".to_string())
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        assert!(Amount::check("5949.088667").is_ok());
        assert!(Amount::check("-1").is_err());
        assert!(Amount::check("1.2.3").is_err());
    }
}
