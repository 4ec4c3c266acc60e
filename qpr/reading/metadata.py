"""Metadata around the body: title, issuing body, dates, status, where comments go.

Three sources, in this order: a scraped notice's key-value lines (发布单位:,
发布日期:, 截止日期:), the Markdown title and adoption lines of the corpus
format (``# 标题``, ``2022年12月29日 …常务委员会第十四次会议通过``), and the
body's own 施行 article.

A call for comments (征求意见的公告) also says where to send them: an e-mail
address after 电子邮件/邮箱, a postal address after 通讯地址/邮寄地址, a fax
number after 传真, and 联系人 with their phones. These are read from the
header only, so a body article about 举报电话 or 电子邮箱 is never taken for them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import attrs

from qpr.model import Contact, Regulation

__all__ = ["Metadata", "SubmissionDetails", "metadata_of", "parse_date", "read_metadata", "read_submission"]

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
    comment_email: str | None = None
    comment_postal_address: str | None = None
    comment_fax: str | None = None
    contacts: tuple[Contact, ...] = ()


def metadata_of(reg: Regulation) -> Metadata:
    """A regulation's metadata alone, without its text: small enough to send back from a worker with its reading."""
    return Metadata(**{f.name: getattr(reg, f.name) for f in attrs.fields(Metadata)})


@attrs.frozen(slots=True)
class SubmissionDetails:
    """Where a notice asks comments to be sent; every field None (or empty) when it does not say."""

    email: str | None = None
    postal_address: str | None = None
    fax: str | None = None
    contacts: tuple[Contact, ...] = ()


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
    submission = read_submission(header)
    return Metadata(
        title=title,
        issuer=issuer or None,
        document_number=fields.get("发布文号") or fields.get("文号") or None,
        published=parse_date(fields.get("发布日期") or fields.get("公布日期")),
        adopted=adopted,
        effective=effective,
        comment_deadline=parse_date(fields.get("截止日期")),
        status=status,
        comment_email=submission.email,
        comment_postal_address=submission.postal_address,
        comment_fax=submission.fax,
        contacts=submission.contacts,
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


# -- where comments go ---------------------------------------------------------------------------

_EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
# Searched in the NFKC form of the header, so full-width letters and ＠ count too.
_EMAIL_AFTER_KEY = re.compile(r"(?:电子邮件|电子邮箱|电子信箱|邮箱|e-?mail)(?:地址)?[^@\n]{0,24}?(" + _EMAIL + ")", re.IGNORECASE)
_PHONE = (r"(?:\+?86[- ]?)?(?:1[3-9]\d{9}|(?:\(0\d{2,3}\)|0\d{2,3}[-—－ ]?)?\d{7,8}(?:(?:-|转)\d{1,5})?)"
          r"(?![\d@])")
_PHONE_RE = re.compile(_PHONE)
_FAX = re.compile(r"传真(?:号码|电话)?[ \t]*[:：]?[ \t]*(" + _PHONE + ")")
_POSTAL = re.compile(r"(?:通讯地址|通信地址|邮寄地址|寄送地址|来信地址|信函地址|邮寄至|寄送至|寄至)[ \t\u3000]*[:：]?[ \t\u3000]*"
                     r"([^\n。；;]{4,120})")
# Where a postal address ends when the same line goes on to another detail.
_POSTAL_END = re.compile(r"[，,、]?[ \t]*(?:联系人|联系电话|电话|传真|电子邮|电子信箱|邮箱)|[，,][ \t]*并")
# 联系人 as a label (联系人：, 联系人及电话：), not inside 联系人民群众.
_CONTACT_START = re.compile(r"联[ \t\u3000]*系[ \t\u3000]*人(?=[ \t\u3000]*(?:[:：]|及|和|与|电话|姓名))")
_CONTACT_MORE = re.compile(r"^[ \t\u3000\xa0]*(?:联系电话|电话|手机|办公电话|座机)")
_BARE_PHONE = re.compile(r"(?:联系|咨询)电话[ \t]*[:：][ \t]*(" + _PHONE + ")")
# Words around names in a 联系人 line, cut out before the names are read.
_CONTACT_WORDS = re.compile(r"联系人及(?:联系)?电话|联系人|联系电话|办公电话|手机号码|手机|座机|电话|分别为|同志|女士|先生|"
                            r"电子邮件|电子邮箱|邮箱|[ \t\u3000\xa0:：,，;；、()（）]")
_NAME = re.compile(r"[\u4e00-\u9fff·]{2,12}")


def read_submission(header: str) -> SubmissionDetails:
    """Where a notice's header asks for comments: e-mail, postal address, fax, contacts.

    >>> d = read_submission("将修改意见发送电子邮件至: 184625276@qq.com。\\n联系人:杜兵,电话:86607695;王雯,电话:86607573")
    >>> d.email, [str(c) for c in d.contacts]
    ('184625276@qq.com', ['杜兵，电话：86607695', '王雯，电话：86607573'])
    """
    folded = unicodedata.normalize("NFKC", header)
    m = _EMAIL_AFTER_KEY.search(folded)
    email = m.group(1) if m else None
    fax_match = _FAX.search(folded)
    fax = fax_match.group(1).strip() if fax_match else None
    postal = None
    pm = _POSTAL.search(header)
    if pm:
        value = _POSTAL_END.split(pm.group(1), maxsplit=1)[0].strip(" \t\u3000,，")
        postal = value or None
    return SubmissionDetails(email=email, postal_address=postal, fax=fax, contacts=_contacts(folded))


def _contacts(folded: str) -> tuple[Contact, ...]:
    """The 联系人 and their phones; a bare 联系电话 with no person gives a contact without a name."""
    lines = folded.splitlines()
    found: list[tuple[str | None, list[str]]] = []
    for i, line in enumerate(lines):
        start = _CONTACT_START.search(line)
        if not start:
            continue
        segment = line[start.start():]
        for more in lines[i + 1:]:
            if not _CONTACT_MORE.match(more):
                break
            segment += "\n" + more
        segment = _FAX.sub(" ", segment)
        segment = _EMAIL_AFTER_KEY.sub(" ", segment)
        found.extend(_contacts_in(segment))
    if not found:
        m = _BARE_PHONE.search(folded)
        if m:
            return (Contact(None, m.group(1).strip()),)
        return ()
    contacts: list[Contact] = []
    for name, phones in found:
        contact = Contact(name, "、".join(phones) or None)
        if contact not in contacts:
            contacts.append(contact)
    return tuple(contacts)


def _contacts_in(segment: str) -> list[tuple[str | None, list[str]]]:
    """Names and phones in reading order: a phone goes to the names before it that have none yet
    (张三、李四，电话：… gives both the one number), else to the last name (a second number)."""
    out: list[tuple[str | None, list[str]]] = []
    pos = 0
    for pm in _PHONE_RE.finditer(segment):
        out.extend((nm.group(0), []) for nm in _NAME.finditer(_CONTACT_WORDS.sub(" ", segment[pos:pm.start()])))
        phone = pm.group(0).strip()
        waiting = [phones for _, phones in out if not phones]
        if waiting:
            for phones in waiting:
                phones.append(phone)
        elif out:
            out[-1][1].append(phone)
        else:
            out.append((None, [phone]))
        pos = pm.end()
    out.extend((nm.group(0), []) for nm in _NAME.finditer(_CONTACT_WORDS.sub(" ", segment[pos:])))
    return out
