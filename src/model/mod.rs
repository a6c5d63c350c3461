//! The typed model of one report (`../shared/spec/DATA.md`, "nianbao/1"): the narrative
//! sections, the three tables and the signature, with the form's labels in `form`. Every
//! input (data files, office documents, spreadsheets) becomes this model; every later stage
//! reads it. Totals that are omitted are computed here; nothing is checked here.

pub mod cells;
pub mod figures;
pub mod form;
pub mod limits;
pub mod schema;
mod tables;

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

pub use cells::{Amount, Count, InvalidCell, MAX_COUNT};
pub use tables::*;

/// One organization's report for one year.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Format version, `nianbao/1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// 机关名称.
    pub organization: String,
    /// The year reported on.
    pub year: Year,
    /// Full title; defaults to `{organization}{year}年政府信息公开工作年度报告`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Administrative level, for level-specific checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// Text before 一、 (no heading).
    #[serde(default)]
    pub preface: Vec<Paragraph>,
    /// 一、总体情况.
    pub overview: Vec<Paragraph>,
    /// 二、主动公开政府信息情况.
    pub proactive: Proactive,
    /// 三、收到和处理政府信息公开申请情况.
    pub requests: Requests,
    /// 四、政府信息公开行政复议、行政诉讼情况.
    pub appeals: Appeals,
    /// 五、存在的主要问题及改进情况.
    pub problems: Vec<Paragraph>,
    /// 六、其他需要报告的事项.
    pub other_matters: Vec<Paragraph>,
    /// 署名 and 成文日期.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<Signature>,
    /// Where an imported report came from, and the cells it read as 0 (written by
    /// `nianbao import`; optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported: Option<Imported>,
    /// Table cells that held no valid value (read as 0); reported by validation as R5.
    #[serde(skip)]
    pub invalid_cells: Vec<InvalidCell>,
}

impl Report {
    /// Whether the report has any narrative text (前言, 一、五、六). A report read from a
    /// county-wide sheet has only tables; checks of the narrative skip it.
    pub fn has_narrative(&self) -> bool {
        [&self.preface, &self.overview, &self.problems, &self.other_matters]
            .iter()
            .any(|s| !s.is_empty())
    }

    /// The title as printed: the given one, or the form's pattern.
    pub fn title(&self) -> String {
        match &self.title {
            Some(t) if !t.trim().is_empty() => t.clone(),
            _ => format!("{}{}年政府信息公开工作年度报告", self.organization, self.year.0),
        }
    }
}

/// The provenance of an imported report: the source file and the table cells that held
/// no number there (blank, "/", "-", "—", "无" or text) and were read as 0. Evaluators count
/// such cells as defects, so checks can still see them after the import.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Imported {
    /// The file it was read from, as it was named.
    pub source: String,
    /// What kind of file: `docx`, `html`, `pdf`, `text`, `xlsx`, `xls` or `ods`.
    pub format: String,
    /// The cells read as 0 because they held no number.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub placeholders: Vec<Placeholder>,
}

/// A table cell of an imported report that held no number and was read as 0.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Placeholder {
    /// The field path, e.g. `requests.new.research`.
    pub path: String,
    /// What the cell held, as written (empty for a blank cell).
    pub raw: String,
    /// Where it was in the source: a page, a source table's row and column, a sheet cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// What a text field is on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// The title.
    Title,
    /// The organization's name (署名 included).
    Name,
    /// A subheading.
    Heading,
    /// A paragraph.
    Paragraph,
}

/// One text field of a report, with its data path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextField<'a> {
    /// The field path, e.g. `overview[2].text`.
    pub path: String,
    /// What it is.
    pub kind: TextKind,
    /// The text.
    pub text: &'a str,
}

impl Report {
    /// Every text field in document order: the title (when given), the organization, the
    /// narrative sections (headings and paragraphs), the signature.
    pub fn text_fields(&self) -> Vec<TextField<'_>> {
        fn walk<'a>(ps: &'a [Paragraph], base: &str, out: &mut Vec<TextField<'a>>) {
            for (i, p) in ps.iter().enumerate() {
                let field = |suffix: &str, kind, text| TextField {
                    path: format!("{base}[{i}]{suffix}"),
                    kind,
                    text,
                };
                match p {
                    Paragraph::Text(t) => out.push(field("", TextKind::Paragraph, t)),
                    Paragraph::RunIn { heading, text } => {
                        out.push(field(".heading", TextKind::Heading, heading));
                        out.push(field(".text", TextKind::Paragraph, text));
                    }
                    Paragraph::Section { heading, paragraphs } => {
                        out.push(field(".heading", TextKind::Heading, heading));
                        walk(paragraphs, &format!("{base}[{i}].paragraphs"), out);
                    }
                }
            }
        }
        let mut out = Vec::new();
        if let Some(t) = &self.title {
            out.push(TextField { path: "title".into(), kind: TextKind::Title, text: t });
        }
        out.push(TextField {
            path: "organization".into(),
            kind: TextKind::Name,
            text: &self.organization,
        });
        for (key, ps) in [
            ("preface", &self.preface),
            ("overview", &self.overview),
            ("problems", &self.problems),
            ("other_matters", &self.other_matters),
        ] {
            walk(ps, key, &mut out);
        }
        if let Some(s) = &self.signature {
            out.push(TextField {
                path: "signature.organization".into(),
                kind: TextKind::Name,
                text: &s.organization,
            });
        }
        out
    }
}

