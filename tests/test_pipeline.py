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


def test_a_side_stated_only_in_the_headline_addresses_the_dimension_and_is_quoted(tmp_path, codebook):
    """Headline and dek count for the stance, not for coverage: an article whose thesis lines state a side and
    whose body never names sanctions is not 'barely addressing' them, and its cell quotes the thesis lines by
    their place in the source."""
    headline = "Time to lift the sanctions on Cuba"
    body = "The island's economy has shrunk for three years. Tourism fell by half. Farmers cannot buy seed."
    (tmp_path / "thesis.txt").write_text(f"{headline}\n\n{body}\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text(
        "A Note on Minsk\n\nWashington must keep up maximum pressure on Lukashenko. The European Union should "
        "tighten its sanctions on the regime as well.\n",
        encoding="utf-8",
    )
    analysis = analyse(read_articles([tmp_path / "thesis.txt", tmp_path / "other.txt"]), codebook)
    sanctions = next(d for d in analysis.comparison.dimensions if d.dimension.id == "sanctions")
    cell = next(c for c in sanctions.cells if c.doc_id == "thesis")
    assert cell.n_sentences == 0 and cell.stance.side == 1 and not cell.silent
    assert sanctions.verdict is Verdict.OPPOSITE
    (quote,) = cell.thesis
    assert quote.kind == "headline" and quote.text == headline
    assert analysis.articles[0].text[quote.start : quote.end] == headline
