//! A deterministic generator of a county's units for the tests and the benchmark: each unit
//! a realistic report with consistent tables (R1–R4 hold), last year's report (R6 and the
//! stock flow hold, no jumps), and its own narrative, composed sentence by sentence from
//! large word lists with the unit's own villages, projects, people and numbers (so units
//! share phrases, as real ones do, but not paragraphs). Defects are injected on request.

#![allow(dead_code)]

use serde_json::{Value, json};

/// A small deterministic random generator (splitmix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5851_f42d_4c95_7f2d)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() % 10_000) as f64 / 10_000.0 < p
    }
    /// `k` distinct items of `xs`, in a random order.
    pub fn some<'a, T>(&mut self, xs: &'a [T], k: usize) -> Vec<&'a T> {
        let mut idx: Vec<usize> = (0..xs.len()).collect();
        for i in (1..idx.len()).rev() {
            idx.swap(i, self.below(i as u64 + 1) as usize);
        }
        idx.into_iter().take(k).map(|i| &xs[i]).collect()
    }
}

const SYLLABLES: &[&str] = &[
    "安", "白", "柏", "宝", "北", "碧", "长", "陈", "城", "崇", "大", "丹", "东", "凤", "福", "高",
    "古", "关", "广", "桂", "河", "和", "红", "虎", "花", "黄", "金", "锦", "九", "丽", "莲", "林",
    "龙", "芦", "马", "梅", "木", "南", "磐", "平", "埔", "七", "青", "清", "泉", "瑞", "三", "沙",
    "山", "石", "双", "水", "松", "太", "潭", "塘", "桃", "天", "田", "铜", "湾", "望", "文", "西",
    "溪", "仙", "新", "杏", "阳", "杨", "叶", "永", "玉", "园", "云", "枣", "樟", "竹", "紫", "坪",
];
const TOWN_KINDS: &[&str] = &["镇", "乡", "镇", "镇", "乡", "街道"];
const DEPARTMENTS: &[&str] = &[
    "发展和改革局",
    "教育体育局",
    "科学技术和工业信息化局",
    "公安局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源和规划局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "农业农村局",
    "商务局",
    "文化广电旅游局",
    "卫生健康委员会",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "林业局",
    "城市管理局",
    "行政审批局",
    "乡村振兴局",
    "信访局",
    "机关事务服务中心",
    "粮食和物资储备局",
    "档案馆",
];
const VILLAGE_TAILS: &[&str] = &["村", "社区", "村", "村", "居委会"];
const PROJECTS: &[&str] = &[
    "高标准农田建设",
    "农村饮水安全巩固提升",
    "危房改造",
    "人居环境整治",
    "道路硬化",
    "河道清淤",
    "光伏扶贫",
    "老旧小区改造",
    "雨污分流",
    "集贸市场改造",
    "中心校改扩建",
    "卫生院标准化建设",
    "防汛物资储备",
    "高山移民搬迁",
    "茶叶基地提升",
    "油茶低改",
    "生猪养殖场环评",
    "垃圾中转站",
    "农村公路安防",
    "便民服务中心改造",
    "养老服务中心",
    "文化广场",
    "电商服务站",
    "冷链仓储",
];
const TOPICS: &[&str] = &[
    "惠农补贴发放",
    "低保特困供养",
    "城乡医保缴费",
    "义务教育招生",
    "征地补偿安置",
    "不动产登记",
    "耕地保护",
    "安全生产检查",
    "食品安全抽检",
    "森林防火",
    "防汛抗旱",
    "退役军人优抚",
    "就业创业扶持",
    "涉企收费清单",
    "招标投标",
    "财政预决算",
    "三公经费",
    "重大建设项目",
    "生态环境执法",
    "建设工程审批",
    "价格监测",
    "疫苗接种",
    "殡葬改革",
    "残疾人两项补贴",
    "农村宅基地审批",
    "林权流转",
    "河长制巡河",
    "秸秆禁烧",
    "农机购置补贴",
    "产业奖补资金",
    "公租房分配",
    "拆迁安置房建设",
    "学生资助",
    "营养改善计划",
    "家庭医生签约",
    "计划生育奖扶",
    "耕地地力保护补贴",
    "土地承包经营权",
    "集体经济收益分配",
    "移民后期扶持",
    "水库安全度汛",
    "地质灾害防治",
    "燃气安全排查",
    "自建房安全整治",
    "消费者权益保护",
    "特种设备检验",
    "医保基金监管",
    "养老保险待遇",
];
const CHANNELS: &[&str] = &[
    "门户网站",
    "政务公开专栏",
    "微信公众号",
    "村务公开栏",
    "便民服务大厅电子屏",
    "政务微博",
    "“村村响”广播",
    "宣传折页",
    "政务服务热线",
    "抖音政务号",
    "公示栏",
    "乡村大喇叭",
];
const VERBS_PUBLISH: &[&str] =
    &["主动公开", "发布", "及时公开", "集中公开", "逐项公开", "按月公开", "分类公开"];
