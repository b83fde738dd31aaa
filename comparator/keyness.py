"""Distinctive terms: weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are aren't as at be because been before being
    below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during
    each even ever every few for from further had hadn't has hasn't have haven't having he her here here's hers
    herself him himself his how however i if in into is isn't it it's its itself just least less let's like
    likely made make many may me might more most much must my myself no nor not now of off on once one only or
    other ought our ours ourselves out over own per quite rather really said same say says seem seems she
    should shouldn't since so some such than that that's the their theirs them themselves then there there's
    these they they're this those though through thus to too toward towards under until up upon us very was
    wasn't we we're were weren't what what's when where which while who whom whose why will with within without
    won't would wouldn't yet you your yours also instead already still around across along amid another
    either neither whether way ways well back two three first second new today year years time just
    get got going go goes went come came take took put set see seen know known including include includes
    need needs needed expect expected full fully major key part case given make makes whose order simply
    able likely unlikely clear clearly place page range type sort kind lot lots thing things something
    another other others different same next last long longer part parts fact point""".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
# A run of capitalised words (with particles and dotted acronyms) is one name: "Kim Jong Un", "U.S.-ROK".
_NAME = re.compile(
    r"(?:[A-Z][\w’'.-]*[\w.]|[A-Z])(?:\s+(?:[A-Z][\w’'.-]*\w|[A-Z]\.?|of|the)){1,5}"
    r"(?<!\bof)(?<!\bthe)"
)
_ACRONYM = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}|(?<![\w.-])[A-Z]{2,}(?![\w.])")
_CLAUSE = re.compile(r"[,;:.!?()—–\"“”]")
PRIOR_STRENGTH = 100.0  # pseudo-counts of the pooled-corpus prior (small: briefs compare short texts)


@dataclass(frozen=True)
class Keyness:
    scope: str  # "article" or a dimension id
    doc_id: str
    term: str
    count: int
    other_count: int
    log_odds: float
    z: float


@lru_cache(maxsize=65536)
def content_terms(text: str) -> tuple[str, ...]:
    """Names kept whole, then lower-cased content words and their bigrams within a clause (cached: the
    same sentence is read for keyness, cells and every pairwise similarity)."""
    terms: list[str] = []
    masked = text
    for match in _NAME.finditer(text):
        name = _trim_name(match.group(0))
        if name and " " in name:
            terms.append(name)
            # Same length, so later match positions still fit; the comma stops bigrams across the name.
            masked = masked[: match.start()] + "," + " " * (match.end() - match.start() - 1) + masked[match.end() :]
    for match in _ACRONYM.finditer(masked):
        terms.append(match.group(0).replace(".", ""))
        masked = masked[: match.start()] + "," + " " * (match.end() - match.start() - 1) + masked[match.end() :]
    for clause in _CLAUSE.split(masked):
        words = [w.lower().replace("’", "'") for w in _WORD.findall(clause)]
        kept = [w if w not in STOPWORDS and len(w) > 2 else "" for w in words]
        terms.extend(w for w in kept if w)
        terms.extend(f"{a} {b}" for a, b in pairwise(kept) if a and b)
    return tuple(terms)


def _trim_name(name: str) -> str:
    words = name.split()
    while words and words[0].lower() in STOPWORDS:
        words = words[1:]
    while words and words[-1].lower() in STOPWORDS:
        words = words[:-1]
    return " ".join(words).rstrip(".") if len(words) >= 2 else ""


def fightin_words(groups: dict[str, Counter[str]], scope: str, *, min_count: int = 2) -> list[Keyness]:
    """Each group against all the others; z-scores of the log-odds ratio with a pooled prior."""
    pooled: Counter[str] = Counter()
    for counts in groups.values():
        pooled.update(counts)
    total = sum(pooled.values())
    if not total:
        return []
    rows = []
    for doc_id, counts in groups.items():
        n_i = sum(counts.values())
        n_j = total - n_i
        for term, y_i in counts.items():
            y_j = pooled[term] - y_i
            if y_i + y_j < min_count:
                continue
            alpha = PRIOR_STRENGTH * pooled[term] / total
            a0 = PRIOR_STRENGTH
            delta = math.log((y_i + alpha) / (n_i + a0 - y_i - alpha)) - math.log(
                (y_j + alpha) / (n_j + a0 - y_j - alpha)
            )
            variance = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
            rows.append(Keyness(scope, doc_id, term, y_i, y_j, round(delta, 4), round(delta / math.sqrt(variance), 4)))
    rows.sort(key=lambda r: (r.doc_id, -r.z, r.term))
    return rows


def top_terms(rows: list[Keyness], doc_id: str, n: int = 10, *, min_z: float = 1.0) -> list[Keyness]:
    """The most distinctive terms of one article; a bigram or name hides the words it is made of."""
    mine = [r for r in rows if r.doc_id == doc_id and r.z >= min_z]
    mine.sort(key=lambda r: (-r.z, r.term))
    chosen: list[Keyness] = []
    for row in mine:
        if any(row.term in c.term.lower().split() or row.term.lower() in c.term.lower() for c in chosen):
            continue
        chosen.append(row)
        if len(chosen) == n:
            break
    return chosen
