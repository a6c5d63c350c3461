//! Batch benchmark: generates N varied, valid reports (different organizations, text
//! lengths and numbers; about a third all-zero, like most townships), renders them with
//! one `nianbao batch` process, and reports documents per second and peak RSS; then what
//! tagging costs (the same batch with `--no-pdf-tags`: speed and size), the HTML and DOCX
//! outputs alone, and the cold start of single `nianbao render` processes.
//!
//! Run: `cargo bench --bench batch` (N = 1000), or `NIANBAO_BENCH_N=10000 cargo bench --bench batch`.
//! `NIANBAO_BENCH_KEEP=1` keeps the generated reports and outputs (for profiling).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// A small deterministic PRNG (xorshift64*), so every run benchmarks the same reports.
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
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const PLACES: [&str; 12] = [
    "东河", "西山", "南湖", "北岭", "青石", "白沙", "红岩", "金竹", "桃源", "柳溪", "松林", "梅岭",
];
const KINDS: [&str; 6] =
    ["镇人民政府", "乡人民政府", "街道办事处", "县教育局", "县财政局", "县自然资源局"];
const PHRASES: [&str; 8] = [
    "坚持以公开为常态、不公开为例外，",
    "围绕群众关注的热点难点问题，",
    "及时公开惠民政策和资金发放情况，",
    "严格执行信息发布保密审查制度，",
    "通过政府门户网站和政务新媒体同步发布，",
    "加强政策解读和回应关切，",
    "规范依申请公开办理流程，",
    "将政务公开纳入年度考核。",
];

fn sentence(rng: &mut Rng) -> String {
    let n = 2 + rng.below(6);
    let mut s: String = (0..n).map(|_| rng.pick(&PHRASES)).collect();
    s.push_str("全年主动公开政府信息");
    s.push_str(&(50 + rng.below(900)).to_string());
    s.push_str("条。");
    s
}

