"""Two helper processes (standard-library process pools) that write the brief's files while this one lays out
the PDF.

``build_brief`` creates ``Helpers`` first thing: a *charts* process starts and warms up vl-convert (about 0.8 s,
holding the GIL, so only another process can overlap it) while this one imports and analyses. The chart specs then
go to that same, warm, process (the specs alone: it never imports the analysis, nor Altair), which writes the SVGs
and JSON specs and returns the SVG texts; its pool is then shut down, which frees vl-convert's memory, and a
*files* process starts and writes the PNGs, tables, texts and slides while this process is still laying out the
PDF.

Errors keep their meaning across the process boundary: a user error (``ComparatorError``) arrives as itself, and
a bug arrives as its own exception with the helper's traceback attached (``concurrent.futures`` does that), so
the command reports it as a bug, not as a user mistake.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from comparator.chartfiles import Chart
    from comparator.pipeline import Analysis
    from comparator.report import Report


@dataclass(frozen=True)
class Job:
    folder: Path
    analysis: Analysis
    charts: tuple[Chart, ...]
    parquet: bool
    report: Report  # the resolved model the deck is made from

    def __getstate__(self) -> dict:
        """What crosses to the files process: the analysis without the learned coder's weights (it codes nothing;
        the weights' digest and counts, which the exports name, stay)."""
        book = self.analysis.codebook
        if book.learned is None:
            return self.__dict__
        light = replace(book, learned=replace(book.learned, terms={}, readers={}))
        analysis = replace(self.analysis, codebook=light, comparison=replace(self.analysis.comparison, codebook=light))
        return {**self.__dict__, "analysis": analysis}


def _quiet() -> None:
    """In each helper: Ctrl-C is the parent's to handle (it stops the helpers), and library chatter on
    stdout or stderr must not reach the user's terminal (errors come back through the future)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


def _pool() -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_quiet)


def warm_charts() -> None:
    """The charts process, first task: start vl-convert."""
    from comparator.chartfiles import warm_up

    warm_up()


def write_chart_files(folder: Path, charts: tuple[Chart, ...]) -> dict[str, str]:
    """The charts process, second task: SVG and Vega-Lite JSON for each chart; the SVG texts by name. It is
    sent the charts alone: unpickling the analysis would cost it the analysis' imports."""
    from comparator.chartfiles import write_charts

    return write_charts(list(charts), folder / "charts")


def write_other_files(job: Job, svgs: dict[str, str]) -> None:
    """The files process: PNGs from the SVGs, then tables, texts, the QDA project and slides."""
    from comparator.chartfiles import write_pngs
    from comparator.qdpx import write_qdc, write_qdpx
    from comparator.slides import write_slides
    from comparator.tables import build_tables, write_tables, write_texts

    charts = job.folder / "charts"
    write_pngs(svgs, charts)
    write_tables(build_tables(job.analysis), job.folder / "tables", parquet=job.parquet)
    write_texts(job.analysis, job.folder / "text")
    write_qdpx(job.analysis, job.folder / "project.qdpx")
    write_qdc(job.analysis.codebook, job.folder / "codebook.qdc")
    write_slides(job.report, charts, job.folder / "slides.pptx")


class Helpers:
    """The parent's handle on both processes: create early, ``submit`` the job, ``svgs`` when the charts are
    needed (this starts the files process), ``finish`` at the end, ``close`` always.

    ``processes=False`` (a brief without a PDF: nothing to overlap) runs the same functions in this process,
    which saves starting two interpreters."""

    def __init__(self, *, processes: bool = True) -> None:
        self._charts_pool = _pool() if processes else _InProcess()
        self._processes = processes
        self._warm = self._charts_pool.submit(warm_charts)  # the process starts now
        self._files_pool: ProcessPoolExecutor | _InProcess | None = None
        self._job: Job | None = None
        self._svgs: Future[dict[str, str]] | None = None
        self._files: Future[None] | None = None

    def submit(self, job: Job) -> None:
        self._job = job
        self._svgs = self._charts_pool.submit(write_chart_files, job.folder, job.charts)

    def svg(self, name: str) -> str:
        """One chart's SVG text, waiting for the charts process if need be."""
        return self.svgs()[name]

    def svgs(self) -> dict[str, str]:
        """Wait until the SVGs are written and return them by chart name; the files process starts then."""
        if self._svgs is None or self._job is None:
            raise RuntimeError("no job was submitted")
        self._warm.result()
        svgs = self._svgs.result()
        if self._files is None:
            self._charts_pool.shutdown(wait=True)  # its process exits, and vl-convert's memory with it, first
            self._files_pool = _pool() if self._processes else _InProcess()
            self._files = self._files_pool.submit(write_other_files, self._job, svgs)
        return svgs

    def finish(self) -> None:
        """Wait until every file is written and both processes have exited."""
        self.svgs()
        self._files.result()
        for pool in (self._charts_pool, self._files_pool):
            pool.shutdown(wait=True)

    def close(self) -> None:
        """Stop whatever still runs, so that nothing writes into a folder about to be removed."""
        for pool in (self._charts_pool, self._files_pool):
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
        for child in multiprocessing.active_children():  # this process's helpers, nothing else
            child.kill()
            child.join()


class _InProcess:
    """The pool's interface, run here and now."""

    def submit(self, fn, *args) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except Exception as error:  # handed to whoever asks for the result, as a pool does
            future.set_exception(error)
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass
