"""Measure the coder against a hand coding (gold YAML): precision, recall, F1, accuracy, Cohen's kappa."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from comparator.codebook import Codebook, Dimension
from comparator.coding import CodedArticle
from comparator.compare import Comparison, compare
from comparator.errors import GoldError
from comparator.stance import sentence_readings

CHROME_LABELS = {"meta", "boilerplate"}
NONE = "none"


@dataclass(frozen=True)
class GoldSentence:
    file: str
    paragraph: int
    text: str
    label: str
    also: tuple[str, ...]
    stance: tuple[tuple[str, float], ...] = ()  # the author's position per dimension, where the coder gave one
    reported: bool = False  # the sentence reports someone else's position


@dataclass(frozen=True)
class GoldDocument:
    file: str
    kind: str
    expected: tuple[tuple[str, int], ...]  # dimension -> expected article sign (-1, 0, +1)


@dataclass(frozen=True)
class Gold:
    sentences: tuple[GoldSentence, ...]
    documents: tuple[GoldDocument, ...]


@dataclass(frozen=True)
class StanceScore:
    """Stance on one scaled dimension: sentence signs (three-way) and article signs."""

    dimension: str
    sentences: int  # gold sentences on the dimension (a gold stance, or coded to it)
    sentence_agreement: float  # three-way sign agreement (+, -, none) with the gold stance
    sentence_mae: float  # mean absolute error of the value
    articles: int  # documents with an expected sign
    articles_right: int  # predicted sign (0 inside the neutral band) equals the expected one
    stated: int  # articles the tool states a side for
    stated_right: int
    sided: int  # articles whose expected sign is not 0
    sided_stated: int  # of those, how many the tool states a side for
    wrong: tuple[tuple[str, int, float], ...]  # (file, expected, predicted value) where the sign is wrong

    @property
    def precision(self) -> float:
        return self.stated_right / self.stated if self.stated else 1.0

    @property
    def coverage(self) -> float:
        return self.sided_stated / self.sided if self.sided else 1.0


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
    stance: tuple[StanceScore, ...] = ()
    evidence_total: int = 0  # quotes the brief would show under a dimension
    evidence_fit: int = 0  # of those, the ones the hand coding files under that dimension (label or also)


def load_gold(paths: Path | list[Path], codebook: Codebook) -> Gold:
    """Read one or more gold files (their documents are pooled)."""
    sentences: list[GoldSentence] = []
    documents: list[GoldDocument] = []
    for path in [paths] if isinstance(paths, Path) else paths:
        more, docs = _load_one(path, codebook)
        sentences += more
        documents += docs
    return Gold(tuple(sentences), tuple(documents))


_SIGNS = {"+": 1, "-": -1, "0": 0, "−": -1}


def _load_one(path: Path, codebook: Codebook) -> tuple[list[GoldSentence], list[GoldDocument]]:
    if path.suffix.lower() == ".csv":
        return _from_review(path, codebook), []
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: not valid YAML ({type(exc).__name__})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("documents"), list):
        raise GoldError(f"{path}: expected a mapping with a 'documents' list")
    allowed = set(codebook.ids) | CHROME_LABELS | {NONE}
    sentences, documents, problems = [], [], []
    for d, doc in enumerate(raw["documents"]):
        if not isinstance(doc, dict) or not isinstance(doc.get("sentences"), list) or "file" not in doc:
            problems.append(f"documents -> {d}: expected 'file' and a 'sentences' list")
            continue
        file = Path(str(doc["file"])).name
        expected = doc.get("expected") or {}
        if not isinstance(expected, dict) or any(
            str(v) not in _SIGNS or k not in codebook.ids for k, v in expected.items()
        ):
            problems.append(f"documents -> {d} -> expected: a mapping of dimension -> '+', '-' or '0'")
            expected = {}
        documents.append(
            GoldDocument(file, str(doc.get("kind") or ""), tuple((k, _SIGNS[str(v)]) for k, v in expected.items()))
        )
        for s, item in enumerate(doc["sentences"]):
            where = f"documents -> {d} -> sentences -> {s}"
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                problems.append(f"{where}: expected a mapping with 'text'")
                continue
            labels = [item.get("label"), *(item.get("also") or [])]
            unknown = [str(x) for x in labels if x not in allowed]
            if unknown:
                problems.append(
                    f"{where}: unknown dimension {', '.join(unknown)} (codebook has {', '.join(codebook.ids)})"
                )
                continue
            try:
                paragraph = int(item.get("paragraph") or 0)
                stance = tuple((str(k), float(v)) for k, v in (item.get("stance") or {}).items() if k in codebook.ids)
            except (TypeError, ValueError, AttributeError):
                problems.append(f"{where}: paragraph must be a number and stance a mapping of dimension -> number")
                continue
            sentences.append(
                GoldSentence(
                    file,
                    paragraph,
                    item["text"],
                    item["label"],
                    tuple(item.get("also") or ()),
                    stance,
                    item.get("voice") == "reported",
                )
            )
    if problems:
        more = f" (+{len(problems) - 5} more)" if len(problems) > 5 else ""
        raise GoldError(f"{path}: {'; '.join(problems[:5])}{more}")
    return sentences, documents


def _from_review(path: Path, codebook: Codebook) -> list[GoldSentence]:
    """An analyst's edited review.csv as a hand coding: its dimensions and stances are the gold."""
    import csv

    from comparator.review import load_review

    review = load_review(path, codebook)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        files = {(row["doc_id"], row["text"]): row.get("file") or row["doc_id"] for row in csv.DictReader(handle)}
    return [
        GoldSentence(
            files.get((r.doc_id, r.text), r.doc_id),
            0,
            r.text,
            NONE if r.exclude else (r.dimension or NONE),
            (),
            tuple((d, v) for d, v in r.stances if v is not None),
        )
        for r in review.rows
    ]


