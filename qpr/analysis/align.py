"""Article alignment between two versions of a regulation, by content, not by number.

Amendments renumber articles, insert and delete them, split one into several
and merge several into one; a revision also moves a few out of order. The
alignment is found in four steps, none of them quadratic in characters:

1. A cheap signature per article (its set of character bigrams, hashed into
   a fixed-size bit vector) gives, by one matrix product, an estimate of how
   much any two articles share. Only each article's few best candidates go on
   to the exact scores, so the number of exact comparisons grows with the
   number of articles, not with their product, and each one costs at most the
   product of two articles' lengths (never of two regulations').
2. Exact scores for the candidates: rapidfuzz's character ratio of the two
   articles, and sentence coverage (how much of one article's text sits in
   sentences that have a close counterpart in the other), so that an article
   that grew from one sentence to three still finds its old self.
3. A monotone alignment by dynamic programming over articles (the order of a
   regulation is kept between versions): the best-scoring set of pairs that
   never cross. O(n·m) cells, one vectorised row at a time.
4. What the monotone pass leaves alone is linked by coverage: an unmatched
   article whose text is largely found in an article of the other version is
   a piece of it (a split when several new articles come from one old one, a
   merge the other way round), or, if both are unmatched, the same article
   moved out of order.

Each link is an :class:`ArticlePair` with a kind and a similarity.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Sequence

import attrs
import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from qpr.model import Article, Regulation

__all__ = ["AlignmentKind", "ArticlePair", "align_articles", "align_texts", "article_text", "comparable", "sentences"]


class AlignmentKind(enum.StrEnum):
    #: the same words (whitespace aside), perhaps under another number
    SAME = "same"
    #: one old article became one new article, with changes
    CHANGED = "changed"
    #: one old article became several new ones (each record one piece)
    SPLIT = "split"
    #: several old articles became one new one (each record one piece)
    MERGED = "merged"
    ADDED = "added"
    REMOVED = "removed"


@attrs.frozen(slots=True)
class ArticlePair:
    """One link between the versions: article ids as in :attr:`Article.id`, None on the side that has none.

    ``similarity`` is, for ``same`` and ``changed``, the share of characters
    the two articles have in common (rapidfuzz's normalised Indel
    similarity, 0-1); for a piece of a ``split`` or ``merged``, the share of
    the piece (the new article of a split, the old article of a merge) whose
    sentences are found in the other; 0 for ``added`` and ``removed``.
    ``group`` numbers the linked sets in new-text order (a split's records
    share one); ``out_of_order`` marks a pair the text moved against the
    order of the rest.
    """

    old: str | None
    new: str | None
    kind: AlignmentKind
    similarity: float
    group: int
    out_of_order: bool = False


# -- text --------------------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[。；！？;!?\n])")
#: Sentences shorter than this (after normalising) give no evidence: 本条例自公布之日起施行。 is too common.
_MIN_SENTENCE = 8


def article_text(reg: Regulation, article: Article) -> str:
    """The article's words, paragraphs and items a line each, in simplified characters."""
    if reg.simplified is None:
        return article.text
    lines: list[str] = []
    for p in article.paragraphs:
        lines.append(reg.simplified_slice(p.text_span))
        for item in p.items:
            lines.append(item.label + reg.simplified_slice(item.text_span))
            lines.extend(s.label + reg.simplified_slice(s.text_span) for s in item.subitems)
    return "\n".join(lines)


def comparable(text: str) -> str:
    """Text as compared: compatibility forms folded (全角 digits, punctuation), whitespace removed."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def sentences(text: str) -> list[str]:
    """The text's sentences (to 。；！？ or a line end), compared form, the too-short ones left out."""
    return [s for s in (comparable(part) for part in _SENTENCE_END.split(text)) if len(s) >= _MIN_SENTENCE]


# -- scores ------------------------------------------------------------------------------------

#: Buckets of the bigram signature: enough that collisions barely move the estimate.
_SIGNATURE_BITS = 4096
#: Candidates kept per article, by each of two estimates (shared share, containment).
_CANDIDATES = 5
#: Below both of these estimates two articles share too little to be worth an exact score.
_DICE_FLOOR = 0.2
_CONTAIN_FLOOR = 0.35
#: A sentence whose best counterpart has at least this ratio counts as found there.
_SENTENCE_MATCH = 0.6
#: Scores at or above this may pair two articles in the monotone pass ...
_PAIR_MIN = 0.4
#: ... and a pair's weight there is its score above this floor, so one strong
#: pair outweighs two weak ones that would cross it.
_PAIR_FLOOR = 0.3
#: Sentences at least this long may also be found inside a longer one (partial ratio).
_PARTIAL_MIN = 12
#: An unmatched article is a piece of another when this share of it is found there ...
_PIECE_MIN = 0.25
#: ... and at least this many characters are.
_PIECE_CHARS = 20


