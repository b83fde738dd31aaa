"""The codebook guide's worked example is real: its codebook loads, its exemplars code where they should, and
the brief of its two articles puts them on the sides the guide says."""

from __future__ import annotations

import csv
import re

import pytest

from comparator.brief import build_brief
from comparator.codebook import load_codebook
from comparator.coding import misplaced_exemplars
from tests.helpers import ROOT

GUIDE = ROOT / "docs" / "codebooks.md"


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    folder = tmp_path_factory.mktemp("housing")
    blocks = re.findall(r"```\w+ title=(\S+)\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    assert [name for name, _ in blocks] == ["housing.yaml", "tenants.txt", "builders.txt"]
    for name, body in blocks:
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def test_the_guides_codebook_is_valid_and_its_exemplars_code_to_their_dimension(example):
    book = load_codebook(example / "housing.yaml")
    assert book.ids == ("cause", "remedy") and book.dimension("cause").stance.reads == "description"
    assert misplaced_exemplars(book) == []


def test_the_guides_two_articles_land_where_it_says(example):
    built = build_brief(
        [example / "tenants.txt", example / "builders.txt"],
        example / "out",
        codebook=example / "housing.yaml",
        pdf=False,
    )
    with (built.out / "tables" / "cells.csv").open(encoding="utf-8") as f:
        labels = {(r["doc_id"], r["dimension"]): r["stance_label"] for r in csv.DictReader(f)}
    assert labels == {
        ("tenants", "cause"): "clearly for: landlords' power",
        ("builders", "cause"): "clearly for: too few homes",
        ("tenants", "remedy"): "clearly for: cap rents",
        ("builders", "remedy"): "clearly for: build more homes",
    }
