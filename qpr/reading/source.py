"""From whatever the user has (a path, bytes, a str, stdin) to one decoded text.

Encodings are detected, not assumed: UTF-8 (with or without BOM) and UTF-16
with a BOM are recognised directly, UTF-16 without one by charset-normalizer
(its NUL bytes would otherwise read as binary data), anything else goes to charset-normalizer,
which tells GB18030/GBK from Big5 and friends. HTML pages and Word files are
reduced to their text, one block (paragraph, table row) a line, so the same
structural reader handles every format.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import attrs

from qpr.errors import InputError

__all__ = ["SourceText", "decode", "read_file_bytes", "read_source"]

FORMATS = ("text", "markdown", "html", "docx")

_SUFFIX_FORMAT = {
    ".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx",
}


@attrs.frozen(slots=True)
class SourceText:
    text: str
    name: str | None
    format: str
    encoding: str


def read_source(source: str | os.PathLike[str] | bytes | io.IOBase, *, name: str | None = None,
                format: str | None = None) -> SourceText:
    """Read ``source`` (a path, raw bytes or a binary/text file object) into text."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        name = name or str(path)
        data = read_file_bytes(path, name, "a regulation file")
        format = format or _SUFFIX_FORMAT.get(path.suffix.lower())
    elif isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif hasattr(source, "read"):
        data = source.read()
        if isinstance(data, str):
            return _from_text(data, name=name, format=format)
        name = name or getattr(source, "name", None)
        if not isinstance(name, str):
            name = None
    else:
        raise TypeError(f"cannot read a regulation from {type(source).__name__}")
    return _from_bytes(data, name=name or "<bytes>", format=format)


def read_file_bytes(path: Path, name: str, expected: str) -> bytes:
    """The bytes of ``path``, or an :class:`InputError` naming it and what was ``expected``."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such file; expected {expected}", source=name) from None
    except IsADirectoryError:
        raise InputError(f"is a folder; expected {expected}", source=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=name) from None


def _from_bytes(data: bytes, *, name: str, format: str | None) -> SourceText:
    if not data.strip():
        raise InputError("the file is empty; expected the text of a regulation", source=name)
    if format == "docx" or (format is None and data[:4] == b"PK\x03\x04" and _is_docx(data)):
        return SourceText(_docx_text(data, name), name, "docx", "docx")
    if data[:4] == b"PK\x03\x04" or data[:5] == b"%PDF-":
        kind = "a PDF" if data[:5] == b"%PDF-" else "a zip archive that is not a Word .docx file"
        raise InputError(f"{kind}; expected text, Markdown, HTML or .docx", source=name)
    text, encoding = decode(data, name=name)
    return _from_text(text, name=name, format=format, encoding=encoding)


def _is_docx(data: bytes) -> bool:
    """Whether a zip archive holds a Word document (else it is some other archive); a damaged one counts."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return True  # let the Word reader say what is wrong with it


def _from_text(text: str, *, name: str | None, format: str | None, encoding: str = "utf-8") -> SourceText:
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError("the text is empty; expected the text of a regulation", source=name)
    fmt = format or sniff_format(text)
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}", source=name)
    if fmt == "html":
        text = html_text(text, name=name)
    return SourceText(text, name, fmt, encoding)


