"""The real command: success and the error paths (exit 2, one line, no traceback)."""

from __future__ import annotations

import gc

import pytest

from comparator import cli
from tests.helpers import ROOT, SEED_FILES, run_cli


def _one_line_error(result, needle: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert needle in lines[0]


def test_missing_file(tmp_path):
    _one_line_error(
        run_cli("brief", str(SEED_FILES[0]), str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o")),
        "nope.txt: not found",
    )


def test_fewer_than_two_articles(tmp_path):
    _one_line_error(run_cli("brief", str(SEED_FILES[0]), "--out", str(tmp_path / "o")), "at least 2 articles")


def test_empty_input(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    _one_line_error(run_cli("brief", str(SEED_FILES[0]), str(empty), "--out", str(tmp_path / "o")), "empty.txt")


def test_sentences_command_prints_json(tmp_path):
    result = run_cli("sentences", str(SEED_FILES[1]), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert '"dimension": "feasibility"' in result.stdout


def test_evaluate_command_prints_figures():
    result = run_cli("evaluate", "--gold", "seeds/gold.yaml", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "accuracy" in result.stdout and "kappa" in result.stdout


def test_program_sets_the_collector_for_one_batch(monkeypatch):
    """The ``comparator`` program (not the click group the tests invoke) collects less often and freezes the
    heap before the interpreter exits; both are restored here."""
    before = gc.get_threshold()
    monkeypatch.setattr("sys.argv", ["comparator", "--version"])
    try:
        with pytest.raises(SystemExit):
            cli.run()
        assert gc.get_threshold()[0] == cli.GC_ALLOCATIONS
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
