"""``qpr findings``: drafting-quality findings inside a regulation."""

from __future__ import annotations

import argparse

from qpr.analysis.coverage import drafting_findings
from qpr.cli._common import add_input, add_lang, add_output, emit, load_input
from qpr.duties import extract
from qpr.render import render_frame


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "findings",
        help="drafting-quality findings: duties nobody is assigned to, open-ended bearers, …",
        description="Duties with no named bearer; duties given only to open-ended bearers (有关部门);\n"
                    "departments named in the responsibilities (职责) article with no concrete duty, and the other way\n"
                    "round; articles with no duty; encouragement-only articles; bodies named by a former name (环境保护部门)\n"
                    "or two ways (市场监管/市场监督管理); clauses the extractor could not read.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input(p)
    add_output(p, ("table", "markdown", "csv", "json", "xlsx"))
    add_lang(p, "xlsx sheet names and headers")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    reg = load_input(args)
    findings = drafting_findings(extract(reg), reg).drop(columns=["article", "paragraph", "item", "task_row"])
    if args.format == "xlsx":
        from qpr.render.labels import localized_workbook

        emit(args, localized_workbook({"findings": findings}, args.lang))
        return 0
    if args.format == "table":
        findings = findings[["kind", "provision", "actor", "message", "text"]]
    emit(args, render_frame(findings, args.format, max_width=60 if args.format == "table" else None))
    return 0
