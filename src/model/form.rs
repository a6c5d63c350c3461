//! The official form itself (国办公开办函〔2021〕30号): section headings, table labels and the
//! mapping from data keys to the form's rows and columns. The single source of these strings for
//! the loader's messages, the templates' context and (later) validation and the JSON Schema.

/// The six section headings, character-exact, in order.
pub const SECTIONS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// The applicant columns of table 三: data key and label, in the form's order (总计 last).
pub const T3_COLUMNS: [(&str, &str); 7] = [
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
];

/// The note in the top-left header cell of table 三.
pub const T3_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/// Labels of table 二 (the four 第二十条 blocks).
pub mod t2 {
    /// Block header 第二十条第（一）项.
    pub const ITEM1: &str = "第二十条第（一）项";
    /// Block header 第二十条第（五）项.
    pub const ITEM5: &str = "第二十条第（五）项";
    /// Block header 第二十条第（六）项.
    pub const ITEM6: &str = "第二十条第（六）项";
    /// Block header 第二十条第（八）项.
    pub const ITEM8: &str = "第二十条第（八）项";
    /// First column header of every block.
    pub const CONTENT: &str = "信息内容";
    /// Column 本年制发件数.
    pub const ISSUED: &str = "本年制发件数";
    /// Column 本年废止件数.
    pub const REPEALED: &str = "本年废止件数";
    /// Column 现行有效件数.
    pub const IN_FORCE: &str = "现行有效件数";
    /// Column 本年处理决定数量.
    pub const DECISIONS: &str = "本年处理决定数量";
    /// Column 本年收费金额（单位：万元）.
    pub const AMOUNT: &str = "本年收费金额（单位：万元）";
    /// Row 规章.
    pub const RULES: &str = "规章";
    /// Row 行政规范性文件.
    pub const NORMATIVE: &str = "行政规范性文件";
    /// Row 行政许可.
    pub const LICENSING: &str = "行政许可";
    /// Row 行政处罚.
    pub const PUNISHMENT: &str = "行政处罚";
    /// Row 行政强制.
    pub const ENFORCEMENT: &str = "行政强制";
    /// Row 行政事业性收费.
    pub const FEES: &str = "行政事业性收费";
}

/// Header 申请人情况 of table 三.
pub const T3_APPLICANTS: &str = "申请人情况";
/// Header 法人或其他组织 of table 三.
pub const T3_ORGANIZATIONS: &str = "法人或其他组织";
/// Header 行政复议 of table 四.
pub const T4_REVIEW: &str = "行政复议";
/// Header 行政诉讼 of table 四.
pub const T4_LITIGATION: &str = "行政诉讼";
/// Header 未经复议直接起诉 of table 四.
pub const T4_DIRECT: &str = "未经复议直接起诉";
/// Header 复议后起诉 of table 四.
pub const T4_AFTER_REVIEW: &str = "复议后起诉";

/// One body row of table 三.
#[derive(Debug, Clone, Copy)]
pub struct T3Row {
    /// Data path below `requests`, e.g. `withheld.state_secret`.
    pub key: &'static str,
    /// The group this row belongs to (（三）不予公开 …), if any.
    pub group: Option<&'static str>,
    /// The row's own label.
    pub label: &'static str,
}

const fn row(key: &'static str, group: Option<&'static str>, label: &'static str) -> T3Row {
    T3Row { key, group, label }
}

/// Label of the rowspan-22 group cell.
pub const T3_RESULTS: &str = "三、本年度办理结果";
/// Label of the （三） group.
pub const T3_WITHHELD: &str = "（三）不予公开";
/// Label of the （四） group.
pub const T3_UNABLE: &str = "（四）无法提供";
/// Label of the （五） group.
pub const T3_NOT_PROCESSED: &str = "（五）不予处理";
/// Label of the （六） group.
pub const T3_OTHER_HANDLING: &str = "（六）其他处理";

