//! The typed model of one report (`../shared/spec/DATA.md`, "nianbao/1") and its loading from
//! JSON, YAML or TOML, with errors that name the file, line:column, field path and form cell.
//! No arithmetic checks here (that is `validate`); totals that are omitted are computed.

use std::fmt;
use std::path::Path;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, LineCol};

/// Largest count accepted in a table cell.
pub const MAX_COUNT: u64 = 999_999_999;
/// Largest input file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// Longest text of one paragraph (or heading, name, title), in characters. Real paragraphs
/// have a few hundred to a few thousand; 100,000 leaves room for a pasted appendix.
pub const MAX_TEXT_CHARS: usize = 100_000;
/// Most paragraphs in one report (all sections together).
pub const MAX_PARAGRAPHS: usize = 2_000;
/// Most text in one report, in characters (about 800 printed pages).
pub const MAX_TOTAL_CHARS: usize = 500_000;

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
    /// Table cells that held no valid value (read as 0); reported by validation as R5.
    #[serde(skip)]
    pub invalid_cells: Vec<InvalidCell>,
}

impl Report {
    /// The title as printed: the given one, or the form's pattern.
    pub fn title(&self) -> String {
        match &self.title {
            Some(t) if !t.trim().is_empty() => t.clone(),
            _ => format!("{}{}年政府信息公开工作年度报告", self.organization, self.year.0),
        }
    }
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

/// 署名 and 成文日期.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// 发文机关署名.
    pub organization: String,
    /// 成文日期, `YYYY-MM-DD`.
    pub date: Date,
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
}

/// How the cell deserializers treat invalid values (see [`parse`]).
enum CellMode {
    /// Fail at the first invalid cell (plain serde behaviour).
    Strict,
    /// Read invalid cells as 0 and remember (message, raw) in document order.
    Lenient(Vec<(String, String)>),
    /// Read invalid cells as 0, except fail at the `target`-th one (to learn its path).
    FailAt { target: usize, seen: usize },
}

thread_local! {
    static CELL_MODE: std::cell::RefCell<CellMode> = const { std::cell::RefCell::new(CellMode::Strict) };
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

/// 本年制发件数 / 本年废止件数 / 现行有效件数.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Stock {
    /// 本年制发件数.
    pub issued: Count,
    /// 本年废止件数.
    pub repealed: Count,
    /// 现行有效件数.
    pub in_force: Count,
}

/// 二、主动公开政府信息情况.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Proactive {
    /// 第二十条第（一）项 · 规章.
    pub rules: Stock,
    /// 第二十条第（一）项 · 行政规范性文件.
    pub normative_documents: Stock,
    /// 第二十条第（五）项 · 行政许可.
    pub licensing: Count,
    /// 第二十条第（六）项 · 行政处罚.
    pub punishment: Count,
    /// 第二十条第（六）项 · 行政强制.
    pub enforcement: Count,
    /// 第二十条第（八）项 · 行政事业性收费 (万元).
    pub fees: Amount,
}

/// One row of table 三 over the applicant columns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ApplicantRow {
    /// 自然人.
    pub natural_person: Count,
    /// 商业企业.
    pub commercial: Count,
    /// 科研机构.
    pub research: Count,
    /// 社会公益组织.
    pub social_welfare: Count,
    /// 法律服务机构.
    pub legal_service: Count,
    /// 其他.
    pub other: Count,
    /// 总计, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<Count>,
}

impl ApplicantRow {
    /// The six applicant columns, in the form's order.
    pub fn parts(&self) -> [u64; 6] {
        [
            self.natural_person.0,
            self.commercial.0,
            self.research.0,
            self.social_welfare.0,
            self.legal_service.0,
            self.other.0,
        ]
    }

    /// The seven cells as printed: the six parts and 总计 (given, or their sum).
    pub fn cells(&self) -> [u64; 7] {
        let p = self.parts();
        let total = self.total.map_or_else(|| p.iter().sum(), |t| t.0);
        [p[0], p[1], p[2], p[3], p[4], p[5], total]
    }

