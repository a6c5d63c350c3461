//! Telling a report written in traditional characters: portals in Guangdong and elsewhere
//! offer a 繁體 version of every page, converted from the simplified original. The form's
//! labels are simplified, so such a page cannot be read; it is refused with that reason
//! instead of a list of missing tables and an unreadable year.

use crate::input::document::{Block, Document};

/// Characters of the form's words in their traditional shape, with the simplified shape.
const PAIRS: &[(char, char)] = &[
    ('報', '报'),
    ('開', '开'),
    ('請', '请'),
    ('數', '数'),
    ('據', '据'),
    ('統', '统'),
    ('計', '计'),
    ('發', '发'),
    ('體', '体'),
    ('處', '处'),
    ('結', '结'),
    ('轉', '转'),
    ('議', '议'),
    ('總', '总'),
    ('關', '关'),
    ('項', '项'),
    ('況', '况'),
    ('務', '务'),
    ('義', '义'),
    ('區', '区'),
    ('縣', '县'),
    ('鎮', '镇'),
    ('鄉', '乡'),
    ('內', '内'),
    ('製', '制'),
];

/// Traditional characters outnumber simplified ones at least this many times over …
const RATIO: usize = 3;
/// … and there are at least this many of them.
const MIN_TRADITIONAL: usize = 10;

/// When `doc` is written in traditional characters: a few of them, as examples.
pub fn traditional(doc: &Document) -> Option<String> {
    let mut counts = vec![0usize; PAIRS.len()];
    let mut simplified = 0usize;
    let mut tally = |text: &str| {
        for c in text.chars() {
            if let Some(i) = PAIRS.iter().position(|&(t, _)| t == c) {
                counts[i] += 1;
            } else if PAIRS.iter().any(|&(_, s)| s == c) {
                simplified += 1;
            }
        }
    };
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => tally(&p.text),
            Block::Table(t) => t.cells.iter().for_each(|c| tally(&c.text)),
        }
    }
    let total: usize = counts.iter().sum();
    if total < MIN_TRADITIONAL || total < RATIO * simplified {
        return None;
    }
    let mut seen: Vec<(usize, char)> =
        counts.iter().enumerate().filter(|(_, n)| **n > 0).map(|(i, n)| (*n, PAIRS[i].0)).collect();
    seen.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    Some(seen.iter().take(4).map(|(_, c)| format!("“{c}”")).collect::<Vec<_>>().join(""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::document::Paragraph;

    fn doc(texts: &[&str]) -> Document {
        let blocks = texts
            .iter()
            .map(|t| Block::Paragraph(Paragraph { text: (*t).into(), ..Paragraph::default() }))
            .collect();
        Document { blocks, findings: Vec::new() }
    }

    #[test]
    fn a_traditional_page_is_told_and_a_simplified_one_is_not() {
        let trad = doc(&[
            "遂溪縣北坡鎮2022年政府信息公開工作年度報告",
            "本報告中所列數據的統計時限為2022年1月1日起至2022年12月31日止。",
            "一、總體情況",
            "二、主動公開政府信息情況",
        ]);
        let found = traditional(&trad).expect("traditional");
        assert!(found.contains("“報”") && found.contains("“開”"), "{found}");
        let simp = doc(&[
            "遂溪县北坡镇2022年政府信息公开工作年度报告",
            "本报告中所列数据的统计时限为2022年1月1日起至2022年12月31日止。",
            "一、总体情况",
            // A quotation in traditional characters does not make the page traditional.
            "（引自《政府資訊公開條例》繁體版：報告、開放、數據）",
        ]);
        assert_eq!(traditional(&simp), None);
    }
}