const ACTIONS: &[&str] = &[
    "开展专项督查",
    "组织业务培训",
    "召开专题会议",
    "修订工作制度",
    "建立工作台账",
    "开展交叉检查",
    "编印操作手册",
    "实行清单管理",
    "落实三审三校",
    "开展满意度测评",
    "推行首问负责",
    "设置意见箱",
    "开展入户走访",
    "建立联络员制度",
    "开展案卷评查",
];
const ROLES: &[&str] =
    &["分管领导", "党政办主任", "业务骨干", "各村支部书记", "站所负责人", "政务公开专干"];
const ASPECTS: &[&str] = &[
    "政策解读",
    "依申请公开答复",
    "重点领域信息公开",
    "政务新媒体运维",
    "村务公开栏管理",
    "公开目录维护",
    "信息发布审核",
    "基层公开队伍建设",
    "公开平台建设",
    "公众参与",
    "主动公开时效",
    "考核督导",
    "办事指南编制",
    "会议开放",
    "政策文件解读回应",
    "数据开放",
];
const ISSUES: &[&str] = &[
    "形式较为单一",
    "还不够及时",
    "深度不够",
    "说理性不足",
    "更新不够规范",
    "与实际工作存在脱节",
    "力量较为薄弱",
    "互动回应不够",
    "覆盖面不广",
    "标准不统一",
    "质量有待提高",
    "存在流于形式的情况",
    "缺乏长效机制",
    "群众知晓率不高",
];
const SYMPTOMS: &[&str] = &[
    "领域的公开尤为明显",
    "方面群众反映较多",
    "事项的信息更新滞后",
    "工作中暴露得比较充分",
    "相关栏目内容偏少",
    "的公开信息可读性不强",
];
const FIXES: &[&str] = &[
    "推出图解、短视频等解读产品",
    "建立信息报送月通报制度",
    "对照标准目录逐项梳理公开事项",
    "固定专人负责公开工作",
    "规范答复文书格式",
    "公开项目招标、施工、验收全过程信息",
    "建立留言办理时限提醒机制",
    "统一公开栏样式并按季度检查",
    "增加办事指南类内容",
    "把政务公开纳入绩效考核",
    "开展政务开放日活动",
    "邀请群众代表列席会议",
    "完善公开属性源头认定",
    "编印政策明白卡",
    "开通线上咨询渠道",
    "建立问题整改台账",
];
const FOLLOWUPS: &[&str] = &[
    "由党政办每月通报",
    "明确专人跟踪落实",
    "纳入季度督查",
    "年底前全部完成",
    "列入年度重点任务",
    "定期向群众反馈",
    "实行销号管理",
    "与部门考核挂钩",
];
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高", "林",
];

fn place(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| *rng.pick(SYLLABLES)).collect()
}

const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// A count as an office might write it: small ones sometimes in Chinese numerals.
fn count(rng: &mut Rng, n: u64) -> String {
    // Always draw, so that the same seed makes the same text whatever the numbers.
    let chinese = rng.chance(0.3);
    if n > 0 && n < 100 && chinese {
        let (t, u) = (n / 10, n % 10);
        let tens = match t {
            0 => String::new(),
            1 => "十".into(),
            t => format!("{}十", DIGITS[t as usize]),
        };
        let units = if u == 0 && t > 0 { String::new() } else { DIGITS[u as usize].to_string() };
        format!("{tens}{units}")
    } else {
        n.to_string()
    }
}

/// One unit's identity.
#[derive(Debug, Clone)]
pub struct Identity {
    pub county: String,
    pub organization: String,
    pub short: String,
    pub level: &'static str,
    pub villages: Vec<String>,
    pub phone: String,
}

