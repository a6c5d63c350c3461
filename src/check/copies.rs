//! Text copied between units of one run (S11), without comparing every pair of texts.
//! Passes over the units, each of which a caller can stream (a batch reloads its files):
//!
//! 1. a MinHash signature of every paragraph's shingles (of its prose: shingles with a
//!    number in them are left out, figure sentences being formulaic), cut into LSH bands; paragraphs of
//!    two units that agree on a whole band fall in one bucket. A bucket shared by many
//!    paragraphs is a template (the law's name, the form's sentences, a county-wide model
//!    text) and is skipped; a small one gives candidate pairs;
//! 2. each candidate pair is compared on its exact shingle sets: the share of the shorter
//!    paragraph found in the other (a pair of blocks of units at a time, so that memory stays
//!    bounded in a run of thousands);
//! 3. the document frequency of those pairs' shingles is counted over the whole run,
//!    exactly. A paragraph's own text is what at most 3 units have; a copy shares most of
//!    it too (and at least 10 shingles of it), not only boilerplate many units use, so two
//!    reports that only share a template are not "copied";
//! 4. the shared passage of each copied pair is their longest common text.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;

use rayon::prelude::*;

mod blocks;

use self::blocks::{by_blocks, compact, read_sets};
use super::Rule;
use super::similarity::{
    Normalized, bands, intersection, longest_common, normalize, own_names,
    prose_shingles as shingles, signature,
};
use crate::diag::Diagnostic;
use crate::model::{Report, TextKind};

/// A paragraph shares at least this much of its text with another unit's.
pub const COPY_SHARE: f64 = 0.7;
/// Paragraphs with fewer shingles (about as many characters) are not compared.
const MIN_SHINGLES: usize = 20;
/// A copy shares at least this many shingles that at most [`EXCLUSIVE_UNITS`] units have.
const MIN_EXCLUSIVE: usize = 10;
/// A shingle in more units than this is boilerplate, not evidence of copying.
const EXCLUSIVE_UNITS: u32 = 3;
/// An LSH bucket with more paragraphs than this is a template; skipped.
const BUCKET_CAP: usize = 8;
/// How many units' band keys are made in one pass, and how many units make a block when
/// pairs are verified (see [`find_with`]).
const UNITS_PER_PASS: usize = 2_500;

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
    /// The paragraphs of sections 一, 五 and 六 of a report (not the preface, whose legal
    /// basis, statistics period and contact lines are boilerplate by nature; not
    /// subheadings, titles or names).
    pub fn of(report: &Report, file: &str) -> Self {
        let paragraphs = report
            .text_fields()
            .into_iter()
            .filter(|f| f.kind == TextKind::Paragraph && !f.path.starts_with("preface"))
            .map(|f| (f.path, f.text.to_string()))
            .collect();
        UnitText { organization: report.organization.clone(), file: file.to_string(), paragraphs }
    }

    fn normalized(&self) -> Vec<Normalized> {
        let names = own_names(&self.organization);
        self.paragraphs.iter().map(|(_, t)| normalize(t, &names)).collect()
    }
}

/// A paragraph of a unit: (unit index, paragraph index).
type Item = (u32, u32);

/// A candidate pair that passed the share test: its units, paragraphs and share.
struct Similar {
    units: (u32, u32),
    paras: (u32, u32),
    share: f64,
}

/// Find copied passages among `count` units, each given by `load` (called several times
/// per unit, from several threads; `None` skips a unit). Returns findings per unit index.
pub fn find_with<F>(count: usize, load: F) -> Vec<(usize, Diagnostic)>
where
    F: Fn(usize) -> Option<UnitText> + Sync,
{
    find_in_passes(count, load, UNITS_PER_PASS)
}

