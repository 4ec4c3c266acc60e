"""From Python: who must do what under the built-in regulation, and does a county plan cover it?

    python examples/analysis.py

Each step prints a small table; in a notebook the DataFrames display as they are.
"""

from pathlib import Path

import qpr
from qpr.analysis import actor_summary, check_plan, drafting_findings, duties_for, responsibility_matrix, task_table
from qpr.duties import extract, to_frame
from qpr.plans import read_plan

HERE = Path(__file__).parent

reg = qpr.load()  # 《四川省质量促进条例(征求意见稿)》; qpr.load("other.md") for any other
reading = extract(reg)
duties = to_frame(reading.duties)
print(f"{reg.title}: {len(reg.articles)} articles, {len(duties)} duty records\n")

# 1. Who is bound, to what: actors x articles.
matrix = responsibility_matrix(duties, government_only=True)
print(matrix.iloc[:8, :12], "\n")

# 2. What must a county market regulator do? Every provision, with whom it is shared.
county_market = duties_for(reading.duties, "市场监管部门", level="county")
print(county_market[["article", "paragraph", "item", "role", "modality", "shared_with"]], "\n")

# 3. Per-actor summary and drafting findings (duties nobody owns, departments without duties …).
print(actor_summary(duties).head(8), "\n")
print(drafting_findings(reading, reg)[["kind", "provision", "actor"]].head(12), "\n")

# 4. The regulation as a 任务分工表, and a county's own plan checked against it.
print(task_table(duties, level="county")[["条款", "牵头单位", "配合单位", "完成时限"]].head(6), "\n")
parties = {d.actor for d in reading.duties if d.actor and not d.actor_id}
plan = read_plan(HERE / "county-plan.xlsx", reg, known_parties=parties)
report = check_plan(duties, plan, level="county")
print(f"coverage: {report.overall:.1%}")
print(report.findings[["kind", "provision", "actor", "task_row"]])
