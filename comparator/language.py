"""Tell which language an article is written in, from its letters and its function words (no model needed)."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources

import yaml

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class LanguageSettings:
    min_words: int = 40  # below this an article is too short to tell its language
    script_share: float = 0.3  # letters of one non-Latin script above this share name the language
    margin: float = 1.5  # the best language's function-word hits must beat the runner-up's by this factor


SETTINGS = LanguageSettings()


@dataclass(frozen=True)
class Guess:
    code: str  # ISO 639-1 code, or "" for a script without one
    name: str


@functools.cache
def _data() -> dict:
    text = resources.files("comparator").joinpath("data/languages.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    words = {code: (entry["name"], frozenset(entry["words"])) for code, entry in raw["languages"].items()}
    scripts = [(re.compile(f"[{entry['range']}]"), entry["name"]) for entry in raw["scripts"].values()]
    return {"words": words, "scripts": scripts}


def name_of(code: str) -> str:
    entry = _data()["words"].get(code)
    return entry[0] if entry else code


def detect(text: str) -> Guess | None:
    """The language of ``text``, or None when it is too short or no language stands out."""
    letters = sum(ch.isalpha() for ch in text)
    if not letters:
        return None
    for pattern, name in _data()["scripts"]:
        if len(pattern.findall(text)) > SETTINGS.script_share * letters:
            return Guess("", name)
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < SETTINGS.min_words:
        return None
    counts = Counter(words)
    hits = sorted(
        ((sum(counts[w] for w in vocab), code) for code, (_, vocab) in _data()["words"].items()), reverse=True
    )
    (best, code), (second, _) = hits[0], hits[1]
    if best == 0 or best < SETTINGS.margin * second:
        return None
    return Guess(code, name_of(code))
