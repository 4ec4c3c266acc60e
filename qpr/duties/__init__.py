"""Duties: who must (or may, or must not) do what, in which provision.

>>> import qpr
>>> from qpr.duties import extract
>>> reading = extract(qpr.load())
>>> d = reading.duties[0]
>>> (d.article, d.paragraph, d.actor, str(d.role), str(d.modality), d.level)
('4', 2, '人民政府', 'bearer', 'shall', 'county+')
"""

from qpr.duties.batch import FileReading, read_many
from qpr.duties.extract import extract
from qpr.duties.frame import DUTY_COLUMNS, duty_record, to_frame, to_jsonl
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
