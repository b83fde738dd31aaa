"""The analyst's last word: a review file of every sentence, prefilled with the machine's coding, that an
analyst edits (dimension, stance, exclude, pin, note) and gives back with ``--review``.

Rows are matched to sentences by document and sentence text, so a review still applies after the files are
ingested again; rows that match no sentence are listed, never dropped silently. Every change is kept on the
sentence as ``analyst`` so tables and the brief can mark it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from comparator.errors import InputError
from comparator.stance import AUTHOR, StanceReading

if TYPE_CHECKING:
    from comparator.codebook import Codebook
    from comparator.coding import CodedArticle, Coding

NONE = "none"
_TRUE = {"1", "x", "yes", "y", "true"}


@dataclass(frozen=True)
class ReviewRow:
    doc_id: str
    text: str
    dimension: str  # "" for none
    stances: tuple[tuple[str, float | None], ...]  # scaled dimension -> value (None: no stance)
    exclude: bool
    pin: bool
    note: str


@dataclass(frozen=True)
class Review:
    source: str
    sha256: str
    rows: tuple[ReviewRow, ...]
    summaries: tuple[tuple[str, str, str], ...]  # (doc_id, dimension, the analyst's summary of the cell)


@dataclass(frozen=True)
class Applied:
    """What applying a review did: the recoded articles, how many sentences it changed, and what it could not
    place."""

    coded: tuple[CodedArticle, ...]
    changed: int
    unmatched: tuple[str, ...]  # "doc_id: text" of rows that match no sentence


def columns(codebook: Codebook) -> list[str]:
    scaled = codebook.scaled
    return [
        "doc_id",
        "file",
        "sentence_id",
        "paragraph",
        "text",
        "dimension",
        *(f"stance_{d}" for d in scaled),
        "exclude",
        "pin",
        "note",
    ]


def review_rows(coded: list[CodedArticle], codebook: Codebook) -> list[dict]:
    """One row per sentence, prefilled with the coding the brief shows (the analyst's, where a review applied)."""
    scaled = codebook.scaled
    rows = []
    for article in coded:
        for c in article.codings:
            s = c.sentence
            row = {
                "doc_id": s.doc_id,
                "file": article.article.path,
                "sentence_id": s.sid,
                "paragraph": s.paragraph,
                "text": s.text,
                "dimension": c.dimension or NONE,
            }
            readings = {r.dimension: r for r in c.stances if r.weight > 0 and r.value != 0}
            for d in scaled:
                row[f"stance_{d}"] = f"{readings[d].value:+.2f}" if d in readings else ""
            row.update({"exclude": "1" if c.excluded else "", "pin": "1" if c.pinned else "", "note": c.note})
            rows.append(row)
    return rows


def load_review(path: Path, codebook: Codebook) -> Review:
    """Read an edited review.csv (and the cell summaries of ``<name>.yaml`` beside it, if there is one)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: not found") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; save the review as UTF-8 CSV") from None
    reader = csv.DictReader(io.StringIO(text))
    needed = {"doc_id", "text", "dimension"}
    if not reader.fieldnames or not needed <= set(reader.fieldnames):
        raise InputError(
            f"{path}: expected a review CSV with columns {', '.join(sorted(needed))} (as comparator "
            "writes it in tables/review.csv)"
        )
    allowed = {*codebook.ids, NONE, ""}
    scaled = codebook.scaled
    rows, problems = [], []
    for number, raw in enumerate(reader, start=2):
        dimension = (raw.get("dimension") or "").strip()
        if dimension not in allowed:
            problems.append(f"line {number}: unknown dimension {dimension!r}")
            continue
        stances = []
        for d in scaled:
            value = (raw.get(f"stance_{d}") or "").strip()
            try:
                number_value = float(value) if value else None
            except ValueError:
                problems.append(f"line {number}: stance_{d} must be a number from -1 to 1, got {value!r}")
                continue
            if number_value is not None and not -1 <= number_value <= 1:
                problems.append(f"line {number}: stance_{d} must lie between -1 and 1, got {value}")
                continue
            stances.append((d, number_value))
        rows.append(
            ReviewRow(
                (raw.get("doc_id") or "").strip(),
                raw.get("text") or "",
                "" if dimension == NONE else dimension,
                tuple(stances),
                (raw.get("exclude") or "").strip().lower() in _TRUE,
                (raw.get("pin") or "").strip().lower() in _TRUE,
                (raw.get("note") or "").strip(),
            )
        )
    if problems:
        more = f" (+{len(problems) - 3} more)" if len(problems) > 3 else ""
        raise InputError(f"{path}: {'; '.join(problems[:3])}{more}")
    summaries = _summaries(path.with_suffix(".yaml"), codebook)
    digest = hashlib.sha256(data + (path.with_suffix(".yaml").read_bytes() if summaries else b"")).hexdigest()
    return Review(path.name, digest, tuple(rows), summaries)


def _summaries(path: Path, codebook: Codebook) -> tuple[tuple[str, str, str], ...]:
    if not path.is_file():
        return ()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        raise InputError(f"{path}: not a readable YAML file ({type(exc).__name__})") from None
    given = raw.get("cell_summaries") if isinstance(raw, dict) else None
    if not isinstance(given, dict):
        raise InputError(f"{path}: expected 'cell_summaries: {{doc_id: {{dimension: summary}}}}'")
    found = []
    for doc_id, cells in given.items():
        if not isinstance(cells, dict) or any(d not in codebook.ids for d in cells):
            raise InputError(
                f"{path}: cell_summaries -> {doc_id}: expected a mapping of dimension -> summary "
                f"(dimensions: {', '.join(codebook.ids)})"
            )
        found += [(str(doc_id), str(d), str(text).strip()) for d, text in cells.items()]
    return tuple(sorted(found))


def _key(doc_id: str, text: str) -> tuple[str, str]:
    return doc_id, re.sub(r"\s+", " ", text).strip()


def apply_review(coded: list[CodedArticle], review: Review) -> Applied:
    """The articles recoded where the analyst changed something; each changed sentence is marked ``analyst``."""
    rows = {_key(r.doc_id, r.text): r for r in review.rows}
    seen: set[tuple[str, str]] = set()
    changed = 0
    result = []
    for article in coded:
        codings = []
        for c in article.codings:
            key = _key(c.sentence.doc_id, c.sentence.text)
            row = rows.get(key)
            if row is None:
                codings.append(c)
                continue
            seen.add(key)
            new = _apply_row(c, row)
            changed += new is not c
            codings.append(new)
        result.append(replace(article, codings=tuple(codings)))
    unmatched = tuple(f"{r.doc_id}: {r.text[:80]}" for key, r in rows.items() if key not in seen)
    return Applied(tuple(result), changed, unmatched)


def _apply_row(c: Coding, row: ReviewRow) -> Coding:
    machine = {r.dimension: round(r.value, 2) for r in c.stances if r.weight > 0 and r.value != 0}
    given = {d: v for d, v in row.stances if v is not None}
    same = row.dimension == c.dimension and given == machine and not row.exclude and not row.pin and not row.note
    if same:
        return c
    if row.exclude:
        return replace(
            c,
            dimension="",
            also=(),
            stances=(),
            excluded=True,
            analyst=True,
            note=row.note,
            machine_dimension=c.dimension,
        )
    also = tuple(d for d in c.also if d != row.dimension) if row.dimension == c.dimension else ()
    stances = tuple(StanceReading(d, v, 1.0, AUTHOR, ("analyst",)) for d, v in given.items())
    return replace(
        c,
        dimension=row.dimension,
        also=also,
        stances=stances,
        pinned=row.pin,
        analyst=True,
        note=row.note,
        machine_dimension=c.dimension,
    )


def summary_for(review: Review | None, doc_id: str, dimension: str) -> str:
    if review is None:
        return ""
    return next((text for d, dim, text in review.summaries if d == doc_id and dim == dimension), "")
