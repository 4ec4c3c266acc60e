"""The regulation model: 章 chapters, 条 articles, 款 paragraphs, 项 items, 目 sub-items.

Every unit carries two spans into :attr:`Regulation.text`:

- ``span``: the unit's whole extent, including its label, indentation and the
  blank lines after it. The leaf spans (headings, article heads, paragraph
  chapeaus, items, sub-items) partition the regulation body exactly, so
  joining them gives the body back character for character (see
  :meth:`Regulation.units`).
- ``text_span``: the words themselves, with the label and surrounding
  whitespace left out; ``text`` is that slice of the source.

Records hold plain values only (no back references), so they compare, hash
and pickle simply.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator

import attrs

from qpr.numerals import parse_article_label

__all__ = [
    "Article",
    "Contact",
    "Heading",
    "HeadingKind",
    "Item",
    "Paragraph",
    "Part",
    "Problem",
    "ProblemKind",
    "Regulation",
    "Span",
    "SubItem",
    "Unit",
]


def pickled_by_fields(cls: type) -> type:
    """Pickle an attrs class as (class, field values) rather than attrs' per-field dict.

    Two to three times faster both ways, which counts where worker processes
    send a corpus's worth of records back (:func:`qpr.duties.read_many`).
    """
    fields = attrs.fields(cls)
    # Rebuilt as cls(*values): every field must be a positional __init__ argument.
    assert all(f.init and not f.kw_only for f in fields), f"{cls.__name__}: a field is not positional"
    names = tuple(f.name for f in fields)

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (cls, tuple(getattr(self, n) for n in names))

    cls.__reduce__ = __reduce__  # type: ignore[method-assign,assignment]
    return cls


@pickled_by_fields
@attrs.frozen(slots=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` in the source text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def slice(self, text: str) -> str:
        return text[self.start:self.end]


class ProblemKind(enum.StrEnum):
    MISSING_ARTICLE = "missing-article"
    DUPLICATE_ARTICLE = "duplicate-article"
    ARTICLE_OUT_OF_ORDER = "article-out-of-order"
    EMPTY_ARTICLE = "empty-article"
    ITEM_SEQUENCE = "item-sequence"
    TEXT_OUTSIDE_ARTICLE = "text-outside-article"


@attrs.frozen(slots=True)
class Problem:
    """An anomaly found while reading: reported, never silently fixed."""

    kind: ProblemKind
    message: str
    line: int
    article: str | None = None
    text: str = ""

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", 第{self.article}条" if self.article else "")
        return f"{where}: {self.message}"


@attrs.frozen(slots=True)
class SubItem:
    """目: a numbered point inside an item (``1.``, ``１．``)."""

    number: int
    label: str
    text: str
    span: Span
    text_span: Span
    line: int


@attrs.frozen(slots=True)
class Item:
    """项: a numbered item (``（一）``) inside a paragraph, with its 目."""

    number: int
    label: str
    text: str
    span: Span
    text_span: Span
    line: int
    subitems: tuple[SubItem, ...] = ()

    @property
    def full_text(self) -> str:
        return "\n".join([self.text, *(f"{s.label}{s.text}" for s in self.subitems)])


@attrs.frozen(slots=True)
class Paragraph:
    """款: one line of an article's body, with the items that follow it.

    ``text`` is the chapeau, the paragraph's own words before its items.
    """

    number: int
    text: str
    span: Span
    text_span: Span
    line: int
    items: tuple[Item, ...] = ()

    @property
    def full_text(self) -> str:
        return "\n".join([self.text, *(f"{i.label}{i.full_text}" for i in self.items)])


@attrs.frozen(slots=True)
class Article:
    """条: a numbered article with its optional heading (``[立法宗旨]``)."""

    number: int
    label: str
    heading: str | None
    chapter: str | None
    section: str | None
    span: Span
    head_span: Span
    line: int
    paragraphs: tuple[Paragraph, ...] = ()
    #: 之一 -> 1 for 第十条之一; None for an ordinary article.
    sub_number: int | None = None

    @property
    def id(self) -> str:
        """The article's id in the interchange format: ``"21"`` or ``"10-1"`` for 第十条之一."""
        return f"{self.number}-{self.sub_number}" if self.sub_number else str(self.number)

    @property
    def text(self) -> str:
        return "\n".join(p.full_text for p in self.paragraphs)


class HeadingKind(enum.StrEnum):
    PART = "part"  # 编 / 分编
    CHAPTER = "chapter"  # 章
    SECTION = "section"  # 节
    OTHER = "other"  # a Markdown heading or other line between articles


@attrs.frozen(slots=True)
class Heading:
    """A 编/章/节 heading line between articles."""

    kind: HeadingKind
    number: int | None
    label: str
    title: str
    span: Span
    text_span: Span
    line: int

    @property
    def full_title(self) -> str:
        return f"{self.label} {self.title}".strip()


