//! Spreadsheets as data: every sample and generated reports survive data → workbook → read;
//! the county-wide sheet does the same row by row; next year's workbook starts from this
//! year's carry-over; `render`, `validate` and `batch` take the workbooks.

use std::path::Path;

use nianbao::input::sheet::{self, canonical};
use nianbao::model::{ApplicantRow, Count, Date, Level, Paragraph, Report, Signature};
use nianbao::output::workbook;
use proptest::prelude::*;

use crate::common::*;

/// Read a workbook's bytes as a report (`name` gives the kind by its extension).
pub fn read(bytes: &[u8], name: &str) -> Result<Report, Vec<nianbao::Diagnostic>> {
    nianbao::input::load_bytes(bytes, Path::new(name), name).map(|l| l.report)
}

/// The round trip must give the report back as a spreadsheet holds it; and, whatever
/// canonical form is used, every number printed on the form must be the same.
pub fn assert_same(read: &Report, original: &Report) {
    assert_eq!(read.requests.rows(), original.requests.rows());
    for (a, b) in [
        (&read.appeals.review, &original.appeals.review),
        (&read.appeals.litigation, &original.appeals.litigation),
        (&read.appeals.litigation_after_review, &original.appeals.litigation_after_review),
    ] {
        assert_eq!(a.cells(), b.cells());
    }
    assert_eq!(*read, canonical(original));
}

#[test]
fn every_sample_round_trips_through_the_workbook() {
    for path in samples() {
        let report = nianbao::input::load(&path).unwrap().report;
        let bytes = workbook::fill_in(Some(&report)).unwrap();
        let back = read(&bytes, "x.xlsx").unwrap_or_else(|d| panic!("{}: {d:#?}", path.display()));
        assert_same(&back, &report);
        // The samples give every total, consistent: all are formulas in the workbook.
        assert!(back.requests.new.total.is_none() && back.requests.handled_total.is_none());
    }
}

/// A small deterministic generator (xorshift), so failures reproduce from the seed.
struct Gen(u64, bool);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
    fn count(&mut self) -> u64 {
        match self.below(10) {
            0..=4 => 0,
            5..=8 => self.below(300),
            // Large, but every total the form prints (up to 21 rows × 6 columns of these)
            // stays within a count's range (999,999,999), as a real report's does.
            _ => self.below(5_000_000),
        }
    }
    /// Text as offices write it, with the odd hostile piece in it.
    fn text(&mut self) -> String {
        const WORDS: &[&str] = &[
            "全年主动公开政府信息",
            "依申请公开",
            "按时答复",
            "𬇙垟乡",
            "“三安全一稳定”",
            "=SUM(A1:A9)",
            "+86 0571",
            "_x0041_",
            "<b>&amp;</b>",
            "1.50",
            "0012",
            "e\u{301}",
            "😀",
            "\u{202e}RTL",
            "tab\there",
            "line\nbreak",
            "  两端空格  ",
            "'单引号",
            "\u{1}控制符",
            "2024年",
            "。",
        ];
        let n = 1 + self.below(6);
        let mut s: String = (0..n).map(|_| self.pick(WORDS)).collect();
        // One paragraph longer than a spreadsheet cell holds, now and then.
        if !self.1 && self.chance(3) {
            self.1 = true;
            s.push_str(&"长".repeat(33_000 + self.below(5_000) as usize));
        }
        s
    }
    fn heading(&mut self) -> String {
        self.pick(&[
            "主动公开方面",
            "（二）依申请公开",
            "加强组织领导，明确工作职责。",
            "1.制度建设",
            "深化=公开",
        ])
        .to_string()
    }
    fn paragraphs(&mut self, depth: u32) -> Vec<Paragraph> {
        (0..self.below(4))
            .map(|_| match self.below(if depth < 2 { 3 } else { 2 }) {
                0 => Paragraph::Text(self.text()),
                1 => Paragraph::RunIn { heading: self.heading(), text: self.text() },
                _ => Paragraph::Section {
                    heading: self.heading(),
                    paragraphs: self.paragraphs(depth + 1),
                },
            })
            .collect()
    }
    fn row(&mut self) -> ApplicantRow {
        let parts: [u64; 6] = std::array::from_fn(|_| self.count());
        let sum: u64 = parts.iter().sum();
        let total = match self.below(10) {
            0..=4 => None,
            5..=7 => Some(sum),
            _ => Some(self.below(1000)),
        };
        ApplicantRow::from_parts(parts, total)
    }
}

