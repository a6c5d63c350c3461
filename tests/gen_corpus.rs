//! A realistic corpus of generated reports, shared by the batch benchmark
//! (`benches/batch.rs` includes this file) and the tests: deterministic from a seed.
//!
//! Each report's narrative is its own, as offices write them. Sentences are built from
//! templates over large word lists of government-report terms, and every sentence carries
//! something of this office only: its name, its villages, projects, people, dates or
//! numbers, drawn from the 3,755 GB2312 level-1 characters. The narrative is 300–3,000
//! characters; the numbers of tables 二, 三 and 四 vary and add up (the form's arithmetic
//! holds), and about a third of the reports are all-zero, like most townships.
#![allow(dead_code)]

use std::path::Path;

use serde_json::{Value, json};
use vocab::*;

#[path = "gen_corpus_vocab.rs"]
mod vocab;

/// The seed of the benchmark corpus.
pub const SEED: u64 = 0x6E69_616E_6261_6F21;

/// A small deterministic PRNG (splitmix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// The 3,755 GB2312 level-1 characters (rows 16–55), decoded with encoding_rs.
pub fn level1() -> &'static [char] {
    static CHARS: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    CHARS.get_or_init(|| {
        let mut out = Vec::with_capacity(3755);
        for hi in 0xB0u8..=0xD7 {
            for lo in 0xA1u8..=0xFE {
                let bytes = [hi, lo];
                let (text, _, bad) = encoding_rs::GBK.decode(&bytes);
                let c = text.chars().next().unwrap_or('\u{FFFD}');
                // Row 55 ends at 0xD7F9; GBK maps the rest to the private use area.
                let private = ('\u{E000}'..='\u{F8FF}').contains(&c);
                if !bad && !private && c != '\u{FFFD}' && text.chars().count() == 1 {
                    out.push(c);
                }
            }
        }
        out
    })
}

/// The names of one office: its own place, villages, projects and people.
struct Names {
    /// The two-character place name, unique in the corpus (a bijection of the index).
    place: String,
    org: String,
    /// How the office refers to itself (我乡, 我镇, 本局 …).
    we: &'static str,
    level: &'static str,
    villages: Vec<String>,
    projects: Vec<String>,
    people: Vec<String>,
    roads: Vec<String>,
}

fn word(rng: &mut Rng, n: usize) -> String {
    let pool = level1();
    (0..n).map(|_| pool[rng.below(pool.len() as u64) as usize]).collect()
}

fn names(index: usize, rng: &mut Rng) -> Names {
    let pool = level1();
    let n = pool.len() as u64;
    // A bijection of [0, n²): the multiplier is coprime with n² (n = 3755 = 5 × 751).
    let x = (index as u64 % (n * n)) * 7_919 % (n * n);
    let place: String = [pool[(x % n) as usize], pool[(x / n) as usize]].iter().collect();
    let (suffix, we, level) = match rng.below(10) {
        0..=3 => ("镇人民政府", "我镇", "township"),
        4..=5 => ("乡人民政府", "我乡", "township"),
        6 => ("街道办事处", "本街道", "township"),
        _ => {
            let dept = rng.pick(DEPARTMENTS);
            let county = format!("{place}县");
            return Names {
                org: format!("{county}{dept}"),
                place,
                we: "本单位",
                level: "department",
                villages: (0..6)
                    .map(|_| {
                        let w = word(rng, 2);
                        format!("{w}{}", rng.pick(TOWNS))
                    })
                    .collect(),
                projects: projects(rng),
                people: (0..4).map(|_| person(rng)).collect(),
                roads: (0..3).map(|_| format!("{}路", word(rng, 2))).collect(),
            };
        }
    };
    Names {
        org: format!("{place}{suffix}"),
        place,
        we,
        level,
        villages: (0..8)
            .map(|_| {
                let w = word(rng, 2);
                format!("{w}{}", rng.pick(VILLAGES))
            })
            .collect(),
        projects: projects(rng),
        people: (0..4).map(|_| person(rng)).collect(),
        roads: (0..3).map(|_| format!("{}路", word(rng, 2))).collect(),
    }
}

