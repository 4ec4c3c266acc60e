"""Reading a legal-basis table (立法依据对照表) against the regulation it belongs to.

Two shapes of table are read:

- **Cells** (.xlsx, .docx tables, tab-separated text): a header row names the
  columns (条文 / 条文内容 / 设立依据 / 备注); each row's cells say plainly
  what is content and what is basis.
- **Scraped text** (the table attached to the built-in page): the cells have
  run together. A row starts ``第X条 <article text> 1.《…》…``; the article's
  further paragraphs sit at the start of later lines, followed by more
  entries; quotations run on over lines of their own. What is the article's
  own text is told by comparing with the article as the regulation has it
  (the draft, 附件1): the longest start of a line, cut where a space
  separated two cells, that matches one of the article's paragraphs or items.
  Everything else is basis.

Whatever cannot be read or attributed is reported as a
:class:`~qpr.basis.model.BasisFinding` with its line; no row is dropped.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import attrs

from qpr.basis import _rules as R
from qpr.basis.citations import Piece, parse_citation, split_citations, starts_entry
from qpr.basis.model import (
    BasisError,
    BasisFinding,
    BasisRow,
    BasisTable,
    Citation,
    FindingKind,
    NoBasisTableError,
    Source,
)
from qpr.basis.sources import resolve_sources
from qpr.errors import InputError
from qpr.model import Part, Regulation, Span
from qpr.numerals import parse_number

__all__ = ["find_basis_part", "own_basis", "read_basis"]

TableSource = str | os.PathLike[str] | bytes

#: How alike a line's start and an article's paragraph must be to count as that paragraph.
MATCH = 0.85
#: Stricter, for a line with no article number that matches some other article.
MATCH_OTHER = 0.9


def read_basis(reg: Regulation, table: TableSource | None = None, *, name: str | None = None) -> BasisTable:
    """Read the legal-basis table of ``reg``: its own attachment, or ``table`` (a path or bytes).

    ``table`` may be text (a scraped table, or tab-separated cells with a
    header row), a Word .docx (its table with a 设立依据 column, else its text)
    or an Excel .xlsx (the sheet with a header row naming 设立依据).

    Raises :class:`NoBasisTableError` when ``reg`` has no table and none is
    given, :class:`~qpr.errors.InputError` when ``table`` cannot be read, and
    :class:`BasisError` when it is not a table (an .xlsx with no header row).
    Problems inside the table never raise: they are ``findings``.
    """
    index = _ArticleIndex(reg)
    if table is None:
        part = find_basis_part(reg)
        if part is None:
            raise NoBasisTableError(
                "no legal-basis table (立法依据对照表, a part whose title or header names 设立依据/立法依据); "
                "give one with --table or read_basis(reg, table=...)", source=reg.source)
        reader = _Reader(index, reg.text)
        cells_rows = _tab_rows(part.span.slice(reg.text), start=part.span.start, first_line=part.line)
        if cells_rows is not None:  # a Word table, read one row a line with cells joined by tabs
            reader.read_cells(cells_rows, reg.source or "<regulation>")
        else:
            reader.read_text(part.span.start, part.span.end)
        return reader.finish(reg.source, part.title or part.name)
    data, src_name, suffix = _table_bytes(table, name)
    kind = _table_kind(data, suffix, src_name)
    if kind == "xlsx":
        rows, text = _xlsx_rows(data, src_name)
        reader = _Reader(index, text)
        reader.read_cells(rows, src_name)
        return reader.finish(src_name, _title_from(rows) or Path(src_name).stem)
    if kind == "docx":
        cells, text = _docx_rows(data, src_name)
        reader = _Reader(index, text)
        if cells is not None:
            reader.read_cells(cells, src_name)
        else:
            reader.read_text(*_table_bounds(text))
        return reader.finish(src_name, Path(src_name).stem)
    from qpr.reading.source import decode, html_text, sniff_format

    text, _ = decode(data, name=src_name)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if sniff_format(text) == "html":
        html_rows = _html_rows(text)
        if html_rows is not None:
            rows, synthetic = html_rows
            reader = _Reader(index, synthetic)
            reader.read_cells(rows, src_name)
            return reader.finish(src_name, Path(src_name).stem)
        text = html_text(text, name=src_name)
    reader = _Reader(index, text)
    cells_rows = _tab_rows(text)
    if cells_rows is not None:
        reader.read_cells(cells_rows, src_name)
    else:
        start, end = _table_bounds(text)
        reader.read_text(start, end)
    return reader.finish(src_name, Path(src_name).stem)


def _table_bounds(text: str) -> tuple[int, int]:
    """Where a scraped table sits in a longer text (a whole notice page): from its header line to the next 附件.

    A text with no header line naming 设立依据/立法依据 is all table.
    """
    pos = 0
    start = None
    for line in text.split("\n"):
        s = line.strip()
        if start is None:
            if s and R.HEADER_WORDS.match(s.replace("\t", " ")) and re.search(r"依据", s):
                # Keep the title line(s) just above out; the header row is where reading starts.
                start = pos
        elif R.NEXT_ATTACHMENT.match(line):
            return start, pos
        pos += len(line) + 1
    return (start, len(text)) if start is not None else (0, len(text))


def own_basis(reg: Regulation) -> BasisTable | None:
    """The legal-basis table the document itself carries, read; None when it has none."""
    return read_basis(reg) if find_basis_part(reg) is not None else None


def find_basis_part(reg: Regulation) -> Part | None:
    """The part of ``reg`` holding its basis table: an attachment titled …依据…, else one whose header row names 设立依据.

    A bare …对照表 title is not enough: a 新旧条文对照表 compares versions, it cites nothing.
    """
    for part in reg.parts:
        if part.kind != "header" and "依据" in part.title:
            return part
    for part in reg.parts:
        if part.kind != "header" and re.search(r"(?m)^\s*(?:\S+\s+)?(?:设立依据|立法依据)", part.span.slice(reg.text)):
            return part
    return None


# --------------------------------------------------------------------------- the table file


def _table_bytes(table: TableSource, name: str | None) -> tuple[bytes, str, str]:
    if isinstance(table, (bytes, bytearray, memoryview)):
        return bytes(table), name or "<table>", Path(name).suffix.lower() if name else ""
    from qpr.reading.source import read_file_bytes

    path = Path(table)
    src = name or str(path)
    data = read_file_bytes(path, src, "a legal-basis table (.txt, .docx or .xlsx)")
    return data, src, path.suffix.lower()


def _table_kind(data: bytes, suffix: str, name: str) -> str:
    if not data.strip():
        raise InputError("the file is empty; expected a legal-basis table", source=name)
    if data[:4] == b"PK\x03\x04":
        head = data[:200000]
        if b"xl/workbook" in head or suffix in (".xlsx", ".xlsm"):
            return "xlsx"
        if b"word/document" in head or suffix == ".docx":
            return "docx"
        raise InputError("a zip archive that is neither .xlsx nor .docx; expected a legal-basis table", source=name)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError("an old binary Excel/Word file (.xls/.doc); save it as .xlsx or .docx", source=name)
    if data[:5] == b"%PDF-":
        raise InputError("a PDF; expected a legal-basis table as .txt, .docx or .xlsx", source=name)
    return "text"


def _xlsx_rows(data: bytes, name: str) -> tuple[list[tuple[int, list[str], list[int]]], str]:
    """Every sheet's rows until one has a basis header: (Excel row number, cells, cell offsets), and the text."""
    import openpyxl

    from qpr.reading.limits import MAX_COLUMNS, bounded_rows, check_zip

    check_zip(data, name, "Excel .xlsx file")
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a damaged package
        raise InputError(f"not a readable Excel .xlsx file ({exc.__class__.__name__}: {exc})", source=name) from None
    try:
        chosen: list[list[str]] | None = None
        for ws in wb.worksheets:
            cells = bounded_rows(ws.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1), name,
                                 what=f"sheet {ws.title!r}")
            values = [["" if v is None else str(v) for v in row] for row in cells]
            if _header_index([(i + 1, r, []) for i, r in enumerate(values)]) is not None:
                chosen = values
                break
        if chosen is None:
            raise BasisError("no sheet has a header row naming the basis column (设立依据 or 立法依据, "
                             "beside 条文 and 条文内容) in its first 30 rows", source=name)
    finally:
        wb.close()
    return _cells_text(chosen)