def evaluate(coded: list[CodedArticle], gold: Gold, codebook: Codebook) -> Evaluation:
    """Compare predictions with the gold labels; a prediction in ``label`` or ``also`` agrees."""
    by_file = {c.article.path: c for c in coded}
    files = sorted({g.file for g in gold.sentences} & set(by_file))
    if not files:
        raise GoldError(f"the gold file names none of the articles given ({', '.join(sorted(by_file))})")
    predicted: dict[tuple[str, str], str] = {}
    for c in coded:
        for coding in c.codings:
            predicted[(c.article.path, _norm(coding.sentence.text))] = coding.dimension or NONE
    pairs, *chrome = _labels(gold, set(files), predicted, set(predicted))
    comparison = compare([by_file[f] for f in files], codebook)
    stance = tuple(
        _stance_score(d, [by_file[f] for f in files], gold, comparison)
        for d in codebook.dimensions
        if d.stance is not None
    )
    fit, total = _evidence_fit(comparison, gold)
    return Evaluation(*_label_scores(pairs, codebook), *chrome, tuple(files), stance, total, fit)


def agreement(first: Gold, second: Gold, codebook: Codebook) -> Evaluation:
    """How far a second hand coding of the same articles agrees with the first, scored as ``evaluate`` scores the
    coder against the first (the second's label agrees when it is the first's label or one of its ``also``): the
    ceiling two careful people reach, beside which the coder's figures on the same articles are read. Only the
    articles both code are compared; the second coder's article signs are its expected ones."""
    files = sorted({g.file for g in first.sentences} & {g.file for g in second.sentences})
    if not files:
        raise GoldError("the two hand codings share no article")
    shared = set(files)
    theirs = {key: g for key, g in _gold_index(second).items() if g.file in shared}
    content = {key: g.label for key, g in theirs.items() if g.label not in CHROME_LABELS}
    pairs, *chrome = _labels(first, shared, content, set(theirs))
    stance = []
    for dim in codebook.dimensions:
        if dim.stance is None:
            continue
        signs = []
        for g in first.sentences:
            truth = dict(g.stance).get(dim.id)
            if g.file not in shared or g.label in CHROME_LABELS or (truth is None and dim.id not in (g.label, *g.also)):
                continue  # not compared, or neither coded nor placed on this dimension by the first coder
            other = theirs.get((g.file, _norm(g.text)))
            signs.append((truth or 0.0, dict(other.stance).get(dim.id, 0.0) if other is not None else 0.0))
        expected = {d.file: dict(d.expected).get(dim.id, 0) for d in second.documents if d.file in shared}
        sides = [
            (d.file, e, expected[d.file], float(expected[d.file]))
            for d in first.documents
            if d.file in expected and (e := dict(d.expected).get(dim.id)) is not None
        ]
        stance.append(StanceScore(dim.id, *_sign_figures(signs), *_side_figures(sides)))
    return Evaluation(*_label_scores(pairs, codebook), *chrome, tuple(files), tuple(stance))


