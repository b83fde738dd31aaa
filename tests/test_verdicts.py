"""Verdicts and the bottom line, from cells built by hand: each verdict for two, three and five articles, its
wording, and the bottom-line sentences that must agree with the cells they rest on."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import permutations
from types import SimpleNamespace

import pytest

from comparator import verdicts
from comparator.bottomline import MAX_POINTS, bottom_line
from comparator.codebook import Dimension, Pole, Stance
from comparator.compare import Cell, DimensionComparison
from comparator.keyness import Keyness
from comparator.stance import ArticleStance
from comparator.verdicts import Verdict, describe, group_by_side, side_label, verdict_of

RELIEF, PRESSURE, UNCLEAR = "offer relief", "keep or raise pressure", "no clear stance"
LEANING = r", (?:[A-E](?:(?:, | and )[A-E])* )?leaning the (?:same|other) way"  # the note on a thin lean
SCALE = Stance(negative=Pole(PRESSURE, ()), positive=Pole(RELIEF, ()))
POLE_SIDE = {RELIEF: 1, PRESSURE: -1}


def dimension(dim_id: str = "sanctions", label: str = "Sanctions", *, scale: bool = True) -> Dimension:
    return Dimension(dim_id, label, f"What does it say on {label.lower()}?", "", (), (), SCALE if scale else None)


SANCTIONS = dimension()
CONTEXT = dimension("context", "Context", scale=False)

LETTERS = "ABCDE"
LABELS = {f"doc-{x.lower()}": x for x in LETTERS}


def doc(letter: str) -> str:
    return f"doc-{letter.lower()}"


def article_stance(dim: Dimension, value: float, side: int, n: int) -> ArticleStance:
    if dim.stance is None:
        return ArticleStance(dim.id, 0.0, 0.0, 0.0, 0, 0, "no scale", ())
    label = UNCLEAR if side == 0 else side_label(side, dim)
    return ArticleStance(dim.id, value, value - 0.1, value + 0.1, n, side, label, ())


def cell(
    letter: str,
    value: float = 0.0,
    side: int = 0,
    *,
    n: int = 2,
    sentences: int = 4,
    share: float = 0.2,
    touching: int = 0,
    silent: bool = False,
    dim: Dimension = SANCTIONS,
    evidence: tuple = (),
) -> Cell:
    return Cell(
        doc(letter), dim.id, sentences, touching, share, article_stance(dim, value, side, n), evidence, (), silent
    )


def quiet(
    letter: str,
    value: float = 0.0,
    side: int = 0,
    *,
    n: int = 0,
    sentences: int = 1,
    share: float = 0.02,
    dim: Dimension = SANCTIONS,
) -> Cell:
    """A cell that barely addresses the dimension (consistent with verdicts.is_silent)."""
    assert verdicts.is_silent(sentences, share)
    return cell(letter, value, side, n=n, sentences=sentences, share=share, silent=True, dim=dim)


# A compact notation for a row of cells, one per article A, B, C, ...: R = states "offer relief" (+1),
# P = states "keep or raise pressure" (-1), U = speaks but states no clear side, S = silent.
def R(value: float) -> tuple[float, int]:
    return abs(value), 1


def P(value: float) -> tuple[float, int]:
    return -abs(value), -1


def U(value: float = 0.05) -> tuple[float, int]:
    return value, 0


S = None


def row(*specs: tuple[float, int] | None, dim: Dimension = SANCTIONS) -> tuple[Cell, ...]:
    """Article i gets stance n = i + 2 and i + 4 sentences on the dimension (20% of it); silent ones 1 (2%)."""
    cells = []
    for i, (letter, spec) in enumerate(zip(LETTERS, specs, strict=False)):
        if spec is None:
            cells.append(quiet(letter, dim=dim))
        else:
            cells.append(cell(letter, *spec, n=i + 2, sentences=i + 4, dim=dim))
    return tuple(cells)


# ---------------------------------------------------------------------------------------------------------------
# 1-2. verdict_of: every verdict for N = 2, 3 and 5

CASES_2 = [
    ("agree", row(R(0.80), R(0.60)), Verdict.AGREE),
    ("agree on pressure", row(P(0.70), P(0.85)), Verdict.AGREE),
    ("agree, same value", row(R(0.50), R(0.50)), Verdict.AGREE),
    ("same side, different strength", row(R(0.90), R(0.30)), Verdict.SAME_SIDE),
    ("same side on pressure, different strength", row(P(0.20), P(0.95)), Verdict.SAME_SIDE),
    ("opposite", row(R(0.70), P(0.50)), Verdict.OPPOSITE),
    ("opposite, weakly", row(P(0.20), R(0.20)), Verdict.OPPOSITE),
    ("one takes no clear side", row(R(0.70), U(0.05)), Verdict.ONE_UNCLEAR),
    ("no clear side despite a negative value", row(R(0.70), U(-0.40)), Verdict.ONE_UNCLEAR),  # sides, not signs
    ("neither takes a clear side", row(U(0.05), U(-0.10)), Verdict.NONE_CLEAR),
    ("only the first addresses it", row(R(0.70), S), Verdict.ONLY_ONE),
    ("only the second addresses it", row(S, P(0.70)), Verdict.ONLY_ONE),
    ("only one, and it states no side", row(U(0.05), S), Verdict.ONLY_ONE),
    ("not addressed", row(S, S), Verdict.NONE_ADDRESS),
]

CASES_3 = [
    ("two relief, one pressure", row(R(0.80), R(0.60), P(0.50)), Verdict.OPPOSITE),
    ("one relief, two pressure", row(P(0.80), R(0.60), P(0.50)), Verdict.OPPOSITE),
    ("relief, pressure, no clear side", row(R(0.80), P(0.60), U(0.05)), Verdict.OPPOSITE),
    ("relief, pressure, silent", row(R(0.80), S, P(0.60)), Verdict.OPPOSITE),
    ("all relief, close", row(R(0.70), R(0.60), R(0.50)), Verdict.AGREE),
    ("all pressure, exactly at the threshold", row(P(0.50), P(0.75), P(0.60)), Verdict.AGREE),
    ("all relief, just over the threshold", row(R(0.50), R(0.76), R(0.60)), Verdict.SAME_SIDE),
    ("all relief, spread", row(R(0.90), R(0.50), R(0.30)), Verdict.SAME_SIDE),
    ("all stated relief, one silent", row(R(0.60), R(0.62), S), Verdict.SAME_SIDE),  # not every article speaks
    ("one side plus no clear side", row(R(0.80), R(0.60), U(0.05)), Verdict.ONE_UNCLEAR),
    ("one side, no clear side, silent", row(S, P(0.60), U(0.05)), Verdict.ONE_UNCLEAR),
    ("none clear", row(U(0.05), U(-0.10), U(0.12)), Verdict.NONE_CLEAR),
    ("none clear, one silent", row(U(0.05), S, U(-0.10)), Verdict.NONE_CLEAR),
    ("only one of three", row(S, P(0.60), S), Verdict.ONLY_ONE),
    ("all silent", row(S, S, S), Verdict.NONE_ADDRESS),
]

CASES_5 = [
    ("four relief, one pressure", row(R(0.88), R(0.60), P(0.50), R(0.70), R(0.40)), Verdict.OPPOSITE),
    ("two against two, one silent", row(R(0.50), P(0.50), S, P(0.30), R(0.90)), Verdict.OPPOSITE),
    ("three relief, one pressure, one unclear", row(R(0.88), R(0.60), P(0.50), R(0.70), U(0.05)), Verdict.OPPOSITE),
    ("all pressure, exactly at the threshold", row(P(0.50), P(0.75), P(0.60), P(0.70), P(0.55)), Verdict.AGREE),
    ("all relief, one far out", row(R(0.50), R(0.55), R(0.60), R(0.50), R(0.90)), Verdict.SAME_SIDE),
    ("three relief, two silent", row(R(0.90), S, R(0.40), S, R(0.60)), Verdict.SAME_SIDE),
    ("four relief close, one silent", row(R(0.60), R(0.60), R(0.60), R(0.60), S), Verdict.SAME_SIDE),
    ("two relief, two unclear, one silent", row(R(0.88), U(0.05), U(-0.10), R(0.60), S), Verdict.ONE_UNCLEAR),
    ("one pressure, four unclear", row(U(0.05), U(0.05), P(0.50), U(-0.05), U(0.00)), Verdict.ONE_UNCLEAR),
    ("none clear", row(U(0.05), U(-0.10), U(0.12), U(0.00), U(-0.14)), Verdict.NONE_CLEAR),
    ("only one of five", row(S, S, S, R(0.88), S), Verdict.ONLY_ONE),
    ("two of five, no clear side", row(S, U(0.05), S, U(0.10), S), Verdict.NONE_CLEAR),
    ("all five silent", row(S, S, S, S, S), Verdict.NONE_ADDRESS),
]

NO_SCALE_CASES = [
    ("no scale, both speak", row(U(), U(), dim=CONTEXT), Verdict.NO_SCALE),
    ("no scale, three speak", row(U(), U(), U(), dim=CONTEXT), Verdict.NO_SCALE),
    ("no scale, two of three speak", row(U(), S, U(), dim=CONTEXT), Verdict.NO_SCALE),
    ("no scale, only one speaks", row(S, U(), dim=CONTEXT), Verdict.ONLY_ONE),
    ("no scale, none speaks", row(S, S, S, S, S, dim=CONTEXT), Verdict.NONE_ADDRESS),
]

SCALED_CASES = CASES_2 + CASES_3 + CASES_5
ALL_CASES = SCALED_CASES + NO_SCALE_CASES


def _params(cases):
    return [pytest.param(cells, verdict, id=f"N={len(cells)}: {name}") for name, cells, verdict in cases]


def _dim(cells: tuple[Cell, ...]) -> Dimension:
    return SANCTIONS if cells[0].dimension == SANCTIONS.id else CONTEXT


@pytest.mark.parametrize(("cells", "verdict"), _params(ALL_CASES))
def test_verdict_of(cells, verdict):
    assert verdict_of(cells, _dim(cells)) is verdict


@pytest.mark.parametrize(("cells", "verdict"), _params(ALL_CASES))
def test_verdict_does_not_depend_on_article_order(cells, verdict):
    orders = permutations(cells) if len(cells) <= 3 else [cells[::-1], cells[2:] + cells[:2]]
    for order in orders:
        assert verdict_of(list(order), _dim(cells)) is verdict


def test_every_verdict_value_is_reached_for_two_articles():
    reached = {v for _, _, v in CASES_2} | {verdict_of(row(U(), U(), dim=CONTEXT), CONTEXT)}
    assert reached == set(Verdict)


def test_no_stance_scale_wins_over_the_sides_the_cells_carry():
    """On a dimension without a scale the sides of the cells (which should be 0) are never read."""
    a = replace(cell("A", dim=CONTEXT), stance=ArticleStance("context", 0.9, 0.8, 1.0, 3, 1, "no scale", ()))
    b = replace(cell("B", dim=CONTEXT), stance=ArticleStance("context", -0.9, -1.0, -0.8, 3, -1, "no scale", ()))
    assert verdict_of((a, b), CONTEXT) is Verdict.NO_SCALE


def test_a_side_read_from_the_whole_article_is_the_same_side_never_agreement_in_strength():
    """A side the reader states alone has no sentences to measure how firmly: close figures do not agree."""
    a, b = cell("A", 0.7, 1), cell("B", 0.68, 1)
    assert verdict_of((a, b), SANCTIONS) is Verdict.AGREE
    read = replace(b, stance=replace(b.stance, alone=0.68))
    assert verdict_of((a, read), SANCTIONS) is Verdict.SAME_SIDE
    assert verdict_of((a, replace(read, stance=replace(read.stance, side=-1))), SANCTIONS) is Verdict.OPPOSITE


def test_silent_cells_do_not_count_whatever_side_they_carry():
    cells = (cell("A", 0.7, 1), quiet("B", -0.8, -1, n=2), cell("C", 0.6, 1))
    assert verdict_of(cells, SANCTIONS) is Verdict.SAME_SIDE
    assert verdict_of(cells[:2], SANCTIONS) is Verdict.ONLY_ONE


@pytest.mark.parametrize(
    ("low", "high", "verdict"),
    [
        (0.50, 0.75, Verdict.AGREE),  # exactly agree_gap apart
        (0.10, 0.35, Verdict.AGREE),
        (0.35, 0.60, Verdict.AGREE),
        (0.50, 0.76, Verdict.SAME_SIDE),  # just over
        (0.20, 0.46, Verdict.SAME_SIDE),
    ],
)
@pytest.mark.parametrize("side", [1, -1])
def test_agree_threshold_for_two(low, high, verdict, side):
    assert verdicts.SETTINGS.agree_gap == 0.25
    cells = (cell("A", side * low, side), cell("B", side * high, side))
    assert verdict_of(cells, SANCTIONS) is verdict


@pytest.mark.parametrize(("low", "high"), [(0.29, 0.54), (0.30, 0.55), (0.41, 0.66), (0.43, 0.68)])
def test_agree_threshold_holds_for_every_gap_printed_as_exactly_the_threshold(low, high):
    cells = (cell("A", low, 1), cell("B", high, 1), cell("C", (low + high) / 2, 1))
    assert f"{high - low:.2f}" == "0.25"
    assert verdict_of(cells[:2], SANCTIONS) is Verdict.AGREE
    assert verdict_of(cells, SANCTIONS) is Verdict.AGREE


@pytest.mark.parametrize(
    ("gap", "cells", "verdict"),
    [
        (0.5, row(R(0.90), R(0.50)), Verdict.AGREE),
        (0.5, row(R(0.90), R(0.50), R(0.40)), Verdict.AGREE),
        (0.1, row(R(0.80), R(0.60)), Verdict.SAME_SIDE),
        (0.1, row(P(0.80), P(0.60), P(0.75)), Verdict.SAME_SIDE),
        (0.0, row(R(0.50), R(0.50)), Verdict.AGREE),
    ],
)
def test_agree_gap_is_read_from_settings(monkeypatch, gap, cells, verdict):
    monkeypatch.setattr(verdicts, "SETTINGS", replace(verdicts.SETTINGS, agree_gap=gap))
    assert verdict_of(cells, SANCTIONS) is verdict


# ---------------------------------------------------------------------------------------------------------------
# 3. describe and group_by_side


@pytest.mark.parametrize(
    ("cells", "text"),
    [
        # N = 2
        (row(R(0.80), R(0.60)), "agree: both offer relief"),
        (row(P(0.70), P(0.85)), "agree: both keep or raise pressure"),
        (row(R(0.90), R(0.30)), "same side, different strength (A and B: offer relief)"),
        (row(P(0.50), R(0.70)), "opposite sides (B: offer relief; A: keep or raise pressure)"),
        (row(U(0.05), R(0.70)), "one takes no clear side (B: offer relief; A: no clear stance)"),
        (row(U(0.05), U(-0.10)), "neither takes a clear side"),
        (row(S, P(0.70)), "only B addresses it"),
        (row(S, S), "neither addresses it"),
        (row(U(), U(), dim=CONTEXT), "both address it (no stance scale)"),
        # N = 3
        (row(R(0.70), R(0.60), R(0.50)), "agree: all offer relief"),
        (row(R(0.80), P(0.50), R(0.60)), "opposite sides (A and C: offer relief; B: keep or raise pressure)"),
        (row(R(0.80), S, P(0.60)), "opposite sides (A: offer relief; C: keep or raise pressure)"),
        (
            row(R(0.80), P(0.60), U(0.05)),
            "opposite sides (A: offer relief; B: keep or raise pressure; C: no clear stance)",
        ),
        (row(R(0.60), R(0.62), S), "same side, different strength (A and B: offer relief)"),
        (row(R(0.80), R(0.60), U(0.05)), "some take no clear side (A and B: offer relief; C: no clear stance)"),
        (row(U(0.05), U(-0.10), U(0.12)), "none takes a clear side"),
        (row(S, P(0.60), S), "only B addresses it"),
        (row(S, S, S), "none addresses it"),
        (row(U(), S, U(), dim=CONTEXT), "2 of 3 address it (no stance scale)"),
        (row(U(), U(), U(), dim=CONTEXT), "3 of 3 address it (no stance scale)"),
        # N = 5
        (
            row(R(0.88), R(0.60), P(0.50), R(0.70), U(0.05)),
            "opposite sides (A, B and D: offer relief; C: keep or raise pressure; E: no clear stance)",
        ),
        (
            row(R(0.50), P(0.50), S, P(0.30), R(0.90)),
            "opposite sides (A and E: offer relief; B and D: keep or raise pressure)",
        ),
        (row(R(0.90), S, R(0.40), S, R(0.60)), "same side, different strength (A, C and E: offer relief)"),
        (row(P(0.50), P(0.75), P(0.60), P(0.70), P(0.55)), "agree: all keep or raise pressure"),
        (
            row(R(0.88), U(0.05), U(-0.10), R(0.60), S),
            "some take no clear side (A and D: offer relief; B and C: no clear stance)",
        ),
        (row(S, S, S, R(0.88), S), "only D addresses it"),
        (row(S, S, S, S, S), "none addresses it"),
    ],
)
def test_describe(cells, text):
    dim = _dim(cells)
    assert describe(verdict_of(cells, dim), cells, dim, LABELS) == text


@pytest.mark.parametrize(
    ("cells", "text"),
    [
        (row(R(0.70), U(0.40)), "one takes no clear side (A: offer relief; B: no clear stance, leaning the same way)"),
        (
            row(P(0.70), U(0.40)),
            "one takes no clear side (A: keep or raise pressure; B: no clear stance, leaning the other way)",
        ),
        (row(R(0.70), U(0.10)), "one takes no clear side (A: offer relief; B: no clear stance)"),  # inside the band
        (
            row(R(0.70), U(0.40), U(-0.30), U(0.05)),
            "some take no clear side (A: offer relief; B, C and D: no clear stance, B leaning the same way, "
            "C leaning the other way)",
        ),
    ],
)
def test_describe_notes_a_lean_too_thin_to_state(cells, text):
    assert describe(verdict_of(cells, SANCTIONS), cells, SANCTIONS, LABELS) == text


def test_bottom_line_notes_a_lean_too_thin_to_state():
    assert first_point(row(R(0.86), U(0.41))) == (
        "On sanctions A favours “offer relief” (+0.86 from 2 sentences); "
        "B takes no clear stance (+0.41 from 3 sentences), leaning the same way."
    )


@pytest.mark.parametrize(("cells", "verdict"), _params(ALL_CASES))
def test_describe_places_every_speaking_article_under_the_side_it_states(cells, verdict):
    dim = _dim(cells)
    text = describe(verdict, cells, dim, LABELS)
    speaking = [c for c in cells if not c.silent]
    if verdict in (Verdict.SAME_SIDE, Verdict.OPPOSITE, Verdict.ONE_UNCLEAR):
        inside = re.fullmatch(r"[^(]+\((.*)\)", text).group(1)
        placed = {}
        for part in inside.split("; "):
            names, side = part.split(": ")
            placed |= dict.fromkeys(_split(names), re.sub(LEANING, "", side))
        assert placed == {LABELS[c.doc_id]: side_label(c.stance.side, dim) for c in speaking}
    for c in cells:
        if c.silent and verdict is not Verdict.NONE_ADDRESS:
            assert not re.search(rf"\b{LABELS[c.doc_id]}\b", text), "a silent article is never placed"


@pytest.mark.parametrize(("cells", "verdict"), _params(SCALED_CASES))
def test_describe_says_both_or_all_only_when_every_article_states_that_side(cells, verdict):
    text = describe(verdict, cells, SANCTIONS, LABELS)
    every = re.search(r"\b(both|all)\b (.*)", text)
    if every:
        pole = every.group(2)
        assert pole in POLE_SIDE
        assert all(not c.silent and c.stance.side == POLE_SIDE[pole] for c in cells)
    else:
        assert verdict is not Verdict.AGREE


def test_describe_both_only_for_two_articles():
    assert "both" not in describe(Verdict.AGREE, row(R(0.6), R(0.6), R(0.6)), SANCTIONS, LABELS)
    assert "all" not in describe(Verdict.AGREE, row(R(0.6), R(0.6)), SANCTIONS, LABELS)
    assert "both" not in describe(Verdict.NO_SCALE, row(U(), U(), S, dim=CONTEXT), CONTEXT, LABELS)


def test_group_by_side_puts_the_positive_pole_first_then_the_negative_then_no_clear_side():
    cells = list(row(U(0.05), P(0.60), R(0.70), P(0.30), R(0.90)))
    assert group_by_side(cells, SANCTIONS, LABELS) == [(RELIEF, ["C", "E"]), (PRESSURE, ["B", "D"]), (UNCLEAR, ["A"])]


def test_group_by_side_leaves_out_empty_groups_and_keeps_article_order():
    assert group_by_side(list(row(P(0.2), P(0.9), P(0.5))), SANCTIONS, LABELS) == [(PRESSURE, ["A", "B", "C"])]
    assert group_by_side(list(row(U(), R(0.5))), SANCTIONS, LABELS) == [(RELIEF, ["B"]), (UNCLEAR, ["A"])]
    assert group_by_side([], SANCTIONS, LABELS) == []


def test_side_label():
    assert side_label(1, SANCTIONS) == RELIEF
    assert side_label(-1, SANCTIONS) == PRESSURE
    assert side_label(0, SANCTIONS) == UNCLEAR
    assert side_label(1, CONTEXT) == UNCLEAR


# ---------------------------------------------------------------------------------------------------------------
# 4. bottom_line


def analysis_of(*dims: tuple[Dimension, tuple[Cell, ...]], keyness=()) -> SimpleNamespace:
    """Only what bottom_line reads: articles (doc_id, label), comparison.dimensions and keyness."""
    articles = [SimpleNamespace(doc_id=c.doc_id, label=LABELS[c.doc_id]) for c in dims[0][1]]
    comparisons = tuple(DimensionComparison(d, tuple(cells), (), verdict_of(cells, d), "") for d, cells in dims)
    return SimpleNamespace(
        articles=articles,
        labels={a.doc_id: a.label for a in articles},
        comparison=SimpleNamespace(dimensions=comparisons),
        keyness=list(keyness),
    )


def first_point(cells: tuple[Cell, ...]) -> str:
    return bottom_line(analysis_of((_dim(cells), cells)))[0].text


SHAPES = [
    # N = 2
    (
        "opposite",
        row(R(0.88), P(0.60)),
        "On sanctions they take opposite sides: A favours “offer relief” (+0.88 from 2 sentences); "
        "B favours “keep or raise pressure” (-0.60 from 3 sentences).",
    ),
    (
        "one unclear",
        row(U(0.05), P(0.60)),
        "On sanctions B favours “keep or raise pressure” (-0.60 from 3 sentences); "
        "A takes no clear stance (+0.05 from 2 sentences).",
    ),
    (
        "same side",
        row(R(0.40), R(0.88)),
        "On sanctions both favour “offer relief”, B most firmly: A +0.40 from 2 sentences, B +0.88 from 3 sentences.",
    ),
    (
        "agree",
        row(P(0.70), P(0.60)),
        "On sanctions both favour “keep or raise pressure”: A -0.70 from 2 sentences, B -0.60 from 3 sentences.",
    ),
    (
        "none clear",
        row(U(0.05), U(-0.10)),
        "Neither takes a clear side on sanctions (sanctions: A +0.05 from 2 sentences, B -0.10 from 3 sentences).",
    ),
    (
        "only one",
        row(S, R(0.88)),
        "Only B addresses sanctions (5 sentences, 20%; +0.88 from 3 sentences, for “offer relief”); A 1 sentence, 2%.",
    ),
    ("only one, no scale", row(U(), S, dim=CONTEXT), "Only A addresses context (4 sentences, 20%); B 1 sentence, 2%."),
    # N = 3
    (
        "opposite",
        row(R(0.88), P(0.60), R(0.50)),
        "On sanctions they take opposite sides: A and C favour “offer relief” (+0.88 from 2 sentences, +0.50 from "
        "4 sentences); B favours “keep or raise pressure” (-0.60 from 3 sentences).",
    ),
    (
        "opposite, one silent",
        row(R(0.88), S, P(0.60)),
        "On sanctions they take opposite sides: A favours “offer relief” (+0.88 from 2 sentences); "
        "C favours “keep or raise pressure” (-0.60 from 4 sentences); B barely addresses it.",
    ),
    (
        "one unclear",
        row(R(0.88), U(0.05), R(0.60)),
        "On sanctions A and C favour “offer relief” (+0.88 from 2 sentences, +0.60 from 4 sentences); "
        "B takes no clear stance (+0.05 from 3 sentences).",
    ),
    (
        "same side",
        row(R(0.90), R(0.50), R(0.30)),
        "On sanctions all favour “offer relief”, A most firmly: A +0.90 from 2 sentences, B +0.50 from 3 sentences, "
        "C +0.30 from 4 sentences.",
    ),
    (
        "same side, one silent",
        row(P(0.60), P(0.88), S),
        "On sanctions A and B favour “keep or raise pressure”, B most firmly: A -0.60 from 2 sentences, "
        "B -0.88 from 3 sentences, C no stance-bearing sentence.",
    ),
    (
        "agree",
        row(R(0.70), R(0.60), R(0.50)),
        "On sanctions all favour “offer relief”: A +0.70 from 2 sentences, B +0.60 from 3 sentences, "
        "C +0.50 from 4 sentences.",
    ),
    (
        "none clear",
        row(U(0.05), S, U(-0.10)),
        "None takes a clear side on sanctions (sanctions: A +0.05 from 2 sentences, B no stance-bearing sentence, "
        "C -0.10 from 4 sentences).",
    ),
    (
        "only one",
        row(S, P(0.60), S),
        "Only B addresses sanctions (5 sentences, 20%; -0.60 from 3 sentences, for “keep or raise pressure”); "
        "A 1 sentence, 2%; C 1 sentence, 2%.",
    ),
    # N = 5
    (
        "opposite",
        row(R(0.88), R(0.60), P(0.50), R(0.70), U(0.05)),
        "On sanctions they take opposite sides: A, B and D favour “offer relief” (+0.88 from 2 sentences, "
        "+0.60 from 3 sentences, +0.70 from 5 sentences); C favours “keep or raise pressure” (-0.50 from "
        "4 sentences); E takes no clear stance (+0.05 from 6 sentences).",
    ),
    (
        "one unclear",
        row(R(0.88), U(0.05), U(-0.10), R(0.60), S),
        "On sanctions A and D favour “offer relief” (+0.88 from 2 sentences, +0.60 from 5 sentences); "
        "B and C take no clear stance (+0.05 from 3 sentences, -0.10 from 4 sentences); E barely addresses it.",
    ),
    (
        "same side, two silent",
        row(R(0.90), S, R(0.40), S, R(0.60)),
        "On sanctions A, C and E favour “offer relief”, A most firmly: A +0.90 from 2 sentences, "
        "B no stance-bearing sentence, C +0.40 from 4 sentences, D no stance-bearing sentence, "
        "E +0.60 from 6 sentences.",
    ),
    (
        "agree",
        row(P(0.50), P(0.75), P(0.60), P(0.70), P(0.55)),
        "On sanctions all favour “keep or raise pressure”: A -0.50 from 2 sentences, B -0.75 from 3 sentences, "
        "C -0.60 from 4 sentences, D -0.70 from 5 sentences, E -0.55 from 6 sentences.",
    ),
    (
        "none clear",
        row(U(0.05), U(-0.10), U(0.12), U(0.00), U(-0.14)),
        "None takes a clear side on sanctions (sanctions: A +0.05 from 2 sentences, B -0.10 from 3 sentences, "
        "C +0.12 from 4 sentences, D +0.00 from 5 sentences, E -0.14 from 6 sentences).",
    ),
    (
        "only one",
        row(S, S, S, R(0.88), S),
        "Only D addresses sanctions (7 sentences, 20%; +0.88 from 5 sentences, for “offer relief”); "
        "A 1 sentence, 2%; B 1 sentence, 2%; "
        "C 1 sentence, 2%; E 1 sentence, 2%.",
    ),
]


@pytest.mark.parametrize(("cells", "text"), [pytest.param(c, t, id=f"N={len(c)}: {name}") for name, c, t in SHAPES])
def test_bottom_line_sentence_shapes(cells, text):
    assert first_point(cells) == text


def claims(text: str, cells: tuple[Cell, ...]) -> tuple[dict[str, str], dict[str, str]]:
    """Read a bottom-line sentence back: which pole (or UNCLEAR, or "silent") it gives each article, and the
    signed value it quotes for each."""
    labels = [LABELS[c.doc_id] for c in cells]
    poles: dict[str, str] = {}
    values: dict[str, str] = {}
    listed = re.match(
        r"On \S+ (both|all|[A-E](?:(?:, | and )[A-E])*) favour “([^”]+)”(, \w most firmly)?: (.*)\.$", text
    )
    if listed:  # agree / same side
        who, pole = listed.group(1), listed.group(2)
        poles |= dict.fromkeys(labels if who in ("both", "all") else _split(who), pole)
        values |= dict(re.findall(r"\b([A-E]) ([+-]\d\.\d\d) from", listed.group(4)))
        return poles, values
    if text.startswith(("Neither", "None", "Only")):
        values |= dict(re.findall(r"\b([A-E]) ([+-]\d\.\d\d) from", text))
        only = re.match(r"Only ([A-E]) addresses \S+ \(\d+ sentences?, \d+%; ([+-]\d\.\d\d) from", text)
        if only:
            values[only.group(1)] = only.group(2)
        return poles, values
    body = re.sub(r"^On \S+ (they take opposite sides: )?", "", text).removesuffix(".")
    for part in body.split("; "):
        if m := re.fullmatch(r"(.+?) favours? “([^”]+)” \((.+)\)", part):
            names, pole, quoted = _split(m.group(1)), m.group(2), m.group(3)
        elif m := re.fullmatch(rf"(.+?) takes? no clear stance \((.+)\)(?:{LEANING})*", part):
            names, pole, quoted = _split(m.group(1)), UNCLEAR, m.group(2)
        elif m := re.fullmatch(r"(.+?) barely address(?:es)? it", part):
            poles |= dict.fromkeys(_split(m.group(1)), "silent")
            continue
        else:
            raise AssertionError(f"unexpected part {part!r} in {text!r}")
        poles |= dict.fromkeys(names, pole)
        values |= {n: v.split(" ")[0] for n, v in zip(names, quoted.split(", "), strict=True)}
    return poles, values


BOTTOM_CASES = [(name, cells, v) for name, cells, v in SCALED_CASES if v is not Verdict.NONE_ADDRESS] + [
    (name, cells, "shape") for name, cells, _ in SHAPES if cells[0].dimension == SANCTIONS.id
]


@pytest.mark.parametrize(("cells", "verdict"), _params(BOTTOM_CASES))
def test_bottom_line_states_each_article_side_with_its_signed_value(cells, verdict):
    text = first_point(cells)
    poles, values = claims(text, cells)
    for c in cells:
        name = LABELS[c.doc_id]
        if c.silent:
            assert poles.get(name, "silent") == "silent", f"{name} barely addresses it: {text}"
            continue
        if c.stance.n:
            assert values.get(name) == f"{c.stance.value:+.2f}", f"{name}'s value in {text!r}"
        if c.stance.side and not text.startswith("Only"):
            assert poles.get(name) == side_label(c.stance.side, SANCTIONS), f"{name}'s side in {text!r}"


@pytest.mark.parametrize(("cells", "verdict"), _params(BOTTOM_CASES))
def test_bottom_line_never_gives_a_pole_to_an_article_that_does_not_state_it(cells, verdict):
    """An article with side 0 (or the other side) is never described with a pole label; "both" or "all" only
    where each article states that side."""
    text = first_point(cells)
    poles, _ = claims(text, cells)
    side_of = {LABELS[c.doc_id]: c.stance.side for c in cells}
    for name, pole in poles.items():
        if pole in POLE_SIDE:
            assert side_of[name] == POLE_SIDE[pole], f"{name} given “{pole}” in {text!r}"
    if re.search(r"\b(both|all)\b", text):
        assert len({c.stance.side for c in cells}) == 1 and cells[0].stance.side != 0
        assert not any(c.silent for c in cells)


@pytest.mark.parametrize("order", [0, 1])
def test_bottom_line_same_side_does_not_count_a_silent_article_that_carries_the_other_side(order):
    speaking = [cell("A", 0.80, 1, n=3), cell("B", 0.40, 1, n=2)]
    silent = quiet("C", -0.60, -1, n=2)  # e.g. headline and dek argue for pressure; 1 sentence on the dimension
    cells = tuple([*speaking, silent] if order == 0 else [silent, *speaking])
    assert verdict_of(cells, SANCTIONS) is Verdict.SAME_SIDE
    assert (
        describe(Verdict.SAME_SIDE, cells, SANCTIONS, LABELS) == "same side, different strength (A and B: offer relief)"
    )
    text = first_point(cells)
    assert text.startswith("On sanctions A and B favour “offer relief”, A most firmly: ")


def test_bottom_line_only_one_names_the_side_the_speaker_states():
    assert "offer relief" in first_point(row(R(0.88), S))


@pytest.mark.parametrize("n", [2, 3, 5])
def test_only_one_quotes_the_cells_sentence_counts(n):
    speaker = cell("B", -0.72, -1, n=3, sentences=7, touching=2, share=0.35)
    others = [quiet(x, sentences=i % 2, share=0.01 * i) for i, x in enumerate(LETTERS[:n]) if x != "B"]
    cells = tuple(sorted([speaker, *others], key=lambda c: c.doc_id))
    text = first_point(cells)
    assert text.startswith(
        "Only B addresses sanctions (7 sentences, 35%; -0.72 from 3 sentences, for “keep or raise pressure”); "
    )
    for c in others:
        count = re.search(rf"\b{LABELS[c.doc_id]} (\d+) sentences?, (\d+)%", text)
        assert (int(count.group(1)), int(count.group(2))) == (c.n_sentences, round(c.share * 100))


def test_stance_and_count_wording_is_singular_for_one():
    cells = (cell("A", 0.88, 1, n=1, sentences=2, share=0.1), quiet("B"))
    assert (
        first_point(cells)
        == "Only A addresses sanctions (2 sentences, 10%; +0.88 from 1 sentence, for “offer relief”); B 1 sentence, 2%."
    )


def _opposite_dims(n: int, spreads: list[float]) -> list[tuple[Dimension, tuple[Cell, ...]]]:
    dims = []
    for i, spread in enumerate(spreads):
        d = dimension(f"d{i}", f"Dim{i}")
        dims.append((d, row(R(spread / 2), P(spread / 2), *[R(spread / 4)] * (n - 2), dim=d)))
    return dims


@pytest.mark.parametrize("n", [2, 3, 5])
def test_bottom_line_has_at_most_five_points_and_keeps_the_stresses(n):
    dims = _opposite_dims(n, [0.4, 1.6, 0.8, 1.2, 0.6, 1.0, 1.4])
    keyness = [Keyness("article", doc("A"), "snapback", 4, 0, 2.0, 3.0)]
    points = bottom_line(analysis_of(*dims, keyness=keyness))
    assert len(points) == MAX_POINTS == 5
    # where they split most comes first
    assert [p.text.split(" ")[1] for p in points[:4]] == ["dim1", "dim6", "dim3", "dim5"]
    assert points[-1].text == "A uses “snapback” distinctively."


@pytest.mark.parametrize("n", [2, 3, 5])
def test_bottom_line_without_stresses_still_has_at_most_five_points(n):
    points = bottom_line(analysis_of(*_opposite_dims(n, [0.4, 1.6, 0.8, 1.2, 0.6, 1.0, 1.4])))
    assert 0 < len(points) <= MAX_POINTS
    assert all(p.text.startswith("On dim") for p in points)


def test_opposite_points_with_the_same_spread_follow_the_dimension_id():
    z, m = dimension("z_dim", "Zed"), dimension("m_dim", "Em")
    points = bottom_line(analysis_of((z, row(R(0.5), P(0.5), dim=z)), (m, row(P(0.5), R(0.5), dim=m))))
    assert [p.text.split(" ")[1] for p in points] == ["em", "zed"]


@pytest.mark.parametrize("n", [2, 3, 5])
def test_bottom_line_puts_differences_first(n):
    pad = [R(0.6)] * (n - 2)
    agree, same, unclear, opposite = (dimension(x, x.title()) for x in ("agree", "same", "unclear", "opposite"))
    points = bottom_line(
        analysis_of(
            (agree, row(R(0.6), R(0.6), *pad, dim=agree)),
            (same, row(R(0.9), R(0.3), *pad, dim=same)),
            (unclear, row(R(0.6), U(), *pad, dim=unclear)),
            (opposite, row(R(0.6), P(0.6), *pad, dim=opposite)),
        )
    )
    assert [p.text.split(" ")[1] for p in points] == ["opposite", "unclear", "same", "agree"]


@pytest.mark.parametrize("n", [2, 3, 5])
def test_bottom_line_joins_the_no_clear_side_dimensions_and_leaves_out_the_unaddressed(n):
    only, first, scale_less, unaddressed, second = (
        dimension("only", "Only"),
        dimension("first", "First"),
        dimension("scaleless", "Scaleless", scale=False),
        dimension("unaddressed", "Unaddressed"),
        dimension("second", "Second"),
    )
    points = bottom_line(
        analysis_of(
            (only, row(R(0.6), *[S] * (n - 1), dim=only)),
            (first, row(*[U(0.05)] * n, dim=first)),
            (scale_less, row(*[U()] * n, dim=scale_less)),
            (unaddressed, row(*[S] * n, dim=unaddressed)),
            (second, row(*[U(-0.1)] * n, dim=second)),
        )
    )
    texts = [p.text for p in points]
    assert texts[0].startswith(f"{'Neither' if n == 2 else 'None'} takes a clear side on first, second (first: A +0.05")
    assert texts[1].startswith("Only A addresses only (4 sentences, 20%; +0.60 from 2 sentences, for “offer relief”)")
    assert texts[2] == "A gives only 18% more of its sentences than any other."
    assert len(texts) == 3
    assert not any("scaleless" in t or "unaddressed" in t for t in texts)


def test_stresses_name_each_articles_coverage_lead_and_distinctive_terms():
    talks, sanctions = dimension("talks", "Talks"), SANCTIONS
    keyness = [
        Keyness("article", doc("A"), "snapback", 5, 0, 2.0, 3.0),
        Keyness("article", doc("A"), "lifeline", 4, 0, 1.5, 2.5),
        Keyness("article", doc("A"), "oil", 3, 0, 1.0, 2.2),
        Keyness("article", doc("A"), "regime", 3, 0, 1.0, 2.0),  # a fourth: only three are named
        Keyness("article", doc("A"), "weak", 2, 0, 0.1, 1.9),  # short of the 5% level: not distinctive
        Keyness("sanctions", doc("B"), "tariff", 5, 0, 2.0, 3.0),  # a dimension's term, not the article's
    ]
    points = bottom_line(
        analysis_of(
            (sanctions, (cell("A", 0.6, 1, share=0.35), cell("B", -0.6, -1, share=0.20))),
            (talks, (cell("A", 0.6, 1, share=0.10, dim=talks), cell("B", 0.6, 1, share=0.20, dim=talks))),
            keyness=keyness,
        )
    )
    assert points[-1].text == (
        "A gives sanctions 15% more of its sentences than any other and uses “snapback”, "
        "“lifeline”, “oil” distinctively; B gives talks 10% more of its sentences than any "
        "other."
    )
    assert points[-1].refs == ()


def test_no_stresses_point_when_no_article_leads_or_has_distinctive_terms():
    points = bottom_line(analysis_of((SANCTIONS, row(R(0.6), P(0.6), R(0.4)))))
    assert len(points) == 1


def test_points_refer_to_the_first_evidence_sentence_of_each_cell():
    def evidence(*sids):
        return tuple(SimpleNamespace(sentence=SimpleNamespace(sid=s)) for s in sids)

    cells = (
        cell("A", 0.6, 1, evidence=evidence("a-3", "a-7")),
        cell("B", -0.6, -1),
        cell("C", -0.5, -1, evidence=evidence("c-1")),
    )
    assert bottom_line(analysis_of((SANCTIONS, cells)))[0].refs == ("a-3", "c-1")


def _split(names: str) -> list[str]:
    """ "A, B and C" -> ["A", "B", "C"]."""
    return re.split(r", | and ", names)