def _cells_text(values: list[list[str]]) -> tuple[list[tuple[int, list[str], list[int]]], str]:
    """One line a row, cells joined by tabs; a newline inside a cell becomes a space (offsets keep)."""
    rows: list[tuple[int, list[str], list[int]]] = []
    out: list[str] = []
    pos = 0
    for i, cells in enumerate(values):
        offsets = []
        line_cells = []
        p = pos
        for c in cells:
            c = c.replace("\r\n", "\n").replace("\r", "\n")
            offsets.append(p)
            line_cells.append(c)
            p += len(c) + 1
        rows.append((i + 1, line_cells, offsets))
        line = "\t".join(c.replace("\n", " ").replace("\t", " ") for c in line_cells)
        out.append(line)
        pos += len(line) + 1
    return rows, "\n".join(out) + "\n"


def _docx_rows(data: bytes, name: str) -> tuple[list[tuple[int, list[str], list[int]]] | None, str]:
    """The rows of the .docx table holding a basis header, else None and the document's text.

    Line numbers count as :mod:`qpr.reading` does: a line per paragraph and per table row.
    A cell continuing a vertical merge (the same 条文 over several rows) reads as empty.
    """
    import docx
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    from qpr.reading.limits import check_zip

    check_zip(data, name, "Word .docx file")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a damaged package
        raise InputError(f"not a readable Word .docx file ({exc.__class__.__name__}: {exc})", source=name) from None
    values: list[list[str]] = []
    table_lines: list[tuple[int, int]] = []  # (first line index, last) of each table
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            values.append([block.text])
        elif isinstance(block, Table):
            first = len(values)
            for row in block.rows:
                cells: list[str] = []
                for tc in row._tr.tc_lst:
                    text = "" if tc.vMerge == "continue" else _Cell(tc, block).text
                    cells.append(text)
                    cells.extend("" for _ in range(tc.grid_span - 1))
                values.append(cells)
            table_lines.append((first, len(values)))
    rows, text = _cells_text(values)
    for first, last in table_lines:
        if _header_index(rows[first:last]) is not None:
            return rows[first:last], text
    # No table with a basis header: read the document's text as a scraped table.
    plain = "\n".join("\t".join(c.replace("\n", " ") for c in cells) for cells in values) + "\n"
    return None, plain


