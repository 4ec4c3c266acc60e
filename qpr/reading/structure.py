"""The structural reader: lines of text -> 编/章/节 headings, 条, 款, 项, 目.

One pass over the lines. A unit opens only at the start of a line (after
indentation and Markdown ``#`` marks), so ``依照本条例第十条`` inside a
sentence never opens an article. Each unit's span runs from its line start to
the next unit's start, so blank lines and indentation belong to the unit
before them and the leaf spans partition the body exactly.
"""

from __future__ import annotations

import re

from qpr.model import (
    Article,
    Heading,
    HeadingKind,
    Item,
    Paragraph,
    Part,
    Problem,
    ProblemKind,
    Span,
    SubItem,
)
from qpr.numerals import NUMERAL_CHARS, parse_number

__all__ = ["Line", "Structure", "find_problems", "read_structure", "split_lines"]

_N = NUMERAL_CHARS
_CN = "零〇一二两三四五六七八九十百"

# 第X条 / 第X條 / 第X条之一, not followed by what makes it a reference (第十条的规定, 第三条、第五条).
ARTICLE_RE = re.compile(rf"第([{_N}]+)[条條](?:之([{_N}]+))?(?![的、，,和及或与與至到规規所中款项項第])")
# An article heading right after the label: [立法宗旨], 【适用范围】, （基本原则）.
ARTICLE_HEADING_RE = re.compile(r"[ \t\u3000\xa0]*(?:\[([^\]\n]{1,40})\]|【([^】\n]{1,40})】|[（(]([^）)\n]{1,40})[）)])")
HEADING_RE = re.compile(rf"第([{_N}]+)(分编|分編|编|編|章|节|節)")
# （一）至（三）项所列… and （四）、（五）项… open with a reference, not an item; （四）至少每十五天…
# and （一）到期不缴纳罚款的 are items: 至, 到 and 、 make a reference only before another （X）.
ITEM_RE = re.compile(rf"[（(]([{_CN}]+)[）)](?![至到、]第?[（(]|[项項](?!目)|[和及或与與]第?[（(])")
SUBITEM_RE = re.compile(r"(?:([0-9]{1,3}|[０-９]{1,3})[.．、](?![0-9０-９])|[（(]([0-9]{1,3}|[０-９]{1,3})[）)])")
ATTACHMENT_RE = re.compile(rf"(附件|附表|附录|附錄)([0-9０-９{_CN}]*)(?=$|[\s:：《<])")
_SENTENCE_PUNCT = re.compile(r"[，。；,;：:]")
# Zero-width characters that editors leave on otherwise blank lines.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE_OR_SPACE = _INVISIBLE + " \t\r\f\v\u3000\xa0\u2002\u2003\u2009"
_MD_HEADING = re.compile(r"#{1,6}[ \t]*")

_HEADING_KIND = {"编": HeadingKind.PART, "編": HeadingKind.PART, "分编": HeadingKind.PART, "分編": HeadingKind.PART,
                 "章": HeadingKind.CHAPTER, "节": HeadingKind.SECTION, "節": HeadingKind.SECTION}


class Line:
    """One line of the source: its span, its stripped content and what it opens."""

    __slots__ = ("number", "start", "end", "content_start", "content_end", "kind", "match", "md_level")

    def __init__(self, number: int, start: int, end: int, content_start: int, content_end: int) -> None:
        self.number = number
        self.start = start
        self.end = end
        self.content_start = content_start
        self.content_end = content_end
        self.kind = "blank"
        self.match: re.Match[str] | None = None
        self.md_level = 0


