"""The brief's bottom line: 3-5 sentences generated from the comparison's numbers and quotes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from comparator.keyness import top_terms

if TYPE_CHECKING:
    from comparator.pipeline import Analysis


@dataclass(frozen=True)
class Point:
    """One bottom-line sentence and the evidence sentence ids it rests on."""

    text: str
    refs: tuple[str, ...] = ()


def bottom_line(analysis: Analysis) -> tuple[Point, ...]:
    labels = {a.doc_id: a.label for a in analysis.articles}
    dims = analysis.comparison.dimensions
    points: list[Point] = []

    agree = [d for d in dims if d.verdict == "agree"]
    if agree:
        refs = tuple(c.evidence[0].sentence.sid for d in agree for c in d.cells if c.evidence)
        names = ", ".join(d.dimension.label.lower() for d in agree)
        if len(agree) == 1:
            gaps = f"stance gap {_spread(agree[0]):.2f}"
        else:
            gaps = ", ".join(f"{d.dimension.label.lower()}: stance gap {_spread(d):.2f}" for d in agree)
        points.append(Point(f"They agree on {names} ({gaps}).", refs))

    diverge = [d for d in dims if "diverge" in d.verdict]
    for d in diverge:
        sides = "; ".join(f"{labels[c.doc_id]} {c.stance.value:+.2f} ({c.stance.label})" for c in d.cells)
        refs = tuple(c.evidence[0].sentence.sid for c in d.cells if c.evidence)
        points.append(Point(f"They diverge on {d.dimension.label.lower()}: {sides}.", refs))

    emphasis = [d for d in dims if d.verdict.startswith("same direction")]
    by_stance = max(emphasis, key=lambda d: (_spread(d), d.dimension.id), default=None)
    if by_stance is not None and by_stance.dimension.stance is not None and _spread(by_stance) >= 0.25:
        strong = max(by_stance.cells, key=lambda c: (abs(c.stance.value), c.doc_id))
        weak = min(by_stance.cells, key=lambda c: (abs(c.stance.value), c.doc_id))
        scale = by_stance.dimension.stance
        pole = (scale.positive if strong.stance.value > 0 else scale.negative).label
        everyone, weakest = ("both", "far less") if len(by_stance.cells) == 2 else ("all", "least")
        refs = tuple(c.evidence[0].sentence.sid for c in (strong, weak) if c.evidence)
        points.append(Point(
            f"On {by_stance.dimension.label.lower()} {everyone} lean toward “{pole}”, {labels[strong.doc_id]} firmly "
            f"({strong.stance.value:+.2f}), {labels[weak.doc_id]} {weakest} ({weak.stance.value:+.2f}).", refs))
        emphasis = [d for d in emphasis if d is not by_stance]
    if emphasis:
        d = max(emphasis, key=lambda d: (max(c.share for c in d.cells) - min(c.share for c in d.cells), d.dimension.id))
        high = max(d.cells, key=lambda c: (c.share, c.doc_id))
        low = min(d.cells, key=lambda c: (c.share, c.doc_id))
        refs = tuple(c.evidence[0].sentence.sid for c in (high, low) if c.evidence)
        points.append(Point(
            f"On {d.dimension.label.lower()} the emphasis differs most: {labels[high.doc_id]} "
            f"gives it {high.share:.0%} of its sentences (stance {high.stance.value:+.2f}), {labels[low.doc_id]} "
            f"{low.share:.0%} (stance {low.stance.value:+.2f}).", refs))

    only = [d for d in dims if d.verdict.startswith("only ")]
    for d in only:
        speaker = next(c for c in d.cells if not c.silent)
        refs = tuple(c.sentence.sid for c in speaker.evidence[:1])
        points.append(Point(f"Only {labels[speaker.doc_id]} addresses {d.dimension.label.lower()} "
                            f"({speaker.n_sentences} sentences).", refs))

    # What each stresses that the others do not: its largest coverage lead and its most distinctive terms.
    rows = [k for k in analysis.keyness if k.scope == "article"]
    stresses = []
    for article in analysis.articles:
        lead = max(dims, key=lambda d: (_lead(d, article.doc_id), d.dimension.id))
        terms = [f"“{k.term}”" for k in top_terms(rows, article.doc_id, 3)]
        part = f"{article.label} stresses {lead.dimension.label.lower()} (+{_lead(lead, article.doc_id):.0%} coverage)"
        if terms:
            part += f" and uses {', '.join(terms)} distinctively"
        stresses.append(part)
    points.append(Point("; ".join(stresses) + "."))
    return tuple(points[:5])


def _spread(dim) -> float:
    return max(c.stance.value for c in dim.cells) - min(c.stance.value for c in dim.cells)


def _lead(dim, doc_id: str) -> float:
    mine = next(c.share for c in dim.cells if c.doc_id == doc_id)
    others = [c.share for c in dim.cells if c.doc_id != doc_id]
    return mine - max(others) if others else 0.0
