"""Output that neither destroys what -o names nor fails with a traceback (issue 14)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from qpr.cli import main
from qpr.errors import OutputError
from qpr.render import write_output
from tests.conftest import REPO


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def qpr_process(*argv: str, **kwargs) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "qpr", *argv], text=True, env=env, timeout=120, **kwargs)


def make_device(path: Path, major: int, minor: int) -> Path:
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(major, minor))
    except PermissionError:
        pytest.skip("making a device node needs root")
    return path


def test_a_full_device_is_written_through_and_reports_no_space_with_status_4(capsys, tmp_path):
    full = make_device(tmp_path / "full", 1, 7)  # what /dev/full is
    code, out, err = run(capsys, "duties", "-f", "csv", "-o", str(full))
    assert code == 4 and out == ""
    assert err == f"qpr: {full}: cannot write: No space left on device\n"
    assert stat.S_ISCHR(os.lstat(full).st_mode), "the device was replaced by a file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full"]


def test_a_null_device_stays_a_device(capsys, tmp_path):
    null = make_device(tmp_path / "null", 1, 3)  # what /dev/null is
    code, _, err = run(capsys, "duties", "-f", "csv", "-o", str(null))
    assert code == 0 and err == ""
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def test_a_fifo_is_written_through_to_its_reader(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_output(fifo, "第一条\n")
    reader.join(timeout=10)
    assert received == ["第一条\n".encode()]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_symlink_stays_a_link_and_its_target_gets_the_output(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real.name)
    write_output(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == "real.csv"
    assert real.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real.csv"]


def test_a_dangling_symlink_creates_the_file_it_points_at(tmp_path):
    link = tmp_path / "link.csv"
    link.symlink_to("made.csv")
    write_output(link, "x\n")
    assert link.is_symlink() and (tmp_path / "made.csv").read_text(encoding="utf-8") == "x\n"


def test_an_existing_files_mode_is_kept(tmp_path):
    private = tmp_path / "private.csv"
    private.write_text("old\n", encoding="utf-8")
    private.chmod(0o600)
    write_output(private, "new\n")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600 and private.read_text(encoding="utf-8") == "new\n"


def test_a_new_file_gets_the_mode_of_a_plain_open(tmp_path):
    mask = os.umask(0o022)
    try:
        write_output(tmp_path / "new.csv", "x\n")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o644


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing owners needs root")
def test_root_writing_over_a_users_file_leaves_it_theirs(tmp_path):
    theirs = tmp_path / "theirs.csv"
    theirs.write_text("old\n", encoding="utf-8")
    os.chown(theirs, 65534, 65534)
    write_output(theirs, "new\n")
    assert (theirs.stat().st_uid, theirs.stat().st_gid) == (65534, 65534)


def test_output_onto_the_input_is_refused_with_status_2_and_the_input_kept(capsys, tmp_path):
    from tests.conftest import TINY

    law = tmp_path / "law.md"
    law.write_text(TINY, encoding="utf-8")
    code, out, err = run(capsys, "duties", str(law), "-f", "csv", "-o", str(law))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "is the input file" in err and law.read_text(encoding="utf-8") == TINY


@pytest.mark.parametrize("spelling", ["symlink", "other-path", "in-folder"])
def test_any_spelling_of_an_input_as_output_is_refused(capsys, tmp_path, spelling):
    from tests.conftest import TINY

    folder = tmp_path / "laws"
    folder.mkdir()
    law = folder / "law.md"
    law.write_text(TINY, encoding="utf-8")
    (folder / "other.md").write_text(TINY, encoding="utf-8")
    given, out = str(law), str(law)
    if spelling == "symlink":
        (tmp_path / "link.md").symlink_to(law)
        out = str(tmp_path / "link.md")
    elif spelling == "other-path":
        out = str(tmp_path / "laws" / ".." / "laws" / "law.md")
    else:
        given = str(folder)
    code, _, err = run(capsys, "duties", given, "-f", "csv", "-o", out)
    assert code == 2 and "is the input file" in err
    assert law.read_text(encoding="utf-8") == TINY


def test_a_plan_or_regulation_as_coverage_output_is_refused(capsys, tmp_path):
    plan = tmp_path / "plan.csv"
    code, _, _ = run(capsys, "plan", "template", "-o", str(plan))
    assert code == 0
    before = plan.read_bytes()
    code, _, err = run(capsys, "coverage", str(plan), "-f", "csv", "-o", str(plan))
    assert code == 2 and "is the input file" in err and plan.read_bytes() == before


def test_plot_and_output_on_one_path_is_refused(capsys, tmp_path):
    code, _, err = run(capsys, "matrix", "--plot", str(tmp_path / "m.png"), "-o", str(tmp_path / "m.png"))
    assert code == 2 and "both name" in err and list(tmp_path.iterdir()) == []


@pytest.fixture
def read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    immutable = False
    if os.geteuid() == 0:  # root ignores permissions: make the folder immutable instead
        immutable = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
        if not immutable:
            pytest.skip("cannot make a folder read-only for root here (no chattr)")
    yield folder
    if immutable:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    folder.chmod(0o755)


def test_output_into_a_read_only_folder_is_one_line_and_status_4(capsys, read_only_folder):
    code, _, err = run(capsys, "duties", "-f", "csv", "-o", str(read_only_folder / "d.csv"))
    assert code == 4 and err.count("\n") == 1
    assert err.startswith(f"qpr: {read_only_folder / 'd.csv'}: cannot write: ")
    assert list(read_only_folder.iterdir()) == []


def test_a_folder_as_output_is_status_4(capsys, tmp_path):
    code, _, err = run(capsys, "articles", "-o", str(tmp_path))
    assert code == 4 and err == f"qpr: {tmp_path}: cannot write: it is a folder, not a file\n"


def test_write_output_raises_output_error_an_os_error_too(tmp_path):
    with pytest.raises(OutputError) as caught:
        write_output(tmp_path / "missing" / "x.csv", "x")
    assert isinstance(caught.value, OSError) and caught.value.exit_status == 4


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_standard_output_on_a_full_disk_is_one_line_and_status_4():
    with open("/dev/full", "w") as full:
        done = qpr_process("duties", stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 4
    assert done.stderr == "qpr: <stdout>: cannot write: No space left on device\n"


def test_a_closed_pipe_ends_quietly_with_status_4():
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    # The JSON of every duty is larger than a pipe's buffer, so the write meets the closed end.
    proc = subprocess.Popen([sys.executable, "-m", "qpr", "duties", "-f", "json"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 4 and err == b""


def test_a_closed_standard_output_is_one_line_and_status_4():
    done = qpr_process("articles", stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    assert done.returncode == 4
    assert done.stderr == "qpr: <stdout>: cannot write: standard output is closed\n"


def test_an_interrupt_mid_write_leaves_no_partial_file(tmp_path, monkeypatch):
    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_output(tmp_path / "d.csv", "x\n")
    assert list(tmp_path.iterdir()) == []


def test_every_argument_that_names_an_input_file_is_checked_against_the_output():
    """A new command's FILE, PLAN, TABLE, OLD or NEW must be among the inputs -o may not overwrite."""
    import argparse

    from qpr.cli import build_parser
    from qpr.cli._common import INPUT_ARGS

    def walk(parser: argparse.ArgumentParser):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    yield from walk(sub)
            else:
                yield parser.prog, action

    unchecked = [(prog, action.dest) for prog, action in walk(build_parser())
                 if action.metavar in ("FILE", "PLAN", "TABLE", "OLD", "NEW") and action.dest not in INPUT_ARGS]
    assert unchecked == []


def test_a_diff_onto_its_old_version_is_refused(capsys, tmp_path):
    from tests.conftest import TINY

    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(TINY, encoding="utf-8")
    new.write_text(TINY.replace("加强领导", "加强组织领导"), encoding="utf-8")
    code, _, err = run(capsys, "diff", str(old), str(new), "-o", str(old))
    assert code == 2 and "is the input file" in err and old.read_text(encoding="utf-8") == TINY
