"""Load a YAML codebook and validate it once into typed, frozen objects."""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from comparator import learned as learning
from comparator.errors import CodebookError

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when present: 5x faster
_ID = re.compile(r"^[a-z][a-z0-9_]{0,30}$")
RESERVED = {"none", "meta", "boilerplate"}


@dataclass(frozen=True)
class Cue:
    """A weighted term, phrase (``*`` = any word ending) or ``re:`` pattern."""

    source: str
    weight: float
    pattern: re.Pattern[str]
    literal: str = ""  # text every match contains (casefolded unless case-sensitive); "" = always search
    folds: bool = field(init=False, repr=False, compare=False)  # case-insensitive (asked once, not per sentence)

    def __post_init__(self) -> None:
        object.__setattr__(self, "folds", bool(self.pattern.flags & re.IGNORECASE))

    def search(self, text: str, folded: str) -> re.Match[str] | None:
        """Search text; ``folded`` is ``text.casefold()``, computed once per sentence by the caller."""
        if self.literal and self.literal not in (folded if self.folds else text):
            return None  # cheap substring test first: most cues are absent from most sentences
        return self.pattern.search(text)


@dataclass(frozen=True)
class Pole:
    label: str
    cues: tuple[Cue, ...]


@dataclass(frozen=True)
class Stance:
    """A scale from ``negative`` (-1) to ``positive`` (+1)."""

    negative: Pole
    positive: Pole
    voice: str = "author"  # "author": reported positions do not count; "any": they are evidence too
    judgements: tuple[Cue, ...] = ()  # field words that reject what they are said of ("a lifeline for the regime")
    # The instrument in place, named where the author passes a verdict on it ("the sanctions have proven futile"
    # argues against it, "the sanctions are an appropriate response" for it): its cues, and the pole it is on
    # (-1 / +1). A bare mention of it takes no side.
    instruments: tuple[Cue, ...] = ()
    instrument_pole: int = 0
    # "advocacy": the author's position is what they argue for, a bare mention is weak evidence (sanctions);
    # "description": the author's account is the position ("talks have stalled" is a diagnosis)
    reads: str = "advocacy"


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    question: str
    description: str
    cues: tuple[Cue, ...]
    exemplars: tuple[str, ...]
    stance: Stance | None


@dataclass(frozen=True)
class Codebook:
    name: str
    description: str
    source: str
    sha256: str
    dimensions: tuple[Dimension, ...]
    actors: tuple[tuple[str, tuple[Cue, ...]], ...]  # actor name -> cues that mention it
    language: str = ""  # ISO 639-1 code the cues are written in, when the codebook declares it
    # The learned coder that picks each sentence's dimension after the rules have read it (the ``learned:`` line:
    # a weights file beside the codebook), or None: the rules alone.
    learned: learning.LearnedCoder | None = field(default=None, compare=False, repr=False)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.dimensions)

    @property
    def scaled(self) -> tuple[str, ...]:
        """The ids of the dimensions with a stance scale."""
        return tuple(d.id for d in self.dimensions if d.stance is not None)

    def dimension(self, dim_id: str) -> Dimension:
        for d in self.dimensions:
            if d.id == dim_id:
                return d
        raise KeyError(f"codebook {self.name!r} has no dimension {dim_id!r} (it has {', '.join(self.ids)})")


def bundled() -> dict[str, Path]:
    """The codebooks that ship inside the package, by name (their file name without ``.yaml``)."""
    folder = resources.files("comparator") / "codebooks"
    return {Path(str(f)).stem: Path(str(f)) for f in sorted(folder.iterdir(), key=str) if str(f).endswith(".yaml")}


def default_path() -> Path:
    return bundled()["default"]


def resolve(spec: Path | str | None) -> Path:
    """A codebook given as a file path, or by the name of a bundled one (``climate``); None is the default.
    A file that exists wins over a bundled name."""
    if spec is None:
        return default_path()
    path = Path(spec)
    if path.exists() or path.suffix or len(path.parts) > 1:
        return path
    books = bundled()
    if str(spec) in books:
        return books[str(spec)]
    raise CodebookError(str(spec), [f"no such file, and no bundled codebook of that name ({', '.join(books)})"])


