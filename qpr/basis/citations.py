"""From the basis text of each article to citations: splitting entries and taking each apart.

The table reader hands over *pieces*: runs of basis text, each with the
article it belongs to, its offset and its line. Pieces start where a cell or
a line starts, so an entry number (``2.``) at a piece's start opens a new
citation; anything else continues the one before (a quotation that runs on
over the next line, or past a paragraph of the article that the scrape put
in between). Each citation's text is then read as

    [number] [issuers 联合印发] 《title》 [(date)] [(document number)] [pinpoints] passage

and every place inside the document the passage names (第八条, (二十八),
三、(一), 专栏1, 12.) becomes a pinpoint.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from qpr.basis import _rules as R
from qpr.basis.model import BasisFinding, FindingKind
from qpr.basis.sources import parse_date, parse_title
from qpr.model import Span

__all__ = ["ParsedCitation", "Piece", "RawCitation", "parse_citation", "split_citations", "starts_entry"]


@attrs.define
class Piece:
    """A run of basis text from the table: one cell, or the basis part of one line."""

    article: str | None
    text: str
    start: int
    line: int


@attrs.define
class RawCitation:
    """An entry's pieces, before it is taken apart."""

    article: str | None
    pieces: list[tuple[str, Span, int]] = attrs.field(factory=list)
    embedded: bool = False  # opened by ``(《`` inside another entry's passage

    @property
    def line(self) -> int:
        return self.pieces[0][2]

    @property
    def text(self) -> str:
        out = ""
        for text, _, _ in self.pieces:
            if out and out[-1] not in R.TERMINAL and not out[-1].isspace():
                out += text  # a line broken mid-sentence (加大对质 / 量工作的投入)
            elif out:
                out += "\n" + text
            else:
                out = text
        return out.strip()

    @property
    def span(self) -> Span:
        return Span(self.pieces[0][1].start, self.pieces[-1][1].end)


@attrs.frozen
class ParsedCitation:
    number: int | None
    title: str
    issuer: str | None
    document_number: str | None
    date: dt.date | None
    pinpoints: tuple[str, ...]
    quote: str
    #: (kind, message) for anything that could not be read cleanly
    problems: tuple[tuple[FindingKind, str], ...] = ()


def starts_entry(text: str) -> tuple[bool, int | None]:
    """Whether ``text`` opens an entry, and its number: ``2.《…``, ``3. 国家发展改革委…《…``, ``《…``."""
    m = R.CITATION_NUMBER.match(text)
    if m:
        rest = text[m.end():]
        return ("《" in rest[:R.PRE_TITLE_MAX] and "。" not in rest[:rest.find("《")]), int(m.group(1))
    return text.lstrip(" \t(（").startswith("《"), None


def split_citations(pieces: list[Piece]) -> tuple[list[RawCitation], list[BasisFinding]]:
    """Group the pieces into entries, article by article; report numbering out of sequence."""
    citations: list[RawCitation] = []
    findings: list[BasisFinding] = []
    current: dict[str | None, RawCitation] = {}
    expected: dict[str | None, int] = {}
    numbered: dict[str | None, int] = {}

    def open_new(article: str | None, number: int | None, line: int, text: str, *,
                 embedded: bool = False) -> RawCitation:
        raw = RawCitation(article, embedded=embedded)
        citations.append(raw)
        current[article] = raw
        want = expected.get(article, 1)
        where = f"第{article}条" if article else "the rows before the first article"
        if number is not None:
            if number != want:
                findings.append(BasisFinding(FindingKind.NUMBERING,
                                             f"entry {number}. in {where} where {want}. was expected", line,
                                             article, text[:40]))
            expected[article] = number + 1
            numbered[article] = numbered.get(article, 0) + 1
        return raw

    for piece in pieces:
        art = piece.article
        # Cut the piece where an entry opens inside it: ``…。2.《…`` or ``…。)(《…``.
        cuts: list[tuple[int, int | None, str]] = [(0, None, "start")]
        opens, first_number = starts_entry(piece.text.strip())
        want = first_number + 1 if opens and first_number is not None else expected.get(art, 1)
        for m in R.INLINE_NUMBER.finditer(piece.text):
            if int(m.group(1)) == want:
                cuts.append((m.start(), want, "inline"))
                want += 1
        for m in R.EMBEDDED_TITLE.finditer(piece.text):
            if m.start() > 0:
                cuts.append((m.start(), None, "embedded"))
        cuts.sort()
        for k, (pos, _, how) in enumerate(cuts):
            end = cuts[k + 1][0] if k + 1 < len(cuts) else len(piece.text)
            segment = piece.text[pos:end]
            lead = len(segment) - len(segment.lstrip())
            seg_text = segment.strip()
            if not seg_text:
                continue
            span = Span(piece.start + pos + lead, piece.start + pos + lead + len(seg_text))
            raw = current.get(art)
            if how == "start":
                opens, number = starts_entry(seg_text)
                # ``3.`` with no 《 soon after opens an entry only when 3 is the next number
                # (``3.根据有关规定``); otherwise it is a numbered point of a quotation running on.
                if number is not None and number == expected.get(art, 1):
                    opens = True
                if raw is None or opens:
                    raw = open_new(art, number, piece.line, seg_text)
            elif how == "inline":
                _, number = starts_entry(seg_text)
                raw = open_new(art, number, piece.line, seg_text)
            else:
                raw = open_new(art, None, piece.line, seg_text, embedded=True)
                findings.append(BasisFinding(
                    FindingKind.EMBEDDED_CITATION,
                    f"a second document is cited in brackets inside an entry of 第{art}条; read as its own entry"
                    if art else "a second document is cited in brackets inside an entry; read as its own entry",
                    piece.line, art, seg_text[:40]))
            raw.pieces.append((seg_text, span, piece.line))
    # An unnumbered entry beside numbered ones is worth a look (one lone unnumbered entry is ordinary).
    for raw in citations:
        if raw.embedded:
            continue
        _, number = starts_entry(raw.text)
        if number is None and numbered.get(raw.article, 0):
            findings.append(BasisFinding(FindingKind.NUMBERING,
                                         f"an entry of 第{raw.article}条 has no number" if raw.article
                                         else "an entry has no number", raw.line, raw.article, raw.text[:40]))
    return citations, findings


