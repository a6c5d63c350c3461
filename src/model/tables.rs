//! The three tables of the form as data: 二 (`Proactive`), 三 (`Requests`, 25 rows over the
//! applicant columns) and 四 (`Appeals`), with the totals as printed.

use serde::{Deserialize, Serialize};

use super::cells::{Amount, Count};

/// 本年制发件数 / 本年废止件数 / 现行有效件数.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Stock {
    /// 本年制发件数.
    pub issued: Count,
    /// 本年废止件数.
    pub repealed: Count,
    /// 现行有效件数.
    pub in_force: Count,
    /// Why 现行有效 does not follow from last year's figure (e.g. it was counted anew after a
    /// 清理). Not printed on the form; with it, the stock check (S1) reports the break as
    /// information instead of a warning.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// 二、主动公开政府信息情况.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Proactive {
    /// 第二十条第（一）项 · 规章.
    pub rules: Stock,
    /// 第二十条第（一）项 · 行政规范性文件.
    pub normative_documents: Stock,
    /// 第二十条第（五）项 · 行政许可.
    pub licensing: Count,
    /// 第二十条第（六）项 · 行政处罚.
    pub punishment: Count,
    /// 第二十条第（六）项 · 行政强制.
    pub enforcement: Count,
    /// 第二十条第（八）项 · 行政事业性收费 (万元).
    pub fees: Amount,
}

/// One row of table 三 over the applicant columns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ApplicantRow {
    /// 自然人.
    pub natural_person: Count,
    /// 商业企业.
    pub commercial: Count,
    /// 科研机构.
    pub research: Count,
    /// 社会公益组织.
    pub social_welfare: Count,
    /// 法律服务机构.
    pub legal_service: Count,
    /// 其他.
    pub other: Count,
    /// 总计, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<Count>,
}

impl ApplicantRow {
    /// The six applicant columns, in the form's order.
    pub fn parts(&self) -> [u64; 6] {
        [
            self.natural_person.0,
            self.commercial.0,
            self.research.0,
            self.social_welfare.0,
            self.legal_service.0,
            self.other.0,
        ]
    }

    /// The seven cells as printed: the six parts and 总计 (given, or their sum).
    pub fn cells(&self) -> [u64; 7] {
        let p = self.parts();
        let total = self.total.map_or_else(|| p.iter().sum(), |t| t.0);
        [p[0], p[1], p[2], p[3], p[4], p[5], total]
    }

    /// A row from its six parts, in the form's order, and 总计 if given.
    pub fn from_parts(p: [u64; 6], total: Option<u64>) -> Self {
        ApplicantRow {
            natural_person: Count(p[0]),
            commercial: Count(p[1]),
            research: Count(p[2]),
            social_welfare: Count(p[3]),
            legal_service: Count(p[4]),
            other: Count(p[5]),
            total: total.map(Count),
        }
    }
}

/// （三）不予公开.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Withheld {
    /// 1.属于国家秘密.
    pub state_secret: ApplicantRow,
    /// 2.其他法律行政法规禁止公开.
    pub prohibited_by_law: ApplicantRow,
    /// 3.危及“三安全一稳定”.
    pub three_safeties_one_stability: ApplicantRow,
    /// 4.保护第三方合法权益.
    pub third_party_rights: ApplicantRow,
    /// 5.属于三类内部事务信息.
    pub internal_affairs: ApplicantRow,
    /// 6.属于四类过程性信息.
    pub process_information: ApplicantRow,
    /// 7.属于行政执法案卷.
    pub enforcement_files: ApplicantRow,
    /// 8.属于行政查询事项.
    pub query_matters: ApplicantRow,
}

/// （四）无法提供.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Unable {
    /// 1.本机关不掌握相关政府信息.
    pub not_held: ApplicantRow,
    /// 2.没有现成信息需要另行制作.
    pub needs_creation: ApplicantRow,
    /// 3.补正后申请内容仍不明确.
    pub unclear: ApplicantRow,
}

/// （五）不予处理.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct NotProcessed {
    /// 1.信访举报投诉类申请.
    pub complaints: ApplicantRow,
    /// 2.重复申请.
    pub duplicate: ApplicantRow,
    /// 3.要求提供公开出版物.
    pub publications: ApplicantRow,
    /// 4.无正当理由大量反复申请.
    pub excessive: ApplicantRow,
    /// 5.要求行政机关确认或重新出具已获取信息.
    pub reconfirmation: ApplicantRow,
}

/// （六）其他处理.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct OtherHandling {
    /// 1.申请人无正当理由逾期不补正….
    pub no_correction: ApplicantRow,
    /// 2.申请人逾期未按收费通知要求缴纳费用….
    pub unpaid_fee: ApplicantRow,
    /// 3.其他.
    pub other: ApplicantRow,
}

