"""The command line: each command parses its options and calls one library function."""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

import click

from comparator.errors import ComparatorError, Interrupted, stops_unwind

# A command is one batch that builds a large heap of long-lived values (the coder, the analysis) and then lays out
# a PDF that allocates millions of short-lived ones: the collector's default of a pass every 700 allocations
# walks that heap again and again (measured: 0.3 s of a 4.4 s brief). A pass every 50,000 (still tens of MB of
# garbage at most) costs under 0.1 s.
GC_ALLOCATIONS = 50_000

DEFAULT_SEEDS = Path("seeds")
DEFAULT_OUT = Path("reports/seeds")
CODEBOOK_HELP = "A YAML codebook file, or a bundled codebook by name (see 'comparator codebooks'; default: default)."


class _Command(click.Command):
    """Turn user errors into one line on stderr and exit code 2, and a stop (Ctrl-C, SIGTERM) into one line
    and 130 or 143 once every cleanup has run."""

    def invoke(self, ctx: click.Context):
        try:
            with stops_unwind():
                return super().invoke(ctx)
        except ComparatorError as exc:
            click.echo(f"comparator: error: {exc}", err=True)
            ctx.exit(2)
        except Interrupted as exc:
            click.echo("comparator: stopped; nothing was written and any earlier output is untouched", err=True)
            ctx.exit(exc.exit_code)


def _codebook(path: Path | None):
    from comparator.codebook import load_codebook

    return load_codebook(path)


def _files(files: tuple[Path, ...]) -> list[Path]:
    if files:
        return list(files)
    if not DEFAULT_SEEDS.is_dir():
        raise ComparatorError(f"no FILES given and no {DEFAULT_SEEDS}/ folder here")
    return [DEFAULT_SEEDS]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="comparator")
def main() -> None:
    """Compare policy articles on the same issue, side by side."""


def run() -> None:
    """The ``comparator`` program: the command, with the collector set for one batch (``GC_ALLOCATIONS``);
    at the end the heap is frozen, so that the interpreter's exit does not walk it once more (0.25 s)."""
    gc.set_threshold(GC_ALLOCATIONS, *gc.get_threshold()[1:])
    try:
        main()
    finally:
        gc.freeze()


_path = click.Path(path_type=Path)


