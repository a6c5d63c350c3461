//! Spreadsheet benchmark: a county-wide sheet of N units (different names and levels,
//! random numbers that satisfy the form's arithmetic, a third of them all-zero like most
//! townships), written, read back whole, and read row by row as `batch` does (each row a
//! source of its own); and the fill-in workbook of a full sample, written and read.
//!
//! Run: `cargo bench --bench sheet` (N = 1000), or `NIANBAO_BENCH_N=5000 cargo bench --bench sheet`.

use std::time::{Duration, Instant};

use nianbao::input::sheet::{self, Field};
use nianbao::model::{ApplicantRow, Level, Report};
use nianbao::output::workbook;

/// A small deterministic PRNG (xorshift64*), so every run benchmarks the same sheet.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const PLACES: [&str; 12] = [
    "东河", "西山", "南湖", "北岭", "青石", "白沙", "红岩", "金竹", "桃源", "柳溪", "松林", "梅岭",
];
const KINDS: [(&str, Level); 6] = [
    ("镇人民政府", Level::Township),
    ("乡人民政府", Level::Township),
    ("街道办事处", Level::Township),
    ("县教育局", Level::Department),
    ("县财政局", Level::Department),
    ("县自然资源局", Level::Department),
];

fn unit(i: usize, rng: &mut Rng, base: &Report) -> Report {
    let (kind, level) = KINDS[rng.below(6) as usize];
    let mut r = workbook::next_year(base);
    r.organization = format!("{}{}{kind}", PLACES[rng.below(12) as usize], i);
    r.year = nianbao::model::Year(2024);
    r.level = Some(level);
    (r.preface, r.overview, r.problems, r.other_matters) = (vec![], vec![], vec![], vec![]);
    if !i.is_multiple_of(3) {
        for f in Field::all().into_iter().filter(|f| !f.is_total() && *f != Field::Fees) {
            if matches!(f, Field::T3(..)) {
                continue;
            }
            f.set_count(&mut r, if rng.below(3) == 0 { rng.below(40) } else { 0 });
        }
        for leaf in r.requests.leaves_mut() {
            let p: [u64; 6] =
                std::array::from_fn(|_| if rng.below(3) == 0 { rng.below(6) } else { 0 });
            *leaf = ApplicantRow::from_parts(p, None);
        }
        let handled = sheet::fields::leaf_sums(&r);
        let forward: [u64; 6] = std::array::from_fn(|_| rng.below(3));
        let carried: [u64; 6] = std::array::from_fn(|c| rng.below(3).min(handled[c] + forward[c]));
        let new: [u64; 6] = std::array::from_fn(|c| handled[c] + forward[c] - carried[c]);
        r.requests.new = ApplicantRow::from_parts(new, None);
        r.requests.carried_over = ApplicantRow::from_parts(carried, None);
        r.requests.carried_forward = ApplicantRow::from_parts(forward, None);
        r.proactive.fees =
            nianbao::model::Amount(format!("{}.{:02}", rng.below(900), rng.below(100)));
    } else {
        r.requests = Default::default();
    }
    r
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let n: usize =
        std::env::var("NIANBAO_BENCH_N").ok().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let base = nianbao::input::load(&root.join("samples/county-department.json")).unwrap().report;
    let mut rng = Rng(0x5EED_1234);
    let units: Vec<Report> = (0..n).map(|i| unit(i, &mut rng, &base)).collect();

    let t = Instant::now();
    let bytes = workbook::county(&units).unwrap();
    let write = t.elapsed();
    let t = Instant::now();
    let rows = match sheet::read(&bytes, "汇总表.xlsx").unwrap() {
        sheet::Workbook::County(rows) => rows,
        _ => unreachable!("a county sheet"),
    };
    let read = t.elapsed();
    assert_eq!(rows.len(), n);
    let t = Instant::now();
    let mut findings = 0;
    for row in &rows {
        let loaded = nianbao::input::load_row(&bytes, "汇总表.xlsx", row.row, None).unwrap();
        let found = nianbao::check::validate(&loaded.report, None, "汇总表.xlsx");
        findings += found.iter().filter(|d| d.is_error()).count();
    }
    let by_row = t.elapsed();
    assert_eq!(findings, 0, "the generated units satisfy the form's arithmetic (no errors)");
    println!(
        "county sheet, {n} units ({} KB): write {:.0} ms, read {:.0} ms, every row loaded and validated as batch does {:.0} ms",
        bytes.len() / 1024,
        write.as_secs_f64() * 1e3,
        read.as_secs_f64() * 1e3,
        by_row.as_secs_f64() * 1e3
    );

    let (mut w, mut r) = (Vec::new(), Vec::new());
    for _ in 0..21 {
        let t = Instant::now();
        let b = workbook::fill_in(Some(&base)).unwrap();
        w.push(t.elapsed());
        let t = Instant::now();
        let back = nianbao::input::load_bytes(&b, "x.xlsx".as_ref(), "x.xlsx").unwrap();
        r.push(t.elapsed());
        assert_eq!(back.report.requests.rows(), base.requests.rows());
    }
    println!(
        "fill-in workbook (county-department sample): write {:.1} ms, read {:.1} ms (median of 21)",
        median(w).as_secs_f64() * 1e3,
        median(r).as_secs_f64() * 1e3
    );
}
