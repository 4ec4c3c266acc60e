"""Shared fixtures: the built-in regulation, a tiny hand-written one, the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

import qpr

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
GOLD = REPO.parent / "shared" / "gold"

TINY = """\
# 某省示范条例

2021年3月1日某省第十三届人民代表大会常务委员会第二十次会议通过

<!-- INFO END -->
## 第一章 总则

第一条【立法目的】 为了示范，制定本条例。

第二条 县级以上人民政府应当加强领导。

县级以上人民政府市场监督管理、财政等部门按照各自职责做好相关工作。

## 第二章 措施

### 第一节 一般规定

第三条 有关部门应当采取下列措施：

（一）建立制度；

（二）开展检查：

1. 定期检查；

2. 专项检查。

第三条之一 依照本条例第二条的规定，企业可以申请支持。

第四条 本条例自2021年5月1日起施行。
"""


@pytest.fixture(scope="session")
def builtin() -> qpr.Regulation:
    return qpr.load()


@pytest.fixture(scope="session")
def tiny() -> qpr.Regulation:
    return qpr.parse(TINY, name="tiny.md")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    return CORPUS


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that reads the corpus, so ``-m 'not corpus'`` runs without it."""
    for item in items:
        if "corpus_dir" in getattr(item, "fixturenames", ()) or item.get_closest_marker("corpus"):
            item.add_marker(pytest.mark.corpus)
