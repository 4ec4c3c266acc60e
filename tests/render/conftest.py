"""Fixtures for the rendering tests: the built-in draft's duties and comment rows, read once."""

from __future__ import annotations

import pandas as pd
import pytest

import qpr
from qpr.analysis.coverage import drafting_findings
from qpr.duties import extract
from qpr.duties.model import Reading
from qpr.render.comment_form import comment_rows


@pytest.fixture(scope="session")
def builtin_reading(builtin: qpr.Regulation) -> Reading:
    return extract(builtin)


@pytest.fixture(scope="session")
def builtin_findings(builtin: qpr.Regulation, builtin_reading: Reading) -> pd.DataFrame:
    return drafting_findings(builtin_reading, builtin)


@pytest.fixture(scope="session")
def builtin_rows(builtin: qpr.Regulation, builtin_reading: Reading, builtin_findings: pd.DataFrame) -> pd.DataFrame:
    return comment_rows(builtin_reading, builtin, findings=builtin_findings)


@pytest.fixture(scope="session")
def bare() -> qpr.Regulation:
    """A regulation with no notice around it: no title, deadline, address or basis table."""
    return qpr.parse("第一条 建立制度。\n")
