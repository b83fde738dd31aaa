"""Invariants for any text: offsets map back, one table row per sentence, coverage shares add up."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comparator.coding import code_article
from comparator.compare import compare
from comparator.errors import InputError
from comparator.ingest import Article, ingest
from comparator.measures import article_metrics
from comparator.segment import MAX_SENTENCE_CHARS, paragraph_spans, sentence_spans
from comparator.tables import sentences_rows

# Letters, digits, sentence marks, quotes and brackets (straight and curly), dashes, spaces and line
# breaks of several kinds: what trips a sentence splitter.
ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éüßøЖ中")
    + list(".,;:!?…-–—()[]\"'“”‘’«»#*/%$&")
    + [" ", " ", " ", "\t", "\n", "\n", "\n", "\r", "\u00a0", "\u2028"]
)
TEXT = st.text(ALPHABET, max_size=600)

# Words the default codebook has cues for, so that generated articles get coded, not only left out.
WORDS = [
    "sanctions",
    "relief",
    "pressure",
    "stalemate",
    "impasse",
    "talks",
    "deal",
    "interim",
    "roadmap",
    "Congress",
    "allies",
    "failed",
    "mistrust",
    "denuclearization",
    "U.S.",
    "Dr.",
    "Kim",
    "the",
    "and",
    "must",
    "should",
    "now",
    "timing",
    "politically",
    "feasible",
    "lift",
    "easing",
    "1.5",
]
GAPS = [" ", " ", " ", ", ", ". ", "? ", "! ", ".” ", "… ", "\n", "\n\n", " — "]
PROSE = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)), max_size=150).map(
    lambda pairs: "".join(word + gap for word, gap in pairs)
)
ANY_TEXT = st.one_of(TEXT, PROSE)

SETTINGS = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def _ingest_text(text: str, suffix: str) -> Article | None:
    """Write ``text`` as a UTF-8 file and ingest it; ``None`` when it is refused as a user error."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"generated{suffix}"
        path.write_bytes(text.encode("utf-8"))
        try:
            return ingest(path)
        except InputError:
            return None


@SETTINGS
@given(text=ANY_TEXT, blocks=st.sampled_from([None, True, False]))
def test_sentence_spans_are_stripped_ordered_pieces_of_their_paragraph(text, blocks):
    previous_end = 0
    for paragraph in paragraph_spans(text, blocks=blocks):
        assert previous_end <= paragraph.start < paragraph.end <= len(text)
        covered: set[int] = set()
        last = paragraph.start
        for s in sentence_spans(text, paragraph):
            piece = text[s.start : s.end]
            assert last <= s.start < s.end <= paragraph.end
            assert piece == piece.strip()
            assert len(piece) <= MAX_SENTENCE_CHARS
            covered.update(range(s.start, s.end))
            last = s.end
        # Splitting loses nothing but the white space between sentences.
        lost = [text[i] for i in range(paragraph.start, paragraph.end) if i not in covered]
        assert all(ch.isspace() for ch in lost)
        previous_end = paragraph.end


@SETTINGS
@given(text=ANY_TEXT, suffix=st.sampled_from([".txt", ".md"]))
def test_ingested_sentences_map_back_to_the_text(text, suffix):
    article = _ingest_text(text, suffix)
    if article is None:
        return
    assert text.strip()  # an empty or blank file is always refused
    assert article.text == text.replace("\r\n", "\n").replace("\r", "\n")
    assert article.sentences
    for number, s in enumerate(article.sentences, start=1):
        assert s.index == number
        assert article.text[s.start : s.end] == s.text
    for r in article.removed:
        assert article.text[r.start : r.end] == r.text


@pytest.mark.parametrize("blank", ["", " ", "\n\n", " \t\r\n \u00a0\n"])
def test_empty_and_blank_files_are_refused(blank):
    assert _ingest_text(blank, ".txt") is None


@SETTINGS
@given(text=ANY_TEXT)
def test_every_sentence_has_exactly_one_row(text, codebook):
    article = _ingest_text(text, ".txt")
    if article is None:
        return
    rows = sentences_rows([code_article(article, codebook)], codebook)
    assert [r["sentence_id"] for r in rows] == [s.sid for s in article.sentences]
    assert len({r["sentence_id"] for r in rows}) == len(rows)
    assert [(r["start"], r["end"], r["text"]) for r in rows] == [(s.start, s.end, s.text) for s in article.sentences]


@SETTINGS
@given(text=PROSE)
def test_coverage_shares_and_the_uncoded_share_sum_to_one(text, codebook, analysis):
    article = _ingest_text(text, ".txt")
    if article is None:
        return
    coded = [analysis.coded[0], code_article(article, codebook)]  # a seed, coded once for every example
    comparison = compare(coded, codebook)
    for c in coded:
        doc = c.article.doc_id
        shares = [comparison.cell(doc, dim).share for dim in codebook.ids]
        assert all(0 <= share <= 1 for share in shares)
        # Cell.share is rounded to 4 places and uncoded_share to 3: allow for that, nothing more.
        assert sum(shares) <= 1 + 1e-3
        uncoded = next(m.value for m in article_metrics(c) if m.metric == "uncoded_share")
        assert sum(shares) + uncoded == pytest.approx(1, abs=1e-3)
