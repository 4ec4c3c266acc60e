"""One cited document, many spellings: normalising titles and grouping them into sources.

A basis table cites the same document in many ways:
《中共中央国务院关于开展质量提升行动的指导意见》(2017年9月5日),
《中共中央 国务院关于开展质量提升行动的指导意见(中发〔2017〕24号)》;
《国务院关于印发质量发展纲要(2011-2020年)的通知》 and 《国务院质量发展纲要》;
《中共四川省委关于…的决定》 and 《四川省委关于…的决定》.

:func:`parse_title` takes a title apart by rules that hold for any Chinese
official document (see :mod:`qpr.basis._rules`): spacing and bracket widths,
brackets holding a date or a document number, the 印发…的通知 wrapper, the
issuer in front (with 中共/省委 spellings made one), 中华人民共和国 before a
law's name, and a plan's period. Titles with the same core are one source
when their issuers and periods agree or one of them leaves it out; a core
with two different issuers (a central 意见 and a province's 意见 of the same
name) stays two sources.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

import attrs

from qpr.basis import _rules as R
from qpr.basis.model import Source

__all__ = ["TitleParts", "parse_title", "resolve_sources", "title_key"]


@attrs.frozen(slots=True)
class TitleParts:
    """A title taken apart. ``core`` is what identifies the document once issuer and brackets are gone."""

    written: str
    display: str
    core: str
    issuers: tuple[str, ...] = ()
    issuer_written: str | None = None
    period: str | None = None
    document_number: str | None = None
    date: dt.date | None = None
    wrapped: bool = False
    state_prefix: bool = False
    kind: str | None = None

    @property
    def issuer(self) -> str | None:
        """The issuers as one display string: ``中共中央 国务院``."""
        return " ".join(self.issuers) or None


def normalise(text: str) -> str:
    """NFKC, no whitespace, one kind of dash: the form titles are compared in."""
    text = unicodedata.normalize("NFKC", text)
    text = R.DASHES.sub("-", text)
    return re.sub(r"\s+", "", text)


def parse_date(text: str) -> dt.date | None:
    m = R.DATE.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
    except ValueError:
        return None


def _issuers(text: str, *, before_guanyu: bool) -> tuple[tuple[str, ...], str, str]:
    """Split leading issuers off ``text``: (normalised issuers, the issuers as written, the rest).

    A ministry or agency (a weak issuer) counts only when 关于 or another
    issuer follows it, so 《质量技术监督局…》-like names inside a title are not
    mistaken for issuers; 国务院 and a 省委 count anywhere (国务院质量发展纲要).
    """
    found: list[str] = []
    pos = 0
    while pos < len(text):
        m = R.STRONG_ISSUER.match(text, pos)
        strong = m is not None
        if m is None:
            m = R.WEAK_ISSUER.match(text, pos)
        if m is None or m.end() == pos:
            break
        after = R.ISSUER_SEPARATOR.match(text, m.end())
        end = after.end() if after else m.end()
        rest = text[end:]
        if not rest and not before_guanyu:
            break
        if not strong and not (rest.startswith("关于") or before_guanyu or R.STRONG_ISSUER.match(rest)
                               or R.WEAK_ISSUER.match(rest) and end > m.end()):
            break
        found.append(m.group(0))
        pos = end
    if not found:
        return (), "", text
    written = text[:pos]
    return tuple(_normalise_issuer(f) for f in found), written, text[pos:]


def _normalise_issuer(issuer: str) -> str:
    m = R.PARTY_COMMITTEE.match(issuer)
    if m and (issuer.startswith(("中共", "中国共产党")) or issuer.endswith(("委", "委办公厅"))):
        return f"中共{m.group(1)}委{m.group(2) or ''}"
    if issuer == "全国人民代表大会常务委员会":
        return "全国人大常委会"
    return issuer


def parse_title(title: str) -> TitleParts:
    """Take a document title apart into issuer, core, period, document number and date."""
    written = " ".join(title.split())
    text = normalise(title)
    text = R.QUOTES.sub("", text)
    number_m = R.DOCUMENT_NUMBER.search(text)
    document_number = re.sub(r"\s+", "", number_m.group(0)) if number_m else None
    if number_m:
        # The brackets around the number go with it: (中发〔2017〕24号)
        start, end = number_m.start(), number_m.end()
        if start > 0 and text[start - 1] in "([" and end < len(text) and text[end] in ")]":
            start, end = start - 1, end + 1
        text = text[:start] + text[end:]
    date = None
    dated = R.DATED_BRACKET.search(text)
    period_m = R.PERIOD.search(text)
    period = f"{period_m.group(1)}-{period_m.group(2)}" if period_m else None
    if period_m:
        text = text[:period_m.start()] + text[period_m.end():]
        dated = R.DATED_BRACKET.search(text)
    if dated:
        date = parse_date(dated.group(0))
        text = text[:dated.start()] + text[dated.end():]
    display = _display(written)
    wrapped = False
    issuers: tuple[str, ...] = ()
    issuer_written = ""
    m = R.WRAPPER.match(text)
    if m and m.group("inner"):
        pre = m.group("pre")
        wrapped = True
        issuers, issuer_written, left = _issuers(pre.removesuffix("关于"), before_guanyu=True)
        if left:  # words before 印发 that are not an issuer: keep them, this is not a wrapper we understand
            wrapped, issuers, issuer_written = False, (), ""
        else:
            text = m.group("inner")
    if not wrapped:
        issuers, issuer_written, text = _issuers(text, before_guanyu=False)
    else:
        inner_issuers, _, text = _issuers(text, before_guanyu=False)
        issuers = issuers or inner_issuers
    text = text.removeprefix("关于")
    state_prefix = text.startswith(R.STATE_PREFIX) and len(text) > len(R.STATE_PREFIX)
    if state_prefix:
        text = text[len(R.STATE_PREFIX):]
    core = text.strip("()[],.;:、。 ")
    kind = next((k for k in R.KINDS if core.endswith(k)), None)
    return TitleParts(written, display, core, issuers, issuer_written or None, period, document_number, date,
                      wrapped, state_prefix, kind)


def _display(written: str) -> str:
    """The title to show: as written, with a bracketed document number or date taken out."""
    out = written
    # Positions are found in the NFKC form (full-width brackets made ASCII), which
    # keeps lengths for the characters titles use; if not, the title is shown as written.
    nf = R.DASHES.sub("-", unicodedata.normalize("NFKC", out))
    if len(nf) == len(out):
        spans = []
        for m in R.DOCUMENT_NUMBER.finditer(nf):
            s, e = m.start(), m.end()
            if s > 0 and nf[s - 1] in "([" and e < len(nf) and nf[e] in ")]":
                s, e = s - 1, e + 1
            spans.append((s, e))
        for m in R.DATED_BRACKET.finditer(nf):
            if not R.PERIOD.fullmatch(m.group(0)):  # (2011-2020年) names which plan: keep it
                spans.append((m.start(), m.end()))
        for s, e in sorted(spans, reverse=True):
            out = out[:s] + out[e:]
    return " ".join(out.split()).strip() or written


def title_key(title: str) -> str:
    """The normalised core of a title: equal keys are candidates for one source."""
    return parse_title(title).core


# How much each looser rule lowers the confidence that two spellings are one document.
_WRAPPER_DIFFERS = 0.95
_ISSUER_SPELLED_DIFFERENTLY = 0.95
_ISSUER_LEFT_OUT = 0.85
_PERIOD_LEFT_OUT = 0.9
_STATE_PREFIX_DIFFERS = 0.95


def _bare(issuers: str | None) -> str:
    """Issuers as written, without the separators between them: 中共中央、国务院 is 中共中央国务院."""
    return R.ISSUER_SEPARATOR.sub("", normalise(issuers or "")) if issuers else ""


def _agreement(a: TitleParts, b: TitleParts) -> float:
    score = 1.0
    if a.wrapped != b.wrapped:
        score *= _WRAPPER_DIFFERS
    if bool(a.issuers) != bool(b.issuers):
        score *= _ISSUER_LEFT_OUT
    elif a.issuers and _bare(a.issuer_written) != _bare(b.issuer_written):
        score *= _ISSUER_SPELLED_DIFFERENTLY
    if bool(a.period) != bool(b.period):
        score *= _PERIOD_LEFT_OUT
    if a.state_prefix != b.state_prefix:
        score *= _STATE_PREFIX_DIFFERS
    return round(score, 3)


def _compatible(a: TitleParts, group: list[TitleParts]) -> bool:
    issuers = {g.issuers for g in group if g.issuers}
    periods = {g.period for g in group if g.period}
    return (not a.issuers or not issuers or a.issuers in issuers) and (not a.period or not periods or a.period in periods)


def resolve_sources(titles: Iterable[str]) -> tuple[tuple[Source, ...], dict[str, str], list[tuple[str, str]]]:
    """Group titles (in order of use, repeats counted) into sources.

    Returns the sources (ids ``S1``, ``S2`` … in order of first use), a map
    from each title as written to its source id, and the titles that fitted
    more than one source equally (title, chosen source id), for a finding.
    """
    uses = [t for t in titles if t]
    counts = Counter(uses)
    parsed: dict[str, TitleParts] = {}
    for t in uses:
        if t not in parsed:
            parsed[t] = parse_title(t)
    # Groups are built in order of first use; a title with an issuer or period
    # goes to the group that agrees with it, one without either joins the
    # biggest group of its core.
    groups: list[list[str]] = []
    by_core: dict[str, list[int]] = {}
    ambiguous: list[tuple[str, str]] = []
    specific_first = sorted(parsed, key=lambda t: (not (parsed[t].issuers or parsed[t].period), uses.index(t)))
    assignment: dict[str, int] = {}
    for t in specific_first:
        p = parsed[t]
        candidates = [gi for gi in by_core.get(p.core, []) if _compatible(p, [parsed[x] for x in groups[gi]])]
        if candidates:
            candidates.sort(key=lambda gi: -sum(counts[x] for x in groups[gi]))
            gi = candidates[0]
            if len(candidates) > 1 and not (p.issuers or p.period):
                ambiguous.append((t, ""))
        else:
            gi = len(groups)
            groups.append([])
            by_core.setdefault(p.core, []).append(gi)
        groups[gi].append(t)
        assignment[t] = gi
    # Number the groups by first use.
    order = sorted(range(len(groups)), key=lambda gi: min(uses.index(t) for t in groups[gi]))
    sources: list[Source] = []
    ids: dict[str, str] = {}
    for n, gi in enumerate(order, 1):
        members = sorted(groups[gi], key=uses.index)
        sid = f"S{n}"
        displays: Counter[str] = Counter()
        for t in members:
            displays[parsed[t].display] += counts[t]
        canonical_display = max(displays, key=lambda d: (displays[d], len(d)))
        canonical = next(parsed[t] for t in members if parsed[t].display == canonical_display)
        confidence = min((_agreement(parsed[t], canonical) for t in members), default=1.0)
        issuers = Counter(parsed[t].issuer for t in members if parsed[t].issuer)
        numbers = [parsed[t].document_number for t in members if parsed[t].document_number]
        dates = [parsed[t].date for t in members if parsed[t].date]
        variants = tuple(dict.fromkeys(members))
        sources.append(Source(sid, canonical_display, variants, confidence, canonical.core,
                              issuers.most_common(1)[0][0] if issuers else None,
                              numbers[0] if numbers else None, dates[0] if dates else None, canonical.kind))
        for t in members:
            ids[t] = sid
    ambiguous = [(t, ids[t]) for t, _ in ambiguous]
    return tuple(sources), ids, ambiguous