def _signatures(texts: Sequence[str]) -> list[np.ndarray]:
    """Each text's character bigrams, hashed to distinct bucket numbers below _SIGNATURE_BITS."""
    out = []
    for text in texts:
        if len(text) < 2:
            out.append(np.zeros(0, dtype=np.int64))
            continue
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        # A fixed arithmetic hash: Python's str hash changes between runs, and the result must not.
        buckets = (codes[:-1] * np.uint64(1_000_003) + codes[1:]) % np.uint64(_SIGNATURE_BITS)
        out.append(np.unique(buckets.astype(np.int64)))
    return out


def _candidates(old: Sequence[str], new: Sequence[str]) -> set[tuple[int, int]]:
    """Pairs worth an exact score: each article's best few by estimated overlap and containment.

    The overlap of every old article with one new article is a column sum of
    the old articles' bit matrix over the new one's buckets: n x (its bigrams)
    integer additions, so the whole table costs articles x characters, with
    no BLAS call (whose threads stall on a busy two-core machine).
    """
    if not old or not new:
        return set()
    old_sig, new_sig = _signatures(old), _signatures(new)
    bits = np.zeros((len(old), _SIGNATURE_BITS), dtype=np.uint8)
    for row, buckets in enumerate(old_sig):
        bits[row, buckets] = 1
    shared = np.zeros((len(old), len(new)), dtype=np.float64)
    for col, buckets in enumerate(new_sig):
        shared[:, col] = bits[:, buckets].sum(axis=1, dtype=np.int32)
    sa = np.array([len(b) for b in old_sig], dtype=np.float64)[:, None]
    sb = np.array([len(b) for b in new_sig], dtype=np.float64)[None, :]
    dice = 2 * shared / np.maximum(sa + sb, 1)
    contain = shared / np.maximum(np.minimum(sa, sb), 1)
    pairs: set[tuple[int, int]] = set()
    k_new, k_old = min(_CANDIDATES, len(new)), min(_CANDIDATES, len(old))
    worth = (dice >= _DICE_FLOOR) | (contain >= _CONTAIN_FLOOR)
    for estimate in (dice, contain):
        rows = np.argpartition(-estimate, k_new - 1, axis=1)[:, :k_new]
        pairs.update((i, int(j)) for i, js in enumerate(rows) for j in js if worth[i, j])
        cols = np.argpartition(-estimate, k_old - 1, axis=0)[:k_old, :]
        pairs.update((int(i), j) for j, is_ in enumerate(cols.T) for i in is_ if worth[i, j])
    return pairs


@attrs.frozen(slots=True)
class _Score:
    ratio: float
    #: per sentence of the old article, how well the new article holds it (0-1), and the other way round
    old_found: np.ndarray = attrs.field(eq=False)
    new_found: np.ndarray = attrs.field(eq=False)
    old_lengths: np.ndarray = attrs.field(eq=False)
    new_lengths: np.ndarray = attrs.field(eq=False)

    @property
    def old_covered(self) -> float:
        return _share(self.old_found, self.old_lengths)

    @property
    def new_covered(self) -> float:
        return _share(self.new_found, self.new_lengths)

    @property
    def pair(self) -> float:
        """How strongly the two are one article: their ratio, or their sentences' coverage of each other.

        Coverage lets an article that gained or lost whole sentences pair with
        its old self even when the character ratio of the wholes is low.
        """
        old, new = self.old_covered, self.new_covered
        return max(self.ratio, (old + new) / 2, 0.8 * max(old, new))


def _share(found: np.ndarray, lengths: np.ndarray, mask: np.ndarray | None = None) -> float:
    """Share of the characters in sentences found (at least the match ratio), weighted by how well."""
    total = lengths.sum()
    if total == 0:
        return 0.0
    hit = found >= _SENTENCE_MATCH
    if mask is not None:
        hit &= mask
    return float((lengths * found * hit).sum() / total)


def _found(sentences: list[str], others: list[str], other_text: str) -> np.ndarray:
    """How well each sentence is found in the other article: its best counterpart sentence, or the
    best window of the other's text (partial ratio), so that a sentence that grew or was cut in two
    is still found. Scores below the match ratio are cut off early (rapidfuzz's score_cutoff), which
    is what keeps most candidate pairs cheap."""
    best = np.zeros(len(sentences))
    cutoff = _SENTENCE_MATCH * 100
    for k, s in enumerate(sentences):
        score = max((fuzz.ratio(s, t, score_cutoff=cutoff) for t in others), default=0.0)
        if score < cutoff and _PARTIAL_MIN <= len(s) <= len(other_text):
            score = fuzz.partial_ratio(s, other_text, score_cutoff=cutoff)
        best[k] = score / 100
    return best