def _html_rows(html: str) -> tuple[list[tuple[int, list[str], list[int]]], str] | None:
    """The rows of the HTML table with a basis header (``<br>`` kept as line breaks in a cell), one line a row."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for table in soup.find_all("table"):
        values: list[list[str]] = []
        for tr in table.find_all("tr"):
            if tr.find_parent("table") is not table:
                continue  # a row of a nested table
            cells = []
            for td in tr.find_all(["td", "th"], recursive=False):
                text = "\n".join(line.strip() for line in td.get_text().split("\n"))
                cells.append(text.strip("\n"))
                span = str(td.get("colspan") or "1")
                cells.extend("" for _ in range(int(span) - 1 if span.isdigit() else 0))
            values.append(cells)
        rows, text = _cells_text(values)
        if _header_index(rows) is not None:
            return rows, text
    return None


def _tab_rows(text: str, *, start: int = 0, first_line: int = 1) -> list[tuple[int, list[str], list[int]]] | None:
    """Tab-separated rows with a header row naming the basis column, or None for a scraped table.

    ``start`` and ``first_line`` place ``text`` inside a longer one (an attachment of the regulation).
    """
    if "\t" not in text:
        return None
    rows: list[tuple[int, list[str], list[int]]] = []
    pos = start
    for number, line in enumerate(text.split("\n"), first_line):
        cells = line.split("\t")
        offsets = []
        p = pos
        for c in cells:
            offsets.append(p)
            p += len(c) + 1
        rows.append((number, cells, offsets))
        pos += len(line) + 1
    return rows if _header_index(rows) is not None else None


def _column_of(cell: str) -> str | None:
    name = re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell))
    if not name or len(name) > 12:
        return None
    for column, pattern in R.COLUMN_NAMES:
        if pattern.match(name):
            return column
    return None


def _header_index(rows: list[tuple[int, list[str], list[int]]]) -> int | None:
    """The index of the header row among the first 30 non-empty rows: it names the basis column and one other."""
    seen = 0
    for i, (_, cells, _) in enumerate(rows):
        if not any(c.strip() for c in cells):
            continue
        seen += 1
        if seen > 30:
            break
        columns = [_column_of(c) for c in cells]
        if "basis" in columns and (("content" in columns) or ("label" in columns)):
            return i
    return None


def _title_from(rows: list[tuple[int, list[str], list[int]]]) -> str | None:
    for _, cells, _ in rows[:5]:
        for c in cells:
            if "对照表" in c or "依据" in c and len(c) > 6:
                return c.strip()
    return None


# --------------------------------------------------------------------------- the articles


def _norm(text: str) -> str:
    """The form texts are compared in: NFKC, no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@attrs.define
class _Unit:
    label: str
    norm: str