/// [`find_with`], with the band keys of at most `per_pass` units' worth made at once, and
/// pairs verified a pair of blocks of `per_pass` units at a time.
fn find_in_passes<F>(count: usize, load: F, per_pass: usize) -> Vec<(usize, Diagnostic)>
where
    F: Fn(usize) -> Option<UnitText> + Sync,
{
    if count < 2 {
        return Vec::new();
    }
    // 1. Signatures and LSH bands; small buckets give candidates. The band keys of a large
    // run are made in passes, a share of the bands each, with the units read again for each
    // pass: the keys of 10,000 realistic reports would otherwise take ~150 MB at once.
    let passes = count.div_ceil(per_pass.max(1)).max(1);
    let mut candidates: HashSet<(Item, Item)> = HashSet::new();
    for pass in 0..passes {
        let mut keys: Vec<(u64, Item)> = (0..count)
            .into_par_iter()
            .flat_map_iter(|u| {
                let mut out = Vec::new();
                if let Some(unit) = load(u) {
                    for (p, norm) in unit.normalized().iter().enumerate() {
                        let s = shingles(&norm.chars);
                        if s.len() < MIN_SHINGLES {
                            continue;
                        }
                        if let Some(sig) = signature(&s) {
                            let item = (u as u32, p as u32);
                            out.extend(
                                bands(&sig)
                                    .into_iter()
                                    .enumerate()
                                    .filter(|(b, _)| b % passes == pass)
                                    .map(|(_, k)| (k, item)),
                            );
                        }
                    }
                }
                out
            })
            .collect();
        keys.par_sort_unstable();
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
    }

    // 2. The share of each candidate pair, on the exact shingle sets of its paragraphs.
    let mut candidates: Vec<(Item, Item)> = candidates.into_iter().collect();
    candidates.sort_unstable();
    let similar: Vec<Similar> = by_blocks(&candidates, per_pass, &load, |&(x, y), a, b| {
        let share = intersection(a, b) as f64 / a.len().min(b.len()).max(1) as f64;
        (share >= COPY_SHARE).then_some(Similar { units: (x.0, y.0), paras: (x.1, y.1), share })
    });
    drop(candidates);
    if similar.is_empty() {
        return Vec::new();
    }

    // 3. How many units have each shingle of those pairs' paragraphs.
    let mut involved: BTreeMap<u32, HashSet<u32>> = BTreeMap::new();
    for s in &similar {
        involved.entry(s.units.0).or_default().insert(s.paras.0);
        involved.entry(s.units.1).or_default().insert(s.paras.1);
    }
    let interest: HashSet<u32> =
        read_sets(&involved, &load).sets.into_values().flat_map(|set| set.into_iter()).collect();
    let df: Mutex<HashMap<u32, u32>> = Mutex::new(HashMap::new());
    (0..count).into_par_iter().for_each(|u| {
        let Some(unit) = load(u) else { return };
        let mut mine: Vec<u32> = unit
            .normalized()
            .iter()
            .flat_map(|n| compact(shingles(&n.chars)))
            .filter(|h| interest.contains(h))
            .collect();
        mine.sort_unstable();
        mine.dedup();
        let mut df = df.lock().unwrap_or_else(|e| e.into_inner());
        for h in mine {
            *df.entry(h).or_default() += 1;
        }
    });
    let df = df.into_inner().unwrap_or_else(|e| e.into_inner());
    drop(interest);
    let is_rare = |h: &u32| df.get(h).is_some_and(|&n| n <= EXCLUSIVE_UNITS);

    // 4. Copies: the paragraphs' own text (what at most a few units have) is shared too,
    // not only the boilerplate around it. With their shared passage, per pair of units.
    let pairs: Vec<(Item, Item)> =
        similar.iter().map(|s| ((s.units.0, s.paras.0), (s.units.1, s.paras.1))).collect();
    let copied: HashSet<(Item, Item)> = by_blocks(&pairs, per_pass, &load, |&pair, a, b| {
        let (ra, rb): (Vec<u32>, Vec<u32>) = (
            a.iter().copied().filter(is_rare).collect(),
            b.iter().copied().filter(is_rare).collect(),
        );
        let shared = intersection(&ra, &rb);
        let own = ra.len().min(rb.len()).max(1);
        (shared >= MIN_EXCLUSIVE && shared as f64 / own as f64 >= COPY_SHARE).then_some(pair)
    })
    .into_iter()
    .collect();
    let mut copies: BTreeMap<(u32, u32), Vec<&Similar>> = BTreeMap::new();
    for s in &similar {
        if copied.contains(&((s.units.0, s.paras.0), (s.units.1, s.paras.1))) {
            copies.entry(s.units).or_default().push(s);
        }
    }
    copies
        .into_par_iter()
        .flat_map_iter(|((ua, ub), found)| report_pair(ua as usize, ub as usize, &found, &load))
        .collect()
}

