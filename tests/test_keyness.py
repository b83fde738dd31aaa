"""Distinctive terms: weighted log-odds with a pooled prior (Monroe, Colaresi & Quinn 2008)."""

from __future__ import annotations

from collections import Counter

from comparator.keyness import content_terms, fightin_words, top_terms


def test_a_term_one_article_uses_far_more_is_distinctive_for_it_and_not_the_other():
    groups = {
        "a": Counter({"relief": 12, "talks": 5, "sanctions": 6}),
        "b": Counter({"pressure": 12, "talks": 5, "sanctions": 6}),
    }
    rows = fightin_words(groups, "article")
    z = {(r.doc_id, r.term): r.z for r in rows}
    assert z[("a", "relief")] > 1.96 > z.get(("b", "relief"), 0.0)
    assert z[("b", "pressure")] > 1.96
    assert abs(z[("a", "talks")]) < 1.0  # used alike: distinctive for neither
    assert [r.term for r in top_terms(rows, "a", n=1)] == ["relief"]


def test_terms_below_the_minimum_count_are_left_out():
    rows = fightin_words({"a": Counter({"rare": 1, "x": 5}), "b": Counter({"x": 5})}, "article", min_count=2)
    assert "rare" not in {r.term for r in rows}


def test_names_stay_whole_and_stopwords_go():
    terms = content_terms("The United States should lift the embargo on Cuba.")
    assert "United States" in terms or "united states" in {t.lower() for t in terms}
    assert "the" not in terms and "should" not in terms
