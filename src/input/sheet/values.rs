//! Reading one cell's value as the form needs it: a count, the fee, a given total, a year,
//! a date or text. A count that is not a non-negative whole number ("/", "-", "无", a
//! decimal, a negative number, text, a formula typed into an input cell, a date that Excel
//! made of "1/2"…) is not an error that stops reading: it reads as 0 and is recorded as an
//! invalid cell with the sheet cell it came from, for validation to report (R5). The
//! messages are the data loader's own, so a bad cell reads the same from any source.

use calamine::Data;
use serde_json::Value;

use super::grid::{Cell, Grid, text_of};
use crate::model::{Amount, Count, Date, InvalidCell, MAX_COUNT};

/// Invalid cells found while reading, in reading order.
#[derive(Debug, Default)]
pub struct Found(pub Vec<InvalidCell>);

impl Found {
    fn invalid(&mut self, path: &str, raw: String, message: String, origin: String) {
        self.0.push(InvalidCell {
            path: path.to_string(),
            raw,
            message,
            pos: None,
            source_line: None,
            origin: Some(origin),
        });
    }
}

/// The model's message for a value that does not deserialize as `T` (strict mode).
fn model_message<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, String> {
    serde_json::from_value::<T>(v).map_err(|e| e.to_string())
}

/// Full-width digits and separators to ASCII (WPS users type them in text cells).
fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            _ => c,
        })
        .collect()
}

/// What a cell holds, for a count: `Ok(None)` when blank.
fn count_of(cell: Option<&Cell>) -> Result<Option<u64>, (String, String)> {
    let Some(cell) = cell else { return Ok(None) };
    let raw = text_of(&cell.value);
    if cell.formula {
        let msg = "件数请直接填写数字，不能用公式（nianbao 不采用公式的缓存结果）".to_string();
        return Err((msg, raw));
    }
    let value = match &cell.value {
        Data::Empty => return Ok(None),
        Data::Float(f) if f.fract() == 0.0 && (0.0..=MAX_COUNT as f64).contains(f) => {
            serde_json::json!(*f as u64)
        }
        Data::Float(f) => serde_json::json!(f),
        Data::Int(i) => serde_json::json!(i),
        Data::String(s) => {
            let t = ascii_digits(s.trim());
            if t.is_empty() {
                return Ok(None);
            }
            // A number in a cell formatted as text is still that number.
            match t.parse::<u64>() {
                Ok(n) => serde_json::json!(n),
                Err(_) => Value::String(s.clone()),
            }
        }
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            let msg = format!(
                "件数应为非负整数，这里是日期或时间（输入“1/2”这类内容时表格程序会把它变成日期），显示为 {raw}"
            );
            return Err((msg, raw));
        }
        Data::Error(e) => return Err((format!("单元格是错误值 #{e:?}，应填非负整数"), raw)),
    };
    match model_message::<Count>(value) {
        Ok(c) => Ok(Some(c.0)),
        Err(msg) => Err((msg, raw)),
    }
}

/// An input count: blank reads as 0; an invalid value reads as 0 and is recorded.
pub fn count(grid: &Grid, row: u32, col: u32, path: &str, found: &mut Found) -> u64 {
    match count_of(grid.cell(row, col)) {
        Ok(v) => v.unwrap_or(0),
        Err((message, raw)) => {
            found.invalid(path, raw, message, grid.place(row, col));
            0
        }
    }
}

/// A total cell: a formula or a blank is computed (`None`); a typed number is a given total.
pub fn total(grid: &Grid, row: u32, col: u32, path: &str, found: &mut Found) -> Option<u64> {
    let cell = grid.cell(row, col)?;
    if cell.formula {
        return None;
    }
    match count_of(Some(cell)) {
        Ok(v) => v,
        Err((message, raw)) => {
            found.invalid(path, raw, message, grid.place(row, col));
            None
        }
    }
}

/// The fee in 万元: blank is 0; numbers as written (shortest form); text checked as the
/// data loader checks it (so "1.50" keeps its zero).
pub fn amount(grid: &Grid, row: u32, col: u32, path: &str, found: &mut Found) -> Amount {
    let Some(cell) = grid.cell(row, col) else { return Amount::default() };
    let raw = text_of(&cell.value);
    let value = match &cell.value {
        _ if cell.formula => Err("收费金额请直接填写数字，不能用公式".to_string()),
        Data::Empty => return Amount::default(),
        Data::String(s) if s.trim().is_empty() => return Amount::default(),
        Data::String(s) if matches!(s.trim(), "/" | "-" | "—" | "无" | "／" | "－" | "——") => {
            Err(format!("收费金额不能填“{}”，没有请填 0", s.trim()))
        }
        Data::Float(f) if *f < 0.0 => Err(format!("收费金额不能为负数，这里是“{raw}”")),
        Data::Float(_) | Data::Int(_) => model_message::<Amount>(Value::String(raw.clone())),
        Data::String(s) => model_message::<Amount>(Value::String(ascii_digits(s))),
        _ => Err(format!("收费金额应为非负的小数（单位：万元），不能是“{raw}”")),
    };
    value.unwrap_or_else(|message| {
        found.invalid(path, raw, message, grid.place(row, col));
        Amount::default()
    })
}

