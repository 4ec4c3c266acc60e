"""Fixtures for the legal-basis tests: the built-in table read once, and the small draft."""

from __future__ import annotations

import pytest

import qpr
from qpr.basis import BasisTable, read_basis

from .tables import DRAFT


@pytest.fixture(scope="session")
def builtin_table() -> BasisTable:
    return read_basis(qpr.load())


@pytest.fixture(scope="session")
def draft() -> qpr.Regulation:
    return qpr.parse(DRAFT, name="draft.txt")
