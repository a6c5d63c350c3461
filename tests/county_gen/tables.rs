//! Consistent tables (R1–R4 hold by construction) from a unit's scale, and their
//! nianbao/1 JSON.

use serde_json::{Value, json};

use super::Rng;

/// The tables of one report, as numbers.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    pub new: [u64; 6],
    pub carried: [u64; 6],
    pub leaves: [[u64; 6]; 21],
    pub forward: [u64; 6],
    pub review: [u64; 4],
    pub litigation: [u64; 4],
    pub after_review: [u64; 4],
    /// 行政规范性文件: issued, repealed, in force.
    pub normative: [u64; 3],
    /// 规章: issued, repealed, in force.
    pub rules: [u64; 3],
    pub licensing: u64,
    pub punishment: u64,
    pub enforcement: u64,
    pub fees: String,
}

impl Tables {
    pub fn total(row: &[u64; 6]) -> u64 {
        row.iter().sum()
    }
    pub fn handled(&self) -> [u64; 6] {
        let mut h = [0; 6];
        for leaf in &self.leaves {
            for c in 0..6 {
                h[c] += leaf[c];
            }
        }
        h
    }
    pub fn group(&self, range: std::ops::Range<usize>) -> u64 {
        self.leaves[range].iter().map(Tables::total).sum()
    }
}

/// How big a unit is: the figures its tables grow from.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub new: u64,
    pub licensing: u64,
    pub punishment: u64,
    pub enforcement: u64,
    pub review: u64,
    pub litigation: u64,
}

impl Scale {
    pub fn draw(rng: &mut Rng, level: &str) -> Scale {
        let dept = level == "department";
        let maybe = |rng: &mut Rng, p: f64, lo: u64, hi: u64| {
            if rng.chance(p) { rng.range(lo, hi) } else { 0 }
        };
        Scale {
            new: if dept { rng.range(0, 90) } else { rng.range(0, 12) },
            licensing: if dept { maybe(rng, 0.6, 30, 1500) } else { maybe(rng, 0.3, 0, 15) },
            punishment: if dept { maybe(rng, 0.5, 20, 300) } else { maybe(rng, 0.3, 0, 12) },
            enforcement: if dept { maybe(rng, 0.3, 0, 18) } else { 0 },
            review: if dept { maybe(rng, 0.4, 1, 4) } else { maybe(rng, 0.05, 1, 1) },
            litigation: if dept { maybe(rng, 0.25, 1, 3) } else { 0 },
        }
    }

    /// Last year's scale, within ±40 % (no jump above 5× or below 0.2×).
    pub fn earlier(&self, rng: &mut Rng) -> Scale {
        let f = |rng: &mut Rng, v: u64| {
            (v as f64 * (0.7 + 0.6 * rng.below(1000) as f64 / 1000.0)).round() as u64
        };
        Scale {
            new: f(rng, self.new),
            licensing: f(rng, self.licensing),
            punishment: f(rng, self.punishment),
            enforcement: f(rng, self.enforcement),
            review: f(rng, self.review),
            litigation: f(rng, self.litigation),
        }
    }
}

const COL_WEIGHTS: [u64; 6] = [70, 10, 2, 3, 5, 10];
const LEAF_WEIGHTS: [u64; 21] = [40, 10, 1, 2, 1, 3, 2, 2, 1, 1, 14, 4, 2, 5, 2, 1, 1, 1, 2, 1, 4];