def _labels(gold: Gold, files: set[str], predicted: dict[tuple[str, str], str], seen: set) -> tuple:
    """Pair each gold sentence of ``files`` with its predicted label (by file and normalised text); a sentence not
    ``seen`` at all is unmatched, a content sentence with no prediction counts as none, a chrome line predicted as
    content is kept. The pairs (the gold label that counts, the predicted one), then the chrome and misses as
    ``Evaluation`` orders them."""
    pairs, chrome_kept, unmatched, misses, chrome_total = [], [], [], [], 0
    for g in gold.sentences:
        if g.file not in files:
            continue
        key = (g.file, _norm(g.text))
        if g.label in CHROME_LABELS:
            chrome_total += 1
            if key in predicted:
                chrome_kept.append(g.text)
            continue
        if key not in seen:
            unmatched.append(g.text)
        pred = predicted.get(key, NONE)
        truth = pred if pred in (g.label, *g.also) else g.label
        pairs.append((truth, pred))
        if truth != pred:
            misses.append((g.text, g.label + (f" (also {', '.join(g.also)})" if g.also else ""), pred))
    return pairs, chrome_total, tuple(chrome_kept), tuple(unmatched), tuple(misses)


def _label_scores(pairs: list[tuple[str, str]], codebook: Codebook) -> tuple:
    """n, accuracy, macro-F1 over the dimensions that occur, kappa, and the per-label scores."""
    scores = tuple(_prf(pairs, label) for label in [*codebook.ids, NONE])
    n = len(pairs)
    dims = [s for s in scores if s.dimension != NONE and s.support > 0]
    return (
        n,
        round(sum(t == p for t, p in pairs) / n, 4) if n else 0.0,
        round(sum(s.f1 for s in dims) / len(dims), 4) if dims else 0.0,
        round(_kappa(pairs), 4),
        scores,
    )


def _sign_figures(signs: list[tuple[float, float]]) -> tuple[int, float, float]:
    """Sentence stance, (gold value, predicted value) pairs: how many, three-way sign agreement, mean abs. error."""
    n = len(signs)
    if not n:
        return 0, 0.0, 0.0
    agree = sum(_sign(t, 0.25) == _sign(p, 0.25) for t, p in signs)
    return n, round(agree / n, 4), round(sum(abs(t - p) for t, p in signs) / n, 4)


def _side_figures(sides: list[tuple[str, int, int, float]]) -> tuple:
    """Article signs, (file, expected, stated side, value) per article: articles, right, stated, stated right,
    sided, sided and stated, and the (file, expected, value) of those not right."""
    return (
        len(sides),
        sum(s == e for _, e, s, _ in sides),
        sum(s != 0 for _, _, s, _ in sides),
        sum(s != 0 and s == e for _, e, s, _ in sides),
        sum(e != 0 for _, e, _, _ in sides),
        sum(e != 0 and s != 0 for _, e, s, _ in sides),
        tuple((f, e, v) for f, e, s, v in sides if s != e),
    )


def _gold_index(gold: Gold) -> dict[tuple[str, str], GoldSentence]:
    return {(g.file, _norm(g.text)): g for g in gold.sentences}


