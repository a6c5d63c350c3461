//! The narrative: a county-wide preface template, and sections 一, 五 and 六 composed
//! sentence by sentence from the word lists with the unit's own villages, projects and
//! numbers; figure sentences state the tables' figures in the ways offices do, with
//! sentences of other scopes as traps.

use serde_json::{Value, json};

use super::*;

pub fn run_in(heading: &str, text: String) -> Value {
    json!({ "heading": heading, "text": text })
}

/// The shared template every unit of a county starts its report with.
pub fn preface(id: &Identity, year: u16) -> Value {
    Value::String(format!(
        "本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》要求，由{}编制。报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。本报告电子版可在{}人民政府门户网站下载。如对本报告有疑问，请与{}办公室联系（电话：{}）。",
        id.organization, id.county, id.organization, id.phone
    ))
}

fn proactive_text(rng: &mut Rng, id: &Identity, year: u16) -> String {
    let ch = rng.some(CHANNELS, 3);
    let tp = rng.some(TOPICS, 4);
    let pj = rng.some(PROJECTS, 2);
    let v = rng.some(&id.villages, 3);
    let verb = *rng.pick(VERBS_PUBLISH);
    let mut s = vec![format!(
        "{year}年，{}通过{}、{}等渠道{verb}政府信息{}条，其中{}、{}等重点领域信息{}条。",
        id.short,
        ch[0],
        ch[1],
        rng.range(40, 2600),
        tp[0],
        tp[1],
        rng.range(10, 600)
    )];
    let options = [
        format!(
            "围绕{}项目，在{}、{}等{}个村（社区）公开资金使用和实施进度，接受群众监督。",
            pj[0],
            v[0],
            v[1],
            rng.range(3, 18)
        ),
        format!(
            "结合{}工作，{}办事指南和政策文件{}份，方便群众查询办理。",
            tp[2],
            rng.pick(VERBS_PUBLISH),
            rng.range(5, 90)
        ),
        format!(
            "对{}{}等事项，做到事前公示、事中公开、事后公告，全年张贴公示{}期。",
            v[2],
            pj[1],
            rng.range(4, 48)
        ),
        format!(
            "在{}设置{}专区，集中发布{}和{}信息，点击量{}余次。",
            ch[2],
            tp[3],
            tp[2],
            tp[0],
            rng.range(2, 90) * 100
        ),
        format!(
            "{}牵头对{}信息逐条核对，更正过期信息{}条。",
            rng.pick(ROLES),
            tp[1],
            rng.range(2, 40)
        ),
    ];
    for o in rng.some(&options, 2) {
        s.push(o.clone());
    }
    s.concat()
}

/// The 依申请公开 paragraph, stating the table's figures in one of the ways offices do, with
/// sentences of other scopes (受理 = new + carried over, comparisons) as traps.
fn requests_text(rng: &mut Rng, id: &Identity, year: u16, t: &Tables, prev_new: u64) -> String {
    let new = Tables::total(&t.new);
    let carried = Tables::total(&t.carried);
    let handled = Tables::total(&t.handled());
    let fwd = Tables::total(&t.forward);
    let tp = rng.some(TOPICS, 2);
    let (variant, split) = (rng.below(4), rng.chance(0.4));
    let tail = *rng.pick(&[
        "答复文书均告知救济渠道",
        "所有答复均经法律顾问审核",
        "未发生逾期答复情况",
        "申请人对答复结果均无异议",
        "均当场解答或告知获取途径",
        "办理过程全程留痕",
        "答复前均与申请人电话沟通",
        "涉及第三方的均书面征求意见",
        "答复书均加盖公章并邮寄送达",
        "对申请内容不明确的一次性告知补正",
        "均由分管领导签批后答复",
        "办理结果录入省级平台",
    ]);
    if new + carried == 0 {
        let v = rng.some(&id.villages, 2);
        return format!(
            "本年度{}未收到政府信息公开申请，无上年结转申请。对{}、{}群众来电来访咨询的{}、{}等问题，{}。",
            id.short, v[0], v[1], tp[0], tp[1], tail
        );
    }
    let mut s = match variant {
        0 => format!(
            "全年新收政府信息公开申请{}件，上年结转{}件，办结{}件，结转下年度继续办理{}件。",
            count(rng, new),
            count(rng, carried),
            count(rng, handled),
            count(rng, fwd)
        ),
        1 => format!(
            "本年度共受理政府信息公开申请{}件（含上年结转{}件），已办结{}件。",
            new + carried,
            carried,
            handled
        ),
        2 => format!(
            "{year}年，{}共收到政府信息公开申请{}件，均在法定期限内予以答复。",
            id.short,
            count(rng, new)
        ),
        _ => {
            let change = if new >= prev_new {
                format!("增加{}件", new - prev_new)
            } else {
                format!("减少{}件", prev_new - new)
            };
            format!("全年新收申请{}件，较上年{change}。", count(rng, new))
        }
    };
    if split {
        s.push_str(&format!(
            "其中予以公开{}件，部分公开{}件，不予公开{}件。",
            t.group(0..1),
            t.group(1..2),
            t.group(2..10)
        ));
    }
    let v = rng.some(&id.villages, 2);
    let lead = *rng.pick(&[
        "内容主要涉及",
        "关注点集中在",
        "诉求多与",
        "所申请信息多属于",
        "申请事项集中于",
    ]);
    s.push_str(&format!(
        "申请人多为{}、{}的群众，{}{}、{}等方面，{tail}。",
        v[0], v[1], lead, tp[0], tp[1]
    ));
    s
}

