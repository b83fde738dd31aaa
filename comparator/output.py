"""The output folder: refuse one comparator did not write, one writer at a time, swap a finished brief in whole.

A brief folder carries a marker file naming the tool; only a folder with that marker (or an empty one) is ever
replaced. The brief is built in a scratch folder beside it, which also carries a marker with the owning process
id, so a later run can recognise and remove scratch left by a run that was killed.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import glob
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from comparator import tool_version
from comparator.errors import InputError, check_stopped

MARKER = ".comparator-brief"  # in every brief folder: "written by comparator <version>"
SCRATCH_MARKER = ".comparator-scratch"  # in every scratch folder: the pid of the run that owns it


@dataclass(frozen=True)
class OutputSettings:
    lock_wait_s: float = 30.0  # a second run into the same folder waits this long for the first, then gives up
    lock_poll_s: float = 0.2  # how often it looks again while waiting


SETTINGS = OutputSettings()
# Write failures that are the machine's state, not a bug: said in one line, like a bad input.
_PLACE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG}


def check_out(out: Path, inputs: list[Path]) -> Path:
    """Refuse an ``--out`` that comparator may not replace; return it resolved. Called before any work starts."""
    out = out.expanduser().resolve()
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a folder; choose another --out")
    for given in inputs:
        path = given.expanduser().resolve()
        if path == out or out in path.parents:
            raise InputError(f"{out}: holds the input {given}; choose an --out outside the articles' folder")
    if out.is_dir() and not (out / MARKER).is_file() and any(out.iterdir()):
        raise InputError(
            f"{out}: is not empty and was not written by comparator; choose a new or empty folder "
            "for --out (comparator never replaces files it did not write)"
        )
    return out


def default_out(inputs: list[Path], labels: list[str], root: Path = Path("reports")) -> Path:
    """``reports/<name>``: a single input folder gives its name, else the articles' labels."""
    if len(inputs) == 1 and inputs[0].is_dir():
        name = inputs[0].resolve().name
    else:
        name = "-vs-".join(labels[:3]) + (f"-and-{len(labels) - 3}-more" if len(labels) > 3 else "")
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60].strip("-")
    return root / (slug or "brief")


def write_atomically(out: Path, fill: Callable[[Path], None]) -> None:
    """Build the output in a scratch folder beside ``out`` and swap it in only when everything succeeded.

    ``out`` must have passed ``check_out``; it is checked again under the lock, since another run may have
    changed it meanwhile.
    """
    out = out.resolve()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise InputError(f"{out}: cannot write here (part of the path is a file)") from None
    except OSError as exc:
        raise InputError(f"{out}: cannot write here ({exc.strerror or exc})") from None
    with _lock(out):
        _remove_stale_scratch(out)
        check_out(out, [])
        scratch = _scratch(out, "tmp")
        staging = scratch / out.name
        old = None
        try:
            staging.mkdir()  # inside mkdtemp's private (0700) folder, so the brief gets the usual mode
            fill(staging)
            check_stopped()  # a stop some library swallowed still stops the run here, before anything is replaced
            (staging / MARKER).write_text(
                f"written by comparator {tool_version()}; replaced whole by the next brief\n", encoding="utf-8"
            )
            if out.exists():
                old = _scratch(out, "old")
                os.rename(out, old / out.name)
            os.rename(staging, out)
        except BaseException as exc:
            if old is not None and (old / out.name).exists() and not out.exists():
                os.rename(old / out.name, out)  # put the earlier brief back
            if isinstance(exc, OSError) and exc.errno in _PLACE_ERRORS:
                raise InputError(f"{out}: writing failed ({exc.strerror or exc}); nothing was replaced") from None
            raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)


def _scratch(out: Path, kind: str) -> Path:
    try:
        folder = Path(tempfile.mkdtemp(prefix=f".{out.name}.{kind}-", dir=out.parent))
        (folder / SCRATCH_MARKER).write_text(f"{os.getpid()}\n", encoding="ascii")
    except OSError as exc:
        raise InputError(f"{out}: cannot write here ({exc.strerror or exc})") from None
    return folder


def _remove_stale_scratch(out: Path) -> None:
    """Scratch of a run that no longer exists (killed before it could clean up) goes; nothing else is touched."""
    for folder in out.parent.glob(f".{glob.escape(out.name)}.*-*"):
        marker = folder / SCRATCH_MARKER
        if not folder.is_dir() or not marker.is_file():
            continue
        try:
            pid = int(marker.read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            continue
        if pid != os.getpid() and not _alive(pid):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def _lock(out: Path) -> Iterator[None]:
    """One writer per output folder: an advisory lock on a file beside it, removed again by its holder.

    A waiter may end up holding a lock on a file its holder has just removed; it then sees that the path
    names another file (or none) and tries again, so two runs never both hold the lock."""
    path = out.parent / f".{out.name}.lock"
    deadline = time.monotonic() + SETTINGS.lock_wait_s
    while True:
        try:
            handle = path.open("a")
        except OSError as exc:
            raise InputError(f"{out}: cannot write here ({exc.strerror or exc})") from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            if time.monotonic() >= deadline:
                raise InputError(
                    f"{out}: another comparator run is writing there; try again when it has "
                    f"finished (waited {SETTINGS.lock_wait_s:.0f} s)"
                ) from None
            time.sleep(SETTINGS.lock_poll_s)
            continue
        if _same_file(path, handle):
            break
        handle.close()  # the holder removed it between our open and our lock: take the new one
    try:
        yield
    finally:
        path.unlink(missing_ok=True)  # while still locked, so a waiter notices (see above)
        handle.close()


def _same_file(path: Path, handle) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino
    except FileNotFoundError:
        return False