/// 三、收到和处理政府信息公开申请情况.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Requests {
    /// 一、本年新收政府信息公开申请数量.
    pub new: ApplicantRow,
    /// 二、上年结转政府信息公开申请数量.
    pub carried_over: ApplicantRow,
    /// （一）予以公开.
    pub granted: ApplicantRow,
    /// （二）部分公开.
    pub partially_granted: ApplicantRow,
    /// （三）不予公开.
    pub withheld: Withheld,
    /// （四）无法提供.
    pub unable: Unable,
    /// （五）不予处理.
    pub not_processed: NotProcessed,
    /// （六）其他处理.
    pub other_handling: OtherHandling,
    /// （七）总计, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handled_total: Option<ApplicantRow>,
    /// 四、结转下年度继续办理.
    pub carried_forward: ApplicantRow,
}

impl Requests {
    /// The 21 leaf result rows （一）…（六）, in the form's order.
    pub fn leaves(&self) -> [&ApplicantRow; 21] {
        let (w, u, n, o) =
            (&self.withheld, &self.unable, &self.not_processed, &self.other_handling);
        [
            &self.granted,
            &self.partially_granted,
            &w.state_secret,
            &w.prohibited_by_law,
            &w.three_safeties_one_stability,
            &w.third_party_rights,
            &w.internal_affairs,
            &w.process_information,
            &w.enforcement_files,
            &w.query_matters,
            &u.not_held,
            &u.needs_creation,
            &u.unclear,
            &n.complaints,
            &n.duplicate,
            &n.publications,
            &n.excessive,
            &n.reconfirmation,
            &o.no_correction,
            &o.unpaid_fee,
            &o.other,
        ]
    }

    /// The 21 leaf result rows, mutable, in the form's order.
    pub fn leaves_mut(&mut self) -> [&mut ApplicantRow; 21] {
        let (w, u, n, o) = (
            &mut self.withheld,
            &mut self.unable,
            &mut self.not_processed,
            &mut self.other_handling,
        );
        [
            &mut self.granted,
            &mut self.partially_granted,
            &mut w.state_secret,
            &mut w.prohibited_by_law,
            &mut w.three_safeties_one_stability,
            &mut w.third_party_rights,
            &mut w.internal_affairs,
            &mut w.process_information,
            &mut w.enforcement_files,
            &mut w.query_matters,
            &mut u.not_held,
            &mut u.needs_creation,
            &mut u.unclear,
            &mut n.complaints,
            &mut n.duplicate,
            &mut n.publications,
            &mut n.excessive,
            &mut n.reconfirmation,
            &mut o.no_correction,
            &mut o.unpaid_fee,
            &mut o.other,
        ]
    }

    /// （七）总计 as printed: the given row, or the column sums of the 21 leaves.
    pub fn handled_total(&self) -> ApplicantRow {
        self.handled_total.unwrap_or_else(|| {
            let mut sum = [0u64; 7];
            for leaf in self.leaves() {
                for (s, c) in sum.iter_mut().zip(leaf.cells()) {
                    *s += c;
                }
            }
            let [p @ .., total] = sum;
            ApplicantRow::from_parts(p, Some(total))
        })
    }

    /// All 25 body rows as printed, in the order of [`crate::model::form::T3_ROWS`].
    pub fn rows(&self) -> [[u64; 7]; 25] {
        let mut out = [[0u64; 7]; 25];
        out[0] = self.new.cells();
        out[1] = self.carried_over.cells();
        for (i, leaf) in self.leaves().iter().enumerate() {
            out[2 + i] = leaf.cells();
        }
        out[23] = self.handled_total().cells();
        out[24] = self.carried_forward.cells();
        out
    }
}

/// One group of table 四.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct AppealGroup {
    /// 结果维持.
    pub upheld: Count,
    /// 结果纠正.
    pub corrected: Count,
    /// 其他结果.
    pub other: Count,
    /// 尚未审结.
    pub pending: Count,
    /// 总计, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<Count>,
}

impl AppealGroup {
    /// The five cells as printed: four parts and 总计 (given, or their sum).
    pub fn cells(&self) -> [u64; 5] {
        let p = [self.upheld.0, self.corrected.0, self.other.0, self.pending.0];
        [p[0], p[1], p[2], p[3], self.total.map_or_else(|| p.iter().sum(), |t| t.0)]
    }
}

/// 四、政府信息公开行政复议、行政诉讼情况.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Appeals {
    /// 行政复议.
    pub review: AppealGroup,
    /// 行政诉讼 · 未经复议直接起诉.
    pub litigation: AppealGroup,
    /// 行政诉讼 · 复议后起诉.
    pub litigation_after_review: AppealGroup,
}
