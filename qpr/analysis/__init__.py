"""Analysis: pandas DataFrames answering planners' questions.

- :func:`responsibility_matrix`: actors x articles, cells 主/可/禁/协/励.
- :func:`task_table`: the regulation as a 任务分工表.
- :func:`actor_summary`: per-actor counts and who shares provisions with whom.
- :func:`duties_for`: what binds one body at one level.
- :func:`drafting_findings`: duties nobody owns, open-ended bearers, departments without duties.
- :func:`check_plan`: a plan's coverage of the duties, with findings.
- :func:`compare`: two versions of a regulation, article by article and duty by duty;
  :func:`migrate_plan` carries a plan from one to the other.
"""

from qpr.analysis.articles import articles_frame, regulation_dict
from qpr.analysis.compare import Comparison, compare
from qpr.analysis.coverage import CoverageReport, check_plan, drafting_findings, plan_frame
from qpr.analysis.duties import LEVELS, duties_for, level_binds
from qpr.analysis.matrix import (
    CELL_CODES,
    TASK_COLUMNS,
    UNASSIGNED,
    actor_summary,
    matrix_cells,
    responsibility_matrix,
    task_table,
)
from qpr.analysis.migrate import migrate_plan
from qpr.analysis.names import party_names, regulation_names

__all__ = [
    "CELL_CODES",
    "LEVELS",
    "TASK_COLUMNS",
    "UNASSIGNED",
    "Comparison",
    "CoverageReport",
    "actor_summary",
    "articles_frame",
    "check_plan",
    "compare",
    "drafting_findings",
    "duties_for",
    "level_binds",
    "matrix_cells",
    "migrate_plan",
    "party_names",
    "plan_frame",
    "regulation_dict",
    "regulation_names",
    "responsibility_matrix",
    "task_table",
]
