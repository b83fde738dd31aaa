"""Compare coded articles dimension by dimension: cells, evidence, similarity and verdicts."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from comparator.codebook import Codebook, Dimension
from comparator.coding import CodedArticle, Coding, is_dated
from comparator.keyness import content_terms
from comparator.stance import REPORTED, ArticleStance, article_stance
from comparator.verdicts import Verdict, is_silent, stance_gap, verdict_of


@dataclass(frozen=True)
class CompareSettings:
    max_evidence: int = 3  # quotes per cell: enough to show a position, few enough to read in the matrix
    narration_strength: float = 0.3  # a dated event ("in June 2018 ...") as a quote: it narrates, states no position
    quote_words: tuple[int, int] = (8, 45)  # a quote this long reads as a claim; shorter or longer is a fragment
    off_length: float = 0.6  # what a quote outside that length is worth
    repeats: float = 0.5  # two quotes sharing more than this share of their words say the same thing
    # without a stance to show, a sentence is quoted only when its own words for the dimension weigh this much
    # (a context-coded sentence illustrates the dimension too weakly to stand under it)
    quote_own_min: float = 2.0


SETTINGS = CompareSettings()


@dataclass(frozen=True)
class Cell:
    """What one article says on one dimension."""

    doc_id: str
    dimension: str
    n_sentences: int  # coded to the dimension first
    touching: int  # coded to it as a second dimension ("also")
    share: float  # n_sentences over the article's sentences
    stance: ArticleStance
    evidence: tuple[Coding, ...]  # in text order
    key_phrases: tuple[str, ...]
    silent: bool
    analyst: bool = False  # an analyst's review changed a sentence of this cell
    thesis: tuple[ThesisQuote, ...] = ()  # headline or dek lines quoted where no body sentence carries the side


@dataclass(frozen=True)
class ThesisQuote:
    """A headline or dek line quoted as a cell's evidence, with its offsets in the source text."""

    kind: str  # "headline" or "dek"
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class PairVerdict:
    dimension: str
    a: str
    b: str
    verdict: Verdict
    rationale: str  # the numbers the verdict rests on
    stance_gap: float
    similarity: float
    coverage_ratio: float


@dataclass(frozen=True)
class DimensionComparison:
    dimension: Dimension
    cells: tuple[Cell, ...]  # one per article, in article order
    pairs: tuple[PairVerdict, ...]
    verdict: Verdict
    rationale: str


@dataclass(frozen=True)
class Comparison:
    codebook: Codebook
    coded: tuple[CodedArticle, ...]
    dimensions: tuple[DimensionComparison, ...]

    def cell(self, doc_id: str, dim_id: str) -> Cell:
        for dim in self.dimensions:
            for cell in dim.cells:
                if cell.doc_id == doc_id and cell.dimension == dim_id:
                    return cell
        raise KeyError((doc_id, dim_id))


def compare(coded: list[CodedArticle], codebook: Codebook) -> Comparison:
    results = []
    for position, dim in enumerate(codebook.dimensions):
        cells = tuple(make_cell(c, dim, position) for c in coded)
        pairs = tuple(_pair(dim, a, b) for a, b in combinations(cells, 2))
        results.append(DimensionComparison(dim, cells, pairs, verdict_of(cells, dim), _numbers(cells)))
    return Comparison(codebook, tuple(coded), tuple(results))


def make_cell(coded: CodedArticle, dim: Dimension, position: int) -> Cell:
    primary = coded.coded(dim.id, secondary=False)
    touching = len(coded.coded(dim.id)) - len(primary)
    total = len(coded.codings)
    share = len(primary) / total if total else 0.0
    stance = article_stance(coded, dim)
    evidence = select_evidence(coded, dim, position, stance)
    terms = Counter(t for c in coded.coded(dim.id) for t in content_terms(c.sentence.text))
    key_phrases = tuple(t for t, _ in sorted(terms.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0])))[:6]
    # a side stated in the headline or dek addresses the dimension, though it adds no coverage
    silent = is_silent(len(primary) + touching, share) and not stance.side
    analyst = any(
        c.analyst and dim.id in {c.dimension, c.machine_dimension, *(r.dimension for r in c.stances)}
        for c in coded.codings
    )
    return Cell(
        coded.article.doc_id,
        dim.id,
        len(primary),
        touching,
        round(share, 4),
        stance,
        evidence,
        key_phrases,
        silent,
        analyst,
        () if evidence or not stance.side else thesis_evidence(coded, stance),
    )


def thesis_evidence(coded: CodedArticle, stance: ArticleStance) -> tuple[ThesisQuote, ...]:
    """The headline and dek lines that carry the side the cell states, found in the lines the chrome stage kept as
    the title and subtitle: a side that only the thesis states is still quoted, by its place in the source."""
    kinds = {"title": "headline", "subtitle": "dek"}
    found = []
    for carrier in stance.sentences:
        line = carrier.text.strip()
        if carrier.coding is not None or carrier.value * stance.side <= 0:
            continue
        for removed in coded.article.removed:
            at = removed.text.find(line) if removed.kept_as in kinds else -1
            if at >= 0:
                start = removed.start + at
                found.append(ThesisQuote(kinds[removed.kept_as], start, start + len(line), line))
                break
    return tuple(sorted(found, key=lambda q: q.start)[: SETTINGS.max_evidence])


