//! What a paragraph inherits: styles.xml (heading levels, default alignment, numbering
//! attached to a style, through `basedOn` chains; character styles that set a run apart)
//! and numbering.xml (list numbers such as
//! 一、 and （一） that Word and WPS print but do not store in the text).

use std::collections::{HashMap, HashSet};

use super::xml::Element;
use crate::input::document::{Align, is_set_apart_font};

/// One paragraph style, as declared (not yet following `basedOn`).
#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    heading: Option<u8>,
    align: Option<Align>,
    num: Option<(String, u8)>,
}

/// The paragraph styles of a document.
#[derive(Debug, Default)]
pub struct Styles {
    styles: HashMap<String, Style>,
    /// Character styles that set a run apart (bold, or a 楷体/黑体 font), as a run-in
    /// subheading style does.
    emphatic: HashSet<String>,
    default_style: Option<String>,
    default_align: Option<Align>,
}

/// A style with its inheritance followed.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    /// Heading level (1 = 标题 1), from the style name or its outline level.
    pub heading: Option<u8>,
    /// Alignment.
    pub align: Option<Align>,
    /// Numbering: `numId` and level.
    pub num: Option<(String, u8)>,
}

/// Alignment from a `w:jc` value.
pub fn align(jc: &str) -> Option<Align> {
    match jc {
        "center" => Some(Align::Center),
        "right" | "end" => Some(Align::End),
        "left" | "start" | "both" | "distribute" | "justify" => Some(Align::Start),
        _ => None,
    }
}

/// Numbering from a `w:numPr`.
pub fn num_pr(ppr: &Element) -> Option<(String, u8)> {
    let np = ppr.child("numPr")?;
    let id = np.child_val("numId")?.to_string();
    let level = np.child_val("ilvl").and_then(|v| v.parse().ok()).unwrap_or(0).min(8);
    Some((id, level))
}

/// A heading level from a `w:outlineLvl` (0-based; 9 is body text).
pub fn outline(ppr: &Element) -> Option<u8> {
    ppr.child_val("outlineLvl").and_then(|v| v.parse::<u8>().ok()).filter(|v| *v < 9).map(|v| v + 1)
}

impl Styles {
    /// Read styles.xml.
    pub fn parse(root: &Element) -> Self {
        let mut out = Styles::default();
        if let Some(ppr) = root.child("docDefaults").and_then(|d| d.child("pPrDefault")) {
            out.default_align = ppr.child("pPr").and_then(|p| p.child_val("jc")).and_then(align);
        }
        for s in root.elements().filter(|e| e.name == "style") {
            if s.attr("type") == Some("character") {
                if let Some(id) = s.attr("styleId")
                    && s.child("rPr").is_some_and(emphatic)
                {
                    out.emphatic.insert(id.to_string());
                }
                continue;
            }
            if s.attr("type").is_some_and(|t| t != "paragraph") {
                continue;
            }
            let Some(id) = s.attr("styleId") else { continue };
            let name = s.child_val("name").unwrap_or_default().to_lowercase();
            let heading = ["heading ", "标题 "]
                .iter()
                .find_map(|p| name.strip_prefix(p))
                .and_then(|n| n.trim().parse::<u8>().ok());
            let ppr = s.child("pPr");
            let style = Style {
                based_on: s.child_val("basedOn").map(str::to_string),
                heading: heading.or_else(|| ppr.and_then(outline)),
                align: ppr.and_then(|p| p.child_val("jc")).and_then(align),
                num: ppr.and_then(num_pr),
            };
            if matches!(s.attr("default"), Some("1" | "true" | "on")) {
                out.default_style = Some(id.to_string());
            }
            out.styles.insert(id.to_string(), style);
        }
        out
    }

    /// Whether the character style `id` sets a run apart.
    pub fn is_emphatic(&self, id: &str) -> bool {
        self.emphatic.contains(id)
    }

    /// The style `id` (or the default paragraph style) with `basedOn` followed.
    pub fn resolve(&self, id: Option<&str>) -> Resolved {
        let mut out = Resolved::default();
        let mut next = id.map(str::to_string).or_else(|| self.default_style.clone());
        for _ in 0..32 {
            let Some(style) = next.as_ref().and_then(|id| self.styles.get(id)) else { break };
            out.heading = out.heading.or(style.heading);
            out.align = out.align.or(style.align);
            out.num = out.num.clone().or_else(|| style.num.clone());
            next = style.based_on.clone();
        }
        out.align = out.align.or(self.default_align);
        out
    }
}

/// Whether run properties (`w:rPr`) set a run apart: bold, or a 楷体/黑体 font.
pub fn emphatic(rpr: &Element) -> bool {
    let bold =
        rpr.child("b").is_some_and(|b| !matches!(b.attr("val"), Some("0" | "false" | "off")));
    // The east-Asian font decides for Chinese text; else the others.
    let font = rpr.child("rFonts").is_some_and(|f| match f.attr("eastAsia") {
        Some(east) => is_set_apart_font(east),
        None => f.attrs.iter().any(|(k, v)| !k.ends_with("Theme") && is_set_apart_font(v)),
    });
    bold || font
}

/// One level of a list: where it starts, how it counts, what it prints.
#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
    legal: bool,
}

/// List numbering, counted as Word counts while the document is read in order.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Vec<Option<Level>>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
    counters: HashMap<String, [Option<u32>; 9]>,
}

