"""Writes .docx packages the way Word 2016 and WPS Office 2019 write them: the parts and
namespaces each puts in, rPr noise on every run, runs split mid-word and mid-number,
w:proofErr, bookmarks, w:lang, rsids, tables on a w:tblGrid with w:gridSpan and
w:vMerge (restart / continue; WPS writes a bare <w:vMerge/>), Word auto-numbering for
一、 and （一） headings (numbering.xml, not in the text), content controls, a tracked
deletion, and a text box in mc:AlternateContent that is not part of the report.
"""

import random
import zipfile
from xml.sax.saxutils import escape

W_NS = (
    'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
)
WPS_NS = 'xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData" '

FANG = "仿宋_GB2312"
KAI = "楷体_GB2312"
HEI = "黑体"
SONG = "宋体"
TITLE_FONT = "方正小标宋简体"


class Docx:
    """One document being written; `flavour` is "word" or "wps"."""

    def __init__(self, flavour, seed):
        self.flavour = flavour
        self.rng = random.Random(seed)
        self.body = []
        self.bookmark = 0
        self.rsids = ["00%06X" % self.rng.randrange(16**6) for _ in range(6)]

    # --- runs -----------------------------------------------------------------------------

    def rpr(self, font, size=32, bold=False):
        if self.flavour == "wps":
            fonts = (f'<w:rFonts w:hint="eastAsia" w:ascii="{font}" w:hAnsi="{font}" '
                     f'w:eastAsia="{font}" w:cs="{font}"/>')
            lang = '<w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
        else:
            fonts = f'<w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}" w:hint="eastAsia"/>'
            lang = '<w:lang w:eastAsia="zh-CN"/>' if self.rng.random() < 0.5 else ""
        b = "<w:b/><w:bCs/>" if bold else ""
        return f"<w:rPr>{fonts}{b}<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>{lang}</w:rPr>"

    def chunks(self, text):
        """Split text the way editing leaves runs: at random places, numbers included."""
        out, i = [], 0
        while i < len(text):
            n = self.rng.randint(2, 14)
            piece = text[i:i + n]
            # Split a number in two now and then, as Word does after an edit.
            for j in range(1, len(piece)):
                if piece[j - 1].isdigit() and piece[j].isdigit() and self.rng.random() < 0.5:
                    piece = piece[:j]
                    break
            out.append(piece)
            i += len(piece)
        return out

    def runs(self, text, font=FANG, size=32, bold=False, split=True):
        xml = []
        for piece in (self.chunks(text) if split else [text]):
            rsid = self.rng.choice(self.rsids)
            noise = self.rng.random()
            if noise < 0.08:
                xml.append('<w:proofErr w:type="spellStart"/>')
            attrs = f' w:rsidRPr="{rsid}"' if self.flavour == "word" else ""
            xml.append(f'<w:r{attrs}>{self.rpr(font, size, bold)}'
                       f'<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
            if noise < 0.08:
                xml.append('<w:proofErr w:type="spellEnd"/>')
        return "".join(xml)

    # --- paragraphs -------------------------------------------------------------------------

    def ppr(self, style=None, jc=None, num=None, indent=True, outline=None):
        parts = []
        if style:
            parts.append(f'<w:pStyle w:val="{style}"/>')
        if num:
            parts.append(f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>')
        parts.append('<w:spacing w:line="560" w:lineRule="exact"/>')
        if indent:
            parts.append('<w:ind w:firstLineChars="200" w:firstLine="640"/>')
        if jc:
            parts.append(f'<w:jc w:val="{jc}"/>')
        if outline is not None:
            parts.append(f'<w:outlineLvl w:val="{outline}"/>')
        return "<w:pPr>" + "".join(parts) + "</w:pPr>"

    def para(self, inner, **ppr):
        attrs = ""
        if self.flavour == "word":
            attrs = f' w:rsidR="{self.rsids[0]}" w:rsidRDefault="{self.rsids[1]}" w:rsidP="{self.rng.choice(self.rsids)}"'
        self.body.append(f"<w:p{attrs}>{self.ppr(**ppr)}{inner}</w:p>")

    def empty(self):
        self.body.append("<w:p/>")

    def page_break(self):
        self.body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    def bookmarked(self, inner, name=None):
        self.bookmark += 1
        name = name or f"_Toc{self.rng.randrange(10**8, 10**9)}"
        return (f'<w:bookmarkStart w:id="{self.bookmark}" w:name="{name}"/>{inner}'
                f'<w:bookmarkEnd w:id="{self.bookmark}"/>')

    # --- tables -----------------------------------------------------------------------------

    def cell(self, text, width, span=1, vmerge=None, font=SONG, size=21, lines=None):
        pr = [f'<w:tcW w:w="{width * span}" w:type="dxa"/>']
        if span > 1:
            pr.append(f'<w:gridSpan w:val="{span}"/>')
        if vmerge == "restart":
            pr.append('<w:vMerge w:val="restart"/>')
        elif vmerge == "continue":
            pr.append("<w:vMerge/>" if self.flavour == "wps" else '<w:vMerge w:val="continue"/>')
        pr.append('<w:vAlign w:val="center"/>')
        if vmerge == "continue":
            paras = '<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>'
        else:
            pieces = lines if lines else [text]
            paras = ""
            for k, line in enumerate(pieces):
                if self.flavour == "wps" and lines is None and "\n" in line:
                    inner = "<w:r><w:br/></w:r>".join(self.runs(l, font, size, split=False) for l in line.split("\n"))
                else:
                    inner = self.runs(line, font, size, split=len(line) > 6) if line else ""
                paras += f'<w:p><w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr>{inner}</w:p>'
        return f"<w:tc><w:tcPr>{''.join(pr)}</w:tcPr>{paras}</w:tc>"

    def table(self, grid, rows, header_rows=0):
        """`grid`: column widths (dxa); `rows`: lists of cell xml."""
        borders = "".join(
            f'<w:{b} w:val="single" w:color="auto" w:sz="4" w:space="0"/>'
            for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
        tblpr = (f'<w:tblPr><w:tblW w:w="{sum(grid)}" w:type="dxa"/><w:jc w:val="center"/>'
                 f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
                 '<w:tblCellMar><w:left w:w="28" w:type="dxa"/><w:right w:w="28" w:type="dxa"/></w:tblCellMar>'
                 '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>')
        cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in grid)
        trs = []
        for i, cells in enumerate(rows):
            trpr = '<w:trPr><w:trHeight w:val="397" w:hRule="atLeast"/>'
            if i < header_rows:
                trpr += "<w:tblHeader/>"
            trpr += '<w:jc w:val="center"/></w:trPr>'
            attrs = f' w:rsidR="{self.rsids[2]}" w:rsidTr="{self.rsids[3]}"' if self.flavour == "word" else ""
            trs.append(f"<w:tr{attrs}>{trpr}{''.join(cells)}</w:tr>")
        self.body.append(f"<w:tbl>{tblpr}<w:tblGrid>{cols}</w:tblGrid>{''.join(trs)}</w:tbl>")

    # --- package ----------------------------------------------------------------------------

    def save(self, path, title):
        word = self.flavour == "word"
        sect = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
                '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="1474" w:gutter="0"/>'
                '<w:cols w:space="425"/><w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-849"/></w:sectPr>')
        ns = W_NS + ("" if word else WPS_NS)
        ignorable = "w14 w15 wp14" if word else "w14 w15 wp14"
        document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    f'<w:document {ns}mc:Ignorable="{ignorable}"><w:body>{"".join(self.body)}{sect}</w:body></w:document>')
        files = {
            "[Content_Types].xml": content_types(word),
            "_rels/.rels": root_rels(word),
            "word/_rels/document.xml.rels": document_rels(word),
            "word/document.xml": document,
            "word/styles.xml": styles(word),
            "word/numbering.xml": NUMBERING,
            "word/settings.xml": settings(word),
            "word/fontTable.xml": FONT_TABLE,
            "docProps/core.xml": core(title),
            "docProps/app.xml": app(word),
        }
        if not word:
            files["docProps/custom.xml"] = WPS_CUSTOM
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, text in files.items():
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, text.encode("utf-8"))


