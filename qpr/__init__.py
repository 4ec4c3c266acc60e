"""qpr: who must do what, article by article.

Read a Chinese regulation into a lossless model of its 章/条/款/项 and find
its duties: who bears them, at which level of government, with what force.

>>> import qpr
>>> reg = qpr.load()            # the built-in 2020 Sichuan draft
>>> reg.article(5).paragraphs[1].text[:16]
'县级以上人民政府市场监督管理部门'
>>> reading = qpr.extract_duties(reg)
>>> [(d.actor, str(d.modality), d.level) for d in reading.duties if d.article == "24"]
[('人民政府', 'shall', 'city+'), ('人民政府', 'may', 'county+')]
"""

from __future__ import annotations

import io
import os
from typing import TYPE_CHECKING

from qpr.errors import (
    InputError,
    NoArticlesError,
    OutputError,
    ParseError,
    QprError,
    RegistryError,
    UnknownActorError,
)
from qpr.model import (
    Article,
    Heading,
    Item,
    Paragraph,
    Part,
    Problem,
    Regulation,
    Span,
    SubItem,
)

# The layers above the model, re-exported so that a notebook needs one import. They load on first
# use (PEP 562), so `import qpr` and `qpr --help` do not pay for pandas, pydantic and the registry.
if TYPE_CHECKING:  # what __getattr__ gives, for type checkers and editors
    from qpr.actors import Actor, registry
    from qpr.analysis import (
        actor_summary,
        check_plan,
        compare,
        drafting_findings,
        duties_for,
        responsibility_matrix,
        task_table,
    )
    from qpr.basis import read_basis
    from qpr.duties import Duty, Modality, Reading, Role
    from qpr.duties import extract as extract_duties
    from qpr.plans import read_plan

_LAZY = {
    "Actor": "qpr.actors", "registry": "qpr.actors",
    "Duty": "qpr.duties", "Modality": "qpr.duties", "Reading": "qpr.duties", "Role": "qpr.duties",
    "extract_duties": ("qpr.duties", "extract"),
    "actor_summary": "qpr.analysis", "check_plan": "qpr.analysis", "compare": "qpr.analysis",
    "drafting_findings": "qpr.analysis", "duties_for": "qpr.analysis", "responsibility_matrix": "qpr.analysis",
    "task_table": "qpr.analysis",
    "read_basis": "qpr.basis", "read_plan": "qpr.plans",
}


def __getattr__(name: str) -> object:
    import importlib

    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module 'qpr' has no attribute {name!r}")
    module, attr = where if isinstance(where, tuple) else (where, name)
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value  # once loaded, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "Duty",
    "Heading",
    "InputError",
    "Item",
    "Modality",
    "NoArticlesError",
    "OutputError",
    "Paragraph",
    "ParseError",
    "Part",
    "Problem",
    "QprError",
    "Reading",
    "RegistryError",
    "Regulation",
    "Role",
    "Span",
    "SubItem",
    "UnknownActorError",
    "actor_summary",
    "check_plan",
    "compare",
    "drafting_findings",
    "duties_for",
    "extract_duties",
    "load",
    "parse",
    "read_basis",
    "read_plan",
    "registry",
    "responsibility_matrix",
    "task_table",
]


def load(source: str | os.PathLike[str] | bytes | io.IOBase | None = None, *, format: str | None = None,
         strict: bool = False) -> Regulation:
    """Read a regulation; with no argument, the built-in 2020 Sichuan draft.

    ``source`` is a path (str or PathLike), raw bytes, or a file object.
    ``format`` forces "text", "markdown", "html" or "docx" instead of
    detecting it. With ``strict=True`` the first numbering problem raises
    :class:`ParseError` instead of being collected in ``Regulation.problems``.
    """
    from qpr.reading import builtin_regulation, read_regulation

    if source is None:
        if strict and builtin_regulation().problems:
            p = builtin_regulation().problems[0]
            raise ParseError(p.message, source=builtin_regulation().source, line=p.line)
        return builtin_regulation()
    return read_regulation(source, format=format, strict=strict)


def parse(text: str | bytes, *, name: str | None = None, format: str | None = None, strict: bool = False) -> Regulation:
    """Read a regulation from its text (a str, or bytes in any supported encoding)."""
    from qpr.reading import parse_source, read_regulation
    from qpr.reading.source import read_source

    if isinstance(text, (bytes, bytearray)):
        return read_regulation(bytes(text), name=name or "<bytes>", format=format, strict=strict)
    return parse_source(read_source(io.StringIO(text), name=name or "<text>", format=format), strict=strict)
