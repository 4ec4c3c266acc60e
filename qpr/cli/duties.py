"""``qpr duties``: every duty of a regulation, or those that bind one body at one level."""

from __future__ import annotations

import argparse
import json
import sys

from qpr.analysis.duties import LEVELS, duties_for
from qpr.cli._common import add_input, add_output, emit, is_batch, load_input
from qpr.duties import duty_record, extract
from qpr.render import render_frame

TABLE_COLUMNS = ["article", "paragraph", "item", "actor", "role", "modality", "level", "action"]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "duties",
        help="list the duties: who must, may or must not do what, in which provision",
        description="List one row per (provision, actor, role). Roles: bearer (obliged, permitted or forbidden),\n"
                    "partner (会同…), target (encouraged, supported). An empty actor is a duty nobody is assigned to.\n\n"
                    "What must a county market regulator do?\n"
                    "  qpr duties --actor 市场监督管理部门 --level county\n\n"
                    "Several regulations (files or folders) give one table with a regulation column:\n"
                    "  qpr duties corpus/浙江/ --actor 市场监督管理部门 -f csv -o 浙江.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input(p, many=True)
    p.add_argument("--actor", metavar="NAME", action="append",
                   help="only duties of this actor (any name or alias: 市场监管部门, 环境保护部门 …); repeatable")
    p.add_argument("--level", choices=LEVELS, help="only duties that bind a body at this level of government")
    p.add_argument("--role", choices=("bearer", "partner", "target"), action="append", help="only these roles; repeatable")
    p.add_argument("--unread", action="store_true", help="list the clauses the extractor could not read instead")
    add_output(p, ("table", "markdown", "csv", "json", "jsonl"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if is_batch(args):
        return run_many(args)
    reg = load_input(args)
    reading = extract(reg)
    if args.unread:
        rows = [{"provision": str(c.provision), "kind": str(c.kind), "reason": c.reason, "text": c.text}
                for c in reading.clauses if c.kind.value in ("unread",)]
        if not rows and args.format in ("table", "jsonl"):
            emit(args, f"every clause of {reg.title} was read ({len(reading.clauses)} clauses)\n")
            return 0
        import pandas as pd

        emit(args, render_frame(pd.DataFrame(rows, columns=["provision", "kind", "reason", "text"]),
                                "table" if args.format == "jsonl" else args.format))
        return 0
    actor_ids = _actor_ids(args)
    filtered = bool(actor_ids or args.level or args.role)
    selected = duties_for(reading.duties, actor_ids=actor_ids, level=args.level, roles=args.role)
    if args.format in ("jsonl", "json"):
        records = selected.to_dict("records") if filtered else [duty_record(d) for d in reading.duties]
        for r in records:  # the interchange format's article: 21, or "10-1" for 第十条之一
            r["article"] = int(r["article"]) if str(r["article"]).isdigit() else r["article"]
        if args.format == "jsonl":
            emit(args, "".join(json.dumps(r, ensure_ascii=False, default=_plain) + "\n" for r in records))
        else:
            payload = {"title": reg.title, "duties": records,
                       "unread": [{"provision": str(c.provision), "text": c.text} for c in reading.unread]}
            emit(args, json.dumps(payload, ensure_ascii=False, indent=2, default=_plain) + "\n")
        return 0
    frame = selected if args.format == "csv" else selected[TABLE_COLUMNS + (["shared_with"] if actor_ids else [])]
    emit(args, render_frame(frame, args.format, max_width=50 if args.format == "table" else None))
    return 0


def _actor_ids(args: argparse.Namespace) -> set[str] | None:
    from qpr.actors import registry

    return {registry().lookup(name).id for name in args.actor} if args.actor else None


def run_many(args: argparse.Namespace) -> int:
    """Several regulations: one table, with the regulation and file of each row first."""
    import pandas as pd

    from qpr.duties import read_many
    from qpr.errors import InputError

    actor_ids = _actor_ids(args)  # an unknown name fails before any file is read
    frames, read, failed = [], 0, 0
    for result in read_many(args.file, jobs=args.jobs, input_format=args.input_format, progress=sys.stderr.isatty()):
        for warning in result.warnings:
            print(f"qpr: warning: {warning}", file=sys.stderr)
        if result.reading is None:
            failed += 1
            print(f"qpr: warning: skipped {result.error}", file=sys.stderr)
            continue
        read += 1
        if args.unread:
            frame = pd.DataFrame([{"provision": str(c.provision), "kind": str(c.kind), "reason": c.reason, "text": c.text}
                                  for c in result.reading.unread], columns=["provision", "kind", "reason", "text"])
        else:
            frame = duties_for(result.reading.duties, actor_ids=actor_ids, level=args.level, roles=args.role)
        frame.insert(0, "file", result.path)
        frame.insert(0, "regulation", result.title)
        frames.append(frame)
    if not read:
        raise InputError(f"none of the {failed} files could be read as a regulation", source=" ".join(args.file))
    print(f"qpr: read {read} regulation{'s' * (read != 1)}" + (f", skipped {failed} file{'s' * (failed != 1)}" if failed else ""),
          file=sys.stderr)
    frame = pd.concat(frames, ignore_index=True)
    if args.format in ("jsonl", "json"):
        records = frame.to_dict("records")
        for r in records:
            if "article" in r:
                r["article"] = int(r["article"]) if str(r["article"]).isdigit() else r["article"]
        if args.format == "jsonl":
            emit(args, "".join(json.dumps(r, ensure_ascii=False, default=_plain) + "\n" for r in records))
        else:
            emit(args, json.dumps(records, ensure_ascii=False, indent=2, default=_plain) + "\n")
        return 0
    if args.format != "csv" and not args.unread:
        frame = frame[["regulation"] + TABLE_COLUMNS + (["shared_with"] if actor_ids else [])]
    emit(args, render_frame(frame, args.format, max_width=50 if args.format == "table" else None))
    return 0


def _plain(value: object) -> object:
    """JSON for what pandas leaves in records: numpy scalars and missing values."""
    import pandas as pd

    if value is pd.NA or value is pd.NaT:
        return None
    item = getattr(value, "item", None)
    if callable(item):
        return item()
    return str(value)
