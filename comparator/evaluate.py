"""Measure the coder against a hand coding (gold YAML): precision, recall, F1, accuracy, Cohen's kappa."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from comparator.codebook import Codebook
from comparator.coding import CodedArticle
from comparator.errors import GoldError

CHROME_LABELS = {"meta", "boilerplate"}
NONE = "none"


@dataclass(frozen=True)
class GoldSentence:
    file: str
    paragraph: int
    text: str
    label: str
    also: tuple[str, ...]


@dataclass(frozen=True)
class DimensionScore:
    dimension: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Evaluation:
    n_content: int
    accuracy: float
    macro_f1: float
    kappa: float
    per_dimension: tuple[DimensionScore, ...]
    chrome_total: int
    chrome_in_content: tuple[str, ...]  # gold title/bio/chrome lines the tool kept as content
    unmatched: tuple[str, ...]  # gold content sentences the tool did not find
    misses: tuple[tuple[str, str, str], ...]  # (text, gold label, predicted) for disagreements
    files: tuple[str, ...]


def load_gold(path: Path, codebook: Codebook) -> list[GoldSentence]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: not valid YAML ({type(exc).__name__})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("documents"), list):
        raise GoldError(f"{path}: expected a mapping with a 'documents' list")
    allowed = set(codebook.ids) | CHROME_LABELS | {NONE}
    sentences, problems = [], []
    for d, doc in enumerate(raw["documents"]):
        if not isinstance(doc, dict) or not isinstance(doc.get("sentences"), list) or "file" not in doc:
            problems.append(f"documents -> {d}: expected 'file' and a 'sentences' list")
            continue
        for s, item in enumerate(doc["sentences"]):
            where = f"documents -> {d} -> sentences -> {s}"
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                problems.append(f"{where}: expected a mapping with 'text'")
                continue
            labels = [item.get("label"), *(item.get("also") or [])]
            unknown = [str(x) for x in labels if x not in allowed]
            if unknown:
                problems.append(f"{where}: unknown dimension {', '.join(unknown)} (codebook has "
                                f"{', '.join(codebook.ids)})")
                continue
            sentences.append(GoldSentence(Path(str(doc["file"])).name, int(item.get("paragraph") or 0),
                                          item["text"], item["label"], tuple(item.get("also") or ())))
    if problems:
        more = f" (+{len(problems) - 5} more)" if len(problems) > 5 else ""
        raise GoldError(f"{path}: {'; '.join(problems[:5])}{more}")
    return sentences


def evaluate(coded: list[CodedArticle], gold: list[GoldSentence], codebook: Codebook) -> Evaluation:
    """Compare predictions with the gold labels; a prediction in ``label`` or ``also`` agrees."""
    by_file = {c.article.path: c for c in coded}
    files = sorted({g.file for g in gold} & set(by_file))
    if not files:
        raise GoldError("the gold file names none of the articles given "
                        f"({', '.join(sorted(by_file))})")
    predicted: dict[tuple[str, str], str] = {}
    for c in coded:
        for coding in c.codings:
            predicted[(c.article.path, _norm(coding.sentence.text))] = coding.dimension or NONE
    pairs, chrome_kept, unmatched, misses, chrome_total = [], [], [], [], 0
    for g in gold:
        if g.file not in by_file:
            continue
        key = (g.file, _norm(g.text))
        if g.label in CHROME_LABELS:
            chrome_total += 1
            if key in predicted:
                chrome_kept.append(g.text)
            continue
        if key not in predicted:
            unmatched.append(g.text)
            pred = NONE
        else:
            pred = predicted[key]
        truth = pred if pred in (g.label, *g.also) else g.label
        pairs.append((truth, pred))
        if truth != pred:
            misses.append((g.text, g.label + (f" (also {', '.join(g.also)})" if g.also else ""), pred))
    labels = [*codebook.ids, NONE]
    scores = tuple(_prf(pairs, label) for label in labels)
    n = len(pairs)
    accuracy = sum(t == p for t, p in pairs) / n if n else 0.0
    dims = [s for s in scores if s.dimension != NONE and s.support > 0]
    macro = sum(s.f1 for s in dims) / len(dims) if dims else 0.0
    return Evaluation(n, round(accuracy, 4), round(macro, 4), round(_kappa(pairs), 4), scores, chrome_total,
                      tuple(chrome_kept), tuple(unmatched), tuple(misses), tuple(files))


def _prf(pairs: list[tuple[str, str]], label: str) -> DimensionScore:
    tp = sum(1 for t, p in pairs if t == label and p == label)
    fp = sum(1 for t, p in pairs if t != label and p == label)
    fn = sum(1 for t, p in pairs if t == label and p != label)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return DimensionScore(label, round(precision, 4), round(recall, 4), round(f1, 4), tp + fn)


def _kappa(pairs: list[tuple[str, str]]) -> float:
    n = len(pairs)
    if not n:
        return 0.0
    observed = sum(t == p for t, p in pairs) / n
    truth, pred = Counter(t for t, _ in pairs), Counter(p for _, p in pairs)
    expected = sum(truth[k] * pred[k] for k in truth) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def report_lines(result: Evaluation) -> list[str]:
    """A plain-text summary for the terminal."""
    lines = [
        f"files: {', '.join(result.files)}",
        f"content sentences: {result.n_content}   accuracy: {result.accuracy:.3f}   "
        f"macro-F1 (dimensions): {result.macro_f1:.3f}   Cohen's kappa: {result.kappa:.3f}",
        f"chrome/meta lines in gold: {result.chrome_total}   kept as content: {len(result.chrome_in_content)}",
        f"{'dimension':<14}{'precision':>10}{'recall':>8}{'F1':>8}{'support':>9}",
    ]
    for s in result.per_dimension:
        lines.append(f"{s.dimension:<14}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.support:>9}")
    for text in result.chrome_in_content:
        lines.append(f"  chrome kept as content: {text[:90]}")
    for text in result.unmatched:
        lines.append(f"  not found: {text[:90]}")
    return lines
