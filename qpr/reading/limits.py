"""Bounds on what qpr reads from outside: nesting depth, expanded size, cells, unzipped bytes.

A plan, a registry or a Word file comes from a user, who may have been sent
it by anyone. A few hundred bytes can ask for far more than any real plan
needs: JSON nested 100,000 deep (Python's parser recurses until it fails), a
YAML "billion laughs" (aliases of aliases: 560 bytes that expand to 10^9
strings), a zip whose XML unpacks to gigabytes, a sheet whose dimension
claims a million rows by sixteen thousand columns. Each reader here refuses
such input quickly, with an :class:`~qpr.errors.InputError` that says which
bound it passed, before it takes the time or the memory.

The bounds are far above any real document: the largest regulation in the
corpus is 0.4 MB of text, a 任务分工表 has hundreds of rows and a dozen
columns, and the benchmark's 200,000-task plan is within them.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from qpr.errors import InputError

__all__ = [
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_HTML_NESTING",
    "MAX_NESTING",
    "MAX_ROWS",
    "MAX_UNZIPPED_BYTES",
    "MAX_YAML_NODES",
    "bounded_rows",
    "check_html_depth",
    "check_zip",
    "load_json",
    "load_yaml",
]

#: The deepest nesting of lists and mappings accepted in YAML (a plan needs 3).
MAX_NESTING = 100
#: The most values a YAML document may expand to, every alias counted as the copy it stands for.
MAX_YAML_NODES = 1_000_000
#: The most rows read from a sheet or CSV file, and columns per row.
MAX_ROWS = 1_048_576  # as many as an Excel sheet has
MAX_COLUMNS = 256
#: The most non-empty cells read from one table.
MAX_CELLS = 5_000_000
#: The deepest nesting of HTML elements read (a regulation's web page nests a few dozen).
MAX_HTML_NESTING = 1000
#: The most bytes the members of a .docx or .xlsx may unpack to, together.
MAX_UNZIPPED_BYTES = 512 * 2**20


def load_json(text: str, name: str) -> Any:
    """``json.loads``, with nesting deeper than the parser can follow an :class:`InputError`, not a RecursionError.

    The C parser counts its own depth and stops near Python's recursion limit
    (about 1,000 levels), cheaply and safely; the reader of the result then
    checks the shape it expects (a plan's cells hold text, not structures).
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", source=name, line=exc.lineno) from None
    except RecursionError:
        raise InputError("JSON nested too deeply to read (about a thousand levels or more); a plan needs three",
                         source=name) from None


def load_yaml(text: str, name: str) -> Any:
    """``yaml.safe_load`` with bounds: nesting depth, and the size the document expands to through aliases."""
    import yaml

    class BoundedLoader(yaml.SafeLoader):
        def get_single_node(self) -> Any:
            node = super().get_single_node()
            if node is not None:
                _check_yaml_size(node, name)
            return node

    try:
        return yaml.load(text, Loader=BoundedLoader)  # a SafeLoader subclass, bounded
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"not valid YAML: {getattr(exc, 'problem', None) or exc}", source=name,
                         line=mark.line + 1 if mark else None) from None
    except RecursionError:  # the composer recurses once per level, before our count can run
        raise InputError(f"YAML nested more than {MAX_NESTING} levels deep; a plan needs three", source=name) from None


def _check_yaml_size(root: Any, name: str) -> None:
    """Count the values ``root`` stands for, each alias as a full copy, without recursion or expansion.

    Aliases make the node graph a DAG (or a cycle, for a recursive alias): the
    expanded size of a node is 1 plus its children's, memoised per node, so
    the count costs one visit per node however large the expansion.
    """
    import yaml

    size: dict[int, int] = {}
    depth_of: dict[int, int] = {id(root): 1}
    stack: list[tuple[Any, bool]] = [(root, False)]
    on_path: set[int] = set()
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _yaml_children(node, yaml)
        if done:
            on_path.discard(key)
            total = 1 + sum(size[id(c)] for c in children)
            if total > MAX_YAML_NODES:
                raise InputError(f"YAML that expands to more than {MAX_YAML_NODES:,} values (aliases of aliases); "
                                 "a plan has no need of aliases", source=name, line=node.start_mark.line + 1)
            size[key] = total
            continue
        if key in size:
            continue
        if depth_of[key] > MAX_NESTING:
            raise InputError(f"YAML nested more than {MAX_NESTING} levels deep; a plan needs three",
                             source=name, line=node.start_mark.line + 1)
        on_path.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in on_path:
                raise InputError("YAML with an alias inside itself (a recursive structure); expected a list of tasks",
                                 source=name, line=child.start_mark.line + 1)
            if id(child) not in size:
                depth_of[id(child)] = depth_of[key] + 1
                stack.append((child, False))


def _yaml_children(node: Any, yaml: Any) -> list[Any]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def bounded_rows(rows: Iterable[Iterable[Any]], name: str, *, what: str = "table") -> Iterator[list[Any]]:
    """Rows of a sheet or CSV file, each cut to :data:`MAX_COLUMNS`; too many rows or cells is an InputError.

    Counting uses ``list.count`` (C speed), so a sheet that claims a million
    empty rows is walked in seconds, not minutes.
    """
    cells = 0
    for number, row in enumerate(rows, start=1):
        if number > MAX_ROWS:
            raise InputError(f"the {what} has more than {MAX_ROWS:,} rows", source=name)
        values = list(row)
        if len(values) > MAX_COLUMNS:
            extra = values[MAX_COLUMNS:]
            if extra.count(None) + extra.count("") != len(extra):
                raise InputError(f"the {what} has text past column {MAX_COLUMNS}; expected a table of a few columns",
                                 source=name, line=number)
            del values[MAX_COLUMNS:]
        cells += len(values) - values.count(None) - values.count("")
        if cells > MAX_CELLS:
            raise InputError(f"the {what} has more than {MAX_CELLS:,} filled cells", source=name, line=number)
        yield values


def check_zip(source: bytes | str | os.PathLike[str], name: str, kind: str) -> None:
    """Refuse a .docx or .xlsx whose members unpack to more than :data:`MAX_UNZIPPED_BYTES` (a zip bomb).

    The sizes are the archive's own declarations, which :mod:`zipfile` enforces
    when it unpacks, so a lying archive fails there instead of growing.
    A file that is not a zip archive at all is left for the reader to report.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return
    if total > MAX_UNZIPPED_BYTES:
        raise InputError(f"a {kind} that unpacks to {total / 2**20:,.0f} MB (more than "
                         f"{MAX_UNZIPPED_BYTES // 2**20} MB); expected an ordinary document", source=name)


def check_html_depth(soup: Any, name: str | None) -> None:
    """Refuse a parsed HTML page whose elements nest deeper than :data:`MAX_HTML_NESTING`.

    html.parser builds any depth without complaint, but reducing 100,000
    nested ``<div>`` to text takes hours; one pass over the elements, without
    recursion, finds the depth.
    """
    depth: dict[int, int] = {id(soup): 0}
    for tag in soup.find_all(True):
        level = depth.get(id(tag.parent), 0) + 1
        if level > MAX_HTML_NESTING:
            raise InputError(f"HTML elements nested more than {MAX_HTML_NESTING} deep; expected an ordinary web page",
                             source=name, line=getattr(tag, "sourceline", None))
        depth[id(tag)] = level
