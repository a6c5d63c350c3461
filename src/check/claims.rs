//! The figures a narrative states: "全年新收政府信息公开申请225件", "上年结转8件", "办结220件",
//! "结转下年度继续办理13件", "予以公开67件", "被申请行政复议2件", "制发行政规范性文件3件"…
//! A figure is a keyword of the form's figure followed, in the same clause, by an exact
//! count with its unit, with no other figure's keyword in between and nothing in the
//! sentence that gives it another scope (see [`super::sentences::scope`]).

use super::numbers::{Mention, mentions};
use super::sentences::{Scope, Span, clauses, scope, sentences};

/// A figure of the form that a narrative can state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metric {
    /// 一、本年新收 (新收).
    New,
    /// 收到 or 受理: 本年新收, or 本年新收 + 上年结转.
    Received,
    /// 办理: 本年新收, 本年新收 + 上年结转, or （七）总计.
    Processed,
    /// 二、上年结转.
    CarriedOver,
    /// 结转 alone: 上年结转 or 结转下年度.
    Carried,
    /// （七）总计 (办结, 答复).
    Handled,
    /// 四、结转下年度继续办理.
    CarriedForward,
    /// （一）予以公开.
    Granted,
    /// （二）部分公开.
    Partial,
    /// （三）不予公开, all eight rows.
    Withheld,
    /// （四）无法提供, all three rows.
    Unable,
    /// （五）不予处理, all five rows.
    NotProcessed,
    /// 表四 行政复议 总计.
    Review,
    /// 表四 行政诉讼 总计 (both groups).
    Litigation,
    /// 表二 行政规范性文件 or 规章: 本年制发 (`true`: 规章).
    Issued(bool),
    /// 本年废止.
    Repealed(bool),
    /// 现行有效.
    InForce(bool),
    /// 表二 行政许可.
    Licensing,
    /// 表二 行政处罚.
    Punishment,
    /// 表二 行政强制.
    Enforcement,
    /// 表二 行政事业性收费 (万元).
    Fees,
}

/// Keywords, matched longest first; a matched keyword hides the shorter ones inside it
/// (结转下年度继续办理 is not also 办理).
const KEYWORDS: &[(&str, Metric)] = &[
    ("上一年度结转", Metric::CarriedOver),
    ("上年度结转", Metric::CarriedOver),
    ("上年结转", Metric::CarriedOver),
    ("去年结转", Metric::CarriedOver),
    ("结转上年", Metric::CarriedOver),
    ("结转下一年", Metric::CarriedForward),
    ("结转至下", Metric::CarriedForward),
    ("结转到下", Metric::CarriedForward),
    ("转入下一年", Metric::CarriedForward),
    ("转入下年", Metric::CarriedForward),
    ("结转下年", Metric::CarriedForward),
    ("继续办理", Metric::CarriedForward),
    ("结转", Metric::Carried),
    ("新受理", Metric::New),
    ("新收", Metric::New),
    ("收到", Metric::Received),
    ("受理", Metric::Received),
    ("接收", Metric::Received),
    ("办理完毕", Metric::Handled),
    ("办结", Metric::Handled),
    ("答复", Metric::Handled),
    ("办理", Metric::Processed),
    ("不予以公开", Metric::Withheld),
    ("不予公开", Metric::Withheld),
    ("予以公开", Metric::Granted),
    ("同意公开", Metric::Granted),
    ("全部公开", Metric::Granted),
    ("部分公开", Metric::Partial),
    ("无法提供", Metric::Unable),
    ("不予处理", Metric::NotProcessed),
    ("行政复议", Metric::Review),
    ("复议", Metric::Review),
    ("行政诉讼", Metric::Litigation),
    ("起诉", Metric::Litigation),
    ("行政许可", Metric::Licensing),
    ("行政处罚", Metric::Punishment),
    ("行政强制", Metric::Enforcement),
    ("行政事业性收费", Metric::Fees),
    ("收费金额", Metric::Fees),
];

