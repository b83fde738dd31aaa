"""A learned coder: a linear model that picks each sentence's dimension from its words and the rules' reading.

The rules (cue scores in paragraph context, dated narration, the stance readings that make a sentence argued) are
read first; the model then sees, for each sentence, its words (unigrams and bigrams, proper nouns left out so
that it learns how an argument is made, not whose) and what the rules computed for it and for its neighbours,
and names the dimension (or none). It is trained on the hand-coded development articles by ``bench/train_coder.py``
(``nox -s train``), ships as package data beside its codebook (the codebook's ``learned:`` line), and runs with
the standard library only: sums of products, the same on every machine.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

NONE = ""  # the class of a sentence that argues nothing the codebook asks about
WORD = re.compile(r"[A-Za-z][A-Za-z']+")
FORMAT = 1  # the layout of the weights file


class LearnedError(ValueError):
    """A weights file that cannot be used (the codebook turns it into a CodebookError)."""


class StaleError(LearnedError):
    """Weights trained with another version of the codebook or of the word lists."""


@dataclass(frozen=True)
class RuleView:
    """What the rules computed for one sentence: all the model sees of it besides its words."""

    text: str
    own: tuple[float, ...]  # cue score per dimension
    score: tuple[float, ...]  # in paragraph context
    dated: bool
    dimension: str  # the rules' dimension, NONE when none


def words(text: str) -> list[str]:
    """The sentence's terms: lower-cased words and adjacent pairs, without capitalised words after the first
    (names of countries, leaders and papers say whose argument it is, not what kind)."""
    tokens = [w.lower() for k, w in enumerate(WORD.findall(text)) if k == 0 or not w[0].isupper()]
    return tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]


def numeric(views: Sequence[RuleView], i: int, ids: Sequence[str]) -> list[float]:
    """The rules' figures for sentence ``i``: its own and context scores (log1p), dated narration, length, place
    in the article, its neighbours' scores, and the rules' dimension (one-hot, none last)."""

    def scores(view: RuleView | None) -> list[float]:
        if view is None:
            return [0.0] * (2 * len(ids))
        return [math.log1p(v) for v in (*view.own, *view.score)]

    view = views[i]
    return [
        *scores(view),
        float(view.dated),
        math.log(1 + len(view.text.split())),
        i / max(1, len(views) - 1),
        *scores(views[i - 1] if i > 0 else None),
        *scores(views[i + 1] if i + 1 < len(views) else None),
        *(float(view.dimension == d) for d in (*ids, NONE)),
    ]


@dataclass(frozen=True)
class ArticleReader:
    """A logistic regression over a whole article's terms that reads which side of one dimension's scale it takes
    (-1, 0 for none, +1). It decides whether a side is stated; the sentences still give the evidence (see
    ``comparator.stance.article_stance``)."""

    terms: dict[str, tuple[float, tuple[float, ...]]]  # term -> (its idf, its weight for -1, 0, +1)
    intercept: tuple[float, float, float]
    threshold: float  # a side is read only when its probability reaches this
    articles: int = 0  # hand-coded articles it was trained on (for the methods note)
    # a side read with at least this probability is stated by itself, where no sentence the author argues states
    # one; the sentences whose words weigh most for it are its evidence (1.0: never)
    alone: float = 1.0

    def probabilities(self, terms: Sequence[str]) -> tuple[float, float, float]:
        """P(-1), P(0), P(+1) for an article's terms (``article_terms``)."""
        return _softmax(_with_terms(list(self.intercept), Counter(t for t in terms if t in self.terms), self.terms))

    def read(self, terms: Sequence[str]) -> tuple[int, float]:
        """The side read (-1 or +1, or 0 when neither side reaches the threshold) and its probability."""
        p = self.probabilities(terms)
        k = max(range(3), key=lambda k: (p[k], -k))
        return (k - 1, p[k]) if k != 1 and p[k] >= self.threshold else (0, p[1])

    def side(self, terms: Sequence[str]) -> int:
        return self.read(terms)[0]

    def weighed(self, side: int, sentences: Sequence[str]) -> tuple[int, ...]:
        """The positions of the sentences whose words weigh for ``side`` against the other side (each distinct
        term its idf times the difference of the two sides' weights), most first: what a side read rests on."""
        k, other = side + 1, 1 - side
        scored = []
        for i, text in enumerate(sentences):
            known = [self.terms[t] for t in dict.fromkeys(words(text)) if t in self.terms]
            score = sum(idf * (w[k] - w[other]) for idf, w in known)
            if score > 0:
                scored.append((-score, i))
        return tuple(i for _, i in sorted(scored))


