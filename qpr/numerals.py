"""Chinese article numbers to integers: 第一百零五条 -> 105, 第１２条 -> 12.

Article numbers are a tiny, repetitive vocabulary (a corpus of 150,000
articles uses a few hundred distinct spellings), so a small converter with a
cache beats a general numeral library called once per article by far.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["NUMERAL_CHARS", "parse_article_label", "parse_number", "provision_label", "to_chinese"]

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
# Arabic and full-width digits map straight to their value.
_ARABIC = {c: i for i, c in enumerate("0123456789")} | {c: i for i, c in enumerate("０１２３４５６７８９")}

#: Every character that may appear inside a number (for building patterns).
NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS) + "".join(_ARABIC)


@lru_cache(maxsize=4096)
def parse_number(text: str) -> int:
    """The value of a Chinese, Arabic or full-width numeral.

    Raises ``ValueError`` naming the text when it is not a numeral.
    """
    if not text:
        raise ValueError("empty numeral")
    if all(c in _ARABIC for c in text):
        value = 0
        for c in text:
            value = value * 10 + _ARABIC[c]
        return value
    total, digit, seen_unit = 0, 0, False
    for c in text:
        if c in _DIGITS:
            digit = _DIGITS[c]  # 零 in 一百零五 just resets the pending digit
        elif c in _UNITS:
            # 十 alone means ten: 十五 = 15, 一百一十 = 110.
            total += (digit or 1) * _UNITS[c]
            digit, seen_unit = 0, True
        else:
            raise ValueError(f"{text!r} is not a numeral")
    if not seen_unit and len(text) > 1:
        # Positional spelling such as 二〇二〇 (years): read digit by digit.
        value = 0
        for c in text:
            if c not in _DIGITS:
                raise ValueError(f"{text!r} is not a numeral")
            value = value * 10 + _DIGITS[c]
        return value
    return total + digit


_LABEL = re.compile(rf"第([{NUMERAL_CHARS}]+)[条條](?:之([{NUMERAL_CHARS}]+))?")


def parse_article_label(label: str) -> tuple[int, int | None]:
    """``"第十条之一"`` -> ``(10, 1)``; ``"第二十一条"`` -> ``(21, None)``."""
    m = _LABEL.fullmatch(label.strip())
    if not m:
        raise ValueError(f"{label!r} is not an article label such as 第十条 or 第十条之一")
    return parse_number(m.group(1)), (parse_number(m.group(2)) if m.group(2) else None)


_CN_DIGITS = "零一二三四五六七八九"


@lru_cache(maxsize=4096)
def to_chinese(value: int) -> str:
    """1 -> 一, 10 -> 十, 15 -> 十五, 105 -> 一百零五, 1260 -> 一千二百六十 (for labels such as 第十五条)."""
    if value < 0:
        raise ValueError(f"no Chinese numeral for {value}")
    if value < 10:
        return _CN_DIGITS[value]
    if value < 20:
        return "十" + (_CN_DIGITS[value % 10] if value % 10 else "")
    out: list[str] = []
    zero = False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = value // unit_value % 10
        if digit:
            if zero and out:
                out.append("零")
            out.append(_CN_DIGITS[digit] + unit)
            zero = False
        elif out:
            zero = True
    return "".join(out)


def provision_label(article: str, paragraph: int | None = None, item: int | None = None) -> str:
    """``("6", 1, 1)`` -> 第六条第一款第（一）项; ``("10-1",)`` -> 第十条之一.

    The inverse of the labels the reader parses. An id qualified by its
    document ("12:5", across a corpus) keeps its qualifier; an id that is not
    an article number is returned as it is.
    """
    qualifier, _, bare = str(article).rpartition(":")
    head, _, sub = bare.partition("-")
    if not head.isdigit() or (sub and not sub.isdigit()):
        return str(article)
    label = (qualifier + ":" if qualifier else "") + f"第{to_chinese(int(head))}条"
    if sub:
        label += f"之{to_chinese(int(sub))}"
    if paragraph:
        label += f"第{to_chinese(int(paragraph))}款"
    if item:
        label += f"第（{to_chinese(int(item))}）项"
    return label
