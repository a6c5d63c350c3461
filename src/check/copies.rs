//! Text copied between units of one run (S11), without comparing every pair of texts. Three
//! passes over the units, each of which a caller can stream (a batch reloads its files):
//!
//! 1. document frequency of every shingle, in a fixed-size count-min sketch: a shingle that
//!    many units use (the law's name, the form's own sentences, a county-wide template) is
//!    boilerplate and ignored from then on;
//! 2. a MinHash signature of each paragraph's remaining shingles, cut into LSH bands; two
//!    paragraphs of different units that agree on a whole band are a candidate pair;
//! 3. each candidate is verified on its exact shingle sets (the share of the shorter
//!    paragraph found in the other), and the shared passage is their longest common text.

use std::collections::{BTreeMap, HashSet};
use std::sync::atomic::{AtomicU8, Ordering};

use rayon::prelude::*;

use super::Rule;
use super::similarity::{
    Normalized, bands, intersection, longest_common, normalize, own_names, shingles, signature,
};
use crate::diag::Diagnostic;
use crate::model::{Report, TextKind};

/// A paragraph shares at least this much of its (non-boilerplate) text with another unit's.
pub const COPY_SHARE: f64 = 0.5;
/// Paragraphs with fewer non-boilerplate shingles are not compared (too short to tell).
const MIN_SHINGLES: usize = 20;
/// And a copy shares at least this many shingles.
const MIN_SHARED: usize = 15;
/// An LSH bucket with more paragraphs than this is boilerplate the sketch missed; skipped.
const BUCKET_CAP: usize = 64;

/// The text of one unit the copy check compares: its paragraphs with their paths.
#[derive(Debug, Clone)]
pub struct UnitText {
    /// 机关名称.
    pub organization: String,
    /// The file (or source name) the report came from.
    pub file: String,
    /// The narrative paragraphs: field path and text.
    pub paragraphs: Vec<(String, String)>,
}

impl UnitText {
    /// The narrative paragraphs of a report (not subheadings, titles or names).
    pub fn of(report: &Report, file: &str) -> Self {
        let paragraphs = report
            .text_fields()
            .into_iter()
            .filter(|f| f.kind == TextKind::Paragraph)
            .map(|f| (f.path, f.text.to_string()))
            .collect();
        UnitText { organization: report.organization.clone(), file: file.to_string(), paragraphs }
    }

    fn normalized(&self) -> Vec<Normalized> {
        let names = own_names(&self.organization);
        self.paragraphs.iter().map(|(_, t)| normalize(t, &names)).collect()
    }
}

/// Document frequency of shingles, approximately (a count-min sketch: never under, rarely
/// over), in fixed memory whatever the number of units.
struct DocFreq {
    rows: Vec<Vec<AtomicU8>>,
}

const SKETCH_ROWS: usize = 3;
const SKETCH_BITS: u32 = 22;

impl DocFreq {
    fn new() -> Self {
        let rows = (0..SKETCH_ROWS)
            .map(|_| (0..1usize << SKETCH_BITS).map(|_| AtomicU8::new(0)).collect())
            .collect();
        DocFreq { rows }
    }

    fn slot(h: u64, row: usize) -> usize {
        let x = h.rotate_left(21 * row as u32) ^ (row as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (x.wrapping_mul(0xff51_afd7_ed55_8ccd) >> (64 - SKETCH_BITS)) as usize
    }

    /// Count one unit's (deduplicated) shingles.
    fn add(&self, shingles: &[u64]) {
        for &h in shingles {
            for (r, row) in self.rows.iter().enumerate() {
                let _ =
                    row[Self::slot(h, r)]
                        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |c| c.checked_add(1));
            }
        }
    }

    fn get(&self, h: u64) -> u8 {
        self.rows
            .iter()
            .enumerate()
            .map(|(r, row)| row[Self::slot(h, r)].load(Ordering::Relaxed))
            .min()
            .unwrap_or(0)
    }
}

/// How many units must share a shingle for it to be boilerplate: a tenth of the run,
/// at least 5 and at most 50 units.
fn common_threshold(units: usize) -> u8 {
    (units / 10).clamp(5, 50) as u8
}

