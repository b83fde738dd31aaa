"""The learned coder: its weights file, what the coder does with its answer, and the refusals of a bad file."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import replace
from pathlib import Path

import pytest

from comparator import learned
from comparator.codebook import load_codebook
from comparator.coding import code_article, rule_views
from comparator.compare import make_cell
from comparator.errors import CodebookError
from comparator.ingest import ingest
from comparator.stance import article_stance
from tests.helpers import invoke_cli

CODEBOOKS = Path(__file__).resolve().parent.parent / "comparator" / "codebooks"


def _tiny(ids: tuple[str, ...], term: str, to: str, *, trained_on: str = "") -> learned.LearnedCoder:
    """A coder that knows one term: a sentence holding it goes to ``to``, every other sentence to none."""
    classes = (*ids, learned.NONE)
    n_figures = len(learned.numeric([learned.RuleView("x", (0.0,) * len(ids), (0.0,) * len(ids), False, "")], 0, ids))
    return learned.LearnedCoder(
        classes=classes,
        terms={term: (1.0, tuple(10.0 if c == to else 0.0 for c in classes))},
        mean=(0.0,) * n_figures,
        scale=(1.0,) * n_figures,
        figure_weights=((0.0,) * len(classes),) * n_figures,
        intercept=tuple(1.0 if c == learned.NONE else 0.0 for c in classes),
        trained_on=trained_on,
    )


def _article(tmp_path: Path, text: str):
    path = tmp_path / "oped.txt"
    path.write_text(f"A Headline About Policy\n\n{text}\n", encoding="utf-8")
    return ingest(path)


def test_the_default_codebook_ships_a_learned_coder_trained_for_it(codebook):
    assert codebook.learned is not None
    assert codebook.learned.classes == (*codebook.ids, learned.NONE)
    assert len(codebook.learned.terms) > 1000


def test_the_learned_coder_names_the_dimension_and_keeps_the_rules_stance_evidence(tmp_path, rules):
    article = _article(tmp_path, "Washington should offer calibrated sanctions relief in exchange for a freeze.")
    by_rules = code_article(article, rules).codings[-1]
    assert by_rules.dimension == "sanctions" and by_rules.stances
    # the model says "approach": the sentence is coded there, and the side the rules read on sanctions stays
    coded = code_article(article, replace(rules, learned=_tiny(rules.ids, "exchange", "approach"))).codings[-1]
    assert coded.dimension == "approach"
    assert "sanctions" in coded.also
    assert {r.dimension for r in coded.stances} >= {"sanctions"}
    coder = _tiny(rules.ids, "exchange", "approach")
    views = rule_views(code_article(article, rules).codings)
    p = coder.probabilities(views, rules.ids)[-1]
    assert coded.confidence == round(p[coder.classes.index("approach")], 3)  # the coder's belief in what it kept


def test_a_sentence_the_learned_coder_calls_background_is_coded_none_unless_the_rules_read_a_position(tmp_path, rules):
    background = _tiny(rules.ids, "embargo", "sanctions")  # (every sentence here is background to it)
    article = _article(tmp_path, "The talks have been held in Geneva for a year and both delegations attended.")
    assert code_article(article, rules).codings[-1].dimension == "diagnosis"
    coded = code_article(article, replace(rules, learned=background)).codings[-1]
    assert (coded.dimension, coded.also, coded.stances) == ("", (), ())  # background, and nothing else
    # "the impasse": the rules read the author's position on the diagnosis scale; it is not put aside
    article = _article(tmp_path, "Both sides blame each other for the impasse.")
    by_rules = code_article(article, rules).codings[-1]
    assert by_rules.dimension == "diagnosis" and by_rules.stances
    coded = code_article(article, replace(rules, learned=background)).codings[-1]
    assert (coded.dimension, coded.stances) == (by_rules.dimension, by_rules.stances)
    p = background.probabilities(rule_views([by_rules]), rules.ids)[0]
    assert coded.confidence == round(p[background.classes.index("diagnosis")], 3)  # not its belief in "none"


def test_terms_are_lower_cased_words_and_pairs_without_the_names_after_the_first_word():
    assert learned.words("Sanctions on Iran have failed") == [
        "sanctions",
        "on",
        "have",
        "failed",
        "sanctions on",
        "on have",
        "have failed",
    ]


def test_the_weights_file_reads_back_to_the_same_predictions_and_bytes(tmp_path, codebook, rules, seed_articles):
    # unrounded weights (a third of the shipped ones) come back rounded to six digits, predicting the same
    shipped = codebook.learned
    fresh = replace(
        shipped,
        terms={t: (idf, tuple(w / 3 for w in ws)) for t, (idf, ws) in shipped.terms.items()},
        intercept=tuple(w / 3 for w in shipped.intercept),
    )
    text = learned.to_json(fresh, {"trained by": "test"})
    path = tmp_path / "w.json"
    path.write_text(text, encoding="utf-8")
    again = learned.loads(path.read_bytes(), codebook.ids)
    assert learned.to_json(again, {"trained by": "test"}) == text
    views = [v for a in seed_articles for v in rule_views(code_article(a, rules).codings)]
    assert again.predict(views, codebook.ids) == fresh.predict(views, codebook.ids)
    assert fresh.predict(views, codebook.ids) != [learned.NONE] * len(views)


def _copy(tmp_path: Path, *, weights: str | None = None, extra: str = "") -> Path:
    book = tmp_path / "book.yaml"
    book.write_text((CODEBOOKS / "default.yaml").read_text(encoding="utf-8") + extra, encoding="utf-8")
    (tmp_path / "default.learned.json").write_text(
        weights if weights is not None else (CODEBOOKS / "default.learned.json").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    return book


def test_a_copy_of_the_codebook_with_its_weights_beside_it_loads(tmp_path, codebook):
    assert load_codebook(_copy(tmp_path)).learned is not None


@pytest.mark.parametrize(
    ("weights", "extra", "message"),
    [
        (None, "# an edited cue\n", r"trained with another version of this codebook .* retrain it \(nox -s train\)"),
        ("{not json", "", r"not a weights file .* \(not JSON\) \(copy it beside the codebook, or remove the line"),
        ('{"format": 1, "classes": ["a", ""]}', "", r"trained for the dimensions \['a'\]"),
        ('{"format": 1, "classes": ["diagnosis", "approach", "sanctions", "feasibility", ""]}', "", r"missing 'terms'"),
        (
            '{"format": 1, "classes": ["diagnosis", "approach", "sanctions", "feasibility", ""], "terms": [1]}',
            "",
            r"terms: expected an object",
        ),
        (
            '{"format": 1, "classes": ["diagnosis", "approach", "sanctions", "feasibility", ""], '
            '"terms": {"a": [0, 1, 1, 1, 1, 1]}}',
            "",
            r"idf must be positive",
        ),
        (
            '{"format": 1, "classes": ["diagnosis", "approach", "sanctions", "feasibility", ""], '
            '"terms": {"a": [1, NaN, 1, 1, 1, 1]}}',
            "",
            r"not finite",
        ),
        ("[1, 2]", "", r"expected a JSON object"),
    ],
)
def test_a_weights_file_that_cannot_be_used_is_refused_in_one_line(tmp_path, weights, extra, message):
    book = _copy(tmp_path, weights=weights, extra=extra)
    with pytest.raises(CodebookError, match=message):
        load_codebook(book)
    result = invoke_cli("check-codebook", str(book))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_missing_weights_file_or_a_path_outside_the_codebook_folder_is_refused(tmp_path):
    book = tmp_path / "book.yaml"
    book.write_text((CODEBOOKS / "default.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(CodebookError, match=r"learned: default\.learned\.json: cannot be read"):
        load_codebook(book)
    text = book.read_text(encoding="utf-8").replace("learned: default.learned.json", "learned: ../elsewhere.json")
    book.write_text(text, encoding="utf-8")
    with pytest.raises(CodebookError, match=r"learned: expected the name of a \.json weights file beside the codebook"):
        load_codebook(book)


def test_the_scoreboard_says_when_the_learned_coder_was_trained_on_a_set(codebook):
    assert "heldout" in codebook.learned.sets and "seeds" not in codebook.learned.sets
    result = invoke_cli("scoreboard", "tests/data/heldout", "seeds")
    assert result.returncode == 0
    assert "learned coder was trained on heldout: the labels there are not a measure of it" in result.stdout
    note = next(line for line in result.stdout.splitlines() if line.startswith("note:"))
    assert "seeds" not in note


def test_the_brief_names_the_weights_file_it_was_coded_with(codebook, brief_dir):
    digest = hashlib.sha256((CODEBOOKS / "default.learned.json").read_bytes()).hexdigest()
    assert codebook.learned.sha256 == digest
    assert f'learned coder SHA-256 <span class="hash">{digest}</span>' in (brief_dir / "brief.html").read_text(
        encoding="utf-8"
    )


def test_the_brief_says_who_decided_each_side_and_names_the_reader_in_its_methods(brief_dir):
    with (brief_dir / "tables" / "cells.csv").open(encoding="utf-8") as f:
        by = {(r["dimension"], r["side_by"]) for r in csv.DictReader(f)}
    assert by == {
        ("diagnosis", "article reader"),
        ("sanctions", "article reader"),
        ("sanctions", "article reader alone"),  # The Diplomat's: no sentence argues it, the reader is sure of it
        ("approach", "sentences"),
        ("feasibility", "sentences"),
    }
    html = (brief_dir / "brief.html").read_text(encoding="utf-8")
    assert "a learned article reader decides the side instead" in html


def _reader(term: str, side: int, *, threshold: float = 0.4) -> learned.ArticleReader:
    """An article reader that knows one term: an article holding it is read on ``side``, any other on none."""
    return learned.ArticleReader(
        terms={term: (1.0, tuple(8.0 if k - 1 == side else 0.0 for k in range(3)))},
        intercept=(0.0, 1.0, 0.0),
        threshold=threshold,
        articles=1,
    )


def test_the_default_codebook_ships_an_article_reader_for_the_sanctions_scale(codebook):
    reader = codebook.learned.readers["sanctions"]
    assert reader.articles >= 250 and len(reader.terms) > 1000
    assert 0 < reader.threshold < reader.alone < 1  # sure enough, it states its side alone
    assert codebook.learned.readers["diagnosis"].alone == 1  # (never: it reads "worse" by habit)


def test_a_reader_weighs_each_sentence_for_a_side_by_its_known_words():
    reader = learned.ArticleReader(
        terms={"lift": (1.0, (0.0, 0.0, 2.0)), "failed": (2.0, (0.0, 0.0, 1.0)), "tighten": (1.0, (3.0, 0.0, 0.0))},
        intercept=(0.0, 0.0, 0.0),
        threshold=0.4,
    )
    sentences = ["We should tighten them.", "The embargo failed.", "Lift it, the embargo failed.", "Talks resume."]
    assert reader.weighed(+1, sentences) == (2, 1)  # most first; none for "tighten", nothing known of the last
    assert reader.weighed(-1, sentences) == (0,)
    side, chance = reader.read(["lift", "failed"])
    assert side == 1
    assert chance == pytest.approx(reader.probabilities(["lift", "failed"])[2])


def test_an_article_reader_reads_a_side_only_where_its_probability_reaches_the_threshold():
    reader = _reader("embargo", +1)
    assert reader.side(["embargo"]) == 1
    assert reader.side(["tariff"]) == 0  # nothing known: the intercept's "none"
    assert _reader("embargo", -1).side(["embargo"]) == -1
    assert _reader("embargo", +1, threshold=0.9999).side(["embargo"]) == 0
    assert sum(reader.probabilities(["embargo"])) == pytest.approx(1.0)


def test_the_reader_sees_the_headline_and_dek_twice_then_every_sentence():
    terms = learned.article_terms("Lift it", "Now", ["The embargo failed.", "End it."])
    thesis = ["lift", "it", "lift it", "now"]
    assert terms == [
        *thesis,
        *thesis,
        "the",
        "embargo",
        "failed",
        "the embargo",
        "embargo failed",
        "end",
        "it",
        "end it",
    ]


def _stance_of(tmp_path: Path, rules, text: str, read: int | None):
    """The article's sanctions stance, its coding given the side ``read`` as the article reader's (None: none)."""
    coded = code_article(_article(tmp_path, text), rules)
    if read is not None:
        coded = replace(coded, reads=(("sanctions", read),))
    return article_stance(coded, rules.dimension("sanctions"))


RELIEF = (
    "Washington should lift the sanctions on Caracas now.\n\n"
    "The embargo has failed and it hurts ordinary families.\n\n"
    "Easing the sanctions is the right step."
)


@pytest.mark.parametrize(
    ("text", "read", "side"),
    [
        (RELIEF, None, 1),  # no reader: the rules decide (three argued sentences)
        ("Washington should lift the sanctions on Caracas now.", None, 0),  # the rules want two
        (RELIEF, +1, 1),  # the reader and the author's argued sentences agree
        # the reader reads no side, or the other one: sentences that carry a side by themselves, argued in the
        # body, still state it
        (RELIEF, 0, 1),
        (RELIEF, -1, 1),
        ("Washington should lift the sanctions on Caracas now.", +1, 1),  # one argued sentence to quote is enough
        ("The talks resumed in Geneva on Monday.", +1, 0),  # nothing on the scale to quote: no side
        # a question asked yes or no, or an action put in question, weighs the side without taking it
        ("Should Washington lift the sanctions on Caracas already?", +1, 0),
        ("The envoys will decide whether to lift the sanctions on Caracas.", +1, 0),
    ],
)
def test_where_the_reader_read_a_side_it_is_stated_if_the_authors_argued_sentences_carry_it(
    tmp_path, rules, text, read, side
):
    stance = _stance_of(tmp_path, rules, text, read)
    assert (stance.side, stance.read) == (side, read)  # ``read``: the reader decided, and what it read


@pytest.mark.parametrize(
    ("headline", "side"),
    [
        ("Why Lift the Sanctions on Caracas?", 1),  # a wh-question presupposes what it asks about
        ("Should Washington Lift the Sanctions on Caracas?", 0),  # asked yes or no, it takes no side
    ],
)
def test_a_question_headline_backs_the_readers_side_only_when_it_presupposes_it(tmp_path, rules, headline, side):
    path = tmp_path / "oped.md"
    path.write_text(f"# {headline}\n\nThe talks resumed in Geneva on Monday.\n", encoding="utf-8")
    coded = replace(code_article(ingest(path), rules), reads=(("sanctions", 1),))
    assert article_stance(coded, rules.dimension("sanctions")).side == side


# a headline that reads like a thesis over a body that only narrates: a news report's shape
BODY = "The sanctions were imposed in 2019 after the election.\n"
NEWS = f"# EU ministers agree on a gradual easing of sanctions on Caracas\n\n{BODY}"
# the same body under a headline whose words argue
OPED = f"# Brussels Shouldn’t Keep the Sanctions on Caracas\n\n{BODY}"


@pytest.mark.parametrize(
    ("text", "read", "side", "by_sentences"),
    [
        (RELIEF, 1, 1, False),  # the reader's side, which the author's argued sentences carry
        (RELIEF, -1, 1, True),  # the sentences carry the other side by themselves
        (RELIEF, 0, 1, True),
        (NEWS, 0, 0, False),  # the headline alone does not carry a side where a reader reads none ...
        (OPED, -1, 1, True),  # ... unless its own words argue it (a modal, a judgement), not only its place
        (NEWS, None, 1, True),  # (without a reader it does: it argues, and counts as two sentences)
    ],
)
def test_sentences_carry_a_side_by_themselves_only_when_the_body_argues_it(
    tmp_path, rules, text, read, side, by_sentences
):
    path = tmp_path / "piece.md"
    path.write_text(text, encoding="utf-8")
    coded = code_article(ingest(path), rules)
    if read is not None:
        coded = replace(coded, reads=(("sanctions", read),))
    stance = article_stance(coded, rules.dimension("sanctions"))
    assert (stance.side, stance.by_sentences) == (side, by_sentences)


def test_on_a_scale_read_from_the_authors_account_the_reader_decides_alone(tmp_path, rules):
    text = "The talks have collapsed.\n\nRelations are at their worst in decades and the deadlock deepens.\n"
    coded = code_article(_article(tmp_path, text), rules)
    dim = rules.dimension("diagnosis")
    assert article_stance(coded, dim).side == -1  # no reader: the sentences decide
    assert article_stance(replace(coded, reads=(("diagnosis", 0),)), dim).side == 0


def test_where_no_reader_decides_a_sentence_filed_elsewhere_that_only_describes_is_no_evidence(tmp_path, rules):
    text = (
        "A deal is unlikely to survive the Senate, where most members oppose it.\n\n"
        "The votes to ratify it are not there, and the opposition to the deal is growing.\n"
    )
    coded = code_article(_article(tmp_path, text), rules)
    dim = rules.dimension("feasibility")  # (no reader: the sentences decide)
    assert [c.dimension for c in coded.codings] == ["feasibility", "feasibility"]
    assert article_stance(coded, dim).side == -1
    # the same account filed under the sanctions, feasibility only touched: it describes, and argues nothing here
    elsewhere = tuple(replace(c, dimension="sanctions", also=("feasibility",)) for c in coded.codings)
    assert article_stance(replace(coded, codings=elsewhere), dim).side == 0


def test_an_analysts_review_of_the_article_gives_the_decision_back_to_its_sentences(tmp_path, rules):
    path = tmp_path / "piece.md"
    path.write_text(NEWS, encoding="utf-8")
    coded = replace(code_article(ingest(path), rules), reads=(("sanctions", 0),))
    reviewed = replace(coded, codings=tuple(replace(c, analyst=True) for c in coded.codings))
    dim = rules.dimension("sanctions")
    assert (article_stance(coded, dim).side, article_stance(reviewed, dim).side) == (0, 1)
    assert (article_stance(coded, dim).read, article_stance(reviewed, dim).read) == (0, None)


# nothing here argues a side by the rules' standard: the sanctions are only narrated, once reported
ALONE = (
    "The sanctions on Caracas were imposed in 2019, and oil exports fell by half.\n\n"
    "The embargo hit the clinics of Maracaibo hardest that winter, when the power cuts began.\n\n"
    "Officials in Washington said on Monday that the sanctions would stay in place for now.\n"
)


def _alone(tmp_path, rules, text: str, chance: float):
    reader = replace(_reader("clinics", +1), alone=0.6)
    coder = replace(_tiny(rules.ids, "embargo", "sanctions"), readers={"sanctions": reader})
    book = replace(rules, learned=coder)
    coded = code_article(_article(tmp_path, text), book)
    sure = tuple((dim, chance, order) for dim, _, order in coded.confident)
    return coded, replace(coded, confident=sure)


def test_a_reader_sure_of_its_side_states_it_alone_quoting_the_sentences_its_words_weigh_for(tmp_path, rules):
    coded, sure = _alone(tmp_path, rules, ALONE, 0.8)
    dim = rules.dimension("sanctions")
    assert coded.reads == (("sanctions", 1),) and coded.confident == (
        ("sanctions", pytest.approx(1.0, abs=0.01), (1,)),
    )
    stance = article_stance(sure, dim)
    assert (stance.side, stance.by_sentences, stance.alone, stance.value) == (1, False, 0.8, 0.8)
    assert [c.sentence.text for c in stance.weighed] == [ALONE.split("\n\n")[1]]
    assert stance.label == "leans toward: offer relief"  # read, not argued: it only leans
    cell = make_cell(sure, dim, rules.ids.index("sanctions"))
    assert [c.sentence.text for c in cell.evidence] == [c.sentence.text for c in stance.weighed]
    # not where nothing it weighs is on the dimension in the author's voice: a reported position is not the author's
    reported = ALONE.replace("The embargo hit the clinics", "Officials said the embargo hit the clinics")
    assert article_stance(_alone(tmp_path, rules, reported, 0.8)[1], dim).side == 0
    # nor where the reader is not sure of it
    assert article_stance(replace(coded, confident=()), dim).side == 0


def test_the_learned_coder_records_each_readers_side_of_the_article(tmp_path, rules):
    coder = replace(_tiny(rules.ids, "zzz", "sanctions"), readers={"sanctions": _reader("embargo", +1)})
    coded = code_article(_article(tmp_path, RELIEF), replace(rules, learned=coder))
    assert coded.reads == (("sanctions", 1),)
    assert code_article(_article(tmp_path, RELIEF), rules).reads == ()


@pytest.mark.parametrize(
    ("readers", "message"),
    [
        ('{"trade": {"articles": 1, "intercept": [0, 0, 0], "threshold": 0.4, "alone": 1, "terms": {}}}', r"'trade'"),
        ('{"sanctions": {"articles": 1, "intercept": [0, 0], "threshold": 0.4, "alone": 1, "terms": {}}}', "intercept"),
        (
            '{"sanctions": {"articles": 1, "intercept": [0, 0, 0], "threshold": 2, "alone": 1, "terms": {}}}',
            "threshold",
        ),
        (
            '{"sanctions": {"articles": 1, "intercept": [0, 0, 0], "threshold": 0.4, "alone": 0.3, "terms": {}}}',
            "alone",
        ),
        ('{"sanctions": {"articles": 1, "intercept": [0, 0, 0], "threshold": 0.4, "terms": {}}}', "missing 'alone'"),
    ],
)
def test_an_article_reader_that_cannot_be_used_is_refused_in_one_line(tmp_path, readers, message):
    shipped = (CODEBOOKS / "default.learned.json").read_text(encoding="utf-8")
    start = shipped.index('"readers": {')
    end = shipped.index('"terms": {', shipped.index("\n},\n", start))
    broken = shipped[:start] + f'"readers": {readers},\n' + shipped[end:]
    with pytest.raises(CodebookError, match=message):
        load_codebook(_copy(tmp_path, weights=broken))


def test_the_files_process_is_sent_the_analysis_without_the_coders_weights(analysis):
    import pickle

    from comparator.worker import Job

    sent = pickle.loads(pickle.dumps(Job(Path("out"), analysis, (), False, None)))  # noqa: S301  (our own bytes)
    learned_sent = sent.analysis.codebook.learned
    assert (learned_sent.terms, learned_sent.readers) == ({}, {})
    assert learned_sent.sha256 == analysis.codebook.learned.sha256  # the exports still name the weights
    assert sent.analysis.comparison.codebook.learned.terms == {}
    assert sent.analysis.coded == analysis.coded
    assert analysis.codebook.learned.readers  # the parent's own analysis keeps them
