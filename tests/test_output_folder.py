"""The output folder: comparator never deletes or changes a file it did not write, whatever --out is given,
however a run ends, and however many runs write at once."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

import comparator.output
from comparator.cli import main
from comparator.errors import InputError, Interrupted, stops_unwind
from comparator.output import MARKER, SCRATCH_MARKER, check_out, default_out, write_atomically
from tests.helpers import ROOT, SEED_FILES


def _tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by relative path, with its content's hash."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _users_folder(tmp_path: Path) -> Path:
    """An analyst's folder: two articles, a Word file beside them and a subfolder with notes."""
    folder = tmp_path / "arts"
    (folder / "notes").mkdir(parents=True)
    for seed in SEED_FILES:
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "draft.docx").write_bytes(b"PK\x03\x04 not really a docx")
    (folder / "notes" / "todo.txt").write_text("call the desk\n", encoding="utf-8")
    return folder


def _refusal(args: list[str], *needles: str) -> str:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("comparator: error: "), result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def test_the_inputs_folder_as_out_is_refused_and_left_alone(tmp_path):
    folder = _users_folder(tmp_path)
    before = _tree(folder)
    files = [str(folder / s.name) for s in SEED_FILES]
    _refusal(["brief", *files, "--out", str(folder)], "holds the input", "outside the articles' folder")
    _refusal(["brief", str(folder), "--out", str(folder)], "holds the input")
    _refusal(["brief", *files, "--out", str(tmp_path)], "holds the input")  # a parent of the inputs
    assert _tree(folder) == before


def test_a_users_non_empty_folder_is_refused_and_left_alone(tmp_path):
    folder = _users_folder(tmp_path)
    before = _tree(folder)
    _refusal(
        ["brief", *map(str, SEED_FILES), "--out", str(folder / "notes")], "not empty", "was not written by comparator"
    )
    assert _tree(folder) == before