/// A paragraph's shingles without boilerplate.
fn rare(norm: &Normalized, df: &DocFreq, common: u8) -> Vec<u64> {
    let mut s = shingles(&norm.chars);
    s.retain(|&h| df.get(h) < common);
    s
}

/// A paragraph of a unit: (unit index, paragraph index).
type Item = (u32, u32);

/// Find copied passages among `count` units, each given by `load` (called several times
/// per unit, from several threads; `None` skips a unit). Returns findings per unit index.
pub fn find_with<F>(count: usize, load: F) -> Vec<(usize, Diagnostic)>
where
    F: Fn(usize) -> Option<UnitText> + Sync,
{
    if count < 2 {
        return Vec::new();
    }
    // 1. Document frequency.
    let df = DocFreq::new();
    (0..count).into_par_iter().for_each(|u| {
        let Some(unit) = load(u) else { return };
        let mut all: Vec<u64> = unit.normalized().iter().flat_map(|n| shingles(&n.chars)).collect();
        all.sort_unstable();
        all.dedup();
        df.add(&all);
    });
    let common = common_threshold(count);

    // 2. Signatures and LSH bands.
    let mut keys: Vec<(u64, Item)> = (0..count)
        .into_par_iter()
        .flat_map_iter(|u| {
            let mut out = Vec::new();
            if let Some(unit) = load(u) {
                for (p, norm) in unit.normalized().iter().enumerate() {
                    let s = rare(norm, &df, common);
                    if s.len() < MIN_SHINGLES {
                        continue;
                    }
                    if let Some(sig) = signature(&s) {
                        out.extend(bands(&sig).into_iter().map(|k| (k, (u as u32, p as u32))));
                    }
                }
            }
            out
        })
        .collect();
    keys.par_sort_unstable();
    let mut candidates: HashSet<(Item, Item)> = HashSet::new();
    for bucket in keys.chunk_by(|a, b| a.0 == b.0) {
        if bucket.len() < 2 || bucket.len() > BUCKET_CAP {
            continue;
        }
        for (i, a) in bucket.iter().enumerate() {
            for b in &bucket[i + 1..] {
                if a.1.0 != b.1.0 {
                    candidates.insert((a.1.min(b.1), a.1.max(b.1)));
                }
            }
        }
    }
    drop(keys);

    // 3. Verify, per pair of units.
    let mut by_pair: BTreeMap<(u32, u32), Vec<(u32, u32)>> = BTreeMap::new();
    for (a, b) in candidates {
        by_pair.entry((a.0, b.0)).or_default().push((a.1, b.1));
    }
    let pairs: Vec<_> = by_pair.into_iter().collect();
    pairs
        .par_iter()
        .flat_map_iter(|&((ua, ub), ref paras)| {
            verify(ua as usize, ub as usize, paras, &load, &df, common)
        })
        .collect()
}

