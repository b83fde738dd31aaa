"""Does a logistic regression over the coder's own scores beat the hand-written rules? Train it and see.

Run with ``.nox/tests/bin/python bench/train_coder.py``. For every development set (the seeds, the synthetic
sets heldout, fresh, blind3 and blind4, and real-dev) the articles are ingested and coded with the default
codebook, and each coded sentence is paired with its hand label by normalised text, as comparator/evaluate.py
pairs them. Each sentence is described only by what the coder already computes: its cue scores per dimension
(``Coding.own``), its scores in paragraph context (``Coding.score``), whether it is dated narration, its length,
its position in the article, and the same scores of the sentence before and after it. A multinomial logistic
regression with an L2 penalty (numpy, Newton's method from zero weights: deterministic) predicts one of the
codebook's dimensions or none.

Three comparisons with the rules (the coder's own dimension):

(a) leave one set out over the seeds and the synthetic sets;
(b) trained on the seeds and the synthetic sets, tested on real-dev;
(c) leave one real-dev article out, trained on every other sentence (all other sets and the other articles).
(d) leave one real development set out (seven sets of real pages), trained on every other set; for information
    (the decision below still rests on (a) to (c)).

A prediction is right if it is the gold label or in the gold ``also``; macro-F1 is over the codebook's
dimensions, as comparator/evaluate.py computes both. Gold sentences the coder did not find count as "none" for
both models (they have no features), exactly as evaluate() counts them.

The coefficients are written to comparator/data/coder-weights.json only if the learned model beats the rules
by at least 0.02 accuracy on real-dev in (b) and in (c) while losing no more than 0.03 on any set in (a). They
are not wired into the coder. A held-out set (tests/data/sets.json) is never read.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from comparator.codebook import Codebook, load_codebook
from comparator.coding import Coding, code_article, is_dated
from comparator.evaluate import CHROME_LABELS, NONE, _norm, _prf, evaluate, load_gold
from comparator.ingest import find_articles, ingest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SYNTHETIC = ("seeds", "heldout", "fresh", "blind3", "blind4")  # (a) leaves each of these out in turn
REAL = "real-dev"
# (d) leaves each real development set out in turn (tests/data/sets.json; a held-out set is never read)
REAL_SETS = tuple(
    name
    for name in json.loads((DATA / "sets.json").read_text(encoding="utf-8"))["development"]
    if name.startswith("real-")
)
SET_DIRS = {"seeds": ROOT / "seeds", **{name: DATA / name for name in (*SYNTHETIC[1:], *REAL_SETS)}}
WEIGHTS = ROOT / "comparator" / "data" / "coder-weights.json"
L2 = 1e-2  # penalty on the mean log loss, fixed before looking at any result (features are standardised)
SENSITIVITY = (1e-3, 1e-1, 1.0)  # other penalties, reported for information only, not used for the decision
MIN_GAIN = 0.02  # real-dev accuracy the learned model must gain in (b) and in (c)
MAX_LOSS = 0.03  # accuracy it may lose on any set in (a)


@dataclass(frozen=True)
class Item:
    """One gold content sentence, with the coder's features and the rules' prediction."""

    dev_set: str
    file: str
    label: str
    also: tuple[str, ...]
    rules: str  # the coder's dimension, NONE when it has none or did not find the sentence
    features: tuple[float, ...] | None  # None when the coder did not find the sentence


def feature_names(codebook: Codebook) -> list[str]:
    """Names of the features, in the order ``sentence_features`` returns them."""
    scores = [f"{kind}_{d}" for kind in ("own", "score") for d in codebook.ids]
    return [*scores, "dated", "log_words", "position", *(f"prev_{s}" for s in scores), *(f"next_{s}" for s in scores)]


def _scores(coding: Coding | None, n_dims: int) -> list[float]:
    """A sentence's own and context scores (log1p, as they grow by summing cue weights); zeros off the edge."""
    if coding is None:
        return [0.0] * (2 * n_dims)
    return [math.log1p(v) for v in (*coding.own, *coding.score)]


