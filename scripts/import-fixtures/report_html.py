"""A report as a government portal page shows it: the site's navigation, breadcrumb and
footer around the article, and the article as pasted from Word into the site's rich
editor (MsoNormal paragraphs, inline spans with the official fonts, &nbsp; padding, tables
of <td> only with `border:1px solid windowtext`, header text one <p> per line,
rowspan="22") or as typed into a simpler CMS (<p style="text-indent:2em">, <strong>)."""

from html import escape

import form

CHROME_TOP = """<div class="top"><div class="logo">临江县人民政府</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; 政府信息公开年报</div>
"""

CHROME_BOTTOM = """<div class="page-tools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
<div class="prev-next"><p>上一篇：<a href="/a.html">关于公布2024年度部门预算的公告</a></p><p>下一篇：<a href="/b.html">2024年第四季度政务公开工作情况</a></p></div>
</div>
<div class="footer"><p>主办单位：临江县人民政府办公室　承办：临江县政务服务数据管理局</p>
<p>网站标识码：3611230001　赣ICP备05001234号-1　赣公网安备 36112302000123号</p></div>
<script>var _hmt = _hmt || []; document.title = document.title;</script>
"""

STYLE = """<style>
<!-- /* Style Definitions */ p.MsoNormal {margin:0cm;text-align:justify;font-size:10.5pt;font-family:等线;}
.TRS_Editor table {margin:0 auto} --></style>"""