pub fn identity(rng: &mut Rng, county: &str, i: usize) -> Identity {
    let township = i % 3 != 2;
    let (organization, short, level) = if township {
        let name = format!("{}{}", place(rng, 2), rng.pick(TOWN_KINDS));
        (
            if name.ends_with("街道") {
                format!("{name}办事处")
            } else {
                format!("{name}人民政府")
            },
            name,
            "township",
        )
    } else {
        let d = DEPARTMENTS[(i / 3) % DEPARTMENTS.len()];
        let suffix = if i / 3 >= DEPARTMENTS.len() {
            format!("第{}分局", i / 3 / DEPARTMENTS.len() + 1)
        } else {
            String::new()
        };
        let name = format!("{county}{d}{suffix}");
        (name.clone(), name, "department")
    };
    let villages =
        (0..6).map(|_| format!("{}{}", place(rng, 2), rng.pick(VILLAGE_TAILS))).collect();
    let phone = format!("0793-{}", rng.range(2_000_000, 8_999_999));
    Identity { county: county.into(), organization, short, level, villages, phone }
}

/// The tables of one report, as numbers.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    pub new: [u64; 6],
    pub carried: [u64; 6],
    pub leaves: [[u64; 6]; 21],
    pub forward: [u64; 6],
    pub review: [u64; 4],
    pub litigation: [u64; 4],
    pub after_review: [u64; 4],
    /// 行政规范性文件: issued, repealed, in force.
    pub normative: [u64; 3],
    /// 规章: issued, repealed, in force.
    pub rules: [u64; 3],
    pub licensing: u64,
    pub punishment: u64,
    pub enforcement: u64,
    pub fees: String,
}

impl Tables {
    pub fn total(row: &[u64; 6]) -> u64 {
        row.iter().sum()
    }
    pub fn handled(&self) -> [u64; 6] {
        let mut h = [0; 6];
        for leaf in &self.leaves {
            for c in 0..6 {
                h[c] += leaf[c];
            }
        }
        h
    }
    pub fn group(&self, range: std::ops::Range<usize>) -> u64 {
        self.leaves[range].iter().map(Tables::total).sum()
    }
}

/// How big a unit is: the figures its tables grow from.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub new: u64,
    pub licensing: u64,
    pub punishment: u64,
    pub enforcement: u64,
    pub review: u64,
    pub litigation: u64,
}

impl Scale {
    pub fn draw(rng: &mut Rng, level: &str) -> Scale {
        let dept = level == "department";
        let maybe = |rng: &mut Rng, p: f64, lo: u64, hi: u64| {
            if rng.chance(p) { rng.range(lo, hi) } else { 0 }
        };
        Scale {
            new: if dept { rng.range(0, 90) } else { rng.range(0, 12) },
            licensing: if dept { maybe(rng, 0.6, 30, 1500) } else { maybe(rng, 0.3, 0, 15) },
            punishment: if dept { maybe(rng, 0.5, 20, 300) } else { maybe(rng, 0.3, 0, 12) },
            enforcement: if dept { maybe(rng, 0.3, 0, 18) } else { 0 },
            review: if dept { maybe(rng, 0.4, 1, 4) } else { maybe(rng, 0.05, 1, 1) },
            litigation: if dept { maybe(rng, 0.25, 1, 3) } else { 0 },
        }
    }

    /// Last year's scale, within ±40 % (no jump above 5× or below 0.2×).
    pub fn earlier(&self, rng: &mut Rng) -> Scale {
        let f = |rng: &mut Rng, v: u64| {
            (v as f64 * (0.7 + 0.6 * rng.below(1000) as f64 / 1000.0)).round() as u64
        };
        Scale {
            new: f(rng, self.new),
            licensing: f(rng, self.licensing),
            punishment: f(rng, self.punishment),
            enforcement: f(rng, self.enforcement),
            review: f(rng, self.review),
            litigation: f(rng, self.litigation),
        }
    }
}

const COL_WEIGHTS: [u64; 6] = [70, 10, 2, 3, 5, 10];
const LEAF_WEIGHTS: [u64; 21] = [40, 10, 1, 2, 1, 3, 2, 2, 1, 1, 14, 4, 2, 5, 2, 1, 1, 1, 2, 1, 4];

