//! Checks against last year's report of the same unit: 上年结转 = last year's 结转下年度
//! (R6), the 现行有效 stock flow (S1, information when the report explains the break), jumps
//! on key totals (S9), and text reused from last year, section by section (S10).

use crate::diag::{Diagnostic, Severity};
use crate::model::form::SECTIONS;
use crate::model::{Report, Stock, TextKind};

use super::Rule;
use super::similarity::{containment, normalize, own_names, shingles};
use super::tables::{col_key, col_label};

/// Run the cross-year rules (last year's report is `prev`).
pub(super) fn check(report: &Report, prev: &Report, out: &mut Vec<Diagnostic>) {
    r6_carry_over(report, prev, out);
    if prev.year.0 + 1 != report.year.0 {
        return;
    }
    s1_stock_flow(report, prev, out);
    s9_jumps(report, prev, out);
    s10_reuse(report, prev, out);
}

fn r6_carry_over(report: &Report, prev: &Report, out: &mut Vec<Diagnostic>) {
    if prev.year.0 + 1 != report.year.0 {
        out.push(
            Rule::R6
                .finding(format!(
                    "作为上年报告给出的是 {} 年度的报告，不是 {} 年度，未做跨年核对",
                    prev.year.0,
                    report.year.0 - 1
                ))
                .field("requests.carried_over"),
        );
        return;
    }
    if prev.organization != report.organization {
        out.push(
            Rule::R6
                .finding(format!(
                    "上年报告的机关名称“{}”与本报告“{}”不同，请确认是同一机关",
                    prev.organization, report.organization
                ))
                .field("organization"),
        );
        if let Some(d) = out.last_mut() {
            d.severity = Severity::Warning;
        }
    }
    let this = report.requests.carried_over.cells();
    let last = prev.requests.rows()[24];
    for c in 0..7 {
        if this[c] != last[c] {
            let msg = format!(
                "“{}”列：二、上年结转 {}，但 {} 年报告的四、结转下年度继续办理为 {}",
                col_label(c),
                this[c],
                prev.year.0,
                last[c]
            );
            out.push(
                Rule::R6
                    .finding(msg)
                    .field(format!("requests.carried_over.{}", col_key(c)))
                    .values(last[c], this[c]),
            );
        }
    }
}

fn s1_stock_flow(report: &Report, prev: &Report, out: &mut Vec<Diagnostic>) {
    let p = (&report.proactive, &prev.proactive);
    for (key, label, now, last) in [
        (
            "normative_documents",
            "行政规范性文件",
            &p.0.normative_documents,
            &p.1.normative_documents,
        ),
        ("rules", "规章", &p.0.rules, &p.1.rules),
    ] {
        let Stock { issued, repealed, in_force, note } = now;
        let expected = (last.in_force.0 + issued.0).checked_sub(repealed.0);
        if expected == Some(in_force.0) {
            continue;
        }
        let shown = expected.map_or("负数".to_string(), |e| e.to_string());
        let arithmetic = format!(
            "{label}：现行有效件数 {}，但按上年现行有效 {} + 本年制发 {} − 本年废止 {} 应为 {shown}",
            in_force.0, last.in_force.0, issued.0, repealed.0
        );
        let field = format!("proactive.{key}.in_force");
        let d = match note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            Some(note) => {
                Diagnostic::info(Rule::S1.code(), format!("{arithmetic}；报告已说明：“{note}”"))
            }
            None => Rule::S1
                .finding(format!("{arithmetic}（清理、失效等可使其不同，请核实）"))
                .hint(format!(
                    "确因清理等原因不同的，请在 proactive.{key}.note 中说明，此项即改为提示"
                )),
        };
        out.push(d.field(field).values(shown, in_force.0));
    }
}

/// Below this, neither year's figure is large enough for a ratio to mean anything.
const JUMP_FLOOR: u64 = 20;
/// A figure more than this many times last year's (or less than its inverse) is a jump.
const JUMP_RATIO: f64 = 5.0;