@main.command(cls=_Command)
@click.argument("files", nargs=-1, type=_path)
@click.option("--codebook", type=_path, help=CODEBOOK_HELP)
@click.option(
    "--out",
    type=_path,
    help="Output folder (default: reports/seeds for the seeds, else "
    "reports/<name of the articles>). comparator only replaces a folder it wrote.",
)
@click.option(
    "--templates",
    type=_path,
    help="Folder with your own brief.html.j2 (replaces the default) and/or brief.css (extends the default styles).",
)
@click.option("--gold", type=_path, help="Hand coding to report agreement figures in the brief.")
@click.option(
    "--review",
    type=_path,
    help="An edited tables/review.csv: the analyst's coding replaces the "
    "machine's where it differs (matched by document and sentence text).",
)
@click.option("--no-pdf", is_flag=True, help="Skip the PDF (HTML, tables and charts only).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True, help="PDF paper size.")
@click.option("--parquet", is_flag=True, help="Also write the tables as Parquet.")
@click.option("--progress", is_flag=True, help="Report each stage on stderr (the default on a terminal).")
def brief(files, codebook, out, templates, gold, review, no_pdf, paper, parquet, progress) -> None:
    """Build the brief from FILES (default: every article in seeds/)."""
    from comparator.brief import build_brief  # starts the worker process before anything else

    if out is None and not files:
        out = DEFAULT_OUT
    say = _say if progress or sys.stderr.isatty() else (lambda _: None)
    built = build_brief(
        _files(files),
        out,
        codebook=codebook,
        templates=templates,
        gold=gold,
        review=review,
        pdf=not no_pdf,
        paper=paper,
        parquet=parquet,
        progress=say,
    )
    for warning in built.warnings:
        click.echo(f"comparator: warning: {warning}", err=True)
    articles = built.analysis.articles
    main = ", ".join(["brief.pdf"] * (not no_pdf) + ["brief.html", "tables/", "charts/", "slides.pptx", "project.qdpx"])
    click.echo(
        f"wrote {_shown(built.out)}/ ({main}) for {len(articles)} articles: "
        f"{', '.join(a.label for a in articles)}"
        + (f"; {len(built.warnings)} warning(s) above" if built.warnings else "")
    )


def _say(stage: str) -> None:
    click.echo(f"comparator: {stage}…", err=True)


def _shown(path: Path) -> str:
    """A path under the working folder as relative, else as it is."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@main.command(cls=_Command)
@click.argument("files", nargs=-1, required=True, type=_path)
@click.option("--codebook", type=_path, help=CODEBOOK_HELP)
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
def sentences(files, codebook, fmt) -> None:
    """Print the sentence table of FILES (one or more) for inspection."""
    from comparator.coding import code_article
    from comparator.ingest import find_articles, ingest
    from comparator.tables import sentences_rows

    book = _codebook(codebook)
    coded = [code_article(ingest(p), book) for p in find_articles(list(files))]
    rows = sentences_rows(coded, book)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["doc_id"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@main.command(cls=_Command)
@click.argument("files", nargs=-1, type=_path)
@click.option(
    "--gold",
    type=_path,
    required=True,
    multiple=True,
    help="Hand coding in the format of seeds/gold.yaml (repeat for several files).",
)
@click.option("--codebook", type=_path, help=CODEBOOK_HELP)
@click.option("--show-misses", is_flag=True, help="List every sentence where the coder disagrees.")
def evaluate(files, gold, codebook, show_misses) -> None:
    """Measure the coder against a hand coding: P/R/F1, accuracy, Cohen's kappa."""
    from comparator.coding import code_article
    from comparator.evaluate import evaluate as run
    from comparator.evaluate import load_gold, report_lines
    from comparator.ingest import find_articles, ingest

    book = _codebook(codebook)
    coded = [code_article(ingest(p), book) for p in find_articles(_files(files))]
    result = run(coded, load_gold(list(gold), book), book)
    for line in report_lines(result):
        click.echo(line)
    if show_misses:
        for text, truth, predicted in result.misses:
            click.echo(f"  [{truth} -> {predicted or 'none'}] {text}")


@main.command(cls=_Command)
@click.argument("sets", nargs=-1, required=True, type=_path)
@click.option("--codebook", type=_path, help=CODEBOOK_HELP)
@click.option("--details", is_flag=True, help="Also print each set's full report.")
def scoreboard(sets, codebook, details) -> None:
    """One table over development SETS (folders holding articles and their gold*.yaml hand coding)."""
    from comparator.coding import code_article
    from comparator.evaluate import evaluate as run
    from comparator.evaluate import load_gold, report_lines, scoreboard_lines
    from comparator.ingest import find_articles, ingest

    book = _codebook(codebook)
    results = []
    for folder in sets:
        golds = _golds(folder)
        coded = [code_article(ingest(p), book) for p in find_articles([folder])]
        result = run(coded, load_gold(golds, book), book)
        results.append((folder.name, result))
        if details:
            click.echo(f"== {folder}")
            for line in report_lines(result):
                click.echo(line)
    for line in scoreboard_lines(results):
        click.echo(line)
    learned = book.learned.sets if book.learned is not None else ()
    seen = [name for name, _ in results if name in learned]
    if seen:
        click.echo(
            f"note: the codebook's learned coder was trained on {', '.join(seen)}: the labels there are not a "
            "measure of it (each real set left out in turn: nox -s train -- --check)"
        )


@main.command(cls=_Command)
@click.argument("first", type=_path)
@click.argument("second", type=_path)
@click.option("--codebook", type=_path, help=CODEBOOK_HELP)
@click.option("--show-misses", is_flag=True, help="List every sentence the two codings label differently.")
def agreement(first, second, codebook, show_misses) -> None:
    """How far a SECOND hand coding of the same articles agrees with the FIRST (each a gold file, or a folder of
    gold*.yaml), scored as evaluate scores the coder: the ceiling beside which the coder's figures are read."""
    from comparator.evaluate import agreement as run
    from comparator.evaluate import load_gold, report_lines

    book = _codebook(codebook)
    first_gold, second_gold = (load_gold(_golds(p) if p.is_dir() else [p], book) for p in (first, second))
    result = run(first_gold, second_gold, book)
    click.echo(f"second coding {second} against the first, {first}")
    for line in report_lines(result):
        click.echo(line)
    if show_misses:
        for text, truth, other in result.misses:
            click.echo(f"  [{truth} -> {other or 'none'}] {text}")


def _golds(folder: Path) -> list[Path]:
    """The gold*.yaml files a folder holds."""
    golds = sorted(folder.glob("gold*.yaml"))
    if not golds:
        raise ComparatorError(f"{folder}: holds no gold*.yaml hand coding")
    return golds


@main.command(cls=_Command)
def codebooks() -> None:
    """List the bundled codebooks (give one by name with --codebook NAME) and their dimensions."""
    from comparator.codebook import bundled, load_codebook

    for name, path in bundled().items():
        book = load_codebook(path)
        click.echo(f"{name}: {book.name}" + (f" — {book.description}" if book.description else ""))
        for d in book.dimensions:
            click.echo(f"  {d.id}: {d.label} ({_scale(d)})")


@main.command("check-codebook", cls=_Command)
@click.argument("path", type=_path)
def check_codebook(path) -> None:
    """Validate a codebook (a file, or a bundled one by name) and list its dimensions."""
    from comparator.coding import misplaced_exemplars

    book = _codebook(path)
    for d in book.dimensions:
        click.echo(f"{d.id}: {d.label} ({len(d.cues)} cues; {_scale(d)})")
    total = sum(len(d.exemplars) for d in book.dimensions)
    misses = misplaced_exemplars(book)
    if total:
        click.echo(f"exemplars: {total - len(misses)} of {total} coded to their dimension by the cues")
    for dim_id, text, coded in misses:
        click.echo(f"warning: {dim_id} exemplar coded {coded}: {text}", err=True)


def _scale(dimension) -> str:
    stance = dimension.stance
    return f"{stance.negative.label} <-> {stance.positive.label}" if stance else "no stance scale"
