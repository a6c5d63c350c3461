//! The regional report's own text (`--narrative FILE`): a data file (JSON, YAML or TOML with
//! `title`, `preface`, `overview`, `problems`, `other_matters`, `signature`), or a plain text
//! or Markdown file cut at the six section headings (一、…六、) the way offices write it in
//! Word. A section without text is marked 待填写, which `validate` reports (S12).

use std::path::Path;

use serde::Deserialize;

use crate::check::PLACEHOLDER;
use crate::diag::Diagnostic;
use crate::model::form::SECTIONS;
use crate::model::limits::MAX_FILE_BYTES;
use crate::model::{Date, Paragraph, Signature};

/// The text of a regional report; absent sections are 待填写.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Narrative {
    /// The title.
    #[serde(default)]
    pub title: Option<String>,
    /// Text before 一、.
    #[serde(default)]
    pub preface: Vec<Paragraph>,
    /// 一、总体情况.
    #[serde(default)]
    pub overview: Option<Vec<Paragraph>>,
    /// 五、存在的主要问题及改进情况.
    #[serde(default)]
    pub problems: Option<Vec<Paragraph>>,
    /// 六、其他需要报告的事项.
    #[serde(default)]
    pub other_matters: Option<Vec<Paragraph>>,
    /// 署名 and 成文日期.
    #[serde(default)]
    pub signature: Option<Signature>,
    /// Lines of a text file that were not used (under 二、三、四, which the tables fill).
    #[serde(skip)]
    pub unused: Vec<String>,
}

/// The paragraph that marks section `i` (0-based) as not yet written.
pub fn placeholder(i: usize) -> Vec<Paragraph> {
    let what = match i {
        0 => {
            "请填写本地区政府信息公开工作的总体情况：主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障。"
        }
        4 => "请填写本地区政府信息公开工作存在的主要问题及改进情况。",
        _ => "请填写其他需要报告的事项，包括信息处理费的收取情况。",
    };
    vec![Paragraph::Text(format!("{PLACEHOLDER}{}：{what}", SECTIONS[i]))]
}

/// Read a narrative file; the kind follows the extension (.json/.yaml/.yml/.toml are
/// data, anything else text).
pub fn read(path: &Path) -> Result<Narrative, Box<Diagnostic>> {
    let name = path.display().to_string();
    let fail = |m: String| Box::new(Diagnostic::error("narrative", m).in_file(&name));
    let bytes = crate::input::read(path)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(fail(format!("文件过大（{} 字节）", bytes.len())));
    }
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let text = decode(&bytes);
    match ext.as_deref() {
        Some("json") => serde_json::from_str(&text).map_err(|e| fail(format!("JSON 错误：{e}"))),
        Some("yaml" | "yml") => {
            serde_yaml::from_str(&text).map_err(|e| fail(format!("YAML 错误：{e}")))
        }
        Some("toml") => {
            toml::from_str(&text).map_err(|e| fail(format!("TOML 错误：{}", e.message())))
        }
        _ => Ok(parse_text(&text)),
    }
}

/// UTF-8 (with or without a BOM), else GB18030 (Windows Notepad's "ANSI" on Chinese PCs).
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// Which of the six sections a heading line opens (0-based), if it is one.
fn section_of(line: &str) -> Option<usize> {
    let line = line.trim_start_matches(['#', ' ']);
    ["一、", "二、", "三、", "四、", "五、", "六、"].iter().position(|h| line.starts_with(h))
}

/// A 成文日期 line: 2025年1月20日.
fn date_line(line: &str) -> Option<Date> {
    let (y, rest) = line.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let s = format!("{}-{:0>2}-{:0>2}", y.trim(), m.trim(), d.trim());
    serde_json::from_value(serde_json::Value::String(s)).ok()
}

