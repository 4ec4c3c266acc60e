"""Every bad-input case qpr is documented to handle, and the table in docs/bad-input.md made by running them.

    PYTHONPATH=. python3 -m tests.bad_input_cases          # rewrite docs/bad-input.md
    PYTHONPATH=. python3 -m tests.bad_input_cases --check  # say which rows differ from what qpr does now

Each case makes its files in an empty folder, runs ``python -m qpr`` there as
a user would (file names relative, so messages do not depend on the folder)
and records the exit status and everything written to standard error.
``tests/test_bad_input_doc.py`` runs a few of them and checks them against
the table.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import attrs

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "bad-input.md"

SAMPLE = "示范条例\n\n第一条 为了规范管理，制定本条例。\n\n第二条 县级以上人民政府应当加强领导。\n"


@attrs.frozen
class Case:
    name: str
    command: str  # as shown in the table; run split on spaces
    make: Callable[[Path], None] = lambda folder: None
    stdout: str = "pipe"  # "pipe", "full" (/dev/full), "closed" (fd 1 closed), "closed-pipe", "devnull"
    signal: int | None = None  # sent to qpr once its workers run
    needs_root: bool = False
    note: str = ""


@attrs.frozen
class Outcome:
    status: int
    message: str  # standard error, lines joined with " / "; "(nothing)" when empty


def _write(name: str, data: str | bytes) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return make


def _both(*makers: Callable[[Path], None]) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        for m in makers:
            m(folder)
    return make


def _device(name: str, minor: int) -> Callable[[Path], None]:
    return lambda folder: os.mknod(folder / name, stat.S_IFCHR | 0o666, os.makedev(1, minor))


def _read_only(folder: Path) -> None:
    (folder / "ro").mkdir()
    (folder / "ro").chmod(0o555)
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder / "ro")], check=True)


def _symlink(folder: Path) -> None:
    (folder / "real.csv").write_text("old\n", encoding="utf-8")
    (folder / "link.csv").symlink_to("real.csv")


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipe")
    threading.Thread(target=lambda: (folder / "pipe").read_bytes(), daemon=True).start()


def _many(folder: Path) -> None:
    from qpr.reading import builtin_source

    data = builtin_source()
    (folder / "laws").mkdir()
    for i in range(120):
        (folder / "laws" / f"{i:03d}.txt").write_bytes(data)


def _zip_bomb(folder: Path) -> None:
    with zipfile.ZipFile(folder / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * 2**20
            for _ in range(600):  # 600 MB of spaces: about 0.6 MB packed
                member.write(chunk)


def _junk_docx() -> bytes:
    return b"PK\x03\x04" + bytes(random.Random(1).randrange(256) for _ in range(2000))


def _zip_archive() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return out.getvalue()


BILLION_LAUGHS = "".join(
    [f'a: &a [{",".join(["lol"] * 9)}]\n']
    + [f"{b}: &{b} [{','.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi")]
    + ["tasks: [{条款: 第二条, 牵头单位: *i}]\n"]
)

CASES = [
    Case("missing file", "qpr articles missing.md"),
    Case("empty file", "qpr articles empty.md", _write("empty.md", "")),
    Case("binary file", "qpr articles photo.bin",
         _write("photo.bin", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(random.Random(2).randrange(256) for _ in range(3000)))),
    Case("PDF", "qpr articles law.pdf", _write("law.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")),
    Case("GBK text", "qpr articles gbk.txt", _write("gbk.txt", SAMPLE.encode("gbk")), stdout="devnull",
         note="read as GB18030"),
    Case("UTF-16 without a BOM", "qpr articles utf16.txt", _write("utf16.txt", SAMPLE.encode("utf-16-le")),
         stdout="devnull", note="read as UTF-16"),
    Case("a damaged .docx", "qpr articles junk.docx", _write("junk.docx", _junk_docx())),
    Case("a zip that is not a .docx", "qpr articles notes.zip", _write("notes.zip", _zip_archive())),
    Case("a .docx that unpacks to 600 MB", "qpr articles bomb.docx", _zip_bomb),
    Case("HTML nested 100,000 deep", "qpr articles deep.html",
         _write("deep.html", "<html><body>" + "<div>" * 100_000 + "第一条 应当。" + "</div>" * 100_000 + "</body></html>")),
    Case("a text with no articles", "qpr articles notes.md", _write("notes.md", "# Notes\n\nNothing legal here.\n")),
    Case("a numbering problem, --strict", "qpr articles gap.md --strict",
         _write("gap.md", "第一条 甲。\n\n第三条 乙。\n")),
    Case("missing folder", "qpr duties nofolder/ nofolder2/"),
    Case("a folder with no regulations", "qpr duties pictures/", _write("pictures/a.png", b"\x89PNG")),
    Case("-o is the input file", "qpr duties law.md -f csv -o law.md", _write("law.md", SAMPLE)),
    Case("-o into a missing folder", "qpr articles -o no/such/a.txt"),
    Case("-o onto a folder", "qpr articles -o out/", lambda folder: (folder / "out").mkdir()),
    Case("-o into a read-only folder", "qpr duties -f csv -o ro/d.csv", _read_only,
         note="root: a folder made immutable (chattr +i)"),
    Case("-o on a full disk (a device like /dev/full)", "qpr duties -f csv -o full", _device("full", 7),
         needs_root=True),
    Case("-o on a device like /dev/null", "qpr duties -f csv -o null", _device("null", 3), needs_root=True,
         note="written through: the device stays a device"),
    Case("-o on a FIFO", "qpr duties -f csv -o pipe", _fifo, note="written through to its reader"),
    Case("-o on a symlink", "qpr duties -f csv -o link.csv", _symlink, note="the target is written, the link kept"),
    Case("standard output on a full disk", "qpr duties > /dev/full", stdout="full"),
    Case("standard output closed", "qpr duties >&-", stdout="closed"),
    Case("the reader of standard output stops", "qpr duties -f json | head -c 0", stdout="closed-pipe",
         note="quiet, as Unix tools are"),
    Case("a JSON plan nested 100,000 deep", "qpr coverage deep.json",
         _write("deep.json", "[" * 100_000 + "]" * 100_000)),
    Case("a YAML plan that is a billion laughs (389 bytes)", "qpr coverage bomb.yaml",
         _write("bomb.yaml", BILLION_LAUGHS)),
    Case("a YAML plan with a recursive alias", "qpr coverage loop.yaml", _write("loop.yaml", "a: &a [*a]\ntasks: *a\n")),
    Case("a damaged .xlsx plan", "qpr coverage plan.xlsx", _write("plan.xlsx", _junk_docx())),
    Case("a plan with no header row", "qpr coverage plan.csv", _write("plan.csv", "a,b\n1,2\n")),
    Case("a plan whose cells are formulas", "qpr coverage formula.csv -f csv",
         _write("formula.csv", "条款,牵头单位\n第四条,@SUM(1)\n"), stdout="devnull",
         note="written, each such field as '@SUM(1) (OWASP)"),
    Case("Ctrl-C (SIGINT) during a folder run", "qpr duties laws/ --jobs 2 -o d.csv", _many,
         signal=signal.SIGINT, note="workers end too; nothing written"),
    Case("SIGTERM (kill, timeout) during a folder run", "qpr duties laws/ --jobs 2 -o d.csv", _many,
         signal=signal.SIGTERM, note="workers end too; nothing written"),
]


def run(case: Case, folder: Path) -> Outcome:
    """Make the case's files in ``folder`` (empty) and run its command there."""
    case.make(folder)
    argv = [a for a in case.command.split() if a not in (">", "/dev/full", ">&-", "|", "head", "-c", "0")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    cmd = [sys.executable, "-m", "qpr", *argv[1:]]
    try:
        if case.stdout == "closed-pipe":
            proc = subprocess.Popen(cmd, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            proc.stdout.close()
            _, err = proc.communicate(timeout=300)
            return _outcome(proc.returncode, err)
        stdout: object = subprocess.DEVNULL if case.stdout == "devnull" else subprocess.PIPE
        full = open("/dev/full", "wb") if case.stdout == "full" else None
        try:
            proc = subprocess.Popen(cmd, cwd=folder, env=env, stdout=full or stdout, stderr=subprocess.PIPE,
                                    preexec_fn=(lambda: os.close(1)) if case.stdout == "closed" else None)
            if case.signal is not None:
                _wait_for_workers(proc.pid)
                proc.send_signal(case.signal)
            _, err = proc.communicate(timeout=300)
        finally:
            if full:
                full.close()
        return _outcome(proc.returncode, err)
    finally:
        if (folder / "ro").exists() and os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder / "ro")], check=False)


