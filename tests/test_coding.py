"""Coding quality on the seeds against the hand coding, stance signs and order, evidence in cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from comparator.evaluate import evaluate, load_gold
from comparator.pipeline import analyse, read_articles
from comparator.stance import sentence_stance
from tests.conftest import GOLD


@pytest.fixture(scope="module")
def evaluation(analysis, codebook):
    return evaluate(list(analysis.coded), load_gold(GOLD, codebook), codebook)


def test_agreement_with_the_hand_coding(evaluation):
    assert evaluation.n_content == 83
    assert not evaluation.unmatched
    assert evaluation.accuracy >= 0.85
    assert evaluation.macro_f1 >= 0.85
    assert not evaluation.chrome_in_content


def test_sanctions_stance_positive_and_higher_for_38north(analysis):
    dim = next(d for d in analysis.comparison.dimensions if d.dimension.id == "sanctions")
    cells = {c.doc_id: c for c in dim.cells}
    north = next(v for k, v in cells.items() if k.startswith("38north"))
    diplomat = next(v for k, v in cells.items() if k.startswith("diplomat"))
    assert diplomat.stance.value > 0
    assert north.stance.value > diplomat.stance.value


def test_every_evidence_quote_is_hand_coded_to_its_cell(analysis, codebook):
    gold = {(g.file, g.text): {g.label, *g.also} for g in load_gold(GOLD, codebook)}
    paths = {a.doc_id: a.path for a in analysis.articles}
    for dim in analysis.comparison.dimensions:
        for cell in dim.cells:
            assert 1 <= len(cell.evidence) <= 3 or cell.silent
            for coding in cell.evidence:
                labels = gold[(paths[cell.doc_id], coding.sentence.text)]
                assert dim.dimension.id in labels, (dim.dimension.id, coding.sentence.text)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("We must not ease sanctions until Pyongyang takes irreversible steps.", -1),
        ("There should be no relief before denuclearization.", -1),
        ("Washington must keep up maximum pressure on the regime.", -1),
        ("Lifting sanctions now would reward bad behavior.", -1),
        ("Trump's refusal to consider limited sanctions relief is a miscalculation.", 1),
        ("The United States should offer calibrated sanctions relief in exchange for a freeze.", 1),
        ("Pyongyang wants sanctions relief.", 0),
        ("Iran's leaders demand sanctions relief before they return to compliance.", 0),
        ("The envoy promised sanctions relief in exchange for a freeze.", 0),
    ],
)
def test_sentence_stance_on_sanctions(codebook, text, sign):
    value, weight, _ = sentence_stance(text, codebook.dimension("sanctions"))
    if sign == 0:
        assert weight == 0 or value == 0
    else:
        assert value * sign > 0.3


@pytest.mark.parametrize(
    ("dimension", "text", "sign"),
    [
        # arguing from what relief buys
        ("sanctions", "Relief granted before the fact is relief he will pocket.", -1),
        ("sanctions", "Sanctions relief offered in return for promises did not buy a fair vote.", -1),
        # a negated judgement judges nothing
        ("approach", "A step-by-step approach avoids both mistakes.", 1),
        # a judgement in one clause does not flip the next
        ("diagnosis", "Each round of goodwill was pocketed, and each round of cheating went unpunished.", -1),
        # negation does not reach into a relative clause
        ("diagnosis", "Relief would not help a country whose misrule drives the exodus.", -1),
    ],
)
def test_sentence_stance_rules(codebook, dimension, text, sign):
    value, _, _ = sentence_stance(text, codebook.dimension(dimension))
    assert value * sign > 0.3


@pytest.mark.parametrize("text", [
    "Every phase should carry an explicit snapback provision.",
    "General licenses, which can be revoked at any time, are the right instrument.",
])
def test_safeguards_on_relief_do_not_argue_against_it(codebook, text):
    value, _, _ = sentence_stance(text, codebook.dimension("sanctions"))
    assert value >= 0


def test_signpost_takes_its_meaning_from_what_follows(analysis):
    north = analysis.coded[0]
    signpost = next(c for c in north.codings if c.sentence.text == "Here’s some good news.")
    following = north.codings[signpost.sentence.index]
    assert signpost.dimension in ("", following.dimension)


HELDOUT = Path(__file__).resolve().parent / "data" / "heldout"


@pytest.fixture(scope="module")
def heldout(codebook):
    return analyse(read_articles([HELDOUT]), codebook)


@pytest.mark.parametrize(
    ("prefix", "dimension", "sign"),
    [
        ("nk-hawk", "sanctions", -1),
        ("iran-hawk", "sanctions", -1),
        ("iran-deal-editorial", "sanctions", 1),
        ("nk-hawk", "approach", -1),  # "keep the squeeze on until Pyongyang disarms": up front, not phased
        ("russia", "feasibility", -1),
    ],
)
def test_heldout_stance_sign(heldout, prefix, dimension, sign):
    """Development articles written apart from the seeds: an argument against easing sanctions is negative."""
    doc = next(a.doc_id for a in heldout.articles if a.doc_id.startswith(prefix))
    assert heldout.comparison.cell(doc, dimension).stance.value * sign > 0.15


def test_heldout_reported_relief_is_not_the_author_s_stance(heldout):
    """The Russia piece reports who promises relief and argues only that no deal will pass: neutral."""
    doc = next(a.doc_id for a in heldout.articles if a.doc_id.startswith("russia"))
    assert abs(heldout.comparison.cell(doc, "sanctions").stance.value) < 0.15


def test_heldout_agreement_floor(heldout, codebook):
    """A floor, not a target: the seeds' figures must not come from fitting the seeds alone."""
    result = evaluate(list(heldout.coded), load_gold(HELDOUT / "gold.yaml", codebook), codebook)
    assert result.accuracy >= 0.8
    assert not result.chrome_in_content


FRESH = Path(__file__).resolve().parent / "data" / "fresh"


@pytest.fixture(scope="module")
def fresh(codebook):
    return analyse(read_articles([FRESH]), codebook)


@pytest.mark.parametrize(
    ("prefix", "dimension", "sign"),
    [
        ("venezuela", "sanctions", -1),  # an editorial against relief until free elections
        ("nk-enforcement", "sanctions", -1),  # secondary sanctions, interdiction
        ("iran-interim", "sanctions", 1),  # a freeze for unfrozen humanitarian funds
        ("iran-interim", "approach", 1),
        ("syria", "approach", 1),  # conditional, reversible, step by step
    ],
)
def test_fresh_stance_sign(fresh, prefix, dimension, sign):
    """The second development set, coded blind: the clear article-level signs of its header."""
    doc = next(a.doc_id for a in fresh.articles if a.doc_id.startswith(prefix))
    assert fresh.comparison.cell(doc, dimension).stance.value * sign > 0.15


def test_fresh_agreement_floor(fresh, codebook):
    result = evaluate(list(fresh.coded), load_gold(FRESH / "gold.yaml", codebook), codebook)
    assert result.accuracy >= 0.75
    assert not result.chrome_in_content
