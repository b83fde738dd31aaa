"""The pipeline behind a coder of one's own: compare, verdicts and the bottom line read only the coded
articles the coder returns (the contract), not how the lexicon found them."""

from __future__ import annotations

from comparator.bottomline import bottom_line
from comparator.coding import CodedArticle, Coding
from comparator.pipeline import analyse, read_articles
from comparator.stance import AUTHOR, StanceReading
from comparator.verdicts import Verdict


def _fake_coder(sign_by_name: dict[str, float]):
    """Codes every sentence to sanctions, argued by the author with the article's given sign."""

    def coder(article, codebook) -> CodedArticle:
        n = len(codebook.ids)
        sign = next(v for k, v in sign_by_name.items() if article.path.endswith(k))
        codings = tuple(
            Coding(
                s,
                (0.0,) * n,
                (0.0,) * n,
                "sanctions",
                (),
                1.0,
                ((),) * n,
                (StanceReading("sanctions", sign, 1.0, AUTHOR, ("fake", "argued"), sign),),
            )
            for s in article.sentences
        )
        return CodedArticle(article, codings)

    return coder


def test_verdicts_follow_the_coders_readings(tmp_path, codebook):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(
            f"A Headline for {name}\n\nThe first sentence of piece {name} is here. The second sentence follows it. "
            "And a third one closes the paragraph.\n",
            encoding="utf-8",
        )
    articles = read_articles([tmp_path / n for n in ("a.txt", "b.txt", "c.txt")])
    same = analyse(articles[:2], codebook, coder=_fake_coder({"a.txt": 0.9, "b.txt": 0.8}))
    opposite = analyse(articles[1:], codebook, coder=_fake_coder({"b.txt": 0.8, "c.txt": -0.9}))

    def verdicts(analysis):
        return {d.dimension.id: d.verdict for d in analysis.comparison.dimensions}

    assert verdicts(same)["sanctions"] is Verdict.AGREE
    assert verdicts(opposite)["sanctions"] is Verdict.OPPOSITE
    assert all(v is Verdict.NONE_ADDRESS for k, v in verdicts(same).items() if k != "sanctions")
    sanctions = next(d for d in opposite.comparison.dimensions if d.dimension.id == "sanctions")
    assert sorted(c.stance.side for c in sanctions.cells) == [-1, 1]
    line = next(p.text for p in bottom_line(opposite) if "sanctions" in p.text)
    assert "keep or raise pressure" in line and "offer relief" in line
