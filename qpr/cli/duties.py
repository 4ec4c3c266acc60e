"""``qpr duties``: every duty of a regulation, or those that bind one body at one level."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from pathlib import Path
from typing import TypeVar

import attrs
import pandas as pd

from qpr.actors.registry import Registry
from qpr.analysis.duties import LEVELS, duties_for
from qpr.cli._common import add_input, add_output, emit, is_batch, load_input
from qpr.duties import FileReading, Reading, duty_record, extract, to_frame
from qpr.duties.frame import interchange_records
from qpr.errors import ExitStatus, UnknownActorError, UsageError
from qpr.model import Regulation
from qpr.render import render_frame, write_output

T = TypeVar("T")

#: Seconds to wait for a Dask scheduler to answer before saying it cannot be reached.
SCHEDULER_TIMEOUT = 10

TABLE_COLUMNS = ["article", "paragraph", "item", "actor", "actor_id", "role", "modality", "level", "action"]


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
    p.add_argument("--kind", metavar="KIND", action="append", type=_kind,
                   help="only parties of this kind: enterprise (企业 and 经营者, 建设单位 …), government (governments, "
                        "departments, vertical agencies), or a registry kind (department, public, association …); "
                        "repeatable")
    p.add_argument("--level", choices=LEVELS, help="only duties that bind a body at this level of government")
    p.add_argument("--role", choices=("bearer", "partner", "target"), action="append", help="only these roles; repeatable")
    p.add_argument("--unread", action="store_true", help="list the clauses the extractor could not read instead")
    p.add_argument("--why", action="store_true",
                   help="add a column saying why: the rules that made each row and the words that named its party "
                        "(qpr explain PROVISION tells more)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh",
                   help="en: actors by the registry's English names, and xlsx sheet names and headers in English "
                        "(json and jsonl keep the text's own words)")
    p.add_argument("--clauses", action="store_true",
                   help="with -f parquet, also write every clause and its kind beside the duties (X.clauses.parquet)")
    add_output(p, ("table", "markdown", "csv", "json", "jsonl", "xlsx", "parquet"))
    p.set_defaults(run=run)


UNREAD_COLUMNS = ["provision", "kind", "reason", "text"]
#: What a workbook of duties shows: the table's columns and what a reader checks them by (no offsets).
XLSX_COLUMNS = ["article", "paragraph", "item", "actor", "actor_id", "actor_name", "role", "modality", "level",
                "condition", "action", "recurrence", "deadline", "basis", "confident", "note", "rules"]


def run(args: argparse.Namespace) -> int:
    if args.format == "parquet":
        return run_parquet(args)
    if args.clauses:
        from qpr.errors import UsageError

        raise UsageError("--clauses goes with --format parquet")
    if is_batch(args):
        return run_many(args)
    if not args.file:
        actor_ids = _actor_ids(args)  # an unknown name fails before any work
    reg = load_input(args)
    if args.file:
        actor_ids = _actor_ids(args, _registry_of(reg))  # the regulation's own defined terms resolve too
    reading = extract(reg)
    if args.unread:
        rows = _unread_rows(reading)
        if not rows and args.format in ("table", "jsonl"):
            emit(args, f"every clause of {reg.title} was read ({len(reading.clauses)} clauses)\n")
        else:
            _emit_rows(args, rows, UNREAD_COLUMNS)
        return 0
    selected = duties_for(reading, actor_ids=actor_ids, level=args.level, roles=args.role, kind=args.kind)
    if args.format in ("jsonl", "json"):
        rows = _duty_rows(args, reading, selected, actor_ids)
        if args.format == "jsonl":
            emit(args, _json_lines(rows))
        else:
            payload = {"title": reg.title, "duties": rows,
                       "unread": [{"provision": str(c.provision), "text": c.text} for c in reading.unread]}
            emit(args, _json(payload))
        return 0
    if args.why:
        selected = selected.assign(why=_why(selected, reg.text), penalty=_penalties(selected, {"": reading}))
    selected = _in_language(selected, args.lang, [reading])
    _emit_frame(args, selected, pd.DataFrame(_unread_rows(reading), columns=UNREAD_COLUMNS), actor_ids)
    return 0


def _emit_frame(args: argparse.Namespace, frame: pd.DataFrame, unread: pd.DataFrame, actor_ids: set[str] | None,
                head: tuple[str, ...] = ()) -> None:
    """The selected duties as csv (every column), xlsx (what a person reads, and the unread clauses) or a table.

    ``head`` are leading columns (regulation, file) of a run over several files.
    """
    if args.format == "csv":
        emit(args, render_frame(frame, "csv"))
    elif args.format == "xlsx":
        from qpr.render.labels import localized_workbook

        columns = [*head, *(c for c in XLSX_COLUMNS if c in frame.columns),
                   *(c for c in ("shared_with", "why", "penalty") if c in _table_columns(args, actor_ids))]
        emit(args, localized_workbook({"duties": frame[columns], "unread": unread}, args.lang))
    else:
        emit(args, render_frame(frame[[*head, *_table_columns(args, actor_ids)]], args.format,
                                max_width=50 if args.format == "table" else None))


def _in_language(frame: pd.DataFrame, lang: str, readings: Iterable[Reading]) -> pd.DataFrame:
    """With ``lang="en"``, the actor column (and shared_with) in the registry's English names."""
    if lang == "zh" or frame.empty:
        return frame
    english = {d.actor: actor.name_en for reading in readings for d in reading.duties
               if d.actor and d.actor_id and reading.registry is not None
               and (actor := reading.registry.get(d.actor_id)) is not None}
    out = frame.assign(actor=frame["actor"].map(lambda a: english.get(a, a)))
    if "shared_with" in out.columns:
        out["shared_with"] = [[english.get(a, a) for a in names] for names in out["shared_with"]]
    return out


