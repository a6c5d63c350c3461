//! A deterministic generator of a county's units for the tests and the benchmark: each unit
//! a realistic report with consistent tables (R1–R4 hold), last year's report (R6 and the
//! stock flow hold, no jumps), and its own narrative, composed sentence by sentence from
//! large word lists with the unit's own villages, projects, people and numbers (so units
//! share phrases, as real ones do, but not paragraphs). Defects are injected on request.
//!
//! Files: `words.rs` (word lists and names), `tables.rs` (consistent tables and their
//! JSON), `text.rs` (the narrative), `units.rs` (units, defects, counties).

#![allow(dead_code)]

mod tables;
mod text;
mod units;
mod words;

pub use tables::*;
pub use text::*;
pub use units::*;
pub use words::*;

/// A small deterministic random generator (splitmix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5851_f42d_4c95_7f2d)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() % 10_000) as f64 / 10_000.0 < p
    }
    /// `k` distinct items of `xs`, in a random order.
    pub fn some<'a, T>(&mut self, xs: &'a [T], k: usize) -> Vec<&'a T> {
        let mut idx: Vec<usize> = (0..xs.len()).collect();
        for i in (1..idx.len()).rev() {
            idx.swap(i, self.below(i as u64 + 1) as usize);
        }
        idx.into_iter().take(k).map(|i| &xs[i]).collect()
    }
}