class _ArticleIndex:
    """Each article's paragraphs and items in comparable form, for telling content from basis."""

    def __init__(self, reg: Regulation) -> None:
        self.order: list[str] = [a.id for a in reg.articles]
        self.units: dict[str, list[_Unit]] = {}
        self.whole: dict[str, str] = {}
        self._heads: dict[str, list[str]] | None = None
        for a in reg.articles:
            units: list[_Unit] = []
            for p in a.paragraphs:
                if p.text.strip():
                    units.append(_Unit(f"paragraph {p.number}", _norm(p.text)))
                for it in p.items:
                    units.append(_Unit(f"item {it.label}", _norm(it.label + it.text)))
                    for s in it.subitems:
                        units.append(_Unit(f"item {it.label} point {s.label}", _norm(s.label + s.text)))
            self.units.setdefault(a.id, units)
            self.whole.setdefault(a.id, _norm(a.text))

    def starting_with(self, head: str) -> list[str]:
        """The articles with a paragraph or item that starts with ``head`` (its first three characters).

        A line with no article number is matched against other articles only
        through this index, which keeps a long table from comparing every line
        with every article.
        """
        if self._heads is None:
            self._heads = {}
            for article in self.order:
                for u in self.units[article]:
                    self._heads.setdefault(u.norm[:3], [])
                    if article not in self._heads[u.norm[:3]]:
                        self._heads[u.norm[:3]].append(article)
        return self._heads.get(head, [])

    def next_after(self, article: str | None) -> str | None:
        if article is None:
            return self.order[0] if self.order else None
        try:
            i = self.order.index(article)
        except ValueError:
            return None
        return self.order[i + 1] if i + 1 < len(self.order) else None


@attrs.define
class _Match:
    cut: int  # where the content ends in the text examined
    unit: int  # index into the article's units; -1 for the whole article
    score: float
    truncated: bool = False