fn weighted(rng: &mut Rng, weights: &[u64]) -> usize {
    let mut x = rng.below(weights.iter().sum());
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

fn split4(rng: &mut Rng, total: u64) -> [u64; 4] {
    let mut g = [0; 4];
    for _ in 0..total {
        g[weighted(rng, &[5, 2, 2, 1])] += 1;
    }
    g
}

/// Consistent tables (R1–R4) from a scale, last year's 结转下年度 and 现行有效.
pub fn tables(
    rng: &mut Rng,
    level: &str,
    scale: &Scale,
    carried: [u64; 6],
    prev_stock: ([u64; 3], [u64; 3]),
) -> Tables {
    let mut t = Tables { carried, ..Default::default() };
    for _ in 0..scale.new {
        t.new[weighted(rng, &COL_WEIGHTS)] += 1;
    }
    for c in 0..6 {
        let avail = t.new[c] + t.carried[c];
        if avail > 0 && rng.chance(0.25) {
            t.forward[c] = rng.range(0, avail.min(3));
        }
        for _ in 0..avail - t.forward[c] {
            t.leaves[weighted(rng, &LEAF_WEIGHTS)][c] += 1;
        }
    }
    t.review = split4(rng, scale.review);
    let lit = split4(rng, scale.litigation);
    let direct = rng.range(0, scale.litigation);
    for (i, &n) in lit.iter().enumerate() {
        let d = if i == 0 { n.min(direct) } else { n };
        t.litigation[i] = d;
        t.after_review[i] = n - d;
    }
    let dept = level == "department";
    let (pn, pr) = prev_stock;
    let issued = if dept { rng.range(0, 4) } else { u64::from(rng.chance(0.15)) };
    let repealed = rng.range(0, pn[2].min(2));
    t.normative = [issued, repealed, pn[2] + issued - repealed];
    t.rules = [0, 0, pr[2]];
    t.licensing = scale.licensing;
    t.punishment = scale.punishment;
    t.enforcement = scale.enforcement;
    t.fees = if dept && rng.chance(0.3) {
        format!("{}.{:02}", rng.range(0, 20_000), rng.range(1, 99))
    } else {
        "0".into()
    };
    t
}

fn row_json(cells: &[u64; 6]) -> Value {
    json!({
        "natural_person": cells[0], "commercial": cells[1], "research": cells[2],
        "social_welfare": cells[3], "legal_service": cells[4], "other": cells[5],
        "total": Tables::total(cells),
    })
}

fn group_json(g: &[u64; 4]) -> Value {
    json!({ "upheld": g[0], "corrected": g[1], "other": g[2], "pending": g[3], "total": g.iter().sum::<u64>() })
}

/// The tables as nianbao/1 data: `proactive`, `requests`, `appeals`.
pub fn tables_json(t: &Tables) -> (Value, Value, Value) {
    let proactive = json!({
        "rules": { "issued": t.rules[0], "repealed": t.rules[1], "in_force": t.rules[2] },
        "normative_documents": { "issued": t.normative[0], "repealed": t.normative[1], "in_force": t.normative[2] },
        "licensing": t.licensing, "punishment": t.punishment, "enforcement": t.enforcement,
        "fees": t.fees,
    });
    let l = |i: usize| row_json(&t.leaves[i]);
    let requests = json!({
        "new": row_json(&t.new),
        "carried_over": row_json(&t.carried),
        "granted": l(0),
        "partially_granted": l(1),
        "withheld": {
            "state_secret": l(2), "prohibited_by_law": l(3), "three_safeties_one_stability": l(4),
            "third_party_rights": l(5), "internal_affairs": l(6), "process_information": l(7),
            "enforcement_files": l(8), "query_matters": l(9),
        },
        "unable": { "not_held": l(10), "needs_creation": l(11), "unclear": l(12) },
        "not_processed": {
            "complaints": l(13), "duplicate": l(14), "publications": l(15), "excessive": l(16),
            "reconfirmation": l(17),
        },
        "other_handling": { "no_correction": l(18), "unpaid_fee": l(19), "other": l(20) },
        "handled_total": row_json(&t.handled()),
        "carried_forward": row_json(&t.forward),
    });
    let appeals = json!({
        "review": group_json(&t.review),
        "litigation": group_json(&t.litigation),
        "litigation_after_review": group_json(&t.after_review),
    });
    (proactive, requests, appeals)
}

fn run_in(heading: &str, text: String) -> Value {
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

/// A defect to inject into one unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Defect {
    /// A 结转下年度 cell off by one (R1 in the 自然人 and 总计 columns).
    R1,
    /// A "/" in a cell (R5).
    R5,
    /// Last year's 结转下年度 differs from this year's 上年结转 (R6, two columns).
    R6,
    /// 现行有效 off by 3 from the stock flow, unexplained (S1 warning).
    S1,
    /// 现行有效 reset after a 清理, explained in the note (S1 information).
    S1Explained,
    /// A department with 规章 (S2).
    S2,
    /// The narrative states the wrong 本年新收 (S3).
    S3,
    /// Section 六 silent on 信息处理费 (S4).
    S4,
    /// The title's words in the wrong order (S5).
    S5,
    /// Last year's statistics period left in the preface (S6).
    S6Text,
    /// Last year in the title (S6).
    S6Title,
    /// Section 五 is "无" (S7).
    S7,
    /// Imported with blank and "/" cells (S8).
    S8,
    /// 行政许可 ten times last year's (S9).
    S9,
    /// Section 一 reused from last year (S10).
    S10,
    /// Section 五's first paragraph copied from the unit `.0` (S11, both units).
    S11From(usize),
}

/// One generated unit: this year's report and last year's.
#[derive(Debug, Clone)]
pub struct Unit {
    pub id: Identity,
    pub file: String,
    pub report: Value,
    pub previous: Value,
    pub tables: Tables,
}

/// Generate unit `i` of `county` (seeded by `seed`), with `defect` injected.
pub fn unit(
    seed: u64,
    county: &str,
    i: usize,
    year: u16,
    defect: Option<Defect>,
    used: &mut std::collections::HashSet<String>,
) -> Unit {
    let mut rng = Rng::new(seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
    let mut id = identity(&mut rng, county, i);
    while !used.insert(id.organization.clone()) {
        id = identity(&mut rng, county, i);
    }
    let scale = Scale::draw(&mut rng, id.level);
    let mut early = scale.earlier(&mut rng);
    if defect == Some(Defect::S9) {
        early.licensing = 60;
    }
    let mut scale = scale;
    if defect == Some(Defect::S9) {
        scale.licensing = 600;
    }
    if defect == Some(Defect::S10) {
        // Last year's text reused: both years have applications, so the text takes the
        // same path.
        scale.new = scale.new.max(30);
        early = scale.earlier(&mut rng);
    }
    let carried0 = [rng.range(0, 1), 0, 0, 0, 0, 0];
    let stock0 = [
        rng.range(0, 3),
        0,
        if defect == Some(Defect::S1Explained) { 25 } else { rng.range(0, 12) },
    ];
    let prev_t = tables(&mut rng, id.level, &early, carried0, (stock0, [0, 0, 0]));
    let mut t =
        tables(&mut rng, id.level, &scale, prev_t.forward, (prev_t.normative, prev_t.rules));
    let mut prev_forward = prev_t.forward;
    let mut note = None;
    match defect {
        Some(Defect::R1) => t.forward[0] += 1,
        Some(Defect::R6) => prev_forward[0] += 1,
        Some(Defect::S1) => t.normative[2] += 3,
        Some(Defect::S1Explained) => {
            t.normative[2] -= 10;
            note = Some(
                "本年度开展行政规范性文件集中清理，宣布失效10件，现行有效件数按清理结果重新统计",
            );
        }
        Some(Defect::S2) => t.rules = [1, 0, 1],
        _ => {}
    }
    let mut prev_tables = prev_t.clone();
    prev_tables.forward = prev_forward;

    // Last year's report, with its own text.
    let mut prng = Rng::new(rng.next());
    let text_seed = rng.next();
    let prev_new = Tables::total(&prev_t.new);
    let previous = report_json(&id, year - 1, &prev_tables, None, {
        let mut r = Rng::new(text_seed ^ 0xabcdef);
        (
            vec![preface(&id, year - 1)],
            overview(&mut r, &id, year - 1, &prev_t, 0),
            problems(&mut prng, &id, year - 1),
            other_matters(&mut prng, &id),
        )
    });
    // This year's: its own text, or last year's 总体情况 again (S10).
    let mut trng = Rng::new(rng.next());
    let mut ov_rng = if defect == Some(Defect::S10) {
        Rng::new(text_seed ^ 0xabcdef)
    } else {
        Rng::new(trng.next())
    };
    let mut over = overview(&mut ov_rng, &id, year, &t, prev_new);
    let mut pre = vec![preface(&id, year)];
    let mut probs = problems(&mut trng, &id, year);
    let mut other = other_matters(&mut trng, &id);
    match defect {
        Some(Defect::S3) => {
            let new = Tables::total(&t.new);
            over[1] = run_in(
                "依申请公开。",
                format!("全年新收政府信息公开申请{}件，均已按期答复。", new + 7),
            );
        }
        Some(Defect::S4) => {
            other = vec![Value::String(format!("{}本年度没有其他需要报告的事项。", id.short))]
        }
        Some(Defect::S6Text) => pre = vec![preface(&id, year - 1)],
        Some(Defect::S7) => probs = vec![Value::String("无".into())],
        _ => {}
    }
    let mut report = report_json(&id, year, &t, note, (pre, over, probs, other));
    match defect {
        Some(Defect::S5) => {
            report["title"] = json!(format!("{}{year}年政府信息公开年度工作报告", id.organization))
        }
        Some(Defect::S6Title) => {
            report["title"] =
                json!(format!("{}{}年政府信息公开工作年度报告", id.organization, year - 1))
        }
        Some(Defect::R5) => {
            // A cell left as "/": it reads as 0, so pick one that is 0.
            let col = ["research", "social_welfare", "legal_service", "commercial", "other"]
                .iter()
                .find(|c| report["requests"]["carried_forward"][**c] == json!(0))
                .expect("a zero cell");
            report["requests"]["carried_forward"][*col] = json!("/");
        }
        Some(Defect::S8) => {
            let zeros: Vec<String> = ["research", "social_welfare", "legal_service"]
                .iter()
                .filter(|c| report["requests"]["carried_forward"][**c] == json!(0))
                .map(|c| format!("requests.carried_forward.{c}"))
                .collect();
            let placeholders: Vec<Value> = zeros
                .iter()
                .enumerate()
                .map(|(k, p)| json!({ "path": p, "raw": if k == 0 { "" } else { "/" }, "origin": format!("第2个表格第29行第{}列", k + 5) }))
                .collect();
            report["imported"] = json!({ "source": format!("{}.docx", id.organization), "format": "docx", "placeholders": placeholders });
        }
        _ => {}
    }
    let file = format!("{:03}-{}.json", i, id.short);
    Unit { id, file, report, previous, tables: t }
}

fn report_json(
    id: &Identity,
    year: u16,
    t: &Tables,
    note: Option<&str>,
    text: (Vec<Value>, Vec<Value>, Vec<Value>, Vec<Value>),
) -> Value {
    let (mut proactive, requests, appeals) = tables_json(t);
    if let Some(n) = note {
        proactive["normative_documents"]["note"] = json!(n);
    }
    json!({
        "schema": "nianbao/1",
        "organization": id.organization,
        "year": year,
        "level": id.level,
        "preface": text.0,
        "overview": text.1,
        "proactive": proactive,
        "requests": requests,
        "appeals": appeals,
        "problems": text.2,
        "other_matters": text.3,
    })
}

/// Copy unit `from`'s first paragraph of section 五 into `to` (names swapped), as a unit
/// that copies its neighbour's report does.
pub fn copy_problems(units: &mut [Unit], from: usize, to: usize) {
    let text = units[from].report["problems"][0].as_str().unwrap_or_default().to_string();
    let text = text.replace(&units[from].id.short, &units[to].id.short);
    units[to].report["problems"][0] = Value::String(text);
}

/// A county of `n` units with the given defects (unit index → defect).
pub fn county(
    seed: u64,
    name: &str,
    n: usize,
    year: u16,
    defects: &[(usize, Defect)],
) -> Vec<Unit> {
    let mut used = std::collections::HashSet::new();
    let mut units: Vec<Unit> = (0..n)
        .map(|i| {
            let d = defects.iter().find(|(k, _)| *k == i).map(|(_, d)| *d);
            unit(seed, name, i, year, d, &mut used)
        })
        .collect();
    for &(i, d) in defects {
        if let Defect::S11From(from) = d {
            copy_problems(&mut units, from, i);
        }
    }
    units
}

/// Many counties (for the benchmark): `n` units in counties of 40.
pub fn province(seed: u64, n: usize, year: u16) -> Vec<Unit> {
    let mut used = std::collections::HashSet::new();
    let mut rng = Rng::new(seed);
    let mut counties = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let mut c = format!("{}县", place(&mut rng, 2));
        while !counties.insert(c.clone()) {
            c = format!("{}县", place(&mut rng, 2));
        }
        for i in 0..40.min(n - out.len()) {
            out.push(unit(seed ^ out.len() as u64, &c, i, year, None, &mut used));
        }
    }
    out
}