def content_types(word):
    custom = "" if word else '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
            '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
            '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
            '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
            f'{custom}</Types>')


def root_rels(word):
    custom = "" if word else (
        '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            f'{custom}</Relationships>')


def document_rels(word):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
            '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>'
            '</Relationships>')


def styles(word):
    # Word names styles by English ids; WPS by numbers ("1" Normal, "2" heading 1 …).
    normal, h1, h2 = ("a", "1", "2") if word else ("1", "2", "3")
    defaults = ('<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" '
                'w:eastAsiaTheme="minorEastAsia" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/>'
                '<w:kern w:val="2"/><w:sz w:val="21"/><w:szCs w:val="22"/><w:lang w:val="en-US" '
                'w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault>'
                '<w:pPr><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>')
    h1_num = '<w:numPr><w:numId w:val="1"/></w:numPr>' if word else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w14">'
            f'{defaults}'
            f'<w:style w:type="paragraph" w:default="1" w:styleId="{normal}"><w:name w:val="Normal"/><w:qFormat/>'
            '<w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>'
            f'<w:style w:type="paragraph" w:styleId="{h1}"><w:name w:val="heading 1"/><w:basedOn w:val="{normal}"/>'
            f'<w:next w:val="{normal}"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>{h1_num}'
            '<w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:kern w:val="44"/>'
            '<w:sz w:val="32"/></w:rPr></w:style>'
            f'<w:style w:type="paragraph" w:styleId="{h2}"><w:name w:val="heading 2"/><w:basedOn w:val="{normal}"/>'
            f'<w:next w:val="{normal}"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>'
            '<w:outlineLvl w:val="1"/></w:pPr></w:style>'
            '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/></w:style>'
            '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
            '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/></w:tblPr></w:style>'
            '</w:styles>')


