//! Sentences and clauses of a narrative paragraph, and what a figure in them is about. A
//! number in a report's text is this year's figure of this unit unless its sentence says
//! otherwise: a 备案 count, a comparison with last year (同比, 较上年, 增加), another year
//! (2023年), or a multi-year total (累计, unless 全年累计). Checks skip numbers with such a
//! scope instead of raising false alarms.

/// One sentence (ended by 。；！？ or a line break) with its byte offset in the paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span<'a> {
    /// Byte offset in the text it was cut from.
    pub start: usize,
    /// The text.
    pub text: &'a str,
}

fn split<'a>(text: &'a str, base: usize, ends: &[char]) -> Vec<Span<'a>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if ends.contains(&c) {
            let end = i + c.len_utf8();
            if !text[start..i].trim().is_empty() {
                out.push(Span { start: base + start, text: &text[start..end] });
            }
            start = end;
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(Span { start: base + start, text: &text[start..] });
    }
    out
}

/// The sentences of a paragraph.
pub fn sentences(text: &str) -> Vec<Span<'_>> {
    split(text, 0, &['。', '；', ';', '！', '!', '？', '?', '\n'])
}

/// The clauses of a sentence (cut at commas), with offsets in the paragraph.
pub fn clauses<'a>(sentence: &Span<'a>) -> Vec<Span<'a>> {
    split(sentence.text, sentence.start, &['，', ','])
}

/// Why a number is not this year's figure of this unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// This year's figure.
    Current,
    /// About 备案 (filing) cases, not the form's counts.
    Filing,
    /// A comparison or a change (同比, 较上年, 增加 …).
    Comparison,
    /// About another year.
    OtherYear(u16),
    /// A multi-year total (累计).
    Cumulative,
}

/// Words that make a number a comparison or a change rather than a figure.
const COMPARISON: &[&str] = &[
    "同比",
    "环比",
    "相比",
    "对比",
    "较上",
    "比上",
    "较去",
    "比去",
    "上年同期",
    "与上年",
    "与去年",
    "上年",
    "去年",
    "上一年",
    "前年",
    "往年",
    "历年",
    "增加",
    "增长",
    "减少",
    "下降",
    "提高",
    "降低",
    "持平",
    "多于",
    "少于",
    "以来",
    "翻番",
    "增幅",
    "降幅",
];

/// The years written in `text` (Arabic 2023年 or 二〇二三年).
pub fn years(text: &str) -> Vec<(usize, u16)> {
    super::numbers::mentions(text)
        .into_iter()
        .filter(|m| m.unit == Some("年") && m.digits == 4 && m.exact)
        .filter_map(|m| {
            let v = m.count()?;
            (1990..=2999).contains(&v).then_some((m.start, v as u16))
        })
        .collect()
}

/// The scope of the number at byte `at` of `clause`, in `sentence` (both cut from the same
/// paragraph; `at` is a paragraph offset), for a report on `year`. `keywords` are byte
/// ranges (paragraph offsets) of the metric's own words, which may contain marker words
/// (上年结转 contains 上年) and are ignored for the comparison test.
pub fn scope(
    sentence: &Span<'_>,
    clause: &Span<'_>,
    at: usize,
    year: u16,
    keywords: &[std::ops::Range<usize>],
) -> Scope {
    if clause.text.contains("备案") || clause.text.contains("报备") {
        return Scope::Filing;
    }
    // The sentence before the number: another year there is another year's figure.
    let before_in_sentence = &sentence.text[..at - sentence.start];
    if let Some(&(_, y)) = years(before_in_sentence).iter().find(|(_, y)| *y != year) {
        return Scope::OtherYear(y);
    }
    // The clause before the number, without the metric's own words.
    let mut before = String::new();
    for (i, c) in clause.text[..at - clause.start].char_indices() {
        let p = clause.start + i;
        if !keywords.iter().any(|k| k.contains(&p)) {
            before.push(c);
        } else if !before.ends_with('|') {
            before.push('|');
        }
    }
    if COMPARISON.iter().any(|w| before.contains(w)) {
        return Scope::Comparison;
    }
    if let Some(i) = before.find("累计") {
        let lead = &before[..i];
        if !["全年", "本年", "年内", "今年", "本年度", "年度"].iter().any(|w| lead.ends_with(w))
        {
            return Scope::Cumulative;
        }
    }
    Scope::Current
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scope of the first number in `text` right after `keyword`.
    fn scope_of(text: &str, keyword: &str) -> Scope {
        let k = text.find(keyword).unwrap();
        let m = super::super::numbers::mentions(&text[k..]);
        let at = k + m[0].start;
        let s = sentences(text).into_iter().find(|s| s.start <= at && at < s.start + s.text.len());
        let s = s.unwrap();
        let c = clauses(&s).into_iter().find(|c| c.start <= at && at < c.start + c.text.len());
        let own = std::iter::once(k..k + keyword.len()).collect::<Vec<_>>();
        scope(&s, &c.unwrap(), at, 2024, &own)
    }

    #[test]
    fn splits_sentences_and_clauses() {
        let t = "全年新收申请225件，上年结转8件。结转下年度13件；均已办结";
        let s = sentences(t);
        assert_eq!(s.len(), 3);
        let c = clauses(&s[0]);
        assert_eq!(c[1].text, "上年结转8件。");
        assert_eq!(&t[c[1].start..c[1].start + 6], "上年");
    }

    #[test]
    fn figures_of_this_year() {
        assert_eq!(scope_of("全年新收政府信息公开申请225件。", "新收"), Scope::Current);
        assert_eq!(scope_of("新收申请225件，上年结转8件。", "上年结转"), Scope::Current);
        assert_eq!(scope_of("2024年共新收申请12件。", "新收"), Scope::Current);
        assert_eq!(scope_of("全年累计新收申请225件。", "新收"), Scope::Current);
    }

    #[test]
    fn figures_of_another_scope() {
        assert_eq!(
            scope_of("本年度向县司法局报送备案规范性文件5件。", "规范性文件"),
            Scope::Filing
        );
        assert_eq!(scope_of("新收申请较上年增加12件。", "新收"), Scope::Comparison);
        assert_eq!(scope_of("新收申请同比下降3件。", "新收"), Scope::Comparison);
        assert_eq!(scope_of("上年新收申请198件，本年有所增加。", "新收"), Scope::Comparison);
        assert_eq!(scope_of("2023年新收申请198件。", "新收"), Scope::OtherYear(2023));
        assert_eq!(scope_of("与2023年相比，新收申请225件。", "新收"), Scope::OtherYear(2023));
        assert_eq!(scope_of("自2008年以来累计受理申请1200件。", "受理"), Scope::OtherYear(2008));
        assert_eq!(scope_of("条例实施以来累计受理申请1200件。", "受理"), Scope::Comparison);
        assert_eq!(scope_of("历年累计受理申请1200件。", "受理"), Scope::Comparison);
        assert_eq!(scope_of("累计受理申请1200件。", "受理"), Scope::Cumulative);
    }

    #[test]
    fn years_in_text() {
        assert_eq!(years("截至2023年12月31日"), vec![(6, 2023)]);
        assert_eq!(years("二〇二三年度").len(), 1);
        assert!(years("共3年").is_empty());
    }
}
