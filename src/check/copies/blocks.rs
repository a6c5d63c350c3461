//! Reading the units' shingle sets for the copy check (S11) a pair of blocks of units at a
//! time, so that verifying candidate pairs takes memory for two blocks, not the whole run.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use super::{Item, UnitText};
use crate::check::similarity::{normalize, own_names, prose_shingles as shingles};

/// A shingle set in half the memory: the high 32 bits of each hash (a set stays sorted).
/// A county's run has a few million distinct shingles; the rare collisions this adds can
/// only merge two shingles' counts.
pub(super) fn compact(set: Vec<u64>) -> Vec<u32> {
    let mut out: Vec<u32> = set.into_iter().map(|h| (h >> 32) as u32).collect();
    out.dedup();
    out
}

/// What [`read_sets`] read: the shingle sets of the wanted paragraphs, and the organization
/// of each unit read.
#[derive(Default)]
pub(super) struct Read {
    pub sets: HashMap<Item, Vec<u32>>,
    pub orgs: HashMap<u32, String>,
}

/// The shingle sets of the `wanted` paragraphs of each unit (unit → paragraph indexes), each
/// unit read once.
pub(super) fn read_sets<F>(wanted: &BTreeMap<u32, HashSet<u32>>, load: &F) -> Read
where
    F: Fn(usize) -> Option<UnitText> + Sync,
{
    wanted
        .par_iter()
        .fold(Read::default, |mut read, (&u, paras)| {
            let Some(unit) = load(u as usize) else { return read };
            let names = own_names(&unit.organization);
            read.sets.extend(paras.iter().filter_map(|&p| {
                let (_, text) = unit.paragraphs.get(p as usize)?;
                Some(((u, p), compact(shingles(&normalize(text, &names).chars))))
            }));
            read.orgs.insert(u, unit.organization);
            read
        })
        .reduce(Read::default, |mut a, b| {
            a.sets.extend(b.sets);
            a.orgs.extend(b.orgs);
            a
        })
}

/// `test` applied to each pair of paragraphs with their shingle sets; a pair of two reports
/// of one organization (two years of a unit, one file twice) is no copy and is skipped. The
/// units are cut into blocks of `per_block`; the pairs are taken a pair of blocks at a time,
/// with only those blocks' paragraphs read, so memory does not grow with the run (units are
/// read again for each pair of blocks instead).
pub(super) fn by_blocks<F, T, R>(
    pairs: &[(Item, Item)],
    per_block: usize,
    load: &F,
    test: T,
) -> Vec<R>
where
    F: Fn(usize) -> Option<UnitText> + Sync,
    T: Fn(&(Item, Item), &[u32], &[u32]) -> Option<R> + Sync,
    R: Send,
{
    let block = |(a, b): &(Item, Item)| {
        let (x, y) = (a.0 as usize / per_block.max(1), b.0 as usize / per_block.max(1));
        (x.min(y), x.max(y))
    };
    let mut pairs: Vec<&(Item, Item)> = pairs.iter().collect();
    pairs.sort_by_key(|p| block(p));
    let mut out = Vec::new();
    for group in pairs.chunk_by(|p, q| block(p) == block(q)) {
        let mut wanted: BTreeMap<u32, HashSet<u32>> = BTreeMap::new();
        for (a, b) in group.iter().copied() {
            wanted.entry(a.0).or_default().insert(a.1);
            wanted.entry(b.0).or_default().insert(b.1);
        }
        let read = read_sets(&wanted, load);
        out.par_extend(group.par_iter().filter_map(|p| {
            if read.orgs.get(&p.0.0)? == read.orgs.get(&p.1.0)? {
                return None;
            }
            test(p, read.sets.get(&p.0)?, read.sets.get(&p.1)?)
        }));
    }
    out
}
