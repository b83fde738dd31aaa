"""Shared fixtures: the seeds, the default codebook, a coded seed pair and one full brief per session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from comparator.brief import build_brief
from comparator.codebook import load_codebook
from comparator.pipeline import analyse, read_articles

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = SEEDS / "gold.yaml"
DATA = Path(__file__).resolve().parent / "data"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def codebook():
    return load_codebook()


@pytest.fixture(scope="session")
def seed_articles():
    return read_articles(SEED_FILES)


@pytest.fixture(scope="session")
def analysis(seed_articles, codebook):
    return analyse(seed_articles, codebook)


@pytest.fixture(scope="session")
def brief_dir(tmp_path_factory, codebook):
    """One full seed brief (PDF included), built once with the gold coding."""
    out = tmp_path_factory.mktemp("brief") / "seeds"
    build_brief(SEED_FILES, out, codebook=codebook, gold=GOLD)
    return out


def invoke_cli(*args: str) -> subprocess.CompletedProcess:
    """The command in this process (click's runner): the same exit code, stdout and stderr as a user sees,
    without the cost of starting Python for every refusal."""
    from click.testing import CliRunner

    from comparator.cli import main

    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def run_cli(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real command, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "comparator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
        check=False,
    )