def load_codebook(path: Path | str | None = None) -> Codebook:
    """Read and validate a codebook (a path, or a bundled codebook's name); raise one CodebookError listing
    every problem."""
    path = resolve(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CodebookError(str(path), [f"cannot be read ({exc.strerror or exc})"]) from None
    book, weights = _parsed(str(path), data)
    if weights is None:
        return book
    return replace(book, learned=_learned(path, weights, data, book))


@functools.lru_cache(maxsize=8)
def _parsed(path: str, data: bytes) -> tuple[Codebook, str | None]:
    """A codebook file's content, validated, and the weights file it names (the same bytes are parsed once)."""
    try:
        raw = yaml.load(data.decode("utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader, C or Python
    except UnicodeDecodeError:
        raise CodebookError(path, ["not UTF-8 text"]) from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" at line {where.line + 1}" if where else ""
        raise CodebookError(path, [f"not valid YAML{at}: {getattr(exc, 'problem', exc)}"]) from None
    book = parse_codebook(raw, source=Path(path).name, sha256=hashlib.sha256(data).hexdigest())
    return book, (None if raw.get("learned") is None else str(raw["learned"]))


def _learned(path: Path, weights: str, data: bytes, book: Codebook) -> learning.LearnedCoder:
    """The learned coder a codebook names, checked against the codebook and word lists it was trained with."""
    try:
        return _read_learned(data, (path.parent / weights).read_bytes(), book.ids)
    except OSError as exc:
        problem = f"{weights}: cannot be read ({exc.strerror or exc}) ({_FIX})"
    except learning.StaleError as exc:
        problem = f"{weights} {exc}"
    except learning.LearnedError as exc:
        problem = f"{weights}: {exc} ({_FIX})"
    raise CodebookError(path.name, [f"learned: {problem}"])


_FIX = "copy it beside the codebook, or remove the line to code by the rules alone"


@functools.lru_cache(maxsize=8)
def _read_learned(codebook: bytes, content: bytes, ids: tuple[str, ...]) -> learning.LearnedCoder:
    """A weights file's coder, read once per content, and refused when the codebook or the word lists it was
    trained with have changed."""
    coder = learning.loads(content, ids)
    words = resources.files("comparator").joinpath("data/en.yaml").read_bytes()  # (the word lists stance.py reads)
    if coder.trained_on != learning.fingerprint(codebook, words):
        why = "was trained with another version of this codebook or of its language's word lists"
        raise learning.StaleError(f"{why}: retrain it (nox -s train), or remove the line")
    return coder


def parse_codebook(raw: Any, *, source: str = "<codebook>", sha256: str = "") -> Codebook:
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise CodebookError(source, ["top level: expected a mapping with 'dimensions'"])
    unknown = sorted(set(raw) - {"name", "description", "language", "dimensions", "actors", "learned"})
    problems += [f"{key}: unknown field" for key in unknown]
    name = _text(raw, "name", "name", problems, required=False) or source
    description = _text(raw, "description", "description", problems, required=False)
    language = _text(raw, "language", "language", problems, required=False).lower()
    if language and not re.fullmatch(r"[a-z]{2}", language):
        problems.append(f"language: expected a two-letter ISO 639-1 code such as 'en', got {language!r}")
    weights = raw.get("learned")
    if weights is not None and not (isinstance(weights, str) and re.fullmatch(r"[\w.-]+\.json", weights)):
        problems.append(f"learned: expected the name of a .json weights file beside the codebook, got {weights!r}")
    dims_raw = raw.get("dimensions")
    dimensions: list[Dimension] = []
    if not isinstance(dims_raw, list) or not dims_raw:
        problems.append("dimensions: expected a non-empty list")
        dims_raw = []
    seen: set[str] = set()
    for i, item in enumerate(dims_raw):
        dim = _dimension(item, f"dimensions -> {i}", problems)
        if dim is None:
            continue
        if dim.id in seen:
            problems.append(f"dimensions -> {i} -> id: duplicate id {dim.id!r}")
        seen.add(dim.id)
        dimensions.append(dim)
    actors = _actors(raw.get("actors", {}), problems)
    if problems:
        raise CodebookError(source, problems)
    return Codebook(name, description, source, sha256, tuple(dimensions), actors, language)


def _dimension(item: Any, path: str, problems: list[str]) -> Dimension | None:
    if not isinstance(item, dict):
        problems.append(f"{path}: expected a mapping")
        return None
    unknown = sorted(set(item) - {"id", "label", "question", "description", "cues", "exemplars", "stance"})
    problems += [f"{path} -> {key}: unknown field" for key in unknown]
    dim_id = _text(item, "id", path, problems)
    if dim_id and (not _ID.match(dim_id) or dim_id in RESERVED):
        problems.append(
            f"{path} -> id: {dim_id!r} must be lower-case letters, digits or _ and not one of {sorted(RESERVED)}"
        )
    label = _text(item, "label", path, problems)
    question = _text(item, "question", path, problems)
    description = _text(item, "description", path, problems)
    cues = _cues(item.get("cues"), f"{path} -> cues", problems)
    exemplars = item.get("exemplars", [])
    if not isinstance(exemplars, list) or not all(isinstance(e, str) for e in exemplars):
        problems.append(f"{path} -> exemplars: expected a list of sentences")
        exemplars = []
    stance = _stance(item.get("stance"), f"{path} -> stance", problems) if "stance" in item else None
    return Dimension(dim_id, label, question, description, cues, tuple(exemplars), stance)


def _stance(raw: Any, path: str, problems: list[str]) -> Stance | None:
    if not isinstance(raw, dict):
        problems.append(f"{path}: expected a mapping with 'poles'")
        return None
    poles_raw = raw.get("poles")
    if not isinstance(poles_raw, list) or len(poles_raw) != 2:
        problems.append(f"{path} -> poles: expected two (first = -1, second = +1)")
        return None
    voice = raw.get("voice", "author")
    if voice not in ("author", "any"):
        problems.append(f"{path} -> voice: expected 'author' or 'any'")
    reads = raw.get("reads", "advocacy")
    if reads not in ("advocacy", "description"):
        problems.append(f"{path} -> reads: expected 'advocacy' or 'description'")
    unknown = sorted(set(raw) - {"poles", "voice", "judgements", "reads", "instruments"})
    judgements_raw = raw.get("judgements", [])
    if not isinstance(judgements_raw, list) or not all(isinstance(j, str) for j in judgements_raw):
        problems.append(f"{path} -> judgements: expected a list of cues")
        judgements_raw = []
    judgements = _cues({j: 1 for j in judgements_raw}, f"{path} -> judgements", problems) if judgements_raw else ()
    problems += [f"{path} -> {key}: unknown field" for key in unknown]
    poles = []
    for i, pole in enumerate(poles_raw):
        where = f"{path} -> poles -> {i}"
        if not isinstance(pole, dict):
            problems.append(f"{where}: expected a mapping with 'label' and 'cues'")
            continue
        poles.append(Pole(_text(pole, "label", where, problems), _cues(pole.get("cues"), f"{where} -> cues", problems)))
    if len(poles) != 2:
        return None
    instruments, instrument_pole = _instruments(raw.get("instruments"), poles, f"{path} -> instruments", problems)
    return Stance(
        *poles,
        voice=voice,
        judgements=judgements,
        reads=reads,
        instruments=instruments,
        instrument_pole=instrument_pole,
    )


def _instruments(raw: Any, poles: list[Pole], path: str, problems: list[str]) -> tuple[tuple[Cue, ...], int]:
    """``instruments: {pole: <label of a pole>, cues: {...}}``: the instrument in place and the pole it is on."""
    if raw is None:
        return (), 0
    if not isinstance(raw, dict) or set(raw) != {"pole", "cues"}:
        problems.append(f"{path}: expected a mapping with 'pole' (a pole's label) and 'cues'")
        return (), 0
    labels = [p.label for p in poles]
    if raw["pole"] not in labels:
        problems.append(f"{path} -> pole: expected one of {labels}")
        return (), 0
    return _cues(raw["cues"], f"{path} -> cues", problems), (-1 if raw["pole"] == labels[0] else 1)


def _actors(raw: Any, problems: list[str]) -> tuple[tuple[str, tuple[Cue, ...]], ...]:
    if not isinstance(raw, dict):
        problems.append("actors: expected a mapping of actor name -> list of names that mention it")
        return ()
    actors = []
    for name, aliases in raw.items():
        if not isinstance(aliases, list) or not aliases:
            problems.append(f"actors -> {name}: expected a non-empty list of names")
            continue
        cues = _cues({str(a): 1 for a in aliases}, f"actors -> {name}", problems)
        actors.append((str(name), cues))
    return tuple(actors)


def _cues(raw: Any, path: str, problems: list[str]) -> tuple[Cue, ...]:
    if not isinstance(raw, dict) or not raw:
        problems.append(f"{path}: expected a mapping of cue -> weight")
        return ()
    cues = []
    for source, weight in raw.items():
        if not isinstance(weight, int | float) or isinstance(weight, bool) or not 0 < weight <= 10:
            problems.append(f"{path} -> {source}: weight must be a number in (0, 10]")
            continue
        try:
            pattern = compile_cue(str(source))
            cues.append(Cue(str(source), float(weight), pattern, _literal(str(source), pattern)))
        except re.error as exc:
            problems.append(f"{path} -> {source}: bad pattern ({exc})")
    return tuple(cues)


def compile_cue(source: str) -> re.Pattern[str]:
    """``sanction*`` -> any word starting so; spaces match space or hyphen; ``re:`` is a raw regex.

    A cue with a capital letter matches case-sensitively ("US" is not "us"); a regex's escapes (``\\S``,
    ``\\W``) are not letters of the text, and a regex that says where case matters (``(?-i:MFN)``) is
    case-insensitive elsewhere ("Renewing its MFN status").
    """
    letters = re.sub(r"\\[A-Za-z]|\(\?-i:[^)]*\)", "", source) if source.startswith("re:") else source
    flags = 0 if any(c.isupper() for c in letters) else re.IGNORECASE
    if source.startswith("re:"):
        return re.compile(source[3:], flags)
    parts = []
    for word in source.split():
        piece = re.escape(word).replace(r"\*", r"[\w'’-]*")
        parts.append(piece)
    return re.compile(r"(?<![\w-])" + r"[\s-]+".join(parts) + r"(?![\w])", flags)


def _literal(source: str, pattern: re.Pattern[str]) -> str:
    if source.startswith("re:"):
        return ""
    longest = max((w.replace("*", "") for w in source.split()), key=len)
    return longest.casefold() if pattern.flags & re.IGNORECASE else longest


def _text(raw: dict, key: str, path: str, problems: list[str], *, required: bool = True) -> str:
    value = raw.get(key)
    if value is None:
        if required:
            problems.append(f"{path} -> {key}: missing")
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        problems.append(f"{path} -> {key}: expected text")
        return ""
    return value.strip()