/// The findings for units `ua` and `ub`, which copied the paragraphs `found`.
fn report_pair<F>(ua: usize, ub: usize, found: &[&Similar], load: &F) -> Vec<(usize, Diagnostic)>
where
    F: Fn(usize) -> Option<UnitText>,
{
    let (Some(a), Some(b)) = (load(ua), load(ub)) else { return Vec::new() };
    let best = found
        .iter()
        .max_by(|x, y| x.share.total_cmp(&y.share).then(y.paras.cmp(&x.paras)))
        .expect("at least one");
    let (pa, pb) = (best.paras.0 as usize, best.paras.1 as usize);
    let (na, nb) = (a.normalized(), b.normalized());
    let (i, j, len) = longest_common(&na[pa].chars, &nb[pb].chars);
    let passage_a = na[pa].source(&a.paragraphs[pa].1, i..i + len);
    let passage_b = nb[pb].source(&b.paragraphs[pb].1, j..j + len);
    let pct = (best.share * 100.0).floor();
    let n = found.len();
    let finding = |own: &UnitText,
                   own_path: &str,
                   other: &UnitText,
                   other_path: &str,
                   passage: &str| {
        let shown: String = passage.chars().take(80).collect();
        let more = if passage.chars().count() > 80 { "……" } else { "" };
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
        // The same in passes of a few bands each (as a run of thousands of units is done).
        let in_passes = find_in_passes(units.len(), |i| Some(units[i].clone()), 2);
        let mut once: Vec<String> = find_with(units.len(), |i| Some(units[i].clone()))
            .iter()
            .map(|(u, d)| format!("{u} {d}"))
            .collect();
        let mut passes: Vec<String> = in_passes.iter().map(|(u, d)| format!("{u} {d}")).collect();
        once.sort();
        passes.sort();
        assert_eq!(once, passes);
        assert!(!passes.is_empty());
        let d = &found[2][0];
        assert_eq!(d.code, "S11");
        assert_eq!(d.location.field.as_deref(), Some("overview[2]"));
        assert!(
            d.message.contains("第5乡人民政府") && d.message.contains("深入推进财政预决算公开"),
            "{}",
            d.message
        );
    }

    #[test]
    fn two_reports_of_one_organization_are_no_copy() {
        let text = "深入推进财政预决算公开，细化到项级科目，三公经费和项目支出情况逐项说明，接受人大和社会监督，及时回应群众关切。";
        let other = "围绕乡村振兴和农村人居环境整治，公开项目资金使用情况，群众监督渠道更加畅通，办事效率明显提高。";
        let mut units = vec![
            unit("甲镇人民政府", &[text]),
            unit("甲镇人民政府", &[text]),
            unit("乙镇人民政府", &[other]),
        ];
        // In one block and across blocks of one unit each.
        assert!(find(&units).iter().all(Vec::is_empty));
        assert!(find_in_passes(3, |i| Some(units[i].clone()), 1).is_empty());
        // The same text under another organization is a copy.
        units[1].organization = "丙镇人民政府".into();
        assert_eq!(find(&units).iter().filter(|f| !f.is_empty()).count(), 2);
        assert_eq!(find_in_passes(3, |i| Some(units[i].clone()), 1).len(), 2);
    }
}