/// A report with random numbers, totals given or not (and right or wrong), nested narrative
/// and hostile text.
fn generated(seed: u64) -> Report {
    let mut g = Gen(seed | 1, false);
    let mut r = sample("county-department.json");
    r.schema = g.chance(50).then(|| "nianbao/1".to_string());
    r.organization =
        format!("{}人民政府", g.pick(&["蔡家堡乡", "平阳县𬇙垟乡", "临江县自然资源和规划局"]));
    r.year = nianbao::model::Year(1990 + g.below(1000) as u16);
    r.level = [None, Some(Level::Township), Some(Level::Ministry), Some(Level::County)]
        [g.below(4) as usize];
    r.title =
        g.chance(50).then(|| format!("{}{}年政府信息公开工作年度报告", r.organization, r.year.0));
    r.signature = g.chance(50).then(|| Signature {
        organization: r.organization.clone(),
        date: Date { year: 2025, month: 1 + g.below(12) as u8, day: 1 + g.below(28) as u8 },
    });
    r.preface = g.paragraphs(0);
    r.overview = g.paragraphs(0);
    r.problems = g.paragraphs(0);
    r.other_matters = g.paragraphs(0);
    for f in sheet::Field::all() {
        if !f.is_total() && f != sheet::Field::Fees {
            f.set_count(&mut r, g.count());
        }
    }
    for i in (0..25).filter(|&i| i != 23) {
        let row = g.row();
        *sheet::fields::t3_row_mut(&mut r, i) = row;
    }
    r.requests.handled_total = match g.below(5) {
        0 => Some(ApplicantRow::from_parts(sheet::fields::leaf_sums(&r), None)),
        1 => Some(g.row()),
        _ => None,
    };
    for a in
        [&mut r.appeals.review, &mut r.appeals.litigation, &mut r.appeals.litigation_after_review]
    {
        let sum = a.upheld.0 + a.corrected.0 + a.other.0 + a.pending.0;
        a.total = [None, Some(Count(sum)), Some(Count(sum + 1))][g.below(3) as usize];
    }
    let fee = ["0", "18651.06", "1.50", "5949.088667", "24252.311082", "0.0", "123456789012345"];
    r.proactive.fees = nianbao::model::Amount(g.pick(&fee).to_string());
    r
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn generated_reports_round_trip(seed in any::<u64>()) {
        let report = generated(seed);
        let bytes = workbook::fill_in(Some(&report)).unwrap();
        let back = read(&bytes, "g.xlsx").unwrap_or_else(|d| panic!("{d:#?}"));
        assert_same(&back, &report);
        // The same through the county-wide sheet: the tables of each row.
        let sheet = workbook::county(std::slice::from_ref(&report)).unwrap();
        let rows = match sheet::read(&sheet, "c.xlsx").unwrap() {
            sheet::Workbook::County(rows) => rows,
            _ => panic!("not a county sheet"),
        };
        let mut tables = canonical(&report);
        (tables.schema, tables.title, tables.signature) = (None, None, None);
        (tables.preface, tables.overview, tables.problems, tables.other_matters) =
            (vec![], vec![], vec![], vec![]);
        let row = rows[0].report.as_ref().unwrap();
        prop_assert_eq!(row, &tables);
    }
}

#[test]
fn bad_cells_of_the_data_go_into_the_workbook_as_written_and_come_back_with_their_cell() {
    let mut v = sample_json("county-department.json");
    v["requests"]["withheld"]["third_party_rights"]["natural_person"] = "/".into();
    v["requests"]["new"]["research"] = serde_json::json!(-2);
    v["proactive"]["fees"] = "无".into();
    let report =
        nianbao::input::data::parse(&v.to_string(), nianbao::input::Format::Json, "b.json")
            .unwrap();
    let bytes = workbook::fill_in(Some(&report)).unwrap();
    let back = read(&bytes, "b.xlsx").unwrap();
    let cells: Vec<(&str, &str, Option<&str>)> = back
        .invalid_cells
        .iter()
        .map(|c| (c.path.as_str(), c.raw.as_str(), c.origin.as_deref()))
        .collect();
    assert_eq!(
        cells,
        [
            ("proactive.fees", "无", Some("表二!B15")),
            ("requests.new.research", "-2", Some("表三!F5")),
            ("requests.withheld.third_party_rights.natural_person", "/", Some("表三!D12")),
        ]
    );
    let findings = nianbao::check::validate(&back, None, "b.xlsx");
    let r5 = findings.iter().find(|d| d.location.origin.as_deref() == Some("表三!D12")).unwrap();
    assert_eq!(r5.code, "R5");
    let text = r5.to_string();
    assert!(text.contains("原文位置: 表三!D12"), "{text}");
    assert!(text.contains("表三“（三）不予公开 · 4.保护第三方合法权益”行“自然人”列"), "{text}");
}

#[test]
fn next_year_carries_forward_and_clears_the_counts() {
    let this = sample("county-department.json");
    let next = workbook::next_year(&this);
    assert_eq!(next.year.0, this.year.0 + 1);
    assert_eq!(next.requests.carried_over.cells(), this.requests.rows()[24]);
    assert_eq!(next.overview, this.overview);
    assert!(next.requests.new.cells().iter().all(|&c| c == 0));
    assert_eq!(next.proactive, Default::default());
    let findings = nianbao::check::validate(&next, Some(&this), "next.xlsx");
    assert!(!findings.iter().any(|d| d.code == "R6"), "{findings:#?}");
    // And through the command and the workbook it writes.
    let dir = tempdir("next-year");
    let out = dir.join("2025.xlsx");
    let data = root().join("samples/county-department.json");
    let o = nianbao(&[
        "workbook",
        "--from",
        data.to_str().unwrap(),
        "--next-year",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let back = nianbao::input::load(&out).unwrap().report;
    assert_eq!(back, canonical(&next));
    let o = nianbao(&["validate", out.to_str().unwrap(), "--previous", data.to_str().unwrap()]);
    assert!(!stderr(&o).contains("[R6]"), "{}", stderr(&o));
}
