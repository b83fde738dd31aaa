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
from comparator.stance import ArticleStance, article_stance

SILENT_SENTENCES = 2  # fewer coded sentences than this ...
SILENT_SHARE = 0.05  # ... and a smaller share than this: the article barely addresses the dimension
MAX_EVIDENCE = 3
AGREE_GAP = 0.25  # stance gap within which two articles agree (an eighth of the -1..+1 scale)
DIVERGE_GAP = 0.6  # stance gap (with opposite signs) at which they diverge
EMPHASIS_RATIO = 0.33  # coverage ratio below which the emphasis differs (one gives it 3x the space)


@dataclass(frozen=True)
class Cell:
    """What one article says on one dimension."""

    doc_id: str
    dimension: str
    n_sentences: int
    share: float
    stance: ArticleStance
    evidence: tuple[Coding, ...]  # in text order
    key_phrases: tuple[str, ...]
    silent: bool


@dataclass(frozen=True)
class PairVerdict:
    dimension: str
    a: str
    b: str
    verdict: str
    rationale: str
    stance_gap: float
    similarity: float
    coverage_ratio: float


@dataclass(frozen=True)
class DimensionComparison:
    dimension: Dimension
    cells: tuple[Cell, ...]  # one per article, in article order
    pairs: tuple[PairVerdict, ...]
    verdict: str
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
    labels = {c.article.doc_id: c.article.label for c in coded}
    results = []
    for position, dim in enumerate(codebook.dimensions):
        cells = tuple(make_cell(c, dim, position) for c in coded)
        pairs = tuple(_pair(dim.id, a, b, labels) for a, b in combinations(cells, 2))
        verdict, rationale = _summarise(pairs, cells, labels)
        results.append(DimensionComparison(dim, cells, pairs, verdict, rationale))
    return Comparison(codebook, tuple(coded), tuple(results))


def make_cell(coded: CodedArticle, dim: Dimension, position: int) -> Cell:
    primary = coded.coded(dim.id, secondary=False)
    total = len(coded.codings)
    share = len(primary) / total if total else 0.0
    stance = article_stance(coded, dim)
    evidence = select_evidence(coded, dim, position, stance)
    terms = Counter(t for c in coded.coded(dim.id) for t in content_terms(c.sentence.text))
    key_phrases = tuple(t for t, _ in sorted(terms.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0])))[:6]
    silent = len(coded.coded(dim.id)) < SILENT_SENTENCES and share < SILENT_SHARE
    return Cell(coded.article.doc_id, dim.id, len(primary), round(share, 4), stance, evidence, key_phrases, silent)


def select_evidence(coded: CodedArticle, dim: Dimension, position: int, stance: ArticleStance) -> tuple[Coding, ...]:
    """The 2-3 sentences that best state the position: strong on the dimension, on the scale, distinct."""
    candidates = coded.coded(dim.id, secondary=False)
    if len(candidates) < 2:
        candidates += [c for c in coded.coded(dim.id) if c not in candidates]
    carried = {s.coding.sentence.index: abs(s.value) for s in stance.sentences}

    def strength(c: Coding) -> float:
        narration = 0.3 if is_dated(c.sentence.text) else 1.0  # a dated event states no position
        fit = _length_fit(c.sentence.text) * narration
        return c.own[position] * c.confidence * (1 + carried.get(c.sentence.index, 0.0)) * fit

    chosen: list[Coding] = []
    for c in sorted(candidates, key=lambda c: (-strength(c), c.sentence.index)):
        if strength(c) <= 0 or any(_overlap(c.sentence.text, d.sentence.text) > 0.5 for d in chosen):
            continue
        chosen.append(c)
        if len(chosen) == MAX_EVIDENCE:
            break
    return tuple(sorted(chosen, key=lambda c: c.sentence.index))


def _length_fit(text: str) -> float:
    words = len(text.split())
    return 1.0 if 8 <= words <= 45 else 0.6


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


def _pair(dim_id: str, a: Cell, b: Cell, labels: dict[str, str]) -> PairVerdict:
    la, lb = labels[a.doc_id], labels[b.doc_id]
    sim = similarity([c.sentence.text for c in a.evidence], [c.sentence.text for c in b.evidence])
    gap = round(abs(a.stance.value - b.stance.value), 3)
    high, low = max(a.share, b.share), min(a.share, b.share)
    ratio = round(low / high, 3) if high else 1.0
    numbers = (f"stance {a.stance.value:+.2f} vs {b.stance.value:+.2f} (gap {gap:.2f}), "
               f"coverage {a.share:.0%} vs {b.share:.0%}, shared vocabulary {sim:.2f}")
    if a.silent and b.silent:
        verdict = "neither addresses it"
    elif a.silent or b.silent:
        verdict = f"only {lb if a.silent else la} addresses it"
    elif (a.stance.value * b.stance.value < 0 and gap >= DIVERGE_GAP
          and min(abs(a.stance.value), abs(b.stance.value)) >= 0.15):
        verdict = "diverge"
    elif gap <= AGREE_GAP and ratio >= EMPHASIS_RATIO:
        verdict = "agree"
    else:
        verdict = "same direction, different emphasis"
    return PairVerdict(dim_id, a.doc_id, b.doc_id, verdict, numbers, gap, sim, ratio)


def _summarise(pairs: tuple[PairVerdict, ...], cells: tuple[Cell, ...], labels: dict[str, str]) -> tuple[str, str]:
    if len(pairs) == 1:
        return pairs[0].verdict, pairs[0].rationale
    counts = Counter(p.verdict for p in pairs)
    verdict, n = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    silent = [labels[c.doc_id] for c in cells if c.silent]
    detail = "; ".join(f"{v}: {k} of {len(pairs)} pairs" for v, k in sorted(counts.items(), key=lambda kv: -kv[1]))
    spread = max(c.stance.value for c in cells) - min(c.stance.value for c in cells)
    rationale = f"{detail}; stance spread {spread:.2f}" + (f"; silent: {', '.join(silent)}" if silent else "")
    if n < len(pairs) and counts.get("diverge"):
        verdict = "mixed: some diverge"
    return verdict, rationale