def _score(a: str, b: str, sa: list[str], sb: list[str]) -> _Score:
    return _Score(fuzz.ratio(a, b) / 100, _found(sa, sb, b), _found(sb, sa, a),
                  np.array([len(s) for s in sa], dtype=np.float64), np.array([len(s) for s in sb], dtype=np.float64))


# -- the monotone pass -------------------------------------------------------------------------


def _monotone(weights: np.ndarray) -> list[tuple[int, int]]:
    """The non-crossing set of pairs with the largest total weight (-inf: may not pair).

    Needleman-Wunsch with free gaps: D[i][j] = max(D[i-1][j], D[i][j-1],
    D[i-1][j-1] + w[i-1][j-1]). The left-neighbour term makes a row a running
    maximum, so each row is two numpy operations.
    """
    n, m = weights.shape
    table = np.zeros((n + 1, m + 1))
    for i in range(1, n + 1):
        up = table[i - 1]
        best = np.maximum(up[1:], up[:-1] + weights[i - 1])
        table[i, 1:] = np.maximum.accumulate(np.maximum(best, 0.0))
    pairs: list[tuple[int, int]] = []
    i, j = n, m
    while i > 0 and j > 0:
        if table[i, j] == table[i, j - 1]:
            j -= 1
        elif table[i, j] == table[i - 1, j]:
            i -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return pairs[::-1]


def align_texts(old: Sequence[str], new: Sequence[str], *, minimum: float = _PAIR_MIN) -> list[tuple[int, int, float]]:
    """A monotone pairing of two short lists of texts (paragraphs, items) by character ratio.

    Returns (old index, new index, ratio) for the pairs; the rest have no
    counterpart. Every pair of texts is scored, so use it inside an aligned
    article, not across a regulation.
    """
    if not old or not new:
        return []
    a, b = [comparable(t) for t in old], [comparable(t) for t in new]
    ratios = cdist(a, b, scorer=fuzz.ratio, dtype=np.float64) / 100
    weights = np.where(ratios >= minimum, ratios - (minimum - (_PAIR_MIN - _PAIR_FLOOR)), -np.inf)
    return [(i, j, float(ratios[i, j])) for i, j in _monotone(weights)]


# -- the whole alignment -----------------------------------------------------------------------


def align_articles(old: Regulation, new: Regulation) -> tuple[ArticlePair, ...]:
    """Link the articles of two versions; see the module docstring for how."""
    old_texts = [article_text(old, a) for a in old.articles]
    new_texts = [article_text(new, a) for a in new.articles]
    old_keys = [comparable(t) for t in old_texts]
    new_keys = [comparable(t) for t in new_texts]
    old_sent = [sentences(t) for t in old_texts]
    new_sent = [sentences(t) for t in new_texts]
    n, m = len(old_keys), len(new_keys)

    scores = {(i, j): _score(old_keys[i], new_keys[j], old_sent[i], new_sent[j])
              for i, j in _candidates(old_keys, new_keys)}
    weights = np.full((n, m), -np.inf)
    for (i, j), s in scores.items():
        if s.pair >= _PAIR_MIN:
            weights[i, j] = s.pair - _PAIR_FLOOR
    backbone = _monotone(weights)

    links: dict[tuple[int, int], bool] = {pair: False for pair in backbone}  # pair -> out of order
    matched_old = {i for i, _ in backbone}
    matched_new = {j for _, j in backbone}
    # Unmatched articles: a piece of another (a split or merge), or the same article moved out of order.
    by_old: dict[int, list[tuple[int, _Score]]] = {}
    by_new: dict[int, list[tuple[int, _Score]]] = {}
    for (i, j), s in sorted(scores.items()):
        by_old.setdefault(i, []).append((j, s))
        by_new.setdefault(j, []).append((i, s))
    for i in sorted(set(range(n)) - matched_old):
        for j in _hosts([(j, sc.old_found, sc.old_lengths) for j, sc in by_old.get(i, ())]):
            links[(i, j)] = j not in matched_new and _crosses(backbone, i, j)
    for j in sorted(set(range(m)) - matched_new):
        for i in _hosts([(i, sc.new_found, sc.new_lengths) for i, sc in by_new.get(j, ())]):
            links.setdefault((i, j), i not in matched_old and _crosses(backbone, i, j))
    # Two unmatched articles that are simply one article, moved.
    linked_old = {i for i, _ in links}
    linked_new = {j for _, j in links}
    loose = sorted(((s.pair, i, j) for (i, j), s in scores.items()
                    if i not in linked_old and j not in linked_new and s.pair >= _PAIR_MIN + 0.1), reverse=True)
    for _, i, j in loose:
        if i not in linked_old and j not in linked_new:
            links[(i, j)] = True
            linked_old.add(i)
            linked_new.add(j)
    return _pairs(old, new, old_keys, new_keys, links, scores)