impl Numbering {
    /// Read numbering.xml.
    pub fn parse(root: &Element) -> Self {
        let mut out = Numbering::default();
        for a in root.elements().filter(|e| e.name == "abstractNum") {
            let Some(id) = a.attr("abstractNumId") else { continue };
            let mut levels = vec![None; 9];
            for l in a.elements().filter(|e| e.name == "lvl") {
                let Some(i) = l.attr("ilvl").and_then(|v| v.parse::<usize>().ok()) else {
                    continue;
                };
                if i < 9 {
                    levels[i] = Some(Level {
                        start: l.child_val("start").and_then(|v| v.parse().ok()).unwrap_or(1),
                        format: l.child_val("numFmt").unwrap_or("decimal").to_string(),
                        text: l.child_val("lvlText").unwrap_or_default().to_string(),
                        legal: l.child("isLgl").is_some(),
                    });
                }
            }
            out.abstracts.insert(id.to_string(), levels);
        }
        for n in root.elements().filter(|e| e.name == "num") {
            let (Some(id), Some(abs)) = (n.attr("numId"), n.child_val("abstractNumId")) else {
                continue;
            };
            let overrides = n
                .elements()
                .filter(|e| e.name == "lvlOverride")
                .filter_map(|o| {
                    let lvl = o.attr("ilvl")?.parse().ok()?;
                    Some((lvl, o.child_val("startOverride")?.parse().ok()?))
                })
                .collect();
            out.nums.insert(id.to_string(), (abs.to_string(), overrides));
        }
        out
    }

    /// The label printed before the next paragraph of list `num_id` at `level` (e.g.
    /// `（二）`), counting it; `None` for bullets, no numbering or an unknown list.
    pub fn next(&mut self, num_id: &str, level: u8) -> Option<String> {
        let (abs, overrides) = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abs)?;
        let lvl = levels.get(level as usize)?.as_ref()?;
        // A list with start overrides counts on its own; others share their abstract list.
        let key = if overrides.is_empty() { format!("a{abs}") } else { format!("n{num_id}") };
        let counters = self.counters.entry(key).or_insert([None; 9]);
        let l = level as usize;
        let start =
            |i: usize| overrides.get(&(i as u8)).copied().or(levels[i].as_ref().map(|x| x.start));
        counters[l] =
            Some(counters[l].map_or_else(|| start(l).unwrap_or(1), |c| c.saturating_add(1)));
        for c in counters.iter_mut().skip(l + 1) {
            *c = None;
        }
        if lvl.format == "bullet" || lvl.format == "none" {
            return None;
        }
        let mut text = lvl.text.clone();
        for i in (0..=l).rev() {
            let pat = format!("%{}", i + 1);
            if text.contains(&pat) {
                let n = counters[i].or_else(|| start(i)).unwrap_or(1);
                let fmt = match &levels[i] {
                    Some(x) if !lvl.legal => x.format.as_str(),
                    _ => "decimal",
                };
                text = text.replace(&pat, &format_number(n, fmt));
            }
        }
        Some(text)
    }
}

/// A list number in one of Word's formats.
fn format_number(n: u32, format: &str) -> String {
    const CN: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    const CAPS: [&str; 10] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
    let counting = |d: &[&str; 10], ten: &str| {
        crate::input::document::chinese_counting(n)
            .chars()
            .map(|c| match "〇一二三四五六七八九".chars().position(|x| x == c) {
                Some(i) => d[i].to_string(),
                None if c == '十' => ten.to_string(),
                None => c.to_string(),
            })
            .collect::<String>()
    };
    if n > 1000 {
        // No list in a report is that long; a hostile start value must not print megabytes.
        return n.to_string();
    }
    let letters = |base: u8| {
        let k = (n.max(1) - 1) as usize;
        std::iter::repeat_n(char::from(base + (k % 26) as u8), k / 26 + 1).collect()
    };
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting" => counting(&CN, "十"),
        "chineseLegalSimplified" => counting(&CAPS, "拾"),
        "ideographDigital" => {
            n.to_string().chars().map(|c| CN[c as usize - '0' as usize]).collect()
        }
        "ideographTraditional" => ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"]
            [(n.max(1) - 1) as usize % 10]
            .to_string(),
        "decimalFullWidth" | "decimalFullWidth2" => {
            n.to_string().chars().map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)).collect()
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map(String::from).unwrap_or_default()
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n - 1).map(String::from).unwrap_or_default()
        }
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperLetter" => letters(b'A'),
        "lowerLetter" => letters(b'a'),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v && s.len() < 32 {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_number_formats() {
        assert_eq!(format_number(2, "chineseCounting"), "二");
        assert_eq!(format_number(12, "chineseCountingThousand"), "十二");
        assert_eq!(format_number(3, "decimalFullWidth"), "３");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(10, "ideographDigital"), "一〇");
        assert_eq!(format_number(4_000_000_000, "lowerLetter"), "4000000000");
    }

    #[test]
    fn lists_count_and_restart_lower_levels() {
        let xml = r#"<w:numbering xmlns:w="w">
          <w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
        let root = super::super::xml::parse(xml, &[], &[]).unwrap();
        let mut n = Numbering::parse(&root);
        let got: Vec<_> = [(0, "1"), (1, "1"), (1, "1"), (0, "1"), (1, "1")]
            .iter()
            .map(|(l, id)| n.next(id, *l).unwrap())
            .collect();
        assert_eq!(got, ["一、", "（一）", "（二）", "二、", "（一）"]);
        assert_eq!(n.next("9", 0), None);
    }
}