/// The report year (1990–2999).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Year(pub u16);

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Year;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("四位数的年份，如 2024")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Year, E> {
                if (1990..=2999).contains(&v) {
                    Ok(Year(v as u16))
                } else {
                    Err(E::custom(format!("年份 {v} 不在 1990–2999 之间")))
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Year, E> {
                match u64::try_from(v) {
                    Ok(v) => self.visit_u64(v),
                    Err(_) => Err(E::custom(format!("年份 {v} 不在 1990–2999 之间"))),
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Year, E> {
                Err(E::custom(format!("年份应写成数字（如 2024），不能是字符串“{v}”")))
            }
        }
        d.deserialize_any(V)
    }
}

/// Administrative level of the organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// 乡镇.
    Township,
    /// 县级人民政府.
    County,
    /// 市级人民政府.
    City,
    /// 省级人民政府.
    Province,
    /// 政府部门.
    Department,
    /// 国务院部门.
    Ministry,
}

impl Level {
    /// The level in Chinese, as a county office names it.
    pub fn label(self) -> &'static str {
        match self {
            Level::Township => "乡镇",
            Level::County => "县级人民政府",
            Level::City => "市级人民政府",
            Level::Province => "省级人民政府",
            Level::Department => "政府部门",
            Level::Ministry => "国务院部门",
        }
    }
}

/// 署名 and 成文日期.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// 发文机关署名.
    pub organization: String,
    /// 成文日期, `YYYY-MM-DD`.
    pub date: Date,
}

/// The calendar date (year, month 1–12, day 1–31) of a day count from 1970-01-01, in the
/// proleptic Gregorian calendar (Howard Hinnant's civil-from-days).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// A calendar date, written `YYYY-MM-DD` in the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
}

impl Date {
    /// The GB/T 9704 form: Arabic numerals, no zero padding, e.g. `2025年1月5日`.
    pub fn chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }

    fn parse(s: &str) -> Option<Self> {
        let mut it = s.trim().split('-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if it.next().is_some() || y.len() != 4 {
            return None;
        }
        let date = Date { year: y.parse().ok()?, month: m.parse().ok()?, day: d.parse().ok()? };
        let days = match date.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if date.year.is_multiple_of(4)
                && (!date.year.is_multiple_of(100) || date.year.is_multiple_of(400)) =>
            {
                29
            }
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&date.day).then_some(date)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{:04}-{:02}-{:02}", self.year, self.month, self.day))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| {
            de::Error::custom(format!("日期“{s}”无效，应写成 YYYY-MM-DD，如 2025-01-20"))
        })
    }
}

/// One item of a narrative section.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Paragraph {
    /// A plain body paragraph.
    Text(String),
    /// A run-in subheading (楷体) followed by text on the same line.
    RunIn {
        /// The subheading, e.g. `加强组织领导，明确工作职责。`.
        heading: String,
        /// The paragraph text after it.
        text: String,
    },
    /// A subheading on its own line, then paragraphs.
    Section {
        /// The subheading.
        heading: String,
        /// The paragraphs below it.
        paragraphs: Vec<Paragraph>,
    },
}

impl<'de> Deserialize<'de> for Paragraph {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Paragraph;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("段落：字符串，或含 heading 与 text / paragraphs 的对象")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Paragraph, E> {
                Ok(Paragraph::Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Paragraph, E> {
                Ok(Paragraph::Text(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Paragraph, A::Error> {
                /// The object shape, so unknown keys are reported with their full path.
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Shape {
                    heading: String,
                    text: Option<String>,
                    paragraphs: Option<Vec<Paragraph>>,
                }
                let shape = Shape::deserialize(de::value::MapAccessDeserializer::new(map))?;
                match (shape.text, shape.paragraphs) {
                    (Some(text), None) => Ok(Paragraph::RunIn { heading: shape.heading, text }),
                    (None, Some(paragraphs)) => {
                        Ok(Paragraph::Section { heading: shape.heading, paragraphs })
                    }
                    (None, None) => Err(de::Error::custom(
                        "带小标题的段落需要 text（同一行接正文）或 paragraphs（下接若干段）",
                    )),
                    (Some(_), Some(_)) => Err(de::Error::custom(
                        "text 与 paragraphs 只能二选一：text 接在小标题同一行，paragraphs 另起段落",
                    )),
                }
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(Date::parse("2025-01-05").unwrap().chinese(), "2025年1月5日");
        assert!(Date::parse("2025-02-30").is_none());
    }
}
