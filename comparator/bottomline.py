"""The brief's bottom line: up to five sentences rendered from the verdicts and the cells they rest on.

Every sentence names each article's side with its stance, so that it can be checked against the matrix; "both"
or "all" only where each article states that side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from comparator.keyness import top_terms
from comparator.verdicts import Verdict, group_by_side, joined, leaning_note, side_label, stance_gap

if TYPE_CHECKING:
    from comparator.compare import Cell, DimensionComparison
    from comparator.pipeline import Analysis

MAX_POINTS = 5  # a bottom line a decision maker reads in a minute: the splits first, then the rest
# The order in which verdicts earn a place in the bottom line: differences first.
PRIORITY = (
    Verdict.OPPOSITE,
    Verdict.ONE_UNCLEAR,
    Verdict.SAME_SIDE,
    Verdict.AGREE,
    Verdict.NONE_CLEAR,
    Verdict.ONLY_ONE,
)


@dataclass(frozen=True)
class Point:
    """One bottom-line sentence and the evidence sentence ids it rests on."""

    text: str
    refs: tuple[str, ...] = ()


def bottom_line(analysis: Analysis) -> tuple[Point, ...]:
    labels = analysis.labels
    dims = analysis.comparison.dimensions
    points: list[Point] = []
    for verdict in PRIORITY:
        group = [d for d in dims if d.verdict is verdict]
        if verdict is Verdict.OPPOSITE:
            group.sort(key=lambda d: (-_spread(d), d.dimension.id))  # where they split most comes first
        if verdict is Verdict.NONE_CLEAR and group:
            points.append(_none_clear(group, labels))
            continue
        points += [_point(d, labels) for d in group]
    points = points[: MAX_POINTS - 1]
    stresses = _stresses(analysis, labels)
    if stresses:
        points.append(stresses)
    return tuple(points[:MAX_POINTS])


def _point(d: DimensionComparison, labels: dict[str, str]) -> Point:
    name = d.dimension.label.lower()
    cells = list(d.cells)
    refs = _refs(cells)
    every = "both" if len(cells) == 2 else "all"
    if d.verdict is Verdict.ONLY_ONE:
        speaker = next(c for c in cells if not c.silent)
        others = "; ".join(f"{labels[c.doc_id]} {_count(c)}" for c in cells if c.silent)
        side = ""
        if d.dimension.stance:
            stated = side_label(speaker.stance.side, d.dimension)
            side = f"; {_stance(speaker)}, " + (f"for “{stated}”" if speaker.stance.side else "no clear stance")
        return Point(f"Only {labels[speaker.doc_id]} addresses {name} ({_count(speaker)}{side}); {others}.", refs)
    if d.verdict is Verdict.AGREE:
        pole = side_label(cells[0].stance.side, d.dimension)
        return Point(f"On {name} {every} favour “{pole}”: {_list(cells, labels)}.", refs)
    if d.verdict is Verdict.SAME_SIDE:
        stated = [c for c in cells if c.stance.side and not c.silent]
        pole = side_label(stated[0].stance.side, d.dimension)
        strong = max(stated, key=lambda c: (abs(c.stance.value), c.doc_id))
        who = every if len(stated) == len(cells) else joined([labels[c.doc_id] for c in stated])
        return Point(
            f"On {name} {who} favour “{pole}”, {labels[strong.doc_id]} most firmly: {_list(cells, labels)}.", refs
        )
    if d.verdict is Verdict.OPPOSITE:
        return Point(f"On {name} they take opposite sides: {_sides(cells, d, labels)}.", refs)
    # one or some take no clear side
    return Point(f"On {name} {_sides(cells, d, labels)}.", refs)


def _none_clear(group: list[DimensionComparison], labels: dict[str, str]) -> Point:
    names = ", ".join(d.dimension.label.lower() for d in group)
    two = len(group[0].cells) == 2
    detail = "; ".join(f"{d.dimension.label.lower()}: {_list(list(d.cells), labels)}" for d in group)
    return Point(
        f"{'Neither' if two else 'None'} takes a clear side on {names} ({detail}).",
        tuple(r for d in group for r in _refs(list(d.cells))),
    )


def _sides(cells: list[Cell], d: DimensionComparison, labels: dict[str, str]) -> str:
    """ "A and B: offer relief (+0.88, +0.60); C: no clear stance (+0.05)", speaking articles only."""
    by_label = {labels[c.doc_id]: c for c in cells}
    stated = [c for c in cells if c.stance.side and not c.silent]
    parts = []
    for side, names in group_by_side([c for c in cells if not c.silent], d.dimension, labels):
        values = ", ".join(_stance(by_label[n]) for n in names)
        one = len(names) == 1
        what = (
            f"take{'s' if one else ''} no clear stance"
            if side == "no clear stance"
            else f"favour{'s' if one else ''} “{side}”"
        )
        note = leaning_note([by_label[n] for n in names] + stated, labels) if side == "no clear stance" else ""
        parts.append(f"{joined(names)} {what} ({values}){note}")
    silent = [labels[c.doc_id] for c in cells if c.silent]
    if silent:
        parts.append(f"{joined(silent)} barely address{'es' if len(silent) == 1 else ''} it")
    return "; ".join(parts)


def _list(cells: list[Cell], labels: dict[str, str]) -> str:
    return ", ".join(f"{labels[c.doc_id]} {_stance(c)}" for c in cells)


def _stance(cell: Cell) -> str:
    st = cell.stance
    if st.alone:
        return f"{st.value:+.2f}: a leaning read from the whole article, the reader's probability"
    return f"{st.value:+.2f} from {st.n} sentence{'' if st.n == 1 else 's'}" if st.n else "no stance-bearing sentence"


def _count(cell: Cell) -> str:
    return f"{cell.n_sentences} sentence{'' if cell.n_sentences == 1 else 's'}, {cell.share:.0%}"


def _refs(cells: list[Cell]) -> tuple[str, ...]:
    return tuple(c.evidence[0].sentence.sid for c in cells if c.evidence)


def _stresses(analysis: Analysis, labels: dict[str, str]) -> Point | None:
    """What each article stresses that the others do not: its largest coverage lead and distinctive terms."""
    rows = [k for k in analysis.keyness if k.scope == "article"]
    dims = analysis.comparison.dimensions
    parts = []
    for article in analysis.articles:
        lead = max(dims, key=lambda d: (_lead(d, article.doc_id), d.dimension.id))
        terms = [f"“{k.term}”" for k in top_terms(rows, article.doc_id, 3)]
        part = ""
        if _lead(lead, article.doc_id) > 0:
            part = (
                f"{labels[article.doc_id]} gives {lead.dimension.label.lower()} "
                f"{_lead(lead, article.doc_id):.0%} more of its sentences than any other"
            )
        if terms:
            part = (
                part + " and uses " if part else f"{labels[article.doc_id]} uses "
            ) + f"{', '.join(terms)} distinctively"
        if part:
            parts.append(part)
    return Point("; ".join(parts) + ".") if parts else None


def _spread(dim: DimensionComparison) -> float:
    return stance_gap(dim.cells)


def _lead(dim: DimensionComparison, doc_id: str) -> float:
    mine = next(c.share for c in dim.cells if c.doc_id == doc_id)
    others = [c.share for c in dim.cells if c.doc_id != doc_id]
    return mine - max(others) if others else 0.0
