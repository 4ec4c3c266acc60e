"""Who imposes a regulation's penalties, when a penalty clause does not say.

A 法律责任 chapter often writes its penalty clauses with no imposing body
(生产者违反本条例第二十四条规定…的，责令改正，处一千元以上三千元以下罚款) and
names the body once, in an article of its own:

- 本法第四十九条至第五十七条…规定的行政处罚由市场监督管理部门决定 (those articles),
- 本章规定的行政处罚，由…决定 (that chapter),
- 本条例规定的吊销生产许可证的行政处罚由…主管部门决定 (that kind of penalty only),
- 特种设备安全行政处罚由违法行为发生地的县级以上市场监督管理部门实施 (all of them).

:func:`penalty_bodies` finds these declarations before the articles are read;
the sentence reader then gives a penalty clause with no 由X the declared body
as its bearer (rule ``agent.penalty_body``), and the violator no record.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import attrs

from qpr.duties.lexicon import Lexicon
from qpr.duties.parties import Party, PartyReader, mention_run
from qpr.duties.rules import RuleId
from qpr.model import Regulation
from qpr.numerals import NUMERAL_CHARS, parse_number

__all__ = ["PenaltyBody", "applicable", "declared_parties", "penalty_bodies"]

_N = NUMERAL_CHARS
# …处罚(，)由X: the sentence declares who imposes penalties.
_DECLARATION = re.compile(r"处罚[，,]?由")
_ARTICLE_REF = re.compile(rf"第([{_N}]+)条(?:(?:至|到|—|-)第?([{_N}]+)条)?")
_KIND_SPLIT = re.compile(r"[、和及或]|或者")
_SENTENCE = re.compile(r"[^。；;]+[。；;]?")


@attrs.frozen(slots=True)
class PenaltyBody:
    """A body a declaration names for a regulation's penalties.

    ``articles`` are the articles it covers (None: every article of the
    regulation); ``kinds`` the penalties it covers when the declaration names
    some (吊销生产许可证), else every penalty. The parties carry absolute
    evidence offsets, pointing at the declaration's words.
    """

    parties: tuple[Party, ...]
    articles: frozenset[str] | None = None
    kinds: tuple[str, ...] = ()
    declared_in: str = ""

    def covers(self, article: str, sentence: str) -> bool:
        if self.articles is not None and article not in self.articles:
            return False
        return not self.kinds or any(k in sentence for k in self.kinds)


def penalty_bodies(reg: Regulation, pr: PartyReader) -> tuple[PenaltyBody, ...]:
    """Every declaration of who imposes the regulation's penalties, in text order."""
    lex = pr.lex
    found: list[PenaltyBody] = []
    for article in reg.articles:
        for paragraph in article.paragraphs:
            text = reg.simplified_slice(paragraph.text_span)
            if "处罚" not in text or "由" not in text:
                continue
            for m in _SENTENCE.finditer(text):
                sentence = m.group()
                decl = _DECLARATION.search(sentence)
                if decl is None or not lex.penalty_decision.search(sentence, decl.end()):
                    continue
                body = _declared(pr, sentence, decl.end() - 1)
                if not body:
                    continue
                origin = paragraph.text_span.start + m.start()
                parties = tuple(attrs.evolve(p, evidence=(origin + p.evidence[0], origin + p.evidence[1])
                                             if p.evidence else None).found_by(RuleId.AGENT_PENALTY_BODY)
                                for p in body)
                prefix = sentence[:decl.start()]
                found.append(PenaltyBody(parties, _scope(reg, article.id, article.chapter, prefix),
                                         _kinds(lex, prefix), article.id))
    return tuple(found)


def _declared(pr: PartyReader, sentence: str, at: int) -> list[Party]:
    """The parties after each 由 from ``at`` on (由A决定，或者由B…决定 names both)."""
    mentions = [m for m in pr.registry.mentions(sentence, pr.jurisdiction) if m.resolution.actors]
    out: list[Party] = []
    from qpr.duties.sentence import agent_at

    for marker in pr.lex.agent_marker.finditer(sentence, at):
        idx = agent_at(pr.lex, sentence, mentions, marker.end())
        if idx is None:
            continue
        for i in mention_run(sentence, mentions, idx):
            out.extend(pr.parties(mentions[i], None, None))
    return out


def _scope(reg: Regulation, article: str, chapter: str | None, prefix: str) -> frozenset[str] | None:
    """The articles a declaration covers: those it lists, its chapter (本章), or all (None)."""
    refs = list(_ARTICLE_REF.finditer(prefix))
    if refs:
        out: set[str] = set()
        for r in refs:
            first = parse_number(r.group(1))
            last = parse_number(r.group(2)) if r.group(2) else first
            out.update(str(n) for n in range(first, max(first, last) + 1))
        return frozenset(out)
    if "本章" in prefix and chapter is not None:
        return frozenset(a.id for a in reg.articles if a.chapter == chapter)
    return None


def _kinds(lex: Lexicon, prefix: str) -> tuple[str, ...]:
    """The penalties a declaration names (…规定的吊销生产许可证的行政处罚): () for every penalty."""
    _, sep, kind = prefix.rpartition("规定的")
    if not sep:
        return ()
    kind = re.sub(r"(?:的)?(?:行政)?$", "", kind)
    return tuple(k.strip("的") for k in _KIND_SPLIT.split(kind) if lex.penalty.search(k))


def applicable(bodies: Iterable[PenaltyBody], article: str) -> tuple[PenaltyBody, ...]:
    """The declarations that may cover penalty clauses of ``article``."""
    return tuple(b for b in bodies if b.articles is None or article in b.articles)


def declared_parties(bodies: Sequence[PenaltyBody], article: str, sentence: str) -> list[Party]:
    """The bodies declared for a penalty clause of ``article`` reading ``sentence``; the first declaration that covers it."""
    for b in bodies:
        if b.covers(article, sentence):
            return list(b.parties)
    return []