def _stance_score(dim: Dimension, coded: list[CodedArticle], gold: Gold, comparison: Comparison) -> StanceScore:
    index = _gold_index(gold)
    signs = []
    for c in coded:
        readings = sentence_readings(c, dim)
        for coding in c.codings:
            g = index.get((c.article.path, _norm(coding.sentence.text)))
            if g is None or g.label in CHROME_LABELS:
                continue
            truth = dict(g.stance).get(dim.id)
            if truth is None and dim.id not in (g.label, *g.also):
                continue  # neither coded nor placed on this dimension by the hand coder
            reading = readings.get(coding.sentence.index)
            signs.append((truth or 0.0, reading.value if reading else 0.0))
    files = {c.article.path: c.article.doc_id for c in coded}
    sides = [
        (doc.file, expected, stance.side, stance.value)
        for doc in gold.documents
        if (expected := dict(doc.expected).get(dim.id)) is not None and doc.file in files
        for stance in (comparison.cell(files[doc.file], dim.id).stance,)
    ]
    return StanceScore(dim.id, *_sign_figures(signs), *_side_figures(sides))


def _sign(value: float, band: float) -> int:
    return 0 if abs(value) < band else (1 if value > 0 else -1)


def _evidence_fit(comparison: Comparison, gold: Gold) -> tuple[int, int]:
    """How many of the quotes shown under a dimension the hand coder files under it (label or also)."""
    index = _gold_index(gold)
    paths = {c.article.doc_id: c.article.path for c in comparison.coded}
    fit = total = 0
    for dim in comparison.dimensions:
        for cell in dim.cells:
            for quote in cell.evidence:
                g = index.get((paths[cell.doc_id], _norm(quote.sentence.text)))
                if g is None:
                    continue
                total += 1
                fit += dim.dimension.id in (g.label, *g.also)
    return fit, total


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
    if result.stance:
        lines.append(
            f"{'stance':<14}{'sent. sign':>11}{'MAE':>7}{'articles right':>16}{'stated right':>14}{'coverage':>10}"
        )
        for st in result.stance:
            lines.append(
                f"{st.dimension:<14}{st.sentence_agreement:>11.3f}{st.sentence_mae:>7.3f}"
                f"{f'{st.articles_right}/{st.articles}':>16}{f'{st.stated_right}/{st.stated}':>14}"
                f"{f'{st.sided_stated}/{st.sided}':>10}"
            )
            for file, expected, value in st.wrong:
                lines.append(f"  {st.dimension} sign wrong: {file} expected {expected:+d}, reads {value:+.2f}")
    if result.evidence_total:
        lines.append(
            f"evidence quotes filed under their dimension by the hand coder: {result.evidence_fit}/"
            f"{result.evidence_total} ({result.evidence_fit / result.evidence_total:.2f})"
        )
    for text in result.chrome_in_content:
        lines.append(f"  chrome kept as content: {text[:90]}")
    for text in result.unmatched:
        lines.append(f"  not found: {text[:90]}")
    return lines


def scoreboard_lines(results: list[tuple[str, Evaluation]]) -> list[str]:
    """One row per set: labels, stance signs per scaled dimension (right/articles; stated right/stated), evidence."""
    dims = [st.dimension for st in results[0][1].stance] if results else []
    head = f"{'set':<10}{'n':>5}{'acc':>7}{'F1':>7}{'kappa':>7}{'chrome':>8}"
    head += "".join(f"{d[:11]:>14}" for d in dims) + f"{'evidence':>10}"
    lines = [head, "  (per dimension: article signs right/articles, then stated right/stated)"]
    for name, r in results:
        row = f"{name:<10}{r.n_content:>5}{r.accuracy:>7.3f}{r.macro_f1:>7.3f}{r.kappa:>7.3f}"
        row += f"{f'{len(r.chrome_in_content)}/{r.chrome_total}':>8}"
        for st in r.stance:
            row += f"{f'{st.articles_right}/{st.articles} {st.stated_right}/{st.stated}':>14}"
        fit = f"{r.evidence_fit / r.evidence_total:.2f}" if r.evidence_total else "-"
        lines.append(row + f"{fit:>10}")
    return lines
