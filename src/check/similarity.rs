//! Text similarity for the copy checks. A text is normalized (punctuation and spaces
//! dropped, a run of digits read as one digit, the unit's own name and its "我乡/本局"
//! read as one mark, so that a copy with the numbers and names changed is still a copy),
//! cut into character shingles (k = 5) and compared as sets: containment for one pair, and
//! one-permutation MinHash signatures with LSH banding to find candidate pairs among many
//! texts without comparing every pair. The shared passage of a pair is their longest
//! common substring, mapped back to the original text.

use std::collections::HashMap;

/// Characters per shingle.
pub const K: usize = 5;
/// MinHash bins per signature.
pub const BINS: usize = 128;
/// Bins per LSH band: a pair becomes a candidate when a whole band agrees.
pub const ROWS: usize = 4;
/// LSH bands per signature.
pub const BANDS: usize = BINS / ROWS;

/// The mark a unit's own name (and 我乡, 本局 …) becomes.
const SELF_MARK: char = '◎';

/// How units refer to themselves in their own report.
const SELF_WORDS: &[&str] = &[
    "本机关",
    "我单位",
    "本单位",
    "我街道",
    "本街道",
    "我中心",
    "本中心",
    "我乡",
    "本乡",
    "我镇",
    "本镇",
    "我局",
    "本局",
    "我委",
    "本委",
    "我办",
    "本办",
    "我县",
    "本县",
    "我区",
    "本区",
    "我市",
    "本市",
    "我院",
    "本院",
    "我厅",
    "本厅",
    "我部",
    "本部",
];

/// A text reduced to what similarity compares, with each character's place in the source.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The kept characters.
    pub chars: Vec<char>,
    /// For each kept character, the byte range in the source it stands for.
    pub origin: Vec<(usize, usize)>,
}

impl Normalized {
    /// The source text behind normalized characters `range`.
    pub fn source<'a>(&self, text: &'a str, range: std::ops::Range<usize>) -> &'a str {
        if range.is_empty() {
            return "";
        }
        &text[self.origin[range.start].0..self.origin[range.end - 1].1]
    }
}

/// The names a unit uses for itself: the organization, and without 人民政府 (蔡家堡乡).
pub fn own_names(organization: &str) -> Vec<String> {
    let mut names = vec![organization.to_string()];
    for suffix in ["人民政府办公室", "人民政府"] {
        if let Some(short) = organization.strip_suffix(suffix)
            && short.chars().count() >= 2
        {
            names.push(short.to_string());
        }
    }
    names.retain(|n| !n.is_empty());
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names
}

/// Normalize a text for comparison. `names` are the unit's own names (see [`own_names`]).
pub fn normalize(text: &str, names: &[String]) -> Normalized {
    let mut out = Normalized::default();
    let mut i = 0;
    let bytes = text.len();
    let firsts: Vec<char> = names.iter().filter_map(|n| n.chars().next()).collect();
    while i < bytes {
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or(' ');
        if firsts.contains(&c)
            && let Some(n) = names.iter().find(|n| rest.starts_with(n.as_str()))
        {
            out.chars.push(SELF_MARK);
            out.origin.push((i, i + n.len()));
            i += n.len();
            continue;
        }
        if (c == '我' || c == '本')
            && let Some(w) = SELF_WORDS.iter().find(|w| rest.starts_with(**w))
        {
            out.chars.push(SELF_MARK);
            out.origin.push((i, i + w.len()));
            i += w.len();
            continue;
        }
        let next = i + c.len_utf8();
        let c = match c {
            '０'..='９' => '0',
            'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 'Ａ' as u32 + 'A' as u32).unwrap_or(c)
            }
            _ => c,
        };
        if c.is_ascii_digit() {
            // A run of digits is one digit: the numbers of a copied sentence change.
            if out.chars.last() == Some(&'0') && out.origin.last().is_some_and(|o| o.1 == i) {
                if let Some(o) = out.origin.last_mut() {
                    o.1 = next;
                }
            } else {
                out.chars.push('0');
                out.origin.push((i, next));
            }
        } else if c.is_alphanumeric() {
            out.chars.push(c.to_ascii_lowercase());
            out.origin.push((i, next));
        }
        i = next;
    }
    out
}

