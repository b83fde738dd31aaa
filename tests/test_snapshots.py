"""Snapshots of what users see, one component at a time: each chart's Vega-Lite spec and the brief's matrix.

A change to the codebook or the coder changes them on purpose: update with `nox -s snapshots`
(or UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py) and review the diff like code.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"


def _check(name: str, actual: str) -> None:
    path = SNAPSHOTS / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"no snapshot {name}: run nox -s snapshots"
    assert actual == path.read_text(encoding="utf-8"), f"{name} changed: review, then run nox -s snapshots"


@pytest.mark.parametrize("chart", ["coverage", "stance", "positions", "keyness", "actors"])
def test_chart_spec_snapshot(brief_dir, chart):
    _check(f"{chart}.vl.json", (brief_dir / "charts" / f"{chart}.vl.json").read_text(encoding="utf-8"))


def test_matrix_html_snapshot(brief_dir):
    html = (brief_dir / "brief.html").read_text(encoding="utf-8")
    matrix = re.search(r'<section class="matrix-section">.*?</section>', html, re.S)
    assert matrix
    _check("matrix.html", matrix.group(0) + "\n")


def test_bottom_line_snapshot(brief_dir):
    html = (brief_dir / "brief.html").read_text(encoding="utf-8")
    bottom = re.search(r'<section class="bottom-line">.*?</section>', html, re.S)
    assert bottom
    _check("bottom-line.html", bottom.group(0) + "\n")