def _actor_ids(args: argparse.Namespace, actors: Registry | None = None) -> set[str] | None:
    """The registry ids of the --actor names; a name none answers to is a usage mistake, with the nearest names."""
    from qpr.actors import registry

    names = actors or registry()
    ids = set()
    for name in args.actor or ():
        try:
            ids.add(names.lookup(name).id)
        except UnknownActorError as exc:
            raise UsageError(f"--actor {name}: {exc}") from None
    return ids or None


def _registry_of(reg: Regulation) -> Registry:
    """The registry a reading of ``reg`` will use: the built-in one with the regulation's defined terms."""
    from qpr.actors import jurisdiction_from_title, registry

    return registry().with_defined_terms(reg.simplified or reg.text, jurisdiction_from_title(reg.title))


def _kind(text: str) -> str:
    """A --kind value, checked when the command line is read (status 2 for one that names no kind)."""
    from qpr.actors.kinds import kinds_asked

    try:
        kinds_asked(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _table_columns(args: argparse.Namespace, actor_ids: set[str] | None) -> list[str]:
    selected = actor_ids or args.kind
    return TABLE_COLUMNS + (["shared_with"] if selected else []) + (["why", "penalty"] if args.why else [])


def _why(frame: pd.DataFrame, text: str | None) -> list[str]:
    """Per row: the rules that made it, and (given the regulation's text) the words that named its party."""
    out = []
    for rules, start, end in zip(frame["rules"], frame["evidence_start"], frame["evidence_end"]):
        words = f"「{text[int(start):int(end)]}」 " if text is not None and not pd.isna(start) else ""
        out.append(words + ", ".join(rules))
    return out


def _penalties(frame: pd.DataFrame, readings: dict[str, Reading]) -> list[str]:
    """Per row: the penalty provisions that enforce it (违反本条例第X条规定…处…), joined with 、.

    ``readings`` by file; a frame of one regulation (no file column) gives its one reading under "".
    """
    from qpr.analysis.penalties import enforcing, penalty_links

    lookups = {f: enforcing(penalty_links(reading)) for f, reading in readings.items()}
    files = frame["file"] if "file" in frame.columns else [""] * len(frame)
    return ["、".join(lookups[f](str(a), None if pd.isna(p) else int(p), None if pd.isna(i) else int(i)))
            for f, a, p, i in zip(files, frame["article"], frame["paragraph"], frame["item"])]


def _unread_rows(reading: Reading) -> list[dict[str, object]]:
    return [{"provision": str(c.provision), "kind": str(c.kind), "reason": c.reason, "text": c.text}
            for c in reading.unread]


def _duty_rows(args: argparse.Namespace, reading: Reading, selected: pd.DataFrame,
               actor_ids: set[str] | None) -> list[dict[str, object]]:
    """The interchange records (ANNOTATION.md): every duty, or the rows selected, as plain JSON values."""
    if actor_ids or args.level or args.role or args.kind:
        plain = selected.astype(object)
        rows = plain.where(plain.notna(), None).to_dict("records")  # pandas' NaN is not JSON
    elif args.format == "jsonl":
        rows = interchange_records(reading.duties)  # ANNOTATION.md: one per (provision, actor, role)
    else:
        rows = [duty_record(d) for d in reading.duties]
    for r in rows:  # the interchange format's article: 21, or "10-1" for 第十条之一
        r["article"] = int(r["article"]) if str(r["article"]).isdigit() else r["article"]
    return rows


def _json_lines(rows: list[dict[str, object]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, allow_nan=False, default=_plain) + "\n" for r in rows)


def _json(payload: object) -> str:
    return json.dumps(payload, ensure_ascii=False, allow_nan=False, indent=2, default=_plain) + "\n"


def _emit_rows(args: argparse.Namespace, rows: list[dict[str, object]], columns: list[str]) -> None:
    if args.format == "jsonl":
        emit(args, _json_lines(rows))
    else:
        emit(args, render_frame(pd.DataFrame(rows, columns=columns), args.format,
                                max_width=50 if args.format == "table" else None))


def run_parquet(args: argparse.Namespace) -> int:
    """Every duty (and with --clauses every clause) of one or many regulations as typed Parquet tables.

    The filters (--actor, --level, --role) keep the duty rows they select; the
    clause table is always whole. Both files are built before either is written.
    """
    from qpr.errors import UsageError
    from qpr.reading.metadata import metadata_of
    from qpr.render.parquet import (
        ParquetFile,
        clause_schema,
        document_batches,
        duty_schema,
    )

    if not args.output or args.output == "-":
        raise UsageError("--format parquet writes a binary file: give -o PATH (e.g. -o duties.parquet)")
    if args.unread or args.why:
        raise UsageError("--unread and --why do not go with --format parquet (the clause table has every clause: "
                         "use --clauses)")
    duties = ParquetFile(duty_schema())  # a missing pyarrow fails before any file is read
    clauses = ParquetFile(clause_schema()) if args.clauses else None

    def add(result: FileReading, ids: set[str] | None) -> None:
        # Each reading becomes its rows as it arrives, so a corpus run never holds every reading at once.
        duty_rows, clause_rows = document_batches(_selected(result, args, ids), clauses=clauses is not None)
        duties.add(duty_rows)
        if clauses is not None and clause_rows is not None:
            clauses.add(clause_rows)

    if is_batch(args):
        ids = _actor_ids(args)
        read, status = _read_batch(args, lambda result: add(result, ids))
        regulations = len(read)
    else:
        reg = load_input(args)
        reading = extract(reg)
        add(FileReading(reg.source or "", reg.title, reading, metadata=metadata_of(reg)), _actor_ids(args, reading.registry))
        regulations, status = 1, 0
    files = {args.output: duties.finish()}
    if clauses is not None:
        files[_clauses_path(args.output)] = clauses.finish()
    for path, data in files.items():
        write_output(path, data)
    print(f"qpr: wrote {duties.num_rows} duties" + (f" and {clauses.num_rows} clauses" if clauses is not None else "")
          + f" of {regulations} regulation{'s' * (regulations != 1)} to " + " and ".join(files), file=sys.stderr)
    return status


def _selected(result: FileReading, args: argparse.Namespace, actor_ids: set[str] | None) -> FileReading:
    """The result with only the duties --actor, --level and --role select (all of them without filters)."""
    if result.reading is None or not (actor_ids or args.level or args.role):
        return result
    from qpr.analysis.duties import level_binds

    duties = tuple(d for d in result.reading.duties
                   if (actor_ids is None or d.actor_id in actor_ids) and (not args.role or str(d.role) in args.role)
                   and (args.level is None or level_binds(d.level, args.level)))
    return attrs.evolve(result, reading=attrs.evolve(result.reading, duties=duties))


def _clauses_path(output: str) -> str:
    """duties.parquet -> duties.clauses.parquet, beside it."""
    path = Path(output)
    stem = path.name.removesuffix(".parquet")
    return str(path.with_name(f"{stem}.clauses.parquet"))


def _read_batch(args: argparse.Namespace, convert: Callable[[FileReading], T]) -> tuple[list[T], int]:
    """Read every file named (folders expanded): the readings (each passed through ``convert``), and exit
    status 3 if some file could not be read.

    Files that hold no articles are skipped with a warning; a file that cannot
    be read is skipped too. With --strict, any problem stops the run before
    anything is written.
    """
    from tqdm import tqdm

    from qpr.duties import read_many
    from qpr.duties.batch import expand_paths
    from qpr.errors import InputError

    if "-" in args.file:
        raise UsageError("'-' (standard input) can only be read alone, not with other files")
    _actor_ids(args)  # an unknown name fails before any file is read
    files = expand_paths(args.file)
    if not files:
        raise InputError("no .md, .txt, .html or .docx files there", source=" ".join(args.file))
    results: list[T] = []
    failed = 0
    bar = tqdm(total=len(files), unit="file", desc="reading", disable=not sys.stderr.isatty())
    with _executor(args.scheduler) as executor:
        for result in read_many(files, jobs=args.jobs, input_format=args.input_format, strict=args.strict,
                                executor=executor):
            bar.update()
            for warning in result.warnings:
                bar.write(f"qpr: warning: {warning}", file=sys.stderr)
            if result.reading is None:
                if args.strict and not result.not_a_regulation:
                    bar.close()
                    raise InputError(result.error or "unreadable", source=None)
                failed += not result.not_a_regulation
                bar.write(f"qpr: warning: skipped {result.error}", file=sys.stderr)
                continue
            results.append(convert(result))
    bar.close()
    read = len(results)
    if not read:
        raise InputError(f"none of the {len(files)} files could be read as a regulation", source=" ".join(args.file))
    print(f"qpr: read {read} regulation{'s' * (read != 1)}"
          + (f", could not read {failed} file{'s' * (failed != 1)}" if failed else ""), file=sys.stderr)
    return results, int(ExitStatus.BAD_INPUT) if failed else 0


@contextlib.contextmanager
def _executor(scheduler: str | None) -> Iterator[Executor | None]:
    """The Dask cluster at ``scheduler`` as an Executor (None without one: read_many's own processes)."""
    if scheduler is None:
        yield None
        return
    from qpr.errors import InputError, UsageError

    try:
        from distributed import Client
    except ModuleNotFoundError as exc:
        raise UsageError("--scheduler needs Dask: pip install 'qpr[dask]'") from exc
    try:
        client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}", source=None) from exc
    with client:
        yield client.get_executor()