fn s9_jumps(report: &Report, prev: &Report, out: &mut Vec<Diagnostic>) {
    let key_totals = |r: &Report| {
        let rows = r.requests.rows();
        let a = &r.appeals;
        let p = &r.proactive;
        [
            ("requests.new.total", "表三“一、本年新收政府信息公开申请数量”总计", rows[0][6]),
            ("requests.handled_total.total", "表三“（七）总计”", rows[23][6]),
            ("appeals.review.total", "表四“行政复议”总计", a.review.cells()[4]),
            (
                "appeals.litigation.total",
                "表四“行政诉讼”总计（未经复议直接起诉与复议后起诉合计）",
                a.litigation.cells()[4] + a.litigation_after_review.cells()[4],
            ),
            ("proactive.licensing", "表二“行政许可”本年处理决定数量", p.licensing.0),
            ("proactive.punishment", "表二“行政处罚”本年处理决定数量", p.punishment.0),
            ("proactive.enforcement", "表二“行政强制”本年处理决定数量", p.enforcement.0),
        ]
    };
    for ((path, label, now), (_, _, last)) in key_totals(report).into_iter().zip(key_totals(prev)) {
        if now.max(last) < JUMP_FLOOR {
            continue;
        }
        let how = if last == 0 {
            format!("上年为 0，本年为 {now}")
        } else if now == 0 {
            format!("上年为 {last}，本年为 0")
        } else {
            let ratio = now as f64 / last as f64;
            if (1.0 / JUMP_RATIO..=JUMP_RATIO).contains(&ratio) {
                continue;
            }
            format!("本年 {now} 是上年 {last} 的 {ratio:.1} 倍")
        };
        let msg = format!(
            "{label}与上年（{}年）相比变化异常：{how}（超过 5 倍或不足 0.2 倍），请核实数据或在正文中说明原因",
            prev.year.0
        );
        out.push(Rule::S9.finding(msg).field(path).values(format!("上年 {last} 左右"), now));
    }
}

/// Sections shorter than this (in shingles, about as many characters) are not compared:
/// "本年度未收取信息处理费。" is the same every year, and rightly so.
const REUSE_MIN_SHINGLES: usize = 60;
/// Above this share of last year's text a section is reused; above [`REUSE_HIGH`] highly.
pub const REUSE_WARN: f64 = 0.6;
/// See [`REUSE_WARN`].
pub const REUSE_HIGH: f64 = 0.8;

/// The paragraphs (not the subheadings) of a section, as one text.
fn section_text(report: &Report, key: &str) -> String {
    let fields = report.text_fields();
    let prefix = format!("{key}[");
    let texts: Vec<&str> = fields
        .iter()
        .filter(|f| f.kind == TextKind::Paragraph && f.path.starts_with(&prefix))
        .map(|f| f.text)
        .collect();
    texts.join("\n")
}

fn s10_reuse(report: &Report, prev: &Report, out: &mut Vec<Diagnostic>) {
    let (names, prev_names) = (own_names(&report.organization), own_names(&prev.organization));
    for (key, label) in
        [("overview", SECTIONS[0]), ("problems", SECTIONS[4]), ("other_matters", SECTIONS[5])]
    {
        let this = shingles(&normalize(&section_text(report, key), &names).chars);
        if this.len() < REUSE_MIN_SHINGLES {
            continue;
        }
        let last = shingles(&normalize(&section_text(prev, key), &prev_names).chars);
        let share = containment(&this, &last);
        if share <= REUSE_WARN {
            continue;
        }
        let pct = (share * 100.0).floor();
        let high = if share > REUSE_HIGH { "，高度相似" } else { "" };
        let msg = format!(
            "{label}的文字 {pct}% 与上年（{}年）报告相同{high}（超过 60% 视为沿用上年文字）",
            prev.year.0
        );
        let d = Rule::S10.finding(msg).field(key).values("≤ 60%", format!("{pct}%"));
        out.push(d.hint("请按本年度的实际工作重新撰写，不要照搬上年报告"));
    }
}
