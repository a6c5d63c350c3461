//! The narrative against the tables and the form: figures the text states that the tables
//! contradict (S3), 信息处理费 in section 六 (S4), the title (S5), stale years (S6), an empty
//! or token section 五 (S7), and sections still marked 待填写 (S12). Messages quote the
//! sentence and name the paragraph (`overview[2].text`).

use crate::diag::Diagnostic;
use crate::model::form::{SECTIONS, T3_ROWS};
use crate::model::{Report, TextField, TextKind};

use super::Rule;
use super::claims::{Metric, claims};
use super::sentences::{sentences, years};

/// The mark `aggregate` leaves in a section it has no text for.
pub const PLACEHOLDER: &str = "【待填写】";

/// The narrative sections: data key and heading.
const NARRATIVE: [(&str, &str); 4] = [
    ("preface", "前言"),
    ("overview", SECTIONS[0]),
    ("problems", SECTIONS[4]),
    ("other_matters", SECTIONS[5]),
];

/// Run the narrative rules.
pub(super) fn check(report: &Report, out: &mut Vec<Diagnostic>) {
    let fields = report.text_fields();
    let narrative: Vec<&TextField<'_>> = fields
        .iter()
        .filter(|f| NARRATIVE.iter().any(|(k, _)| f.path.starts_with(&format!("{k}["))))
        .collect();
    s3_stated_figures(report, &narrative, out);
    let placeholders = s12_placeholders(&narrative, out);
    // A tables-only report (a county-wide sheet's row) has no sections 五 and 六 to look into.
    let tables_only = !report.has_narrative();
    if !tables_only && !placeholders.contains(&"other_matters") {
        s4_fee_statement(&narrative, out);
    }
    s5_title(report, out);
    s6_stale_years(report, &narrative, out);
    if !tables_only && !placeholders.contains(&"problems") {
        s7_problems(&narrative, out);
    }
}

fn in_section<'a>(fields: &'a [&'a TextField<'a>], key: &str) -> Vec<&'a TextField<'a>> {
    let prefix = format!("{key}[");
    fields.iter().copied().filter(|f| f.path.starts_with(&prefix)).collect()
}

