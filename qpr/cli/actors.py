"""``qpr actors``: the actor registry — list it, look a name up, resolve a mention.

    qpr actors [--kind KIND] [--level LEVEL] [--format F]
    qpr actors lookup NAME [--in TITLE]
    qpr actors resolve MENTION [--in TITLE]

``--registry FILE`` layers the user's own TOML registry over the built-in one
for any of them.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from qpr.actors import (
    Jurisdiction,
    Kind,
    Level,
    Registry,
    jurisdiction_from_title,
    registry,
)
from qpr.actors.model import Actor, Match, Resolution
from qpr.cli._common import add_output, emit
from qpr.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("table", "markdown", "csv", "json")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "actors",
        help="list the actor registry, look a name up, resolve a mention",
        description="List the parties the registry knows (governments, departments, vertical agencies,\n"
                    "courts, Party bodies, enterprises, associations, the public …), or explain how a\n"
                    "name or a mention resolves: `qpr actors lookup 市场监管局`,\n"
                    "`qpr actors resolve 县级以上人民政府发展改革、财政等部门`.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_registry(p)
    p.add_argument("--kind", action="append", choices=[k.code for k in Kind], metavar="KIND",
                   help="only actors of this kind (repeatable): " + ", ".join(k.code for k in Kind))
    p.add_argument("--level", choices=[lv.code for lv in Level],
                   help="only actors that exist at this level of government")
    add_output(p, FORMATS)
    p.set_defaults(run=run_list)
    actions = p.add_subparsers(dest="actors_action", metavar="ACTION")

    lk = actions.add_parser("lookup", help="how one name resolves (id, canonical name, alias, former name …)",
                            description="Show which actor NAME names and how it matched; exit status 3 with the\n"
                                        "nearest names when no actor answers to it.",
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    lk.add_argument("name", metavar="NAME")
    _add_registry(lk)
    _add_jurisdiction(lk)
    add_output(lk, FORMATS)
    lk.set_defaults(run=run_lookup)

    rs = actions.add_parser("resolve", help="the actors and levels a whole mention names",
                            description="Resolve a mention such as 县级以上人民政府发展改革、财政等部门 into its\n"
                                        "actors, their level scope and the open-list marker.",
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    rs.add_argument("mention", metavar="MENTION")
    _add_registry(rs)
    _add_jurisdiction(rs)
    add_output(rs, FORMATS)
    rs.set_defaults(run=run_resolve)


def _add_registry(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--registry", metavar="FILE",
                        help="layer this TOML registry file over the built-in one (names it redefines win)")


def _add_jurisdiction(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--in", dest="title", metavar="TITLE",
                        help="read levels as in this regulation (北京市…条例: 市 is the provincial level)")


def _registry(args: argparse.Namespace) -> Registry:
    if getattr(args, "registry", None):
        return registry().extend(args.registry, on_conflict="replace")
    return registry()


def _jurisdiction(args: argparse.Namespace) -> Jurisdiction | None:
    title = getattr(args, "title", None)
    if not title:
        return None
    found = jurisdiction_from_title(title)
    if found is None:
        raise InputError(f"cannot tell whose regulation {title!r} is; start it with a place (四川省, 北京市, 深圳…)")
    return found


def _levels(actor: Actor) -> str:
    return "+".join(lv.code for lv in sorted(actor.levels))


def actors_frame(actors: list[Actor]) -> pd.DataFrame:
    import pandas as pd

    """One row per actor: id, name, kind, levels, English name, short forms."""
    rows = []
    for a in actors:
        forms = [*a.stems, *a.aliases]
        rows.append({
            "id": a.id, "name": a.name, "kind": a.kind.code, "levels": _levels(a), "name_en": a.name_en,
            "forms": "、".join(forms), "former": "、".join(f"{f.name}({f.until})" for f in a.history),
        })
    return pd.DataFrame(rows, columns=["id", "name", "kind", "levels", "name_en", "forms", "former"])


def run_list(args: argparse.Namespace) -> int:
    from qpr.render import render_frame

    reg = _registry(args)
    actors = list(reg)
    if args.kind:
        actors = [a for a in actors if a.kind.code in set(args.kind)]
    if args.level:
        actors = [a for a in actors if Level.from_code(args.level) in a.levels]
    frame = actors_frame(actors)
    if args.format == "table":
        emit(args, render_frame(frame.drop(columns=["former"]), "table", max_width=40))
    else:
        emit(args, render_frame(frame, args.format))
    return 0


def match_dict(match: Match) -> dict[str, Any]:
    a = match.actor
    return {
        "query": match.query,
        "id": a.id,
        "name": a.name,
        "name_en": a.name_en,
        "kind": a.kind.code,
        "government": a.is_government,
        "levels": _levels(a),
        "matched_by": match.how,
        "form": match.form,
        "renamed": match.renamed,
        "level_scope": match.levels.code if match.levels else None,
        "level_words": match.levels.written if match.levels else None,
        "note": a.note,
    }


def run_lookup(args: argparse.Namespace) -> int:
    reg = _registry(args)
    match = reg.explain(args.name, _jurisdiction(args))  # UnknownActorError -> exit status 3
    _emit_record(args, match_dict(match))
    return 0


def resolution_dict(mention: str, res: Resolution) -> dict[str, Any]:
    return {
        "mention": mention,
        "levels": res.levels.code if res.levels else None,
        "level_words": res.levels.written if res.levels else None,
        "condition": res.levels.condition if res.levels else None,
        "open_list": res.open_list,
        "actors": [
            {"id": r.actor_id, "written": r.written, "name": r.name, "renamed": r.renamed,
             "levels": r.levels.code if r.levels else None}
            for r in res.actors
        ],
        "unresolved": list(res.unresolved),
    }


def run_resolve(args: argparse.Namespace) -> int:
    import pandas as pd

    from qpr.render import render_frame

    reg = _registry(args)
    res = reg.resolve(args.mention, _jurisdiction(args))
    data = resolution_dict(args.mention, res)
    if args.format == "json":
        emit(args, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    frame = pd.DataFrame(data["actors"], columns=["id", "written", "name", "renamed", "levels"])
    head = (f"mention: {args.mention}\nlevels: {data['levels'] or '-'} ({data['level_words'] or '-'})"
            f"{'  condition: ' + data['condition'] if data['condition'] else ''}\n"
            f"open list: {data['open_list'] or '-'}\nunresolved: {'、'.join(data['unresolved']) or '-'}\n\n")
    if args.format == "csv":
        emit(args, render_frame(frame, "csv"))
    else:
        emit(args, head + render_frame(frame, args.format))
    return 0


def _emit_record(args: argparse.Namespace, record: dict[str, Any]) -> None:
    if args.format == "json":
        emit(args, json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        return
    if args.format == "csv":
        import pandas as pd

        from qpr.render import render_frame

        emit(args, render_frame(pd.DataFrame([record]), "csv"))
        return
    # A handful of fields: no pandas, so a lookup answers at once.
    from qpr.render.records import render_records

    emit(args, render_records([{"field": k, "value": v} for k, v in record.items()], args.format))