def select_evidence(coded: CodedArticle, dim: Dimension, position: int, stance: ArticleStance) -> tuple[Coding, ...]:
    """The 2-3 sentences that best show the position, in the author's voice: those that carry the side the
    cell states; for a split cell the strongest of each side; without a stance, the strongest on the
    dimension. Reported positions are never shown as the author's."""
    pinned = [c for c in coded.coded(dim.id, secondary=False) if c.pinned]
    if pinned:  # the analyst's choice of quotes
        return tuple(pinned[: SETTINGS.max_evidence])
    # a thesis line (headline, dek) is quoted where the text holds it as a sentence
    in_text = {c.sentence.text.strip(): c for c in coded.codings}
    located = [(c.coding or in_text.get(c.text.strip()), c.value) for c in stance.sentences]
    carriers = [(coding, value) for coding, value in located if coding is not None]
    if stance.side:
        # (a side the reader states alone rests on the sentences whose words weigh most for it)
        chosen = list(stance.weighed) if stance.alone else [c for c, value in carriers if value * stance.side > 0]
        return tuple(sorted(_distinct(chosen), key=lambda c: c.sentence.index))
    if carriers:
        sides = [next((coding for coding, value in carriers if value * sign > 0), None) for sign in (1, -1)]
        return tuple(sorted((c for c in sides if c is not None), key=lambda c: c.sentence.index))
    candidates = [
        c
        for c in coded.coded(dim.id, secondary=False)
        if not any(r.dimension == dim.id and r.voice == REPORTED for r in c.stances)
    ]

    def strength(c: Coding) -> float:
        narration = SETTINGS.narration_strength if is_dated(c.sentence.text) else 1.0
        fit = _length_fit(c.sentence.text) * narration
        return c.own[position] * c.confidence * fit

    ranked = [
        c
        for c in sorted(candidates, key=lambda c: (-strength(c), c.sentence.index))
        if strength(c) > 0 and c.own[position] >= SETTINGS.quote_own_min
    ]
    return tuple(sorted(_distinct(ranked), key=lambda c: c.sentence.index))


def _distinct(ranked: list[Coding]) -> list[Coding]:
    """The first ``max_evidence`` of ``ranked`` that do not repeat one another."""
    chosen: list[Coding] = []
    for c in ranked:
        if any(_overlap(c.sentence.text, d.sentence.text) > SETTINGS.repeats for d in chosen):
            continue
        chosen.append(c)
        if len(chosen) == SETTINGS.max_evidence:
            break
    return chosen


def _length_fit(text: str) -> float:
    words = len(text.split())
    shortest, longest = SETTINGS.quote_words
    return 1.0 if shortest <= words <= longest else SETTINGS.off_length


def _overlap(a: str, b: str) -> float:
    ta, tb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return len(ta & tb) / max(1, min(len(ta), len(tb)))


def similarity(a: list[str], b: list[str]) -> float:
    """Cosine similarity of the content terms two articles use on a dimension."""
    ca = Counter(t for text in a for t in content_terms(text))
    cb = Counter(t for text in b for t in content_terms(text))
    dot = sum(ca[t] * cb[t] for t in ca.keys() & cb.keys())
    norm = math.sqrt(sum(v * v for v in ca.values())) * math.sqrt(sum(v * v for v in cb.values()))
    return round(dot / norm, 3) if norm else 0.0


def _pair(dim: Dimension, a: Cell, b: Cell) -> PairVerdict:
    sim = similarity([c.sentence.text for c in a.evidence], [c.sentence.text for c in b.evidence])
    gap = round(abs(a.stance.value - b.stance.value), 3)
    high, low = max(a.share, b.share), min(a.share, b.share)
    ratio = round(low / high, 3) if high else 1.0
    return PairVerdict(dim.id, a.doc_id, b.doc_id, verdict_of((a, b), dim), _numbers((a, b)), gap, sim, ratio)


def _numbers(cells: tuple[Cell, ...]) -> str:
    """What a verdict rests on: each cell's stance with its interval and count, the gap between the stated
    stances, and coverage."""
    parts = []
    for c in cells:
        st = c.stance
        if st.label == "no scale":
            parts.append("no stance scale")
        elif st.alone:
            parts.append(f"stance {st.value:+.2f} read from the whole article (the reader's probability)")
        elif st.n:
            parts.append(f"stance {st.value:+.2f} [{st.low:+.2f}, {st.high:+.2f}] from {st.n}")
        else:
            parts.append("no stance")
    stated = [c for c in cells if c.stance.side and not c.silent]
    gap = f"; stance gap {stance_gap(cells):.2f}" if len(stated) > 1 else ""
    return (
        " vs ".join(parts)
        + gap
        + "; coverage "
        + " vs ".join(f"{c.share:.0%}" for c in cells)
        + " ("
        + " vs ".join(str(c.n_sentences) for c in cells)
        + " sentences)"
    )
