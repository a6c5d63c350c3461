//! The key figures of a report as a county office and evaluators read them: the counts of
//! table 三 and 四 that the annex lists, and the rates supervisors rank units by
//! (实质公开率, 复议纠错率, 诉讼纠错率). Figures of many units add up.

use serde::Serialize;

use super::Report;

/// The key counts of one report (or of several, added up).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// 一、本年新收政府信息公开申请数量, 总计.
    pub new: u64,
    /// 二、上年结转政府信息公开申请数量, 总计.
    pub carried_over: u64,
    /// （一）予以公开, 总计.
    pub granted: u64,
    /// （二）部分公开, 总计.
    pub partially_granted: u64,
    /// （三）不予公开, the eight rows' 总计 added up.
    pub withheld: u64,
    /// （七）总计, 总计: the applications handled (办结).
    pub handled: u64,
    /// 四、结转下年度继续办理, 总计.
    pub carried_forward: u64,
    /// 行政复议, 总计.
    pub review: u64,
    /// 行政复议, 结果纠正.
    pub review_corrected: u64,
    /// 行政复议, 尚未审结.
    pub review_pending: u64,
    /// 行政诉讼 (未经复议直接起诉 and 复议后起诉), 总计.
    pub litigation: u64,
    /// 行政诉讼, 结果纠正.
    pub litigation_corrected: u64,
    /// 行政诉讼, 尚未审结.
    pub litigation_pending: u64,
}

impl Figures {
    /// The figures of a report, as printed (given totals, else computed).
    pub fn of(report: &Report) -> Self {
        let rows = report.requests.rows();
        let a = &report.appeals;
        let (l, r) = (a.litigation.cells(), a.litigation_after_review.cells());
        let review = a.review.cells();
        Figures {
            new: rows[0][6],
            carried_over: rows[1][6],
            granted: rows[2][6],
            partially_granted: rows[3][6],
            withheld: rows[4..12].iter().map(|r| r[6]).sum(),
            handled: rows[23][6],
            carried_forward: rows[24][6],
            review: review[4],
            review_corrected: review[1],
            review_pending: review[3],
            litigation: l[4] + r[4],
            litigation_corrected: l[1] + r[1],
            litigation_pending: l[3] + r[3],
        }
    }

    /// Add another unit's figures.
    pub fn add(&mut self, o: &Figures) {
        self.new += o.new;
        self.carried_over += o.carried_over;
        self.granted += o.granted;
        self.partially_granted += o.partially_granted;
        self.withheld += o.withheld;
        self.handled += o.handled;
        self.carried_forward += o.carried_forward;
        self.review += o.review;
        self.review_corrected += o.review_corrected;
        self.review_pending += o.review_pending;
        self.litigation += o.litigation;
        self.litigation_corrected += o.litigation_corrected;
        self.litigation_pending += o.litigation_pending;
    }

    /// 实质公开率 = (予以公开 + 部分公开) / 办结 ((七)总计); `None` when nothing was handled.
    pub fn disclosure_rate(&self) -> Option<f64> {
        ratio(self.granted + self.partially_granted, self.handled)
    }

    /// 复议纠错率 = 结果纠正 / 已审结 (总计 − 尚未审结); `None` when none was concluded.
    pub fn review_correction_rate(&self) -> Option<f64> {
        ratio(self.review_corrected, self.review.saturating_sub(self.review_pending))
    }

    /// 诉讼纠错率 = 结果纠正 / 已审结, over both litigation groups.
    pub fn litigation_correction_rate(&self) -> Option<f64> {
        ratio(self.litigation_corrected, self.litigation.saturating_sub(self.litigation_pending))
    }
}

fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Percentile ranks of `values` within their groups (e.g. units of the same level): for
/// each value, the share of its group's values below it plus half the share equal to it,
/// in percent (the mid-rank definition: the median unit is at 50). `None` values (no rate)
/// get no rank and do not count.
pub fn percentiles<G: PartialEq>(values: &[(G, Option<f64>)]) -> Vec<Option<f64>> {
    values
        .iter()
        .map(|(group, v)| {
            let v = (*v)?;
            let peers: Vec<f64> =
                values.iter().filter(|(g, _)| g == group).filter_map(|(_, p)| *p).collect();
            let below = peers.iter().filter(|&&p| p < v).count() as f64;
            let equal = peers.iter().filter(|&&p| p == v).count() as f64;
            Some(100.0 * (below + equal / 2.0) / peers.len() as f64)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_and_percentiles() {
        let f = Figures {
            granted: 6,
            partially_granted: 2,
            handled: 10,
            review: 5,
            review_corrected: 1,
            review_pending: 1,
            ..Default::default()
        };
        assert_eq!(f.disclosure_rate(), Some(0.8));
        assert_eq!(f.review_correction_rate(), Some(0.25));
        assert_eq!(f.litigation_correction_rate(), None);
        let p = percentiles(&[("a", Some(0.5)), ("a", Some(0.9)), ("b", Some(0.1)), ("a", None)]);
        assert_eq!(p, [Some(25.0), Some(75.0), Some(50.0), None]);
    }
}
