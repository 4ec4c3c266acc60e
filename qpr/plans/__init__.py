"""Implementation plans (任务分工表) read from CSV, Excel, JSON or YAML.

A plan is outside input: every row is validated, and a row that names an
unknown article or unit is reported with its row number and the nearest valid
names, never skipped silently.
"""

from qpr.plans.model import Plan, PlanProblem, ProvisionRef, Task
from qpr.plans.read import PLAN_COLUMNS, parse_provision_refs, read_plan

__all__ = ["PLAN_COLUMNS", "Plan", "PlanProblem", "ProvisionRef", "Task", "parse_provision_refs", "read_plan"]
