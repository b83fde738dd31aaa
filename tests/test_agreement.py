"""Two hand codings of the same articles compared: the ceiling the coder's figures are read against."""

from __future__ import annotations

import pytest

from comparator.errors import GoldError
from comparator.evaluate import Gold, GoldDocument, GoldSentence, agreement
from tests.helpers import run_cli

FIRST = Gold(
    (
        GoldSentence("a.txt", 1, "Lift the sanctions now", "meta", (), (("sanctions", 1.0),)),
        GoldSentence("a.txt", 2, "The talks are stuck.", "diagnosis", ("sanctions",), (("diagnosis", -1.0),)),
        GoldSentence("a.txt", 3, "Sanctions have failed.", "sanctions", (), (("sanctions", 1.0),)),
        GoldSentence("a.txt", 4, "Congress will never agree.", "feasibility", (), (("feasibility", -1.0),)),
        GoldSentence("a.txt", 5, "The war began in 2014.", "none", ()),
        GoldSentence("b.txt", 1, "Only the first codes this article.", "none", ()),
    ),
    (
        GoldDocument("a.txt", "op-ed", (("sanctions", 1), ("feasibility", -1), ("diagnosis", -1))),
        GoldDocument("b.txt", "news", (("sanctions", 0),)),
    ),
)


@pytest.mark.parametrize(
    ("changes", "accuracy", "sanctions_stated", "feasibility_stated"),
    [
        ({}, 1.0, (1, 1, 1), (1, 1, 1)),  # the same coding agrees throughout
        # "also" counts: the first would accept sanctions for the diagnosis sentence
        ({2: ("sanctions", ())}, 1.0, (1, 1, 1), (1, 1, 1)),
        # a different label, and no side where the first saw one
        ({4: ("none", ())}, 0.75, (1, 1, 1), (0, 0, 1)),
        # a sentence the second coder calls chrome counts as none
        ({3: ("boilerplate", ())}, 0.75, (1, 1, 1), (1, 1, 1)),
    ],
)
def test_a_second_coding_is_scored_as_the_coder_is(codebook, changes, accuracy, sanctions_stated, feasibility_stated):
    sentences, documents = [], []
    for k, g in enumerate(FIRST.sentences):
        if g.file != "a.txt":
            continue
        label, stance = changes.get(k + 1, (g.label, g.stance))
        sentences.append(GoldSentence(g.file, g.paragraph, g.text, label, (), stance))
    expected = dict(FIRST.documents[0].expected)
    if 4 in changes:
        expected["feasibility"] = 0
    documents.append(GoldDocument("a.txt", "op-ed", tuple(expected.items())))
    result = agreement(FIRST, Gold(tuple(sentences), tuple(documents)), codebook)
    assert result.files == ("a.txt",)  # only the articles both code
    assert result.n_content == 4
    assert result.accuracy == accuracy
    by_dim = {s.dimension: s for s in result.stance}
    for dim, (right, stated, sided) in (("sanctions", sanctions_stated), ("feasibility", feasibility_stated)):
        s = by_dim[dim]
        assert (s.stated_right, s.stated, s.sided) == (right, stated, sided)
    assert by_dim["feasibility"].sentence_agreement == (0.0 if 4 in changes else 1.0)


def test_codings_of_different_articles_cannot_be_compared(codebook):
    other = Gold((GoldSentence("c.txt", 1, "Something else.", "none", ()),), ())
    with pytest.raises(GoldError, match="share no article"):
        agreement(FIRST, other, codebook)


def test_the_agreement_command(tmp_path):
    gold = tmp_path / "gold.yaml"
    gold.write_text(
        "documents:\n- file: x.txt\n  sentences:\n  - {paragraph: 1, text: Sanctions failed., label: sanctions}\n",
        encoding="utf-8",
    )
    result = run_cli("agreement", str(gold), str(gold))
    assert result.returncode == 0, result.stderr
    assert "accuracy: 1.000" in result.stdout and "kappa" in result.stdout
    (tmp_path / "empty").mkdir()
    missing = run_cli("agreement", str(gold), str(tmp_path / "empty"))
    assert missing.returncode == 2 and "holds no gold*.yaml" in missing.stderr