/// Cut a text at the six section headings. A first line ending in 年度报告 is the title;
/// lines before 一、 are the preface; "（一）标题。正文" lines become run-in subheadings, a
/// line "（一）标题" alone a subheading over the lines that follow; a name and a date as the
/// last two lines are the signature.
pub fn parse_text(text: &str) -> Narrative {
    let mut lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim_matches([' ', '\t', '\u{3000}', '\r']))
        .filter(|l| !l.is_empty())
        .collect();
    let mut out = Narrative::default();
    if lines.first().is_some_and(|l| l.ends_with("年度报告") && section_of(l).is_none()) {
        out.title = Some(lines.remove(0).to_string());
    }
    if lines.len() >= 2
        && let Some(date) = date_line(lines[lines.len() - 1])
        && lines[lines.len() - 2].chars().count() <= 40
        && !lines[lines.len() - 2].contains(['。', '，'])
        && section_of(lines[lines.len() - 2]).is_none()
    {
        let organization = lines[lines.len() - 2].to_string();
        out.signature = Some(Signature { organization, date });
        lines.truncate(lines.len() - 2);
    }
    let mut sections: [Option<Vec<Paragraph>>; 6] = Default::default();
    let mut current: Option<usize> = None;
    for line in lines {
        if let Some(i) = section_of(line) {
            current = Some(i);
            sections[i].get_or_insert_with(Vec::new);
            continue;
        }
        let target = match current {
            None => &mut out.preface,
            Some(i @ (1..=3)) => {
                out.unused.push(format!("{}：{line}", SECTIONS[i]));
                continue;
            }
            Some(i) => sections[i].get_or_insert_with(Vec::new),
        };
        push_line(target, line);
    }
    let [overview, _, _, _, problems, other] = sections;
    out.overview = overview.filter(|v| !v.is_empty());
    out.problems = problems.filter(|v| !v.is_empty());
    out.other_matters = other.filter(|v| !v.is_empty());
    out
}

/// Add a line to a section: a subheading, a run-in subheading, or a paragraph (under the
/// last own-line subheading, if any).
fn push_line(target: &mut Vec<Paragraph>, line: &str) {
    let numbered = line.starts_with('（') && line.find('）').is_some_and(|i| i <= 12);
    if numbered {
        match line.find('。') {
            Some(i) if i + '。'.len_utf8() < line.len() => {
                let (heading, text) = line.split_at(i + '。'.len_utf8());
                target.push(Paragraph::RunIn { heading: heading.into(), text: text.into() });
            }
            _ => target.push(Paragraph::Section { heading: line.into(), paragraphs: Vec::new() }),
        }
        return;
    }
    match target.last_mut() {
        Some(Paragraph::Section { paragraphs, .. }) => {
            paragraphs.push(Paragraph::Text(line.into()))
        }
        _ => target.push(Paragraph::Text(line.into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_at_the_section_headings() {
        let t = "某县2024年政府信息公开工作年度报告\n\n本报告由某县人民政府办公室编制。\n一、总体情况\n（一）主动公开。全县主动公开信息1万余条。\n（二）依申请公开\n全县新收申请120件。\n二、主动公开政府信息情况\n（见表）\n五、存在的主要问题及改进情况\n一是……二是……\n六、其他需要报告的事项\n全县未收取信息处理费。\n某县人民政府办公室\n2025年1月20日\n";
        let n = parse_text(t);
        assert_eq!(n.title.as_deref(), Some("某县2024年政府信息公开工作年度报告"));
        assert_eq!(n.preface, [Paragraph::Text("本报告由某县人民政府办公室编制。".into())]);
        let overview = n.overview.unwrap();
        assert!(
            matches!(&overview[0], Paragraph::RunIn { heading, .. } if heading == "（一）主动公开。")
        );
        assert!(
            matches!(&overview[1], Paragraph::Section { paragraphs, .. } if paragraphs.len() == 1)
        );
        assert_eq!(n.problems.unwrap().len(), 1);
        assert_eq!(n.other_matters.unwrap(), [Paragraph::Text("全县未收取信息处理费。".into())]);
        let s = n.signature.unwrap();
        assert_eq!(
            (s.organization.as_str(), s.date.chinese()),
            ("某县人民政府办公室", "2025年1月20日".into())
        );
        assert_eq!(n.unused, ["二、主动公开政府信息情况：（见表）"]);
    }

    #[test]
    fn gbk_text_is_read() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("五、存在的主要问题及改进情况\n人员不足。");
        assert!(decode(&bytes).contains("人员不足"));
    }
}