fn mix(mut x: u64) -> u64 {
    // splitmix64's finalizer.
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The set of shingle hashes of a normalized text, sorted and without duplicates.
pub fn shingles(chars: &[char]) -> Vec<u64> {
    if chars.len() < K {
        return Vec::new();
    }
    let mut out: Vec<u64> = chars
        .windows(K)
        .map(|w| mix(w.iter().fold(0x9e37_79b9_7f4a_7c15u64, |h, &c| h.rotate_left(21) ^ c as u64)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The shingles of a text's prose: those that contain no number. Sentences that state
/// figures are formulaic ("共受理政府信息公开申请0件，已办结0件"); what units copy is prose.
pub fn prose_shingles(chars: &[char]) -> Vec<u64> {
    if chars.len() < K {
        return Vec::new();
    }
    let mut out: Vec<u64> = chars
        .windows(K)
        .filter(|w| !w.contains(&'0'))
        .map(|w| mix(w.iter().fold(0x9e37_79b9_7f4a_7c15u64, |h, &c| h.rotate_left(21) ^ c as u64)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The size of the intersection of two sorted sets.
pub fn intersection<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The share of `a` found in `b` (0 when `a` is empty).
pub fn containment(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() { 0.0 } else { intersection(a, b) as f64 / a.len() as f64 }
}

/// A one-permutation MinHash signature of a shingle set: each shingle falls in one of
/// [`BINS`] bins by its hash, each bin keeps its smallest hash, and empty bins borrow from
/// the next filled bin to the right (so equal sets give equal signatures and similar sets
/// agree bin by bin with probability about their Jaccard similarity). `None` for an empty set.
pub fn signature(shingles: &[u64]) -> Option<[u32; BINS]> {
    if shingles.is_empty() {
        return None;
    }
    let mut bins = [u64::MAX; BINS];
    for &h in shingles {
        let h = mix(h ^ 0x5851_f42d_4c95_7f2d);
        let bin = (h >> 57) as usize;
        let v = h & ((1 << 57) - 1);
        if v < bins[bin] {
            bins[bin] = v;
        }
    }
    // For each bin, the next filled bin to its right (circularly) and the distance: one
    // pass from the right, twice round so that the wrap is seen.
    let mut next = [(0usize, 0u64); BINS];
    let mut filled = None;
    for k in (0..2 * BINS).rev() {
        let i = k % BINS;
        if bins[i] != u64::MAX {
            filled = Some(i);
        }
        if let Some(j) = filled {
            next[i] = (j, ((j + BINS - i) % BINS) as u64);
        }
    }
    let mut sig = [0u32; BINS];
    for (s, &(j, dist)) in sig.iter_mut().zip(&next) {
        *s = (mix(bins[j] ^ dist.wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 32) as u32;
    }
    Some(sig)
}

/// The LSH band keys of a signature: two signatures share a key when a whole band of
/// [`ROWS`] bins agrees.
pub fn bands(sig: &[u32; BINS]) -> [u64; BANDS] {
    let mut out = [0u64; BANDS];
    for (b, key) in out.iter_mut().enumerate() {
        let mut h = b as u64;
        for &v in &sig[b * ROWS..(b + 1) * ROWS] {
            h = mix(h ^ u64::from(v)).wrapping_add(0x9e37_79b9);
        }
        *key = h;
    }
    out
}

/// The longest common substring of `a` and `b`: (start in a, start in b, length). Binary
/// search on the length with rolling hashes, verified character by character, so it takes
/// O((|a| + |b|) log) time on texts of any length.
pub fn longest_common(a: &[char], b: &[char]) -> (usize, usize, usize) {
    const BASE: u64 = 0x100_0000_01b3;
    let common = |len: usize| -> Option<(usize, usize)> {
        if len == 0 {
            return Some((0, 0));
        }
        let pow = (0..len).fold(1u64, |p, _| p.wrapping_mul(BASE));
        let roll = |s: &[char], mut f: Box<dyn FnMut(u64, usize) -> bool + '_>| {
            let mut h = 0u64;
            for (i, &c) in s.iter().enumerate() {
                h = h.wrapping_mul(BASE).wrapping_add(c as u64 + 1);
                if i >= len {
                    h = h.wrapping_sub((s[i - len] as u64 + 1).wrapping_mul(pow));
                }
                if i + 1 >= len && f(h, i + 1 - len) {
                    return;
                }
            }
        };
        let mut seen: HashMap<u64, usize> = HashMap::new();
        roll(
            a,
            Box::new(|h, i| {
                seen.entry(h).or_insert(i);
                false
            }),
        );
        let mut found = None;
        roll(
            b,
            Box::new(|h, j| {
                if let Some(&i) = seen.get(&h)
                    && a[i..i + len] == b[j..j + len]
                {
                    found = Some((i, j));
                    return true;
                }
                false
            }),
        );
        found
    };
    let (mut lo, mut hi, mut best) = (0, a.len().min(b.len()), (0, 0));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        match common(mid) {
            Some(at) => {
                lo = mid;
                best = at;
            }
            None => hi = mid - 1,
        }
    }
    (best.0, best.1, lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(t: &str) -> Vec<char> {
        normalize(t, &own_names("蔡家堡乡人民政府")).chars
    }

    #[test]
    fn normalization_ignores_punctuation_numbers_and_own_names() {
        assert_eq!(
            norm("2024年，蔡家堡乡人民政府新收申请12件。"),
            norm("2023年 我乡新收申请 225 件")
        );
        assert_eq!(norm("ＡＢ１２"), vec!['a', 'b', '0']);
        let t = "全年新收申请225件，上年结转8件";
        let n = normalize(t, &[]);
        let (i, _, len) = longest_common(&n.chars, &norm("上年结转13件"));
        assert_eq!(n.source(t, i..i + len), "上年结转8件");
    }

    #[test]
    fn containment_of_copies() {
        let a = shingles(&norm("加强政务公开平台建设，及时更新网站栏目，规范信息发布审核流程。"));
        let b = shingles(&norm(
            "加强政务公开平台建设，及时更新网站栏目，规范信息发布审核流程，提升公开质量。",
        ));
        let c = shingles(&norm("聚焦群众关切的教育医疗住房等民生领域，做好政策解读与回应。"));
        assert_eq!(containment(&a, &b), 1.0);
        assert!(containment(&b, &a) < 1.0);
        assert!(containment(&a, &c) < 0.1);
    }

    #[test]
    fn signatures_agree_on_similar_sets() {
        let a = shingles(&norm(
            "加强政务公开平台建设，及时更新网站栏目，规范信息发布审核流程，提升公开质量。",
        ));
        let b = shingles(&norm(
            "加强政务公开平台建设，及时更新网站栏目，规范信息发布审核流程，提升公开实效。",
        ));
        let c = shingles(&norm(
            "聚焦群众关切的教育医疗住房等民生领域，做好政策解读与回应，回应社会关切。",
        ));
        let (sa, sb, sc) = (signature(&a).unwrap(), signature(&b).unwrap(), signature(&c).unwrap());
        let agree =
            |x: &[u32; BINS], y: &[u32; BINS]| x.iter().zip(y).filter(|(p, q)| p == q).count();
        assert!(agree(&sa, &sb) > BINS / 2, "{}", agree(&sa, &sb));
        assert!(agree(&sa, &sc) < BINS / 8, "{}", agree(&sa, &sc));
        let (ba, bb) = (bands(&sa), bands(&sb));
        assert!(ba.iter().zip(&bb).any(|(x, y)| x == y));
        assert_eq!(signature(&a), signature(&a.clone()));
        assert!(signature(&[]).is_none());
    }

    #[test]
    fn longest_common_substring() {
        let a: Vec<char> = "abcdefgh".chars().collect();
        let b: Vec<char> = "xxcdefyy".chars().collect();
        assert_eq!(longest_common(&a, &b), (2, 2, 4));
        let c: Vec<char> = "zzz".chars().collect();
        assert_eq!(longest_common(&a, &c).2, 0);
    }
}
