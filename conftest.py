"""Collection settings for the docstring examples under qpr/ (tests/conftest.py serves the tests)."""

from __future__ import annotations

import importlib.util

# Modules whose examples need an optional extra: where it is not installed, their examples do not run
# (their tests skip the same way), as in CI's run without pyarrow.
collect_ignore = [] if importlib.util.find_spec("pyarrow") else ["qpr/render/parquet.py"]