def _wait_for_workers(pid: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        kids = [e for e in Path("/proc").iterdir() if e.name.isdigit() and _ppid(e) == pid]
        if len(kids) >= 2:
            return
        time.sleep(0.05)


def _ppid(entry: Path) -> int | None:
    try:
        return int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _outcome(status: int, err: bytes) -> Outcome:
    lines = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
    return Outcome(status, " / ".join(lines) if lines else "(nothing)")


def run_in_temp(case: Case) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="qpr-bad-input-") as tmp:
        return run(case, Path(tmp))


def table_rows(text: str) -> dict[str, tuple[str, int, str]]:
    """The rows of docs/bad-input.md: case name -> (command, status, message)."""
    rows = {}
    for line in text.splitlines():
        if not line.startswith("| ") or line.startswith(("| case ", "| ---")):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        name, command, status, message = cells[0], cells[1].strip("`").replace("\\|", "|"), int(cells[2]), cells[3]
        rows[name] = (command, status, _unquote(message))
    return rows


def _quote(message: str) -> str:
    return "`" + message.replace("|", "\\|").replace("`", "'") + "`" if message != "(nothing)" else "(nothing)"


def _unquote(cell: str) -> str:
    return cell.strip("`").replace("\\|", "|") if cell != "(nothing)" else cell