def _close_bracket(text: str, pos: int, open_: str, close: str) -> int:
    """Index just past the bracket closing the one at ``pos``, or -1 when it is never closed."""
    depth = 0
    for i in range(pos, len(text)):
        c = text[i]
        if c in open_:
            depth += 1
        elif c in close:
            depth -= 1
            if depth == 0:
                return i + 1
    return -1


# A document named without 《》 is recognised only when a place in it or its date follows:
# 产品质量法第七条, 质量发展纲要(四); 根据有关规定。 names no document.
_TITLE_WITHOUT_BRACKETS = re.compile(
    r"(?!根据|依据|按照|参照|依照)[\u4e00-\u9fff、“”\"-]{2,40}?(?:" + "|".join(R.KINDS) + r")"
    r"(?=\s*(?:第[" + R.NUMERAL_CHARS + r"]+[条章节]|[(（](?:[一二三四五六七八九十]+[)）、]|\d{4}年)))")
# Where a title never closed with 》 ends: at a line break, a quotation, the end of a sentence,
# a place in the document, or a bracket with a full date or a document number.
_UNCLOSED_TITLE_END = re.compile(
    r"[\n“\"。;；:：]|第[" + R.NUMERAL_CHARS + r"]+条|[(（](?=\d{4}年\d{1,2}月|[^()（）]*〔|[一二三四五六七八九十]+[)）、])")


def parse_citation(text: str) -> ParsedCitation:
    """Take one entry apart: number, issuers, title, date, document number, pinpoints, passage."""
    problems: list[tuple[FindingKind, str]] = []
    number = None
    pos = 0
    m = R.CITATION_NUMBER.match(text)
    if m:
        number, pos = int(m.group(1)), m.end()
    while pos < len(text) and text[pos] in " \t(（":
        pos += 1
    open_title = text.find("《", pos)
    pre = text[pos:open_title] if open_title >= 0 else ""
    issuer_written: str | None = None
    title = ""
    after = pos
    if open_title >= 0 and len(pre) <= R.PRE_TITLE_MAX and not re.search(r"[。;；]", pre):
        issuer_written = R.ISSUE_VERBS.sub("", pre).strip(" ,，、:：") or None
        end = _close_bracket(text, open_title, "《", "》")
        if end < 0:
            m_end = _UNCLOSED_TITLE_END.search(text, open_title + 1)
            title_end = m_end.start() if m_end else len(text)
            title = text[open_title + 1:title_end].strip()
            after = title_end
            problems.append((FindingKind.UNCLOSED_TITLE, f"the title 《{title[:30]} is never closed with 》: the entry is cut off"))
        else:
            title = text[open_title + 1:end - 1]
            after = end
    else:
        guess = _TITLE_WITHOUT_BRACKETS.match(text, pos)
        if guess:
            title = guess.group(0)
            after = guess.end()
            problems.append((FindingKind.NO_TITLE, f"the entry names its document without 《》; read as 《{title}》"))
        else:
            problems.append((FindingKind.NO_TITLE, "the entry names no document in 《》"))
    title = " ".join(title.replace("《", "").replace("》", "").split())
    parts = parse_title(title) if title else None
    date = parts.date if parts else None
    document_number = parts.document_number if parts else None
    # Brackets after the title: (2017年9月5日), (中发〔2017〕24号), even one left open: (2017年9月5日,
    p = after
    while True:
        while p < len(text) and text[p] in " \t":
            p += 1
        if p >= len(text) or text[p] not in "(（":
            break
        close = _close_bracket(text, p, "(（", ")）")
        inner_end = close - 1 if close > 0 else len(text)
        inner = text[p + 1:inner_end]
        nested = re.search(r"[(（]", inner)
        if close < 0 or nested:
            # Left open: take a date or number at its start and go on after it.
            head = re.match(r"\s*(?:" + R.DATE.pattern + r"|" + R.DOCUMENT_NUMBER.pattern + r")[^(（]*?(?:[,，)）]|(?=[(（]))", inner)
            if not head:
                break
            found = head.group(0)
            date = date or parse_date(found)
            num = R.DOCUMENT_NUMBER.search(found)
            document_number = document_number or (num.group(0) if num else None)
            p = p + 1 + head.end()
            continue
        num = R.DOCUMENT_NUMBER.search(inner)
        d = parse_date(inner)
        if not num and not d:
            break  # (二十八), (三、破除质量提升瓶颈): a pinpoint, read below
        document_number = document_number or (re.sub(r"\s+", "", num.group(0)) if num else None)
        date = date or d
        p = close
    body = text[p:]
    pinpoints, quote = _pinpoints_and_quote(body)
    issuer = None
    if issuer_written:
        issuer = " ".join(issuer_written.split())
    elif parts and parts.issuer:
        issuer = parts.issuer
    return ParsedCitation(number, title, issuer, document_number, date, pinpoints, quote, tuple(problems))


