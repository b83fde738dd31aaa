"""The second process: chart files, tables, texts and slides, written while this one lays out the PDF.

``build_brief`` starts it first thing. It warms up vl-convert (about 0.8 s, which holds the GIL, so only
another process can overlap it) while the parent imports and analyses. Then it gets one job, the analysis
and the chart specs, writes the SVGs and says so on stdout, and goes on to the PNGs, the tables, the texts
and the slide deck while the parent lays out the PDF. The two processes use the machine's two cores.

Protocol: the job is a pickle on stdin (parent to child, same program and user); stdout carries the line
``svg`` once the SVGs are on disk; the exit code says whether everything else was written; a failure is one
line on stderr, ``error: <message>`` for a user error or ``<Type>: <message>`` for anything else.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
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


class Worker:
    """The parent's handle: start early, ``submit`` one job, ``svgs`` when the charts are needed, ``finish``."""

    def __init__(self) -> None:
        package_root = str(Path(__file__).resolve().parent.parent)
        path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "comparator.worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": path},
        )
        self._sender: threading.Thread | None = None
        self._svgs: dict[str, str] | None = None
        self._job: Job | None = None
        self._error: WorkerError | None = None

    def submit(self, job: Job) -> None:
        """Hand the job over and return at once; a thread feeds the pipe while the worker may still warm up."""
        self._job = job
        payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        self._sender = threading.Thread(target=self._send, args=(payload,), daemon=True)
        self._sender.start()

    def _send(self, payload: bytes) -> None:
        try:
            self._proc.stdin.write(payload)
            self._proc.stdin.close()
        except (BrokenPipeError, ValueError):
            pass  # the worker died or was stopped; svgs() and finish() report why

    def svg(self, name: str) -> str:
        """One chart's SVG text, waiting for the worker if need be."""
        return self.svgs()[name]

    def svgs(self) -> dict[str, str]:
        """Wait until the SVGs are written (not the rest) and return them by chart name."""
        if self._svgs is None:
            if self._job is None or self._proc.stdout.readline() != SVG_READY:
                self._fail()
            charts = self._job.folder / "charts"
            self._svgs = {c.name: (charts / f"{c.name}.svg").read_text(encoding="utf-8") for c in self._job.charts}
        return self._svgs

    def finish(self) -> None:
        """Wait until everything is written."""
        if self._proc.wait() != 0:
            self._fail()

    def close(self) -> None:
        """Stop the worker if it still runs (after an error elsewhere) so it writes nothing more."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        if self._sender is not None:
            self._sender.join()
        for stream in (self._proc.stdin, self._proc.stdout, self._proc.stderr):
            if stream and not stream.closed:
                stream.close()

    def _fail(self) -> None:
        if self._error is None:  # the first caller reads the worker's last words; later callers get the same
            self._proc.wait()
            lines = self._proc.stderr.read().decode("utf-8", "replace").strip().splitlines()
            last = lines[-1] if lines else f"exit code {self._proc.returncode}"
            self._error = WorkerError(last.removeprefix(USER_ERROR) if last.startswith(USER_ERROR)
                                      else f"writing the charts, tables and slides failed: {last}")
        raise self._error


def write_outputs(job: Job, say_svgs_ready) -> None:
    """Everything but the brief itself: charts (SVG first, then PNG), tables, texts, slides."""
    from comparator.chartfiles import write_charts, write_pngs

    charts = job.folder / "charts"
    svgs = write_charts(list(job.charts), charts)
    say_svgs_ready()
    write_pngs(svgs, charts)

    from comparator.slides import write_slides
    from comparator.tables import build_tables, write_tables, write_texts

    write_tables(build_tables(job.analysis), job.folder / "tables", parquet=job.parquet)
    write_texts(job.analysis, job.folder / "text")
    write_slides(job.analysis, list(job.charts), charts, job.folder / "slides.pptx")


def _serve() -> int:
    from comparator.chartfiles import warm_up

    warm_up()
    import comparator.pipeline  # noqa: F401  (the classes the job unpickles into, while the parent still works)

    payload = sys.stdin.buffer.read()
    if not payload:
        return 0  # the parent gave up before sending work
    job = pickle.loads(payload)  # noqa: S301  (from the parent process, which started this one)

    def say_svgs_ready() -> None:
        sys.stdout.buffer.write(SVG_READY)
        sys.stdout.buffer.flush()

    write_outputs(job, say_svgs_ready)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(_serve())
    except ComparatorError as exc:
        print(f"{USER_ERROR}{exc}", file=sys.stderr)
        sys.exit(1)
    except Exception as exc:  # reported to the parent on stderr, one line
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)