def _ratio(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    upper = 2 * min(len(a), len(b)) / (len(a) + len(b))
    if upper < MATCH:
        return 0.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < MATCH or sm.quick_ratio() < MATCH:
        return 0.0
    return sm.ratio()


def _cuts(text: str) -> Iterable[int]:
    """Where a cell may end in ``text``: before each run of spaces, and at the end."""
    for m in re.finditer(r"(?<=\S)\s+", text):
        yield m.start()
    yield len(text.rstrip())


def _match_content(text: str, units: list[_Unit], whole: str, *, threshold: float = MATCH,
                   allow_truncated: bool = True) -> _Match | None:
    """The longest-scoring start of ``text`` (cut where cells may end) that is one of the article's units."""
    if not units or not text.strip():
        return None
    longest = max([len(u.norm) for u in units] + [len(whole)])
    best: _Match | None = None
    candidates = [(i, u.norm) for i, u in enumerate(units)]
    if len(units) > 1:
        candidates.append((-1, whole))
    prefixes: list[tuple[int, str]] = []
    for cut in _cuts(text):
        n = _norm(text[:cut])
        if not n:
            continue
        if len(n) > longest * 1.3 + 10:
            break
        prefixes.append((cut, n))
        for i, u in candidates:
            score = 1.0 if n == u else _ratio(n, u)
            if score >= threshold and (best is None or score > best.score or (score == best.score and cut > best.cut)):
                best = _Match(cut, i, score)
    if best is not None or not allow_truncated:
        return best
    # A row cut off: the line holds only the start of a paragraph, then basis or nothing.
    for cut, n in prefixes:
        rest = text[cut:].strip()
        if len(n) >= 8 and (not rest or _starts_entry(rest)):
            for i, u in candidates:
                if u.startswith(n) and len(n) < len(u):
                    return _Match(cut, i, len(n) / len(u), truncated=True)
    return None


def _starts_entry(text: str) -> bool:
    return starts_entry(text)[0]


def _diff_summary(table: str, draft: str) -> str:
    """What the table's text adds to or drops from the draft's, briefly: ``adds ‘有关’``."""
    sm = difflib.SequenceMatcher(None, draft, table, autojunk=False)
    changes: list[str] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "insert":
            changes.append(f"adds ‘{table[j1:j2][:20]}’")
        elif op == "delete":
            changes.append(f"drops ‘{draft[i1:i2][:20]}’")
        elif op == "replace":
            changes.append(f"has ‘{table[j1:j2][:20]}’ for ‘{draft[i1:i2][:20]}’")
    if len(changes) > 3:
        changes = changes[:3] + [f"{len(changes) - 3} more changes"]
    return "; ".join(changes) or "differs in spacing only"


# --------------------------------------------------------------------------- the reader


class _Reader:
    """Walks a table's lines or rows, building rows, basis pieces and findings."""

    def __init__(self, index: _ArticleIndex, text: str) -> None:
        self.index = index
        self.text = text
        self.rows: list[BasisRow] = []
        self.pieces: list[Piece] = []
        self.findings: list[BasisFinding] = []
        self.current: str | None = None
        self.seen_units: dict[str, set[int]] = {}
        self.row_lines: dict[str, int] = {}
        #: cells mode: each article's 条文内容 cells (line, text), compared with the draft at the end
        self.cell_content: dict[str, list[tuple[int, str]]] = {}

    # ---- shared steps

    def _find(self, kind: FindingKind, message: str, line: int, article: str | None = None, text: str = "") -> None:
        self.findings.append(BasisFinding(kind, message, line, article, text[:60]))

    def _open_row(self, article: str, label: str, line: int, start: int, content: str) -> None:
        if article in self.row_lines:
            self._find(FindingKind.DUPLICATE_ROW,
                       f"第{article}条 has a second row (the first is at line {self.row_lines[article]}); "
                       "its entries are added to the first", line, article, label)
        else:
            self.row_lines[article] = line
        if article not in self.index.units:
            self._find(FindingKind.UNKNOWN_ARTICLE,
                       f"a row for {label or '第' + article + '条'}, which the regulation does not have", line, article, label)
        self.rows.append(BasisRow(article, label, line, Span(start, start), content))
        self.current = article

    def _add_content(self, article: str, match: _Match, content: str, line: int) -> None:
        units = self.index.units.get(article, [])
        seen = self.seen_units.setdefault(article, set())
        if match.unit < 0:
            seen.update(range(len(units)))
            draft = self.index.whole[article]
        else:
            seen.add(match.unit)
            draft = units[match.unit].norm
        if match.truncated:
            self._find(FindingKind.TRUNCATED_ROW,
                       f"the table's text of 第{article}条 stops short: ‘…{_norm(content)[-12:]}’ where the draft goes on "
                       f"‘{draft[len(_norm(content)):][:20]}…’", line, article, content)
        elif match.score < 1.0:
            self._find(FindingKind.CONTENT_DIFFERS,
                       f"the table's text of 第{article}条 ({units[match.unit].label if match.unit >= 0 else 'whole article'}) "
                       f"differs from the draft: it {_diff_summary(_norm(content), draft)}", line, article, content)
        if self.rows and self.rows[-1].article == article:
            before = self.rows[-1].content
            joined = f"{before}\n{content.strip()}" if before else content.strip()
            self.rows[-1] = attrs.evolve(self.rows[-1], content=joined)

    def _basis(self, text: str, start: int, line: int) -> None:
        stripped = text.strip()
        if not stripped:
            return
        lead = len(text) - len(text.lstrip())
        self.pieces.append(Piece(self.current, stripped, start + lead, line))

    # ---- scraped text

    def read_text(self, start: int, end: int) -> None:
        """Read the lines of ``self.text[start:end]`` as a scraped table."""
        text = self.text
        line_no = text.count("\n", 0, start) + 1
        pos = start
        started = False
        lines = text[start:end].split("\n")
        for raw in lines:
            line_start = pos
            pos += len(raw) + 1
            number = line_no
            line_no += 1
            s = raw.strip()
            if not s:
                continue
            lead = len(raw) - len(raw.lstrip())
            content_start = line_start + lead
            if not started and not self.rows:
                if R.HEADER_WORDS.match(s.replace("\t", " ")):
                    started = True
                    continue
                if re.search(r"对照表|立法依据|设立依据", s) and not R.ARTICLE_LABEL.match(s):
                    continue  # the table's title line
            if R.HEADER_WORDS.match(s.replace("\t", " ")):
                continue
            self._text_line(s, content_start, number)
        self._close_rows(end)

    def _text_line(self, s: str, start: int, line: int) -> None:
        label = R.ARTICLE_LABEL.match(s)
        if label and self._is_row_start(label, s):
            number = parse_number(label.group(1))
            sub = parse_number(label.group(2)) if label.group(2) else None
            article = f"{number}-{sub}" if sub else str(number)
            rest_at = label.end()
            rest = s[rest_at:]
            self._open_row(article, label.group(0), line, start, "")
            self._row_rest(article, rest, start + rest_at, line)
            return
        # A line without an article number: the article's next paragraph, or basis running on.
        if self.current is not None:
            m = _match_content(s, self.index.units.get(self.current, []), self.index.whole.get(self.current, ""),
                               allow_truncated=False)
            if m is not None:
                self._add_content(self.current, m, s[:m.cut], line)
                self._basis(s[m.cut:], start + m.cut, line)
                return
        if not _starts_entry(s):
            other = self._match_other_article(s)
            if other is not None:
                article, m = other
                self._find(FindingKind.NO_ARTICLE_NUMBER,
                           f"a row with no article number; its text is 第{article}条's, so it is read as 第{article}条",
                           line, article, s)
                self._open_row(article, "", line, start, "")
                self._add_content(article, m, s[:m.cut], line)
                self._basis(s[m.cut:], start + m.cut, line)
                return
        if self.current is None:
            has_entry = _starts_entry(s) or any(_starts_entry(s[c:].strip()) for c in _cuts(s))
            self._find(FindingKind.NO_ARTICLE_NUMBER if has_entry else FindingKind.UNATTRIBUTED,
                       "entries before the first article row: kept, with no article" if has_entry
                       else "text before the first article row belongs to no article", line, None, s)
            if has_entry:
                self._basis(s, start, line)
            return
        if not _starts_entry(s):
            # ``<text> 2.《…``: a cell of text that is not the article's, then an entry.
            for cut in _cuts(s):
                rest = s[cut:].strip()
                if rest and _starts_entry(rest):
                    self._find(FindingKind.CONTENT_DIFFERS,
                               f"text that is not in 第{self.current}条 of the draft, read as its content: "
                               f"‘{s[:cut][:30]}’", line, self.current, s[:cut])
                    self._basis(s[cut:], start + cut, line)
                    return
        self._basis(s, start, line)

    def _is_row_start(self, label: re.Match[str], s: str) -> bool:
        """第X条 at a line's start opens a row, unless it is a quoted law's article running on."""
        number = parse_number(label.group(1))
        sub = parse_number(label.group(2)) if label.group(2) else None
        article = f"{number}-{sub}" if sub else str(number)
        rest = s[label.end():]
        if article in self.index.units:
            if not rest.strip() or _match_content(rest, self.index.units[article], self.index.whole[article]):
                return True
        has_basis = any(p.article == self.current for p in self.pieces) if self.current else False
        if self.current is None or not has_basis:
            return True
        # After an entry, 第X条 is a row only for the article that comes next (or, for a table with
        # more articles than the draft, the number after the current one); else it is the cited
        # law's own article running on (标准化法 第八条 … 第二十一条 …).
        if article == self.index.next_after(self.current):
            return True
        head = self.current.split("-")[0]
        return article not in self.index.units and head.isdigit() and (
            number == int(head) + 1 or (number == int(head) and sub is not None))

    def _row_rest(self, article: str, rest: str, start: int, line: int) -> None:
        """After a row's 第X条: the article's text, then its basis."""
        lead = len(rest) - len(rest.lstrip())
        body = rest.strip()
        at = start + lead
        if not body:
            return
        if _starts_entry(body):
            self._basis(body, at, line)
            return
        units = self.index.units.get(article, [])
        m = _match_content(body, units, self.index.whole.get(article, ""))
        if m is not None:
            self._add_content(article, m, body[:m.cut], line)
            self._basis(body[m.cut:], at + m.cut, line)
            return
        # Not the draft's text: the content ends where the first entry starts.
        for cut in _cuts(body):
            tail = body[cut:].strip()
            if tail and _starts_entry(tail):
                content = body[:cut]
                break
        else:
            cut, content = len(body), body
        if units or article in self.index.units:
            self._find(FindingKind.CONTENT_DIFFERS,
                       f"the table's text of 第{article}条 is not the draft's: ‘{content[:30]}’", line, article, content)
        self.rows[-1] = attrs.evolve(self.rows[-1], content=content.strip())
        self._basis(body[cut:], at + cut, line)

    def _match_other_article(self, s: str) -> tuple[str, _Match] | None:
        best: tuple[str, _Match] | None = None
        for article in self.index.starting_with(_norm(s[:12])[:3]):
            if article == self.current:
                continue
            units = [u for u in self.index.units[article] if len(u.norm) >= 10]
            m = _match_content(s, units, self.index.whole[article], threshold=MATCH_OTHER, allow_truncated=False)
            if m is not None and (best is None or m.score > best[1].score):
                # Units were filtered: map the index back to the article's own list.
                if m.unit >= 0:
                    m = attrs.evolve(m, unit=self.index.units[article].index(units[m.unit]))
                best = (article, m)
        return best

    # ---- cells

    def read_cells(self, rows: list[tuple[int, list[str], list[int]]], name: str) -> None:
        """Read rows of cells whose header row names the columns."""
        h = _header_index(rows)
        if h is None:
            raise BasisError("no header row naming the basis column (设立依据 or 立法依据) in the first 30 rows",
                             source=name)
        header = rows[h][1]
        columns: dict[str, int] = {}
        for i, cell in enumerate(header):
            col = _column_of(cell)
            if col and col not in columns:
                columns[col] = i
        for line, cells, offsets in rows[h + 1:]:
            if not any(c.strip() for c in cells):
                continue
            self._cell_row(line, cells, offsets, columns)
        end = len(self.text)
        self._close_rows(end)

    def _cell_row(self, line: int, cells: list[str], offsets: list[int], columns: dict[str, int]) -> None:
        def cell(col: str) -> tuple[str, int]:
            i = columns.get(col)
            if i is None or i >= len(cells):
                return "", (offsets[-1] + len(cells[-1]) if offsets else 0)
            return cells[i], offsets[i]

        label_text, label_at = cell("label")
        content, content_at = cell("content")
        basis, basis_at = cell("basis")
        # Readers drop trailing empty cells, so only a row that stops before its basis cell is cut off.
        cut_off = len(cells) <= columns["basis"] and any(c.strip() for c in cells)
        label_src = label_text.strip()
        label = R.ARTICLE_LABEL.match(label_src)
        if label is None and "label" not in columns:
            label = R.ARTICLE_LABEL.match(content.strip())
            if label is not None:
                lead = len(content) - len(content.lstrip())
                content, content_at = content[lead + label.end():], content_at + lead + label.end()
        if label is None and label_src.isdigit() and str(int(label_src)) in self.index.units:
            article: str | None = str(int(label_src))
            label_str = label_src
        elif label is not None:
            number = parse_number(label.group(1))
            sub = parse_number(label.group(2)) if label.group(2) else None
            article = f"{number}-{sub}" if sub else str(number)
            label_str = label.group(0)
        else:
            article, label_str = None, ""
        if article is None and R.HEADING_LABEL.match(label_src or content.strip()) and not basis.strip():
            return  # 第一章 总则: a heading row across the table
        start = offsets[0] if offsets else 0
        if cut_off:
            self._find(FindingKind.TRUNCATED_ROW,
                       f"the row has {len(cells)} cells and stops before the basis column (column {columns['basis'] + 1}): "
                       "it is cut off", line, article or self.current, "\t".join(cells))
        if article is not None:
            self._open_row(article, label_str, line, start, content.strip())
            if not content.strip() and not basis.strip():
                self._find(FindingKind.TRUNCATED_ROW, f"the row of 第{article}条 has neither text nor basis",
                           line, article, label_str)
            elif content.strip():
                self.cell_content.setdefault(article, []).append((line, content))
        else:
            self._unnumbered_cell_row(line, label_src, content, basis)
        for piece_text, at in _cell_lines(basis, basis_at):
            self._basis(piece_text, at, line)

    def _compare_cells(self) -> None:
        """Compare each article's 条文内容 cells, joined, with the draft's text of the article."""
        for article, cells in self.cell_content.items():
            joined = "\n".join(c for _, c in cells)
            self._compare_cell(article, joined, cells[0][0])
            if len(cells) > 1:
                for i, row in enumerate(self.rows):
                    if row.article == article and row.line == self.row_lines.get(article):
                        self.rows[i] = attrs.evolve(row, content=joined.strip())

    def _compare_cell(self, article: str, content: str, line: int) -> None:
        """One finding at most: the cells stop short of the draft's text, or differ from it."""
        if article not in self.index.units:
            return
        whole = self.index.whole[article]
        n = _norm(content)
        self.seen_units.setdefault(article, set()).update(range(len(self.index.units[article])))
        if n == whole:
            return
        if whole.startswith(n):
            self._find(FindingKind.TRUNCATED_ROW,
                       f"the table's text of 第{article}条 stops short: ‘…{n[-12:]}’ where the draft goes on "
                       f"‘{whole[len(n):][:20]}…’", line, article, content)
        else:
            self._find(FindingKind.CONTENT_DIFFERS,
                       f"the table's text of 第{article}条 differs from the draft: it {_diff_summary(n, whole)}",
                       line, article, content)

    def _unnumbered_cell_row(self, line: int, label_src: str, content: str, basis: str) -> None:
        c = content.strip()
        if self.current is not None:
            if not c:
                return  # the 条文 and 条文内容 cells merged with the row above: the same article
            m = _match_content(c, self.index.units.get(self.current, []), self.index.whole.get(self.current, ""),
                               allow_truncated=False)
            if m is not None:
                self.cell_content.setdefault(self.current, []).append((line, c))
                return
        other = self._match_other_article(c) if c else None
        if other is not None:
            article, m = other
            self._find(FindingKind.NO_ARTICLE_NUMBER,
                       f"a row with no article number; its text is 第{article}条's, so it is read as 第{article}条",
                       line, article, c)
            self._open_row(article, "", line, 0, c)
            self.cell_content.setdefault(article, []).append((line, c))
            return
        where = (f"its entries are kept under 第{self.current}条, the row above" if self.current
                 else "its entries are kept with no article")
        self._find(FindingKind.NO_ARTICLE_NUMBER,
                   f"a row with no article number{f' (‘{label_src}’)' if label_src else ''} and text that is no "
                   f"article's; {where}" if basis.strip() else
                   f"a row with no article number{f' (‘{label_src}’)' if label_src else ''} and no basis",
                   line, self.current, c or label_src)

    # ---- the end

    def _close_rows(self, end: int) -> None:
        starts = [r.span.start for r in self.rows[1:]] + [end]
        self.rows = [attrs.evolve(r, span=Span(r.span.start, max(r.span.start, s))) for r, s in zip(self.rows, starts)]

    def finish(self, source: str | None, title: str) -> BasisTable:
        self._compare_cells()
        raws, split_findings = split_citations(self.pieces)
        self.findings.extend(split_findings)
        parsed = [parse_citation(r.text) for r in raws]
        sources, ids, ambiguous = resolve_sources(p.title for p in parsed)
        citations: list[Citation] = []
        for raw, p in zip(raws, parsed):
            for kind, message in p.problems:
                where = f"entry {p.number}.: " if p.number is not None else "an unnumbered entry: "
                self._find(kind, where + message, raw.line, raw.article, raw.text)
            citations.append(Citation(
                article=raw.article, number=p.number, title=p.title, source_id=ids.get(p.title),
                issuer=p.issuer, document_number=p.document_number, date=p.date, pinpoints=p.pinpoints,
                quote=p.quote, text=raw.text, line=raw.line, span=raw.span,
                parts=tuple(s for _, s, _ in raw.pieces)))
        for title, sid in ambiguous:
            line = next(c.line for c in citations if c.title == title)
            self._find(FindingKind.AMBIGUOUS_SOURCE,
                       f"《{title}》 names no issuer and fits more than one source; grouped with {sid}", line, None, title)
        sources = _complete_sources(sources, citations)
        # Articles the table leaves out, and paragraphs a row leaves out.
        rows_by_article: dict[str, BasisRow] = {}
        for r in self.rows:
            rows_by_article.setdefault(r.article, r)
        position = {a: i for i, a in enumerate(self.index.order)}
        for article in self.index.order:
            row = rows_by_article.get(article)
            if row is None:
                if self.rows:
                    # Report it where its row should be: at the next article's row, else after the last row.
                    later = [r.line for r in self.rows if position.get(r.article, -1) > position[article]]
                    line = min(later) if later else max(r.line for r in self.rows)
                    where = f"before line {line}" if later else f"after line {line}"
                    self._find(FindingKind.MISSING_ROW, f"第{article}条 has no row in the table (expected {where})",
                               line, article)
                continue
            units = self.index.units[article]
            seen = self.seen_units.get(article, set())
            missing = [u for i, u in enumerate(units) if i not in seen]
            if missing and (seen or row.content):
                self._find(FindingKind.MISSING_CONTENT,
                           f"the row of 第{article}条 leaves out {', '.join(u.label for u in missing)} of the draft: "
                           f"‘{missing[0].norm[:20]}…’", row.line, article)
        findings = sorted(self.findings, key=lambda f: (f.line, f.kind.value))
        return BasisTable(source, title, tuple(self.index.order), tuple(self.rows), tuple(citations),
                          sources, tuple(findings), self.text)


def _cell_lines(cell: str, at: int) -> list[tuple[str, int]]:
    out = []
    pos = at
    for part in cell.split("\n"):
        if part.strip():
            out.append((part, pos))
        pos += len(part) + 1
    return out


def _complete_sources(sources: tuple[Source, ...], citations: list[Citation]) -> tuple[Source, ...]:
    """Fill a source's document number and date from its citations when its titles carry none."""
    out = []
    for s in sources:
        mine = [c for c in citations if c.source_id == s.source_id]
        number = s.document_number or next((c.document_number for c in mine if c.document_number), None)
        date = s.date or next((c.date for c in mine if c.date), None)
        out.append(attrs.evolve(s, document_number=number, date=date))
    return tuple(out)