def _item_label(n: str) -> str:
    return f"({n})"


def _pinpoints_and_quote(body: str) -> tuple[tuple[str, ...], str]:
    """The places inside the document the passage names, and the passage after the leading ones.

    A place counts where a sentence, a clause or the passage starts (after
    。；： or a line break), so a (二) in the middle of a sentence is not one.
    A section's items take its number: 四、…(五)…。(六) gives 四、(五), 四、(六).
    """
    lead = R.SEPARATORS.match(body)
    start = lead.end() if lead else 0
    # (start, end of what the passage skips, pinpoint)
    found: list[tuple[int, int, str]] = []
    section: str | None = None
    seen_point = False
    positions = sorted({start} | {i + 1 for i, c in enumerate(body) if c in "。;；:：\n" and i + 1 > start})
    taken_until = -1
    for pos in positions:
        if pos < taken_until:
            continue
        while pos < len(body) and body[pos] in " \t\u3000":
            pos += 1
        m = R.LOCATOR.match(body, pos)
        if not m:
            continue
        if m.group("article"):
            found.append((m.start(), m.end(), m.group("article")))
        elif m.group("box"):
            found.append((m.start(), m.end(), m.group("box").replace(" ", "")))
        elif m.group("bsection") or m.group("section"):
            section = (m.group("bsection") or m.group("section")) + "、"
            heading = R.SECTION_HEADING.match(body, m.end())
            item = R.LOCATOR.match(body, heading.end()) if heading else None
            if heading and item and item.group("item"):
                # 三、(一) directly, or (三、破除质量提升瓶颈)(十二): the passage starts after the item;
                # 三、强化企业质量主体作用(一): it keeps the section's heading.
                skip = item.end() if heading.end() == m.end() else m.end()
                found.append((m.start(), skip, section + _item_label(item.group("item"))))
                taken_until = item.end()
                continue
            found.append((m.start(), m.end(), section))
        elif m.group("item"):
            found.append((m.start(), m.end(), (section or "") + _item_label(m.group("item"))))
        elif m.group("point"):
            if not (pos == start or seen_point):
                continue
            seen_point = True
            found.append((m.start(), m.end(), m.group("point") + "."))
        taken_until = m.end()
    # A bare section refined by its first item right after (三、 then 三、(一)) counts once.
    kept = [f for i, f in enumerate(found)
            if not (f[2].endswith("、") and i + 1 < len(found) and found[i + 1][2].startswith(f[2]))]
    pins = tuple(dict.fromkeys(pin for _, _, pin in kept))
    # The passage starts after the places that open it.
    q = start
    for s, e, _ in found:
        if body[q:s].strip(" \t\u3000,，.。:：") == "":
            q = e
        else:
            break
    quote = body[q:].strip().strip(",，.:：;； ").strip()
    # A bracket closing what the entry never opened (…树品牌。)(《…》): not part of the passage.
    while quote and quote[-1] in ")）" and quote.count(")") + quote.count("）") > quote.count("(") + quote.count("（"):
        quote = quote[:-1].rstrip()
    return pins, _unquote(quote)


def _unquote(text: str) -> str:
    """Drop “ ” that enclose the whole passage (keep them when they enclose only its start)."""
    t = text.rstrip("。;； ")
    if t.startswith("“") and t.endswith("”") and t.count("“") == 1 and t.count("”") == 1:
        return t[1:-1].strip()
    return text
