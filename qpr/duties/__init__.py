"""Duties: who must (or may, or must not) do what, in which provision.

>>> import qpr
>>> from qpr.duties import extract
>>> reading = extract(qpr.load())
>>> d = reading.duties[0]
>>> (d.article, d.paragraph, d.actor, str(d.role), str(d.modality), d.level)
('4', 2, '人民政府', 'bearer', 'shall', 'county+')
"""

from typing import TYPE_CHECKING

from qpr.duties.batch import FileReading, read_many
from qpr.duties.extract import extract
from qpr.duties.lexicon import Lexicon, lexicon
from qpr.duties.model import (
    Clause,
    ClauseKind,
    Duty,
    Modality,
    Provision,
    Reading,
    Role,
)

if TYPE_CHECKING:
    from qpr.duties.frame import DUTY_COLUMNS, duty_record, to_frame, to_jsonl

_FRAME = ("DUTY_COLUMNS", "duty_record", "to_frame", "to_jsonl")


def __getattr__(name: str) -> object:
    # The DataFrame helpers need pandas: loaded on first use, so reading duties (or a CLI command
    # that only checks its paths) does not import it.
    if name in _FRAME:
        from qpr.duties import frame

        return getattr(frame, name)
    raise AttributeError(f"module 'qpr.duties' has no attribute {name!r}")


__all__ = [
    "DUTY_COLUMNS",
    "Clause",
    "ClauseKind",
    "Duty",
    "FileReading",
    "Lexicon",
    "Modality",
    "Provision",
    "Reading",
    "Role",
    "duty_record",
    "extract",
    "lexicon",
    "read_many",
    "to_frame",
    "to_jsonl",
]
