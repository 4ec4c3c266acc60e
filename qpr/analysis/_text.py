"""Text columns that concatenate the same under every pandas qpr supports.

A column of names or numbers is ``object`` in pandas 2, ``str`` (Arrow-backed
when pyarrow is installed, else Python-backed) in pandas 3, and ``float64``
whenever it is empty or all missing (an empty lookup, a plan with no tasks):
``"task " + column`` then raises, and ``column.fillna("")`` warns that a future
pandas will refuse the string. Messages and labels built from columns go
through :func:`as_text` first, which makes any of these a string column.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["as_text"]


def as_text(values: pd.Series, missing: str = "") -> pd.Series:
    """``values`` as a string column (pandas' ``string`` dtype), each missing value replaced by ``missing``."""
    return values.astype("string").fillna(missing)