fn person(rng: &mut Rng) -> String {
    let surname = rng.pick(SURNAMES);
    let len = 1 + rng.below(2) as usize;
    format!("{surname}{}", word(rng, len))
}

fn projects(rng: &mut Rng) -> Vec<String> {
    (0..5)
        .map(|_| {
            let w = word(rng, 2);
            format!("{w}{}", rng.pick(PROJECT_KINDS))
        })
        .collect()
}

/// What the sentences of one report draw on.
struct Ctx<'a> {
    rng: &'a mut Rng,
    names: Names,
    year: u64,
    /// 本年新收 applications (总计), for sentences about the requests.
    new_total: u64,
    published: u64,
    /// How often each sentence kind was used: a report says each thing once or a few times.
    used: [u8; KINDS],
}

/// Sentence kinds of 总体情况.
const KINDS: usize = 20;

impl Ctx<'_> {
    fn village(&mut self) -> String {
        let i = self.rng.below(self.names.villages.len() as u64) as usize;
        self.names.villages[i].clone()
    }
    fn project(&mut self) -> String {
        let i = self.rng.below(self.names.projects.len() as u64) as usize;
        self.names.projects[i].clone()
    }
    fn person(&mut self) -> String {
        let i = self.rng.below(self.names.people.len() as u64) as usize;
        self.names.people[i].clone()
    }
    fn date(&mut self) -> String {
        format!("{}月{}日", self.rng.range(1, 12), self.rng.range(1, 28))
    }
    fn n(&mut self, lo: u64, hi: u64) -> u64 {
        self.rng.range(lo, hi)
    }

    /// The next sentence kind: random, each kind at most three times (the totals once).
    fn kind(&mut self) -> Option<usize> {
        let start = self.rng.below(KINDS as u64) as usize;
        let k = (0..KINDS).map(|i| (start + i) % KINDS).find(|&k| {
            let limit = if k == 0 || k == 7 { 1 } else { 3 };
            self.used[k] < limit
        })?;
        self.used[k] += 1;
        Some(k)
    }

    /// One sentence of 总体情况, or none when every kind is used up.
    fn overview_sentence(&mut self) -> Option<String> {
        let kind = self.kind()?;
        let r = &mut *self.rng;
        let (verb, object, domain, channel) =
            (r.pick(VERBS), r.pick(OBJECTS), r.pick(DOMAINS), r.pick(CHANNELS));
        let (effect, manner) = (r.pick(EFFECTS), r.pick(MANNERS));
        let (meeting, principle, training) =
            (r.pick(MEETINGS), r.pick(PRINCIPLES), r.pick(TRAININGS));
        let (a, b, c) = (r.range(1, 9), r.range(2, 40), r.range(10, 900));
        let (v1, p, project, d) = (self.village(), self.person(), self.project(), self.date());
        let mut v2 = self.village();
        while v2 == v1 {
            v2 = self.village();
        }
        let road = self.names.roads[self.rng.below(3) as usize].clone();
        let (org, we, year, published) =
            (&self.names.org, self.names.we, self.year, self.published);
        let part = self.rng.range(3, published.max(4));
        Some(match kind {
            0 => format!(
                "{year}年，{org}通过{channel}主动公开政府信息{published}条，其中{domain}信息{part}条。"
            ),
            1 => format!(
                "在{v1}、{v2}等{}个村（社区）更新政务公开栏，{manner}公开{domain}相关事项{b}项。",
                a + 2
            ),
            2 => format!("{d}，{we}召开{meeting}，由{p}同志部署{verb}{object}工作，{effect}。"),
            3 => format!(
                "对{project}的立项、招标、资金拨付和验收情况全程公开，累计发布公告{a}则，{effect}。"
            ),
            4 => format!(
                "{org}坚持{principle}，{verb}{object}，全年在{channel}发布{domain}政策解读{b}篇。"
            ),
            5 => format!(
                "明确{p}同志为政务公开工作联络员，负责{object}的日常维护，做到{principle}。"
            ),
            6 => format!("在{road}便民服务大厅设置政府信息查阅点，{year}年共接待群众查阅{c}人次。"),
            7 if self.new_total == 0 => {
                format!("{org}全年未收到政府信息公开申请，{verb}{object}，做好申请受理准备。")
            }
            7 => format!(
                "{org}全年收到政府信息公开申请{}件，{verb}{object}，均在法定期限内答复。",
                self.new_total
            ),
            8 => format!("{d}起，{org}将{domain}信息纳入{channel}专栏，{manner}更新{b}次。"),
            9 => format!("{org}组织{b}名干部参加{training}，围绕{object}开展交流{a}次，{effect}。"),
            10 => format!(
                "针对{v1}群众反映的{domain}问题，{we}{manner}公开处理结果{b}件，做到{principle}。"
            ),
            11 => format!("{org}{verb}{object}，制定完善相关制度{a}项，{effect}。"),
            12 => format!(
                "{org}编制{year}年政务公开工作要点，明确{domain}等{a}个重点领域的公开任务{b}项。"
            ),
            13 => format!(
                "在{project}实施过程中，通过{channel}{manner}公示补偿标准和资金发放情况{a}次。"
            ),
            14 => format!("{d}，{org}开展“{domain}政策进万家”活动，发放宣传资料{c}份，{effect}。"),
            15 => format!(
                "{p}同志带队深入{v1}、{v2}走访群众{c}户，收集意见建议{b}条，已全部办理回复。"
            ),
            16 => format!(
                "{org}对历年制发的{b}件规范性文件进行清理，{manner}公开清理结果，{effect}。"
            ),
            17 => format!(
                "依托{road}政务服务中心推行“一窗受理”，{domain}事项办理时限平均压缩至{a}个工作日。"
            ),
            18 => {
                format!("{org}在{channel}开设“{domain}”专栏，设置子栏目{a}个，全年更新内容{b}条。")
            }
            _ => format!("{d}，{org}接受政务公开工作督查，对发现的{a}个问题立行立改，{effect}。"),
        })
    }

    /// Section 五: the problems, then what the office will do, each numbered 一是、二是….
    fn problems(&mut self, budget: usize) -> Vec<String> {
        let org = self.names.org.clone();
        let (year, next) = (self.year, self.year + 1);
        let items = (budget / 60).clamp(2, 5);
        let mut first =
            format!("{year}年，{org}政务公开工作虽然取得了一定成效，但也存在一些问题和不足：");
        for k in 0..items {
            let r = &mut *self.rng;
            let (domain, weak, object) = (r.pick(DOMAINS), r.pick(WEAKNESSES), r.pick(OBJECTS));
            let v = self.village();
            let item = match self.rng.below(3) {
                0 => format!("{domain}信息{weak}"),
                1 => format!("{v}等基层公开栏{weak}"),
                _ => format!("{object}{weak}"),
            };
            let end = if k + 1 == items { "。" } else { "；" };
            first.push_str(&format!("{}是{item}{end}", numeral(k + 1)));
        }
        let mut second = format!("针对上述问题，{org}将在{next}年重点做好以下工作：");
        for k in 0..items {
            let r = &mut *self.rng;
            let (verb, object, effect, domain) =
                (r.pick(VERBS), r.pick(OBJECTS), r.pick(EFFECTS), r.pick(DOMAINS));
            let rate = r.range(90, 100);
            let p = self.person();
            let item = match self.rng.below(3) {
                0 => format!("{verb}{object}，确保{effect}"),
                1 => format!("由{p}同志牵头{verb}{object}"),
                _ => format!("力争{domain}信息公开率达到{rate}%"),
            };
            let end = if k + 1 == items { "。" } else { "；" };
            second.push_str(&format!("{}是{item}{end}", numeral(k + 1)));
        }
        vec![first, second]
    }
}