def article_terms(title: str, subtitle: str, sentences: Sequence[str]) -> list[str]:
    """An article's terms as its reader sees them: the headline and dek twice (the thesis), then every content
    sentence."""
    thesis = [t for line in (title, subtitle) if line for t in words(line)]
    return [*thesis, *thesis, *(t for text in sentences for t in words(text))]


def _with_terms(z: list[float], counts: Counter, table: dict[str, tuple[float, tuple[float, ...]]]) -> list[float]:
    """Add the terms' share of each class's score: l2-normalised sublinear tf-idf times the weights."""
    if counts:
        tfidf = {t: (1.0 + math.log(n)) * table[t][0] for t, n in sorted(counts.items())}
        norm = math.sqrt(sum(v * v for v in tfidf.values()))
        for t, v in tfidf.items():
            for k, w in enumerate(table[t][1]):
                z[k] += v / norm * w
    return z


def _softmax(z: list[float]) -> tuple[float, ...]:
    peak = max(z)
    e = [math.exp(v - peak) for v in z]
    total = sum(e)
    return tuple(v / total for v in e)


@dataclass(frozen=True)
class LearnedCoder:
    """A multinomial logistic regression over tf-idf terms and standardised rule figures (plain floats: coding
    needs no numerical library)."""

    classes: tuple[str, ...]  # the codebook's dimension ids and NONE
    terms: dict[str, tuple[float, tuple[float, ...]]]  # term -> (its idf, its weight per class)
    mean: tuple[float, ...]  # of each rule figure in training
    scale: tuple[float, ...]
    figure_weights: tuple[tuple[float, ...], ...]  # per figure, per class (already times the figures' share)
    intercept: tuple[float, ...]
    trained_on: str  # fingerprint of the codebook and lexicon the rules read with in training
    sentences: int = 0  # hand-coded sentences it was trained on (for the methods note)
    sets: tuple[str, ...] = ()  # the names of the hand-coded sets it was trained on
    sha256: str = ""  # of the weights file it was read from
    readers: dict[str, ArticleReader] = field(default_factory=dict)  # per scaled dimension id, where trained

    def probabilities(self, views: Sequence[RuleView], ids: Sequence[str]) -> list[tuple[float, ...]]:
        """Class probabilities per sentence, in ``classes`` order."""
        result = []
        for i, view in enumerate(views):
            z = _with_terms(list(self.intercept), Counter(t for t in words(view.text) if t in self.terms), self.terms)
            for f, m, sd, weights in zip(
                numeric(views, i, ids), self.mean, self.scale, self.figure_weights, strict=True
            ):
                x = (f - m) / sd
                for k, w in enumerate(weights):
                    z[k] += x * w
            result.append(_softmax(z))
        return result

    def choose(self, p: Sequence[float]) -> str:
        """The most probable class of one sentence's probabilities (ties go to the earlier class)."""
        return self.classes[max(range(len(p)), key=lambda k: (p[k], -k))]

    def predict(self, views: Sequence[RuleView], ids: Sequence[str]) -> list[str]:
        """The most probable class per sentence."""
        return [self.choose(p) for p in self.probabilities(views, ids)]


def fingerprint(codebook_bytes: bytes, lexicon_bytes: bytes) -> str:
    """The data the rules' figures are read with: the codebook file and the word lists (``data/en.yaml``). Not the
    rules' code or settings: a change there calls for ``nox -s train`` too, which the suite's snapshots show."""
    return hashlib.sha256(hashlib.sha256(codebook_bytes).digest() + hashlib.sha256(lexicon_bytes).digest()).hexdigest()


def to_json(coder: LearnedCoder, about: dict) -> str:
    """The weights file, one term a line (its idf, then its weight per class), six significant digits and sorted
    keys: the same training writes the same bytes."""

    def r(values) -> list[float]:
        return [float(f"{v:.6g}") for v in values]

    head = {
        "format": FORMAT,
        "about": {**about, "sentences": coder.sentences, "sets": list(coder.sets)},
        "classes": list(coder.classes),
        "trained_on": coder.trained_on,
        "figures": {
            "mean": r(coder.mean),
            "scale": r(coder.scale),
            "weights": [r(w) for w in coder.figure_weights],
        },
        "intercept": r(coder.intercept),
    }
    lines = [f"{json.dumps(k)}: {json.dumps(v, sort_keys=True)}," for k, v in sorted(head.items())]

    def table(terms: dict[str, tuple[float, tuple[float, ...]]]) -> str:
        return ",\n".join(f"{json.dumps(t)}: {json.dumps(r((idf, *w)))}" for t, (idf, w) in sorted(terms.items()))

    readers = [
        f'{json.dumps(dim)}: {{"articles": {reader.articles}, "intercept": {json.dumps(r(reader.intercept))}, '
        f'"threshold": {reader.threshold}, "alone": {reader.alone},\n"terms": {{\n{table(reader.terms)}\n}}}}'
        for dim, reader in sorted(coder.readers.items())
    ]
    return (
        "{\n"
        + "\n".join(lines)
        + '\n"readers": {\n'
        + ",\n".join(readers)
        + '\n},\n"terms": {\n'
        + table(coder.terms)
        + "\n}}\n"
    )


