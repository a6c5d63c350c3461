//! Numbers as a narrative writes them: Arabic digits (half- or full-width, with thousands
//! separators and decimals), Chinese numerals (十二, 二百零五, 两千, 一万二千), positional
//! Chinese digits (二〇二四), each with the unit that follows (件, 条, 起, 万元 …) and whether
//! the number is exact. "十余件", "20多件", "约30件", "上百件", "3至5件" are not exact, and
//! checks must not compare them with a table.

/// One number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte offset of the number's first character.
    pub start: usize,
    /// Byte offset just after the number (before any "余"/"多" and the unit).
    pub end: usize,
    /// Byte offset just after the unit (or `end` when there is none).
    pub unit_end: usize,
    /// The value.
    pub value: f64,
    /// Whether the number was written with Arabic digits (a year is `2024年` or `二〇二四年`).
    pub digits: usize,
    /// False for approximate numbers and ranges.
    pub exact: bool,
    /// The unit right after it, if one of [`UNITS`].
    pub unit: Option<&'static str>,
}

impl Mention {
    /// The value as a count, when it is an exact non-negative integer.
    pub fn count(&self) -> Option<u64> {
        (self.exact && self.value >= 0.0 && self.value.fract() == 0.0 && self.value < 1e15)
            .then_some(self.value as u64)
    }
}

/// Units recognized after a number, longest first where one is a prefix of another.
pub const UNITS: &[&str] = &[
    "万元", "元", "件", "条", "起", "宗", "项", "个", "人次", "次", "份", "篇", "场", "期", "家",
    "%", "％", "年", "月", "日", "天", "人",
];

const APPROX_AFTER: &[char] = &['余', '多', '几', '来'];
const SPACES: &[char] = &[' ', '\u{3000}', '\u{a0}', '\t'];
const APPROX_BEFORE: &[&str] =
    &["约", "近", "逾", "超过", "不足", "不到", "多达", "大约", "几", "数", "上千", "上百"];
const RANGE: &[char] = &['至', '到', '-', '－', '—', '～', '~', '〜'];

fn arabic(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn chinese_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' | '○' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn chinese_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

fn is_chinese_numeral(c: char) -> bool {
    chinese_digit(c).is_some() || chinese_unit(c).is_some()
}

/// The value of a Chinese numeral: structured (二百二十五, 十二, 一万二千) or positional
/// (二〇二四). `None` when the characters do not form one number (十四五, 一二).
pub fn chinese_value(s: &str) -> Option<u64> {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return None;
    }
    if chars.iter().all(|&c| chinese_digit(c).is_some()) {
        if chars.len() == 1 {
            // A lone 零 is a word (零星, 零件); nobody writes a zero count that way.
            return chinese_digit(chars[0]).filter(|&d| d > 0);
        }
        // Positional digits are only years and codes (二〇二四); 两 never appears in them.
        if chars.contains(&'两') {
            return None;
        }
        return chars.iter().try_fold(0u64, |acc, &c| Some(acc * 10 + chinese_digit(c)?));
    }
    let (mut total, mut section, mut digit): (u64, u64, Option<u64>) = (0, 0, None);
    // The last small unit placed (十, 百, 千), so that 十四五 fails; and whether a 零 came
    // after it, so that 一百零八 reads and the colloquial 一百二 does not.
    let (mut last_small, mut gap) = (u64::MAX, false);
    for (i, &c) in chars.iter().enumerate() {
        if let Some(d) = chinese_digit(c) {
            if d == 0 {
                // 零 marks a gap (一百零八); it must follow a unit.
                if digit.is_some() || i == 0 {
                    return None;
                }
                gap = true;
                continue;
            }
            if digit.is_some() {
                return None;
            }
            digit = Some(d);
        } else if let Some(u) = chinese_unit(c) {
            if u >= 10_000 {
                let part = section + digit.unwrap_or(0);
                if part == 0 {
                    return None;
                }
                total = if u == 10_000 { total + part * u } else { (total + part) * u };
                section = 0;
                last_small = u64::MAX;
            } else {
                if u >= last_small {
                    return None;
                }
                // 十 alone means 一十; 百 and 千 need their digit.
                let d = match digit {
                    Some(d) => d,
                    None if u == 10 && section == 0 => 1,
                    None => return None,
                };
                section += d * u;
                last_small = u;
            }
            digit = None;
            gap = false;
        }
    }
    if let Some(d) = digit {
        if !(last_small == 10 || gap || last_small == u64::MAX && total == 0) {
            return None;
        }
        section += d;
    }
    Some(total + section)
}

