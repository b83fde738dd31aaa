"""Two helper processes that write the brief's files while this one lays out the PDF.

``build_brief`` starts the *charts* process first thing. It warms up vl-convert (about 0.8 s, holding the
GIL, so only another process can overlap it) while the parent imports and analyses; then it gets the job
(the analysis and the chart specs), writes the SVGs, says so on stdout and exits, releasing vl-convert's
memory. At that moment the parent starts the *files* process, which makes the PNGs from those SVGs and
writes the tables, the texts and the slide deck while the parent is still laying out the PDF. So the
machine's two cores both work, and at most two of the three processes are large at once.

Protocol: the job is a pickle on stdin (from the parent, same program and user); the charts process writes
the line ``svg`` once the SVGs are on disk; the exit code says whether a process did all its work; a failure
is one line on stderr, ``error: <message>`` for a user error or ``<Type>: <message>`` for anything else.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from comparator.errors import ComparatorError

if TYPE_CHECKING:
    from comparator.chartfiles import Chart
    from comparator.pipeline import Analysis

SVG_READY = b"svg\n"
USER_ERROR = "error: "


@dataclass(frozen=True)
class Job:
    folder: Path
    analysis: Analysis
    charts: tuple[Chart, ...]
    parquet: bool


class WorkerError(ComparatorError):
    """The worker failed; its one line on stderr is the message."""


class _Process:
    """One helper process, ``python -m comparator.worker ROLE``, fed one pickled job by a thread."""

    def __init__(self, role: str, *, reports: bool = False) -> None:
        package_root = str(Path(__file__).resolve().parent.parent)
        path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
        # stderr goes to a file, not a pipe: warnings from a library must not fill a pipe nobody reads yet.
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115  (closed in close())
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "comparator.worker", role], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE if reports else subprocess.DEVNULL, stderr=self._stderr,
            env={**os.environ, "PYTHONPATH": path},
        )
        self._sender: threading.Thread | None = None
        self._error: WorkerError | None = None

    def submit(self, payload: bytes) -> None:
        """Return at once: a thread feeds the pipe, which may be full until the process reads it."""
        self._sender = threading.Thread(target=self._send, args=(payload,), daemon=True)
        self._sender.start()

    def _send(self, payload: bytes) -> None:
        try:
            self.proc.stdin.write(payload)
            self.proc.stdin.close()
        except (BrokenPipeError, ValueError):
            pass  # the process died or was stopped; wait_line() and finish() report why

    def wait_line(self, expected: bytes) -> None:
        if self.proc.stdout.readline() != expected:
            self.fail()

    def finish(self) -> None:
        if self.proc.wait() != 0:
            self.fail()

    def close(self) -> None:
        """Stop the process if it still runs, so that it writes nothing more."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        if self._sender is not None:
            self._sender.join()
        for stream in (self.proc.stdin, self.proc.stdout, self._stderr):
            if stream and not stream.closed:
                stream.close()

    def fail(self) -> None:
        if self._error is None:  # the first caller reads the process's last words; later callers get the same
            self.proc.wait()
            self._stderr.seek(0)
            lines = self._stderr.read().decode("utf-8", "replace").strip().splitlines()
            last = lines[-1] if lines else f"exit code {self.proc.returncode}"
            self._error = WorkerError(last.removeprefix(USER_ERROR) if last.startswith(USER_ERROR)
                                      else f"writing the charts, tables and slides failed: {last}")
        raise self._error


class Worker:
    """The parent's handle on both processes: create early, ``submit`` the job, ``svgs`` when the charts are
    needed (this starts the files process), ``finish`` at the end, ``close`` always."""

    def __init__(self) -> None:
        self._charts = _Process("charts", reports=True)  # starts now
        self._files: _Process | None = None
        self._job: Job | None = None
        self._payload = b""
        self._svgs: dict[str, str] | None = None

    def submit(self, job: Job) -> None:
        self._job = job
        self._payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        self._charts.submit(self._payload)

    def svg(self, name: str) -> str:
        """One chart's SVG text, waiting for the charts process if need be."""
        return self.svgs()[name]

    def svgs(self) -> dict[str, str]:
        """Wait until the SVGs are written and return them by chart name; the files process starts then."""
        if self._svgs is None:
            if self._job is None:
                raise WorkerError("no job was submitted")
            self._charts.wait_line(SVG_READY)
            self._charts.finish()
            self._files = _Process("files")
            self._files.submit(self._payload)
            folder = self._job.folder / "charts"
            self._svgs = {c.name: (folder / f"{c.name}.svg").read_text(encoding="utf-8") for c in self._job.charts}
        return self._svgs

    def finish(self) -> None:
        """Wait until every file is written."""
        self.svgs()
        self._files.finish()

    def close(self) -> None:
        for process in (self._charts, self._files):
            if process is not None:
                process.close()


def write_chart_files(job: Job, say_svgs_ready) -> None:
    """The charts process: SVG and Vega-Lite JSON for each chart."""
    from comparator.chartfiles import write_charts

    write_charts(list(job.charts), job.folder / "charts")
    say_svgs_ready()


def write_other_files(job: Job) -> None:
    """The files process: PNGs from the SVGs already written, then tables, texts and slides."""
    from comparator.chartfiles import write_pngs
    from comparator.slides import write_slides
    from comparator.tables import build_tables, write_tables, write_texts

    charts = job.folder / "charts"
    write_pngs({c.name: (charts / f"{c.name}.svg").read_text(encoding="utf-8") for c in job.charts}, charts)
    write_tables(build_tables(job.analysis), job.folder / "tables", parquet=job.parquet)
    write_texts(job.analysis, job.folder / "text")
    write_slides(job.analysis, list(job.charts), charts, job.folder / "slides.pptx")


def _read_job() -> Job | None:
    payload = sys.stdin.buffer.read()
    return pickle.loads(payload) if payload else None  # noqa: S301  (from the parent, which started this one)


def _serve(role: str) -> int:
    if role == "charts":
        from comparator.chartfiles import warm_up

        warm_up()
        import comparator.pipeline  # noqa: F401  (the classes the job unpickles into, while the parent works)

        job = _read_job()
        if job is None:
            return 0  # the parent gave up before sending work

        def say_svgs_ready() -> None:
            sys.stdout.buffer.write(SVG_READY)
            sys.stdout.buffer.flush()

        write_chart_files(job, say_svgs_ready)
    elif role == "files":
        job = _read_job()
        if job is not None:
            write_other_files(job)
    else:
        raise ValueError(f"unknown worker role {role!r}")
    return 0


if __name__ == "__main__":
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops this process
    try:
        sys.exit(_serve(sys.argv[1] if len(sys.argv) > 1 else ""))
    except ComparatorError as exc:
        print(f"{USER_ERROR}{exc}", file=sys.stderr)
        sys.exit(1)
    except Exception as exc:  # reported to the parent on stderr, one line
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)
