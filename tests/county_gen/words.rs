//! Word lists and names the generated reports are composed from, and how a count is
//! written (sometimes in Chinese numerals).

use super::Rng;

pub const SYLLABLES: &[&str] = &[
    "安", "白", "柏", "宝", "北", "碧", "长", "陈", "城", "崇", "大", "丹", "东", "凤", "福", "高",
    "古", "关", "广", "桂", "河", "和", "红", "虎", "花", "黄", "金", "锦", "九", "丽", "莲", "林",
    "龙", "芦", "马", "梅", "木", "南", "磐", "平", "埔", "七", "青", "清", "泉", "瑞", "三", "沙",
    "山", "石", "双", "水", "松", "太", "潭", "塘", "桃", "天", "田", "铜", "湾", "望", "文", "西",
    "溪", "仙", "新", "杏", "阳", "杨", "叶", "永", "玉", "园", "云", "枣", "樟", "竹", "紫", "坪",
];
pub const TOWN_KINDS: &[&str] = &["镇", "乡", "镇", "镇", "乡", "街道"];
pub const DEPARTMENTS: &[&str] = &[
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
pub const VILLAGE_TAILS: &[&str] = &["村", "社区", "村", "村", "居委会"];
pub const PROJECTS: &[&str] = &[
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
pub const TOPICS: &[&str] = &[
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
pub const CHANNELS: &[&str] = &[
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
pub const VERBS_PUBLISH: &[&str] =
    &["主动公开", "发布", "及时公开", "集中公开", "逐项公开", "按月公开", "分类公开"];
pub const ACTIONS: &[&str] = &[
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
pub const ROLES: &[&str] =
    &["分管领导", "党政办主任", "业务骨干", "各村支部书记", "站所负责人", "政务公开专干"];
pub const ASPECTS: &[&str] = &[
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
pub const ISSUES: &[&str] = &[
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
pub const SYMPTOMS: &[&str] = &[
    "领域的公开尤为明显",
    "方面群众反映较多",
    "事项的信息更新滞后",
    "工作中暴露得比较充分",
    "相关栏目内容偏少",
    "的公开信息可读性不强",
];
pub const FIXES: &[&str] = &[
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
pub const FOLLOWUPS: &[&str] = &[
    "由党政办每月通报",
    "明确专人跟踪落实",
    "纳入季度督查",
    "年底前全部完成",
    "列入年度重点任务",
    "定期向群众反馈",
    "实行销号管理",
    "与部门考核挂钩",
];
pub const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高", "林",
];

pub fn place(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| *rng.pick(SYLLABLES)).collect()
}

pub const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// A count as an office might write it: small ones sometimes in Chinese numerals.
pub fn count(rng: &mut Rng, n: u64) -> String {
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
