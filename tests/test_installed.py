"""The installed package, run outside the source tree: bundled codebooks by name, templates from inside the
wheel, Letter paper. ``nox -s tests`` installs the wheel into its environment; elsewhere this is skipped."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from tests.helpers import ROOT

SCRIPT = Path(sys.executable).parent / "comparator"

CLIMATE_A = """A Carbon Tax Is the Answer

By Dana Reyes

Emissions are still rising, and the warming we already see is a crisis that is worsening every year.
Congress should pass a carbon tax that rises every year, and return the revenue to households as a dividend.
A price signal lets the market find the cheapest cuts.
"""
CLIMATE_B = """Build, Don't Tax

By Lee Chang

Emissions keep rising, and the damage from heat waves and floods grows.
A carbon tax is the wrong tool: it falls hardest on poor and rural households.
Public investment and clean-power standards will cut emissions faster than any price.
"""


def _installed() -> Path | None:
    if not SCRIPT.is_file():
        return None
    where = subprocess.run(
        [sys.executable, "-c", "import comparator; print(comparator.__file__)"],
        cwd="/",
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return Path(where) if where and not Path(where).is_relative_to(ROOT / "comparator") else None


@pytest.fixture(scope="module")
def installed():
    where = _installed()
    if where is None:
        pytest.skip("comparator is not installed apart from this source tree (nox -s tests installs it)")
    return where


def test_bundled_codebooks_and_templates_come_from_inside_the_package(installed):
    package = installed.parent
    assert (package / "codebooks" / "climate.yaml").is_file()
    assert (package / "templates" / "brief.html.j2").is_file() and (package / "templates" / "brief.css").is_file()


def test_a_climate_brief_on_letter_paper_from_outside_the_source_tree(installed, tmp_path):
    (tmp_path / "reyes.txt").write_text(CLIMATE_A, encoding="utf-8")
    (tmp_path / "chang.txt").write_text(CLIMATE_B, encoding="utf-8")
    listed = subprocess.run([str(SCRIPT), "codebooks"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert listed.returncode == 0 and listed.stdout.startswith("climate: Climate policy")
    run = subprocess.run(
        [str(SCRIPT), "brief", "reyes.txt", "chang.txt", "--codebook", "climate", "--paper", "letter", "--out", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    pages = pypdf.PdfReader(tmp_path / "out" / "brief.pdf").pages
    assert {tuple(round(float(v)) for v in p.mediabox[2:]) for p in pages} <= {(612, 792), (792, 612)}
    cells = (tmp_path / "out" / "tables" / "cells.csv").read_text(encoding="utf-8")
    assert "instrument" in cells and "sanctions" not in cells
    html = (tmp_path / "out" / "brief.html").read_text(encoding="utf-8")
    assert "@page { size: letter; }" in html and ".source-label" in html
    shutil.rmtree(tmp_path / "out")
