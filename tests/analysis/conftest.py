"""Hand-made duties for unit tests of the analysis layer (no extractor involved)."""

from __future__ import annotations

import pytest

from qpr.duties.model import Duty, Modality, Provision, Role
from qpr.model import Span


def duty(article: str, paragraph: int, item: int | None, actor: str | None, actor_id: str | None, role: str,
         modality: str = "shall", level: str | None = "county+", action: str = "做某事。", **kw) -> Duty:
    return Duty(Provision(article, paragraph, item), actor, actor_id, Role(role), Modality(modality),
                level if role != "target" else None, action, Span(0, len(action)), **kw)


@pytest.fixture(scope="session")
def small_duties() -> list[Duty]:
    return [
        duty("2", 1, None, "人民政府", "people-government", "bearer", action="县级以上人民政府应当加强领导。"),
        duty("3", 1, None, "市场监督管理部门", "market-regulation", "bearer", action="市场监督管理部门负责。"),
        duty("3", 1, None, "财政部门", "finance", "bearer", action="市场监督管理部门负责。"),
        duty("3", 1, None, "有关部门", "relevant-departments", "partner", action="市场监督管理部门负责。"),
        duty("4", 1, 1, "市场监督管理部门", "market-regulation", "bearer", "may", level="city+", action="可以建立。",
             recurrence="每年"),
        duty("4", 1, 2, None, None, "bearer", level=None, action="建立制度。"),
        duty("5", 1, None, "企业", "enterprise", "target", "encouraged", action="鼓励企业参与。"),
        duty("10", 1, None, "市场监督管理部门", "market-regulation", "bearer", "must_not", action="不得收费。"),
    ]
