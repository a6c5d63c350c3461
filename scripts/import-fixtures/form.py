"""The form's labels and a report's printed cells, for the import fixture generator.

The labels are typed here as the form prints them (国办公开办函〔2021〕30号); the tests
check the importer against the data the fixtures were made from, so these must be the
printed form's words, not nianbao's.
"""

SECTIONS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_COLUMNS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other"]
T3_COLUMN_LABELS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]

# (data path below requests, group label or None, row label)
T3_ROWS = [
    ("new", None, "一、本年新收政府信息公开申请数量"),
    ("carried_over", None, "二、上年结转政府信息公开申请数量"),
    ("granted", None, "（一）予以公开"),
    ("partially_granted", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("withheld.state_secret", "（三）不予公开", "1.属于国家秘密"),
    ("withheld.prohibited_by_law", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("withheld.three_safeties_one_stability", "（三）不予公开", "3.危及“三安全一稳定”"),
    ("withheld.third_party_rights", "（三）不予公开", "4.保护第三方合法权益"),
    ("withheld.internal_affairs", "（三）不予公开", "5.属于三类内部事务信息"),
    ("withheld.process_information", "（三）不予公开", "6.属于四类过程性信息"),
    ("withheld.enforcement_files", "（三）不予公开", "7.属于行政执法案卷"),
    ("withheld.query_matters", "（三）不予公开", "8.属于行政查询事项"),
    ("unable.not_held", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unable.needs_creation", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("unable.unclear", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("not_processed.complaints", "（五）不予处理", "1.信访举报投诉类申请"),
    ("not_processed.duplicate", "（五）不予处理", "2.重复申请"),
    ("not_processed.publications", "（五）不予处理", "3.要求提供公开出版物"),
    ("not_processed.excessive", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("not_processed.reconfirmation", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    ("other_handling.no_correction", "（六）其他处理",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_handling.unpaid_fee", "（六）其他处理",
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_handling.other", "（六）其他处理", "3.其他"),
    ("handled_total", None, "（七）总计"),
    ("carried_forward", None, "四、结转下年度继续办理"),
]
T3_RESULTS = "三、本年度办理结果"
GROUP_SPANS = {"（三）不予公开": 8, "（四）无法提供": 3, "（五）不予处理": 5, "（六）其他处理": 3}

T4_GROUPS = ["review", "litigation", "litigation_after_review"]
T4_COLUMNS = ["upheld", "corrected", "other", "pending"]
T4_COLUMN_LABELS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def get(data, path, default=None):
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return default
        data = data[part]
    return data


def row_cells(row):
    """The seven printed cells of a table-三 row: six parts and 总计 (given or summed)."""
    row = row or {}
    parts = [row.get(c, 0) for c in T3_COLUMNS]
    return parts + [row.get("total", sum(parts))]


def t3(data):
    """Table 三's 25 rows as (key, group, label, [7 printed numbers])."""
    req = data.get("requests", {})
    leaves = [r for r in T3_ROWS[2:23]]
    rows = []
    for key, group, label in T3_ROWS:
        if key == "handled_total" and "handled_total" not in req:
            sums = [0] * 7
            for lk, _, _ in leaves:
                for i, v in enumerate(row_cells(get(req, lk))):
                    sums[i] += v
            rows.append((key, group, label, sums))
        else:
            rows.append((key, group, label, row_cells(get(req, key))))
    return rows


def t4(data):
    """Table 四's 15 printed numbers."""
    out = []
    for g in T4_GROUPS:
        grp = get(data, "appeals." + g) or {}
        parts = [grp.get(c, 0) for c in T4_COLUMNS]
        out += parts + [grp.get("total", sum(parts))]
    return out


def t2(data):
    p = data.get("proactive", {})
    stock = lambda k: [get(p, k + "." + c, 0) for c in ("issued", "repealed", "in_force")]
    return {
        "rules": stock("rules"),
        "normative_documents": stock("normative_documents"),
        "licensing": p.get("licensing", 0),
        "punishment": p.get("punishment", 0),
        "enforcement": p.get("enforcement", 0),
        "fees": str(p.get("fees", "0")),
    }


def chinese(n):
    d = "零一二三四五六七八九"
    if n < 10:
        return d[n]
    if n < 20:
        return "十" + ("" if n == 10 else d[n - 10])
    return d[n // 10] + "十" + ("" if n % 10 == 0 else d[n % 10])


def date_cn(iso):
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日"


def title(data):
    return data.get("title") or f"{data['organization']}{data['year']}年政府信息公开工作年度报告"


def fullwidth(s):
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in s)
