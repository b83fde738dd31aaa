"""Sessions for comparator: build the brief, test, lint, evaluate, benchmark."""

from __future__ import annotations

import json
from pathlib import Path

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["tests", "lint"]
nox.options.reuse_existing_virtualenvs = True

PYPROJECT = nox.project.load_toml("pyproject.toml")


def _install(session: nox.Session, *groups: str) -> None:
    session.install(".")
    for group in groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, group))


@nox.session
def brief(session: nox.Session) -> None:
    """Build the brief (HTML, PDF, tables, charts, slides); default: seeds/ into reports/seeds/."""
    _install(session)
    session.run("comparator", "brief", *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite, one worker per core, each test module kept on one worker so that its fixtures are built
    once (pass pytest options after --; ``-- -n 0`` runs it in one process)."""
    _install(session, "test")
    session.run("pytest", "-n", "auto", "--dist", "loadscope", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Lint and check formatting with ruff (bandit's S rules included)."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "lint"))
    paths = ("comparator", "tests", "noxfile.py", "bench")
    session.run("ruff", "check", *paths, *session.posargs)
    session.run("ruff", "format", "--check", *paths)


# tests/data/NAME: articles hand-coded blind, apart from the seeds (tests/data/sets.json lists which are tuned on
# and which are held out: real pages never looked at while tuning, measured only when named).
_SETS = json.loads((Path(__file__).parent / "tests" / "data" / "sets.json").read_text(encoding="utf-8"))
DEV_SETS: tuple[str, ...] = tuple(_SETS["development"])
HELD_OUT: tuple[str, ...] = tuple(_SETS["held_out"])


@nox.session
def evaluate(session: nox.Session) -> None:
    """Agreement with the hand coding: one table over the seeds and the development sets (`-- real-testN` adds
    the held-out set, `-- --details` every miss), then how far two people's codings of the same articles agree."""
    _install(session)
    sets = ["seeds", *(f"tests/data/{name}" for name in DEV_SETS)]
    held_out = [f"tests/data/{name}" for name in HELD_OUT if name in session.posargs]
    args = [a for a in session.posargs if a not in HELD_OUT]
    session.run("comparator", "scoreboard", *held_out, *sets, *args)
    # where a second person coded a set's articles too: how far the two hand codings agree, the ceiling the coder's
    # figures above are read against
    for second in sorted(p for p in Path("tests/data/agreement").glob("*") if p.is_dir()):
        session.run("comparator", "agreement", f"tests/data/{second.name}", str(second))


@nox.session
def bench(session: nox.Session) -> None:
    """Time the brief against a bare WeasyPrint render of the same HTML, per stage, and at scale."""
    _install(session)
    session.run("python", "bench/run.py", *session.posargs)


@nox.session
def train(session: nox.Session) -> None:
    """Retrain the default codebook's learned coder on the development sets (after a cue or word list changes);
    ``-- --check`` only measures it, each real set left out in turn. (Editable: it trains the rules of this tree.)"""
    session.install("-e", ".")
    session.install(*nox.project.dependency_groups(PYPROJECT, "train"))
    session.run("python", "bench/train_coder.py", *session.posargs)


@nox.session
def snapshots(session: nox.Session) -> None:
    """Rewrite the chart and HTML snapshots after an intended change (review the diff before committing)."""
    _install(session, "test")
    session.run("pytest", "tests/test_snapshots.py", *session.posargs, env={"UPDATE_SNAPSHOTS": "1"})


@nox.session
def browser(session: nox.Session) -> None:
    """brief.html in headless Chromium (needs Debian's chromium): screenshots at 1280 and 390 px, chart links
    followed."""
    _install(session)
    session.install("playwright")
    session.run("python", "bench/browser.py", *session.posargs)