# Word's multilevel list for the outline: 一、 / （一） / 1. — numbers Word prints but does
# not store in the text.
NUMBERING = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             '<w:abstractNum w:abstractNumId="0"><w:nsid w:val="1B2F5C3A"/><w:multiLevelType w:val="multilevel"/>'
             '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>'
             '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
             '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>'
             '<w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/><w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr></w:lvl>'
             '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:suff w:val="nothing"/>'
             '<w:lvlText w:val="%3."/><w:lvlJc w:val="left"/></w:lvl>'
             '</w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
             '</w:numbering>')

FONT_TABLE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              + "".join(f'<w:font w:name="{f}"><w:charset w:val="86"/><w:family w:val="modern"/></w:font>'
                        for f in (FANG, KAI, HEI, SONG, TITLE_FONT))
              + '</w:fonts>')


def settings(word):
    compat = ('<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/>'
              '<w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/>'
              '<w:useFELayout/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>')
    rsids = "" if not word else '<w:rsids><w:rsidRoot w:val="00A73C2E"/></w:rsids>'
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:zoom w:percent="100"/><w:bordersDoNotSurroundHeader/><w:defaultTabStop w:val="420"/>'
            '<w:drawingGridVerticalSpacing w:val="156"/><w:characterSpacingControl w:val="compressPunctuation"/>'
            f'{compat}{rsids}</w:settings>')


def core(title):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{escape(title)}</dc:title><dc:creator>Administrator</dc:creator>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2025-01-15T08:30:00Z</dcterms:created>'
            '</cp:coreProperties>')


def app(word):
    name = "Microsoft Office Word" if word else "WPS Office_11.1.0.14309_F1"
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f'<Template>Normal.dotm</Template><Application>{name}</Application><DocSecurity>0</DocSecurity></Properties>')


WPS_CUSTOM = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
              'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
              '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
              '<vt:lpwstr>2052-11.1.0.14309</vt:lpwstr></property>'
              '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="ICV">'
              '<vt:lpwstr>8E5A1C6B2F0D4A3E9C7B1D2E3F4A5B6C_12</vt:lpwstr></property></Properties>')