def page(data, style, charset_meta, opts):
    """The whole page as text (the caller encodes it)."""
    title = form.title(data)
    meta = {"utf-8": '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
            "gbk": "<meta charset=gbk>",
            None: ""}[charset_meta]
    article = (word_paste(data, opts) if style == "word" else cms(data, opts))
    published = opts.get("published", "2025-01-24")
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
{meta}
<title>{escape(title)}_政府信息公开年报</title>
{STYLE}
</head>
<body>
{CHROME_TOP}<div class="article">
<h1 class="article-title">{escape(title)}</h1>
<div class="info">发布时间：{published}　来源：{escape(data['organization'])}　浏览次数：<span id="hits">128</span>　【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="TRS_Editor" id="zoom">
{article}
</div>
{CHROME_BOTTOM}</body>
</html>
"""


def span(text, font="仿宋_GB2312", size="16.0pt"):
    return f"<span style='font-size:{size};font-family:{font}'>{escape(text)}</span>"


def mso(inner, indent=True, align=None):
    style = "text-indent:32.0pt;line-height:28.0pt;mso-line-height-rule:exactly" if indent else "line-height:28.0pt"
    a = f" align={align}" if align else ""
    if align:
        style = f"text-align:{align};" + style
    return f"<p class=MsoNormal{a} style='{style}'>{inner}<span lang=EN-US><o:p></o:p></span></p>\n"


def word_paste(data, opts):
    out = [mso("<b>" + span(form.title(data), "方正小标宋简体", "22.0pt") + "</b>", indent=False, align="center"),
           mso("<span lang=EN-US>&nbsp;</span>", indent=False)]
    for p in data.get("preface", []):
        out.append(mso(span(p)))
    sections(out, data, opts, lambda h: mso(span(h, "黑体")), word_narrative)
    signature(out, data, lambda t: mso(span(t), indent=False, align="right"))
    return "".join(out)


def word_narrative(out, items, level=2):
    counter = 0
    for item in items:
        if isinstance(item, str):
            out.append(mso(span(item)))
            continue
        counter += 1
        number = f"（{form.chinese(counter)}）" if level == 2 else f"{counter}."
        font = "楷体_GB2312" if level == 2 else "仿宋_GB2312"
        head = span(number + item["heading"], font)
        if "text" in item:
            out.append(mso(f"<b>{head}</b>" + span(item["text"])))
        else:
            out.append(mso(head))
            word_narrative(out, item["paragraphs"], level=3)


def cms(data, opts):
    pad = "&nbsp;" * 4
    out = []
    for p in data.get("preface", []):
        out.append(f'<p style="text-indent:2em;">{pad}{escape(p)}</p>\n')
    sections(out, data, opts, lambda h: f"<p><strong>{escape(h)}</strong></p>\n", cms_narrative)
    signature(out, data, lambda t: f'<p style="text-align: right;">{escape(t)}</p>\n')
    return "".join(out)


def cms_narrative(out, items, level=2):
    counter = 0
    for item in items:
        if isinstance(item, str):
            out.append(f'<p style="text-indent:2em;">{escape(item)}</p>\n')
            continue
        counter += 1
        number = f"（{form.chinese(counter)}）" if level == 2 else f"{counter}."
        if "text" in item:
            out.append(f'<p style="text-indent:2em;"><strong>{escape(number + item["heading"])}</strong>'
                       f'{escape(item["text"])}</p>\n')
        else:
            out.append(f'<p style="text-indent:2em;"><strong>{escape(number + item["heading"])}</strong></p>\n')
            cms_narrative(out, item["paragraphs"], level=3)


def sections(out, data, opts, heading, narrative):
    keys = {0: "overview", 4: "problems", 5: "other_matters"}
    for s, h in enumerate(form.SECTIONS):
        out.append(heading(opts.get("headings", {}).get(s, h)))
        if s in keys:
            narrative(out, data.get(keys[s], []))
        else:
            out.append([table2, table3, table4][s - 1](data, opts))


def signature(out, data, line):
    sig = data.get("signature")
    if sig:
        out.append(line("\u3000"))
        out.append(line(sig["organization"]))
        out.append(line(form.date_cn(sig["date"])))


def td(text, colspan=1, rowspan=1, lines=None, width=None):
    attrs = ""
    if colspan > 1:
        attrs += f" colspan={colspan}"
    if rowspan > 1:
        attrs += f' rowspan="{rowspan}"'
    if width:
        attrs += f" width={width}"
    style = ("border:solid windowtext 1.0pt;border-top:none;mso-border-alt:solid windowtext .5pt;"
             "padding:0cm 5.4pt 0cm 5.4pt")
    paras = lines if lines else [text]
    inner = "".join(
        f"<p class=MsoNormal align=center style='text-align:center'><span style='font-size:10.5pt;"
        f"font-family:宋体'>{escape(l) if l else '&nbsp;'}</span></p>" for l in paras)
    return f"<td{attrs} valign=middle style='{style}'>{inner}</td>"


def cell_value(v, total, opts):
    if opts.get("blank_parts") and not total and v == 0:
        return ""
    return f"\u00a0{v}\u00a0" if opts.get("nbsp_numbers") else str(v)


def table(rows):
    body = "".join("<tr style='height:20.0pt'>" + "".join(r) + "</tr>\n" for r in rows)
    return ("<div align=center><table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 "
            "style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt'>\n"
            f"<tbody>\n{body}</tbody></table></div>\n")


def split(label, n=2):
    return [label[i:i + n] for i in range(0, len(label), n)]


def table2(data, opts):
    t = form.t2(data)
    v = lambda x: cell_value(x, False, opts)
    return table([
        [td("第二十条第（一）项", 4)],
        [td("信息内容"), td("本年制发件数"), td("本年废止件数"), td("现行有效件数")],
        [td("规章")] + [td(v(x)) for x in t["rules"]],
        [td("行政规范性文件")] + [td(v(x)) for x in t["normative_documents"]],
        [td("第二十条第（五）项", 4)],
        [td("信息内容"), td("本年处理决定数量", 3)],
        [td("行政许可"), td(v(t["licensing"]), 3)],
        [td("第二十条第（六）项", 4)],
        [td("信息内容"), td("本年处理决定数量", 3)],
        [td("行政处罚"), td(v(t["punishment"]), 3)],
        [td("行政强制"), td(v(t["enforcement"]), 3)],
        [td("第二十条第（八）项", 4)],
        [td("信息内容"), td("本年收费金额（单位：万元）", 3)],
        [td("行政事业性收费"), td(t["fees"], 3)],
    ])


def table3(data, opts):
    rows = [
        [td(form.T3_NOTE, 3, 3), td("申请人情况", 7)],
        [td("自然人", rowspan=2, lines=["自然", "人"]), td("法人或其他组织", 5), td("总计", rowspan=2)],
        [td(l, lines=split(l)) for l in form.T3_COLUMN_LABELS[1:6]],
    ]
    prev_group = None
    for i, (key, group, label, vals) in enumerate(form.t3(data)):
        label = opts.get("labels", {}).get(key, label)
        nums = [td(cell_value(x, c == 6, opts)) for c, x in enumerate(vals)]
        if key in ("new", "carried_over", "carried_forward"):
            rows.append([td(label, 3)] + nums)
            continue
        lead = [td(form.T3_RESULTS, rowspan=22, lines=["三、本", "年度办", "理结果"])] if key == "granted" else []
        if group is None:
            rows.append(lead + [td(label, 2)] + nums)
        else:
            g = [td(group, rowspan=form.GROUP_SPANS[group], lines=[group[:3], group[3:5], group[5:]])] \
                if group != prev_group else []
            rows.append(lead + g + [td(label)] + nums)
        prev_group = group
    return table(rows)


def table4(data, opts):
    labels = form.T4_COLUMN_LABELS
    vals = form.t4(data)
    return table([
        [td("行政复议", 5), td("行政诉讼", 10)],
        [td(l, rowspan=2, lines=split(l)) for l in labels] + [td("未经复议直接起诉", 5), td("复议后起诉", 5)],
        [td(l, lines=split(l)) for l in labels] * 2,
        [td(cell_value(x, i % 5 == 4, opts)) for i, x in enumerate(vals)],
    ])