def split_lines(text: str) -> list[Line]:
    """Split into lines (keeping offsets) and classify each one."""
    lines: list[Line] = []
    pos = 0
    number = 0
    n = len(text)
    for raw in text.split("\n"):
        number += 1
        end = pos + len(raw) + 1
        stripped = raw.strip()
        if stripped and (stripped[0] in _INVISIBLE or stripped[-1] in _INVISIBLE):
            stripped = stripped.strip(_INVISIBLE_OR_SPACE)
        if stripped:
            lead = raw.index(stripped)
            line = Line(number, pos, min(end, n), pos + lead, pos + lead + len(stripped))
            _classify(line, text, stripped)
        else:
            line = Line(number, pos, min(end, n), pos, pos)
        lines.append(line)
        pos = end
    return lines


def _classify(line: Line, text: str, stripped: str) -> None:
    first = stripped[0]
    if first == "#":
        m = _MD_HEADING.match(stripped)
        assert m is not None
        line.md_level = len(m.group(0).rstrip())
        line.content_start += m.end()
        stripped = stripped[m.end():]
        if not stripped:
            line.kind = "text"
            return
        first = stripped[0]
    pos = line.content_start
    if first == "第":
        m = ARTICLE_RE.match(text, pos)
        if m and m.end() <= line.content_end:
            line.kind, line.match = "article", m
            return
        m = HEADING_RE.match(text, pos)
        if m and _is_heading(stripped, m.end() - pos):
            line.kind, line.match = "heading", m
            return
    elif first in "(（":
        m = ITEM_RE.match(text, pos)
        if m:
            line.kind, line.match = "item", m
            return
        m = SUBITEM_RE.match(text, pos)
        if m:
            line.kind, line.match = "subitem", m
            return
    elif first.isdigit():
        m = SUBITEM_RE.match(text, pos)
        if m:
            line.kind, line.match = "subitem", m
            return
    elif first == "附":
        m = ATTACHMENT_RE.match(text, pos)
        if m:
            line.kind, line.match = "attachment", m
            return
    line.kind = "markdown-heading" if line.md_level else "text"


def _is_heading(stripped: str, label_len: int) -> bool:
    """A 章/节 line is short and is not a sentence (``第三章规定的…`` is a reference)."""
    rest = stripped[label_len:]
    if not rest:
        return True
    if len(stripped) > 40 or _SENTENCE_PUNCT.search(rest):
        return False
    return rest[0].isspace() or rest[0] not in "的规規所中"


class _ArticleBuilder:
    __slots__ = ("line", "start", "head_end", "number", "sub", "label", "heading", "chapter", "section", "paragraphs")

    def __init__(self, line: Line, m: re.Match[str], text: str, chapter: str | None, section: str | None) -> None:
        self.line = line
        self.start = line.start
        self.number = parse_number(m.group(1))
        self.sub = parse_number(m.group(2)) if m.group(2) else None
        self.label = m.group(0)
        self.chapter = chapter
        self.section = section
        self.heading: str | None = None
        head_end = m.end()
        hm = ARTICLE_HEADING_RE.match(text, head_end, line.content_end)
        if hm:
            heading = hm.group(1) or hm.group(2) or hm.group(3)
            # （一） right after the label is an item, and a clause in brackets is not a heading.
            # 第一百九十九条 （删去） is the whole text of a repealed article, not a heading.
            whole_line = hm.group(3) is not None and not text[hm.end():line.content_end].strip()
            if not whole_line and not ITEM_RE.fullmatch(f"（{heading}）") and not _SENTENCE_PUNCT.search(heading):
                self.heading = heading.strip()
                head_end = hm.end()
        while head_end < line.content_end and text[head_end].isspace():
            head_end += 1
        self.head_end = head_end
        self.paragraphs: list[list] = []


class Structure:
    """The result of :func:`read_structure`: units, problems, and the parts around the body."""

    __slots__ = ("articles", "headings", "problems", "body", "parts", "regulation_title_line")

    def __init__(self) -> None:
        self.articles: list[Article] = []
        self.headings: list[Heading] = []
        self.problems: list[Problem] = []
        self.body = Span(0, 0)
        self.parts: list[Part] = []
        self.regulation_title_line: Line | None = None


