"""``qpr explain``: why a provision was read as it was, rule by rule."""

from __future__ import annotations

import argparse
import json

from qpr.cli._common import add_input, emit, load_input
from qpr.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "explain",
        help="why a provision was read as it was: its clauses, the rules that fired, who got which role",
        description="For each sentence of the provision: the rules that read it, every party found with the words\n"
                    "that named it and the rules that gave it its role, force and level, and what was left unread.\n\n"
                    "  qpr explain 第六条第一款\n"
                    "  qpr explain 6.1.1 law.md",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("provision", metavar="PROVISION",
                   help="an article, paragraph or item: 第六条, 第六条第一款, 第六条第一款第（一）项, 6.1.1, 第十条之一")
    add_input(p)
    p.add_argument("--format", "-f", choices=("text", "markdown", "json"), default="text")
    p.add_argument("--output", "-o", metavar="PATH", help="write to PATH (atomically) instead of standard output")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from qpr.analysis.explain import explain, parse_provision, rule_docs
    from qpr.duties import extract
    from qpr.render.explain import explanation_data, explanation_text

    try:
        ref = parse_provision(args.provision)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    reg = load_input(args)
    try:
        clauses = explain(extract(reg), reg, ref)
    except KeyError as exc:
        raise UsageError(exc.args[0]) from None
    from qpr.numerals import provision_label

    label = provision_label(ref.article, ref.paragraph, ref.item)
    if args.format == "json":
        emit(args, json.dumps(explanation_data(reg.title, label, clauses, rule_docs()), ensure_ascii=False, indent=2) + "\n")
    else:
        emit(args, explanation_text(reg.title, label, clauses, rule_docs(), markdown=args.format == "markdown"))
    return 0
