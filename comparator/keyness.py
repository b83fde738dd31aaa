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
MIN_Z = 1.96  # a term is distinctive when its z-score clears the two-sided 5% level
MAX_TERMS = 12  # per article, in the chart and the tables' top list
# A term whose last word is another term's last word plus one of these is the same term: a plural
# ("sanction" / "sanctions") or a demonym ("North Korea" / "North Korean" / "North Koreans"); longest first.
VARIANT_ENDINGS = ("ians", "ans", "ian", "es", "ns", "an", "n", "s")
MIN_BASE = 4  # letters a base word needs before an ending is taken off it ("bus" is not "bu" + s)


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


def surface_forms(texts: list[str]) -> dict[str, str]:
    """How each lower-cased word is written inside sentences (not as a sentence's first word), where most
    often it is written otherwise: "japan" -> "Japan", so a term reads as the articles write it."""
    forms: dict[str, Counter[str]] = {}
    for text in texts:
        for i, match in enumerate(_WORD.finditer(text)):
            if i:
                word = match.group(0).replace("’", "'")
                forms.setdefault(word.lower(), Counter())[word] += 1
    shown = {}
    for lower, counts in forms.items():
        best = min(counts.items(), key=lambda kv: (-kv[1], kv[0] != lower, kv[0]))[0]
        if best != lower:
            shown[lower] = best
    return shown


def variants(terms: set[str]) -> dict[str, str]:
    """Each term that is a plural or demonym of another term present, mapped to that base term."""
    folded = {t.lower(): t for t in sorted(terms)}
    base: dict[str, str] = {}
    for term in sorted(terms, key=len):
        head, _, last = term.rpartition(" ")
        for ending in VARIANT_ENDINGS:
            stem = last[: -len(ending)]
            if last.lower().endswith(ending) and len(stem) >= MIN_BASE:
                candidate = folded.get(f"{head} {stem}".strip().lower())
                if candidate is not None and candidate != term:
                    base[term] = base.get(candidate, candidate)
                    break
    return base


def merge_variants(groups: dict[str, Counter[str]]) -> dict[str, Counter[str]]:
    """The counts with each plural or demonym counted as its base term."""
    base = variants({t for counts in groups.values() for t in counts})
    merged = {}
    for doc_id, counts in groups.items():
        total: Counter[str] = Counter()
        for term, n in counts.items():
            total[base.get(term, term)] += n
        merged[doc_id] = total
    return merged


def fightin_words(
    groups: dict[str, Counter[str]], scope: str, *, min_count: int = 2, forms: dict[str, str] | None = None
) -> list[Keyness]:
    """Each group against all the others; z-scores of the log-odds ratio with a pooled prior. Plurals and
    demonyms count as their base term; ``forms`` (see ``surface_forms``) says how to write each word."""
    groups = merge_variants(groups)
    forms = forms or {}
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
            shown = " ".join(forms.get(w, w) for w in term.split(" "))
            rows.append(Keyness(scope, doc_id, shown, y_i, y_j, round(delta, 4), round(delta / math.sqrt(variance), 4)))
    rows.sort(key=lambda r: (r.doc_id, -r.z, r.term))
    return rows


def top_terms(rows: list[Keyness], doc_id: str, n: int = MAX_TERMS, *, min_z: float = MIN_Z) -> list[Keyness]:
    """The most distinctive terms of one article (z at least ``min_z``); a bigram or name hides the words it
    is made of."""
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
