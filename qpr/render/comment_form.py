"""The comment form (意见反馈表) a call for comments asks for, pre-filled from the drafting checks.

A notice that puts a draft out for comment (征求意见) attaches a form with
four columns, 条文序号 (the provision), 修改意见(增加条款) (the proposed
change, or a proposed new clause), 设立依据 (the basis for it) and 备注
(remarks), and asks for it back by a deadline, by e-mail or post. This module
fills that form in for a reader of the draft:

- :func:`comment_rows` turns each drafting finding
  (:func:`~qpr.analysis.coverage.drafting_findings`: a duty nobody is
  assigned to, an open-ended bearer such as 有关部门, a department the
  职责 (responsibilities) article leaves out, …) into one row: the provision,
  a suggestion worded as a government form would word it followed by the
  provision quoted, the article's cited sources from the draft's own
  legal-basis table (立法依据对照表), and the kind of problem in Chinese.
- :func:`comment_form_docx` and :func:`comment_form_xlsx` lay the rows out
  under the form's title (《条例名称》意见反馈表), the deadline and where to
  send it, and a line for the commenter's name and contact details.

The suggestions are drafts for a person to edit before sending: ``XX部门``
marks what only the commenter can fill in.

>>> import qpr
>>> from qpr.duties import extract
>>> reg = qpr.parse("第一条 建立制度。\\n")
>>> comment_rows(extract(reg), reg).columns.tolist()
['条文序号', '修改意见(增加条款)', '设立依据', '备注']
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import PurePath
from typing import TYPE_CHECKING

import attrs
import pandas as pd
import wcwidth

from qpr.duties.model import Reading
from qpr.model import Contact, Regulation

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import Table, _Cell, _Row
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run
    from openpyxl.cell.cell import Cell

    from qpr.analysis.names import NameFinding
    from qpr.basis import BasisTable

__all__ = [
    "COMMENT_COLUMNS",
    "FINDING_NOTES",
    "FormHeader",
    "comment_form_docx",
    "comment_form_header",
    "comment_form_xlsx",
    "comment_rows",
]

#: The form's columns, as the notice's 附件3 names them.
COMMENT_COLUMNS = ["条文序号", "修改意见(增加条款)", "设立依据", "备注"]
PROVISION, SUGGESTION, BASIS, NOTE = COMMENT_COLUMNS

#: The 备注 (remarks) cell for each kind of drafting finding.
FINDING_NOTES = {
    "unassigned": "责任主体缺失",
    "open-bearer": "责任主体不明确",
    "no-concrete-duty": "部门职责未细化",
    "not-in-responsibilities": "部门职责未列明",
    "no-duty": "未设定具体义务",
    "encouragement-only": "仅作倡导性规定",
    "unread": "表述需核实",
    "outdated-name": "机构名称已调整",
    "inconsistent-name": "名称表述不一致",
}

#: Blank rows a form gets when there is nothing to pre-fill (the notice's own 附件3 has seven).
BLANK_ROWS = 7
#: What introduces the quoted provision in a 修改意见 cell; the renderers set it in 楷体.
QUOTE_LEAD = "原条文："

_DRAFT_MARK = re.compile(r"\s*[（(](?:[^（()）]*?)(?:征求意见稿|草案|送审稿|修订稿|讨论稿)[)）]\s*$")
_GOVERNMENT_LEVELS = re.compile(
    r"(县级以上地方各级人民政府|县级以上地方人民政府|县级以上人民政府|设区的市级以上人民政府|设区的市人民政府|"
    r"市级以上人民政府|市、县级人民政府|省级人民政府|省人民政府|市人民政府|县级人民政府)")
_REGULATION_TITLE = re.compile(r"(条例|办法|规定|细则|决定|规则|法|章程|准则|纲要)$")
_CLAUSE_END = re.compile(r"[，,；;：:。！？]")
_RESPONSIBILITIES_ARTICLE = re.compile(r"\((第[^()]+?条)\)")


# -- the rows ----------------------------------------------------------------------------------


def comment_rows(reading: Reading, reg: Regulation, *, findings: pd.DataFrame | None = None,
                 basis: BasisTable | None = None) -> pd.DataFrame:
    """One form row per drafting finding, in the order of the regulation.

    ``findings`` defaults to :func:`~qpr.analysis.coverage.drafting_findings`
    of ``reading``; ``basis`` (a :class:`~qpr.basis.BasisTable`) to the
    draft's own legal-basis table when it carries one, else 设立依据 stays
    empty. The frame has the columns :data:`COMMENT_COLUMNS`, all text; it is
    empty when there are no findings (the renderers then print blank rows).
    """
    from qpr.analysis.coverage import drafting_findings
    from qpr.basis import own_basis

    if findings is None:
        findings = drafting_findings(reading, reg)
    from qpr.actors.registry import registry as builtin_registry
    from qpr.analysis.names import former_name, naming_findings

    table = basis if basis is not None else own_basis(reg)
    level = _prevailing_level(reg)
    open_bearers = _open_bearers(reading)
    actors = reading.registry or builtin_registry()
    # The names to use instead, as records (the finding's message is for people, not to be parsed).
    names = {(n.kind, n.written): n for n in naming_findings(reading.duties, actors)}
    rows = []
    for f in findings.itertuples(index=False):
        article = str(f.article)
        paragraph = None if _missing(f.paragraph) else int(f.paragraph)
        item = None if _missing(f.item) else int(f.item)
        text = "" if _missing(f.text) else str(f.text)
        actor = None if _missing(f.actor) else str(f.actor)
        kind = str(f.kind)
        name = names.get((kind, actor)) if actor else None
        if name is not None:
            suggestion = _name_suggestion(name)
        else:
            renamed = former_name(actors, actor) if actor else None
            suggestion = _suggestion(kind, text, actor, str(f.message), level,
                                     open_bearers.get((article, paragraph, item), ()), renamed)
        quote = _provision_text(reg, article, paragraph, item) or text
        cell = suggestion + (f"\n{QUOTE_LEAD}“{_inner_quotes(quote)}”" if quote else "")
        rows.append({
            PROVISION: str(f.provision),
            SUGGESTION: cell,
            BASIS: _basis_cell(table, article) if table is not None else "",
            NOTE: FINDING_NOTES.get(str(f.kind), str(f.kind)),
        })
    return pd.DataFrame(rows, columns=COMMENT_COLUMNS, dtype=object)


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _name_suggestion(name: NameFinding) -> str:
    """The 修改意见 for a former name, or for one body named two ways."""
    throughout = "本条例中的" if len(name.provisions) > 1 else ""
    if name.kind == "outdated-name":
        return (f"“{name.written}”在{name.until}年机构改革后已调整为“{name.current}”，"
                f"建议将{throughout}“{name.written}”修改为“{name.current}”。")
    others = "”“".join(name.others)
    return f"本条例中“{name.written}”与“{others}”指同一部门，建议统一表述为“{name.current}”。"


def _suggestion(kind: str, text: str, actor: str | None, message: str, level: str,
                open_bearers: Iterable[str], renamed: tuple[int, str] | None = None) -> str:
    """The drafted 修改意见 for one finding, in the register of a government comment form.

    ``renamed`` is (year, today's name) when ``actor`` is a former name: a
    department to add is proposed under the name it has now.
    """
    department = f"“{level}XX部门”"
    if kind == "unassigned":
        return f"建议明确“{_short(text)}”的责任主体，如{department}。"
    if kind == "open-bearer":
        named = "”“".join(open_bearers) or "有关部门"
        return f"建议将“{named}”明确为具体部门，如{department}，便于落实责任。"
    if kind == "no-concrete-duty":
        who = actor or "该部门"
        return f"本条列明了{who}，但本条例其他条款未规定其具体职责。建议在相关条款中细化{who}的具体职责，或在本条中删去{who}。"
    if kind == "not-in-responsibilities":
        who = actor or "相关部门"
        m = _RESPONSIBILITIES_ARTICLE.search(message)
        where = m.group(1) if m else "部门职责条款"
        if renamed is not None:
            year, current = renamed
            return (f"本条规定了{who}的职责，但{where}所列职责部门中未包括该部门。"
                    f"建议在{where}中增加{current}（“{who}”为{year}年机构改革前的名称，本条宜一并修改），"
                    f"使部门职责规定前后衔接。")
        return (f"本条规定了{who}的职责，但{where}所列职责部门中未包括{who}。"
                f"建议在{where}中增加{who}，使部门职责规定前后衔接。")
    if kind == "no-duty":
        return "本条未规定责任主体和具体义务，建议明确由何部门承担何种职责，或与相关条款合并。"
    if kind == "encouragement-only":
        return f"本条仅作倡导性规定，未设定具体义务。建议明确相关部门的职责，如“{level}XX部门应当……”。"
    if kind == "unread":
        return "建议核实本条款的责任主体和具体要求，确保表述明确、便于执行。"
    return f"建议核实本条款（{message}）。"


def _short(text: str, limit: int = 24) -> str:
    """The first clause of ``text``, with …… when more follows: what a suggestion quotes."""
    text = text.strip()
    cut = None
    for m in _CLAUSE_END.finditer(text):
        if m.start() >= 4:
            cut = m.start()
            break
    head = text[:cut] if cut is not None else text
    if len(head) > limit:
        head = head[:limit]
    rest = text[len(head):].strip("，,；;：:。！？ ")
    return head + ("……" if rest else "")


def _inner_quotes(text: str) -> str:
    """Double quotes inside a quotation become single ones, as Chinese typesetting nests them."""
    return text.replace("“", "‘").replace("”", "’")


def _provision_text(reg: Regulation, article: str, paragraph: int | None, item: int | None) -> str:
    """The words of 第X条(第X款(第X项)) as the regulation has them; "" when it has no such unit."""
    try:
        art = reg.article(article)
    except KeyError:
        return ""
    if paragraph is None:
        return art.text
    if not 1 <= paragraph <= len(art.paragraphs):
        return ""
    para = art.paragraphs[paragraph - 1]
    if item is None:
        return para.text or para.full_text
    for it in para.items:
        if it.number == item:
            return f"{it.label}{it.full_text}"
    return ""


def _prevailing_level(reg: Regulation) -> str:
    """The government level the regulation names most (县级以上人民政府 …): the suggested bearer's prefix."""
    counts = Counter(_GOVERNMENT_LEVELS.findall(reg.body_text))
    return counts.most_common(1)[0][0] if counts else "县级以上人民政府"


def _open_bearers(reading: Reading) -> dict[tuple[str, int | None, int | None], tuple[str, ...]]:
    from qpr.analysis.coverage import open_ended

    found: dict[tuple[str, int | None, int | None], dict[str, None]] = {}
    for d in reading.duties:
        if d.role.value == "bearer" and open_ended(d):
            found.setdefault((d.article, d.paragraph, d.item), {})[d.actor or ""] = None
    return {k: tuple(v) for k, v in found.items()}


def _basis_cell(table: BasisTable, article: str) -> str:
    """The article's cited sources, one a line: 《产品质量法》第八条."""
    by_source: dict[str, list[str]] = {}
    for c in table.citations_of(article):
        title = c.title
        if c.source_id:
            try:
                title = table.source_by_id(c.source_id).title
            except KeyError:
                pass
        pins = by_source.setdefault(title, [])
        pins.extend(p for p in c.pinpoints if p not in pins)
    return "\n".join(f"《{title}》{_pinpoints(pins)}" for title, pins in by_source.items())


def _pinpoints(pins: list[str]) -> str:
    """Pinpoints with a shared head written once: 三、(一)(二), 第七条，第八条."""
    groups: list[tuple[str, list[str]]] = []
    for pin in pins:
        m = re.fullmatch(r"(.*?)([(（][^()（）]+[)）])", pin)
        head, tail = (m.group(1), m.group(2)) if m else (pin, "")
        if tail and groups and groups[-1][0] == head and groups[-1][1]:
            groups[-1][1].append(tail)
        else:
            groups.append((head, [tail] if tail else []))
    return "，".join(head + "".join(tails) for head, tails in groups)


# -- the form's header -------------------------------------------------------------------------


@attrs.frozen(slots=True)
class FormHeader:
    """What stands above the table: the attachment label, the title, the submission lines."""

    title: str
    #: 附件3 when the notice attaches the form under that name, else None
    attachment: str | None
    #: (label, value) lines: 提交截止日期, 提交方式, 联系人, as far as the notice gives them
    lines: tuple[tuple[str, str], ...]
    #: the labels of the blanks the commenter fills in
    blanks: tuple[str, ...] = ("填报单位/个人", "联系方式")


def comment_form_header(reg: Regulation) -> FormHeader:
    """The form's title (《条例》意见反馈表, without 征求意见稿) and submission details from the notice."""
    name = _DRAFT_MARK.sub("", reg.title).strip().strip("《》")
    title = f"《{name}》意见反馈表" if _has_title(reg, name) else "意见反馈表"
    attachment = next((p.name for p in reg.parts if p.kind == "attachment" and "意见反馈表" in p.title), None)
    email, postal, fax, contacts = _submission(reg)
    lines: list[tuple[str, str]] = []
    if reg.comment_deadline is not None:
        d = reg.comment_deadline
        lines.append(("提交截止日期", f"{d.year}年{d.month}月{d.day}日"))
    ways = [f"发送电子邮件至 {email}" if email else "", f"邮寄至{postal}" if postal else "",
            f"传真至{fax}" if fax else ""]
    ways = [w for w in ways if w]
    if ways:
        lines.append(("提交方式", "；或".join(ways)))
    if contacts:
        lines.append(("联系人", "；".join(str(c) for c in contacts)))
    return FormHeader(title, attachment, tuple(lines))


def _has_title(reg: Regulation, name: str) -> bool:
    """False for the reader's stand-in title (the file's name, or "(untitled)") unless it reads as a regulation's."""
    if not name or name == "(untitled)":
        return False
    stem = PurePath(reg.source).stem if reg.source else None
    return name != stem or bool(_REGULATION_TITLE.search(name))


def _submission(reg: Regulation) -> tuple[str | None, str | None, str | None, tuple[Contact, ...]]:
    """The notice's e-mail, postal address, fax and contacts.

    The regulation carries them once reading passes them on; until then (and
    for a Regulation built by hand) they are read from the header again.
    """
    email = getattr(reg, "comment_email", None)
    postal = getattr(reg, "comment_postal_address", None)
    fax = getattr(reg, "comment_fax", None)
    contacts = tuple(getattr(reg, "contacts", ()) or ())
    if email or postal or fax or contacts:
        return email, postal, fax, contacts
    from qpr.reading.metadata import read_submission

    found = read_submission(reg.text[:reg.body.start])
    return found.email, found.postal_address, found.fax, found.contacts


def _form_rows(rows: pd.DataFrame, blank_rows: int) -> list[list[str]]:
    missing = [c for c in COMMENT_COLUMNS if c not in rows.columns]
    if missing:
        raise ValueError(f"comment rows need the columns {', '.join(COMMENT_COLUMNS)}; missing {', '.join(missing)}")
    out = [["" if _missing(v) else str(v) for v in row]
           for row in rows[COMMENT_COLUMNS].itertuples(index=False, name=None)]
    return out or [[""] * len(COMMENT_COLUMNS) for _ in range(blank_rows)]


# -- Word --------------------------------------------------------------------------------------

#: Column widths in millimetres on landscape A4 with 25 mm side margins (247 mm of text width).
_DOCX_WIDTHS_MM = (36, 121, 60, 30)
#: A row estimated at more lines than this may break across pages; shorter rows are kept whole.
_DOCX_KEEP_WHOLE_LINES = 24
_SONG, _HEI, _KAI = "宋体", "黑体", "楷体"


def comment_form_docx(reg: Regulation, rows: pd.DataFrame, *, blank_rows: int = BLANK_ROWS) -> bytes:
    """The form as a Word document: landscape A4, the title and submission lines, a ruled table.

    The header row repeats on every page; Chinese text is set in 宋体 (the
    title and header in 黑体, the quoted provision in 楷体) with the East
    Asian font named on every run, so Word and WPS never fall back to a
    Latin font. With no rows the table gets ``blank_rows`` empty rows.
    """
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    header = comment_form_header(reg)
    body = _form_rows(rows, blank_rows)
    document = docx.Document()
    _docx_base_style(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin, section.bottom_margin = Mm(25), Mm(20)
    section.header_distance, section.footer_distance = Mm(12), Mm(10)
    _docx_page_number(section.footer.paragraphs[0])

    if header.attachment:
        p = document.add_paragraph()
        _docx_run(p, header.attachment, font=_HEI, size=16)
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before, p.paragraph_format.space_after = Pt(6), Pt(12)
    _docx_run(p, header.title, font=_HEI, size=20)
    for label, value in header.lines:
        p = document.add_paragraph()
        _docx_run(p, f"{label}：", font=_HEI, size=12)
        _docx_run(p, value, size=12)
    p = document.add_paragraph()
    p.paragraph_format.space_after = Pt(8)
    for i, label in enumerate(header.blanks):
        _docx_run(p, ("\u3000\u3000" if i else "") + f"{label}：", font=_HEI, size=12)
        _docx_run(p, "\u3000" * 14, size=12, underline=True)

    table = document.add_table(rows=1 + len(body), cols=len(COMMENT_COLUMNS))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _docx_table_frame(table, _DOCX_WIDTHS_MM)
    for c, name in enumerate(COMMENT_COLUMNS):
        cell = table.rows[0].cells[c]
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _docx_cell_shade(cell, "D9D9D9")
        para = cell.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _docx_run(para, name, font=_HEI, size=12)
    _docx_row_flag(table.rows[0], "w:cantSplit")
    _docx_row_flag(table.rows[0], "w:tblHeader")
    table.rows[0].height = Mm(10)
    for r, values in enumerate(body, 1):
        row = table.rows[r]
        if not any(values):
            row.height = Mm(15)
        elif _docx_lines(values) <= _DOCX_KEEP_WHOLE_LINES:
            _docx_row_flag(row, "w:cantSplit")
        for c, value in enumerate(values):
            cell = row.cells[c]
            centred = COMMENT_COLUMNS[c] in (PROVISION, NOTE)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER if centred else WD_CELL_VERTICAL_ALIGNMENT.TOP
            quoting = False
            for n, line in enumerate(value.split("\n")):
                para = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
                para.paragraph_format.space_before = para.paragraph_format.space_after = Pt(1)
                if centred:
                    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                quoting = quoting or line.startswith(QUOTE_LEAD)
                if quoting and line.startswith(QUOTE_LEAD):
                    _docx_run(para, QUOTE_LEAD, font=_HEI, size=10.5)
                    _docx_run(para, line[len(QUOTE_LEAD):], font=_KAI, size=10.5)
                else:
                    _docx_run(para, line, font=_KAI if quoting else _SONG, size=10.5)
    p = document.add_paragraph()
    p.paragraph_format.space_before = Pt(6)
    _docx_run(p, "注：表格不够可自行增加行或另附页。", size=10.5)

    props = document.core_properties
    props.title = header.title
    props.author = props.last_modified_by = ""
    props.comments = props.keywords = props.subject = ""
    props.created = props.modified = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_set_fonts(rpr: BaseOxmlElement, east_asian: str) -> None:
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:ascii"), "Times New Roman")
    fonts.set(qn("w:hAnsi"), "Times New Roman")
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def _docx_base_style(document: WordDocument) -> None:
    """Normal text in 宋体 小四 with Chinese as the East Asian language, so empty cells match too."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.15
    rpr = normal.element.get_or_add_rPr()
    _docx_set_fonts(rpr, _SONG)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _docx_run(paragraph: Paragraph, text: str, *, font: str = _SONG, size: float = 12,
              underline: bool = False) -> Run:
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    if underline:
        run.font.underline = True
    _docx_set_fonts(run._element.get_or_add_rPr(), font)
    return run


# The order WordprocessingML requires of a table's and a cell's properties: Word rejects a file
# whose elements are out of order even where LibreOffice reads it.
_TBL_PR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                 "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
                 "tblCaption", "tblDescription")
_TC_PR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
                "textDirection", "tcFitText", "vAlign", "hideMark")


def _docx_put(parent: BaseOxmlElement, element: BaseOxmlElement, order: tuple[str, ...]) -> None:
    """Put ``element`` into ``parent`` in its schema place, replacing one of the same tag."""
    from docx.oxml.ns import qn

    local = element.tag.rpartition("}")[2]
    for old in parent.findall(qn(f"w:{local}")):
        parent.remove(old)
    later = {qn(f"w:{t}") for t in order[order.index(local) + 1:]}
    for i, child in enumerate(parent):
        if child.tag in later:
            parent.insert(i, element)
            return
    parent.append(element)


def _docx_element(tag: str, children: tuple[tuple[str, dict[str, str]], ...] = (),
                  **attributes: str) -> BaseOxmlElement:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(f"w:{tag}")
    for key, value in attributes.items():
        el.set(qn(f"w:{key}"), value)
    for child_tag, child_attributes in children:
        el.append(_docx_element(child_tag, (), **child_attributes))
    return el


def _docx_table_frame(table: Table, widths_mm: tuple[int, ...]) -> None:
    """Fixed column widths (set on the grid and on every cell, as Word and LibreOffice each read one),
    black single-line borders and even cell padding."""
    from docx.shared import Mm

    table.style = "Table Grid"
    tbl_pr = table._tbl.tblPr
    # 1 mm = 56.7 twips (dxa).
    _docx_put(tbl_pr, _docx_element("tblW", w=str(round(sum(widths_mm) * 56.7)), type="dxa"), _TBL_PR_ORDER)
    line = {"val": "single", "sz": "6", "space": "0", "color": "000000"}
    edges = tuple((edge, line) for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
    _docx_put(tbl_pr, _docx_element("tblBorders", edges), _TBL_PR_ORDER)
    _docx_put(tbl_pr, _docx_element("tblLayout", type="fixed"), _TBL_PR_ORDER)
    padding = tuple((edge, {"w": str(twips), "type": "dxa"})
                    for edge, twips in (("top", 40), ("left", 85), ("bottom", 40), ("right", 85)))
    _docx_put(tbl_pr, _docx_element("tblCellMar", padding), _TBL_PR_ORDER)
    for column, mm in zip(table.columns, widths_mm):
        column.width = Mm(mm)
        for cell in column.cells:
            cell.width = Mm(mm)


def _docx_row_flag(row: _Row, tag: str) -> None:
    """Set a row property: ``w:tblHeader`` repeats the row atop every page, ``w:cantSplit`` keeps it whole."""
    row._tr.get_or_add_trPr().append(_docx_element(tag.removeprefix("w:"), val="true"))


def _docx_lines(values: list[str]) -> int:
    """About how many lines the row's tallest cell takes (五号 text, about 3.7 mm a Chinese character)."""
    return max(_wrapped_lines(value, int((mm - 3) / 3.7 * 2)) for value, mm in zip(values, _DOCX_WIDTHS_MM))


def _wrapped_lines(value: str, per_line: int) -> int:
    """Lines ``value`` wraps to at ``per_line`` display cells a line (a Chinese character is two)."""
    per_line = max(per_line, 4)
    return sum(max(1, math.ceil(max(wcwidth.wcswidth(line), len(line)) / per_line)) for line in value.split("\n"))


def _docx_cell_shade(cell: _Cell, fill: str) -> None:
    shading = _docx_element("shd", val="clear", color="auto", fill=fill)
    _docx_put(cell._tc.get_or_add_tcPr(), shading, _TC_PR_ORDER)


def _docx_page_number(paragraph: Paragraph) -> None:
    """第 N 页 共 M 页, centred, with PAGE and NUMPAGES fields."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, field in (("第 ", "PAGE"), (" 页 共 ", "NUMPAGES"), (" 页", None)):
        _docx_run(paragraph, text, size=10.5)
        if field:
            run = _docx_run(paragraph, "", size=10.5)
            for kind, instr in (("begin", None), (None, f" {field} "), ("separate", None), ("end", None)):
                if kind:
                    el = OxmlElement("w:fldChar")
                    el.set(qn("w:fldCharType"), kind)
                else:
                    el = OxmlElement("w:instrText")
                    el.set(qn("xml:space"), "preserve")
                    el.text = instr
                run._element.append(el)
                if kind == "separate":
                    t = OxmlElement("w:t")
                    t.text = "1"
                    run._element.append(t)


# -- Excel -------------------------------------------------------------------------------------

_XLSX_WIDTHS = (18, 72, 36, 16)
#: Points a wrapped line of 11-point Chinese text takes, with room for the taller CJK fonts.
_XLSX_LINE_HEIGHT = 16.5


def comment_form_xlsx(reg: Regulation, rows: pd.DataFrame, *, blank_rows: int = BLANK_ROWS) -> bytes:
    """The form as an Excel workbook: the title and submission lines above a ruled, frozen table.

    The header row is frozen and printed on every page; the page is landscape
    A4, one page wide. Text starting with ``=``, ``+``, ``-`` or ``@`` is stored
    as text with the quote prefix, never as a formula (as
    :func:`~qpr.render.excel.frames_to_xlsx` does).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    header = comment_form_header(reg)
    body = _form_rows(rows, blank_rows)
    wb = Workbook()
    wb.properties.creator = "qpr"
    wb.properties.title = header.title
    ws = wb.active
    ws.title = "意见反馈表"
    last = get_column_letter(len(COMMENT_COLUMNS))
    thin = Side(style="thin", color="000000")
    ruled = Border(left=thin, right=thin, top=thin, bottom=thin)
    song, hei = "宋体", "黑体"
    for c, width in enumerate(_XLSX_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    full_width = sum(_XLSX_WIDTHS)

    r = 1
    if header.attachment:
        ws.cell(row=r, column=1, value=header.attachment).font = Font(name=hei, size=14)
        r += 1
    title = ws.cell(row=r, column=1, value=header.title)
    title.font = Font(name=hei, size=18)
    title.alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A{r}:{last}{r}")
    ws.row_dimensions[r].height = 36
    r += 1
    blanks = "　　".join(f"{label}：{'＿' * 12}" for label in header.blanks)
    for line in [f"{label}：{value}" for label, value in header.lines] + [blanks]:
        cell = ws.cell(row=r, column=1)
        _xlsx_text(cell, line)
        cell.font = Font(name=song, size=12)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.merge_cells(f"A{r}:{last}{r}")
        ws.row_dimensions[r].height = _xlsx_height([line], [full_width], minimum=20)
        r += 1
    head_row = r
    fill = PatternFill("solid", fgColor="D9D9D9")
    for c, name in enumerate(COMMENT_COLUMNS, 1):
        cell = ws.cell(row=r, column=c, value=name)
        cell.font = Font(name=hei, size=12)
        cell.fill = fill
        cell.border = ruled
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[r].height = 24
    for values in body:
        r += 1
        for c, value in enumerate(values, 1):
            cell = ws.cell(row=r, column=c)
            if value:
                _xlsx_text(cell, value)
            cell.font = Font(name=song, size=11)
            cell.border = ruled
            centred = COMMENT_COLUMNS[c - 1] in (PROVISION, NOTE)
            cell.alignment = Alignment(wrap_text=True, vertical="center" if centred else "top",
                                       horizontal="center" if centred else "left")
        ws.row_dimensions[r].height = _xlsx_height(values, list(_XLSX_WIDTHS), minimum=30)
    ws.freeze_panes = f"A{head_row + 1}"
    ws.print_title_rows = f"{head_row}:{head_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _xlsx_text(cell: Cell, text: str) -> None:
    from qpr.render.cells import looks_like_formula
    from qpr.render.excel import EXCEL_MAX_CELL

    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)[:EXCEL_MAX_CELL]
    cell.value = text
    if looks_like_formula(text):
        cell.data_type = "s"
        cell.quotePrefix = True


def _xlsx_height(values: list[str], widths: list[int], *, minimum: float) -> float:
    """A row height that shows all the wrapped text: Excel does not grow rows to fit on opening."""
    lines = max(_wrapped_lines(value, width - 4) for value, width in zip(values, widths))
    return min(max(minimum, lines * _XLSX_LINE_HEIGHT + 8), 409)
