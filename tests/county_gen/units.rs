//! Units (this year's report and last year's), the defects that can be injected, and
//! counties and provinces of them.

use serde_json::{Value, json};

use super::*;

/// A defect to inject into one unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Defect {
    /// A 结转下年度 cell off by one (R1 in the 自然人 and 总计 columns).
    R1,
    /// A "/" in a cell (R5).
    R5,
    /// Last year's 结转下年度 differs from this year's 上年结转 (R6, two columns).
    R6,
    /// 现行有效 off by 3 from the stock flow, unexplained (S1 warning).
    S1,
    /// 现行有效 reset after a 清理, explained in the note (S1 information).
    S1Explained,
    /// A department with 规章 (S2).
    S2,
    /// The narrative states the wrong 本年新收 (S3).
    S3,
    /// Section 六 silent on 信息处理费 (S4).
    S4,
    /// The title's words in the wrong order (S5).
    S5,
    /// Last year's statistics period left in the preface (S6).
    S6Text,
    /// Last year in the title (S6).
    S6Title,
    /// Section 五 is "无" (S7).
    S7,
    /// Imported with blank and "/" cells (S8).
    S8,
    /// 行政许可 ten times last year's (S9).
    S9,
    /// Section 一 reused from last year (S10).
    S10,
    /// Section 五's first paragraph copied from the unit `.0` (S11, both units).
    S11From(usize),
}

/// One generated unit: this year's report and last year's.
#[derive(Debug, Clone)]
pub struct Unit {
    pub id: Identity,
    pub file: String,
    pub report: Value,
    pub previous: Value,
    pub tables: Tables,
}