fn weighted(rng: &mut Rng, weights: &[u64]) -> usize {
    let mut x = rng.below(weights.iter().sum());
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

fn split4(rng: &mut Rng, total: u64) -> [u64; 4] {
    let mut g = [0; 4];
    for _ in 0..total {
        g[weighted(rng, &[5, 2, 2, 1])] += 1;
    }
    g
}

/// Consistent tables (R1–R4) from a scale, last year's 结转下年度 and 现行有效.
pub fn tables(
    rng: &mut Rng,
    level: &str,
    scale: &Scale,
    carried: [u64; 6],
    prev_stock: ([u64; 3], [u64; 3]),
) -> Tables {
    let mut t = Tables { carried, ..Default::default() };
    for _ in 0..scale.new {
        t.new[weighted(rng, &COL_WEIGHTS)] += 1;
    }
    for c in 0..6 {
        let avail = t.new[c] + t.carried[c];
        if avail > 0 && rng.chance(0.25) {
            t.forward[c] = rng.range(0, avail.min(3));
        }
        for _ in 0..avail - t.forward[c] {
            t.leaves[weighted(rng, &LEAF_WEIGHTS)][c] += 1;
        }
    }
    t.review = split4(rng, scale.review);
    let lit = split4(rng, scale.litigation);
    let direct = rng.range(0, scale.litigation);
    for (i, &n) in lit.iter().enumerate() {
        let d = if i == 0 { n.min(direct) } else { n };
        t.litigation[i] = d;
        t.after_review[i] = n - d;
    }
    let dept = level == "department";
    let (pn, pr) = prev_stock;
    let issued = if dept { rng.range(0, 4) } else { u64::from(rng.chance(0.15)) };
    let repealed = rng.range(0, pn[2].min(2));
    t.normative = [issued, repealed, pn[2] + issued - repealed];
    t.rules = [0, 0, pr[2]];
    t.licensing = scale.licensing;
    t.punishment = scale.punishment;
    t.enforcement = scale.enforcement;
    t.fees = if dept && rng.chance(0.3) {
        format!("{}.{:02}", rng.range(0, 20_000), rng.range(1, 99))
    } else {
        "0".into()
    };
    t
}

fn row_json(cells: &[u64; 6]) -> Value {
    json!({
        "natural_person": cells[0], "commercial": cells[1], "research": cells[2],
        "social_welfare": cells[3], "legal_service": cells[4], "other": cells[5],
        "total": Tables::total(cells),
    })
}

fn group_json(g: &[u64; 4]) -> Value {
    json!({ "upheld": g[0], "corrected": g[1], "other": g[2], "pending": g[3], "total": g.iter().sum::<u64>() })
}

/// The tables as nianbao/1 data: `proactive`, `requests`, `appeals`.
pub fn tables_json(t: &Tables) -> (Value, Value, Value) {
    let proactive = json!({
        "rules": { "issued": t.rules[0], "repealed": t.rules[1], "in_force": t.rules[2] },
        "normative_documents": { "issued": t.normative[0], "repealed": t.normative[1], "in_force": t.normative[2] },
        "licensing": t.licensing, "punishment": t.punishment, "enforcement": t.enforcement,
        "fees": t.fees,
    });
    let l = |i: usize| row_json(&t.leaves[i]);
    let requests = json!({
        "new": row_json(&t.new),
        "carried_over": row_json(&t.carried),
        "granted": l(0),
        "partially_granted": l(1),
        "withheld": {
            "state_secret": l(2), "prohibited_by_law": l(3), "three_safeties_one_stability": l(4),
            "third_party_rights": l(5), "internal_affairs": l(6), "process_information": l(7),
            "enforcement_files": l(8), "query_matters": l(9),
        },
        "unable": { "not_held": l(10), "needs_creation": l(11), "unclear": l(12) },
        "not_processed": {
            "complaints": l(13), "duplicate": l(14), "publications": l(15), "excessive": l(16),
            "reconfirmation": l(17),
        },
        "other_handling": { "no_correction": l(18), "unpaid_fee": l(19), "other": l(20) },
        "handled_total": row_json(&t.handled()),
        "carried_forward": row_json(&t.forward),
    });
    let appeals = json!({
        "review": group_json(&t.review),
        "litigation": group_json(&t.litigation),
        "litigation_after_review": group_json(&t.after_review),
    });
    (proactive, requests, appeals)
}