def test_an_empty_folder_or_one_comparator_wrote_is_accepted(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert check_out(empty, list(SEED_FILES)) == empty.resolve()
    ours = tmp_path / "ours"
    ours.mkdir()
    (ours / MARKER).write_text("written by comparator", encoding="utf-8")
    (ours / "brief.html").write_text("old", encoding="utf-8")
    assert check_out(ours, list(SEED_FILES)) == ours.resolve()


def test_default_out_is_named_for_the_articles_never_the_seeds(tmp_path):
    assert default_out([ROOT / "seeds"], ["38 North", "The Diplomat"]) == Path("reports/seeds")
    assert default_out(list(SEED_FILES), ["38 North", "The Diplomat"]) == Path("reports/38-north-vs-the-diplomat")
    many = default_out([tmp_path / f"{i}.txt" for i in range(5)], ["A", "B", "C", "D", "E"])
    assert many == Path("reports/a-vs-b-vs-c-and-2-more")


def test_users_files_go_to_their_own_folder_not_the_seeds_brief(tmp_path, monkeypatch):
    folder = _users_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["brief", *(str(folder / s.name) for s in SEED_FILES), "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("wrote reports/38-north-vs-fuchs-bard/ (brief.html, ")
    built = tmp_path / "reports" / "38-north-vs-fuchs-bard"  # no sidecar: named by its authors
    assert (built / MARKER).is_file() and (built / "brief.html").is_file()
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["38-north-vs-fuchs-bard"]


def test_a_read_only_place_is_one_line_and_nothing_changes(tmp_path, monkeypatch):
    out = tmp_path / "brief"

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(comparator.output.tempfile, "mkdtemp", refuse)
    with pytest.raises(InputError, match=r"brief: cannot write here \(Permission denied\)"):
        write_atomically(out, lambda folder: None)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_full_disk_is_one_line_and_the_earlier_brief_stays(tmp_path):
    out = tmp_path / "brief"
    write_atomically(out, lambda folder: (folder / "brief.html").write_text("earlier", encoding="utf-8"))
    before = _tree(out)

    def fill(folder: Path) -> None:
        (folder / "tables").mkdir()
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(InputError, match=r"brief: writing failed \(No space left on device\); nothing was "):
        write_atomically(out, fill)
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief"]


def test_a_second_writer_waits_for_the_first(tmp_path):
    out = tmp_path / "brief"
    order = []

    def slow(folder: Path) -> None:
        order.append("first starts")
        time.sleep(0.6)
        (folder / "brief.html").write_text("first", encoding="utf-8")
        order.append("first ends")

    def second(folder: Path) -> None:
        order.append("second starts")
        (folder / "brief.html").write_text("second", encoding="utf-8")

    writer = threading.Thread(target=write_atomically, args=(out, slow))
    writer.start()
    while not order:
        time.sleep(0.01)
    write_atomically(out, second)
    writer.join()
    assert order == ["first starts", "first ends", "second starts"]
    assert (out / "brief.html").read_text(encoding="utf-8") == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief"]  # no lock file, no scratch


def test_a_second_writer_gives_up_after_a_bounded_wait(tmp_path, monkeypatch):
    out = tmp_path / "brief"
    monkeypatch.setattr(comparator.output, "SETTINGS", replace(comparator.output.SETTINGS, lock_wait_s=0.3))
    with (tmp_path / ".brief.lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as another run holds it
        started = time.monotonic()
        with pytest.raises(InputError, match="another comparator run is writing there"):
            write_atomically(out, lambda folder: None)
        assert time.monotonic() - started < 5
    assert not out.exists()


def test_stale_scratch_of_a_killed_run_is_removed_and_nothing_else(tmp_path):
    out = tmp_path / "brief"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    stale = tmp_path / ".brief.tmp-abc123"
    (stale / "brief").mkdir(parents=True)
    (stale / SCRATCH_MARKER).write_text(dead.stdout, encoding="ascii")
    lookalike = tmp_path / ".brief.tmp-users-own"  # same name pattern, but not ours: no marker
    lookalike.mkdir()
    (lookalike / "keep.txt").write_text("mine", encoding="utf-8")
    write_atomically(out, lambda folder: (folder / "brief.html").write_text("x", encoding="utf-8"))
    assert sorted(p.name for p in tmp_path.iterdir()) == [".brief.tmp-users-own", "brief"]
    assert (lookalike / "keep.txt").read_text(encoding="utf-8") == "mine"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.slow
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)], ids=["TERM", "INT"])
def test_a_stopped_run_leaves_nothing_and_no_process(tmp_path, sig, code):
    out = tmp_path / "brief"
    proc = subprocess.Popen(
        [sys.executable, "-m", "comparator", "brief", *map(str, SEED_FILES), "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    children: list[int] = []
    while time.monotonic() < deadline and not list(tmp_path.glob(".brief.tmp-*")):
        children = children or _children(proc.pid)
        time.sleep(0.02)
    assert list(tmp_path.glob(".brief.tmp-*")), "the run never started writing"
    children = children or _children(proc.pid)
    assert children, "the helper processes were never seen"
    time.sleep(0.3)  # well into the build
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, stderr
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1] == (
        "comparator: stopped; nothing was written and any earlier output is untouched"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    deadline = time.monotonic() + 10  # the helpers are killed; on a busy machine the kernel may take a moment
    while time.monotonic() < deadline and any(_running(child) for child in children):
        time.sleep(0.05)
    assert not [child for child in children if _running(child)]


def test_a_stop_a_library_swallowed_still_stops_before_anything_is_replaced(tmp_path):
    """CPython can lose an exception raised by the signal handler while a C extension imports (seen with
    ``_elementtree`` during a real run): the run went on and wrote its brief with exit code 0. The stop is
    remembered, so the brief is not put in place."""
    out = tmp_path / "brief"
    out.mkdir()
    (out / MARKER).write_text("an earlier brief\n", encoding="utf-8")
    (out / "brief.html").write_text("earlier", encoding="utf-8")
    before = _tree(out)

    def fill(staging: Path) -> None:
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)  # the handler runs here
        except Interrupted:
            pass  # what the lost exception amounts to
        (staging / "brief.html").write_text("new", encoding="utf-8")

    with pytest.raises(Interrupted) as stopped, stops_unwind():
        write_atomically(out, fill)
    assert stopped.value.exit_code == 130
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
def test_two_concurrent_runs_into_one_folder_both_finish_whole(tmp_path):
    out = tmp_path / "brief"
    cmd = [sys.executable, "-m", "comparator", "brief", *map(str, SEED_FILES), "--out", str(out), "--no-pdf"]
    runs = [
        subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)
    ]
    results = [r.communicate(timeout=120) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], results
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief"]
    assert (out / MARKER).is_file() and (out / "tables" / "sentences.csv").is_file()
    os.remove(out / MARKER)  # and now it is the user's: the next run refuses it
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 2 and "was not written by comparator" in result.stderr
