"""Per-article measures: actors mentioned, evidence density, length and readability."""

from __future__ import annotations

import re
from dataclasses import dataclass

from comparator.codebook import Codebook
from comparator.coding import CodedArticle

_FIGURE = re.compile(r"\b(?!(?:19|20)\d\d\b)\d[\d,.]*\s?(%|percent|per cent|million|billion|trillion)?", re.I)
_PERCENT = re.compile(r"\d\s?(%|percent|per cent)", re.I)
_POLL = re.compile(r"\b(poll\w*|survey\w*|respondents|registered voters)\b", re.I)
_SOURCE = re.compile(r"\b(according to|report(ed)? by|data from|study by|told|testified|a \w+ report)\b", re.I)
_QUOTE = re.compile(r"[“\"][^”\"]{12,}[”\"]")
_VOWELS = re.compile(r"[aeiouy]+")


@dataclass(frozen=True)
class ActorCount:
    doc_id: str
    actor: str
    scope: str  # "article" or a dimension id
    mentions: int


@dataclass(frozen=True)
class Metric:
    doc_id: str
    metric: str
    value: float


def actor_counts(coded: CodedArticle, codebook: Codebook) -> list[ActorCount]:
    """Mentions of each codebook actor in the article and in the sentences coded to each dimension."""
    rows = []
    for actor, cues in codebook.actors:
        per_scope = {"article": 0, **{d: 0 for d in codebook.ids}}
        for coding in coded.codings:
            text = coding.sentence.text
            folded = text.casefold()
            n = sum(len(cue.pattern.findall(text)) for cue in cues if cue.search(text, folded))
            if not n:
                continue
            per_scope["article"] += n
            for dim in {coding.dimension, *coding.also} - {""}:
                per_scope[dim] += n
        rows.extend(ActorCount(coded.article.doc_id, actor, scope, n) for scope, n in per_scope.items())
    return rows


def article_metrics(coded: CodedArticle) -> list[Metric]:
    """Length, readability (Flesch reading ease) and evidence density per 1,000 words."""
    texts = [c.sentence.text for c in coded.codings]
    words = [w for t in texts for w in re.findall(r"[A-Za-z’'-]+", t)]
    n_words, n_sentences = len(words), len(texts)
    syllables = sum(_syllables(w) for w in words)
    flesch = 206.835 - 1.015 * (n_words / n_sentences) - 84.6 * (syllables / n_words) if n_words else 0.0
    per_k = 1000 / n_words if n_words else 0.0
    joined = "\n".join(texts)
    doc = coded.article.doc_id
    values = {
        "words": n_words,
        "sentences": n_sentences,
        "paragraphs": len(coded.article.paragraphs),
        "words_per_sentence": n_words / n_sentences if n_sentences else 0.0,
        "flesch_reading_ease": flesch,
        "figures_per_1k_words": len(_FIGURE.findall(joined)) * per_k,
        "percentages_per_1k_words": len(_PERCENT.findall(joined)) * per_k,
        "polls_per_1k_words": len(_POLL.findall(joined)) * per_k,
        "named_sources_per_1k_words": len(_SOURCE.findall(joined)) * per_k,
        "quotations_per_1k_words": len(_QUOTE.findall(joined)) * per_k,
        "uncoded_share": sum(1 for c in coded.codings if not c.dimension) / n_sentences if n_sentences else 0.0,
    }
    return [Metric(doc, name, round(float(value), 3)) for name, value in values.items()]


def _syllables(word: str) -> int:
    word = word.lower().strip("’'-")
    count = len(_VOWELS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)
