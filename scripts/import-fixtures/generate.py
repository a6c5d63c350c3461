#!/usr/bin/env python3
"""Makes the import fixtures in tests/fixtures/import/: .docx files as Word and WPS write
them and portal pages as offices publish them, each from a report's data, plus
`<fixture>.expected.json`, the data an import must give back (the source data as printed:
the title when it is not the default, a 2019-style single row （六）其他处理 counted in
3.其他; `level` is not printed, so not expected).

Only the Python standard library is needed. Run from anywhere:

    python3 scripts/import-fixtures/generate.py

The output is deterministic (fixed seeds, fixed zip dates), so re-running it changes
nothing unless the generator changed.
"""

import copy
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "tests", "fixtures", "import")
sys.path.insert(0, HERE)

import form  # noqa: E402
import report_docx  # noqa: E402
import report_html  # noqa: E402
from report_docx import Options  # noqa: E402


def load(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return json.load(f)


def expected(data, printed_title=None):
    """What an import must give back: the data as printed."""
    e = copy.deepcopy(data)
    e.pop("level", None)
    title = "".join((printed_title or form.title(data)).split())
    default = f"{e['organization']}{e['year']}年政府信息公开工作年度报告"
    if title == default:
        e.pop("title", None)
    else:
        e["title"] = title
    return e


def save_expected(name, data):
    with open(os.path.join(OUT, name + ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
        f.write("\n")


def write_html(name, text, encoding):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(text.encode(encoding))


def main():
    os.makedirs(OUT, exist_ok=True)
    county = load("samples/county-department.json")
    seed = load("samples/seed.json")
    long = load("samples/long-narrative.json")
    shimen = load("scripts/import-fixtures/shimen-2023.json")
    qingshan = load("scripts/import-fixtures/qingshan-2024.json")

    # Word 2016: outline and subheadings numbered by numbering.xml, a content control, a
    # tracked change, a text box; table 三 whole, header rows marked to repeat.
    report_docx.write(county, "word", Options(auto_numbers=True, extras=True, title_break=True),
                      os.path.join(OUT, "word-county.docx"), seed=1)
    save_expected("word-county.docx", expected(county))

    # The long report in Word: own-line subheadings with their paragraphs and 1. run-ins.
    report_docx.write(long, "word", Options(auto_numbers=True), os.path.join(OUT, "word-long.docx"), seed=6)
    save_expected("word-long.docx", expected(long))

    # WPS: numbers typed in the text, table 二 as four small tables, table 三 split across
    # two tables with the header repeated, full-width digits, a title typed with spaces.
    typed = "蔡家堡乡 2024 年政府信息 公开年度工作报告"
    report_docx.write(seed, "wps", Options(split_t2=True, split_t3=9, fullwidth=True, title_text=typed),
                      os.path.join(OUT, "wps-seed.docx"), seed=2)
    save_expected("wps-seed.docx", expected(seed, typed))

    # A Word paste into a portal's editor, UTF-8, own-line and level-3 subheadings.
    write_html("portal-long.html", report_html.page(long, "word", "utf-8", {"nbsp_numbers": True}), "utf-8")
    save_expected("portal-long.html", expected(long))

    # A simpler CMS page in GBK, declared with <meta charset=gbk>.
    write_html("portal-gbk.html", report_html.page(shimen, "cms", "gbk", {"published": "2024-01-19"}), "gbk")
    save_expected("portal-gbk.html", expected(shimen))

    # GB18030 with no declaration at all (sniffed); non-total cells left blank.
    write_html("portal-sniffed.html",
               report_html.page(qingshan, "cms", None, {"blank_parts": True, "published": "2025-01-16"}),
               "gb18030")
    save_expected("portal-sniffed.html", expected(qingshan))

    # Reworded headings, a label missing a character, and a 2021 table that still prints
    # （六）其他处理 as one row (its numbers are read into 3.其他).
    reworded = copy.deepcopy(county)
    oh = reworded["requests"]["other_handling"]
    rows = [form.row_cells(oh.get(k)) for k in ("no_correction", "unpaid_fee", "other")]
    merged = [sum(col) for col in zip(*rows)]
    reworded["requests"]["other_handling"] = {
        "other": dict(zip(form.T3_COLUMNS + ["total"], merged)),
    }
    report_docx.write(
        reworded, "word",
        Options(headings={3: "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况",
                          4: "五、存在的主要问题及整改措施"},
                labels={"withheld.prohibited_by_law": "2.其他法律行政法规禁公开"},
                single_other_handling=True),
        os.path.join(OUT, "reworded.docx"), seed=3)
    save_expected("reworded.docx", expected(reworded))

    # The 2019 试行 table 二, still used for a 2023 report.
    old = copy.deepcopy(shimen)
    old["organization"], old["title"] = "杨林镇人民政府", "杨林镇2023年政府信息公开年度报告"
    report_docx.write(old, "wps", Options(old_t2=True), os.path.join(OUT, "old-2019.docx"), seed=4)

    # The outline used before 2019 (seven parts, 收费及减免).
    outline = ["一、概述", "二、主动公开政府信息情况", "三、依申请公开政府信息情况",
               "四、政府信息公开的收费及减免情况", "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
               "六、政府信息公开工作存在的主要问题及改进情况", "七、其他需要报告的事项"]
    text = {
        0: ["2018年，我镇认真贯彻落实《中华人民共和国政府信息公开条例》，政府信息公开工作有序开展。"],
        1: ["全年主动公开政府信息156条，其中通过镇政府网站公开98条，通过公开栏公开58条。"],
        2: ["全年共受理政府信息公开申请2件，均已按期答复。"],
        3: ["本年度未收取任何费用，无减免情况。"],
        4: ["本年度无因政府信息公开申请行政复议、提起行政诉讼的情况。"],
        5: ["公开内容还不够全面，下一步将进一步规范公开目录。"],
        6: ["无其他需要报告的事项。"],
    }
    pre = {"organization": "杨林镇人民政府", "year": 2018, "preface": []}
    report_docx.write(pre, "word", Options(outline=outline, outline_text=text),
                      os.path.join(OUT, "old-outline.docx"), seed=5)


if __name__ == "__main__":
    main()
