"""A report laid out in a .docx as offices lay it out: title, preface, the six sections with
run-in and own-line subheadings, tables 二/三/四 with their merged headers, signature."""

from docx import Docx, FANG, KAI, HEI, SONG, TITLE_FONT
import form


def numbered(heading):
    """Whether a heading carries its own number (then nobody numbers it again)."""
    h = heading.lstrip()
    if h[:1] in "（(" and "）" in h[:5] or h[:1] in "（(" and ")" in h[:5]:
        return True
    return h[:1].isdigit() and h[1:2] in ".．、"


class Options:
    """How a fixture deviates from a clean report."""

    def __init__(self, **kw):
        self.auto_numbers = False       # Word numbering.xml for 一、 / （一） / 1.
        self.split_t2 = False           # table 二 as four small tables
        self.split_t3 = None            # table 三 split before this body row (0-based)
        self.fullwidth = False          # full-width digits in table 三
        self.title_break = False        # the title broken over two lines (w:br)
        self.title_text = None          # the title as typed (spaces…)
        self.headings = {}              # section index → printed heading
        self.labels = {}                # table-三 row key → printed label
        self.single_other_handling = False
        self.extras = False             # text box, tracked change, content control
        self.old_t2 = False             # the 2019 试行 table 二
        self.outline = None             # other section headings (an old outline)
        self.__dict__.update(kw)


def write(data, flavour, opts, path, seed):
    d = Docx(flavour, seed)
    word = flavour == "word"
    cell = d.cell

    # Title (in a content control in Word's variant).
    title = opts.title_text or form.title(data)
    if opts.title_break and "年" in title:
        cut = title.index("年") + 1
        inner = (d.runs(title[:cut], TITLE_FONT, 44, split=False) + "<w:r><w:br/></w:r>"
                 + d.runs(title[cut:], TITLE_FONT, 44, split=False))
    else:
        inner = d.runs(title, TITLE_FONT, 44, split=False)
    if word and opts.extras:
        d.body.append('<w:sdt><w:sdtPr><w:alias w:val="标题"/><w:tag w:val="title"/><w:id w:val="-1543221"/></w:sdtPr>'
                      f'<w:sdtContent><w:p>{d.ppr(jc="center", indent=False)}{d.bookmarked(inner, "_GoBack")}</w:p>'
                      '</w:sdtContent></w:sdt>')
    else:
        d.para(inner, jc="center", indent=False)
    d.empty()
    if word and opts.extras:
        # A text box stamped on the first page; its text is not the report's.
        box = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" '
               'distL="114300" distR="114300" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" '
               'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column">'
               '<wp:posOffset>4000000</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph">'
               '<wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="1200000" cy="400000"/>'
               '<wp:wrapNone/><wp:docPr id="1" name="文本框 1"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
               '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
               '<wps:txbx><w:txbxContent><w:p><w:r><w:t>公开方式：主动公开</w:t></w:r></w:p></w:txbxContent></wps:txbx>'
               '<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
               '<mc:Fallback><w:pict><v:shape id="文本框 1" o:spid="_x0000_s1026" type="#_x0000_t202">'
               '<v:textbox><w:txbxContent><w:p><w:r><w:t>公开方式：主动公开</w:t></w:r></w:p></w:txbxContent>'
               '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
        d.body[-1] = f"<w:p>{box}</w:p>"

    for p in data.get("preface", []):
        d.para(d.runs(p))

    headings = opts.outline or form.SECTIONS
    narrative = {0: "overview", 4: "problems", 5: "other_matters"}
    for s, heading in enumerate(headings):
        printed = opts.headings.get(s, heading)
        if word and opts.auto_numbers and opts.outline is None:
            text = printed.split("、", 1)[1]
            d.para(d.bookmarked(d.runs(text, HEI, split=False)), style="1", indent=True)
        elif word:
            # Typed numbers: the heading style's list is switched off (numId 0).
            d.para(d.runs(printed, HEI, split=False), style="1", num=(0, 0))
        else:
            d.para(d.runs(printed, HEI, split=False), style="2", outline=0)
        if opts.outline is not None:
            for p in opts.outline_text.get(s, []):
                d.para(d.runs(p))
            continue
        if s in narrative:
            paragraphs(d, data.get(narrative[s], []), opts, word)
        elif s == 1:
            table2(d, data, opts)
        elif s == 2:
            table3(d, data, opts)
        else:
            table4(d, data, opts)

    sig = data.get("signature")
    if sig:
        d.empty()
        d.empty()
        d.body.append(f'<w:p>{d.ppr(jc="right", indent=False)}{d.runs(sig["organization"])}</w:p>')
        d.body.append(f'<w:p>{d.ppr(jc="right", indent=False)}{d.runs(form.date_cn(sig["date"]))}</w:p>')
    d.save(path, title)


