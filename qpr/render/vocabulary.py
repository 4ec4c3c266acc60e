"""Words and colours the renderers share (the workbooks' headers are in qpr.render.labels): Chinese names of roles, forces and levels; a colour per cell code.

One place for them, so the page, the heatmap PNG and the notebook tables say
and colour the same thing the same way.
"""

from __future__ import annotations

__all__ = ["CELL_COLOURS", "CELL_INK", "MODALITY_ZH", "ROLE_ZH", "cell_rank", "level_zh"]

MODALITY_ZH = {"shall": "应当", "may": "可以", "must_not": "不得", "encouraged": "鼓励支持"}
ROLE_ZH = {"bearer": "承担", "partner": "会同配合", "target": "受鼓励支持"}

# A cell's colour follows its strongest code: mandatory darkest, encouragement lightest.
_CODE_RANK = {"主": 5, "S": 5, "禁": 4, "N": 4, "可": 3, "M": 3, "协": 2, "P": 2, "励": 1, "E": 1}
#: Fill per rank 0..5 (0: empty cell).
CELL_COLOURS = ("#ffffff", "#dbeafe", "#bfdbfe", "#fde68a", "#fca5a5", "#1d4ed8")
#: Text colour per rank: white on the darkest fill.
CELL_INK = ("#111827",) * 5 + ("#ffffff",)

_LEVEL_ZH = {"national": "国家", "province": "省级", "city": "市级", "county": "县级", "township": "乡镇",
             "all": "各级", "upper": "上级", "same": "本级", "lower": "下级", "local": "所在地", "relevant": "有关"}


def cell_rank(code: str) -> int:
    """0 for an empty cell, 5 for one holding a 主 (shall) code."""
    return max((_CODE_RANK.get(c, 0) for c in code), default=0)


def level_zh(code: object) -> str:
    """A level code in Chinese: county+ 县级以上, city+county 市级、县级, all 各级; "" for none."""
    if not isinstance(code, str) or not code or code == "none":
        return ""
    if code.endswith("+") and "+" not in code[:-1]:
        return _LEVEL_ZH.get(code[:-1], code[:-1]).removesuffix("级") + "级以上"
    return "、".join(_LEVEL_ZH.get(part, part) for part in code.split("+"))
