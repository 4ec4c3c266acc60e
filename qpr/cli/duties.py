"""``qpr duties``: every duty of a regulation, or those that bind one body at one level."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from qpr.analysis.duties import LEVELS, duties_for
from qpr.cli._common import add_input, add_output, emit, is_batch, load_input
from qpr.duties import duty_record, extract
from qpr.errors import ExitStatus
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
    """Several regulations: one table, with the regulation and file of each row first.

    Files that hold no articles are skipped with a warning; a file that cannot
    be read is skipped too, and the exit status is then 3 once the others are
    written. With --strict, any problem stops the run before anything is written.
    """
    import pandas as pd
    from tqdm import tqdm

    from qpr.duties import read_many
    from qpr.duties.batch import expand_paths
    from qpr.errors import InputError, UsageError

    if "-" in args.file:
        raise UsageError("'-' (standard input) can only be read alone, not with other files")
    actor_ids = _actor_ids(args)  # an unknown name fails before any file is read
    files = expand_paths(args.file)
    if not files:
        raise InputError("no .md, .txt, .html or .docx files there", source=" ".join(args.file))
    frames, records, read, failed = [], [], 0, []
    bar = tqdm(total=len(files), unit="file", desc="reading", disable=not sys.stderr.isatty())
    for result in read_many(files, jobs=args.jobs, input_format=args.input_format, strict=args.strict):
        bar.update()
        for warning in result.warnings:
            bar.write(f"qpr: warning: {warning}", file=sys.stderr)
        if result.reading is None:
            if args.strict and not result.not_a_regulation:
                bar.close()
                raise InputError(result.error or "unreadable", source=None)
            if not result.not_a_regulation:
                failed.append(result)
            bar.write(f"qpr: warning: skipped {result.error}", file=sys.stderr)
            continue
        read += 1
        head = {"regulation": result.title, "file": result.path}
        if args.unread:
            rows = [{**head, "provision": str(c.provision), "kind": str(c.kind), "reason": c.reason, "text": c.text}
                    for c in result.reading.unread]
            frames.append(pd.DataFrame(rows, columns=[*head, "provision", "kind", "reason", "text"]))
            continue
        if args.format in ("jsonl", "json") and not (actor_ids or args.level or args.role):
            records.append((head, [duty_record(d) for d in result.reading.duties], result.reading.unread))
            continue
        frame = duties_for(result.reading.duties, actor_ids=actor_ids, level=args.level, roles=args.role)
        frame.insert(0, "file", result.path)
        frame.insert(0, "regulation", result.title)
        frames.append(frame)
        if args.format in ("jsonl", "json"):
            rows = frame.drop(columns=["regulation", "file"]).astype(object)
            records.append((head, rows.where(rows.notna(), None).to_dict("records"), result.reading.unread))
    bar.close()
    if not read:
        raise InputError(f"none of the {len(files)} files could be read as a regulation", source=" ".join(args.file))
    print(f"qpr: read {read} regulation{'s' * (read != 1)}"
          + (f", could not read {len(failed)} file{'s' * (len(failed) != 1)}" if failed else ""), file=sys.stderr)
    if args.format in ("jsonl", "json") and not args.unread:
        for _, rows, _ in records:
            for r in rows:  # the interchange format's article: 21, or "10-1" for 第十条之一
                r["article"] = int(r["article"]) if str(r["article"]).isdigit() else r["article"]
        if args.format == "jsonl":
            emit(args, "".join(json.dumps({**head, **r}, ensure_ascii=False, allow_nan=False, default=_plain) + "\n"
                               for head, rows, _ in records for r in rows))
        else:
            payload = [{"title": head["regulation"], "file": head["file"], "duties": rows,
                        "unread": [{"provision": str(c.provision), "text": c.text} for c in unread]}
                       for head, rows, unread in records]
            emit(args, json.dumps(payload, ensure_ascii=False, allow_nan=False, indent=2, default=_plain) + "\n")
    else:
        frame = pd.concat(frames, ignore_index=True)
        if args.unread and frame.empty and args.format in ("table", "jsonl"):
            emit(args, f"every clause of the {read} regulation{'s' * (read != 1)} was read\n")
            return int(ExitStatus.BAD_INPUT) if failed else 0
        if args.format in ("jsonl", "json"):  # --unread
            rows = frame.astype(object)
            out = rows.where(rows.notna(), None).to_dict("records")
            text = ("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out) if args.format == "jsonl"
                    else json.dumps(out, ensure_ascii=False, indent=2) + "\n")
            emit(args, text)
        else:
            if args.format != "csv":
                # Titles recur across versions of one regulation: the file tells them apart.
                frame = frame.assign(file=frame["file"].map(lambda f: Path(f).name))
                if not args.unread:
                    frame = frame[["regulation", "file"] + TABLE_COLUMNS + (["shared_with"] if actor_ids else [])]
            emit(args, render_frame(frame, args.format, max_width=50 if args.format == "table" else None))
    return int(ExitStatus.BAD_INPUT) if failed else 0


def _plain(value: object) -> object:
    """JSON for what pandas leaves in records: numpy scalars and missing values."""
    import pandas as pd

    if value is pd.NA or value is pd.NaT:
        return None
    item = getattr(value, "item", None)
    if callable(item):
        return item()
    return str(value)