/// 1 → 一 … 10 → 十.
fn numeral(n: usize) -> &'static str {
    ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][n.min(10)]
}

/// Split `sentences` into paragraphs of 1–4 sentences.
fn paragraphs(rng: &mut Rng, sentences: Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut it = sentences.into_iter().peekable();
    while it.peek().is_some() {
        let k = rng.range(1, 4) as usize;
        out.push(it.by_ref().take(k).collect::<String>());
    }
    out
}

/// Report `index` of the corpus with `seed`, as JSON data.
pub fn report(seed: u64, index: usize) -> Value {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93));
    let names = names(index, &mut rng);
    let zero = rng.below(3) == 0;
    let year = 2024;
    let (requests, new_total) = requests(&mut rng, zero, names.level == "department");
    let n = |rng: &mut Rng, hi: u64| if zero { 0 } else { rng.below(hi) };
    let normative = if zero { 0 } else { rng.below(4) };
    let proactive = json!({
        "rules": { "issued": 0, "repealed": 0, "in_force": 0 },
        "normative_documents": {
            "issued": normative, "repealed": n(&mut rng, 2), "in_force": normative + n(&mut rng, 30)
        },
        "licensing": n(&mut rng, 2000),
        "punishment": n(&mut rng, 200),
        "enforcement": n(&mut rng, 20),
        "fees": if zero || rng.chance(60) { "0".to_string() } else {
            format!("{}.{:02}", rng.below(500), rng.below(100))
        },
    });
    let appeal = |rng: &mut Rng| {
        if zero || rng.chance(60) {
            json!({})
        } else {
            json!({ "upheld": rng.below(4), "corrected": rng.below(2), "pending": rng.below(2) })
        }
    };
    let appeals = json!({
        "review": appeal(&mut rng), "litigation": appeal(&mut rng),
        "litigation_after_review": appeal(&mut rng)
    });

    // The narrative: 300–3,000 characters in all, about a quarter of it in section 五.
    let target = rng.range(300, 2700) as usize;
    let published = rng.range(20, 2000);
    let mut ctx = Ctx { rng: &mut rng, names, year, new_total, published, used: [0; KINDS] };
    let problems = ctx.problems(target / 4);
    let mut used: usize = problems.iter().map(|p| p.chars().count()).sum();
    // Room left for the preface, the subheadings and section 六 below 3,000 characters.
    const CAP: usize = 2700;
    let topics = ctx.rng.range(2, 6) as usize;
    let share = target.saturating_sub(used) / topics;
    let mut overview = Vec::new();
    let style = ctx.rng.below(3);
    for _ in 0..topics {
        let mut sentences = Vec::new();
        let mut len = 0;
        while len < share || sentences.is_empty() {
            let Some(s) = ctx.overview_sentence() else { break };
            let n = s.chars().count();
            if used + n > CAP {
                break;
            }
            used += n;
            len += n;
            sentences.push(s);
        }
        if sentences.is_empty() {
            break;
        }
        let (verb, object) = (ctx.rng.pick(HEADING_VERBS), ctx.rng.pick(HEADING_OBJECTS));
        let heading = format!("{verb}{object}");
        match style {
            0 => overview
                .push(json!({ "heading": format!("{heading}。"), "text": sentences.concat() })),
            1 => {
                let ps = paragraphs(ctx.rng, sentences);
                overview.push(json!({ "heading": heading, "paragraphs": ps }));
            }
            _ => overview.extend(paragraphs(ctx.rng, sentences).into_iter().map(Value::from)),
        }
    }
    let org = ctx.names.org.clone();
    let fee_note = if ctx.rng.chance(50) {
        format!("{org}{year}年度未收取信息处理费。")
    } else {
        format!("{year}年度，{org}未发生收取信息处理费的情况，无其他需要报告的事项。")
    };
    let mut value = json!({
        "schema": "nianbao/1",
        "organization": org,
        "year": year,
        "level": ctx.names.level,
        "overview": overview,
        "proactive": proactive,
        "requests": requests,
        "appeals": appeals,
        "problems": problems,
        "other_matters": [fee_note],
    });
    if ctx.rng.chance(40) {
        value["preface"] = json!([format!(
            "本报告依据《中华人民共和国政府信息公开条例》要求编制，由{}办公室负责整理，所列数据的统计期限自{year}年1月1日起至{year}年12月31日止，联系人：{}。",
            ctx.names.org.clone(),
            ctx.person()
        )]);
    }
    if ctx.rng.chance(50) {
        let (m, d) = (ctx.rng.range(1, 3), ctx.rng.range(1, 28));
        value["signature"] =
            json!({ "organization": ctx.names.org, "date": format!("{}-{m:02}-{d:02}", year + 1) });
    }
    value
}

/// 表三 with consistent numbers: leaves, totals, carried over and forward; returns the
/// rows and the 本年新收 总计.
fn requests(rng: &mut Rng, zero: bool, department: bool) -> (Value, u64) {
    const COLS: [&str; 6] =
        ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other"];
    const LEAVES: [&str; 21] = [
        "granted",
        "partially_granted",
        "withheld.state_secret",
        "withheld.prohibited_by_law",
        "withheld.three_safeties_one_stability",
        "withheld.third_party_rights",
        "withheld.internal_affairs",
        "withheld.process_information",
        "withheld.enforcement_files",
        "withheld.query_matters",
        "unable.not_held",
        "unable.needs_creation",
        "unable.unclear",
        "not_processed.complaints",
        "not_processed.duplicate",
        "not_processed.publications",
        "not_processed.excessive",
        "not_processed.reconfirmation",
        "other_handling.no_correction",
        "other_handling.unpaid_fee",
        "other_handling.other",
    ];
    let scale = if department { 40 } else { 6 };
    let mut leaves = [[0u64; 6]; 21];
    if !zero {
        for (i, l) in leaves.iter_mut().enumerate() {
            // Most applications are granted or not held; the rest are rare.
            let p = match i {
                0 | 1 | 10 => 70,
                _ => 12,
            };
            for (c, v) in l.iter_mut().enumerate() {
                let hi = if c == 0 { scale } else { scale / 3 + 1 };
                *v = if rng.chance(p) { rng.below(hi) } else { 0 };
            }
        }
    }
    let handled: Vec<u64> = (0..6).map(|c| leaves.iter().map(|l| l[c]).sum()).collect();
    let forward: Vec<u64> = (0..6).map(|_| if zero { 0 } else { rng.below(3) }).collect();
    let carried: Vec<u64> = (0..6).map(|c| rng.below(3).min(handled[c] + forward[c])).collect();
    let new: Vec<u64> = (0..6).map(|c| handled[c] + forward[c] - carried[c]).collect();
    let row = |v: &[u64]| -> Value {
        COLS.iter()
            .zip(v)
            .filter(|(_, n)| **n > 0)
            .map(|(k, n)| ((*k).to_string(), json!(n)))
            .collect()
    };
    let mut out = json!({ "new": row(&new), "carried_over": row(&carried), "carried_forward": row(&forward) });
    for (key, l) in LEAVES.iter().zip(&leaves) {
        if l.iter().all(|v| *v == 0) {
            continue;
        }
        match key.split_once('.') {
            None => out[*key] = row(l),
            Some((g, k)) => {
                if out.get(g).is_none() {
                    out[g] = json!({});
                }
                out[g][k] = row(l);
            }
        }
    }
    (out, new.iter().sum())
}

/// Write reports `0..count` of the corpus as `dir/r00000.json` ….
pub fn generate(dir: &Path, seed: u64, count: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for i in 0..count {
        let path = dir.join(format!("r{i:05}.json"));
        std::fs::write(path, serde_json::to_string_pretty(&report(seed, i)).expect("JSON"))?;
    }
    Ok(())
}

/// The narrative text of a generated report: every string of the narrative sections,
/// with the subheadings (`with_headings`) or without them.
pub fn narrative(report: &Value, with_headings: bool) -> Vec<String> {
    fn walk(v: &Value, headings: bool, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(a) => a.iter().for_each(|x| walk(x, headings, out)),
            Value::Object(o) => o
                .iter()
                .filter(|(k, _)| headings || *k != "heading")
                .for_each(|(_, x)| walk(x, headings, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for key in ["preface", "overview", "problems", "other_matters"] {
        if let Some(v) = report.get(key) {
            walk(v, with_headings, &mut out);
        }
    }
    out
}