def paragraphs(d, items, opts, word, level=2):
    counter = 0
    for item in items:
        if isinstance(item, str):
            if word and opts.extras and "（" in item and len(item) > 30:
                # A tracked change: an insertion read, a deletion not.
                cut = len(item) // 2
                inner = (d.runs(item[:cut]) + '<w:del w:id="901" w:author="Administrator" w:date="2025-01-10T09:00:00Z">'
                         '<w:r><w:delText>（此处删除的文字）</w:delText></w:r></w:del>'
                         '<w:ins w:id="902" w:author="Administrator" w:date="2025-01-10T09:00:00Z">'
                         + d.runs(item[cut:]) + '</w:ins>')
                d.para(inner)
            else:
                d.para(d.runs(item))
            continue
        counter += 1
        heading = item["heading"]
        auto = word and opts.auto_numbers and not numbered(heading)
        if level == 2:
            label = "" if auto or numbered(heading) else f"（{form.chinese(counter)}）"
            font, bold = KAI, "text" in item
        else:
            label = "" if auto or numbered(heading) else f"{counter}."
            font, bold = FANG, True
        num = (1, level - 1) if auto else None
        head = d.runs(label + heading, font, bold=bold)
        if "text" in item:
            d.para(head + d.runs(item["text"]), num=num)
        else:
            d.para(head, num=num)
            paragraphs(d, item["paragraphs"], opts, word, level=3)


def value(v, opts):
    s = str(v)
    return form.fullwidth(s) if opts.fullwidth else s


def table2(d, data, opts):
    cell = d.cell
    w = 1800
    t = form.t2(data)
    if opts.old_t2:
        # The 2019 试行 table: other columns, 规范性文件, and a 第二十条第（九）项 block.
        rows = [
            [cell("第二十条第（一）项", w, 4)],
            [cell("信息内容", w), cell("本年新制作数量", w), cell("本年新公开数量", w), cell("对外公开总数量", w)],
            [cell("规章", w), cell("0", w), cell("0", w), cell("0", w)],
            [cell("规范性文件", w), cell("2", w), cell("2", w), cell("15", w)],
            [cell("第二十条第（五）项", w, 4)],
            [cell("信息内容", w), cell("上一年项目数量", w), cell("本年增/减", w), cell("处理决定数量", w)],
            [cell("行政许可", w), cell("12", w), cell("0", w), cell("326", w)],
            [cell("其他对外管理服务事项", w), cell("3", w), cell("0", w), cell("41", w)],
            [cell("第二十条第（九）项", w, 4)],
            [cell("信息内容", w), cell("采购项目数量", w, 2), cell("采购总金额", w)],
            [cell("政府集中采购", w), cell("4", w, 2), cell("36.5", w)],
        ]
        d.table([2600, w, w, w], rows)
        return
    blocks = [
        [[cell("第二十条第（一）项", w, 4)],
         [cell("信息内容", w), cell("本年制发件数", w), cell("本年废止件数", w), cell("现行有效件数", w)],
         [cell("规章", w)] + [cell(str(v), w) for v in t["rules"]],
         [cell("行政规范性文件", w)] + [cell(str(v), w) for v in t["normative_documents"]]],
        [[cell("第二十条第（五）项", w, 4)],
         [cell("信息内容", w), cell("本年处理决定数量", w, 3)],
         [cell("行政许可", w), cell(str(t["licensing"]), w, 3)]],
        [[cell("第二十条第（六）项", w, 4)],
         [cell("信息内容", w), cell("本年处理决定数量", w, 3)],
         [cell("行政处罚", w), cell(str(t["punishment"]), w, 3)],
         [cell("行政强制", w), cell(str(t["enforcement"]), w, 3)]],
        [[cell("第二十条第（八）项", w, 4)],
         [cell("信息内容", w), cell("本年收费金额（单位：万元）", w, 3)],
         [cell("行政事业性收费", w), cell(t["fees"], w, 3)]],
    ]
    if opts.split_t2:
        for i, rows in enumerate(blocks):
            if i:
                d.empty()
            d.table([2600, w, w, w], rows)
    else:
        d.table([2600, w, w, w], [r for b in blocks for r in b])


