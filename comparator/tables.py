"""Tidy pandas tables made from the analysis values, written as CSV (and Parquet on request)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from comparator.review import columns, review_rows, summary_for
from comparator.verdicts import describe

if TYPE_CHECKING:
    from comparator.codebook import Codebook
    from comparator.coding import CodedArticle
    from comparator.pipeline import Analysis


WIDE_UP_TO = 6


def sentences_rows(coded: list[CodedArticle], codebook: Codebook) -> list[dict]:
    """One row per sentence: where it is, what it says, how it was coded, its stance on each scale (with the
    voice and the reasons that decided it), and whether an analyst changed it."""
    ids = codebook.ids
    scaled = codebook.scaled
    rows = []
    for article in coded:
        for c in article.codings:
            s = c.sentence
            row = {
                "doc_id": s.doc_id,
                "sentence_id": s.sid,
                "paragraph": s.paragraph,
                "page": s.page or "",
                "sentence": s.position,
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "dimension": c.dimension,
                "also": ";".join(c.also),
                "confidence": c.confidence,
                "cues": " | ".join(f"{d}: {', '.join(found)}" for d, found in zip(ids, c.cues, strict=True) if found),
            }
            row.update({f"score_{d}": v for d, v in zip(ids, c.score, strict=True)})
            readings = {r.dimension: r for r in c.stances}
            for d in scaled:
                r = readings.get(d)
                row[f"stance_{d}"] = r.value if r and r.weight > 0 else ""
                row[f"voice_{d}"] = r.voice if r else ""
                row[f"why_{d}"] = "; ".join(r.why) if r else ""
            row.update({"coded_by": "analyst" if c.analyst else "machine", "excluded": c.excluded, "note": c.note})
            rows.append(row)
    return rows


def sentences_table(analysis: Analysis) -> pd.DataFrame:
    rows = sentences_rows(list(analysis.coded), analysis.codebook)
    return pd.DataFrame(rows, columns=_sentence_columns(analysis.codebook))


def _sentence_columns(codebook: Codebook) -> list[str]:
    scaled = codebook.scaled
    return [
        "doc_id",
        "sentence_id",
        "paragraph",
        "page",
        "sentence",
        "start",
        "end",
        "text",
        "dimension",
        "also",
        "confidence",
        "cues",
        *(f"score_{d}" for d in codebook.ids),
        *(f"{k}_{d}" for d in scaled for k in ("stance", "voice", "why")),
        "coded_by",
        "excluded",
        "note",
    ]


def review_table(analysis: Analysis) -> pd.DataFrame:
    """tables/review.csv: the file an analyst edits and gives back with --review (see comparator.review)."""
    return pd.DataFrame(
        review_rows(list(analysis.coded), analysis.codebook), columns=columns(analysis.codebook), dtype=str
    )


def cells_table(analysis: Analysis) -> pd.DataFrame:
    rows = []
    for dim in analysis.comparison.dimensions:
        for cell in dim.cells:
            rows.append(
                {
                    "doc_id": cell.doc_id,
                    "dimension": cell.dimension,
                    "n_sentences": cell.n_sentences,
                    "also_sentences": cell.touching,
                    "share": cell.share,
                    "stance": cell.stance.value,
                    "stance_low": cell.stance.low,
                    "stance_high": cell.stance.high,
                    "stance_n": cell.stance.n,
                    "side": cell.stance.side,
                    "stance_label": cell.stance.label,
                    # who decided the side: the article reader (with the side it read) or the sentences
                    "side_by": "sentences"
                    if cell.stance.by_sentences
                    else ("article reader alone" if cell.stance.alone else "article reader"),
                    "reader_side": cell.stance.read,
                    "silent": cell.silent,
                    "evidence": ";".join(
                        [*(c.sentence.sid for c in cell.evidence), *(f"{cell.doc_id}:{q.kind}" for q in cell.thesis)]
                    ),
                    "key_phrases": "; ".join(cell.key_phrases),
                    "summary": " … ".join([*(c.sentence.text for c in cell.evidence), *(q.text for q in cell.thesis)]),
                    "analyst": cell.analyst,
                    "analyst_summary": summary_for(analysis.review, cell.doc_id, cell.dimension),
                }
            )
    return pd.DataFrame(rows)


def comparison_table(analysis: Analysis) -> pd.DataFrame:
    """One row per dimension (and per pair when there are more than two articles)."""
    rows = []
    # One column per article reads well for a handful; beyond that the table would grow with the cube
    # of the article count, and the per-article figures are in cells.csv anyway.
    per_article = len(analysis.articles) <= WIDE_UP_TO
    labels = analysis.labels
    for dim in analysis.comparison.dimensions:
        cells = {c.doc_id: c for c in dim.cells}
        dimension_verdict = describe(dim.verdict, dim.cells, dim.dimension, labels)
        for pair in dim.pairs:
            row = {
                "dimension": dim.dimension.id,
                "article_a": pair.a,
                "article_b": pair.b,
                "coverage_a": cells[pair.a].share,
                "coverage_b": cells[pair.b].share,
                "stance_a": cells[pair.a].stance.value,
                "stance_b": cells[pair.b].stance.value,
                "side_a": cells[pair.a].stance.side,
                "side_b": cells[pair.b].stance.side,
            }
            if per_article:
                for cell in dim.cells:
                    row[f"coverage_{cell.doc_id}"] = cell.share
                    row[f"stance_{cell.doc_id}"] = cell.stance.value
            row.update(
                {
                    "similarity": pair.similarity,
                    "stance_gap": pair.stance_gap,
                    "coverage_ratio": pair.coverage_ratio,
                    "verdict": pair.verdict.value,
                    "verdict_text": describe(pair.verdict, (cells[pair.a], cells[pair.b]), dim.dimension, labels),
                    "rationale": pair.rationale,
                    "dimension_verdict": dim.verdict.value,
                    "dimension_verdict_text": dimension_verdict,
                }
            )
            rows.append(row)
    return pd.DataFrame(rows)


def removed_table(analysis: Analysis) -> pd.DataFrame:
    rows = [
        {
            "doc_id": r.doc_id,
            "line": r.line,
            "start": r.start,
            "end": r.end,
            "text": r.text,
            "reason": r.reason,
            "kept_as": r.kept_as,
        }
        for a in analysis.articles
        for r in a.removed
    ]
    return pd.DataFrame(rows, columns=["doc_id", "line", "start", "end", "text", "reason", "kept_as"])


def keyness_table(analysis: Analysis) -> pd.DataFrame:
    return pd.DataFrame(
        [k.__dict__ for k in analysis.keyness],
        columns=["scope", "doc_id", "term", "count", "other_count", "log_odds", "z"],
    )


def actors_table(analysis: Analysis) -> pd.DataFrame:
    return pd.DataFrame([a.__dict__ for a in analysis.actors], columns=["doc_id", "actor", "scope", "mentions"])


def metrics_table(analysis: Analysis) -> pd.DataFrame:
    return pd.DataFrame([m.__dict__ for m in analysis.metrics], columns=["doc_id", "metric", "value"])


def articles_table(analysis: Analysis) -> pd.DataFrame:
    rows = []
    for a in analysis.articles:
        m = a.metadata
        rows.append(
            {
                "doc_id": a.doc_id,
                "file": a.path,
                "sha256": a.sha256,
                "format": a.format,
                "encoding": a.encoding,
                "title": m.title,
                "subtitle": m.subtitle,
                "authors": "; ".join(m.authors),
                "outlet": m.outlet,
                "date": m.date,
                "url": m.url,
                "bio": m.bio,
                "paragraphs": len(a.paragraphs),
                "sentences": len(a.sentences),
            }
        )
    return pd.DataFrame(rows)


TABLES = {
    "sentences": sentences_table,
    "cells": cells_table,
    "comparison": comparison_table,
    "removed": removed_table,
    "keyness": keyness_table,
    "actors": actors_table,
    "metrics": metrics_table,
    "articles": articles_table,
    "review": review_table,
}


def build_tables(analysis: Analysis) -> dict[str, pd.DataFrame]:
    return {name: make(analysis) for name, make in TABLES.items()}


def write_tables(tables: dict[str, pd.DataFrame], folder: Path, *, parquet: bool = False) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        path = folder / f"{name}.csv"
        frame.to_csv(path, index=False, lineterminator="\n", float_format="%.4g")
        written.append(path)
        if parquet:
            pq = folder / f"{name}.parquet"
            frame.to_parquet(pq, index=False)
            written.append(pq)
    return written


def write_texts(analysis: Analysis, folder: Path) -> None:
    """The decoded text each article's offsets in sentences.csv refer to (for HTML, PDF and Word input: the
    extracted text), and for a paged source its page boundaries (``NAME.pages.csv``: page, start offset)."""
    folder.mkdir(parents=True, exist_ok=True)
    for article in analysis.articles:
        (folder / f"{article.doc_id}.txt").write_text(article.text, encoding="utf-8", newline="\n")
        if article.pages:
            rows = "".join(f"{page},{offset}\n" for offset, page in article.pages)
            (folder / f"{article.doc_id}.pages.csv").write_text("page,start\n" + rows, encoding="utf-8")