    /// A row from its six parts, in the form's order, and 总计 if given.
    pub fn from_parts(p: [u64; 6], total: Option<u64>) -> Self {
        ApplicantRow {
            natural_person: Count(p[0]),
            commercial: Count(p[1]),
            research: Count(p[2]),
            social_welfare: Count(p[3]),
            legal_service: Count(p[4]),
            other: Count(p[5]),
            total: total.map(Count),
        }
    }
}

/// （三）不予公开.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Withheld {
    /// 1.属于国家秘密.
    pub state_secret: ApplicantRow,
    /// 2.其他法律行政法规禁止公开.
    pub prohibited_by_law: ApplicantRow,
    /// 3.危及“三安全一稳定”.
    pub three_safeties_one_stability: ApplicantRow,
    /// 4.保护第三方合法权益.
    pub third_party_rights: ApplicantRow,
    /// 5.属于三类内部事务信息.
    pub internal_affairs: ApplicantRow,
    /// 6.属于四类过程性信息.
    pub process_information: ApplicantRow,
    /// 7.属于行政执法案卷.
    pub enforcement_files: ApplicantRow,
    /// 8.属于行政查询事项.
    pub query_matters: ApplicantRow,
}

/// （四）无法提供.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Unable {
    /// 1.本机关不掌握相关政府信息.
    pub not_held: ApplicantRow,
    /// 2.没有现成信息需要另行制作.
    pub needs_creation: ApplicantRow,
    /// 3.补正后申请内容仍不明确.
    pub unclear: ApplicantRow,
}

/// （五）不予处理.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct NotProcessed {
    /// 1.信访举报投诉类申请.
    pub complaints: ApplicantRow,
    /// 2.重复申请.
    pub duplicate: ApplicantRow,
    /// 3.要求提供公开出版物.
    pub publications: ApplicantRow,
    /// 4.无正当理由大量反复申请.
    pub excessive: ApplicantRow,
    /// 5.要求行政机关确认或重新出具已获取信息.
    pub reconfirmation: ApplicantRow,
}

/// （六）其他处理.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct OtherHandling {
    /// 1.申请人无正当理由逾期不补正….
    pub no_correction: ApplicantRow,
    /// 2.申请人逾期未按收费通知要求缴纳费用….
    pub unpaid_fee: ApplicantRow,
    /// 3.其他.
    pub other: ApplicantRow,
}

/// 三、收到和处理政府信息公开申请情况.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Requests {
    /// 一、本年新收政府信息公开申请数量.
    pub new: ApplicantRow,
    /// 二、上年结转政府信息公开申请数量.
    pub carried_over: ApplicantRow,
    /// （一）予以公开.
    pub granted: ApplicantRow,
    /// （二）部分公开.
    pub partially_granted: ApplicantRow,
    /// （三）不予公开.
    pub withheld: Withheld,
    /// （四）无法提供.
    pub unable: Unable,
    /// （五）不予处理.
    pub not_processed: NotProcessed,
    /// （六）其他处理.
    pub other_handling: OtherHandling,
    /// （七）总计, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handled_total: Option<ApplicantRow>,
    /// 四、结转下年度继续办理.
    pub carried_forward: ApplicantRow,
}

impl Requests {
    /// The 21 leaf result rows （一）…（六）, in the form's order.
    pub fn leaves(&self) -> [&ApplicantRow; 21] {
        let (w, u, n, o) =
            (&self.withheld, &self.unable, &self.not_processed, &self.other_handling);
        [
            &self.granted,
            &self.partially_granted,
            &w.state_secret,
            &w.prohibited_by_law,
            &w.three_safeties_one_stability,
            &w.third_party_rights,
            &w.internal_affairs,
            &w.process_information,
            &w.enforcement_files,
            &w.query_matters,
            &u.not_held,
            &u.needs_creation,
            &u.unclear,
            &n.complaints,
            &n.duplicate,
            &n.publications,
            &n.excessive,
            &n.reconfirmation,
            &o.no_correction,
            &o.unpaid_fee,
            &o.other,
        ]
    }