/// Keywords that are verbs before a more specific figure (办理行政许可, 受理行政复议).
const GENERIC: &[Metric] = &[Metric::Processed, Metric::Received, Metric::Handled];
/// Figures a generic verb can lead to.
const SPECIFIC: &[Metric] = &[
    Metric::Licensing,
    Metric::Punishment,
    Metric::Enforcement,
    Metric::Review,
    Metric::Litigation,
    Metric::Fees,
];

/// Stock verbs of table 二 (the object, 规范性文件 or 规章, is found separately).
const STOCK_VERBS: &[(&str, u8)] =
    &[("制发", 0), ("印发", 0), ("出台", 0), ("制定", 0), ("废止", 1), ("现行有效", 2)];

/// Words between an appeal keyword and its number that make the number a part of the
/// appeals (a result), not their total.
const APPEAL_PARTS: &[&str] = &[
    "维持",
    "纠正",
    "驳回",
    "撤销",
    "审结",
    "结案",
    "败诉",
    "胜诉",
    "终止",
    "其他结果",
    "尚未",
    "确认违法",
    "调解",
    "和解",
    "未经复议",
    "复议后",
];

/// Words that make a table-二 decision count something else (published items, a list).
const DECISION_OTHER: &[&str] = &["公示", "公开", "信息", "事项", "清单", "目录", "标准"];

/// One figure a narrative states.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim<'a> {
    /// Which figure.
    pub metric: Metric,
    /// The value stated.
    pub value: f64,
    /// The clause it is stated in, as written.
    pub clause: &'a str,
}

struct Keyword {
    range: std::ops::Range<usize>,
    metric: Metric,
}

