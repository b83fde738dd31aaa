"""Build the brief: analyse, write every output (charts, tables, slides in helpers; HTML, PDF here), swap it in.

The charts process starts first, before even the codebook is read, so that vl-convert's warm-up hides behind
this process's imports and analysis; the PDF layout then runs beside the SVG and file writing. See
``comparator.worker`` for the processes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from comparator.errors import InputError
from comparator.ingest import find_articles
from comparator.output import check_out, default_out, write_atomically
from comparator.worker import Helpers, Job

PAPERS = ("a4", "letter")  # CSS page sizes (CSS ignores their case), given to the template
MAX_ARTICLES = 6  # one distinct colour each, and a matrix row that still fits a landscape page

if TYPE_CHECKING:
    from comparator.codebook import Codebook
    from comparator.pipeline import Analysis


def build_brief(
    paths: list[Path],
    out: Path | None,
    *,
    codebook: Codebook | Path | None = None,
    templates: Path | None = None,
    gold: Path | None = None,
    review: Path | None = None,
    pdf: bool = True,
    paper: str = "a4",
    parquet: bool = False,
    progress: Callable[[str], None] = lambda _: None,
) -> Brief:
    """Files -> analysis -> charts, tables, slides, HTML and PDF, swapped into ``out`` only when all succeeded.

    ``codebook`` is a loaded codebook, or the path of one to load (None: the bundled one). ``out`` None: a
    folder under ``reports/`` named for the articles. ``review``: an edited tables/review.csv whose coding
    replaces the machine's where it differs. ``paper``: "a4" or "letter". ``progress`` is told each stage as it starts.
    """
    files = find_articles(paths)  # user errors first: before any process starts or any work is done
    if paper not in PAPERS:
        raise InputError(f"paper {paper!r}: expected one of {', '.join(PAPERS)}")
    if len(files) > MAX_ARTICLES:
        raise InputError(
            f"{len(files)} articles given; a brief compares at most {MAX_ARTICLES} (beyond that its "
            "colours repeat and the matrix no longer fits a page): choose the ones to set side by "
            "side, or use 'comparator sentences' for the coded sentences of them all"
        )
    if out is not None:
        check_out(out, paths)
    worker = Helpers(processes=pdf)  # starts now: its warm-up hides behind the imports and the analysis
    try:
        from comparator import render
        from comparator.charts import build_charts
        from comparator.codebook import Codebook, load_codebook
        from comparator.pipeline import analyse, evaluate_against, read_articles
        from comparator.report import build_report, chart_sources, with_inline_charts
        from comparator.review import load_review

        book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
        progress("reading the articles")
        articles = read_articles(files)
        reviewed = load_review(review, book) if review is not None else None
        progress(f"coding and comparing {len(articles)} articles")
        analysis = analyse(articles, book, reviewed)
        if gold is not None:
            analysis = evaluate_against(analysis, gold)
        if out is None:
            out = check_out(default_out(paths, [a.label for a in analysis.articles]), paths)

        def fill(folder: Path) -> None:
            try:
                progress("writing charts, tables and slides")
                charts = build_charts(analysis)
                report = build_report(analysis, charts, chart_sources(charts))
                worker.submit(Job(folder, analysis, tuple(charts), parquet, report))
                if pdf:  # the layout starts now; WeasyPrint asks the worker for each chart when it needs it
                    progress("laying out the PDF")
                    render.write_pdf(
                        render.render_html(report, templates, paper), folder / "brief.pdf", templates, charts=worker.svg
                    )
                report = with_inline_charts(report, worker.svgs())
                html = render.render_html(report, templates, paper)
                (folder / "brief.html").write_text(html, encoding="utf-8")
                worker.finish()
            finally:
                worker.close()  # on failure: stopped before write_atomically removes the folder

        write_atomically(out, fill)
    finally:
        worker.close()
    return Brief(analysis, out.resolve())


@dataclass(frozen=True)
class Brief:
    """What a build produced: the analysis and the folder it was written to."""

    analysis: Analysis
    out: Path

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.analysis.warnings