    /// The 21 leaf result rows, mutable, in the form's order.
    pub fn leaves_mut(&mut self) -> [&mut ApplicantRow; 21] {
        let (w, u, n, o) = (
            &mut self.withheld,
            &mut self.unable,
            &mut self.not_processed,
            &mut self.other_handling,
        );
        [
            &mut self.granted,
            &mut self.partially_granted,
            &mut w.state_secret,
            &mut w.prohibited_by_law,
            &mut w.three_safeties_one_stability,
            &mut w.third_party_rights,
            &mut w.internal_affairs,
            &mut w.process_information,
            &mut w.enforcement_files,
            &mut w.query_matters,
            &mut u.not_held,
            &mut u.needs_creation,
            &mut u.unclear,
            &mut n.complaints,
            &mut n.duplicate,
            &mut n.publications,
            &mut n.excessive,
            &mut n.reconfirmation,
            &mut o.no_correction,
            &mut o.unpaid_fee,
            &mut o.other,
        ]
    }

    /// （七）总计 as printed: the given row, or the column sums of the 21 leaves.
    pub fn handled_total(&self) -> ApplicantRow {
        self.handled_total.unwrap_or_else(|| {
            let mut sum = [0u64; 7];
            for leaf in self.leaves() {
                for (s, c) in sum.iter_mut().zip(leaf.cells()) {
                    *s += c;
                }
            }
            let [p @ .., total] = sum;
            ApplicantRow::from_parts(p, Some(total))
        })
    }

    /// All 25 body rows as printed, in the order of [`crate::form::T3_ROWS`].
    pub fn rows(&self) -> [[u64; 7]; 25] {
        let mut out = [[0u64; 7]; 25];
        out[0] = self.new.cells();
        out[1] = self.carried_over.cells();
        for (i, leaf) in self.leaves().iter().enumerate() {
            out[2 + i] = leaf.cells();
        }
        out[23] = self.handled_total().cells();
        out[24] = self.carried_forward.cells();
        out
    }
}

/// One group of table 四.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct AppealGroup {
    /// 结果维持.
    pub upheld: Count,
    /// 结果纠正.
    pub corrected: Count,
    /// 其他结果.
    pub other: Count,
    /// 尚未审结.
    pub pending: Count,
    /// 总计, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<Count>,
}

impl AppealGroup {
    /// The five cells as printed: four parts and 总计 (given, or their sum).
    pub fn cells(&self) -> [u64; 5] {
        let p = [self.upheld.0, self.corrected.0, self.other.0, self.pending.0];
        [p[0], p[1], p[2], p[3], self.total.map_or_else(|| p.iter().sum(), |t| t.0)]
    }
}

/// 四、政府信息公开行政复议、行政诉讼情况.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Appeals {
    /// 行政复议.
    pub review: AppealGroup,
    /// 行政诉讼 · 未经复议直接起诉.
    pub litigation: AppealGroup,
    /// 行政诉讼 · 复议后起诉.
    pub litigation_after_review: AppealGroup,
}

/// The input formats a report can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON (`.json`).
    Json,
    /// YAML (`.yaml`, `.yml`).
    Yaml,
    /// TOML (`.toml`).
    Toml,
}

impl Format {
    /// The format for a file name, by extension (JSON when unknown).
    pub fn from_path(path: &Path) -> Self {
        match path.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()) {
            Some(e) if e == "yaml" || e == "yml" => Format::Yaml,
            Some(e) if e == "toml" => Format::Toml,
            _ => Format::Json,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Json => "JSON",
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
        }
    }
}

/// Load a report from a file; the format follows the extension.
pub fn load(path: &Path) -> Result<Report, Box<Diagnostic>> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        let msg = match e.kind() {
            std::io::ErrorKind::NotFound => "文件不存在".to_string(),
            std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
            _ if path.is_dir() => "这是一个目录，不是数据文件".to_string(),
            _ => format!("无法读取：{e}"),
        };
        Diagnostic::error("data-io", msg).in_file(&name)
    })?;
    parse_bytes(&bytes, Format::from_path(path), &name)
}

/// Find last year's report of the same organization in a folder of report files: one whose
/// `organization` equals `organization` and whose `year` is `year - 1`. When several match,
/// the one with the file name `prefer` (the current report's name) wins, else the first by
/// name. Files that do not load are skipped.
pub fn find_previous(
    dir: &Path,
    organization: &str,
    year: u16,
    prefer: Option<&std::ffi::OsStr>,
) -> Option<(std::path::PathBuf, Report)> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(),
                Some("json" | "yaml" | "yml" | "toml")
            )
        })
        .collect();
    paths.sort_by_key(|p| (p.file_name() != prefer, p.clone()));
    paths.into_iter().find_map(|p| {
        let r = load(&p).ok()?;
        (r.organization == organization && r.year.0 + 1 == year).then_some((p, r))
    })
}

/// Parse a report from bytes (a file's content), named `name` in messages.
pub fn parse_bytes(bytes: &[u8], format: Format, name: &str) -> Result<Report, Box<Diagnostic>> {
    let fail = |msg: &str| Box::new(Diagnostic::error("data-encoding", msg).in_file(name));
    if bytes.len() > MAX_FILE_BYTES {
        return Err(fail(&format!(
            "文件过大（{} 字节），单个报告数据文件不能超过 {} MB",
            bytes.len(),
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(fail("文件是 UTF-16 编码，请另存为 UTF-8"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        fail(&format!("文件不是 UTF-8 文本（第 {} 个字节处无效），请另存为 UTF-8", e.valid_up_to()))
    })?;
    if text.contains('\0') {
        return Err(fail("文件含有 NUL 字符，不是文本文件"));
    }
    if text.trim().is_empty() {
        return Err(Box::new(Diagnostic::error("data-empty", "文件为空").in_file(name)));
    }
    parse(text, format, name)
}

/// Parse a report from text in the given format, named `name` in messages.
///
/// Structural problems (syntax, unknown keys, wrong shapes) are errors. Cells without a valid
/// value ("/", "无", blanks, floats, negatives…) do not stop loading: they read as 0 and are
/// listed in [`Report::invalid_cells`] with their path and position, so that validation can
/// report every one of them.
pub fn parse(text: &str, format: Format, name: &str) -> Result<Report, Box<Diagnostic>> {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            CELL_MODE.with(|m| *m.borrow_mut() = CellMode::Strict);
        }
    }
    let _reset = Reset;
    CELL_MODE.with(|m| *m.borrow_mut() = CellMode::Lenient(Vec::new()));
    let mut report = deserialize(text, format)
        .map_err(|raw| Box::new(raw.into_diagnostic(text, format, name)))?;
    let found =
        CELL_MODE.with(|m| match std::mem::replace(&mut *m.borrow_mut(), CellMode::Strict) {
            CellMode::Lenient(found) => found,
            _ => Vec::new(),
        });
    // Learn each invalid cell's path and position by failing at exactly that cell.
    for (target, (message, raw)) in found.into_iter().enumerate() {
        CELL_MODE.with(|m| *m.borrow_mut() = CellMode::FailAt { target, seen: 0 });
        let (path, pos) = match deserialize(text, format) {
            Err(e) => (e.path, e.pos),
            Ok(_) => (String::new(), None),
        };
        let source_line =
            pos.and_then(|p| text.lines().nth(p.line - 1)).map(|l| l.trim_end().to_string());
        report.invalid_cells.push(InvalidCell { path, raw, message, pos, source_line });
    }
    check_limits(&report).map_err(|d| Box::new(d.in_file(name)))?;
    Ok(report)
}

/// Enforce the size limits, so that no data file can make a render run away.
fn check_limits(report: &Report) -> Result<(), Box<Diagnostic>> {
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
    if total > MAX_TOTAL_CHARS {
        return Err(Box::new(Diagnostic::error(
            "data-limit",
            format!("报告文字过多：共 {total} 个字符，最多 {MAX_TOTAL_CHARS} 个字符"),
        )));
    }
    Ok(())
}

fn deserialize(text: &str, format: Format) -> Result<Report, RawError> {
    match format {
        Format::Json => {
            let mut de = serde_json::Deserializer::from_str(text);
            match serde_path_to_error::deserialize(&mut de) {
                Ok(report) => match de.end() {
                    Ok(()) => Ok(report),
                    Err(e) => Err(json_error(String::new(), e)),
                },
                Err(e) => {
                    let path = e.path().to_string();
                    Err(json_error(path, e.into_inner()))
                }
            }
        }
        Format::Yaml => {
            let de = serde_yaml::Deserializer::from_str(text);
            serde_path_to_error::deserialize(de).map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                let pos = inner.location().map(|l| LineCol { line: l.line(), column: l.column() });
                let msg = strip_yaml_position(&inner.to_string());
                RawError { path, pos, msg, syntax: false }
            })
        }
        Format::Toml => {
            let de = toml::Deserializer::new(text);
            serde_path_to_error::deserialize(de).map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                let pos = inner.span().map(|s| LineCol::of_offset(text, s.start));
                RawError { path, pos, msg: inner.message().to_string(), syntax: false }
            })
        }
    }
}

