"""Place each article on each dimension's stance scale, minding negation, evaluation and reported speech."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from comparator.codebook import Dimension, Pole
from comparator.coding import CodedArticle, Coding

# Words that flip the pole of a cue that follows them in the same clause.
_NEGATOR = re.compile(
    r"\b(not|no|never|without|lack of|absent|refus\w*|reject\w*|rul\w* out|fail\w* to|unwilling\w*|forbid\w*|"
    r"prohibit\w*|"
    r"cannot|against|instead of|rather than|avoid\w*|neither|nor|stop\w*|end(ing)? the)\b|n[’']t\b",
    re.I,
)
# A negative judgement of what the sentence describes flips all of it:
# "Trump's refusal to consider relief is a miscalculation" argues for relief.
_NEGATIVE_EVALUATION = re.compile(
    r"\b(miscalculat\w*|mistake\w*|error|counterproductive|short[- ]sighted|misguided|wrong\w*|foolish|"
    r"reckless|naive|premature\w*|backfir\w*|stifle\w*|lifeline|appeas\w*|capitulat\w*|squander\w*|"
    r"throw\w* away|give\w* away|reward\w* (bad|aggress\w*|provocat\w*|defian\w*|cheat\w*|belligeren\w*)|"
    # arguing from consequences: "would hand Kim the prize", "did not produce a better deal"
    r"(did not|didn[’']t|has not|hasn[’']t|have not|haven[’']t|never) (produc|work|deliver|succeed|buy|bought|"
    r"bring|brought|stop|chang|yield|achiev|secur)\w*|"
    # what relief pays for or who pockets it: "relief he will pocket", "helped finance the machinery"
    r"pocket\w*|bankroll\w*|prop\w* up|financ\w* (the |its |his |their )?(machinery|regime|repression|war|"
    r"militias?|military|generals)|without (results|reciprocity|anything in return)|for nothing|"
    # what sanctions cost: "sanctions now stand between Syrians and the recovery they need"
    r"stand\w* (in the way|between)|"
    # restrictions treated as bargaining chips: "bargained away", "controls as currency", "rules are for sale"
    r"bargain\w* away|trad\w* (them|it|\w+) away|as (a )?(bargaining chips?|currency)|for sale|"
    r"sell\w* (\w+ ){0,3}cheap\w*|(the )?trouble with|lost cause|euphemism for|"
    r"fail(ed|s)? to (produce|work|deliver|stop|change|curb|moderate)|prove\w* (him|them|it|\w+) right|"
    r"hand\w* (\w+ ){1,4}(the |a )?(prize|victory|win|windfall)|(has|have) been tried)\b",
    re.I,
)
# A reporting or wanting verb: what follows is someone else's position, not the author's.
_REPORTING = re.compile(
    r"\b(wants?|wanted|demand(s|ed)?|insist(s|ed)?|seeks?|sought|say|says|said|claims?|claimed|argues?|argued|"
    r"calls? for|called for|asked|requests?|requested|indicated|hopes? to|is demanding|are demanding|"
    r"believes?|believed|thinks?|describes?|described|vows?|vowed|urges?|urged|warns?|warned|"
    r"opposes?|opposed|favou?rs?|favou?red|backs|backed|supports?|supported|"
    r"(press|push|lobby|lobbie)(es|s|ed)? (to|for)|"
    # the verb, not the noun: "negotiators who promise relief", not "relief in return for promises"
    r"(?<!\bfor )(?<!\bof )(?<!\bthe )(?<!\ba )(?<!\bits )(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!\bempty )"
    r"(?<!\bbroken )promis(e|es|ed|ing))\b",
    re.I,
)
# The author's own voice: first person or an advocacy modal.
_AUTHOR_VOICE = re.compile(r"\b(I|we|our|us|should|must|ought to|needs? to|propose\w*|best)\b", re.I)
# After a reporting verb, a modal belongs to the reported position ("Paris says relief must wait");
# only the first person marks the author speaking.
_FIRST_PERSON = re.compile(r"\b(I|we|our|us)\b", re.I)
_RELATIVE = re.compile(r"\b(whose|which|who|whom)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[;:—–()]|,\s+(?=(and|but|while|whereas|yet|though|although)\b)|\bbut\b")
# A concession ("While X, ...") is the ground the author gives, not the claim.
SHRINK = 2.0  # weight of a neutral prior: the stance of an article that says little stays near 0
NEUTRAL_BAND = 0.15  # an article stance closer to 0 than this states no side
FULL_EVIDENCE = 2.5  # cue weight at which a sentence counts fully toward its article's stance
# A disclaimer sets aside a position without taking the other: "I am not asking Washington to lift the embargo
# tomorrow" says nothing about where the author stands on lifting it.
_DISCLAIMER = re.compile(r"\b(not|never)\s+(asking|arguing|saying|suggesting|calling for|proposing|advocating|"
                         r"urging|pretending)\b", re.I)
_CONCESSION = re.compile(r"^(while|although|though|even though|even if|despite|whereas)\b", re.I)
_EXAMPLE_OPENER = re.compile(r"^(one such example|for example|for instance|take|consider|another example)\b", re.I)


@dataclass(frozen=True)
class SentenceStance:
    coding: Coding
    value: float  # -1 .. +1
    weight: float  # how much the sentence speaks for the author (0 when only reported)
    cues: tuple[str, ...]


@dataclass(frozen=True)
class ArticleStance:
    dimension: str
    value: float  # -1 .. +1, 0 when nothing on the scale
    label: str
    sentences: tuple[SentenceStance, ...]  # the sentences that carry it, strongest first


def sentence_stance(
    text: str, dimension: Dimension, *, evaluated: bool = False
) -> tuple[float, float, tuple[str, ...]]:
    """(value, weight, cues) of one sentence on the dimension's scale."""
    if dimension.stance is None:
        return 0.0, 0.0, ()
    # On an author-voice scale (sanctions: what the author favours) reported positions count for nothing;
    # on a scale about others (feasibility: who supports what) they are the evidence itself.
    author_voice = dimension.stance.voice == "author"
    clauses = _clauses(text)
    judged = _judgements(text)
    folded = text.casefold()
    total, weight_sum, found = 0.0, 0.0, []
    for sign, pole in ((-1, dimension.stance.negative), (+1, dimension.stance.positive)):
        for cue_source, weight, start, end in _pole_hits(text, folded, pole):
            clause_start, reported = _clause_of(clauses, start)
            window_start = max(clause_start, start - 120)
            # Negation does not reach into a relative clause: "not served by rewarding a government whose
            # misrule ..." does not deny the misrule.
            window_start = max([window_start, *(m.end() for m in _RELATIVE.finditer(text, window_start, start))])
            negations = sum(1 for _ in _NEGATOR.finditer(text, window_start, start))
            # A judgement flips what its own clause says, not itself ("a miscalculation" stays negative) and not
            # a cue that already contains it ("the embargo has failed").
            clause_end = next((c for c, _ in clauses if c > start), len(text))
            flip = -1 if evaluated or any(
                clause_start <= a < clause_end and not (a < end and start < b) for a, b in judged) else 1
            polarity = sign * flip * (-1 if negations % 2 else 1)
            disclaimed = _DISCLAIMER.search(text, clause_start, start) is not None
            clause_weight = 0.0 if (reported and author_voice) or disclaimed else (
                0.5 if clause_start == 0 and _CONCESSION.match(text) else 1.0)
            total += polarity * weight * clause_weight
            weight_sum += weight * clause_weight
            found.append(cue_source)
    if weight_sum == 0:
        return 0.0, 0.0, tuple(found)
    value = math.tanh(total / 2.0)
    voice = 1.5 if _AUTHOR_VOICE.search(text) or judged or evaluated else 1.0
    # A passing mention of the topic ("relief" alone) is weak evidence of where the author stands.
    evidence = min(1.0, weight_sum / FULL_EVIDENCE)
    return round(value, 4), round(voice * evidence, 4), tuple(found)


