//! A county's view of many reports (汇总): every unit loaded (any input nianbao reads, via
//! the batch's input expansion) and validated, with last year's reports for the cross-year
//! checks and the whole run for copied text; units with errors, of another year or given
//! twice are listed and left out; the rest are added up into a regional report in the
//! nianbao/1 format, whose narrative comes from a file or is marked 待填写. The result also
//! gives the annex (one row per unit) and the to-do list (every finding of every unit).
//! Nothing here prints.

mod narrative;
mod sum;
mod units;

use std::collections::HashMap;

use rayon::prelude::*;

use crate::batch::Source;
use crate::check::copies::{self, UnitText};
use crate::diag::Diagnostic;
use crate::model::figures::{Figures, percentiles};
use crate::model::{Level, Report, Year};
use crate::output::annex::AnnexRow;
use crate::output::findings::Entry;

pub use narrative::{Narrative, parse_text, placeholder, read as read_narrative};
pub use sum::{add_amounts, tables as sum_tables};
pub use units::{Previous, Unit, UnitStatus, check as check_unit};

/// What the regional report is.
#[derive(Debug, Clone)]
pub struct AggregateOptions {
    /// The region's 机关名称, e.g. 某县人民政府.
    pub organization: String,
    /// The year reported on; units of other years are left out.
    pub year: u16,
    /// The region's level.
    pub level: Option<Level>,
    /// Its text; without one every section is 待填写.
    pub narrative: Option<Narrative>,
    /// Add up units whose reports have errors too.
    pub allow_invalid: bool,
}

/// The outcome: the regional report and every unit.
#[derive(Debug, Clone)]
pub struct Aggregated {
    /// The regional report (tables added up, narrative given or 待填写).
    pub report: Report,
    /// Every unit, in input order.
    pub units: Vec<Unit>,
}

impl Aggregated {
    /// The units added up.
    pub fn included(&self) -> impl Iterator<Item = &Unit> {
        self.units.iter().filter(|u| u.status == UnitStatus::Included)
    }

    /// The annex rows of the units added up, with the percentile of their 实质公开率 among
    /// units of the same level.
    pub fn annex_rows(&self) -> Vec<AnnexRow> {
        let units: Vec<(&Unit, &Report)> =
            self.included().filter_map(|u| Some((u, u.report.as_ref()?))).collect();
        let figures: Vec<Figures> = units.iter().map(|(_, r)| Figures::of(r)).collect();
        let ranked: Vec<(Option<Level>, Option<f64>)> =
            units.iter().zip(&figures).map(|((_, r), f)| (r.level, f.disclosure_rate())).collect();
        let pct = percentiles(&ranked);
        units
            .iter()
            .zip(figures)
            .zip(pct)
            .map(|(((u, r), figures), percentile)| AnnexRow {
                organization: r.organization.clone(),
                level: r.level,
                figures,
                findings: u.defects(),
                percentile,
            })
            .collect()
    }

    /// Every finding of every unit, for the to-do list.
    pub fn entries(&self) -> Vec<Entry<'_>> {
        self.units
            .iter()
            .flat_map(|u| {
                u.findings.iter().map(|finding| Entry { organization: u.organization(), finding })
            })
            .collect()
    }
}

/// Load, check and add up `sources`.
pub fn run(sources: &[Source], previous: &Previous, options: &AggregateOptions) -> Aggregated {
    let mut units: Vec<Unit> = sources.par_iter().map(|s| units::check(s, previous)).collect();

    // Text copied between units of this run.
    let texts: Vec<Option<UnitText>> =
        units.iter().map(|u| u.report.as_ref().map(|r| UnitText::of(r, &u.name))).collect();
    for (u, d) in copies::find_with(texts.len(), |i| texts[i].clone()) {
        units[u].findings.push(d);
    }

    let mut seen: HashMap<String, String> = HashMap::new();
    for unit in &mut units {
        let Some(report) = &unit.report else { continue };
        if report.year.0 != options.year {
            unit.findings.push(
                Diagnostic::error(
                    "aggregate-year",
                    format!(
                        "报告年度是 {} 年，不是汇总的 {} 年度，未汇总",
                        report.year.0, options.year
                    ),
                )
                .in_file(&unit.name)
                .field("year"),
            );
            unit.status = UnitStatus::OtherYear;
        } else if let Some(first) = seen.get(&report.organization) {
            unit.findings.push(
                Diagnostic::error(
                    "aggregate-duplicate",
                    format!("“{}”的报告已由 {first} 汇总，此份未重复汇总", report.organization),
                )
                .in_file(&unit.name)
                .field("organization"),
            );
            unit.status = UnitStatus::Duplicate;
        } else {
            seen.insert(report.organization.clone(), unit.name.clone());
            if !options.allow_invalid && unit.findings.iter().any(Diagnostic::is_error) {
                unit.status = UnitStatus::Invalid;
            }
        }
        crate::check::sort(&mut unit.findings);
    }

    let included: Vec<&Report> = units
        .iter()
        .filter(|u| u.status == UnitStatus::Included)
        .filter_map(|u| u.report.as_ref())
        .collect();
    let (proactive, requests, appeals) = sum::tables(&included);
    let narrative = options.narrative.clone().unwrap_or_default();
    let report = Report {
        schema: Some("nianbao/1".into()),
        organization: options.organization.clone(),
        year: Year(options.year),
        title: narrative.title,
        level: options.level,
        preface: narrative.preface,
        overview: narrative.overview.unwrap_or_else(|| placeholder(0)),
        proactive,
        requests,
        appeals,
        problems: narrative.problems.unwrap_or_else(|| placeholder(4)),
        other_matters: narrative.other_matters.unwrap_or_else(|| placeholder(5)),
        signature: narrative.signature,
        imported: None,
        invalid_cells: Vec::new(),
    };
    Aggregated { report, units }
}
