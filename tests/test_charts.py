"""The chart specs say what the analysis says: one coverage bar per cell at its share, a stance mark only where
something is on the scale and a filled one only where a side is stated, distinctive terms past the threshold."""

from __future__ import annotations

import pytest

from comparator.charts import coverage_chart, keyness_chart, stance_chart
from comparator.keyness import MIN_Z
from comparator.pipeline import analyse, read_articles


def _rows(spec: dict, field: str) -> list[dict]:
    """The inline data rows of a spec that carry ``field`` (Altair names its datasets by hash)."""
    return [row for rows in spec.get("datasets", {}).values() for row in rows if field in row]


@pytest.fixture(scope="module")
def cells(analysis):
    return [c for d in analysis.comparison.dimensions for c in d.cells]


def test_one_coverage_bar_per_cell_at_its_share(analysis, cells):
    rows = _rows(coverage_chart(analysis).spec, "share")
    labels = {a.doc_id: a.label for a in analysis.articles}
    dims = {d.dimension.id: d.dimension.label for d in analysis.comparison.dimensions}
    got = sorted((r["article"], r["dimension"], r["share"], r["sentences"]) for r in rows)
    want = sorted((labels[c.doc_id], dims[c.dimension], c.share, c.n_sentences) for c in cells)
    assert got == want


@pytest.fixture(scope="module")
def sparse(tmp_path_factory, codebook):
    """Two short pieces, one of which says nothing on most scales."""
    folder = tmp_path_factory.mktemp("sparse")
    (folder / "hawk.txt").write_text(
        "Keep the Pressure On\n\nWashington must not ease sanctions until Pyongyang takes irreversible steps. "
        "Lifting them now would reward bad behaviour.\n",
        encoding="utf-8",
    )
    (folder / "quiet.txt").write_text(
        "A Note on the Talks\n\nThe talks resumed in Geneva on Monday after a pause of two weeks.\n", encoding="utf-8"
    )
    return analyse(read_articles([folder / "hawk.txt", folder / "quiet.txt"]), codebook)


@pytest.mark.parametrize("which", ["seeds", "sparse"])
def test_stance_marks_only_where_the_scale_has_evidence_and_filled_only_where_a_side_is_stated(analysis, sparse, which):
    analysis = analysis if which == "seeds" else sparse
    cells = [c for d in analysis.comparison.dimensions for c in d.cells]
    if which == "sparse":
        assert any(not c.stance.n for c in cells) and any(c.stance.side for c in cells)
    chart = stance_chart(analysis)
    rows = _rows(chart.spec, "stance")
    with_evidence = [c for c in cells if c.stance.n]
    stated = [c for c in with_evidence if c.stance.side]
    rings = {(r["dimension"], r["article"]) for r in rows}
    assert len(rings) == len(with_evidence)
    assert all(r["low"] <= r["stance"] <= r["high"] for r in rows)
    filled = [r for r in rows if r["clear"] == "states a side"]
    assert len({(r["dimension"], r["article"]) for r in filled}) == len(stated)
    assert chart.takeaway.startswith(f"{len(stated)} of {len(with_evidence)} stances state a side")


def test_distinctive_terms_pass_the_threshold_and_point_to_their_article(analysis):
    rows = _rows(keyness_chart(analysis).spec, "z")
    assert rows, "the seeds have distinctive terms"
    assert all(abs(r["z"]) >= MIN_Z for r in rows)
    first = analysis.articles[0].label
    assert all((r["z"] > 0) == (r["article"] == first) for r in rows)  # two articles: the second points left
    keyness = {(k.doc_id, k.term): k for k in analysis.keyness if k.scope == "article"}
    ids = {a.label: a.doc_id for a in analysis.articles}
    assert all(abs(keyness[(ids[r["article"]], r["term"])].z - abs(r["z"])) < 1e-3 for r in rows)


def test_the_helper_processes_need_no_altair():
    """The charts process gets finished specs and the files process the analysis and the report: neither
    imports Altair (about 0.4 s of CPU each), so nothing they unpickle may pull it in."""
    import subprocess
    import sys

    modules = "comparator.pipeline, comparator.report, comparator.chartfiles, comparator.slides, comparator.tables"
    code = f"import sys, {modules}; print('altair' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"