def split_lines(label, n=2):
    return [label[i:i + n] for i in range(0, len(label), n)]


def t3_header(d):
    cell, w = d.cell, 620
    return [
        [cell(form.T3_NOTE, 1430, 3, "restart"), cell("申请人情况", w, 7)],
        [cell("", 1430, 3, "continue"), cell("自然人", w, 1, "restart", lines=["自然", "人"]),
         cell("法人或其他组织", w, 5), cell("总计", w, 1, "restart")],
        [cell("", 1430, 3, "continue"), cell("", w, 1, "continue")]
        + [cell(l, w, lines=split_lines(l)) for l in form.T3_COLUMN_LABELS[1:6]]
        + [cell("", w, 1, "continue")],
    ]


def table3(d, data, opts):
    cell, w = d.cell, 620
    grid = [500, 700, 2100] + [w] * 7
    rows = form.t3(data)
    if opts.single_other_handling:
        other = rows[22][3]
        rows = rows[:20] + [("other_handling", None, "（六）其他处理", other)] + rows[23:]
    body = []
    first_in_part = True
    for i, (key, group, label, vals) in enumerate(rows):
        if opts.split_t3 is not None and i == opts.split_t3:
            first_in_part = True
        label = opts.labels.get(key, label)
        nums = [cell(value(v, opts), w) for v in vals]
        if key in ("new", "carried_over", "carried_forward"):
            body.append([cell(label, 500, 3)] + nums)
            continue
        results = "restart" if key == "granted" or first_in_part else "continue"
        if results == "continue":
            lead = [cell("", 500, 1, "continue")]
        elif d.flavour == "wps":
            lead = [cell("三、本\n年度办\n理结果", 500, 1, "restart")]
        else:
            lead = [cell(form.T3_RESULTS, 500, 1, "restart", lines=["三、本", "年度办", "理结果"])]
        first_in_part = False
        if group is None:
            body.append(lead + [cell(label, 1400, 2)] + nums)
        else:
            prev = rows[i - 1][1] if i else None
            starts = prev != group or (opts.split_t3 is not None and i == opts.split_t3)
            g = cell(group, 700, 1, "restart") if starts else cell("", 700, 1, "continue")
            body.append(lead + [g, cell(label, 2100)] + nums)
    header = t3_header(d)
    if opts.split_t3 is None:
        d.table(grid, header + body, header_rows=3)
    else:
        d.table(grid, header + body[:opts.split_t3], header_rows=3)
        d.page_break()
        d.table(grid, t3_header(d) + body[opts.split_t3:], header_rows=3)


def table4(d, data, opts):
    cell, w = d.cell, 600
    vals = form.t4(data)
    labels = form.T4_COLUMN_LABELS
    rows = [
        [cell("行政复议", w, 5), cell("行政诉讼", w, 10)],
        [cell(l, w, 1, "restart", lines=split_lines(l)) for l in labels]
        + [cell("未经复议直接起诉", w, 5), cell("复议后起诉", w, 5)],
        [cell("", w, 1, "continue") for _ in labels]
        + [cell(l, w, lines=split_lines(l)) for l in labels] * 2,
        [cell(str(v), w) for v in vals],
    ]
    d.table([w] * 15, rows, header_rows=3)