/// A year: a number (or text like "2024" or "2024年") from 1990 to 2999.
pub fn year(v: &Data) -> Option<u16> {
    let n = match v {
        Data::Float(f) if f.fract() == 0.0 => *f as i64,
        Data::Int(i) => *i,
        Data::String(s) => ascii_digits(s.trim().trim_end_matches(['年', '度'])).parse().ok()?,
        _ => return None,
    };
    (1990..=2999).contains(&n).then_some(n as u16)
}

/// A date: a spreadsheet date, or text such as `2025-01-20`, `2025/1/20`, `2025年1月20日`.
pub fn date(v: &Data) -> Option<Date> {
    let (y, m, d) = match v {
        Data::DateTime(dt) => crate::model::civil_from_days(dt.as_f64().floor() as i64 - 25_569),
        Data::Float(f) if (1.0..=2_958_465.0).contains(f) => {
            crate::model::civil_from_days(f.floor() as i64 - 25_569)
        }
        Data::DateTimeIso(s) | Data::String(s) => {
            let t = ascii_digits(s.trim());
            let t = t.split(['T', ' ']).next().unwrap_or("");
            let nums: Vec<&str> =
                t.split(['-', '/', '.', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
            let [y, m, d] = nums[..] else { return None };
            (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        _ => return None,
    };
    let text = format!("{y:04}-{m:02}-{d:02}");
    serde_json::from_value(Value::String(text)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(v: Data, formula: bool) -> Grid {
        Grid::from_cells("表三", [((11, 3), Cell { value: v, formula })])
    }

    fn read(v: Data) -> (u64, Vec<InvalidCell>) {
        let mut found = Found::default();
        let n = count(&grid(v, false), 11, 3, "requests.x.natural_person", &mut found);
        (n, found.0)
    }

    #[test]
    fn counts_and_their_failures_name_the_cell() {
        assert_eq!(read(Data::Float(12.0)).0, 12);
        assert_eq!(read(Data::String(" １２ ".into())).0, 12);
        assert_eq!(read(Data::Empty), (0, vec![]));
        for (v, needle) in [
            (Data::String("/".into()), "“/”"),
            (Data::Float(-2.0), "负数"),
            (Data::Float(1.5), "小数"),
            (Data::String("十二".into()), "文字"),
        ] {
            let (n, bad) = read(v);
            assert_eq!(n, 0);
            assert_eq!(bad[0].origin.as_deref(), Some("表三!D12"));
            assert!(bad[0].message.contains(needle), "{}", bad[0].message);
        }
        let mut found = Found::default();
        let g = grid(Data::Float(7.0), true);
        assert_eq!(count(&g, 11, 3, "p", &mut found), 0);
        assert!(found.0[0].message.contains("公式"));
        assert_eq!(total(&g, 11, 3, "p", &mut found), None);
    }

    #[test]
    fn amounts_keep_their_digits() {
        let mut f = Found::default();
        assert_eq!(amount(&grid(Data::Float(18651.06), false), 11, 3, "p", &mut f).0, "18651.06");
        assert_eq!(amount(&grid(Data::String("1.50".into()), false), 11, 3, "p", &mut f).0, "1.50");
        assert!(f.0.is_empty());
        amount(&grid(Data::Float(-1.0), false), 11, 3, "p", &mut f);
        assert!(f.0[0].message.contains("负数"));
    }

    #[test]
    fn dates_and_years() {
        let d = date(&Data::Float(45677.0)).unwrap();
        assert_eq!((d.year, d.month, d.day), (2025, 1, 20));
        let d = date(&Data::String("2025年1月5日".into())).unwrap();
        assert_eq!(d.chinese(), "2025年1月5日");
        assert!(date(&Data::String("2025-02-30".into())).is_none());
        assert_eq!(year(&Data::String("2024年".into())), Some(2024));
        assert_eq!(year(&Data::Float(24.0)), None);
    }
}