def read_structure(text: str, lines: list[Line] | None = None) -> Structure:
    """Find the body, split the document into parts and read the body's units."""
    if lines is None:
        lines = split_lines(text)
    out = Structure()
    segments = _segments(lines)
    reg_index = next((i for i, (a, b) in enumerate(segments)
                      if any(lines[k].kind == "article" for k in range(a, b))), None)
    if reg_index is None:
        out.parts = _parts(text, lines, segments, None, None)
        return out
    seg_start, seg_end = segments[reg_index]
    if lines[seg_start].kind == "attachment":
        out.regulation_title_line = lines[seg_start]
    first_article = next(k for k in range(seg_start, seg_end) if lines[k].kind == "article")
    body_first = _body_start(lines, seg_start, first_article)
    body_start = lines[body_first].start
    body_end = lines[seg_end - 1].end if seg_end > 0 else len(text)
    out.body = Span(body_start, body_end)
    out.parts = _parts(text, lines, segments, reg_index, out.body)
    _read_body(text, lines, body_first, seg_end, body_end, out)
    return out


def _segments(lines: list[Line]) -> list[tuple[int, int]]:
    """Line ranges split at attachment lines (附件2 …): [header/regulation, 附件1, 附件2, …]."""
    cuts = [0] + [k for k, line in enumerate(lines) if line.kind == "attachment" and k > 0] + [len(lines)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def _body_start(lines: list[Line], seg_start: int, first_article: int) -> int:
    """Walk back from the first article over the headings that open it (a TOC above stops the walk)."""
    start = first_article
    kinds_seen: set[str] = set()
    for k in range(first_article - 1, seg_start - 1, -1):
        line = lines[k]
        if line.kind == "blank":
            continue
        if line.kind == "heading":
            assert line.match is not None
            kind = line.match.group(2)
        elif line.kind == "markdown-heading" and line.md_level >= 2:
            kind = "md"
        else:
            break
        if kind in kinds_seen:  # the same kind twice: we are in a table of contents
            break
        kinds_seen.add(kind)
        start = k
    return start


def _parts(text: str, lines: list[Line], segments: list[tuple[int, int]], reg_index: int | None,
           body: Span | None) -> list[Part]:
    """The document around the body: one header (notice, title, adoption lines), then attachments."""
    parts: list[Part] = []
    if reg_index is not None and body is not None:
        if body.start > 0:
            parts.append(Part("header", "header", _first_words(text, lines, 0, body.start), Span(0, body.start), 1))
        segments = segments[reg_index + 1:]
    for a, b in segments:
        span = Span(lines[a].start, lines[b - 1].end)
        first = lines[a]
        if first.kind == "attachment":
            assert first.match is not None
            name = first.match.group(0).strip()
            title = text[first.match.end():first.content_end].strip()
            parts.append(Part("attachment", name, title, span, first.number))
        else:
            kind = "trailer" if reg_index is not None else "header"
            parts.append(Part(kind, kind, _first_words(text, lines, a, span.end), span, first.number))
    return parts


def _first_words(text: str, lines: list[Line], first: int, end: int) -> str:
    for line in lines[first:]:
        if line.start >= end:
            break
        if line.kind != "blank":
            return text[line.content_start:line.content_end][:80]
    return ""


def _read_body(text: str, lines: list[Line], first: int, last: int, body_end: int, out: Structure) -> None:
    """Build the units of lines[first:last]; every character up to body_end lands in one."""
    chapter: str | None = None
    section: str | None = None
    article: _ArticleBuilder | None = None
    paragraph: list | None = None  # [start, text_start, text_end, line, items]
    item: list | None = None  # [number, label, start, text_start, text_end, line, subitems]
    heading_builders: list[list] = []  # [kind, number, label, title, start, text_start, text_end, line]
    # Starts of every leaf unit, in order: used to close each unit where the next begins.
    articles: list[_ArticleBuilder] = []

    for line in lines[first:last]:
        kind = line.kind
        if kind == "blank":
            continue
        if kind == "article":
            assert line.match is not None
            article = _ArticleBuilder(line, line.match, text, chapter, section)
            articles.append(article)
            paragraph = item = None
            if article.head_end < line.content_end:
                paragraph = [article.head_end, article.head_end, line.content_end, line.number, []]
                article.paragraphs.append(paragraph)
            continue
        if kind == "heading" or (kind == "markdown-heading" and line.md_level >= 2 and article is None):
            assert line.match is not None or kind == "markdown-heading"
            if kind == "heading":
                m = line.match
                assert m is not None
                hkind = _HEADING_KIND[m.group(2)]
                label = m.group(0)
                title = text[m.end():line.content_end].strip()
                number: int | None = parse_number(m.group(1))
                title_start = m.end()
                while title_start < line.content_end and text[title_start].isspace():
                    title_start += 1
            else:
                hkind, label, number = HeadingKind.OTHER, "", None
                title_start = line.content_start
                title = text[line.content_start:line.content_end]
            if hkind is HeadingKind.CHAPTER:
                chapter, section = f"{label} {title}".strip(), None
            elif hkind is HeadingKind.SECTION:
                section = f"{label} {title}".strip()
            elif hkind is HeadingKind.PART:
                chapter = section = None
            heading_builders.append([hkind, number, label, " ".join(title.split()), line.start, line.content_start,
                                     line.content_end, line.number])
            article = None
            paragraph = item = None
            continue
        if article is None:
            # Words between a heading and the next article: kept with the heading, and reported.
            out.problems.append(Problem(ProblemKind.TEXT_OUTSIDE_ARTICLE, "text between a heading and the next article",
                                        line.number, None, text[line.content_start:line.content_end][:60]))
            continue
        if kind == "item" or (kind == "subitem" and item is None):
            m = line.match
            assert m is not None
            if kind == "item":
                number = parse_number(m.group(1))
            else:
                number = parse_number(m.group(1) or m.group(2))
            text_start = m.end()
            while text_start < line.content_end and text[text_start].isspace():
                text_start += 1
            if paragraph is None:  # an article that opens with an item: an empty chapeau holds it
                paragraph = [line.start, line.start, line.start, line.number, []]
                article.paragraphs.append(paragraph)
            item = [number, m.group(0), line.start, text_start, line.content_end, line.number, []]
            paragraph[4].append(item)
            continue
        if kind == "subitem":
            assert item is not None and line.match is not None
            m = line.match
            text_start = m.end()
            while text_start < line.content_end and text[text_start].isspace():
                text_start += 1
            item[6].append([parse_number(m.group(1) or m.group(2)), m.group(0), line.start, text_start,
                            line.content_end, line.number])
            continue
        # Any other line (text, attachment-like, a deeper Markdown heading) is a new paragraph.
        item = None
        paragraph = [line.start, line.content_start, line.content_end, line.number, []]
        article.paragraphs.append(paragraph)

    # Close every unit where the next one starts.
    unit_starts = sorted({h[4] for h in heading_builders} | {a.start for a in articles} | {body_end})
    _close(text, articles, heading_builders, unit_starts, body_end, out)
    out.problems.extend(find_problems(out.articles))
    out.problems.sort(key=lambda p: p.line)


def _close(text: str, articles: list[_ArticleBuilder], heading_builders: list[list], unit_starts: list[int],
           body_end: int, out: Structure) -> None:
    import bisect

    def next_start(pos: int) -> int:
        return unit_starts[bisect.bisect_right(unit_starts, pos)]

    for h in heading_builders:
        end = next_start(h[4])
        out.headings.append(Heading(h[0], h[1], h[2], h[3], Span(h[4], end), Span(h[5], h[6]), h[7]))
    for a in articles:
        end = next_start(a.start)
        paragraphs: list[Paragraph] = []
        for pi, p in enumerate(a.paragraphs):
            p_end = a.paragraphs[pi + 1][0] if pi + 1 < len(a.paragraphs) else end
            items: list[Item] = []
            for ii, it in enumerate(p[4]):
                i_end = p[4][ii + 1][2] if ii + 1 < len(p[4]) else p_end
                subs = tuple(
                    SubItem(s[0], s[1], text[s[3]:s[4]], Span(s[2], it[6][si + 1][2] if si + 1 < len(it[6]) else i_end),
                            Span(s[3], s[4]), s[5])
                    for si, s in enumerate(it[6]))
                items.append(Item(it[0], it[1], text[it[3]:it[4]], Span(it[2], i_end), Span(it[3], it[4]), it[5], subs))
            paragraphs.append(Paragraph(pi + 1, text[p[1]:p[2]], Span(p[0], p_end), Span(p[1], p[2]), p[3], tuple(items)))
        head_end = a.paragraphs[0][0] if a.paragraphs else end
        out.articles.append(Article(a.number, a.label, a.heading, a.chapter, a.section, Span(a.start, end),
                                    Span(a.start, head_end), a.line.number, tuple(paragraphs), a.sub))


def _numbers(numbers: list[int]) -> str:
    """[5] -> "article 5"; [5, 6, 7, 9] -> "articles 5-7, 9"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    text = ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
    return f"article {text}" if len(numbers) == 1 else f"articles {text}"


def find_problems(articles: list[Article] | tuple[Article, ...]) -> list[Problem]:
    """Numbering anomalies and empty articles, each with its line number."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    prev: Article | None = None
    # A gap is missing only what the text has nowhere: 第五条 placed after 第六条 is out of order, not missing.
    present = {a.number for a in articles if a.sub_number is None}
    for a in articles:
        if a.id in seen:
            problems.append(Problem(ProblemKind.DUPLICATE_ARTICLE, f"{a.label} appears again (first at line {seen[a.id]})",
                                    a.line, a.id, a.label))
        else:
            seen[a.id] = a.line
            if prev is None:
                if a.number > 1 and a.sub_number is None:
                    problems.append(Problem(ProblemKind.MISSING_ARTICLE, f"the first article is {a.label}, not 第一条",
                                            a.line, a.id, a.label))
            elif a.sub_number is not None:
                if a.number != prev.number or (prev.sub_number or 0) + 1 != a.sub_number:
                    problems.append(Problem(ProblemKind.ARTICLE_OUT_OF_ORDER, f"{a.label} follows {prev.label}",
                                            a.line, a.id, a.label))
            elif a.number < prev.number:
                problems.append(Problem(ProblemKind.ARTICLE_OUT_OF_ORDER,
                                        f"{a.label} is out of order: it follows {prev.label}", a.line, a.id, a.label))
            elif a.number > prev.number + 1:
                missing = [n for n in range(prev.number + 1, a.number) if n not in present]
                if missing:
                    problems.append(Problem(ProblemKind.MISSING_ARTICLE,
                                            f"{_numbers(missing)} missing: {prev.label} is followed by {a.label}",
                                            a.line, a.id, a.label))
        prev = a
        if not any(p.text or p.items for p in a.paragraphs):
            problems.append(Problem(ProblemKind.EMPTY_ARTICLE, f"{a.label} has no text", a.line, a.id, a.label))
        last_item = 0
        for p in a.paragraphs:
            # A list may run on after a line that interrupts it (a note under item 二): 1 or the next number.
            expected = last_item + 1 if p.items and p.items[0].number == last_item + 1 else 1
            for it in p.items:
                if it.number != expected:
                    problems.append(Problem(ProblemKind.ITEM_SEQUENCE,
                                            f"item {it.label} where item {expected} was expected in {a.label}",
                                            it.line, a.id, it.label))
                expected = it.number + 1
            if p.items:
                last_item = p.items[-1].number
    return problems
