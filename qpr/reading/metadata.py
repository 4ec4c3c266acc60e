"""Metadata around the body: title, issuing body, dates, status.

Three sources, in this order: a scraped notice's key-value lines (发布单位:,
发布日期:, 截止日期:), the Markdown title and adoption lines of the corpus
format (``# 标题``, ``2022年12月29日 …常务委员会第十四次会议通过``), and the
body's own 施行 article.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

__all__ = ["Metadata", "parse_date", "read_metadata"]

_KEY_VALUE = re.compile(r"^[ \t\u3000\xa0]*(发布单位|发文机关|制定机关|发布文号|文号|发布日期|公布日期|截止日期|"
                        r"有效性状态|时效性|实施日期|施行日期)[ \t\u3000\xa0]*[:：][ \t\u3000\xa0]*(.*?)\s*$", re.M)
_DATE = re.compile(r"(\d{4})\s*(?:年|-|\.|/)\s*(\d{1,2})\s*(?:月|-|\.|/)\s*(\d{1,2})\s*日?")
_ADOPTION = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日([^\n]{0,80}?)(通过|批准|公布|发布)")
_LEGISLATURE = re.compile(r"([\u4e00-\u9fff]{2,20}?)(?:第[一二三四五六七八九十百]+届)?(人民代表大会(?:常务委员会)?|人民政府|国务院)")
_EFFECTIVE = re.compile(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起(?:施行|实施|生效)")
_DRAFT = re.compile(r"征求意见稿|草案|送审稿|修订稿|讨论稿|试行草案")
_TITLE_END = re.compile(r"(条例|办法|规定|细则|决定|规则|法|章程|准则|纲要)(\s*[（(][^）)]{1,20}[）)])?$")


@attrs.frozen(slots=True)
class Metadata:
    title: str
    issuer: str | None = None
    document_number: str | None = None
    published: dt.date | None = None
    adopted: dt.date | None = None
    effective: dt.date | None = None
    comment_deadline: dt.date | None = None
    status: str = "unknown"


def parse_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    m = _DATE.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def read_metadata(header: str, body: str, *, attachment_title: str | None, fallback_title: str) -> Metadata:
    """Metadata from the text before the body (``header``) and the body itself."""
    fields: dict[str, str] = {}
    for key, value in _KEY_VALUE.findall(header):
        fields.setdefault(key, value.strip())
    title = attachment_title or _markdown_title(header) or _plain_title(header) or fallback_title
    title = " ".join(title.split())
    adopted = issuer = None
    for m in _ADOPTION.finditer(header):
        if m.group(5) in ("通过", "批准") or adopted is None:
            try:
                adopted = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            lm = _LEGISLATURE.search(m.group(4))
            if lm:
                issuer = lm.group(1) + lm.group(2)
            if m.group(5) in ("通过", "批准"):
                break
    issuer = fields.get("发布单位") or fields.get("发文机关") or fields.get("制定机关") or issuer
    effective = parse_date(fields.get("实施日期") or fields.get("施行日期"))
    if effective is None:
        em = _EFFECTIVE.search(body)
        if em:
            effective = parse_date(em.group(0))
    if _DRAFT.search(title) or "征求意见" in header[:2000]:
        status = "draft"
    elif adopted is not None:
        status = "adopted"
    else:
        status = "unknown"
    return Metadata(
        title=title,
        issuer=issuer or None,
        document_number=fields.get("发布文号") or fields.get("文号") or None,
        published=parse_date(fields.get("发布日期") or fields.get("公布日期")),
        adopted=adopted,
        effective=effective,
        comment_deadline=parse_date(fields.get("截止日期")),
        status=status,
    )


def _markdown_title(header: str) -> str | None:
    m = re.search(r"(?m)^#[ \t]+(\S.*?)\s*$", header)
    return m.group(1) if m else None


def _plain_title(header: str) -> str | None:
    for line in header.splitlines():
        line = line.strip()
        if line and len(line) <= 60 and _TITLE_END.search(line):
            return line
    return None
