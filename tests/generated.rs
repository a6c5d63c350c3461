//! The generated benchmark corpus (`gen_corpus.rs`): that it is what the README says it is
//! (own sentences per report, 300–3,000 characters, at least 3,000 distinct characters,
//! varied numbers, a third all-zero, every report valid).

use std::collections::{HashMap, HashSet};

use crate::gen_corpus::{self, SEED};

/// How many reports the corpus tests look at.
const N: usize = 1000;

#[test]
fn the_corpus_draws_on_the_3755_gb2312_level_1_characters() {
    let chars = gen_corpus::level1();
    assert_eq!(chars.len(), 3755);
    assert_eq!((chars[0], chars[3754]), ('啊', '座'));
}

#[test]
fn corpus_reports_are_their_own_valid_and_varied() {
    let mut sentences: HashMap<String, usize> = HashMap::new();
    let mut chars = HashSet::new();
    let mut zero = 0;
    let mut lengths = Vec::new();
    let mut totals = HashSet::new();
    for i in 0..N {
        let value = gen_corpus::report(SEED, i);
        assert_eq!(value, gen_corpus::report(SEED, i), "report {i} is not deterministic");
        let text = value.to_string();
        let report = nianbao::input::data::parse(&text, nianbao::input::Format::Json, "gen.json")
            .unwrap_or_else(|d| panic!("report {i} does not load: {d:?}"));
        let findings = nianbao::check::validate(&report, None, "gen.json");
        assert!(findings.is_empty(), "report {i}: {findings:#?}");
        let narrative = gen_corpus::narrative(&value, true);
        let len: usize = narrative.iter().map(|s| s.chars().count()).sum();
        assert!((300..=3000).contains(&len), "report {i} has {len} characters of narrative");
        lengths.push(len);
        chars.extend(narrative.iter().flat_map(|p| p.chars()));
        // Subheadings may repeat between offices (加强组织领导…), sentences never.
        for p in &gen_corpus::narrative(&value, false) {
            for s in p.split_inclusive('。').filter(|s| s.chars().count() > 8) {
                if let Some(j) = sentences.insert(s.to_string(), i)
                    && j != i
                {
                    panic!("reports {j} and {i} share a sentence: {s}");
                }
            }
        }
        let rows = report.requests.rows();
        let all: u64 = rows.iter().flatten().sum();
        let p = &report.proactive;
        if all == 0 && p.licensing.0 == 0 && p.punishment.0 == 0 {
            zero += 1;
        }
        totals.insert(all);
    }
    assert!(chars.len() >= 3000, "only {} distinct characters", chars.len());
    let third = N / 3;
    assert!((third - 60..=third + 60).contains(&zero), "{zero} all-zero reports of {N}");
    assert!(totals.len() > 50, "table 三 totals vary too little: {}", totals.len());
    lengths.sort_unstable();
    let (short, long) = (lengths[N / 10], lengths[N * 9 / 10]);
    assert!(short < 900 && long > 2000, "lengths cluster: 10 % {short}, 90 % {long}");
}
