"""The analyst's last word: tables/review.csv round-trips, and an edited copy changes the tables and the brief,
each change marked as the analyst's."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from comparator.brief import build_brief
from comparator.errors import InputError
from comparator.evaluate import evaluate, load_gold
from comparator.review import load_review
from tests.helpers import SEED_FILES

DIPLOMAT = "diplomat-time-for-a-us-north-korea-deal"
NORTH = "38north-breakthrough-in-search-of-a-strategy"


@pytest.fixture(scope="module")
def machine(brief_dir) -> Path:
    """The session's seed brief: what the machine coded, before any review."""
    return brief_dir


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_review_file_has_one_prefilled_row_per_sentence(machine, analysis):
    rows = _rows(machine / "tables" / "review.csv")
    assert len(rows) == sum(len(a.sentences) for a in analysis.articles)
    assert {
        "doc_id",
        "sentence_id",
        "paragraph",
        "text",
        "dimension",
        "stance_sanctions",
        "exclude",
        "pin",
        "note",
    } <= set(rows[0])
    coded = {c.sentence.sid: c for a in analysis.coded for c in a.codings}
    for row in rows:
        assert row["dimension"] == (coded[row["sentence_id"]].dimension or "none")
    assert any(row["stance_sanctions"] for row in rows)


def test_an_unchanged_review_changes_nothing(machine, tmp_path, codebook):
    out = tmp_path / "same"
    built = build_brief(SEED_FILES, out, codebook=codebook, pdf=False, review=machine / "tables" / "review.csv")
    assert built.analysis.reviewed == 0 and not built.warnings
    for table in ("sentences", "cells", "comparison"):
        assert (out / "tables" / f"{table}.csv").read_bytes() == (machine / "tables" / f"{table}.csv").read_bytes()
    assert "Analyst review: review.csv (SHA-256 " in (out / "brief.html").read_text(encoding="utf-8")


def test_an_edited_review_flows_into_tables_and_brief_marked_as_the_analysts(machine, tmp_path, codebook):
    rows = _rows(machine / "tables" / "review.csv")
    diplomat = [r for r in rows if r["doc_id"] == DIPLOMAT]
    # The analyst reads two of The Diplomat's sentences as arguing against relief, moves one sentence to
    # sanctions, pins a 38 North quote and summarises a cell in words of their own.
    against = [r for r in diplomat if r["dimension"] == "feasibility"][:2]
    for r in against:
        r["dimension"], r["stance_sanctions"], r["note"] = "sanctions", "-1", "hawkish aside"
    pinned = next(r for r in rows if r["doc_id"] == NORTH and r["dimension"] == "approach")
    pinned["pin"] = "1"
    excluded = next(r for r in rows if r["doc_id"] == NORTH and r["dimension"] == "diagnosis")
    excluded["exclude"] = "1"
    rows.append({**rows[0], "text": "A sentence that no longer exists in the article."})
    review = _write(tmp_path / "review.csv", rows)
    (tmp_path / "review.yaml").write_text(
        f"cell_summaries:\n  {DIPLOMAT}:\n    sanctions: Treats relief as a concession to be earned.\n",
        encoding="utf-8",
    )

    out = tmp_path / "edited"
    built = build_brief(SEED_FILES, out, codebook=codebook, pdf=False, review=review)
    assert built.analysis.reviewed == 4
    assert built.warnings == (
        "review.csv: row matches no sentence: 38north-breakthrough-in-search-of-a-strategy: "
        "A sentence that no longer exists in the article.",
    )

    sentences = pd.read_csv(out / "tables" / "sentences.csv", keep_default_na=False, dtype=str)
    edited = sentences[sentences["coded_by"] == "analyst"]
    assert len(edited) == 4
    assert set(edited[edited["doc_id"] == DIPLOMAT]["dimension"]) == {"sanctions"}
    assert (sentences.loc[sentences["text"] == excluded["text"], "excluded"] == "True").all()

    cells = pd.read_csv(out / "tables" / "cells.csv", keep_default_na=False, dtype=str)
    sanctions = cells[(cells["doc_id"] == DIPLOMAT) & (cells["dimension"] == "sanctions")].iloc[0]
    assert sanctions["analyst"] == "True"
    assert sanctions["side"] == "-1"  # the analyst's two sentences outweigh the machine's one
    assert sanctions["analyst_summary"] == "Treats relief as a concession to be earned."
    approach = cells[(cells["doc_id"] == NORTH) & (cells["dimension"] == "approach")].iloc[0]
    assert approach["evidence"] == pinned["sentence_id"]

    comparison = pd.read_csv(out / "tables" / "comparison.csv", keep_default_na=False, dtype=str)
    assert comparison.loc[comparison["dimension"] == "sanctions", "verdict"].iloc[0] == "opposite sides"
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert "Treats relief as a concession to be earned." in html
    assert "; analyst]" in html and "[excluded by the analyst]" in html and "(hawkish aside)" in html
    assert "4 sentences recoded by the analyst, 1 cell summaries" in html


def test_a_review_can_be_the_gold_for_evaluate(machine, analysis, codebook):
    result = evaluate(list(analysis.coded), load_gold(machine / "tables" / "review.csv", codebook), codebook)
    assert result.accuracy == 1.0 and result.n_content > 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("doc_id,text\nx,y\n", "expected a review CSV with columns"),
        ("doc_id,text,dimension\nx,y,nonsense\n", "line 2: unknown dimension 'nonsense'"),
        ("doc_id,text,dimension,stance_sanctions\nx,y,sanctions,strong\n", "stance_sanctions must be a number"),
        ("doc_id,text,dimension,stance_sanctions\nx,y,sanctions,3\n", "must lie between -1 and 1"),
    ],
)
def test_a_broken_review_is_one_clear_refusal(tmp_path, codebook, content, message):
    path = tmp_path / "review.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_review(path, codebook)
