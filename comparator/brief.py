"""Build the brief: analyse, write every output (charts, tables, slides in helpers; HTML, PDF here), swap it in.

The charts process starts first, before even the codebook is read, so that vl-convert's warm-up hides behind
this process's imports and analysis; the PDF layout then runs beside the SVG and file writing. See
``comparator.worker`` for the processes and their protocol.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from comparator.errors import InputError
from comparator.worker import Job, Worker

if TYPE_CHECKING:
    from comparator.codebook import Codebook
    from comparator.pipeline import Analysis


def build_brief(paths: list[Path], out: Path, *, codebook: Codebook | Path | None = None,
                templates: Path | None = None, gold: Path | None = None, pdf: bool = True,
                parquet: bool = False) -> Analysis:
    """Files -> analysis -> charts, tables, slides, HTML and PDF, swapped into ``out`` only when all succeeded.

    ``codebook`` is a loaded codebook, or the path of one to load (None: the bundled one).
    """
    worker = Worker()  # starts now: its warm-up hides behind the imports and the analysis
    try:
        from comparator import render
        from comparator.charts import build_charts
        from comparator.codebook import Codebook, load_codebook
        from comparator.pipeline import analyse, evaluate_against, read_articles
        from comparator.report import build_report, chart_sources, with_chart_sources

        book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
        analysis = analyse(read_articles(paths), book)
        if gold is not None:
            analysis = evaluate_against(analysis, gold)

        def fill(folder: Path) -> None:
            try:
                charts = build_charts(analysis)
                worker.submit(Job(folder, analysis, tuple(charts), parquet))
                report = build_report(analysis, charts, chart_sources(charts))
                if pdf:  # the layout starts now; WeasyPrint asks the worker for each chart when it needs it
                    render.write_pdf(render.render_html(report, templates), folder / "brief.pdf", templates,
                                     charts=worker.svg)
                report = with_chart_sources(report, chart_sources(charts, worker.svgs()))
                html = render.render_html(report, templates)
                (folder / "brief.html").write_text(html, encoding="utf-8")
                worker.finish()
            finally:
                worker.close()  # on failure: stopped before write_atomically removes the folder

        write_atomically(out, fill)
    finally:
        worker.close()
    return analysis


def write_atomically(out: Path, fill: Callable[[Path], None]) -> None:
    """Build the output in a folder beside ``out`` and swap it in only when everything succeeded."""
    out = out.resolve()
    # An --out that cannot be written is the user's to fix: say so up front, not in a traceback.
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a folder")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    except (FileExistsError, NotADirectoryError):
        raise InputError(f"{out}: cannot write here (part of the path is a file)") from None
    except OSError as exc:
        raise InputError(f"{out}: cannot write here ({exc.strerror or exc})") from None
    staging = scratch / out.name
    old = None
    try:
        staging.mkdir()  # inside mkdtemp's private (0700) folder, so the brief gets the usual mode
        fill(staging)
        if out.exists():
            if not out.is_dir():
                raise InputError(f"{out}: exists and is not a folder")
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            os.rename(out, old / out.name)
        os.rename(staging, out)
    except BaseException:
        if old is not None and (old / out.name).exists() and not out.exists():
            os.rename(old / out.name, out)  # put the earlier brief back
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