/// Generate unit `i` of `county` (seeded by `seed`), with `defect` injected.
pub fn unit(
    seed: u64,
    county: &str,
    i: usize,
    year: u16,
    defect: Option<Defect>,
    used: &mut std::collections::HashSet<String>,
) -> Unit {
    let mut rng = Rng::new(seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
    let mut id = identity(&mut rng, county, i);
    while !used.insert(id.organization.clone()) {
        id = identity(&mut rng, county, i);
    }
    let scale = Scale::draw(&mut rng, id.level);
    let mut early = scale.earlier(&mut rng);
    if defect == Some(Defect::S9) {
        early.licensing = 60;
    }
    let mut scale = scale;
    if defect == Some(Defect::S9) {
        scale.licensing = 600;
    }
    if defect == Some(Defect::S10) {
        // Last year's text reused: both years have applications, so the text takes the
        // same path.
        scale.new = scale.new.max(30);
        early = scale.earlier(&mut rng);
    }
    let carried0 = [rng.range(0, 1), 0, 0, 0, 0, 0];
    let stock0 = [
        rng.range(0, 3),
        0,
        if defect == Some(Defect::S1Explained) { 25 } else { rng.range(0, 12) },
    ];
    let prev_t = tables(&mut rng, id.level, &early, carried0, (stock0, [0, 0, 0]));
    let mut t =
        tables(&mut rng, id.level, &scale, prev_t.forward, (prev_t.normative, prev_t.rules));
    let mut prev_forward = prev_t.forward;
    let mut note = None;
    match defect {
        Some(Defect::R1) => t.forward[0] += 1,
        Some(Defect::R6) => prev_forward[0] += 1,
        Some(Defect::S1) => t.normative[2] += 3,
        Some(Defect::S1Explained) => {
            t.normative[2] -= 10;
            note = Some(
                "本年度开展行政规范性文件集中清理，宣布失效10件，现行有效件数按清理结果重新统计",
            );
        }
        Some(Defect::S2) => t.rules = [1, 0, 1],
        _ => {}
    }
    let mut prev_tables = prev_t.clone();
    prev_tables.forward = prev_forward;

    // Last year's report, with its own text.
    let mut prng = Rng::new(rng.next());
    let text_seed = rng.next();
    let prev_new = Tables::total(&prev_t.new);
    let previous = report_json(&id, year - 1, &prev_tables, None, {
        let mut r = Rng::new(text_seed ^ 0xabcdef);
        (
            vec![preface(&id, year - 1)],
            overview(&mut r, &id, year - 1, &prev_t, 0),
            problems(&mut prng, &id, year - 1),
            other_matters(&mut prng, &id),
        )
    });
    // This year's: its own text, or last year's 总体情况 again (S10).
    let mut trng = Rng::new(rng.next());
    let mut ov_rng = if defect == Some(Defect::S10) {
        Rng::new(text_seed ^ 0xabcdef)
    } else {
        Rng::new(trng.next())
    };
    let mut over = overview(&mut ov_rng, &id, year, &t, prev_new);
    let mut pre = vec![preface(&id, year)];
    let mut probs = problems(&mut trng, &id, year);
    let mut other = other_matters(&mut trng, &id);
    match defect {
        Some(Defect::S3) => {
            let new = Tables::total(&t.new);
            over[1] = run_in(
                "依申请公开。",
                format!("全年新收政府信息公开申请{}件，均已按期答复。", new + 7),
            );
        }
        Some(Defect::S4) => {
            other = vec![Value::String(format!("{}本年度没有其他需要报告的事项。", id.short))]
        }
        Some(Defect::S6Text) => pre = vec![preface(&id, year - 1)],
        Some(Defect::S7) => probs = vec![Value::String("无".into())],
        _ => {}
    }
    let mut report = report_json(&id, year, &t, note, (pre, over, probs, other));
    match defect {
        Some(Defect::S5) => {
            report["title"] = json!(format!("{}{year}年政府信息公开年度工作报告", id.organization))
        }
        Some(Defect::S6Title) => {
            report["title"] =
                json!(format!("{}{}年政府信息公开工作年度报告", id.organization, year - 1))
        }
        Some(Defect::R5) => {
            // A cell left as "/": it reads as 0, so pick one that is 0.
            let col = ["research", "social_welfare", "legal_service", "commercial", "other"]
                .iter()
                .find(|c| report["requests"]["carried_forward"][**c] == json!(0))
                .expect("a zero cell");
            report["requests"]["carried_forward"][*col] = json!("/");
        }
        Some(Defect::S8) => {
            let zeros: Vec<String> = ["research", "social_welfare", "legal_service"]
                .iter()
                .filter(|c| report["requests"]["carried_forward"][**c] == json!(0))
                .map(|c| format!("requests.carried_forward.{c}"))
                .collect();
            let placeholders: Vec<Value> = zeros
                .iter()
                .enumerate()
                .map(|(k, p)| json!({ "path": p, "raw": if k == 0 { "" } else { "/" }, "origin": format!("第2个表格第29行第{}列", k + 5) }))
                .collect();
            report["imported"] = json!({ "source": format!("{}.docx", id.organization), "format": "docx", "placeholders": placeholders });
        }
        _ => {}
    }
    let file = format!("{:03}-{}.json", i, id.short);
    Unit { id, file, report, previous, tables: t }
}

fn report_json(
    id: &Identity,
    year: u16,
    t: &Tables,
    note: Option<&str>,
    text: (Vec<Value>, Vec<Value>, Vec<Value>, Vec<Value>),
) -> Value {
    let (mut proactive, requests, appeals) = tables_json(t);
    if let Some(n) = note {
        proactive["normative_documents"]["note"] = json!(n);
    }
    json!({
        "schema": "nianbao/1",
        "organization": id.organization,
        "year": year,
        "level": id.level,
        "preface": text.0,
        "overview": text.1,
        "proactive": proactive,
        "requests": requests,
        "appeals": appeals,
        "problems": text.2,
        "other_matters": text.3,
    })
}

/// Copy unit `from`'s first paragraph of section 五 into `to` (names swapped), as a unit
/// that copies its neighbour's report does.
pub fn copy_problems(units: &mut [Unit], from: usize, to: usize) {
    let text = units[from].report["problems"][0].as_str().unwrap_or_default().to_string();
    let text = text.replace(&units[from].id.short, &units[to].id.short);
    units[to].report["problems"][0] = Value::String(text);
}

/// A county of `n` units with the given defects (unit index → defect).
pub fn county(
    seed: u64,
    name: &str,
    n: usize,
    year: u16,
    defects: &[(usize, Defect)],
) -> Vec<Unit> {
    let mut used = std::collections::HashSet::new();
    let mut units: Vec<Unit> = (0..n)
        .map(|i| {
            let d = defects.iter().find(|(k, _)| *k == i).map(|(_, d)| *d);
            unit(seed, name, i, year, d, &mut used)
        })
        .collect();
    for &(i, d) in defects {
        if let Defect::S11From(from) = d {
            copy_problems(&mut units, from, i);
        }
    }
    units
}

/// Many counties (for the benchmark): `n` units in counties of 40.
pub fn province(seed: u64, n: usize, year: u16) -> Vec<Unit> {
    let mut used = std::collections::HashSet::new();
    let mut rng = Rng::new(seed);
    let mut counties = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let mut c = format!("{}县", place(&mut rng, 2));
        while !counties.insert(c.clone()) {
            c = format!("{}县", place(&mut rng, 2));
        }
        for i in 0..40.min(n - out.len()) {
            out.push(unit(seed ^ out.len() as u64, &c, i, year, None, &mut used));
        }
    }
    out
}