/// The keywords of a clause, longest match first, not overlapping.
fn keywords(clause: &Span<'_>) -> Vec<Keyword> {
    let mut out = Vec::new();
    let t = clause.text;
    let mut i = 0;
    while i < t.len() {
        let rest = &t[i..];
        match KEYWORDS.iter().find(|(k, _)| rest.starts_with(k)) {
            Some((k, metric)) => {
                out.push(Keyword {
                    range: clause.start + i..clause.start + i + k.len(),
                    metric: *metric,
                });
                i += k.len();
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

/// The table-二 stock figure of a count: its verb in the clause, its object (规范性文件 or
/// 规章) the nearest before the number in the sentence.
fn stock_metric(sentence: &Span<'_>, clause: &Span<'_>, m: &Mention) -> Option<Metric> {
    let before = &clause.text[..m.start - clause.start];
    let verb = STOCK_VERBS
        .iter()
        .filter_map(|(v, kind)| before.rfind(v).map(|i| (i, *kind)))
        .max_by_key(|(i, _)| *i)?
        .1;
    let upto = &sentence.text[..m.start - sentence.start];
    let rules = match (upto.rfind("规范性文件"), upto.rfind("规章")) {
        (Some(n), Some(r)) => r > n,
        (Some(_), None) => false,
        (None, Some(_)) => true,
        (None, None) => return None,
    };
    Some(match verb {
        0 => Metric::Issued(rules),
        1 => Metric::Repealed(rules),
        _ => Metric::InForce(rules),
    })
}

/// Every figure `text` states, for a report on `year`.
pub fn claims(text: &str, year: u16) -> Vec<Claim<'_>> {
    let mut out = Vec::new();
    for sentence in sentences(text) {
        let about_disclosure = sentence.text.contains("公开");
        for clause in clauses(&sentence) {
            let kws = keywords(&clause);
            let numbers = mentions(clause.text);
            let mut prev_end = clause.start;
            for m in numbers {
                let m = Mention {
                    start: m.start + clause.start,
                    end: m.end + clause.start,
                    unit_end: m.unit_end + clause.start,
                    ..m
                };
                let since = prev_end;
                prev_end = m.unit_end;
                let Some(value) = m.exact.then_some(m.value) else { continue };
                let Some(unit) = m.unit else { continue };
                let between: Vec<&Keyword> = kws
                    .iter()
                    .filter(|k| k.range.start >= since && k.range.end <= m.start)
                    .collect();
                let metric = match between.as_slice() {
                    [] => match stock_metric(&sentence, &clause, &m) {
                        Some(metric) if unit == "件" => metric,
                        _ => continue,
                    },
                    // One figure, or a verb before a specific one: 办理行政许可1246件.
                    [.., last]
                        if between.iter().all(|k| {
                            k.metric == last.metric
                                || GENERIC.contains(&k.metric) && SPECIFIC.contains(&last.metric)
                        }) =>
                    {
                        last.metric
                    }
                    _ => continue,
                };
                let needs_application = match metric {
                    Metric::New | Metric::Received | Metric::Processed | Metric::Handled => {
                        !sentence.text.contains("申请")
                    }
                    Metric::CarriedOver | Metric::Carried | Metric::CarriedForward => {
                        !text.contains("申请")
                    }
                    _ => false,
                };
                if needs_application {
                    continue;
                }
                let gap = &text[between.last().map_or(since, |k| k.range.end)..m.start];
                let fits = match metric {
                    Metric::Fees => unit == "万元" && !sentence.text.contains("处理费"),
                    Metric::Review | Metric::Litigation => {
                        matches!(unit, "件" | "起" | "宗")
                            && about_disclosure
                            && !APPEAL_PARTS.iter().any(|w| gap.contains(w))
                    }
                    Metric::Licensing | Metric::Punishment | Metric::Enforcement => {
                        unit == "件" && !DECISION_OTHER.iter().any(|w| clause.text.contains(w))
                    }
                    // Requests are counted in 件; "不予公开22条" counts documents (公文).
                    Metric::Granted
                    | Metric::Partial
                    | Metric::Withheld
                    | Metric::Unable
                    | Metric::NotProcessed => unit == "件",
                    _ => matches!(unit, "件" | "条" | "起" | "宗"),
                };
                // A long gap is another sentence part: "新收…的申请中，有关征地的12件".
                if !fits || gap.chars().count() > 20 || gap.contains("其中") {
                    continue;
                }
                // "其中公开答复1件": a part of the figure before it, not the total answered.
                let lead = &text[since..between.last().map_or(m.start, |k| k.range.start)];
                if metric == Metric::Handled && lead.contains("其中") {
                    continue;
                }
                let own: Vec<_> = between.iter().map(|k| k.range.clone()).collect();
                if scope(&sentence, &clause, m.start, year, &own) != Scope::Current {
                    continue;
                }
                let clause_text = clause.text.trim_end_matches(['。', '；', ';', '，', ',']);
                out.push(Claim { metric, value, clause: clause_text });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stated(text: &str) -> Vec<(Metric, f64)> {
        claims(text, 2024).into_iter().map(|c| (c.metric, c.value)).collect()
    }

    #[test]
    fn application_figures() {
        assert_eq!(
            stated(
                "全年新收政府信息公开申请225件，上年结转8件，均在法定期限内答复，结转下年度继续办理13件。"
            ),
            [(Metric::New, 225.0), (Metric::CarriedOver, 8.0), (Metric::CarriedForward, 13.0)]
        );
        assert_eq!(stated("本年度共收到政府信息公开申请十二件。"), [(Metric::Received, 12.0)]);
        assert_eq!(
            stated("共受理申请233件，已办结220件。"),
            [(Metric::Received, 233.0), (Metric::Handled, 220.0)]
        );
        assert_eq!(
            stated("其中予以公开67件，部分公开18件，不予公开37件，无法提供52件，不予处理19件。"),
            [
                (Metric::Granted, 67.0),
                (Metric::Partial, 18.0),
                (Metric::Withheld, 37.0),
                (Metric::Unable, 52.0),
                (Metric::NotProcessed, 19.0)
            ]
        );
    }

    #[test]
    fn a_part_answered_is_not_the_total() {
        let text = "本年度办结依申请公开2件，其中公开答复1件，无法提供1件。";
        assert!(!stated(text).contains(&(Metric::Handled, 1.0)), "{:?}", stated(text));
    }

    #[test]
    fn documents_counted_in_tiao_are_not_request_results() {
        let text = "全年印发公文类政府信息共432条，其中依申请公开信息数311条，不予公开22条。";
        assert!(!stated(text).iter().any(|(m, _)| *m == Metric::Withheld), "{:?}", stated(text));
    }

    #[test]
    fn table_two_figures() {
        assert_eq!(
            stated("全年制发行政规范性文件3件，废止2件，现行有效17件。"),
            [
                (Metric::Issued(false), 3.0),
                (Metric::Repealed(false), 2.0),
                (Metric::InForce(false), 17.0)
            ]
        );
        assert_eq!(stated("本年度制定规章1件。"), [(Metric::Issued(true), 1.0)]);
        assert_eq!(
            stated("作出行政处罚决定57件，办理行政许可1246件。"),
            [(Metric::Punishment, 57.0), (Metric::Licensing, 1246.0)]
        );
        assert_eq!(stated("行政事业性收费18651.06万元。"), [(Metric::Fees, 18651.06)]);
    }

    #[test]
    fn appeal_figures() {
        assert_eq!(
            stated("因政府信息公开被申请行政复议2件，被提起行政诉讼1件。"),
            [(Metric::Review, 2.0), (Metric::Litigation, 1.0)]
        );
        assert_eq!(stated("全年发生政府信息公开行政复议案件两起。"), [(Metric::Review, 2.0)]);
    }

    #[test]
    fn sentences_from_published_reports() {
        // A city bureau's 2023 report: the narrative says 2 where table 三 says 3 (S3).
        assert_eq!(
            stated("本年度，共受理政府信息公开申请2件，都在法定期限内予以答复。"),
            [(Metric::Received, 2.0)]
        );
        // Hotline cases and messages are not applications.
        for t in [
            "2023年，共办理政府12345热线47件，已全部办结，回复率和满意率均达100%。",
            "本年度共处理群众留言92条。",
            "截止2023年12月31日我局通过官方网站发布政务类信息34条，概况类信息150条。",
            "全年更新工作动态、养老服务和社会救助信息162条。",
        ] {
            assert_eq!(stated(t), [], "{t}");
        }
    }

    #[test]
    fn false_alarm_traps() {
        for t in [
            // 备案 cases are not table 二's 制发.
            "本年度向县人大常委会报送备案规范性文件5件。",
            // Comparisons and changes.
            "新收申请较上年增加12件。",
            "与2023年相比，新收申请减少3件。",
            "2023年新收申请198件。",
            "自2019年以来累计受理申请1200件。",
            // Approximations and ranges.
            "全年新收申请十余件。",
            "每月新收申请3至5件。",
            // Ordinary documents are not 规范性文件.
            "全年制发文件18件。",
            // A result count inside an appeal sentence.
            "行政复议结果纠正1件。",
            // Published decisions, not decisions.
            "公示行政处罚决定信息57件。",
            // All of a department's appeals, not the disclosure ones.
            "全年办理行政复议案件15件。",
            // Two figures share one number.
            "行政复议、行政诉讼各1件。",
            // Fee for information processing, in 元.
            "未收取信息处理费，收费金额0万元。",
            // A part of the applications.
            "新收申请中，涉及征地拆迁补偿安置的12件。",
            "主动公开政府信息263条。",
            // A slogan, not a count.
            "推行高效办成一件事。",
            // Letters and calls, not applications.
            "全年收到群众来信来电120件。",
        ] {
            assert_eq!(stated(t), [], "{t}");
        }
    }
}