def decode(data: bytes, *, name: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data``, returning the text and the encoding found."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    head = data[:8192]
    if b"\x00" in head:
        wide = _wide_text(data)  # UTF-16 (or 32) without a BOM has NULs in every ASCII character
        if wide is None:
            raise InputError("binary data (NUL bytes); expected the text of a regulation", source=name)
        return wide
    try:
        return data.decode("utf-8-sig"), ("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    text, encoding = _detect(data)
    if text is None:
        line = data[: utf8_error.start].count(b"\n") + 1
        raise InputError("cannot decode the text: it is not UTF-8 and no other encoding fits",
                         source=name, line=line)
    if _looks_binary(text):
        raise InputError("binary data; expected the text of a regulation", source=name)
    return text, encoding


def _wide_text(data: bytes) -> tuple[str, str] | None:
    """Text in UTF-16 or UTF-32 with no BOM, as charset-normalizer recognises it; None for binary data."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, steps=5, chunk_size=512).best()
    if best is None or not best.encoding.startswith(("utf_16", "utf_32")):
        return None
    try:
        text = data.decode(best.encoding)
    except UnicodeDecodeError:
        return None
    if _looks_binary(text) or not any(c in _LEGAL_CHARS for c in text[:5000]):
        return None
    return text, best.encoding.replace("_", "-")


# Characters that fill any Chinese legal text; the candidate decoding with most of them wins.
_LEGAL_CHARS = frozenset("第条條的应應当當人民政府部门門国國家法规規本和或者在不得可以县縣级級以上管理。，；、：（）")


def _detect(data: bytes) -> tuple[str | None, str]:
    """Try charset-normalizer's candidates plus the Chinese encodings; keep the most Chinese-legal reading.

    charset-normalizer alone guesses poorly on short texts (a two-line GB18030
    file comes back as UTF-16 or CP949); scoring each strict decoding by how
    much of it is ordinary legal vocabulary settles it.
    """
    from charset_normalizer import from_bytes

    candidates = [m.encoding for m in from_bytes(data, steps=5, chunk_size=512)]
    for extra in ("gb18030", "big5"):
        if extra not in candidates:
            candidates.append(extra)
    best: tuple[float, str, str] | None = None
    for encoding in candidates:
        if encoding in ("gb2312", "gbk", "hz"):
            # Subsets of GB18030: decode with the superset so rarer characters survive.
            encoding = "gb18030"
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        score = sum(1 for c in text[:5000] if c in _LEGAL_CHARS) / max(len(text[:5000]), 1)
        if best is None or score > best[0]:
            best = (score, text, encoding)
    if best is None:
        return None, ""
    return best[1], best[2]


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\r\n\t\f\v")
    return controls > max(8, len(sample) // 100)


_HTML_HINT = re.compile(r"<(?:!doctype\s+html|html|body|p|div|br|table)\b", re.IGNORECASE)


def sniff_format(text: str) -> str:
    head = text[:4096]
    if _HTML_HINT.search(head) and head.lstrip().startswith("<"):
        return "html"
    if "<!-- INFO END -->" in text[:20000] or re.search(r"(?m)^#{1,6} \S", head):
        return "markdown"
    return "text"


_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table",
               "section", "article", "blockquote", "pre", "ul", "ol", "dd", "dt", "hr")


def html_text(html: str, *, name: str | None = None) -> str:
    """The visible text of an HTML page, a line per block element."""
    from bs4 import BeautifulSoup

    from qpr.reading.limits import check_html_depth

    soup = BeautifulSoup(html, "html.parser")
    check_html_depth(soup, name)  # appending to nested tags below costs depth squared
    for tag in soup(["script", "style", "noscript", "head"]):
        tag.decompose()
    for cell in soup.find_all(["td", "th"]):
        cell.append("\t")
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.append("\n")
    text = soup.get_text()
    # Collapse runs of blank lines that block nesting creates; keep one.
    lines = [line.rstrip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1].strip()):
            out.append(line)
    return "\n".join(out).strip("\n") + "\n"


def _docx_text(data: bytes, name: str) -> str:
    """The paragraphs and table rows of a .docx, in document order, a line each."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from qpr.reading.limits import check_zip

    check_zip(data, name, "Word .docx file")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a damaged package
        raise InputError(f"not a readable Word .docx file ({exc.__class__.__name__}: {exc})", source=name) from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = cell.text.replace("\n", " ").strip()
                    # Merged cells repeat across the row; keep one copy.
                    if not cells or cells[-1] != value:
                        cells.append(value)
                lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"