/// The 25 body rows of table 三 in order.
pub const T3_ROWS: [T3Row; 25] = [
    row("new", None, "一、本年新收政府信息公开申请数量"),
    row("carried_over", None, "二、上年结转政府信息公开申请数量"),
    row("granted", None, "（一）予以公开"),
    row("partially_granted", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    row("withheld.state_secret", Some(T3_WITHHELD), "1.属于国家秘密"),
    row("withheld.prohibited_by_law", Some(T3_WITHHELD), "2.其他法律行政法规禁止公开"),
    row("withheld.three_safeties_one_stability", Some(T3_WITHHELD), "3.危及“三安全一稳定”"),
    row("withheld.third_party_rights", Some(T3_WITHHELD), "4.保护第三方合法权益"),
    row("withheld.internal_affairs", Some(T3_WITHHELD), "5.属于三类内部事务信息"),
    row("withheld.process_information", Some(T3_WITHHELD), "6.属于四类过程性信息"),
    row("withheld.enforcement_files", Some(T3_WITHHELD), "7.属于行政执法案卷"),
    row("withheld.query_matters", Some(T3_WITHHELD), "8.属于行政查询事项"),
    row("unable.not_held", Some(T3_UNABLE), "1.本机关不掌握相关政府信息"),
    row("unable.needs_creation", Some(T3_UNABLE), "2.没有现成信息需要另行制作"),
    row("unable.unclear", Some(T3_UNABLE), "3.补正后申请内容仍不明确"),
    row("not_processed.complaints", Some(T3_NOT_PROCESSED), "1.信访举报投诉类申请"),
    row("not_processed.duplicate", Some(T3_NOT_PROCESSED), "2.重复申请"),
    row("not_processed.publications", Some(T3_NOT_PROCESSED), "3.要求提供公开出版物"),
    row("not_processed.excessive", Some(T3_NOT_PROCESSED), "4.无正当理由大量反复申请"),
    row(
        "not_processed.reconfirmation",
        Some(T3_NOT_PROCESSED),
        "5.要求行政机关确认或重新出具已获取信息",
    ),
    row(
        "other_handling.no_correction",
        Some(T3_OTHER_HANDLING),
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    row(
        "other_handling.unpaid_fee",
        Some(T3_OTHER_HANDLING),
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    row("other_handling.other", Some(T3_OTHER_HANDLING), "3.其他"),
    row("handled_total", None, "（七）总计"),
    row("carried_forward", None, "四、结转下年度继续办理"),
];

/// The groups of table 四: data key and label path.
pub const T4_GROUPS: [(&str, &str); 3] = [
    ("review", "行政复议"),
    ("litigation", "行政诉讼 · 未经复议直接起诉"),
    ("litigation_after_review", "行政诉讼 · 复议后起诉"),
];

/// The five columns of each table-四 group: data key and label.
pub const T4_COLUMNS: [(&str, &str); 5] = [
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
];

/// Where a data path lands on the form, in the form's own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormPlace {
    /// 表二, 表三 or 表四.
    pub table: &'static str,
    /// Row label path (with group), e.g. `（三）不予公开 · 4.保护第三方合法权益`.
    pub row: String,
    /// Column label, e.g. `商业企业`, if the path names one.
    pub column: Option<String>,
}

impl std::fmt::Display for FormPlace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}“{}”行", self.table, self.row)?;
        if let Some(col) = &self.column {
            write!(f, "“{col}”列")?;
        }
        Ok(())
    }
}

/// Map a dotted data path (`requests.withheld.third_party_rights.commercial`) to its place on
/// the form, when it names table data.
pub fn place(path: &str) -> Option<FormPlace> {
    let mut parts = path.split('.');
    match parts.next()? {
        "proactive" => proactive_place(parts.next()?, parts.next()),
        "requests" => {
            let rest: Vec<&str> = parts.collect();
            // Find the longest row key that prefixes the rest of the path.
            for n in (1..=rest.len().min(2)).rev() {
                let key = rest[..n].join(".");
                if let Some(row) = T3_ROWS.iter().find(|r| r.key == key) {
                    let row_label = match row.group {
                        Some(g) => format!("{g} · {}", row.label),
                        None if row.key == "granted"
                            || row.key == "partially_granted"
                            || row.key == "handled_total" =>
                        {
                            format!("{T3_RESULTS} · {}", row.label)
                        }
                        None => row.label.to_string(),
                    };
                    let column = rest.get(n).map(|c| {
                        T3_COLUMNS
                            .iter()
                            .find(|(k, _)| k == c)
                            .map(|(_, l)| (*l).to_string())
                            .unwrap_or_else(|| (*c).to_string())
                    });
                    return Some(FormPlace { table: "表三", row: row_label, column });
                }
            }
            None
        }
        "appeals" => {
            let group = parts.next()?;
            let (_, glabel) = T4_GROUPS.iter().find(|(k, _)| *k == group)?;
            let column = parts.next().map(|c| {
                T4_COLUMNS
                    .iter()
                    .find(|(k, _)| *k == c)
                    .map(|(_, l)| (*l).to_string())
                    .unwrap_or_else(|| c.to_string())
            });
            Some(FormPlace { table: "表四", row: (*glabel).to_string(), column })
        }
        _ => None,
    }
}

fn proactive_place(key: &str, sub: Option<&str>) -> Option<FormPlace> {
    let t = "表二";
    let stock_col = |c: &str| match c {
        "issued" => "本年制发件数".to_string(),
        "repealed" => "本年废止件数".to_string(),
        "in_force" => "现行有效件数".to_string(),
        other => other.to_string(),
    };
    let (row, column) = match key {
        "rules" => ("第二十条第（一）项 · 规章", sub.map(stock_col)),
        "normative_documents" => ("第二十条第（一）项 · 行政规范性文件", sub.map(stock_col)),
        "licensing" => ("第二十条第（五）项 · 行政许可", Some("本年处理决定数量".into())),
        "punishment" => ("第二十条第（六）项 · 行政处罚", Some("本年处理决定数量".into())),
        "enforcement" => ("第二十条第（六）项 · 行政强制", Some("本年处理决定数量".into())),
        "fees" => {
            ("第二十条第（八）项 · 行政事业性收费", Some("本年收费金额（单位：万元）".into()))
        }
        _ => return None,
    };
    Some(FormPlace { table: t, row: row.to_string(), column })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_name_table_row_and_column() {
        let p = place("requests.withheld.third_party_rights.commercial").unwrap();
        assert_eq!(p.to_string(), "表三“（三）不予公开 · 4.保护第三方合法权益”行“商业企业”列");
        let p = place("requests.new.total").unwrap();
        assert_eq!(p.to_string(), "表三“一、本年新收政府信息公开申请数量”行“总计”列");
        let p = place("appeals.litigation.pending").unwrap();
        assert_eq!(p.to_string(), "表四“行政诉讼 · 未经复议直接起诉”行“尚未审结”列");
        let p = place("proactive.rules.in_force").unwrap();
        assert_eq!(p.to_string(), "表二“第二十条第（一）项 · 规章”行“现行有效件数”列");
        assert!(place("overview.0").is_none());
    }
}