fn management_text(rng: &mut Rng, id: &Identity, t: &Tables) -> String {
    let a = rng.some(ACTIONS, 2);
    let (stock, filing, filed, decisions) =
        (rng.chance(0.5), rng.chance(0.4), rng.range(1, 9), rng.chance(0.5));
    let mut s = String::new();
    if t.normative[0] + t.normative[1] > 0 || stock {
        s.push_str(&format!(
            "全年制发行政规范性文件{}件，废止{}件，现行有效{}件。",
            t.normative[0], t.normative[1], t.normative[2]
        ));
    }
    if filing {
        // A filing count, not table 二's figure.
        s.push_str(&format!("向{}司法局报送备案规范性文件{filed}件。", id.county));
    }
    let v = rng.pick(&id.villages).clone();
    let pj = *rng.pick(PROJECTS);
    let who = *rng.pick(ROLES);
    let lead = *rng.pick(&[
        "落实公开属性源头认定",
        "严格执行发布前保密审查",
        "坚持先审后发",
        "实行公开事项清单化管理",
        "建立信息发布三级审核机制",
    ]);
    let close = *rng.pick(&[
        "全年未发生因公开不当引发的投诉",
        "未出现泄密和不当公开情况",
        "公开内容准确规范",
        "做到应公开尽公开",
    ]);
    s.push_str(&format!(
        "{lead}，{}，{}；由{who}对{v}{pj}等{}个项目的公开事项逐项审核，{close}。",
        a[0],
        a[1],
        rng.range(2, 15)
    ));
    if t.licensing > 0 && decisions {
        s.push_str(&format!(
            "办理行政许可{}件，作出行政处罚决定{}件，均按规定在七个工作日内公示。",
            t.licensing, t.punishment
        ));
    }
    s
}

fn platform_text(rng: &mut Rng, id: &Identity) -> String {
    let ch = rng.some(CHANNELS, 2);
    let v = rng.some(&id.villages, 2);
    format!(
        "优化{}栏目设置，新增“{}”专题；运用{}发布信息{}条，{}、{}两地的公开栏完成标准化改造。",
        ch[0],
        rng.pick(TOPICS),
        ch[1],
        rng.range(20, 900),
        v[0],
        v[1]
    )
}

fn supervision_text(rng: &mut Rng, id: &Identity) -> String {
    let a = rng.some(ACTIONS, 3);
    let v = rng.some(&id.villages, 2);
    let who = rng.some(ROLES, 2);
    let exam = *rng.pick(&[
        "年度绩效考核",
        "班子成员述职内容",
        "站所年度评议",
        "村（社区）目标考核",
        "机关效能建设考评",
    ]);
    let close = *rng.pick(&[
        "本年度未发生因政府信息公开工作引发的责任追究情况",
        "全年未收到涉及政务公开的投诉举报",
        "社会评议满意率保持在较高水平",
        "发现的问题均已整改到位",
    ]);
    format!(
        "{}把政务公开纳入{exam}，{}{}次，{}{}次；在{}召开现场推进会，组织{}、{}等{}人次参加培训；{}深入{}等村检查公开栏{}个。{close}。",
        id.short,
        a[0],
        rng.range(1, 6),
        a[1],
        rng.range(1, 4),
        v[0],
        who[0],
        who[1],
        rng.range(8, 160),
        a[2],
        v[1],
        rng.range(3, 30)
    )
}

/// Section 一 (five run-in subsections).
pub fn overview(rng: &mut Rng, id: &Identity, year: u16, t: &Tables, prev_new: u64) -> Vec<Value> {
    vec![
        run_in("主动公开。", proactive_text(rng, id, year)),
        run_in("依申请公开。", requests_text(rng, id, year, t, prev_new)),
        run_in("政府信息管理。", management_text(rng, id, t)),
        run_in("政府信息公开平台建设。", platform_text(rng, id)),
        run_in("监督保障。", supervision_text(rng, id)),
    ]
}

/// Section 五: problems and measures in the unit's own terms.
pub fn problems(rng: &mut Rng, id: &Identity, year: u16) -> Vec<Value> {
    let a = rng.some(ASPECTS, 3);
    let i = rng.some(ISSUES, 3);
    let sy = rng.some(SYMPTOMS, 2);
    let f = rng.some(FIXES, 3);
    let fu = rng.some(FOLLOWUPS, 2);
    let tp = rng.some(TOPICS, 3);
    let v = rng.some(&id.villages, 3);
    let pj = rng.pick(PROJECTS);
    vec![
        Value::String(format!(
            "{year}年，{}政府信息公开工作取得一定成效，但对照要求仍有差距：一是{}{}，{}{}；二是{}{}，{}、{}等村{}；三是{}{}。",
            id.short, a[0], i[0], tp[0], sy[0], a[1], i[1], v[0], v[1], sy[1], a[2], i[2]
        )),
        Value::String(format!(
            "下一步，{}将{}，{}；围绕{}{}项目{}，{}；同时{}，确保{}、{}等信息应公开尽公开。",
            id.short, f[0], fu[0], v[2], pj, f[1], fu[1], f[2], tp[1], tp[2]
        )),
    ]
}

/// Section 六.
pub fn other_matters(rng: &mut Rng, id: &Identity) -> Vec<Value> {
    let mut v = vec![Value::String(format!("本年度{}未收取信息处理费。", id.short))];
    if rng.chance(0.5) {
        v.push(Value::String(format!(
            "办理人大代表建议{}件、政协委员提案{}件，办理结果均已公开。",
            rng.range(1, 20),
            rng.range(1, 15)
        )));
    }
    v
}