HEADER = """\
# What qpr does with bad input

Every case below was run as written (`PYTHONPATH=. python3 -m tests.bad_input_cases` makes this file;
`tests/test_bad_input_doc.py` checks a few rows against what qpr does now). Statuses are those of the
README's exit-status table: 0 done, 2 a wrong command line, 3 an input that cannot be read, 4 an
output that cannot be written, 130 interrupted, 143 terminated. The message is everything qpr wrote to
standard error (lines joined with ` / `); none of them is a traceback, and where the status is not 0
no output file is left behind, whole or partial.

| case | command | status | message | note |
| --- | --- | --- | --- | --- |
"""


def render(outcomes: list[tuple[Case, Outcome | None]]) -> str:
    lines = []
    for case, outcome in outcomes:
        if outcome is None:
            continue
        command = case.command.replace("|", "\\|")
        lines.append(f"| {case.name} | `{command}` | {outcome.status} | {_quote(outcome.message)} | {case.note} |")
    return HEADER + "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description="write docs/bad-input.md by running every case")
    parser.add_argument("--check", action="store_true", help="compare with the file instead of writing it")
    args = parser.parse_args()
    root = os.geteuid() == 0
    outcomes = [(case, run_in_temp(case) if root or not case.needs_root else None) for case in CASES]
    text = render(outcomes)
    if args.check:
        documented = table_rows(DOC.read_text(encoding="utf-8"))
        wrong = [c.name for c, o in outcomes if o is not None and documented.get(c.name)
                 != (c.command, o.status, o.message)]
        print("\n".join(wrong) or "docs/bad-input.md matches")
        return 1 if wrong else 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