/// What the tables say for a stated figure: the values that agree with it, and how to name
/// the table figure in a message.
fn table_figure(report: &Report, metric: Metric) -> (Vec<f64>, String) {
    let rows = report.requests.rows();
    let total = |row: usize| rows[row][6] as f64;
    let sum = |range: std::ops::Range<usize>| range.map(total).sum::<f64>();
    let label = |row: usize| format!("表三“{}”总计 {}", T3_ROWS[row].label, rows[row][6]);
    let (new, carried) = (total(0), total(1));
    let a = &report.appeals;
    let p = &report.proactive;
    let stock = |rules: bool| {
        if rules { (&p.rules, "规章") } else { (&p.normative_documents, "行政规范性文件") }
    };
    match metric {
        Metric::New => (vec![new], label(0)),
        Metric::Received => {
            (vec![new, new + carried], format!("{}（加上年结转为 {}）", label(0), new + carried))
        }
        Metric::Processed => (
            vec![new, new + carried, total(23)],
            format!("{}（加上年结转为 {}），（七）总计 {}", label(0), new + carried, total(23)),
        ),
        Metric::CarriedOver => (vec![carried], label(1)),
        Metric::Carried => (vec![carried, total(24)], format!("{}，{}", label(1), label(24))),
        Metric::Handled => (vec![total(23)], label(23)),
        Metric::CarriedForward => (vec![total(24)], label(24)),
        Metric::Granted => (vec![total(2)], label(2)),
        Metric::Partial => (vec![total(3)], format!("表三“（二）部分公开”总计 {}", total(3))),
        Metric::Withheld => {
            (vec![sum(4..12)], format!("表三“（三）不予公开”各项总计之和 {}", sum(4..12)))
        }
        Metric::Unable => {
            (vec![sum(12..15)], format!("表三“（四）无法提供”各项总计之和 {}", sum(12..15)))
        }
        Metric::NotProcessed => {
            (vec![sum(15..20)], format!("表三“（五）不予处理”各项总计之和 {}", sum(15..20)))
        }
        Metric::Review => {
            let v = a.review.cells()[4];
            (vec![v as f64], format!("表四“行政复议”总计 {v}"))
        }
        Metric::Litigation => {
            let v = a.litigation.cells()[4] + a.litigation_after_review.cells()[4];
            (vec![v as f64], format!("表四“行政诉讼”总计（两组合计）{v}"))
        }
        Metric::Issued(r) => {
            let (s, name) = stock(r);
            (vec![s.issued.0 as f64], format!("表二“{name}”本年制发件数 {}", s.issued.0))
        }
        Metric::Repealed(r) => {
            let (s, name) = stock(r);
            (vec![s.repealed.0 as f64], format!("表二“{name}”本年废止件数 {}", s.repealed.0))
        }
        Metric::InForce(r) => {
            let (s, name) = stock(r);
            (vec![s.in_force.0 as f64], format!("表二“{name}”现行有效件数 {}", s.in_force.0))
        }
        Metric::Licensing => (
            vec![p.licensing.0 as f64],
            format!("表二“行政许可”本年处理决定数量 {}", p.licensing.0),
        ),
        Metric::Punishment => (
            vec![p.punishment.0 as f64],
            format!("表二“行政处罚”本年处理决定数量 {}", p.punishment.0),
        ),
        Metric::Enforcement => (
            vec![p.enforcement.0 as f64],
            format!("表二“行政强制”本年处理决定数量 {}", p.enforcement.0),
        ),
        Metric::Fees => match p.fees.value() {
            Some(v) => (vec![v], format!("表二“行政事业性收费”本年收费金额 {} 万元", p.fees.0)),
            None => (vec![], String::new()),
        },
    }
}