def sentence_readings(coded: CodedArticle, dimension: Dimension) -> dict[int, SentenceStance]:
    """The stance of each sentence coded to the dimension (primary or also) that carries one, by index."""
    readings: dict[int, SentenceStance] = {}
    if dimension.stance is None:
        return readings
    previous_evaluated = False
    for coding in coded.codings:
        text = coding.sentence.text
        inherited = previous_evaluated and bool(_EXAMPLE_OPENER.match(text))
        previous_evaluated = bool(_NEGATIVE_EVALUATION.search(text)) or inherited
        if coding.dimension != dimension.id and dimension.id not in coding.also:
            continue
        value, weight, cues = sentence_stance(text, dimension, evaluated=inherited)
        if weight > 0 and value != 0:
            readings[coding.sentence.index] = SentenceStance(coding, value, weight * coding.confidence, cues)
    return readings


def article_stance(coded: CodedArticle, dimension: Dimension) -> ArticleStance:
    """Confidence-weighted mean of the sentence stances on one dimension, shrunk toward 0 when thin."""
    if dimension.stance is None:
        return ArticleStance(dimension.id, 0.0, "no scale", ())
    carried = list(sentence_readings(coded, dimension).values())
    numerator = sum(s.value * s.weight for s in carried)
    denominator = sum(s.weight for s in carried) + SHRINK  # one sentence is a hint, not a position
    value = round(numerator / denominator, 3) if carried else 0.0
    strongest = tuple(sorted(carried, key=lambda s: (-abs(s.value) * s.weight, s.coding.sentence.index)))
    return ArticleStance(dimension.id, value, stance_label(value, dimension), strongest)