fn report(i: usize, rng: &mut Rng) -> serde_json::Value {
    let org = format!("{}{}{}", rng.pick(&PLACES), i, rng.pick(&KINDS));
    let paragraphs = 1 + rng.below(12) as usize;
    let overview: Vec<serde_json::Value> = (0..paragraphs)
        .map(|k| {
            serde_json::json!({ "heading": format!("第{}方面工作。", k + 1), "text": sentence(rng) })
        })
        .collect();
    let zero = i.is_multiple_of(3);
    let mut leaves = vec![[0u64; 6]; 21];
    if !zero {
        for l in &mut leaves {
            for c in l.iter_mut() {
                *c = if rng.below(3) == 0 { rng.below(6) } else { 0 };
            }
        }
    }
    let handled: Vec<u64> = (0..6).map(|c| leaves.iter().map(|l| l[c]).sum()).collect();
    let forward: Vec<u64> = (0..6).map(|_| if zero { 0 } else { rng.below(3) }).collect();
    let carried: Vec<u64> = (0..6).map(|c| rng.below(3).min(handled[c] + forward[c])).collect();
    let new: Vec<u64> = (0..6).map(|c| handled[c] + forward[c] - carried[c]).collect();
    let cols =
        ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other"];
    let row = |v: &[u64]| -> serde_json::Value {
        cols.iter().zip(v).map(|(k, n)| ((*k).to_string(), serde_json::json!(n))).collect()
    };
    let keys = [
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
    let mut requests = serde_json::json!({
        "new": row(&new), "carried_over": row(&carried), "carried_forward": row(&forward)
    });
    for (key, l) in keys.iter().zip(&leaves) {
        match key.split_once('.') {
            None => requests[*key] = row(l),
            Some((g, k)) => {
                if requests.get(g).is_none() {
                    requests[g] = serde_json::json!({});
                }
                requests[g][k] = row(l);
            }
        }
    }
    let n = |rng: &mut Rng| if zero { 0 } else { rng.below(40) };
    serde_json::json!({
        "organization": org,
        "year": 2024,
        "level": "township",
        "overview": overview,
        "proactive": {
            "normative_documents": { "issued": n(rng) % 4, "repealed": 0, "in_force": 4 + n(rng) },
            "licensing": n(rng), "punishment": n(rng), "enforcement": n(rng) % 3, "fees": "0"
        },
        "requests": requests,
        "appeals": { "review": { "upheld": n(rng) % 2, "pending": n(rng) % 2 } },
        "problems": [sentence(rng)],
        "other_matters": ["本年度未收取信息处理费。"]
    })
}

fn generate(dir: &Path, count: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..count {
        let path = dir.join(format!("r{i:05}.json"));
        std::fs::write(path, report(i, &mut rng).to_string()).unwrap();
    }
}

fn main() {
    // `cargo bench` passes `--bench`; under `cargo test` (no flag) there is nothing to do.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_nianbao"));
    let n: usize =
        std::env::var("NIANBAO_BENCH_N").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let work = std::env::temp_dir().join(format!("nianbao-bench-{}", std::process::id()));
    let input = work.join("in");
    generate(&input, n);
    let summary = work.join("summary.json");

    // One batch: (reports, wall seconds, reports/s inside, peak RSS MB, mean output KB).
    let batch = |out: &str, extra: &[&str]| {
        let start = Instant::now();
        let status = Command::new(&exe)
            .args(["batch", input.to_str().unwrap(), "-o", work.join(out).to_str().unwrap()])
            .args(["--name", "{stem}.pdf", "--quiet", "--force", "--ignore-system-fonts"])
            .args(["--summary", summary.to_str().unwrap()])
            .args(extra)
            .status()
            .expect("run nianbao batch");
        let wall = start.elapsed().as_secs_f64();
        assert!(status.success(), "batch failed");
        let s: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
        let rendered = s["rendered"].as_u64().unwrap_or(0);
        let bytes: u64 = s["reports"]
            .as_array()
            .map(|r| r.iter().filter_map(|r| r["bytes"].as_u64()).sum())
            .unwrap_or(0);
        (
            rendered,
            wall,
            s["reports_per_second"].as_f64().unwrap_or(0.0),
            s["peak_rss_bytes"].as_u64().unwrap_or(0) as f64 / 1024.0 / 1024.0,
            bytes as f64 / rendered.max(1) as f64 / 1024.0,
        )
    };
    let (rendered, wall, rate, rss, size) = batch("out", &[]);
    println!(
        "batch: {rendered} reports in {wall:.2} s (process wall time) = {:.1} reports/s",
        rendered as f64 / wall
    );
    println!(
        "batch: {rate:.1} reports/s inside the batch, peak RSS {rss:.0} MB, {size:.0} KB a PDF (tagged)"
    );
    let (_, _, plain_rate, plain_rss, plain_size) = batch("untagged", &["--no-pdf-tags"]);
    println!(
        "batch --no-pdf-tags: {plain_rate:.1} reports/s, peak RSS {plain_rss:.0} MB, {plain_size:.0} KB a PDF; \
         tagging costs {:.0} % of the speed and {:.0} % more bytes",
        (1.0 - rate / plain_rate) * 100.0,
        (size / plain_size - 1.0) * 100.0
    );
    let (_, _, html_rate, _, html_size) = batch("html", &["--format", "html,docx"]);
    println!(
        "batch --format html,docx: {html_rate:.1} reports/s, {html_size:.0} KB for both files"
    );

    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/seed.json");
    let mut times = Vec::new();
    for i in 0..11 {
        let out = work.join(format!("single-{i}.pdf"));
        let t = Instant::now();
        let status = Command::new(&exe)
            .args([
                "render",
                seed.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "--ignore-system-fonts",
            ])
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(status.success());
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "render: cold single-report process, median of 11: {:.0} ms (min {:.0}, max {:.0})",
        times[5], times[0], times[10]
    );
    if std::env::var_os("NIANBAO_BENCH_KEEP").is_some() {
        println!("kept: {}", work.display());
    } else {
        let _ = std::fs::remove_dir_all(&work);
    }
}
