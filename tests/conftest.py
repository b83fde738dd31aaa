"""Shared fixtures: the default codebook, the seeds read and analysed once, and one full brief per session."""

from __future__ import annotations

import gc
from dataclasses import replace

import pytest

from comparator.brief import build_brief
from comparator.cli import GC_ALLOCATIONS
from comparator.codebook import load_codebook
from comparator.pipeline import analyse, read_articles
from tests.helpers import GOLD, SEED_FILES, weasyprint_warnings


def pytest_configure(config):
    # The suite is a batch like the program (comparator.cli.run): the collector's default would walk the
    # tests' long-lived values every 700 allocations.
    gc.set_threshold(GC_ALLOCATIONS, *gc.get_threshold()[1:])


@pytest.fixture(scope="session")
def codebook():
    return load_codebook()


@pytest.fixture(scope="session")
def rules(codebook):
    """The default codebook's rules alone, without the learned coder that follows them: for tests that name what
    the rules read (the learned coder is tested in test_learned.py, and measured by bench/train_coder.py)."""
    return replace(codebook, learned=None)


@pytest.fixture(scope="session")
def seed_articles():
    return read_articles(SEED_FILES)


@pytest.fixture(scope="session")
def analysis(seed_articles, codebook):
    return analyse(seed_articles, codebook)


@pytest.fixture(scope="session")
def seed_brief(tmp_path_factory, codebook):
    """One full seed brief (PDF included), built once with the gold coding, and the warnings WeasyPrint logged
    while laying it out."""
    out = tmp_path_factory.mktemp("brief") / "seeds"
    with weasyprint_warnings() as log:
        built = build_brief(SEED_FILES, out, codebook=codebook, gold=GOLD)
    return built, log


@pytest.fixture(scope="session")
def brief_dir(seed_brief):
    return seed_brief[0].out
