"""Traditional Chinese: recognise it, keep it, and give a simplified twin.

The reader accepts both scripts as they are (條/节/節 in its patterns); the
simplified twin lets the duty extractor use one lexicon. OpenCC's t2s
conversion is character for character for legal text, so offsets line up;
where a phrase conversion would change the length, we convert one character
at a time so that they still do.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["is_traditional", "to_simplified"]

# Frequent characters that exist only in traditional script (their simplified
# forms differ), common in legal text. Counting them is far cheaper than
# converting every document just to compare.
_TRADITIONAL_ONLY = frozenset("條規國會應當機關門與對於為經營產業務監發處罰標準資訊單區縣鄉鎮點項權責報辦員議義們這體證護費導")
_SAMPLE = 20000


_TRADITIONAL_RE = re.compile("[" + "".join(sorted(_TRADITIONAL_ONLY)) + "]")
_HAN_RE = re.compile("[\u4e00-\u9fff]")


def is_traditional(text: str) -> bool:
    sample = text[:_SAMPLE]
    hits = len(_TRADITIONAL_RE.findall(sample))
    if hits < 3:
        return False
    han = len(sample) - len(_HAN_RE.sub("", sample))
    return hits / max(han, 1) > 0.01


@cache
def _converter():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, the same length as ``text``."""
    conv = _converter()
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    chars = []
    for c in text:
        s = conv.convert(c)
        chars.append(s if len(s) == 1 else c)
    return "".join(chars)