/// Every number in `text`, in order.
pub fn mentions(text: &str) -> Vec<Mention> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if arabic(c).is_none() && !is_chinese_numeral(c) {
            i += 1;
            continue;
        }
        // A Chinese numeral glued to other CJK words is a word, not a number, unless a unit
        // follows: 统一, 进一步, 一是 are skipped below by their missing unit.
        let start = i;
        let mut j = i;
        let value = if arabic(c).is_some() {
            let mut digits = String::new();
            while j < chars.len() {
                let ch = chars[j].1;
                if let Some(d) = arabic(ch) {
                    digits.push(char::from_digit(d, 10).unwrap_or('0'));
                } else if ch == ','
                    && (1..=3).all(|k| chars.get(j + k).is_some_and(|x| arabic(x.1).is_some()))
                    && chars.get(j + 4).is_none_or(|x| arabic(x.1).is_none())
                {
                    // 1,368: a thousands separator.
                } else if (ch == '.' || ch == '．')
                    && !digits.contains('.')
                    && chars.get(j + 1).is_some_and(|x| arabic(x.1).is_some())
                {
                    digits.push('.');
                } else {
                    break;
                }
                j += 1;
            }
            let mut v: f64 = digits.parse().unwrap_or(0.0);
            // 1.2万件, 3亿元.
            if let Some(&(_, m)) = chars.get(j)
                && (m == '万' || m == '亿')
                && !text[chars[j].0..].starts_with("万元")
            {
                v *= if m == '万' { 1e4 } else { 1e8 };
                j += 1;
            }
            let n_digits = digits.chars().filter(char::is_ascii_digit).count();
            Some((v, n_digits))
        } else {
            while j < chars.len() && is_chinese_numeral(chars[j].1) {
                j += 1;
            }
            // 万元 after a Chinese numeral: the 万 belongs to the unit.
            let mut k = j;
            if k > start + 1 && chars[k - 1].1 == '万' && text[chars[k - 1].0..].starts_with("万元")
            {
                k -= 1;
            }
            j = k;
            let s = &text[chars[start].0..chars.get(j).map_or(text.len(), |x| x.0)];
            chinese_value(s).map(|v| (v as f64, s.chars().count()))
        };
        let Some((value, digits)) = value else {
            i = j.max(i + 1);
            continue;
        };
        let end = chars.get(j).map_or(text.len(), |x| x.0);
        let mut exact = true;
        let mut k = j;
        while k < chars.len() && APPROX_AFTER.contains(&chars[k].1) {
            exact = false;
            k += 1;
        }
        // Text copied out of a PDF has spaces around numbers: "申请 225 件", "2024 年".
        while k < chars.len() && SPACES.contains(&chars[k].1) {
            k += 1;
        }
        let after = chars.get(k).map_or(text.len(), |x| x.0);
        let unit = UNITS.iter().copied().find(|u| text[after..].starts_with(u));
        let unit_end = after + unit.map_or(0, str::len);
        let before = &text[..chars[start].0];
        if APPROX_BEFORE.iter().any(|w| before.ends_with(w)) || text[unit_end..].starts_with("左右")
        {
            exact = false;
        }
        // A range: "3至5件", "三到五件", "10-20条"; both ends are approximate.
        if let Some(prev) = out.last_mut()
            && let Some(&(_, r)) = start.checked_sub(1).and_then(|p| chars.get(p))
            && RANGE.contains(&r)
            && prev.unit_end == chars[start - 1].0
        {
            prev.exact = false;
            exact = false;
        }
        out.push(Mention { start: chars[start].0, end, unit_end, value, digits, exact, unit });
        i = j.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> (Option<u64>, Option<&'static str>) {
        let m = &mentions(text)[0];
        (m.count(), m.unit)
    }

    #[test]
    fn chinese_numerals() {
        for (s, v) in [
            ("十二", 12),
            ("十", 10),
            ("二百二十五", 225),
            ("一百零八", 108),
            ("两千", 2000),
            ("一万二千", 12000),
            ("三千零五", 3005),
            ("二〇二四", 2024),
            ("九", 9),
            ("二十", 20),
        ] {
            assert_eq!(chinese_value(s), Some(v), "{s}");
        }
        for s in ["十四五", "一二三两", "百", "零", "一百二"] {
            assert_eq!(chinese_value(s), None, "{s}");
        }
    }

    #[test]
    fn arabic_and_full_width() {
        assert_eq!(first("新收申请225件"), (Some(225), Some("件")));
        assert_eq!(first("新收申请２２５件"), (Some(225), Some("件")));
        assert_eq!(first("主动公开1,368条"), (Some(1368), Some("条")));
        assert_eq!(first("收费18651.06万元"), (None, Some("万元")));
        assert_eq!(mentions("收费18651.06万元")[0].value, 18651.06);
        assert_eq!(first("共1.2万件"), (Some(12000), Some("件")));
        assert_eq!(first("通过网上申请12件"), (Some(12), Some("件")));
        // As copied out of a PDF.
        assert_eq!(first("主动公开政府信息 263 条"), (Some(263), Some("条")));
        assert_eq!(first("截止 2024 年 12 月 31 日"), (Some(2024), Some("年")));
    }

    #[test]
    fn chinese_with_units() {
        assert_eq!(first("收到申请十二件"), (Some(12), Some("件")));
        assert_eq!(first("行政复议两起"), (Some(2), Some("起")));
        assert_eq!(first("收费三万元"), (Some(3), Some("万元")));
        let year = &mentions("二〇二四年")[0];
        assert_eq!((year.count(), year.unit, year.digits), (Some(2024), Some("年"), 4));
    }

    #[test]
    fn approximate_numbers_are_not_exact() {
        for t in
            ["十余件", "20多件", "约30件", "近百件", "上百件", "几十件", "超过50件", "30件左右"]
        {
            let m = mentions(t);
            assert!(m.iter().all(|m| m.count().is_none()), "{t}: {m:?}");
        }
        let m = mentions("办理3至5件");
        assert_eq!(m.len(), 2);
        assert!(m.iter().all(|m| !m.exact));
        let m = mentions("三到五件");
        assert!(m.iter().all(|m| !m.exact), "{m:?}");
        let m = mentions("10-20条");
        assert!(m.iter().all(|m| !m.exact), "{m:?}");
    }

    #[test]
    fn words_with_numerals_have_no_unit() {
        for t in ["进一步加强", "统一部署", "一是加强", "十四五规划", "三安全一稳定"]
        {
            assert!(mentions(t).iter().all(|m| m.unit.is_none()), "{t}: {:?}", mentions(t));
        }
    }

    #[test]
    fn offsets_point_at_the_number() {
        let t = "全年新收申请225件，上年结转8件";
        let m = mentions(t);
        assert_eq!(&t[m[0].start..m[0].end], "225");
        assert_eq!(&t[m[0].start..m[0].unit_end], "225件");
        assert_eq!(&t[m[1].start..m[1].unit_end], "8件");
    }
}