fn s3_stated_figures(report: &Report, narrative: &[&TextField<'_>], out: &mut Vec<Diagnostic>) {
    for field in narrative {
        for claim in claims(field.text, report.year.0) {
            let (agree, table) = table_figure(report, claim.metric);
            if agree.is_empty() || agree.iter().any(|v| (v - claim.value).abs() < 0.005) {
                continue;
            }
            let stated = claim.clause.trim();
            let msg = format!("正文“{stated}”与{table} 不符");
            let expected = agree[0];
            out.push(Rule::S3.finding(msg).field(&field.path).values(expected, claim.value));
        }
    }
}

/// Sections still marked 待填写; one finding each. Returns their keys.
fn s12_placeholders(narrative: &[&TextField<'_>], out: &mut Vec<Diagnostic>) -> Vec<&'static str> {
    let mut found = Vec::new();
    for (key, heading) in NARRATIVE {
        let section = in_section(narrative, key);
        if let Some(f) = section.iter().find(|f| f.text.contains("待填写")) {
            let fragment: String = f.text.chars().take(30).collect();
            out.push(
                Rule::S12
                    .finding(format!("{heading}尚未填写（仍是“{fragment}”）"))
                    .field(&f.path)
                    .hint("用 --narrative 提供各部分的文字，或直接编辑数据文件"),
            );
            found.push(key);
        }
    }
    found
}

fn s4_fee_statement(narrative: &[&TextField<'_>], out: &mut Vec<Diagnostic>) {
    // "未收取信息处理费", or as offices also put it, "未发生政府信息公开收费情况",
    // "无向申请人收取政府信息公开费用的情况".
    let states = |t: &str| {
        t.contains("处理费")
            || (t.contains("收费") && t.contains("公开"))
            || (t.contains("收取") && t.contains("费用") && t.contains("公开"))
    };
    if !in_section(narrative, "other_matters").iter().any(|f| states(f.text)) {
        out.push(
            Rule::S4
                .finding("六、其他需要报告的事项没有说明信息处理费的收取情况".to_string())
                .field("other_matters")
                .hint("例如：“本年度未收取信息处理费。”（依据《政府信息公开信息处理费管理办法》）"),
        );
    }
}

fn s5_title(report: &Report, out: &mut Vec<Diagnostic>) {
    let title = report.title();
    // The year itself is S6's business; here only that there is one.
    if !title.ends_with("政府信息公开工作年度报告") || years(&title).is_empty() {
        let expected =
            format!("{}{}年政府信息公开工作年度报告", report.organization, report.year.0);
        out.push(
            Rule::S5
                .finding(format!(
                    "标题“{title}”不符合“机关名称+年份+政府信息公开工作年度报告”的格式"
                ))
                .field("title")
                .values(expected, &title),
        );
    }
}

/// Words that make an earlier year in a sentence a reference, a comparison or history, not
/// a stale "this year".
const HISTORY: &[&str] = &[
    "同比",
    "相比",
    "对比",
    "较上",
    "比上",
    "较20",
    "比20",
    "与20",
    "上年",
    "去年",
    "上一年",
    "以来",
    "结转",
    "遗留",
    "增长",
    "下降",
    "减少",
    "增加",
    "持平",
    "年报",
    "年度报告",
    "整改",
    "此前",
    "往年",
    "历年",
    "以前",
    "之前",
    "至今",
    "修订",
    "修正",
    "施行",
    "印发",
];

/// What may come before a year at the start of a clause that presents it as the report's
/// year: nothing, or 在/于/自/截至/截止 ….
const LEADS: &[&str] =
    &["", "在", "于", "自", "截至", "截止", "截止到", "截至到", "全", "今", "本年度"];

/// Whether byte `at` of `text` is inside 《…》 or “…” (a title or a quotation).
fn quoted(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let open = |o: char, c: char| before.matches(o).count() > before.matches(c).count();
    open('《', '》') || open('“', '”') || open('〈', '〉')
}

/// The first mention in `text` of an earlier year presented as this year's, if any.
fn stale_year(text: &str, year: u16) -> Option<(u16, String)> {
    for sentence in sentences(text) {
        for (at, y) in years(sentence.text) {
            if y >= year || y + 3 < year || quoted(sentence.text, at) {
                continue;
            }
            // Only where a year introduces the report's own data: at the start of a clause
            // ("2023年，我局…", "截至2023年…"), or as a statistics period or date
            // ("2023年1月1日", "2023年12月31日"). "按照2023年12月召开的会议" is history.
            let before = &sentence.text[..at];
            let lead = before.rsplit(['，', ',', '：', ':', '（', '(']).next().unwrap_or("").trim();
            let after = &sentence.text[at..];
            let year_end = after.find('年').map_or(after.len(), |i| i + '年'.len_utf8());
            // Text copied out of a PDF has spaces: "2023 年 12 月 31 日".
            let rest: String =
                after[year_end..].chars().filter(|c| !c.is_whitespace()).take(8).collect();
            let presents = LEADS.contains(&lead)
                || ["1月1日", "12月31日", "全年", "年底", "12月底"]
                    .iter()
                    .any(|w| rest.starts_with(w));
            if !presents {
                continue;
            }
            // "自2023年起" is history; "自2023年1月1日起至…" is a statistics period.
            let since = after.find('起').is_some_and(|i| !after[i..].starts_with("起至"));
            if since || HISTORY.iter().any(|w| sentence.text.contains(w)) {
                continue;
            }
            let fragment = sentence.text.trim_end_matches(['。', '；', ';', '\n']).trim();
            return Some((y, fragment.chars().take(60).collect()));
        }
    }
    None
}

fn s6_stale_years(report: &Report, narrative: &[&TextField<'_>], out: &mut Vec<Diagnostic>) {
    let year = report.year.0;
    let title = report.title();
    if let Some(&(_, y)) = years(&title).iter().find(|(_, y)| *y != year) {
        out.push(
            Rule::S6
                .finding(format!("标题中的年份 {y} 与报告年度 {year} 不符"))
                .field("title")
                .values(format!("{year}年"), format!("{y}年")),
        );
    }
    for field in narrative {
        if let Some((y, fragment)) = stale_year(field.text, year) {
            out.push(
                Rule::S6
                    .finding(format!(
                        "正文把 {y} 年写成了本年度：“{fragment}”（本报告是 {year} 年度）"
                    ))
                    .field(&field.path)
                    .values(format!("{year}年"), format!("{y}年"))
                    .hint("如是沿用上年报告的文字，请改为本年度；与上年比较的句子请写明“较上年”“同比”等"),
            );
        }
    }
}

/// Fewer characters than this cannot state a problem and a measure.
const PROBLEMS_MIN_CHARS: usize = 40;
const PROBLEM_WORDS: &[&str] = &[
    "问题",
    "不足",
    "差距",
    "短板",
    "薄弱",
    "欠缺",
    "有待",
    "不够",
    "不强",
    "不高",
    "不到位",
    "不完善",
    "不规范",
    "不充分",
    "不及时",
    "滞后",
    "不平衡",
    "单一",
    "困难",
];
const MEASURE_WORDS: &[&str] = &[
    "下一步",
    "整改",
    "改进",
    "措施",
    "加强",
    "提升",
    "完善",
    "推进",
    "深化",
    "强化",
    "优化",
    "健全",
    "规范",
    "将",
    "持续",
    "进一步",
    "计划",
];

fn s7_problems(narrative: &[&TextField<'_>], out: &mut Vec<Diagnostic>) {
    let section = in_section(narrative, "problems");
    let text: String = section.iter().map(|f| f.text).collect::<Vec<_>>().join("");
    let letters: String = text.chars().filter(|c| c.is_alphanumeric()).collect();
    let n = letters.chars().count();
    let why = if n == 0 {
        "是空的".to_string()
    } else if ["无", "暂无", "没有", "无问题", "不存在问题", "无此项"].contains(&letters.as_str())
    {
        format!("只写了“{letters}”")
    } else if n < PROBLEMS_MIN_CHARS {
        format!("只有 {n} 个字（“{}”），写不清存在的问题和改进措施", text.trim())
    } else if !PROBLEM_WORDS.iter().any(|w| text.contains(w)) {
        "没有写出存在的问题".to_string()
    } else if !MEASURE_WORDS.iter().any(|w| text.contains(w)) {
        "没有写出改进措施".to_string()
    } else {
        return;
    };
    let field = section
        .iter()
        .find(|f| f.kind == TextKind::Paragraph)
        .map_or("problems".to_string(), |f| f.path.clone());
    out.push(
        Rule::S7
            .finding(format!("{}{why}", SECTIONS[4]))
            .field(field)
            .hint("应写明本年度政府信息公开工作存在的主要问题，以及具体的改进情况或措施"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_years_and_references() {
        for t in [
            "截至2023年12月31日，我局共有工作人员12名。",
            "2023年，蔡家堡乡人民政府在县委、县政府的正确领导下开展工作。",
            "报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
            "二〇二三年，我镇深入推进政务公开。",
            "截止 2023 年 12 月 31 日，蔡家堡乡人民政府全年累计主动公开政府信息 263 条。",
        ] {
            assert!(stale_year(t, 2024).is_some(), "{t}");
        }
        for t in [
            "新收申请225件，较2023年增加12件。",
            "与2023年相比，主动公开信息数量有所增加。",
            "自2023年起实行政务公开负面清单制度。",
            "上年结转2023年度申请8件。",
            "根据《2023年政务公开工作要点》开展工作。",
            "针对2023年度报告中指出的问题，已全部整改。",
            "2024年，我乡深入推进政务公开。",
            "2025年将进一步加强政务公开工作。",
            "《条例》2019年修订施行以来，依申请公开更加规范。",
            "按照2023年12月召开的全县政务公开工作会议部署，开展专项检查。",
            "该项目于上级2023年批复的计划内实施。",
        ] {
            assert_eq!(stale_year(t, 2024), None, "{t}");
        }
    }
}
