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


def test_plurals_and_demonyms_count_as_their_base_term():
    groups = {
        "a": Counter({"North Korea": 3, "North Koreans": 4, "North Korean": 2, "sanction": 1, "sanctions": 5}),
        "b": Counter({"North Korea": 1, "talks": 9, "sanctions": 1}),
    }
    rows = fightin_words(groups, "article")
    counts = {(r.doc_id, r.term): r.count for r in rows}
    assert counts[("a", "North Korea")] == 9 and counts[("a", "sanction")] == 6
    assert not any(r.term in ("North Koreans", "North Korean", "sanctions") for r in rows)


def test_short_words_are_not_taken_for_plurals():
    from comparator.keyness import variants

    assert variants({"bus", "bu", "arms", "arm", "talks", "talk"}) == {"talks": "talk"}


def test_a_word_reads_as_the_articles_write_it_inside_sentences():
    from comparator.keyness import surface_forms

    forms = surface_forms(["Talks with Japan stalled.", "Sanctions on Japan work.", "Japan will talk; sanctions bite."])
    assert forms["japan"] == "Japan" and "sanctions" not in forms and "talks" not in forms
    rows = fightin_words({"a": Counter({"japan": 6}), "b": Counter({"talks": 6})}, "article", forms=forms)
    assert {r.term for r in rows} == {"Japan", "talks"}


def test_only_terms_past_the_five_percent_level_are_shown_at_most_twelve():
    a = Counter({f"alpha{chr(97 + i)}": 40 for i in range(16)} | {"shared": 100, "rarely": 3})
    b = Counter({f"beta{chr(97 + i)}": 40 for i in range(16)} | {"shared": 100, "rarely": 2})
    rows = fightin_words({"a": a, "b": b}, "article")
    shown = top_terms(rows, "a")
    assert len(shown) == 12 and all(r.z >= 1.96 for r in shown)
    assert {"shared", "rarely"}.isdisjoint(r.term for r in top_terms(rows, "a") + top_terms(rows, "b"))