/// A loader error before translation.
struct RawError {
    path: String,
    pos: Option<LineCol>,
    msg: String,
    syntax: bool,
}

fn json_error(path: String, e: serde_json::Error) -> RawError {
    let pos = (e.line() > 0).then(|| LineCol { line: e.line(), column: e.column().max(1) });
    let syntax = matches!(
        e.classify(),
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof
    );
    // serde_json appends " at line L column C"; the position is shown separately.
    let msg = e.to_string();
    let msg = match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    RawError { path, pos, msg, syntax }
}

fn strip_yaml_position(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

impl RawError {
    fn into_diagnostic(self, text: &str, format: Format, name: &str) -> Diagnostic {
        let path = if self.path == "." { String::new() } else { self.path };
        let (code, message, hint) = if self.syntax {
            (
                "data-syntax",
                format!("{} 语法错误：{}", format.name(), translate_syntax(&self.msg)),
                None,
            )
        } else {
            match translate(&self.msg) {
                // YAML and TOML parsers do not classify their errors: an English message that
                // is not one of serde's data errors is the parser's (ours are Chinese).
                ("data-value", _, _) if format != Format::Json && self.msg.is_ascii() => {
                    ("data-syntax", format!("{} 语法错误：{}", format.name(), self.msg), None)
                }
                other => other,
            }
        };
        let mut d = Diagnostic::error(code, message).in_file(name);
        if let Some(pos) = self.pos {
            d = d.at(pos, Some(text));
        }
        if !path.is_empty() && path != "?" {
            d = d.field(path);
        }
        if let Some(h) = hint {
            d = d.hint(h);
        }
        d
    }
}

fn translate_syntax(msg: &str) -> String {
    let table = [
        ("EOF while parsing", "文件在中途结束（缺少括号或引号？）"),
        ("trailing comma", "多余的逗号"),
        ("trailing characters", "数据结束后还有多余字符"),
        ("expected value", "此处应为一个值"),
        ("expected `,` or `}`", "此处应为“,”或“}”"),
        ("expected `,` or `]`", "此处应为“,”或“]”"),
        ("expected `:`", "此处应为“:”"),
        ("key must be a string", "键必须是带双引号的字符串"),
        ("control character", "字符串中含有未转义的控制字符（如换行），请写成 \\n"),
        ("invalid escape", "无效的转义序列"),
        ("recursion limit exceeded", "嵌套层数过深"),
        ("number out of range", "数值超出范围"),
        ("invalid number", "无效的数值"),
        ("lone leading surrogate", "无效的 Unicode 转义（孤立的代理项）"),
    ];
    for (en, zh) in table {
        if msg.contains(en) {
            return format!("{zh}（{msg}）");
        }
    }
    msg.to_string()
}

/// Turn serde's English messages into Chinese, with a "did you mean" for unknown keys.
fn translate(msg: &str) -> (&'static str, String, Option<String>) {
    // serde_yaml prefixes the path ("proactive: unknown field …"); the path is shown apart.
    let known = [
        "unknown field `",
        "unknown variant `",
        "missing field `",
        "duplicate field `",
        "invalid type: ",
        "invalid length",
    ];
    let msg = known.iter().filter_map(|k| msg.find(k)).min().map_or(msg, |i| &msg[i..]);
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let hint = match suggest(field, &candidates) {
            Some(s) => Some(format!("是否应为“{s}”？")),
            None if !candidates.is_empty() => {
                Some(format!("可用的字段：{}", candidates.join("、")))
            }
            None => None,
        };
        return ("data-unknown-key", format!("未知字段“{field}”"), hint);
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let (v, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let hint = match suggest(v, &candidates) {
            Some(s) => format!("是否应为“{s}”？可选：{}", candidates.join("、")),
            None => format!("可选：{}", candidates.join("、")),
        };
        return ("data-unknown-value", format!("无效的取值“{v}”"), Some(hint));
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        return ("data-missing", format!("缺少必填字段“{field}”"), None);
    }
    if let Some(rest) = msg.strip_prefix("duplicate field `") {
        let field = rest.trim_end_matches('`');
        return ("data-duplicate", format!("字段“{field}”重复出现"), None);
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        let expected = match expected {
            "a string" => "字符串",
            "a sequence" => "列表（数组）",
            "u16" | "u64" | "u32" => "非负整数",
            e if e.starts_with("struct ") || e.starts_with("a map") => "对象（键值表）",
            e => e,
        };
        return ("data-type", format!("类型错误：应为{expected}，实际是{}", describe(got)), None);
    }
    if msg.starts_with("invalid length") {
        return ("data-type", format!("长度不对：{msg}"), None);
    }
    ("data-value", msg.to_string(), None)
}

fn describe(got: &str) -> String {
    let pairs = [
        ("string ", "字符串 "),
        ("integer ", "整数 "),
        ("floating point ", "小数 "),
        ("boolean ", "布尔值 "),
        ("sequence", "列表（数组）"),
        ("map", "对象"),
        ("unit value", "空值 null"),
        ("null", "空值 null"),
    ];
    for (en, zh) in pairs {
        if let Some(rest) = got.strip_prefix(en) {
            return format!("{zh}{rest}");
        }
    }
    got.to_string()
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
pub fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let w: Vec<char> = word.to_lowercase().chars().collect();
    candidates
        .iter()
        .map(|c| (levenshtein(&w, &c.chars().collect::<Vec<_>>()), *c))
        .filter(|(d, c)| *d <= (c.chars().count().max(w.len()) / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal() -> serde_json::Value {
        serde_json::json!({
            "organization": "某乡人民政府", "year": 2024,
            "overview": ["a"], "proactive": {}, "requests": {}, "appeals": {},
            "problems": ["b"], "other_matters": ["c"]
        })
    }

    fn parse_value(v: &serde_json::Value) -> Result<Report, Box<Diagnostic>> {
        parse(&serde_json::to_string_pretty(v).unwrap(), Format::Json, "t.json")
    }

    #[test]
    fn absent_rows_are_zero_and_totals_computed() {
        let mut v = minimal();
        v["requests"] = serde_json::json!({
            "new": {"natural_person": 3, "commercial": 1},
            "granted": {"natural_person": 2},
            "unable": {"not_held": {"commercial": 1}}
        });
        let r = parse_value(&v).unwrap();
        let rows = r.requests.rows();
        assert_eq!(rows[0], [3, 1, 0, 0, 0, 0, 4]);
        assert_eq!(rows[23], [2, 1, 0, 0, 0, 0, 3]);
        assert_eq!(rows[24], [0; 7]);
        assert_eq!(r.title(), "某乡人民政府2024年政府信息公开工作年度报告");
    }

    #[test]
    fn unknown_key_suggests_nearest() {
        let mut v = minimal();
        v["requests"] = serde_json::json!({"withheld": {"third_party_right": {"commercial": 1}}});
        let d = parse_value(&v).unwrap_err();
        assert_eq!(d.code, "data-unknown-key");
        assert_eq!(d.location.field.as_deref(), Some("requests.withheld.third_party_right"));
        assert!(d.hints[0].contains("third_party_rights"), "{d}");
        assert!(d.location.pos.is_some());
    }

    #[test]
    fn invalid_cells_are_all_recorded_with_path_and_position() {
        let mut v = minimal();
        v["requests"] = serde_json::json!({
            "withheld": {"third_party_rights": {"commercial": "/"}},
            "new": {"natural_person": 1.5, "other": "无", "research": -2}
        });
        v["proactive"] = serde_json::json!({"fees": "-"});
        let r = parse_value(&v).unwrap();
        let cells: Vec<(&str, &str)> =
            r.invalid_cells.iter().map(|c| (c.path.as_str(), c.raw.as_str())).collect();
        assert_eq!(
            cells,
            [
                ("proactive.fees", "\"-\""),
                ("requests.new.natural_person", "1.5"),
                ("requests.new.other", "\"无\""),
                ("requests.new.research", "-2"),
                ("requests.withheld.third_party_rights.commercial", "\"/\""),
            ]
        );
        assert!(r.invalid_cells.iter().all(|c| c.pos.is_some()));
        assert!(r.invalid_cells[4].message.contains("“/”"));
        assert_eq!(r.requests.new.natural_person.0, 0);
    }

    #[test]
    fn yaml_and_toml_load_the_same_model() {
        let yaml = "organization: 某局\nyear: 2024\noverview: [a]\nproactive: {fees: \"1.50\"}\n\
                    requests: {}\nappeals: {}\nproblems: [b]\nother_matters: [c]\n";
        let r = parse(yaml, Format::Yaml, "t.yaml").unwrap();
        assert_eq!(r.proactive.fees.0, "1.50");
        let toml = "organization = \"某局\"\nyear = 2024\noverview = [\"a\"]\nproblems = [\"b\"]\n\
                    other_matters = [\"c\"]\n[proactive]\nlicensing = 5\n[requests.new]\n\
                    natural_person = 2\n[appeals]\n";
        let r = parse(toml, Format::Toml, "t.toml").unwrap();
        assert_eq!(r.proactive.licensing.0, 5);
        assert_eq!(r.requests.rows()[0][6], 2);
        let bad = "organization = \"某局\"\nyear = 2024\noverview = [\"a\"]\nproblems = [\"b\"]\n\
                   other_matters = [\"c\"]\n[proactive]\nlicensing = -1\n[requests]\n[appeals]\n";
        let r = parse(bad, Format::Toml, "t.toml").unwrap();
        let cell = &r.invalid_cells[0];
        assert!(cell.message.contains("负数"), "{cell:?}");
        assert_eq!(cell.path, "proactive.licensing");
        assert_eq!(cell.pos.map(|p| p.line), Some(7));
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let d = parse("{\n  \"organization\": \"x\",,\n}", Format::Json, "t.json").unwrap_err();
        assert_eq!(d.code, "data-syntax");
        assert_eq!(d.location.pos.unwrap().line, 2);
        let d = parse_bytes(b"", Format::Json, "t.json").unwrap_err();
        assert_eq!(d.code, "data-empty");
        let d = parse_bytes(b"\xFF\xFE{\x00", Format::Json, "t.json").unwrap_err();
        assert!(d.message.contains("UTF-16"));
    }

    #[test]
    fn paragraphs_of_all_three_shapes() {
        let mut v = minimal();
        v["overview"] = serde_json::json!([
            "plain",
            {"heading": "h", "text": "t"},
            {"heading": "s", "paragraphs": ["p", {"heading": "x", "text": "y"}]}
        ]);
        let r = parse_value(&v).unwrap();
        assert_eq!(r.overview.len(), 3);
        assert!(
            matches!(&r.overview[2], Paragraph::Section { paragraphs, .. } if paragraphs.len() == 2)
        );
        v["overview"] = serde_json::json!([{"heading": "h", "txt": "t"}]);
        let d = parse_value(&v).unwrap_err();
        assert_eq!(d.location.field.as_deref(), Some("overview[0].txt"));
        assert!(d.hints[0].contains("text"));
    }

    #[test]
    fn dates_and_amounts() {
        assert_eq!(Date::parse("2025-01-05").unwrap().chinese(), "2025年1月5日");
        assert!(Date::parse("2025-02-30").is_none());
        assert!(Amount::check("5949.088667").is_ok());
        assert!(Amount::check("-1").is_err());
        assert!(Amount::check("1.2.3").is_err());
    }
}
