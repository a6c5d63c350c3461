//! The units of an aggregate: each source loaded and validated (with last year's report of
//! the same organization when one is given), and last year's reports indexed by
//! organization and year so that a county of hundreds of units finds them at once.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::batch::{Source, expand};
use crate::diag::Diagnostic;
use crate::model::Report;

/// What became of a unit's report in the aggregate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitStatus {
    /// Added up.
    Included,
    /// Left out: it has errors (and `--allow-invalid` was not given).
    Invalid,
    /// Left out: it could not be read.
    Unreadable,
    /// Left out: it reports on another year.
    OtherYear,
    /// Left out: another report of the same organization came first.
    Duplicate,
}

impl UnitStatus {
    /// The status in Chinese.
    pub fn label(self) -> &'static str {
        match self {
            UnitStatus::Included => "已汇总",
            UnitStatus::Invalid => "有错误，未汇总",
            UnitStatus::Unreadable => "无法读取，未汇总",
            UnitStatus::OtherYear => "年度不符，未汇总",
            UnitStatus::Duplicate => "重复，未汇总",
        }
    }
}

/// One unit of the aggregate.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The source's name (file, or bundle entry).
    pub name: String,
    /// The report, when it could be read.
    pub report: Option<Report>,
    /// Every finding: reading, validation, the run's copy check and the aggregate's own.
    pub findings: Vec<Diagnostic>,
    /// What became of it.
    pub status: UnitStatus,
}

impl Unit {
    /// The unit's 机关名称, when its report could be read.
    pub fn organization(&self) -> Option<&str> {
        self.report.as_ref().map(|r| r.organization.as_str())
    }

    /// How many defects (errors and warnings, not information) its report has.
    pub fn defects(&self) -> usize {
        self.findings.iter().filter(|d| d.is_defect()).count()
    }
}

/// Last year's reports, by organization and year.
#[derive(Debug, Default)]
pub struct Previous {
    by_unit: HashMap<(String, u16), Report>,
    /// Whether any was asked for (a unit without one then gets a warning).
    pub given: bool,
    /// Last year's reports that could not be read.
    pub unreadable: Vec<Diagnostic>,
}

impl Previous {
    /// No last year's reports.
    pub fn none() -> Self {
        Self::default()
    }

    /// Load last year's reports from files, folders (recursively), globs and bundles.
    pub fn load(inputs: &[String]) -> Result<Self, Box<Diagnostic>> {
        let sources = expand(inputs)?;
        let loaded: Vec<_> = sources.par_iter().map(Source::load).collect();
        let mut out = Previous { given: true, ..Self::default() };
        for l in loaded {
            match l {
                Ok(l) => {
                    let key = (l.report.organization.clone(), l.report.year.0);
                    out.by_unit.entry(key).or_insert(l.report);
                }
                Err(d) => out.unreadable.extend(d),
            }
        }
        Ok(out)
    }

    /// Last year's report of `report`'s organization.
    pub fn find(&self, report: &Report) -> Option<&Report> {
        self.by_unit.get(&(report.organization.clone(), report.year.0.wrapping_sub(1)))
    }

    /// How many reports are indexed.
    pub fn len(&self) -> usize {
        self.by_unit.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.by_unit.is_empty()
    }
}

/// Load and validate one source.
pub fn check(source: &Source, previous: &Previous) -> Unit {
    let loaded = match source.load() {
        Ok(l) => l,
        Err(findings) => {
            return Unit {
                name: source.name.clone(),
                report: None,
                findings,
                status: UnitStatus::Unreadable,
            };
        }
    };
    let report = loaded.report;
    let mut findings = loaded.findings;
    let prev = previous.find(&report);
    if previous.given && prev.is_none() {
        findings.push(
            Diagnostic::warning(
                "R6",
                format!(
                    "上年报告中没有“{}” {} 年度的报告，未做跨年核对",
                    report.organization,
                    report.year.0.saturating_sub(1)
                ),
            )
            .in_file(&source.name),
        );
    }
    findings.extend(crate::check::validate(&report, prev, &source.name));
    Unit { name: source.name.clone(), report: Some(report), findings, status: UnitStatus::Included }
}