/// Check the candidate paragraphs of units `ua` and `ub`; findings for both when copied.
fn verify<F>(
    ua: usize,
    ub: usize,
    paras: &[(u32, u32)],
    load: &F,
    df: &DocFreq,
    common: u8,
) -> Vec<(usize, Diagnostic)>
where
    F: Fn(usize) -> Option<UnitText>,
{
    let (Some(a), Some(b)) = (load(ua), load(ub)) else { return Vec::new() };
    if a.organization == b.organization {
        // Two reports of one unit (two years, or one file twice) are not a copy between units.
        return Vec::new();
    }
    let (na, nb) = (a.normalized(), b.normalized());
    let mut copied: Vec<(f64, usize, usize)> = Vec::new();
    for &(pa, pb) in paras {
        let (pa, pb) = (pa as usize, pb as usize);
        let (sa, sb) = (rare(&na[pa], df, common), rare(&nb[pb], df, common));
        let shared = intersection(&sa, &sb);
        let share = shared as f64 / sa.len().min(sb.len()).max(1) as f64;
        if share >= COPY_SHARE && shared >= MIN_SHARED {
            copied.push((share, pa, pb));
        }
    }
    if copied.is_empty() {
        return Vec::new();
    }
    copied.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    let (share, pa, pb) = copied[0];
    let (i, j, len) = longest_common(&na[pa].chars, &nb[pb].chars);
    let passage_a = na[pa].source(&a.paragraphs[pa].1, i..i + len);
    let passage_b = nb[pb].source(&b.paragraphs[pb].1, j..j + len);
    let pct = (share * 100.0).floor();
    let finding = |own: &UnitText,
                   own_path: &str,
                   other: &UnitText,
                   other_path: &str,
                   passage: &str| {
        let shown: String = passage.chars().take(80).collect();
        let more = if passage.chars().count() > 80 { "……" } else { "" };
        let n = copied.len();
        let msg = format!(
            "与“{}”的报告有 {n} 段文字雷同：本段与其 {other_path} 有 {pct}% 相同，相同的文字：“{shown}{more}”",
            other.organization
        );
        Rule::S11
            .finding(msg)
            .in_file(&own.file)
            .field(own_path)
            .values(format!("< {}%", (COPY_SHARE * 100.0) as u32), format!("{pct}%"))
            .hint(format!("对方文件：{}", other.file))
    };
    vec![
        (ua, finding(&a, &a.paragraphs[pa].0, &b, &b.paragraphs[pb].0, passage_a)),
        (ub, finding(&b, &b.paragraphs[pb].0, &a, &a.paragraphs[pa].0, passage_b)),
    ]
}

/// Find copied passages among units held in memory; findings per unit, in order.
pub fn find(units: &[UnitText]) -> Vec<Vec<Diagnostic>> {
    let mut out = vec![Vec::new(); units.len()];
    for (u, d) in find_with(units.len(), |u| Some(units[u].clone())) {
        out[u].push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(org: &str, paragraphs: &[&str]) -> UnitText {
        UnitText {
            organization: org.into(),
            file: format!("{org}.json"),
            paragraphs: paragraphs
                .iter()
                .enumerate()
                .map(|(i, p)| (format!("overview[{i}]"), p.to_string()))
                .collect(),
        }
    }

    #[test]
    fn a_copied_paragraph_is_found_for_both_units_and_boilerplate_is_not() {
        let boiler = "本报告依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》要求编制，所列数据的统计期限自2024年1月1日起至2024年12月31日止。";
        let own = [
            "围绕乡村振兴和农村人居环境整治，公开项目资金使用情况，群众监督渠道更加畅通。",
            "聚焦教育医疗养老等民生领域，及时发布政策解读，回应群众关切的热点问题。",
            "推进基层政务公开标准化规范化建设，更新完善公开目录，规范公开流程。",
            "加强政务新媒体管理，微信公众号与门户网站协同发布，提升信息传播效果。",
            "开展政务公开业务培训，提高工作人员的政策水平和业务能力，夯实工作基础。",
            "落实重大行政决策预公开制度，广泛听取社会公众意见，提升决策透明度。",
            "完善依申请公开办理机制，严格登记审核答复流程，确保按时依法答复。",
        ];
        let copied = "深入推进财政预决算公开，细化到项级科目，三公经费和项目支出情况逐项说明，接受人大和社会监督。";
        let mut units: Vec<UnitText> = own
            .iter()
            .enumerate()
            .map(|(i, p)| unit(&format!("第{i}乡人民政府"), &[boiler, p]))
            .collect();
        units[2].paragraphs.push(("overview[2]".into(), copied.into()));
        units[5]
            .paragraphs
            .push(("overview[2]".into(), format!("{copied}今年还新增了政府采购意向公开。")));
        let found = find(&units);
        let who: Vec<usize> = (0..units.len()).filter(|&u| !found[u].is_empty()).collect();
        assert_eq!(who, [2, 5], "{found:#?}");
        let d = &found[2][0];
        assert_eq!(d.code, "S11");
        assert_eq!(d.location.field.as_deref(), Some("overview[2]"));
        assert!(
            d.message.contains("第5乡人民政府") && d.message.contains("深入推进财政预决算公开"),
            "{}",
            d.message
        );
    }
}