def _hosts(options: list[tuple[int, np.ndarray, np.ndarray]]) -> list[int]:
    """The articles a piece came from: greedily, the one that holds most of its sentences, then any that
    holds enough of the rest (a merge). A host that only holds what another already does is left out,
    so a common closing sentence (拒不改正的，…依法给予处分) does not link a piece to every penalty article."""
    chosen: list[int] = []
    if not options:
        return chosen
    open_ = np.ones(len(options[0][1]), dtype=bool)
    lengths = options[0][2]
    while True:
        best, gain = None, 0.0
        for k, found, _ in options:
            if k in chosen:
                continue
            share = _share(found, lengths, open_)
            chars = float(lengths[(found >= _SENTENCE_MATCH) & open_].sum())
            if share >= _PIECE_MIN and chars >= _PIECE_CHARS and share > gain:
                best, gain = k, share
        if best is None:
            return chosen
        chosen.append(best)
        found = next(f for k, f, _ in options if k == best)
        open_ &= found < _SENTENCE_MATCH


def _crosses(backbone: list[tuple[int, int]], i: int, j: int) -> bool:
    """Whether pairing old i with new j would cross a pair of the monotone pass."""
    return any((bi < i) != (bj < j) and bi != i and bj != j for bi, bj in backbone)


def _pairs(old: Regulation, new: Regulation, old_keys: list[str], new_keys: list[str],
           links: dict[tuple[int, int], bool], scores: dict[tuple[int, int], _Score]) -> tuple[ArticlePair, ...]:
    """Links -> records: kinds from how many partners each side has, groups in new-text order."""
    partners_old: dict[int, list[int]] = {}
    partners_new: dict[int, list[int]] = {}
    for i, j in links:
        partners_old.setdefault(i, []).append(j)
        partners_new.setdefault(j, []).append(i)
    group_of = _components(links)
    records: list[tuple[tuple[float, float], ArticlePair]] = []
    group_ids: dict[int, int] = {}

    def group(component: int) -> int:
        return group_ids.setdefault(component, len(group_ids) + 1)

    # Walk the new text in order, putting removed old articles where their neighbours went.
    old_order = sorted(links, key=lambda p: (p[1], p[0]))
    for i, j in old_order:
        s = scores[(i, j)]
        many_new, many_old = len(partners_old[i]) > 1, len(partners_new[j]) > 1
        if many_new:
            kind, similarity = AlignmentKind.SPLIT, s.new_covered
        elif many_old:
            kind, similarity = AlignmentKind.MERGED, s.old_covered
        else:
            same = old_keys[i] == new_keys[j]
            kind = AlignmentKind.SAME if same else AlignmentKind.CHANGED
            similarity = 1.0 if same else s.ratio
        records.append(((j, i), ArticlePair(old.articles[i].id, new.articles[j].id, kind, round(similarity, 3),
                                            group(group_of[(i, j)]), links[(i, j)])))
    for j in range(len(new_keys)):
        if j not in partners_new:
            records.append(((j, -1), ArticlePair(None, new.articles[j].id, AlignmentKind.ADDED, 0.0, 0)))
    for i in range(len(old_keys)):
        if i not in partners_old:
            # After the last new article that a preceding old article went to.
            before = [j for k in range(i) for j in partners_old.get(k, ())]
            records.append(((max(before) + 0.5 if before else -0.5, i),
                            ArticlePair(old.articles[i].id, None, AlignmentKind.REMOVED, 0.0, 0)))
    records.sort(key=lambda r: r[0])
    out: list[ArticlePair] = []
    for _, pair in records:
        if pair.group == 0:
            pair = attrs.evolve(pair, group=group(-len(out) - 1))
        out.append(pair)
    # Renumber groups in the order they first appear.
    order: dict[int, int] = {}
    return tuple(attrs.evolve(p, group=order.setdefault(p.group, len(order) + 1)) for p in out)


def _components(links: dict[tuple[int, int], bool]) -> dict[tuple[int, int], int]:
    """Each link's connected component (old and new articles joined by links), as a small int."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in links:
        parent[find(("o", i))] = find(("n", j))
    roots: dict[tuple[str, int], int] = {}
    return {(i, j): roots.setdefault(find(("o", i)), len(roots)) for i, j in links}