def run_many(args: argparse.Namespace) -> int:
    """Several regulations: one table, with the regulation and file of each row first (see :func:`_read_batch`)."""
    results, status = _read_batch(args, lambda result: result)
    actor_ids = _actor_ids(args)
    readings = [({"regulation": r.title or "", "file": r.path}, r.reading) for r in results if r.reading is not None]
    read = len(readings)
    if args.unread:
        rows = [{**head, **row} for head, reading in readings for row in _unread_rows(reading)]
        if not rows and args.format in ("table", "jsonl"):
            emit(args, f"every clause of the {read} regulation{'s' * (read != 1)} was read\n")
        else:
            _emit_rows(args, rows, ["regulation", "file", *UNREAD_COLUMNS])
        return status
    filtered = bool(actor_ids or args.level or args.role or args.kind)
    if args.format in ("json", "jsonl") and not filtered:
        per_file = [(head, reading, None) for head, reading in readings]  # every duty, as records: no frame
    else:
        # One frame and one selection for every file: per-file DataFrames cost more than the reading itself.
        selected = duties_for(_one_frame(readings), actor_ids=actor_ids, level=args.level, roles=args.role,
                              kind=args.kind, within="file")
        if args.format in ("json", "jsonl"):
            by_file = {path: group.drop(columns=["regulation", "file"])
                       for path, group in selected.groupby("file", sort=False)}
            empty = selected.drop(columns=["regulation", "file"]).iloc[:0]
            per_file = [(head, reading, by_file.get(head["file"], empty)) for head, reading in readings]
    if args.format == "jsonl":
        emit(args, _json_lines([{**head, **row} for head, reading, frame in per_file
                                for row in _duty_rows(args, reading, frame, actor_ids)]))
    elif args.format == "json":
        emit(args, _json([{"title": head["regulation"], "file": head["file"],
                           "duties": _duty_rows(args, reading, frame, actor_ids),
                           "unread": [{"provision": str(c.provision), "text": c.text} for c in reading.unread]}
                          for head, reading, frame in per_file]))
    else:
        frame = _in_language(selected, args.lang, [reading for _, reading in readings])
        if args.why:
            frame = frame.assign(penalty=_penalties(frame, {head["file"]: reading for head, reading in readings}))
        if args.format != "csv":
            # Titles recur across versions of one regulation: the file tells them apart.
            names = {path: Path(path).name for path in frame["file"].unique()}
            frame = frame.assign(file=frame["file"].map(names))
            if args.why:
                frame = frame.assign(why=_why(frame, None))
        unread = pd.DataFrame([{**head, **row} for head, reading in readings for row in _unread_rows(reading)],
                              columns=["regulation", "file", *UNREAD_COLUMNS])
        _emit_frame(args, frame, unread, actor_ids, head=("regulation", "file"))
    return status


def _one_frame(readings: list[tuple[dict[str, str], Reading]]) -> pd.DataFrame:
    """Every duty of every reading in one frame, its regulation and file first."""
    import numpy as np

    frame = to_frame(d for _, reading in readings for d in reading.duties)
    counts = [len(reading.duties) for _, reading in readings]
    frame.insert(0, "file", np.repeat([head["file"] for head, _ in readings], counts))
    frame.insert(0, "regulation", np.repeat([head["regulation"] for head, _ in readings], counts))
    return frame


def _plain(value: object) -> object:
    """JSON for what pandas leaves in records: numpy scalars and missing values."""
    if value is pd.NA or value is pd.NaT:
        return None
    item = getattr(value, "item", None)
    if callable(item):
        return item()
    return str(value)