def sentence_features(codings: tuple[Coding, ...], i: int) -> tuple[float, ...]:
    """The features of sentence ``i`` of a coded article."""
    coding, n_dims = codings[i], len(codings[i].own)
    text = coding.sentence.text
    before = codings[i - 1] if i > 0 else None
    after = codings[i + 1] if i + 1 < len(codings) else None
    return (
        *_scores(coding, n_dims),
        float(is_dated(text)),
        math.log(1 + len(text.split())),
        i / max(1, len(codings) - 1),
        *_scores(before, n_dims),
        *_scores(after, n_dims),
    )


def gold_files(name: str) -> list[Path]:
    folder = SET_DIRS[name]
    return sorted(folder.glob("gold*.yaml"))


def load_set(name: str, codebook: Codebook) -> tuple[list[Item], float]:
    """Code one development set and pair its gold content sentences with the coding; also the set's
    accuracy by comparator.evaluate.evaluate, to check that the pairing here counts as it does."""
    coded = [code_article(ingest(p), codebook) for p in find_articles([SET_DIRS[name]])]
    gold = load_gold(gold_files(name), codebook)
    found: dict[tuple[str, str], tuple[Coding, tuple[float, ...]]] = {}
    for c in coded:
        for i, coding in enumerate(c.codings):
            found[(c.article.path, _norm(coding.sentence.text))] = (coding, sentence_features(c.codings, i))
    paths = {c.article.path for c in coded}
    items = []
    for g in gold.sentences:
        if g.file not in paths or g.label in CHROME_LABELS:
            continue
        coding, features = found.get((g.file, _norm(g.text)), (None, None))
        rules = (coding.dimension or NONE) if coding is not None else NONE
        items.append(Item(name, g.file, g.label, g.also, rules, features))
    return items, evaluate(coded, gold, codebook).accuracy


def scores(items: list[Item], predicted: list[str], codebook: Codebook) -> tuple[float, float]:
    """Accuracy (label or also) and macro-F1 over the dimensions, as comparator.evaluate computes them."""
    pairs = []
    for item, pred in zip(items, predicted, strict=True):
        truth = pred if pred in (item.label, *item.also) else item.label
        pairs.append((truth, pred))
    accuracy = sum(t == p for t, p in pairs) / len(pairs) if pairs else 0.0
    dims = [s for s in (_prf(pairs, d) for d in codebook.ids) if s.support > 0]
    return accuracy, (sum(s.f1 for s in dims) / len(dims) if dims else 0.0)


@dataclass(frozen=True)
class Model:
    """A multinomial logistic regression over standardised features."""

    classes: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # (features + 1) x classes; the last row is the intercept

    def predict(self, items: list[Item]) -> list[str]:
        """The most probable class per sentence; NONE for sentences the coder did not find."""
        out = [NONE] * len(items)
        rows = [i for i, item in enumerate(items) if item.features is not None]
        if rows:
            x = _design(np.array([items[i].features for i in rows]), self.mean, self.scale)
            best = np.argmax(x @ self.weights, axis=1)
            for i, k in zip(rows, best, strict=True):
                out[i] = self.classes[k]
        return out


