"""Reading a 任务分工表 from CSV, Excel (.xlsx), JSON or YAML into a validated :class:`Plan`."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from qpr.errors import InputError
from qpr.model import Regulation
from qpr.numerals import NUMERAL_CHARS, parse_number, provision_label
from qpr.plans.model import Plan, PlanProblem, ProvisionRef, Task
from qpr.reading.limits import MAX_COLUMNS, bounded_rows, check_zip, load_json, load_yaml

__all__ = ["PLAN_COLUMNS", "parse_provision_refs", "read_plan", "unit_key"]

#: Canonical column -> the headers a planner may use for it (as 任务分工表 head them).
PLAN_COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号", "no", "no.", "number", "#", "id"),
    "provision": ("条款", "条文", "条文序号", "法条", "依据条款", "对应条款", "条例条款", "provision", "article",
                  "clause"),
    "content": ("任务内容", "工作任务", "重点任务", "任务", "主要任务", "具体任务", "工作内容", "主要内容",
                "工作措施", "任务措施", "具体措施", "重点工作", "content", "task"),
    "lead": ("牵头单位", "牵头部门", "主责单位", "主责部门", "主办单位", "lead", "lead unit", "owner"),
    "partners": ("配合单位", "配合部门", "协办单位", "协同单位", "参与单位", "partners", "supporting units",
                 "support"),
    "deadline": ("完成时限", "时限", "完成时间", "时间节点", "完成期限", "时间要求", "时间安排", "进度安排",
                 "deadline", "due"),
    "note": ("备注", "说明", "note", "notes", "remarks"),
}
#: 责任单位 is the lead where a table has no 牵头单位 column, else the units that share the task.
RESPONSIBLE_HEADERS = ("责任单位", "责任部门", "responsible units")
#: Columns qpr itself writes beside the plan's own, read without comment and not used: task_table's
#: for programs, and qpr plan migrate's record of where a task came from.
_PROGRAM_COLUMNS = frozenset({"article", "paragraph", "item", "lead_id", "partner_ids", "原条款", "变化"})
_REQUIRED = ("provision", "lead")
#: The cells a task cannot do without (its lead may be left for the planner).
_REQUIRED_CELLS = ("provision",)
#: What the template writes where the regulation names no bearer; it covers such duties.
UNASSIGNED_PLACEHOLDERS = frozenset({"（未明确责任主体）", "(未明确责任主体)", "未明确", "(unassigned)", "待定"})
_UNIT_SPLIT = re.compile(r"[、，,；;/\n]+|\s{2,}")


class _Row(BaseModel):
    """One plan row as it arrives: text fields, stripped; provision and lead required."""

    model_config = ConfigDict(str_strip_whitespace=True)
    number: str = ""
    provision: str = Field(min_length=1)
    content: str = ""
    #: Empty in a template's row for a duty the regulation gives no one: the planner fills it in.
    lead: str = ""
    partners: str = ""
    deadline: str = ""
    note: str = ""

    @field_validator("*", mode="before")
    @classmethod
    def _text(cls, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)


# -- provision references ---------------------------------------------------------------------

_N = NUMERAL_CHARS
_ZH_REF = re.compile(
    rf"第?([{_N}]+)条(?:之([{_N}]+))?(?:第?([{_N}]+)款)?(?:第?(?:[（(]([{_N}]+)[)）]项?|([{_N}]+)项))?")
_DOT_REF = re.compile(r"(\d+)(?:-(\d+))?(?:\.(\d+))?(?:\.(\d+))?")
_RANGE = re.compile(rf"第?([{_N}]+)条?\s*(?:至|到|~|～|—)\s*第?([{_N}]+)条")


def parse_provision_refs(text: str) -> list[ProvisionRef]:
    """``第六条第一款第（一）项``, ``第十条之一``, ``6.1.1``, ``第五条至第七条``, lists joined by 、 -> refs.

    Raises ``ValueError`` naming the text when nothing in it is a reference.
    """
    text = text.strip().replace(" ", "")
    refs: list[ProvisionRef] = []
    for part in re.split(r"[、，,；;和及]", text):
        if not part:
            continue
        rm = _RANGE.fullmatch(part)
        if rm:
            a, b = parse_number(rm.group(1)), parse_number(rm.group(2))
            refs.extend(ProvisionRef(str(n)) for n in range(min(a, b), max(a, b) + 1))
            continue
        zm = _ZH_REF.fullmatch(part)
        if zm:
            article = str(parse_number(zm.group(1))) + (f"-{parse_number(zm.group(2))}" if zm.group(2) else "")
            item = zm.group(4) or zm.group(5)
            refs.append(ProvisionRef(article, parse_number(zm.group(3)) if zm.group(3) else None,
                                     parse_number(item) if item else None))
            continue
        dm = _DOT_REF.fullmatch(part)
        if dm:
            article = dm.group(1) + (f"-{dm.group(2)}" if dm.group(2) else "")
            refs.append(ProvisionRef(article, int(dm.group(3)) if dm.group(3) else None,
                                     int(dm.group(4)) if dm.group(4) else None))
            continue
        raise ValueError(f"{part!r} is not a provision such as 第六条第一款第（一）项, 第十条之一 or 6.1.1")
    if not refs:
        raise ValueError("empty provision")
    return refs


def _ref_label(ref: ProvisionRef) -> str:
    return provision_label(ref.article, ref.paragraph, ref.item)


def _check_ref(ref: ProvisionRef, reg: Regulation) -> tuple[str, tuple[str, ...]] | None:
    """None if ``ref`` exists in ``reg``, else (message, nearest valid references)."""
    articles = {a.id: a for a in reg.articles}
    article = articles.get(ref.article)
    if article is None:
        def distance(aid: str) -> float:
            head = aid.partition("-")[0]
            want = ref.article.partition("-")[0]
            return abs(int(head) - int(want)) if head.isdigit() and want.isdigit() else 1e9
        near = sorted(articles, key=lambda a: (distance(a), a))[:3]
        return (f"the regulation has no article {_ref_label(ProvisionRef(ref.article))} "
                f"(it has {len(articles)} articles)", tuple(_ref_label(ProvisionRef(a)) for a in near))
    if ref.paragraph is not None and not (1 <= ref.paragraph <= len(article.paragraphs)):
        return (f"{article.label} has {len(article.paragraphs)} paragraph(s), not {ref.paragraph}",
                tuple(_ref_label(ProvisionRef(ref.article, p.number)) for p in article.paragraphs))
    if ref.item is not None:
        paragraphs = [article.paragraphs[ref.paragraph - 1]] if ref.paragraph else list(article.paragraphs)
        items = [(p.number, i.number) for p in paragraphs for i in p.items]
        if not any(n == ref.item for _, n in items):
            return (f"{_ref_label(ProvisionRef(ref.article, ref.paragraph))} has no item {ref.item}",
                    tuple(_ref_label(ProvisionRef(ref.article, p, n)) for p, n in items[:6]))
    return None


# -- reading the file -------------------------------------------------------------------------


def read_plan(source: str | Path | Sequence[Mapping[str, Any]], regulation: Regulation | None = None, *,
              registry: Any = None, name: str | None = None, known_parties: Iterable[str] = ()) -> Plan:
    """Read and validate a plan against ``regulation`` (default: the built-in one) and the actor ``registry``.

    ``source`` is a path (.csv, .xlsx, .json, .yaml/.yml) or rows already in
    memory (a list of mappings, as from a notebook). Problems are collected in
    :attr:`Plan.problems`; a file that cannot be read at all raises
    :class:`~qpr.errors.InputError`. ``known_parties`` are names the
    regulation uses for parties the registry does not know (经营性民办培训机构):
    a unit written exactly so is accepted as that party.
    """
    from qpr.actors.levels import jurisdiction_from_title
    from qpr.actors.registry import registry as builtin_registry

    if regulation is None:
        from qpr.reading import builtin_regulation

        regulation = builtin_regulation()
    reg_actors = registry or builtin_registry()
    jurisdiction = jurisdiction_from_title(regulation.title)
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or str(path)
        rows = _read_rows(path, name)
    else:
        name = name or "<rows>"
        rows = [(i, {k: _cell(v, name, i, k) for k, v in dict(r).items()}) for i, r in enumerate(source, start=1)]
    headers = list(dict.fromkeys(str(k) for _, raw in rows for k in raw))
    columns, ignored = column_map(headers)
    problems: list[PlanProblem] = []
    tasks: list[Task] = []
    parties = frozenset(known_parties)
    english = {a.name_en.casefold(): a.id for a in reg_actors}
    for row_number, raw in rows:
        values = {column: raw.get(header) for header, column in columns.items() if header in raw}
        formulas = {c: v for c, v in values.items() if isinstance(v, FormulaCell)}
        for column, cell in formulas.items():
            problems.append(PlanProblem(row_number, _header(column), cell.message, cell.formula))
            values[column] = None
        if not any(str(v).strip() for v in values.values() if v is not None):
            continue  # a blank row in a spreadsheet
        if any(c in formulas for c in _REQUIRED_CELLS):
            continue  # the formula is the problem; "is required" would mislead
        try:
            row = _Row.model_validate(values)
        except ValidationError as exc:
            for err in exc.errors():
                column = str(err["loc"][0]) if err["loc"] else "row"
                problems.append(PlanProblem(row_number, _header(column), f"is required ({err['msg'].lower()})"))
            continue
        try:
            refs = parse_provision_refs(row.provision)
        except ValueError as exc:
            problems.append(PlanProblem(row_number, "条款", str(exc), row.provision))
            refs = []
        good_refs = []
        for ref in refs:
            bad = _check_ref(ref, regulation)
            if bad:
                problems.append(PlanProblem(row_number, "条款", bad[0], row.provision, bad[1]))
            else:
                good_refs.append(ref)
        lead_ids, lead_names = _units(row.lead, row_number, "牵头单位", reg_actors, jurisdiction, problems, parties,
                                      english)
        partner_ids, partner_names = _units(row.partners, row_number, "配合单位", reg_actors, jurisdiction, problems,
                                            parties, english)
        lead_id = lead_ids[0] if lead_ids else None
        # A second unit in 牵头单位 co-leads: it counts with the partners.
        extra = [i for i in lead_ids[1:] if i not in partner_ids]
        tasks.append(Task(
            row=row_number, number=row.number or str(row_number), provision=row.provision, refs=tuple(good_refs),
            content=row.content, lead=row.lead, lead_id=lead_id,
            partners=tuple(lead_names[1:] + partner_names), partner_ids=tuple(extra + partner_ids),
            deadline=row.deadline, note=row.note,
        ))
    if not tasks and not problems:
        raise InputError("the plan has no task rows; expected columns 条款 and 牵头单位", source=name)
    return Plan(name, tuple(tasks), tuple(problems), tuple(ignored))


def unit_key(name: str) -> str:
    """The id a plan and the duties share for a party the registry does not know: its name."""
    return f"name:{name}"


def _units(text: str, row: int, column: str, reg_actors: Any, jurisdiction: Any,
           problems: list[PlanProblem], parties: frozenset[str] = frozenset(),
           english: Mapping[str, str] | None = None) -> tuple[list[str], list[str]]:
    """Resolve a cell listing units (县市场监管局、县发改局) to actor ids, reporting what does not resolve.

    A unit written as the registry's English name (a plan made with --lang en)
    is that actor. A unit that does not resolve keeps a name key, so it still
    counts where a duty names the same party by the same name.
    """
    ids: list[str] = []
    names: list[str] = []
    for unit in _UNIT_SPLIT.split(text):
        unit = unit.strip()
        if not unit:
            continue
        names.append(unit)
        if unit in UNASSIGNED_PLACEHOLDERS:
            continue
        resolution = reg_actors.resolve(unit, jurisdiction)
        found = [ref.actor_id for ref in resolution.actors]
        if english and unit.casefold() in english:
            found = [english[unit.casefold()]]
        elif unit in parties:
            found = [unit_key(unit)]  # a party the text names that the registry does not know
        elif found and not resolution.unresolved:
            pass
        elif (looked_up := _looked_up(reg_actors, unit)) is not None:
            found = [looked_up]  # a name the registry has, as the extractor looks a phrase's name up
        else:
            problems.append(PlanProblem(row, column, f"unknown unit {unit!r}", unit, tuple(reg_actors.suggest(unit, 3))))
            found = [unit_key(unit)]
        for actor_id in found:
            if actor_id not in ids:
                ids.append(actor_id)
    return ids, names


def _looked_up(reg_actors: Any, unit: str) -> str | None:
    actor = reg_actors.find(unit)
    return str(actor.id) if actor is not None else None


def _header(column: str) -> str:
    return PLAN_COLUMNS.get(column, (column,))[0]


def column_map(headers: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """The file's headers -> canonical columns, and the headers left unread (for a warning).

    Each canonical column takes the first header that names it; 责任单位 is the
    lead where no header names a lead, else the partners (a 任务分工表 with 牵头单位
    and 责任单位 gives the units that share the task under 责任单位). A header
    that names a column already taken, or none, is left unread and returned,
    with a headerless column that holds text as ``column F (no header)``;
    qpr's own program columns (lead_id …) are read without comment.
    """
    headers = list(headers)
    has_lead = any(_column_of(h) == "lead" for h in headers)
    columns: dict[str, str] = {}
    ignored: list[str] = []
    for header in headers:
        column = _column_of(header)
        if column is None and _normal(header) in {_normal(h) for h in RESPONSIBLE_HEADERS}:
            column = "partners" if has_lead else "lead"
        if column is not None and column not in columns.values():
            columns[header] = column
        elif header.strip() and header not in _PROGRAM_COLUMNS:
            ignored.append(header)
    return columns, ignored


def _normal(header: str) -> str:
    return header.strip().lower().replace(" ", "").replace("\n", "")


def _column_of(header: str) -> str | None:
    h = _normal(header)
    for column, names in PLAN_COLUMNS.items():
        if h in (n.replace(" ", "") for n in names):
            return column
    return None


def _read_rows(path: Path, name: str) -> list[tuple[int, dict[str, Any]]]:
    suffix = path.suffix.lower()
    if path.is_dir():
        raise InputError("is a folder, not a plan: give one .csv, .xlsx, .json or .yaml file", source=name)
    if not path.is_file():
        raise InputError("no such file", source=name)
    try:
        if suffix == ".xlsx":
            return _xlsx_rows(path, name)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=name) from None
    from qpr.reading.source import decode

    text, _ = decode(data, name=name)
    text = text.removeprefix("\ufeff")
    if suffix == ".csv" or suffix == ".txt":
        return _csv_rows(text, name)
    if suffix == ".json":
        return _records(load_json(text, name), name)
    if suffix in (".yaml", ".yml"):
        return _records(load_yaml(text, name), name)
    raise InputError(f"unknown plan format {suffix or '(no suffix)'!r}; expected .csv, .xlsx, .json or .yaml", source=name)


def _csv_rows(text: str, name: str) -> list[tuple[int, dict[str, Any]]]:
    import csv

    reader = csv.reader(io.StringIO(text))
    try:
        rows = list(bounded_rows(reader, name, what="plan"))
    except csv.Error as exc:  # a field past csv's size limit, a stray quote
        raise InputError(f"not a readable CSV file: {exc}", source=name, line=reader.line_num) from None
    header_index = _find_header(rows)
    if header_index is None:
        raise InputError("no header row with 条款 and 牵头单位 (or provision and lead)", source=name, line=1)
    return _table_rows(rows, header_index)


def _table_rows(rows: list[list[Any]], header_index: int) -> list[tuple[int, dict[str, Any]]]:
    """Rows below the header as (row number, {header: value}); a headerless column that holds
    anything is keyed ``column F (no header)`` so that it is reported, not silently dropped."""
    from openpyxl.utils import get_column_letter

    body = rows[header_index + 1:]
    header = []
    for c, cell in enumerate(rows[header_index]):
        text = str(cell).strip() if cell is not None else ""
        if not text and any(c < len(r) and r[c] not in (None, "") for r in body):
            text = f"column {get_column_letter(c + 1)} (no header)"
        header.append(text)
    return [(header_index + 2 + i, {h: v for h, v in zip(header, r) if h}) for i, r in enumerate(body)]


def _find_header(rows: Iterable[Sequence[Any]]) -> int | None:
    for i, row in enumerate(rows):
        columns = set(column_map(str(c) for c in row if c is not None)[0].values())
        if all(c in columns for c in _REQUIRED):
            return i
        if i > 20:
            break
    return None


def _xlsx_rows(path: Path, name: str) -> list[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook

    check_zip(path, name, "Excel .xlsx file")
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a damaged file
        raise InputError(f"not a readable Excel .xlsx file ({exc.__class__.__name__})", source=name) from None
    try:
        sheets = [workbook[n] for n in workbook.sheetnames]
        # Prefer the sheet named as a task table; else the first with a header row.
        sheets.sort(key=lambda ws: "分工" not in ws.title and "plan" not in ws.title.lower())
        for sheet in sheets:
            cells = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
            rows = list(bounded_rows(cells, name, what=f"sheet {sheet.title!r}"))
            header_index = _find_header(rows)
            if header_index is None:
                continue
            _mark_formulas(path, sheet.title, rows, header_index)
            return _table_rows(rows, header_index)
    finally:
        workbook.close()
    raise InputError("no sheet has a header row with 条款 and 牵头单位 (or provision and lead)", source=name)


@attrs.frozen(slots=True)
class FormulaCell:
    """A cell that holds a formula whose value the file does not store (written by a program, never
    opened and saved in Excel or WPS): reading it as empty would mislead, so it is reported by name."""

    cell: str
    formula: str

    @property
    def message(self) -> str:
        return (f"cell {self.cell} holds a formula ({self.formula}) whose value the file does not store; "
                "open and save the file in Excel or WPS, or type the value")


def _mark_formulas(path: Path, sheet: str, rows: list[list[Any]], header_index: int) -> None:
    """Replace each empty value below the header that is a formula in the file by a :class:`FormulaCell`.

    The values come from the workbook read with ``data_only=True``, where a
    formula with no cached result reads as None; only when a row has such an
    empty cell is the file read again for its formulas.
    """
    if not any(v is None for r in rows[header_index + 1:] for v in r):
        return
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    formulas = load_workbook(path, read_only=True, data_only=False)
    try:
        for i, row in enumerate(formulas[sheet].iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)):
            if i >= len(rows):  # past what the bounded first reading took
                break
            if i <= header_index:
                continue
            for c, raw in enumerate(row):
                if isinstance(raw, str) and raw.startswith("=") and c < len(rows[i]) and rows[i][c] is None:
                    rows[i][c] = FormulaCell(f"{get_column_letter(c + 1)}{i + 1}", raw)
    finally:
        formulas.close()


def _records(payload: Any, name: str) -> list[tuple[int, dict[str, Any]]]:
    if isinstance(payload, Mapping):
        payload = payload.get("tasks", payload.get("任务", None))
    if not isinstance(payload, list) or not all(isinstance(r, Mapping) for r in payload):
        raise InputError("expected a list of task objects (or an object with a 'tasks' list)", source=name)
    return [(i, {key: _cell(value, name, i, key) for key, value in r.items()}) for i, r in enumerate(payload, start=1)]


def _cell(value: Any, name: str, row: int, key: Any) -> Any:
    """A task's field from JSON, YAML or memory as text: a list of names (配合单位: [县财政局, 县教育局]) joined by 、."""
    if isinstance(value, list) and all(not isinstance(v, (list, Mapping)) for v in value):
        return "、".join(str(v) for v in value if v is not None)
    if isinstance(value, (list, Mapping)):
        raise InputError(f"task {row}, {key}: expected text or a list of names, not a nested structure",
                         source=name)
    return value
