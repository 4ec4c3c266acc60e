"""Reading text into the regulation model.

:func:`read_regulation` is the single entry point: whatever the input (a path,
bytes, a str, a file object; text, Markdown, HTML or Word; UTF-8 or
GB18030), the same structural reader builds the same model.
"""

from __future__ import annotations

import io
import os
from functools import cache
from importlib.resources import files

from qpr.errors import NoArticlesError, ParseError
from qpr.model import Regulation
from qpr.reading.metadata import read_metadata
from qpr.reading.script import is_traditional, to_simplified
from qpr.reading.source import SourceText, read_source
from qpr.reading.structure import read_structure

__all__ = ["BUILTIN_NAME", "builtin_regulation", "builtin_source", "parse_source", "read_regulation"]

#: The package data file holding the built-in regulation (the seed page, as published).
BUILTIN_NAME = "sichuan-quality-promotion-draft-2020.txt"

Source = str | os.PathLike[str] | bytes | io.IOBase


def read_regulation(source: Source, *, name: str | None = None, format: str | None = None,
                    strict: bool = False) -> Regulation:
    """Read a regulation from a path, bytes or a binary file object."""
    return parse_source(read_source(source, name=name, format=format), strict=strict)


def parse_source(src: SourceText, *, strict: bool = False) -> Regulation:
    text = src.text
    structure = read_structure(text)
    if not structure.articles:
        raise NoArticlesError("no articles found: expected lines that start with 第一条, 第二条, …", source=src.name)
    if strict and structure.problems:
        p = structure.problems[0]
        raise ParseError(p.message, source=src.name, line=p.line, article=p.article, text=p.text)
    header = text[: structure.body.start]
    # Only the header part right before the body describes it (a notice page also lists other attachments).
    title_line = structure.regulation_title_line
    attachment_title = None
    if title_line is not None and title_line.match is not None:
        attachment_title = text[title_line.match.end():title_line.content_end].strip() or None
    fallback = os.path.splitext(os.path.basename(src.name))[0] if src.name and not src.name.startswith("<") else "(untitled)"
    meta = read_metadata(header, structure.body.slice(text), attachment_title=attachment_title, fallback_title=fallback)
    traditional = is_traditional(text)
    return Regulation(
        title=meta.title,
        text=text,
        body=structure.body,
        articles=tuple(structure.articles),
        headings=tuple(structure.headings),
        parts=tuple(structure.parts),
        problems=tuple(structure.problems),
        issuer=meta.issuer,
        document_number=meta.document_number,
        published=meta.published,
        adopted=meta.adopted,
        effective=meta.effective,
        comment_deadline=meta.comment_deadline,
        comment_email=meta.comment_email,
        comment_postal_address=meta.comment_postal_address,
        comment_fax=meta.comment_fax,
        contacts=meta.contacts,
        status=meta.status,
        source=src.name,
        format=src.format,
        encoding=src.encoding,
        script="traditional" if traditional else "simplified",
        simplified=to_simplified(text) if traditional else None,
    )


def builtin_source() -> bytes:
    """The bytes of the built-in regulation's page, exactly as shipped."""
    return files("qpr.data").joinpath(BUILTIN_NAME).read_bytes()


@cache
def builtin_regulation() -> Regulation:
    """The 2020 draft 《四川省质量促进条例(征求意见稿)》, read once and cached (it is immutable)."""
    return read_regulation(builtin_source(), name=f"qpr:{BUILTIN_NAME}", format="text")
