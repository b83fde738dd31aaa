"""Verdicts as values: how articles relate on one dimension, computed from the sides their cells state.

Every verdict rests on numbers the brief prints beside it (each cell's side, stance, interval and count), and
its wording is rendered here from the value, in one place, for the table, the bottom line and the methods note.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from comparator.stance import SETTINGS as STANCE

if TYPE_CHECKING:
    from comparator.codebook import Dimension
    from comparator.compare import Cell


class Verdict(Enum):
    AGREE = "agree"
    SAME_SIDE = "same side, different strength"
    OPPOSITE = "opposite sides"
    ONE_UNCLEAR = "one takes no clear side"
    NONE_CLEAR = "no clear side"
    ONLY_ONE = "only one addresses it"
    NONE_ADDRESS = "not addressed"
    NO_SCALE = "no stance scale"


@dataclass(frozen=True)
class VerdictSettings:
    agree_gap: float = 0.25  # two stated stances on the same side agree when they differ by at most this
    silent_sentences: int = 2  # fewer sentences on a dimension than this ...
    silent_share: float = 0.05  # ... and a smaller share of the article: it does not address the dimension


SETTINGS = VerdictSettings()


def is_silent(n_sentences: int, share: float) -> bool:
    return n_sentences < SETTINGS.silent_sentences and share < SETTINGS.silent_share


def verdict_of(cells: tuple[Cell, ...] | list[Cell], dimension: Dimension) -> Verdict:
    """The verdict for two cells (a pair) or for all of a dimension's cells (N articles)."""
    speaking = [c for c in cells if not c.silent]
    if not speaking:
        return Verdict.NONE_ADDRESS
    if len(speaking) < len(cells):
        return Verdict.ONLY_ONE if len(speaking) == 1 else _among(speaking, dimension, partial=True)
    return _among(speaking, dimension, partial=False)


def _among(cells: list[Cell], dimension: Dimension, *, partial: bool) -> Verdict:
    if dimension.stance is None:
        return Verdict.NO_SCALE
    sides = {c.stance.side for c in cells}
    if {1, -1} <= sides:
        return Verdict.OPPOSITE
    if sides == {0}:
        return Verdict.NONE_CLEAR
    if 0 in sides:
        return Verdict.ONE_UNCLEAR
    if partial:
        return Verdict.SAME_SIDE  # the stated ones share a side, but not every article speaks
    # a side the reader states alone only leans: no sentence measures how firmly, so it cannot agree in strength
    if any(c.stance.alone for c in cells):
        return Verdict.SAME_SIDE
    return Verdict.AGREE if stance_gap(cells) <= SETTINGS.agree_gap else Verdict.SAME_SIDE


def stance_gap(cells) -> float:
    """How far apart the stated stances are (0 with fewer than two): the number agree is judged by."""
    values = [c.stance.value for c in cells if c.stance.side and not c.silent]
    return round(max(values) - min(values), 6) if len(values) > 1 else 0.0  # 0.54 - 0.29 is 0.25, as printed


def side_label(side: int, dimension: Dimension) -> str:
    if dimension.stance is None or side == 0:
        return "no clear stance"
    return (dimension.stance.positive if side > 0 else dimension.stance.negative).label


def describe(
    verdict: Verdict, cells: tuple[Cell, ...] | list[Cell], dimension: Dimension, labels: dict[str, str]
) -> str:
    """The verdict in words, naming who stands where."""
    two = len(cells) == 2
    speaking = [c for c in cells if not c.silent]
    if verdict is Verdict.NONE_ADDRESS:
        return "neither addresses it" if two else "none addresses it"
    if verdict is Verdict.ONLY_ONE:
        return f"only {labels[speaking[0].doc_id]} addresses it"
    if verdict is Verdict.NO_SCALE:
        return (
            "both address it (no stance scale)"
            if two and len(speaking) == 2
            else f"{len(speaking)} of {len(cells)} address it (no stance scale)"
        )
    if verdict is Verdict.AGREE:
        return f"agree: {'both' if two else 'all'} {side_label(speaking[0].stance.side, dimension)}"
    if verdict is Verdict.NONE_CLEAR:
        return "neither takes a clear side" if two else "none takes a clear side"
    groups = group_by_side(speaking, dimension, labels)
    text = "; ".join(f"{joined(names)}: {side}" for side, names in groups)
    if verdict is Verdict.ONE_UNCLEAR:
        text += leaning_note(speaking, labels)
    if verdict is Verdict.SAME_SIDE:
        return f"same side, different strength ({text})"
    if verdict is Verdict.OPPOSITE:
        return f"opposite sides ({text})"
    return f"{'one takes' if two else 'some take'} no clear side ({text})"


def leaning_note(cells: list[Cell], labels: dict[str, str]) -> str:
    """ ", B leaning the same way": the articles that state no side but whose stance lies beyond the neutral
    band on the side the others state (too few or too split sentences to state it); "" when there are none."""
    stated = {c.stance.side for c in cells if c.stance.side}
    if len(stated) != 1:
        return ""
    (side,) = stated
    notes = []
    for way, sign in (("the same way", side), ("the other way", -side)):
        names = [labels[c.doc_id] for c in cells if not c.stance.side and _lean(c) == sign]
        if names:
            notes.append(f", {joined(names)} leaning {way}" if len(cells) > 2 else f", leaning {way}")
    return "".join(notes)


def _lean(cell: Cell) -> int:
    value = cell.stance.value
    return 0 if abs(value) < STANCE.neutral_band else (1 if value > 0 else -1)


def joined(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def group_by_side(cells: list[Cell], dimension: Dimension, labels: dict[str, str]) -> list[tuple[str, list[str]]]:
    """Articles grouped by the side they state: the positive pole first, then the negative, then no clear one."""
    groups = []
    for side in (1, -1, 0):
        names = [labels[c.doc_id] for c in cells if c.stance.side == side]
        if names:
            groups.append((side_label(side, dimension), names))
    return groups


def methods_note() -> str:
    return (
        f"Verdicts come from the sides the cells state. Agree: every article states the same side and their "
        f"stances differ by at most {SETTINGS.agree_gap}; same side, different strength: the same side, further "
        f"apart, or one of them only read from the whole article (no sentence measures how firmly); opposite "
        f"sides: at least one on each; one (or some) take no clear side; no clear side. An "
        f"article addresses a dimension unless it has fewer than {SETTINGS.silent_sentences} sentences on it "
        f"and under {SETTINGS.silent_share:.0%} of its sentences, and states no side in its headline or dek. "
        f"An article that states no side but whose stance "
        f"lies {STANCE.neutral_band} or more from 0 is noted as leaning the same (or the other) way as the side "
        f"the others state: too few or too split sentences to state it."
    )