def stated_sign(value: float) -> int:
    """The side an article stance states: +1, -1, or 0 inside the neutral band."""
    return 0 if abs(value) < NEUTRAL_BAND else (1 if value > 0 else -1)


def stance_label(value: float, dimension: Dimension) -> str:
    if dimension.stance is None:
        return "no scale"
    pole = dimension.stance.positive if value > 0 else dimension.stance.negative
    size = abs(value)
    if size < NEUTRAL_BAND:
        return "neutral or mixed"
    strength = "leans toward" if size < 0.45 else "clearly for"
    return f"{strength}: {pole.label}"


def _pole_hits(text: str, folded: str, pole: Pole) -> list[tuple[str, float, int, int]]:
    hits = []
    taken: list[tuple[int, int]] = []
    # Longer cues first, so "sanctions relief" is one hit, not "sanctions relief" plus "relief".
    for cue in sorted(pole.cues, key=lambda c: -len(c.source)):
        if not cue.search(text, folded):
            continue
        for match in cue.pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append((match.start(), match.end()))
            hits.append((cue.source, cue.weight, match.start(), match.end()))
    return hits


def _judgements(text: str) -> list[tuple[int, int]]:
    """Spans of negative judgements, except negated ones: "avoids both mistakes" judges nothing, and in
    "must not give away relief" the negator then falls on the cue instead (the same result)."""
    return [(m.start(), m.end()) for m in _NEGATIVE_EVALUATION.finditer(text)
            if not _NEGATOR.search(text[max(0, m.start() - 14) : m.start()])]


def _clauses(text: str) -> list[tuple[int, bool]]:
    """Clause starts, each with whether it only reports someone else's position."""
    starts = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(text))]
    result, carried = [], False
    for i, start in enumerate(starts):
        clause = text[start : starts[i + 1] if i + 1 < len(starts) else len(text)]
        # A reporting verb governs the clauses after it until the author speaks again.
        if _REPORTING.search(clause):
            carried = not _FIRST_PERSON.search(clause)
        elif _AUTHOR_VOICE.search(clause):
            carried = False
        result.append((start, carried))
    return result


def _clause_of(clauses: list[tuple[int, bool]], position: int) -> tuple[int, bool]:
    current = clauses[0]
    for clause in clauses:
        if clause[0] <= position:
            current = clause
    return current