def _design(x: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    return np.hstack([(x - mean) / scale, np.ones((len(x), 1))])


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit(items: list[Item], classes: tuple[str, ...], l2: float = L2, iterations: int = 50) -> Model:
    """Newton's method with a backtracking line search on the mean log loss plus ``l2 / 2 * |W|^2`` (the
    intercept gets a token penalty, which keeps the Hessian positive definite). Starts from zero weights."""
    used = [item for item in items if item.features is not None]
    raw = np.array([item.features for item in used])
    mean, scale = raw.mean(axis=0), raw.std(axis=0)
    scale[scale == 0] = 1.0
    x = _design(raw, mean, scale)
    y = np.zeros((len(used), len(classes)))
    y[np.arange(len(used)), [classes.index(item.label) for item in used]] = 1.0
    n, p = x.shape
    k = len(classes)
    penalty = np.full(p, l2)
    penalty[-1] = 1e-6
    penalty_flat = np.tile(penalty, k)  # weights are flattened column by column (class-major)

    def loss(w: np.ndarray) -> float:
        z = x @ w
        z_max = z.max(axis=1, keepdims=True)
        log_norm = (z_max + np.log(np.exp(z - z_max).sum(axis=1, keepdims=True))).ravel()
        return float((log_norm - (z * y).sum(axis=1)).mean() + 0.5 * (penalty[:, None] * w * w).sum())

    w = np.zeros((p, k))
    current = loss(w)
    for _ in range(iterations):
        prob = _softmax(x @ w)
        grad = (x.T @ (prob - y) / n + penalty[:, None] * w).ravel(order="F")
        hessian = np.empty((p * k, p * k))
        for a in range(k):
            for b in range(k):
                weight = prob[:, a] * ((a == b) - prob[:, b])
                hessian[a * p : (a + 1) * p, b * p : (b + 1) * p] = (x * weight[:, None]).T @ x / n
        hessian[np.diag_indices_from(hessian)] += penalty_flat
        step = np.linalg.solve(hessian, grad).reshape((p, k), order="F")
        t = 1.0
        while loss(w - t * step) > current - 1e-4 * t * float(grad @ step.ravel(order="F")) and t > 1e-8:
            t /= 2
        w = w - t * step
        previous, current = current, loss(w)
        if previous - current < 1e-10:
            break
    return Model(classes, mean, scale, w)


def leave_one_set_out(
    data: dict[str, list[Item]],
    classes: tuple[str, ...],
    codebook: Codebook,
    l2: float = L2,
    held: tuple[str, ...] = SYNTHETIC,
    pool: tuple[str, ...] = SYNTHETIC,
) -> dict[str, tuple[float, float, float, float]]:
    """(a), and (d) with other sets: per set in ``held``, rules and learned accuracy and macro-F1, trained on the
    other sets of ``pool``; the key "pooled" scores all the held-out predictions together."""
    rows, all_items, all_rules, all_learned = {}, [], [], []
    for name in held:
        train = [item for other in pool if other != name for item in data[other]]
        test = data[name]
        learned = fit(train, classes, l2).predict(test)
        rules = [item.rules for item in test]
        rows[name] = (*scores(test, rules, codebook), *scores(test, learned, codebook))
        all_items += test
        all_rules += rules
        all_learned += learned
    rows["pooled"] = (*scores(all_items, all_rules, codebook), *scores(all_items, all_learned, codebook))
    return rows


def synthetic_to_real(
    data: dict[str, list[Item]], classes: tuple[str, ...], codebook: Codebook, l2: float = L2
) -> tuple[float, float, float, float]:
    """(b): trained on the seeds and the synthetic sets, tested on real-dev."""
    train = [item for name in SYNTHETIC for item in data[name]]
    test = data[REAL]
    learned = fit(train, classes, l2).predict(test)
    return (*scores(test, [item.rules for item in test], codebook), *scores(test, learned, codebook))


def leave_one_article_out(
    data: dict[str, list[Item]], classes: tuple[str, ...], codebook: Codebook, l2: float = L2
) -> tuple[float, float, float, float]:
    """(c): each real-dev article predicted by a model trained on everything else; scored over real-dev."""
    rest = [item for name in SYNTHETIC for item in data[name]]
    test = data[REAL]
    learned = [NONE] * len(test)
    for file in sorted({item.file for item in test}):
        train = rest + [item for item in test if item.file != file]
        held = [i for i, item in enumerate(test) if item.file == file]
        for i, pred in zip(held, fit(train, classes, l2).predict([test[i] for i in held]), strict=True):
            learned[i] = pred
    return (*scores(test, [item.rules for item in test], codebook), *scores(test, learned, codebook))


def write_weights(model: Model, names: list[str], l2: float) -> None:
    """The coefficients, their standardisation and where they were trained from, as sorted JSON."""
    sets = {}
    for name in (*SYNTHETIC, REAL):
        sets[name] = {str(g.relative_to(ROOT)): hashlib.sha256(g.read_bytes()).hexdigest() for g in gold_files(name)}
    payload = {
        "model": "multinomial logistic regression over standardised features: x' = (x - mean) / scale; "
        "class = argmax(x' . coefficients[class] + intercept[class])",
        "trained_by": "bench/train_coder.py",
        "l2": l2,
        "classes": list(model.classes),
        "features": names,
        "mean": [round(float(v), 6) for v in model.mean],
        "scale": [round(float(v), 6) for v in model.scale],
        "coefficients": {c: [round(float(v), 6) for v in model.weights[:-1, k]] for k, c in enumerate(model.classes)},
        "intercept": {c: round(float(model.weights[-1, k]), 6) for k, c in enumerate(model.classes)},
        "training_sets": sets,
    }
    WEIGHTS.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _row(label: str, figures: tuple[float, float, float, float], n: int) -> str:
    acc_r, f1_r, acc_l, f1_l = figures
    return (
        f"{label:<22}{n:>5}{acc_r:>9.3f}{acc_l:>9.3f}{acc_l - acc_r:>+8.3f}{f1_r:>9.3f}{f1_l:>9.3f}{f1_l - f1_r:>+8.3f}"
    )


def main() -> None:
    start = time.perf_counter()
    codebook = load_codebook()
    classes = (*codebook.ids, NONE)
    data: dict[str, list[Item]] = {}
    for name in (*SYNTHETIC, *REAL_SETS):
        items, reference = load_set(name, codebook)
        own, _ = scores(items, [item.rules for item in items], codebook)
        if round(own, 4) != reference:
            raise SystemExit(f"{name}: pairing gives rules accuracy {own:.4f}, evaluate() {reference:.4f}")
        data[name] = items
    missing = sum(item.features is None for items in data.values() for item in items)
    print(
        f"sentences: {', '.join(f'{k} {len(v)}' for k, v in data.items())}; "
        f"gold content sentences the coder did not find (none for both): {missing}"
    )

    head = f"{'':<22}{'n':>5}{'acc rule':>9}{'learned':>9}{'diff':>8}{'F1 rule':>9}{'learned':>9}{'diff':>8}"
    a = leave_one_set_out(data, classes, codebook)
    b = synthetic_to_real(data, classes, codebook)
    c = leave_one_article_out(data, classes, codebook)
    print(f"\n(a) leave one set out (seeds + synthetic sets), L2 = {L2:g}\n{head}")
    for name, figures in a.items():
        n = len(data[name]) if name in data else sum(len(data[s]) for s in SYNTHETIC)
        print(_row(name, figures, n))
    print(f"\n(b) trained on seeds + synthetic sets, tested on real-dev\n{head}")
    print(_row(REAL, b, len(data[REAL])))
    print(f"\n(c) leave one real-dev article out, trained on everything else\n{head}")
    print(_row(REAL, c, len(data[REAL])))
    d = leave_one_set_out(data, classes, codebook, held=REAL_SETS, pool=tuple(data))  # (d)
    print(f"\n(d) leave one real set out, trained on every other set\n{head}")
    for name, figures in d.items():
        n = len(data[name]) if name in data else sum(len(data[s]) for s in REAL_SETS)
        print(_row(name, figures, n))

    print(
        "\nsensitivity to the penalty (information only; the decision uses L2 = "
        f"{L2:g}): learned accuracy (a) pooled / worst set diff, (b), (c)"
    )
    for l2 in SENSITIVITY:
        sa = leave_one_set_out(data, classes, codebook, l2)
        worst = min(sa[s][2] - sa[s][0] for s in SYNTHETIC)
        print(
            f"  L2 = {l2:<6g} (a) {sa['pooled'][2]:.3f} / {worst:+.3f}   "
            f"(b) {synthetic_to_real(data, classes, codebook, l2)[2]:.3f}   "
            f"(c) {leave_one_article_out(data, classes, codebook, l2)[2]:.3f}"
        )

    gain_b, gain_c = b[2] - b[0], c[2] - c[0]
    worst_loss = max(a[s][0] - a[s][2] for s in SYNTHETIC)
    adopt = gain_b >= MIN_GAIN and gain_c >= MIN_GAIN and worst_loss <= MAX_LOSS
    print(
        f"\nreal-dev gain (b) {gain_b:+.3f}, (c) {gain_c:+.3f} (need >= {MIN_GAIN}); "
        f"largest loss on a set in (a) {worst_loss:+.3f} (allowed <= {MAX_LOSS})"
    )
    if adopt:
        everything = [item for items in data.values() for item in items]
        write_weights(fit(everything, classes), feature_names(codebook), L2)
        print(
            f"criterion met: coefficients trained on all sets written to {WEIGHTS.relative_to(ROOT)} "
            "(not wired into the coder)"
        )
    else:
        print("criterion not met: the rules stay; no weights written")
    print(f"runtime {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
