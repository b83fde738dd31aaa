"""The analysis, in one place: read the files, code, compare and measure them (the brief: ``brief.py``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from comparator.codebook import Codebook
from comparator.coding import CodedArticle, code_article
from comparator.compare import Comparison, compare
from comparator.errors import InputError
from comparator.evaluate import Evaluation
from comparator.ingest import Article, find_articles, ingest, short_title
from comparator.keyness import Keyness, content_terms, fightin_words, surface_forms
from comparator.language import detect, name_of
from comparator.measures import ActorCount, Metric, actor_counts, article_metrics
from comparator.review import Review, apply_review

MIN_ARTICLES = 2


@dataclass(frozen=True)
class Analysis:
    codebook: Codebook
    articles: tuple[Article, ...]
    coded: tuple[CodedArticle, ...]
    comparison: Comparison
    keyness: tuple[Keyness, ...]
    actors: tuple[ActorCount, ...]
    metrics: tuple[Metric, ...]
    evaluation: Evaluation | None = None
    warnings: tuple[str, ...] = ()  # for the analyst: how files were read, what could not be coded
    review: Review | None = None  # the analyst's review applied to the coding, if one was given
    reviewed: int = 0  # sentences the review changed

    @property
    def labels(self) -> dict[str, str]:
        """How every table, chart and sentence of the brief names each article, by doc_id."""
        return {a.doc_id: a.label for a in self.articles}

    @property
    def dimension_labels(self) -> dict[str, str]:
        return {d.id: d.label for d in self.codebook.dimensions}


def read_articles(paths: list[Path]) -> list[Article]:
    """Ingest every file; refuse fewer than two articles and the same article given twice."""
    files = find_articles(paths)
    articles = [ingest(p) for p in files]
    if len(articles) < MIN_ARTICLES:
        raise InputError(
            f"need at least {MIN_ARTICLES} articles to compare, got {len(articles)}"
            + (f" ({files[0]})" if files else "")
        )
    seen: dict[str, Path] = {}
    for path, article in zip(files, articles, strict=True):
        if article.sha256 in seen:
            first = seen[article.sha256]
            # "a.txt: the same article as a.txt" reads like a bug; say the path was repeated.
            if first.resolve() == path.resolve():
                raise InputError(f"{path}: given twice; give each article once")
            raise InputError(f"{path}: the same article as {first}; give each article once")
        seen[article.sha256] = path
    ids = Counter(a.doc_id for a in articles)
    for path, article in zip(files, articles, strict=True):
        if ids[article.doc_id] > 1:
            raise InputError(f"{path}: another file has the same name ({article.doc_id}); rename one")
    return distinct_labels(articles)


def distinct_labels(articles: list[Article]) -> list[Article]:
    """Two pieces from one outlet must not share a column header or a chart colour."""
    counts = Counter(a.label for a in articles)
    named = []
    for a in articles:
        if counts[a.label] > 1:
            a = replace(a, name=f"{a.label}: {short_title(a.metadata.title or a.doc_id.replace('-', ' '), 4)}")
        named.append(a)
    if len({a.label for a in named}) < len(named):  # same outlet and same headline start: fall back to files
        named = [replace(a, name=a.doc_id) for a in named]
    return named


def check_languages(articles: list[Article], codebook: Codebook) -> list[str]:
    """Refuse an article in another language than the codebook declares; without a declaration, warn."""
    warnings = []
    for a in articles:
        guess = detect(" ".join(s.text for s in a.sentences))
        expected = codebook.language or "en"
        if guess is None or guess.code == expected:
            continue
        if codebook.language:
            raise InputError(
                f"{a.path}: reads as {guess.name}, but the codebook {codebook.source} is written for "
                f"{name_of(expected)}; give it a codebook in that language"
            )
        warnings.append(f"{a.path}: reads as {guess.name}; the codebook's cues may not apply")
    return warnings


Coder = Callable[[Article, Codebook], CodedArticle]


def analyse(
    articles: list[Article], codebook: Codebook, review: Review | None = None, coder: Coder = code_article
) -> Analysis:
    """Code and compare the articles (with the analyst's review applied, if given), and measure them.
    ``coder`` codes one article; everything after it reads only the ``CodedArticle`` it returns."""
    warnings = [w for a in articles for w in a.warnings] + check_languages(articles, codebook)
    coded = [coder(a, codebook) for a in articles]
    reviewed = 0
    if review is not None:
        applied = apply_review(coded, review)
        coded, reviewed = list(applied.coded), applied.changed
        warnings += [f"{review.source}: row matches no sentence: {row}" for row in applied.unmatched]
    warnings += [
        f"{c.article.path}: no sentence was coded to any dimension of the codebook"
        for c in coded
        if not any(x.dimension for x in c.codings)
    ]
    comparison = compare(coded, codebook)
    keyness = _keyness(coded, codebook)
    actors = [row for c in coded for row in actor_counts(c, codebook)]
    metrics = [row for c in coded for row in article_metrics(c)]
    return Analysis(
        codebook,
        tuple(articles),
        tuple(coded),
        comparison,
        tuple(keyness),
        tuple(actors),
        tuple(metrics),
        warnings=tuple(warnings),
        review=review,
        reviewed=reviewed,
    )


def _keyness(coded: list[CodedArticle], codebook: Codebook) -> list[Keyness]:
    forms = surface_forms([x.sentence.text for c in coded for x in c.codings])
    whole = {c.article.doc_id: Counter(t for x in c.codings for t in content_terms(x.sentence.text)) for c in coded}
    rows = fightin_words(whole, "article", forms=forms)
    for dim in codebook.ids:
        groups = {
            c.article.doc_id: Counter(t for x in c.coded(dim) for t in content_terms(x.sentence.text)) for c in coded
        }
        rows += fightin_words(groups, dim, forms=forms)
    return rows


def evaluate_against(analysis: Analysis, gold: Path) -> Analysis:
    from comparator.evaluate import evaluate, load_gold

    result = evaluate(list(analysis.coded), load_gold(gold, analysis.codebook), analysis.codebook)
    return replace(analysis, evaluation=result)