def loads(content: bytes, ids: Sequence[str]) -> LearnedCoder:
    """The coder a weights file's bytes describe."""
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise LearnedError("not a weights file written by bench/train_coder.py (not JSON)") from None
    try:
        return replace(_parse(data, tuple(ids)), sha256=hashlib.sha256(content).hexdigest())
    except LearnedError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise LearnedError(f"not a weights file written by bench/train_coder.py ({_why(exc)})") from None


def _why(exc: Exception) -> str:
    return f"missing {exc.args[0]!r}" if isinstance(exc, KeyError) else str(exc) or type(exc).__name__


def _numbers(values: object, n: int, what: str) -> tuple[float, ...]:
    """``n`` finite numbers (JSON also allows Infinity and NaN)."""
    if not isinstance(values, list) or len(values) != n:
        raise ValueError(f"{what}: expected a list of {n} numbers")
    out = tuple(float(v) for v in values)
    if not all(math.isfinite(v) for v in out):
        raise ValueError(f"{what}: a number is not finite")
    return out


def _parse(data: object, ids: tuple[str, ...]) -> LearnedCoder:
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    if data["format"] != FORMAT:
        raise LearnedError(f"weights format {data['format']!r}, this comparator reads {FORMAT}")
    classes = tuple(data["classes"])
    if classes != (*ids, NONE):
        raise LearnedError(f"trained for the dimensions {list(classes[:-1])}, the codebook has {list(ids)}")
    k = len(classes)
    terms = _terms(data["terms"], k)
    blank = RuleView("", (0.0,) * len(ids), (0.0,) * len(ids), False, NONE)
    n_figures = len(numeric([blank], 0, ids))
    figures = data["figures"]
    mean = _numbers(figures["mean"], n_figures, "figures: mean")
    scale = _numbers(figures["scale"], n_figures, "figures: scale")
    if any(v <= 0 for v in scale):
        raise ValueError("figures: scale must be positive")
    rows = figures["weights"]
    if not isinstance(rows, list) or len(rows) != n_figures:
        raise ValueError(f"figures: weights: expected {n_figures} rows")
    about = data["about"]
    readers = {}
    for dim, raw in data.get("readers", {}).items():
        if dim not in ids:
            raise LearnedError(f"an article reader for {dim!r}, which the codebook does not have")
        threshold = _numbers([raw["threshold"]], 1, f"readers: {dim}: threshold")[0]
        if not 0 < threshold < 1:
            raise ValueError(f"readers: {dim}: threshold must lie between 0 and 1")
        alone = _numbers([raw["alone"]], 1, f"readers: {dim}: alone")[0]
        if not threshold <= alone <= 1:
            raise ValueError(f"readers: {dim}: alone must lie between the threshold and 1")
        readers[dim] = ArticleReader(
            terms=_terms(raw["terms"], 3),
            intercept=_numbers(raw["intercept"], 3, f"readers: {dim}: intercept"),
            threshold=threshold,
            articles=int(raw["articles"]),
            alone=alone,
        )
    return LearnedCoder(
        classes=classes,
        terms=terms,
        mean=mean,
        scale=scale,
        figure_weights=tuple(_numbers(row, k, "figures: weights") for row in rows),
        intercept=_numbers(data["intercept"], k, "intercept"),
        trained_on=str(data["trained_on"]),
        sentences=int(about["sentences"]),
        sets=tuple(str(n) for n in about.get("sets", ())),
        readers=readers,
    )


def _terms(raw: object, k: int) -> dict[str, tuple[float, tuple[float, ...]]]:
    """A table of terms: each term's idf, then its weight for each of ``k`` classes."""
    if not isinstance(raw, dict):
        raise ValueError("terms: expected an object")
    terms = {}
    for term, row in raw.items():
        idf, *weights = _numbers(row, k + 1, f"terms: {term!r}")
        if idf <= 0:
            raise ValueError(f"terms: {term!r}: idf must be positive")
        terms[str(term)] = (idf, tuple(weights))
    return terms