@attrs.frozen(slots=True)
class Part:
    """A part of the source document outside the regulation body.

    ``kind`` is ``"header"`` (title, notice, adoption lines before the body),
    ``"attachment"`` (附件2, 附件3: the legal-basis table, the comment form)
    or ``"trailer"`` (anything after the body that is not an attachment).
    """

    kind: str
    name: str
    title: str
    span: Span
    line: int


class Unit(enum.StrEnum):
    """The kinds of leaf unit that partition the body."""

    HEADING = "heading"
    ARTICLE_HEAD = "article-head"
    PARAGRAPH = "paragraph"
    ITEM = "item"
    SUBITEM = "subitem"


@attrs.frozen(slots=True)
class Contact:
    """A person a notice names for questions about a draft (联系人), with the phone number(s) given.

    ``name`` is None for a bare 联系电话 with no person; ``phone`` holds the
    numbers as written (several joined by ``、``), None when the notice gives none.
    """

    name: str | None
    phone: str | None = None

    def __str__(self) -> str:
        return "，".join(p for p in (self.name, f"电话：{self.phone}" if self.phone else None) if p)


@attrs.frozen(slots=True)
class Regulation:
    """A regulation read from its source: metadata, structure, problems.

    ``text`` is the decoded source (for HTML and Word, the text extracted from
    it); every offset in the model points into it. ``simplified`` is the same
    text in simplified characters when the source is traditional, aligned
    character for character, else None.
    """

    title: str
    text: str
    body: Span
    articles: tuple[Article, ...]
    headings: tuple[Heading, ...] = ()
    parts: tuple[Part, ...] = ()
    problems: tuple[Problem, ...] = ()
    issuer: str | None = None
    document_number: str | None = None
    published: dt.date | None = None
    adopted: dt.date | None = None
    effective: dt.date | None = None
    comment_deadline: dt.date | None = None
    #: "draft" (征求意见稿, 草案), "adopted" (an adoption line was found), or "unknown".
    status: str = "unknown"
    source: str | None = None
    format: str = "text"
    encoding: str = "utf-8"
    #: "simplified" or "traditional"
    script: str = "simplified"
    simplified: str | None = attrs.field(default=None, repr=False)
    #: Where a draft's comments go, when its notice says: an e-mail address (电子邮件/邮箱),
    #: a postal address (通讯地址/邮寄地址, with its 邮编 as written), a fax number (传真).
    comment_email: str | None = None
    comment_postal_address: str | None = None
    comment_fax: str | None = None
    #: The notice's 联系人 with their phones, in the order given.
    contacts: tuple[Contact, ...] = ()

    @property
    def chapters(self) -> tuple[Heading, ...]:
        return tuple(h for h in self.headings if h.kind is HeadingKind.CHAPTER)

    @property
    def body_text(self) -> str:
        return self.body.slice(self.text)

    def article(self, ref: int | str) -> Article:
        """The article numbered ``ref`` (21, "21", "10-1", "第二十一条"); KeyError if absent."""
        key = _article_key(ref)
        for a in self.articles:
            if a.id == key:
                return a
        raise KeyError(f"{self.title} has no article {ref!r}")

    def attachment(self, name: str) -> Part:
        for p in self.parts:
            if p.name == name:
                return p
        raise KeyError(f"{self.title} has no part {name!r}; it has {', '.join(p.name for p in self.parts) or 'none'}")

    def simplified_slice(self, span: Span) -> str:
        """The text of ``span`` in simplified characters (the text itself when already simplified)."""
        return span.slice(self.simplified if self.simplified is not None else self.text)

    def units(self) -> Iterator[tuple[Unit, Span]]:
        """The leaf units of the body in order; their spans partition :attr:`body`."""
        leaves: list[tuple[Unit, Span]] = [(Unit.HEADING, h.span) for h in self.headings]
        for a in self.articles:
            leaves.append((Unit.ARTICLE_HEAD, a.head_span))
            for p in a.paragraphs:
                first = p.items[0].span.start if p.items else p.span.end
                leaves.append((Unit.PARAGRAPH, Span(p.span.start, first)))
                for i in p.items:
                    first_sub = i.subitems[0].span.start if i.subitems else i.span.end
                    leaves.append((Unit.ITEM, Span(i.span.start, first_sub)))
                    leaves.extend((Unit.SUBITEM, s.span) for s in i.subitems)
        leaves.sort(key=lambda u: (u[1].start, u[1].end))
        return iter(leaves)


def _article_key(ref: int | str) -> str:
    if isinstance(ref, int):
        return str(ref)
    ref = ref.strip()
    if ref.startswith("第"):
        number, sub = parse_article_label(ref)
        return f"{number}-{sub}" if sub else str(number)
    return ref
