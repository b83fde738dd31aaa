"""Read each sentence's stance on a dimension's scale, and place each article on it with an uncertainty.

A sentence's stance is the direction of the action it talks about (a pole cue of the codebook: relief or
pressure, phased or up front, achievable or not) composed with what the author does with it: advocates it,
rejects it (negation, a judgement such as "a mistake" or a field word such as "a lifeline"), or only mentions
it; and whose voice it is (the author's, or a position reported). The words of the language come from
``data/<language>.yaml``; the words of the field from the codebook.
"""

from __future__ import annotations

import functools
import math
import random
import re
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

import yaml

from comparator.codebook import Cue, Dimension, Pole, Stance
from comparator.segment import Span, sentence_spans

if TYPE_CHECKING:
    from comparator.coding import CodedArticle, Coding
    from comparator.ingest import Metadata


@dataclass(frozen=True)
class StanceSettings:
    full_evidence: float = 2.5  # cue weight at which a sentence counts fully toward its article's stance
    mention_weight: float = 0.4  # an action only mentioned, neither advocated nor judged, speaks this much
    concession_weight: float = 0.5  # the ground a concession gives ("While X, ...") counts this much
    scope_weight: float = 0.5  # rejecting the whole of an action ("lift all sanctions immediately") counts this much
    rebuttal_weight: float = 0.8  # "We disagree." ("We agree.") after a position counts this much against (for) it
    question_weight: float = 0.25  # a question ("Why lift sanctions?") or "whether to lift" leans, no more
    thesis_weight: float = 2.0  # the headline and each sentence of the dek (the thesis) count this many sentences
    window_chars: int = 120  # a negator reaches this far back to a cue, within its clause
    verdict_negation_chars: int = 14  # and this far back to a judgement or appraisal ("not a mistake")
    squash: float = 2.0  # tanh(total / squash): two strong cues make a sentence nearly ±1
    neutral_band: float = 0.15  # an article stance closer to 0 than this states no side
    # fewer sentences that argue a stance than this (an arguing thesis line counts thesis_weight): no side; one
    # sentence, however plain, may be misread, and narration is no position
    min_sentences: int = 2
    min_evidence: float = 0.6  # nor when the arguing ones weigh less together (narration lends no weight to a side)
    min_argued: int = 1  # nor unless this many of them argue (advocacy, a judgement): narrated events are no position
    interval: float = 0.8  # the bootstrap interval's coverage (10th to 90th percentile)
    dominance: float = 0.75  # or this share of the argued evidence's weight on one side (a bootstrap of 2-3 is crude)
    resamples: int = 400  # bootstrap resamples (seeded: the same input gives the same interval)


SETTINGS = StanceSettings()
AUTHOR, REPORTED, DISCLAIMED = "author", "reported", "disclaimed"
HEADLINE = "as the headline"  # a thesis line that argues only by being the headline (its words do not)


@dataclass(frozen=True)
class StanceReading:
    """One sentence on one dimension's scale: the author's position, or why it is not one."""

    dimension: str
    value: float  # -1 .. +1 as the author holds it
    weight: float  # how much the sentence speaks for the author (0 when the position is only reported)
    voice: str  # AUTHOR, REPORTED or DISCLAIMED
    why: tuple[str, ...]  # the cues and rules that decided it
    action: float = 0.0  # the direction of the action the sentence names, before the author's attitude (-1..+1)

    @property
    def argued(self) -> bool:
        """Advocacy, a judgement, a rebuttal or an analyst's coding: a position, not a narrated event."""
        return "mentioned" not in self.why


@dataclass(frozen=True)
class Carrier:
    """A sentence (or a thesis line) that carries an article's stance, with the weight it counts for."""

    coding: Coding | None  # None for a thesis line (headline or dek), which is not a coded sentence
    text: str
    reading: StanceReading
    weight: float

    @property
    def value(self) -> float:
        return self.reading.value

    @property
    def argued(self) -> bool:
        return self.reading.argued


@dataclass(frozen=True)
class ArticleStance:
    dimension: str
    value: float  # weighted mean of the carriers, -1 .. +1; 0 when nothing is on the scale
    low: float  # the bootstrap interval around it
    high: float
    n: int  # carriers: stance-bearing sentences plus thesis lines
    side: int  # +1 / -1 when the evidence states a side, else 0 ("no clear stance")
    label: str
    sentences: tuple[Carrier, ...]  # strongest first (thesis lines included)
    read: int | None = None  # the side the article reader read, where one decides (None: no reader)
    by_sentences: bool = True  # whether the sentences by themselves decided (else the reader, with them)
    # where the reader states the side alone (no sentence the author argues states one): its probability, and the
    # sentences on the dimension whose words weigh most for the side, most first (the cell's evidence)
    alone: float = 0.0
    weighed: tuple[Coding, ...] = ()


@functools.cache
def _raw(language: str = "en") -> dict:
    """The language's word lists, with its words for a hostile government put in where an entry names them."""
    raw = yaml.safe_load(resources.files("comparator").joinpath(f"data/{language}.yaml").read_text("utf-8"))
    hostile = raw.pop("hostile")

    def fill(value):
        if isinstance(value, str):
            return value.replace("{hostile}", hostile)
        return [fill(v) for v in value] if isinstance(value, list) else value

    return {key: fill(value) for key, value in raw.items()}


@functools.cache
def _words(language: str = "en") -> dict[str, re.Pattern[str]]:
    """The language's word lists, compiled once."""
    raw = _raw(language)

    def alternation(key: str, *, bounded: bool = True) -> re.Pattern[str]:
        value = raw[key]
        body = "|".join(value) if isinstance(value, list) else value
        return re.compile(rf"\b({body})\b" if bounded else body, re.I)

    patterns = {
        key: alternation(key)
        for key in (
            "negators",
            "judgements",
            "reporting",
            "reported_frames",
            "advocacy",
            "disclaimers",
            "relatives",
            "insufficiency",
            "totality",
            "announced_arguments",
            "assessments",
            "adjacent_negators",
            "appraisals",
            "condemnations",
            "affirmations",
            "benefits",
            "consequences",
        )
    }
    patterns["negators"] = re.compile(rf"\b({'|'.join(raw['negators'][:-1])})\b|{raw['negators'][-1]}\b", re.I)
    patterns["coordinated_action"] = re.compile(raw["coordinated_action"], re.I)
    patterns["first_person"] = re.compile(rf"\b({raw['first_person']})\b")  # "US" is not "us"
    patterns["before_reporting"] = re.compile(rf"\b({raw['prediction_before_reporting']})\s+$", re.I)
    patterns["concession"] = re.compile(rf"^({raw['concession_openers']})\b", re.I)
    patterns["qualified_verdict"] = alternation("qualified_verdict")
    patterns["rejected_alternative"] = re.compile(rf"\b({raw['rejected_alternative']})\s+$", re.I)
    patterns["embedded_question"] = re.compile(rf"\b({raw['embedded_question']})\b(\s+\w+){{0,2}}\s+$", re.I)
    patterns["reporting_relative"] = re.compile(
        rf"\b({raw['reporting_relatives']})\s+(\w+\s+){{0,3}}?({raw['relative_positions']})\b", re.I
    )
    patterns["weakness_before"] = re.compile(
        rf"\b({raw['weakness_before']})\b(\s+\S+){{0,{raw['weakness_words_between']}}}\s+$", re.I
    )
    patterns["weakness_after"] = alternation("weakness_after")
    patterns["condemned_holding"] = re.compile(
        rf"\b({raw['condemned_holding']})(\s+\S+){{0,{raw['condemned_holding_words_between']}}}\s+$", re.I
    )
    patterns["negated_verb_after"] = re.compile(rf"\b({raw['negated_verb_after']})$", re.I)
    patterns["opener_verb"] = alternation("opener_verbs")
    patterns["condemned_before"] = re.compile(rf"\b({raw['condemned_before']})(\s+\S+)?\s+$", re.I)
    patterns["concession_aside"] = alternation("concession_aside", bounded=False)
    patterns["contrast_turn"] = alternation("contrast_turn", bounded=False)
    patterns["no_concession_before"] = alternation("no_concession_before")
    patterns["conditional"] = re.compile(rf"^({raw['conditional_openers']})\b", re.I)
    patterns["condition_marker"] = re.compile(
        rf"\b({raw['condition_markers']})\b[^,;:]{{0,{raw['condition_marker_chars']}}}$", re.I
    )
    patterns["advocated_condition_marker"] = re.compile(
        rf"\b({raw['advocated_condition_markers']})\b[^,;:]{{0,{raw['condition_marker_chars']}}}$", re.I
    )
    patterns["example"] = re.compile(rf"^({raw['example_openers']})\b", re.I)
    patterns["enumerator"] = re.compile(rf"^({raw['enumerators']})\b\W", re.I)
    patterns["signpost"] = re.compile(rf"^({raw['signposts']})\b", re.I)
    patterns["clause_breaks"] = alternation("clause_breaks", bounded=False)
    patterns["aside"] = alternation("aside", bounded=False)
    patterns["trailing_attribution"] = alternation("trailing_attribution", bounded=False)
    patterns["endorsed_report"] = alternation("endorsed_report")
    patterns["negated_verb"] = re.compile(rf"\s+({raw['negated_verb']})\b", re.I)
    patterns["open_question"] = alternation("open_question")
    patterns["polar_question"] = re.compile(rf"^\W*({raw['polar_question']})\b", re.I)
    patterns["quote_opener"] = re.compile(rf"^[{raw['quote_openers']}]")
    patterns["rebuttal"] = alternation("rebuttals")
    patterns["endorsement"] = alternation("endorsements")
    patterns["news_credit"] = re.compile(raw["news_credit"])
    patterns["genre_label"] = re.compile(rf"^({raw['genre_labels']})$", re.I)
    patterns["news_future"] = re.compile(
        rf"^\S+( \S+){{0,2}} ({raw['news_future']})( ({raw['news_future_adverbs']}))?$", re.I
    )
    patterns["rebuttal_opener"] = re.compile(rf"^({raw['reply_affirmations']})?({raw['rebuttal_openers']})\b", re.I)
    patterns["deontic_denial"] = re.compile(rf"\b({raw['deontic_denial']})", re.I)
    patterns["perceived_as"] = re.compile(rf"\b({raw['perceived_as']})\s*$", re.I)
    patterns["denied_claim"] = re.compile(raw["denied_claim"], re.I)
    patterns["blame_after"] = re.compile(raw["blame_after"], re.I)
    patterns["rhetorical_denial"] = re.compile(raw["rhetorical_denial"], re.I)
    patterns["anaphoric_action"] = re.compile(rf"^({raw['anaphoric_actions']})\b", re.I)
    return patterns


def _reports_event(line: str, first_cue: int) -> bool:
    """A headline that reports an event names who acted, then the verb: "Biden eases Venezuela sanctions",
    "US Expands Export Bans". One that argues opens with the action, an imperative or a judgement."""
    if _words()["news_credit"].search(line):
        return True  # "... – Bloomberg": a news agency's report
    if line[:1].isupper() and _words()["news_future"].match(line[:first_cue].strip()):
        return True  # "U.S. to lift sanctions": what an actor is about to do
    before = line[:first_cue].split()
    label = next((i for i, w in enumerate(before[:3]) if w.endswith(":")), None)
    if label is not None and not _words()["genre_label"].match(" ".join(before[: label + 1]).rstrip(":")):
        before = before[label + 1 :]  # a section label: the headline proper follows it
        if len(before) > 4 and not advocates(line):
            # ... and names who acted, then the verb, however far before the cue: "Ortega hardens position in
            # face of new US sanctions"
            return any(_VERB.fullmatch(w) for w in before[1:3])
    if not 0 < len(before) <= 4 or any(w.endswith((":", "?")) or re.fullmatch(r"[a-z]+\.", w, re.I) for w in before):
        return False  # "Editorial: ...", "Why lift sanctions? ...": the headline argues
    # the actor, then its verb (present or past): "Biden eases ...", "U.S. Proposed Russian Sanctions Relief"
    return any(_VERB.fullmatch(w) for w in [*before[1:], *line[first_cue:].split()[:1]])


_VERB = re.compile(r"[A-Za-z]+([^\Wsu]s|ed)")  # a verb in the present or the past, as a headline has it


_DATED = re.compile(r"\b(19[4-9]\d|20[0-3]\d)s?\b(?![-–]\d)")  # a year, or a decade ("the 2000s")


def is_dated(text: str) -> bool:
    """Does the sentence place itself at a date ("in June 2018")? Without advocacy, it narrates."""
    return bool(_DATED.search(text)) and not advocates(text)


def advocates(text: str) -> bool:
    """Does the sentence argue for something ("should", "must", "it is time to")?"""
    return bool(_words()["advocacy"].search(text))


def signposts(text: str) -> bool:
    """Does the sentence open by announcing what follows ("Here's some good news.", "Consider ...")?"""
    return bool(_words()["signpost"].match(text))


def announces_arguments(text: str) -> bool:
    """Does the sentence announce arguments that others make ("the two theses promoted by the adherents")?"""
    w = _words()
    reports = w["reported_frames"].search(text) or w["reporting"].search(text)
    return bool(reports and w["announced_arguments"].search(text))


def opens_enumeration(text: str) -> bool:
    """Does the sentence open as an item of a list ("First: ...", "Second, ...")?"""
    return bool(_words()["enumerator"].match(text))


def opens_example(text: str) -> bool:
    """Does the sentence open as an example of what the one before it said?"""
    return bool(_words()["example"].match(text))


def judges(text: str) -> bool:
    """Does the sentence pass a judgement (so that an example after it inherits it)?"""
    return bool(_words()["judgements"].search(text))


def read_sentence(
    text: str, dimension: Dimension, *, inherited: bool = False, thesis: bool = False, listed: bool = False
) -> StanceReading | None:
    """The sentence's stance on the dimension's scale, or None when it names neither pole. A ``thesis`` line
    (headline, dek) argues what it says, unless it reports an event ("Biden eases Venezuela sanctions"). A
    ``listed`` sentence is an item of arguments that others make, announced before it: it reports them."""
    scale = dimension.stance
    if scale is None:
        return None
    w = _words()
    clauses = _clauses(text)
    judged = _judgements(text, scale.judgements)
    # (a judgement kept because it is denied as a norm judges the action named before it: "lifting sanctions should
    # not be a reward for ..."; in "we should not reward aggression by lifting sanctions" the "not" falls on the cue)
    norms = {a for a, _ in judged if _denied(text, a)}
    folded = text.casefold()
    quoted = bool(w["quote_opener"].match(text))
    rhetorical = w["rhetorical_denial"].match(text) is not None
    # (a quote is speech where the sentence reports it, by a reporting verb outside the quote or a colon before it;
    # a scare-quoted label, "the so-called “maximum pressure campaign on Iran” has failed", is the author's)
    long_quotes = [m for m in _QUOTED.finditer(text) if len(m.group(0).split()) >= _raw()["quoted_passage_words"]]
    speech = bool(long_quotes) and bool(w["reporting"].search(_QUOTED.sub(" ", text)))
    passages = [m.span() for m in long_quotes if speech or text[: m.start()].rstrip().endswith(":")]
    total = weight_sum = direction = 0.0
    why: list[str] = []
    voices = set()
    hits = _hits(text, folded, scale.negative, scale.positive)
    affirmed = [m.span() for m in w["affirmations"].finditer(text)]
    conceded_asides = [m.span() for m in w["concession_aside"].finditer(text)]
    turn = w["contrast_turn"].search(text)
    # (two proposals joined by "but" are both the author's: "lift the embargo, but keep pressure on the police")
    if turn and not w["no_concession_before"].search(text, 0, turn.start()) and not advocates(text[: turn.start()]):
        conceded_asides.append((0, turn.start()))
    hits = [h for h in hits if not any(a <= h[3] < b for a, b in affirmed)]  # "no doubt" voices no doubt
    # An appraisal denied ("the sanctions have not been effective") judges what its clause says.
    denied = _denied_appraisals(text)
    judged += denied
    instruments = _instrument_hits(text, folded, scale, clauses, hits, denied)
    hits = sorted([*hits, *instruments], key=lambda h: h[3])
    # A judgement word that is itself a cue of this scale describes, it does not judge ("a failed summit" on
    # the diagnosis scale); the others judge what their clause says.
    # (it still makes the sentence an argument: "the sanctions have not worked" is the author's verdict)
    # ("the new sanctions do not go far enough" is a verdict too)
    # and so is a cue that is itself an approving verdict on the record: "sanctions have worked" argues as
    # "the embargo has failed" does
    approving = [m.start() for m in w["appraisals"].finditer(text) if not _denied(text, m.start())]
    if not is_dated(text):  # (what a past policy did is history: "the broad embargoes of the 2000s hurt people")
        approving += [m.start() for m in w["consequences"].finditer(text)]
    verdict = bool(
        judged
        or instruments
        or _foretold_benefit(text, clauses, hits)
        or w["weakness_after"].search(text)
        or any(s <= a < e for a in approving for _, _, _, s, e in hits)
    )
    judged = [(a, b) for a, b in judged if not any(a < e and s < b for _, _, _, s, e in hits)]
    for sign, cue_source, weight, start, end in hits:
        clause_start, reported = _clause_of(clauses, start)
        if scale.reads == "description" and (
            w["condition_marker"].search(text, clause_start, start)
            or (advocates(text) and w["advocated_condition_marker"].search(text, clause_start, start))
        ):
            continue  # "until human rights improve" names a condition, not how things stand
        # (on a scale read from description the quoted account still describes: "for their “role in the
        # repression of civil society”")
        inside = scale.reads != "description" and any(a <= start < b for a, b in passages)
        reported = reported or quoted or listed or inside
        window_start = max(clause_start, start - SETTINGS.window_chars)
        # Negation does not reach into a relative clause: "not served by rewarding a government whose
        # misrule ..." does not deny the misrule.
        window_start = max([window_start, *(m.end() for m in w["relatives"].finditer(text, window_start, start))])
        # a negator inside a judgement is the judgement's: "it doesn't make sense to enforce" judges enforcing;
        # one inside an affirmation affirms: "what cannot be denied is that the world must get tougher"
        negations = sum(
            1
            for m in w["negators"].finditer(text, window_start, start)
            if not any(a <= m.start() < b for a, b in [*judged, *affirmed]) and not _governs_own_verb(text, m, start)
        )
        negations += sum(
            1 for m in w["adjacent_negators"].finditer(text, window_start, start) if _adjacent(text, m.end(), start)
        )
        negations += rhetorical
        # A judgement flips what its own clause says.
        clause_end = _clause_end(clauses, start, len(text))
        # (on a scale read from description the account is the position: "this strategy is counterproductive,
        # making Tehran more provocative" judges the strategy, and still describes Tehran's conduct)
        flipped = scale.reads != "description" and (
            inherited
            or any(
                clause_start <= a < clause_end
                and (a not in norms or a > start)
                and not (b <= start and w["coordinated_action"].search(text, b, start))
                for a, b in judged
            )
        )
        instrument = (sign, cue_source, weight, start, end) in instruments
        direction += (scale.instrument_pole if instrument else sign) * weight
        if instrument:
            # the verdict on the instrument already gave its sign; "without a strategy, sanctions will prove
            # counterproductive" does not deny the sanctions
            negations, flipped = 0, False
        polarity = sign * (-1 if flipped else 1) * (-1 if negations % 2 else 1)
        disclaimed = w["disclaimers"].search(text, clause_start, start) is not None
        insufficient = w["insufficiency"].search(text, clause_start, clause_end) is not None
        if disclaimed or insufficient:
            voices.add(DISCLAIMED)
            share = 0.0
        elif reported and scale.voice == "author":
            voices.add(REPORTED)
            share = 0.0  # on an author-voice scale a reported position counts for nothing
        else:
            voices.add(AUTHOR)
            conceded = (clause_start == 0 and w["concession"].match(text)) or any(
                a <= start < b for a, b in conceded_asides
            )
            share = SETTINGS.concession_weight if conceded else 1.0
            if (flipped or negations % 2) and _whole(text, start, end, clause_start, clause_end):
                share *= SETTINGS.scope_weight
                why.append("whole action rejected")
        total += polarity * weight * share
        weight_sum += weight * share
        why.append(
            f"{'+' if polarity > 0 else '-'}{cue_source}"
            + (" (negated)" if negations % 2 else "")
            + (" (judged)" if flipped else "")
            + (" (sufficiency)" if insufficient else "")
        )
    if not why:
        return None
    voice = AUTHOR if AUTHOR in voices else (REPORTED if REPORTED in voices else DISCLAIMED)
    action = round(math.tanh(direction / SETTINGS.squash), 4)
    if weight_sum == 0:
        return StanceReading(dimension.id, 0.0, 0.0, voice, tuple(why), action)
    value = math.tanh(total / SETTINGS.squash)
    # Advocacy or a judgement is a position; a bare mention of the action ("the new sanctions have crippled
    # the country") is weak evidence of where the author stands.
    argued = bool(
        w["advocacy"].search(text)
        or w["first_person"].search(text)
        or w["assessments"].search(text)
        or verdict
        or inherited
    )
    if scale.reads == "description" and not argued and AUTHOR in voices and not is_dated(text):
        argued = True  # the author's account, unless it narrates a dated event ("the 1988 bombing")
        why.append("described")
    if thesis and not argued:  # a headline argues what it says, unless it reports what someone did
        first = min(start for _, _, _, start, _ in hits)
        argued = not _reports_event(text, first)
        why += [HEADLINE] if argued else []  # (argued as the headline, not by its words)
    evidence = min(1.0, weight_sum / SETTINGS.full_evidence) * (1.0 if argued else SETTINGS.mention_weight)
    if not rhetorical and (text.rstrip("”’\"' ").endswith("?") or w["open_question"].search(text)):
        evidence *= SETTINGS.question_weight  # a question, or an action put in question, states no position
        why.append("question")
    return StanceReading(
        dimension.id, round(value, 4), round(evidence, 4), voice, (*why, "argued" if argued else "mentioned"), action
    )


def read_reply(text: str, previous: StanceReading) -> StanceReading | None:
    """A short sentence that answers the one before it without naming its action: one that rejects it ("We
    disagree.", "That's a sucker's bet.") stands against what it said, one that endorses it ("We agree.", "That's
    commendable, but it doesn't go far enough.") with it; in the author's voice."""
    w = _words()
    if not previous.action or len(text.split()) > _raw()["rebuttal_max_words"]:
        return None
    opener = w["rebuttal_opener"].match(text)
    endorsed = bool(w["endorsement"].search(text))
    rejected = not endorsed and bool(
        w["rebuttal"].search(text) or (opener and (w["judgements"].search(text) or _denied_appraisals(text)))
    )
    endorsed = endorsed or bool(opener and not rejected and w["appraisals"].search(text))
    if not (rejected or endorsed):
        return None
    # what the sentence before said (its action after negation and judgement), not its bare action; unless the
    # reply names the action itself
    named = w["anaphoric_action"].match(text) is not None
    negated = any("(negated)" in why for why in previous.why)  # "refused to ease": the policy is the refusal
    said = previous.value if previous.value and previous.weight and (not named or negated) else previous.action
    value = math.copysign(min(1.0, abs(said) + 0.5), said) * (-1 if rejected else 1)
    return StanceReading(
        previous.dimension,
        round(value, 4),
        SETTINGS.rebuttal_weight,
        AUTHOR,
        ("rebuts the sentence before" if rejected else "endorses the sentence before",),
        previous.action,
    )


def sentence_readings(coded: CodedArticle, dimension: Dimension) -> dict[int, StanceReading]:
    """The author-voice stance of each sentence coded to the dimension that carries one, by sentence index."""
    return {
        c.sentence.index: r
        for c in coded.codings
        for r in c.stances
        if r.dimension == dimension.id and r.weight > 0 and r.value != 0
    }


def article_stance(coded: CodedArticle, dimension: Dimension) -> ArticleStance:
    """The weighted mean of the sentences' stances and the thesis lines', with a bootstrap interval; a side
    only when enough of them carry one and the interval stays on that side of 0.

    Where the coder read the whole article's side on the dimension (``CodedArticle.reads``: the learned article
    reader) that side decides instead: it is stated when sentences the author argues carry it and their mean
    lies on it, outside the neutral band. On a scale of actions the sentences still state a side they carry by
    themselves, when those argued in the body or by a headline's own words lean to it too; otherwise no side.
    An analyst's review of the article gives the decision back to its sentences."""
    if dimension.stance is None:
        return ArticleStance(dimension.id, 0.0, 0.0, 0.0, 0, 0, "no scale", ())
    # the reader's side, where it decides (an analyst's review leaves the decision to the sentences)
    read = None if any(c.analyst for c in coded.codings) else dict(coded.reads).get(dimension.id)
    theses = thesis_lines(coded.article.metadata)
    carriers = [
        Carrier(c, c.sentence.text, r, r.weight * c.confidence)
        for c in coded.codings
        for r in c.stances
        if r.dimension == dimension.id
        and r.weight > 0
        and r.value != 0
        and c.sentence.text.strip() not in theses  # a headline kept in the text counts once, as the thesis
        and (read is not None or not _describes_another(c, r, dimension))
    ]
    for line in theses:
        reading = read_sentence(line, dimension, thesis=True)
        if reading is not None and reading.weight > 0 and reading.value != 0:
            carriers.append(Carrier(None, line, reading, reading.weight * SETTINGS.thesis_weight))
    if not carriers:
        sure = _confident(coded, dimension, read) if read else None
        if sure is not None:  # the reader states its side alone (see below)
            v = round(read * sure[0], 3)
            label = stance_label(read, v, dimension, alone=True)
            return ArticleStance(dimension.id, v, v, v, 0, read, label, (), read, False, *sure)
        return ArticleStance(dimension.id, 0.0, 0.0, 0.0, 0, 0, "no clear stance", (), read, read is None)
    # Where the author argues, the position is what they argue: narrated events ("sanctions were ratcheted up")
    # lean only where nothing argues, and they neither make a side nor cancel one.
    argued = [c for c in carriers if c.argued] or carriers
    value = _mean(argued)
    low, high = _interval(argued, f"{coded.article.doc_id}:{dimension.id}")
    side, sign = 0, (1 if value > 0 else -1)
    behind = sum(c.weight for c in argued if c.value * sign > 0) / sum(c.weight for c in argued)

    weight = sum(c.weight for c in argued)  # the evidence behind the value: narration does not add to it
    carried = (  # the sentences carry a side by themselves
        sum(_counts_as(c) for c in argued) >= SETTINGS.min_sentences
        and weight >= SETTINGS.min_evidence
        and sum(1 for c in carriers if c.argued) >= SETTINGS.min_argued
        and abs(value) >= SETTINGS.neutral_band
        and (low * high > 0 or behind >= SETTINGS.dominance)
    )
    backing = [c for c in carriers if c.argued and c.value * sign > 0 and not _weighs_only(c)]
    by_sentences = read is None
    if read is None:
        side = sign if carried else 0
    elif abs(value) >= SETTINGS.neutral_band and read == sign and backing:
        side = sign  # the side the reader read, which a sentence the author argues carries
    elif (
        carried
        and dimension.stance.reads != "description"
        and _mean([c for c in argued if c.coding is not None or HEADLINE not in c.reading.why]) * sign > 0
    ):
        by_sentences = True
        # Where the reader reads no side or the other one, sentences that carry a side by themselves still state
        # it on a scale of actions, when those argued in the body, or by a headline's own words, lean to it: a
        # news headline ("EU ministers agree on gradual easing of Syria sanctions") argues only by its place.
        # (On a scale read from the author's account nearly every sentence describes; the reader decides alone.)
        side = sign
    strongest = tuple(sorted(carriers, key=lambda c: (-abs(c.value) * c.weight, _order(c))))
    alone, weighed = 0.0, ()
    if not side and read and (sure := _confident(coded, dimension, read)) is not None:
        # The reader, sure of its side, states it alone: nothing the author argues states a side by the standard
        # above. Its figure is the side's probability, and its evidence the sentences on the dimension whose words
        # weigh most for it (never one that reports another's position or argues the other side).
        (alone, weighed), side, by_sentences = sure, read, False
        value = low = high = read * alone
    return ArticleStance(
        dimension.id,
        round(value, 3),
        round(low, 3),
        round(high, 3),
        len(carriers),
        side,
        stance_label(side, value, dimension, alone=bool(alone)),
        strongest,
        read,
        by_sentences,
        alone,
        weighed,
    )


def _confident(coded: CodedArticle, dimension: Dimension, read: int) -> tuple[float, tuple[Coding, ...]] | None:
    """The reader's probability for the side it read and the sentences it rests on, where it read the side with
    at least its ``alone`` probability and one of the sentences whose words weigh most for it is coded to the
    dimension in the author's voice (no clause of it reports another's words, and it argues not the other side);
    else None."""
    for dim, chance, order in coded.confident:
        if dim != dimension.id:
            continue
        quotes = tuple(
            c
            for c in (coded.codings[i] for i in order)
            if dimension.id in (c.dimension, *c.also)
            and not c.excluded
            and not any(reported for _, reported in _clauses(c.sentence.text))
            and not any(r.dimension == dimension.id and (r.voice == REPORTED or r.value * read < 0) for r in c.stances)
        )
        return (chance, quotes) if quotes else None
    return None


def _describes_another(coding: Coding, reading: StanceReading, dimension: Dimension) -> bool:
    """On a scale read from the author's account, where no article reader decides and the sentences state the side
    alone, a sentence filed under another dimension that only describes ("Congress is controlled by Republicans,
    most of them opposed to lifting the embargo", filed under the sanctions) is not evidence of it: a sentence counts
    where it is filed under this dimension, or where its own words argue. (Measured on feasibility, each real set
    left out: 12 of 19 stated sides right before, 8 of 9 after.)"""
    return (
        dimension.stance is not None
        and dimension.stance.reads == "description"
        and coding.dimension != dimension.id
        and "described" in reading.why
    )


def _weighs_only(carrier: Carrier) -> bool:
    """A question asked yes or no, or an action put in question ("whether to lift them"): it weighs the side it
    names without taking it, so it does not back the reader's side."""
    w = _words()
    return "question" in carrier.reading.why and bool(
        w["polar_question"].match(carrier.text) or w["open_question"].search(carrier.text)
    )


def _counts_as(carrier: Carrier) -> float:
    """How many sentences a carrier counts for toward a side: a headline or dek that argues its position (not
    one that describes, reports or asks) counts as ``thesis_weight`` of them."""
    why = carrier.reading.why
    if carrier.coding is None and carrier.argued and "described" not in why and "question" not in why:
        return SETTINGS.thesis_weight
    return 1


def thesis_lines(meta: Metadata) -> list[str]:
    """The headline, and each sentence of the dek: where an op-ed states its thesis."""
    lines = [meta.title] if meta.title else []
    if meta.subtitle:
        lines += [meta.subtitle[s.start : s.end] for s in sentence_spans(meta.subtitle, Span(0, len(meta.subtitle)))]
    return lines


def _order(carrier: Carrier) -> int:
    return carrier.coding.sentence.index if carrier.coding is not None else 0


def _mean(carriers: list[Carrier]) -> float:
    total = sum(c.weight for c in carriers)
    return sum(c.value * c.weight for c in carriers) / total if total else 0.0


def _interval(carriers: list[Carrier], seed: str) -> tuple[float, float]:
    """A percentile bootstrap interval of the weighted mean over the carriers (seeded by the article and
    dimension, so the same input always gives the same interval)."""
    if len(carriers) == 1:
        return carriers[0].value, carriers[0].value
    rng = random.Random(seed)  # noqa: S311  (a bootstrap, not cryptography; seeded for reproducibility)
    means = sorted(_mean(rng.choices(carriers, k=len(carriers))) for _ in range(SETTINGS.resamples))
    tail = (1 - SETTINGS.interval) / 2
    return means[int(tail * len(means))], means[min(len(means) - 1, int((1 - tail) * len(means)))]


def stance_label(side: int, value: float, dimension: Dimension, *, alone: bool = False) -> str:
    """The side in words; one the reader states alone only leans (no sentence argues it in so many words)."""
    if dimension.stance is None:
        return "no scale"
    if side == 0:
        return "no clear stance"
    pole = dimension.stance.positive if side > 0 else dimension.stance.negative
    strength = "leans toward" if alone or abs(value) < 0.45 else "clearly for"
    return f"{strength}: {pole.label}"


def _hits(text: str, folded: str, negative: Pole, positive: Pole) -> list[tuple[int, str, float, int, int]]:
    """Pole cues found in the text, as (sign, cue, weight, start, end). Where cues overlap, the leftmost (then
    the longest) wins, on either pole: in "lift the restrictions on imports" the verb governs what follows,
    and "sanctions relief" is one hit, not "sanctions relief" plus "relief"."""
    found = []
    for sign, pole in ((-1, negative), (+1, positive)):
        for cue in pole.cues:
            if cue.search(text, folded):
                found += [
                    (m.start(), -(m.end() - m.start()), sign, cue.source, cue.weight, m.end())
                    for m in cue.pattern.finditer(text)
                    if m.end() > m.start()
                ]
    hits, taken = [], []
    for start, _, sign, source, weight, end in sorted(found):
        if any(start < b and a < end for a, b in taken):
            continue
        taken.append((start, end))
        hits.append((sign, source, weight, start, end))
    return sorted(hits, key=lambda h: h[3])


def _denied(text: str, position: int) -> bool:
    """Does a negator just before ``position`` deny the verdict there ("not a mistake", "hasn't worked", and past
    the way it is seen: "should not be seen as a mistake")?"""
    w = _words()
    seen = w["perceived_as"].search(text, 0, position)
    position = seen.start() if seen else position
    return bool(w["negators"].search(text[max(0, position - SETTINGS.verdict_negation_chars) : position]))


def _denied_appraisals(text: str) -> list[tuple[int, int]]:
    """Spans of appraisals that a negator just before denies ("not effective", "hasn't worked")."""
    return [(m.start(), m.end()) for m in _words()["appraisals"].finditer(text) if _denied(text, m.start())]


def _instrument_hits(
    text: str,
    folded: str,
    scale: Stance,
    clauses: tuple[tuple[int, bool], ...],
    hits: list[tuple[int, str, float, int, int]],
    denied: list[tuple[int, int]],
) -> list[tuple[int, str, float, int, int]]:
    """The instrument in place, where the author passes a verdict on it after naming it, in a clause that names
    no action: "the sanctions have proven futile" (a judgement: against it, so the sign is the other pole's),
    "the sanctions are an appropriate first response" (an appraisal: for it). Named without a verdict, it takes
    no side; the verdict is the language's (a field judgement such as "a lifeline" is said of relief). ``denied``:
    the sentence's denied appraisals, which judge."""
    w = _words()
    named = [(cue, m) for cue in scale.instruments if cue.search(text, folded) for m in cue.pattern.finditer(text)]
    if not named:
        return []
    verdicts = [a for a, _ in _judgements(text, ())] + [a for a, _ in denied]
    found = []
    for cue, m in named:
        clause_start, _ = _clause_of(clauses, m.start())
        clause_end = _clause_end(clauses, m.start(), len(text))
        if any(clause_start <= h[3] < clause_end for h in hits) or any(
            start < m.end() and m.start() < end for _, _, _, start, end in found
        ):
            continue  # the clause's action carries the verdict ("easing sanctions would be a mistake")
        if w["embedded_question"].search(text, max(clause_start, m.start() - 24), m.start()):
            continue  # "explains how sanctions work" describes the mechanism, it passes no verdict
        # the verdict is the author's on it, not what someone "seems to think will work"
        said = w["reporting"].search(text, m.end(), clause_end)
        clause_end = said.start() if said else clause_end
        # called too weak, it is wanted stronger, whatever the clause condemns ("weak sanctions embolden the junta")
        if w["weakness_before"].search(text[clause_start : m.start()]) or w["weakness_after"].search(
            text, m.end(), clause_end
        ):
            found.append((scale.instrument_pole, f"{cue.source} (too weak)", cue.weight, m.start(), m.end()))
            continue
        judged = [a for a in verdicts if m.end() <= a < clause_end]
        # a condemnation denied speaks for it: "sanctions are not useless"
        condemned = [a.start() for a in w["condemnations"].finditer(text, m.end(), clause_end)]
        judged += [a for a in condemned if not _denied(text, a)]
        before = text[clause_start : m.start()]
        held = w["condemned_holding"].search(before) or w["condemned_before"].search(before)
        judged += [clause_start + held.start()] if held else []
        appraised = [
            a
            for key in ("appraisals", "benefits")
            for a in w[key].finditer(text, m.end(), clause_end)
            if not _denied(text, a.start())
        ] + [a for a in condemned if _denied(text, a)]
        if w["denied_claim"].search(text, 0, m.start()):  # "does not show that sanctions are useless": the other way
            judged, appraised = appraised, judged
        rejected = w["rejected_alternative"].search(text, max(clause_start, m.start() - 16), m.start()) is not None
        if rejected and w["blame_after"].search(text[m.end() :]):  # "A, not sanctions, destroyed it": defended
            found.append((scale.instrument_pole, f"{cue.source} (not to blame)", cue.weight, m.start(), m.end()))
            continue
        # "appropriate when a nation annexes", "question whether they were effective": no side
        if not rejected and (not (judged or appraised) or w["qualified_verdict"].search(text, m.end(), clause_end)):
            continue
        sign = -scale.instrument_pole if rejected or judged else scale.instrument_pole  # "healing, not sanctions"
        found.append((sign, cue.source, cue.weight, m.start(), m.end()))
    return found


def _foretold_benefit(text: str, clauses: tuple[tuple[int, bool], ...], hits: list) -> bool:
    """Does the sentence foretell good of an action it names, after naming it in the same clause ("lifting the
    embargo will support change")? That is the author's case for it, not a narrated event."""
    w = _words()
    for _, _, _, start, end in hits:
        clause_end = _clause_end(clauses, start, len(text))
        if w["benefits"].search(text, end, clause_end):
            return True
    return False


def _judgements(text: str, field: tuple[Cue, ...]) -> list[tuple[int, int]]:
    """Spans of judgements (the language's and the field's), except negated ones: "avoids both mistakes" judges
    nothing, and in "must not give away relief" the negator then falls on the cue instead (the same result)."""
    w = _words()
    spans = [(m.start(), m.end()) for m in w["judgements"].finditer(text)]
    folded = text.casefold()
    spans += [(m.start(), m.end()) for cue in field if cue.search(text, folded) for m in cue.pattern.finditer(text)]
    deontic, reach = _words()["deontic_denial"], _raw()["deontic_reach_chars"]
    return [(a, b) for a, b in spans if not _denied(text, a) or deontic.search(text, max(0, a - reach), a)]


@functools.lru_cache(maxsize=1024)
def _clauses(text: str) -> tuple[tuple[int, bool], ...]:
    """Clause starts, each with whether it only reports someone else's position (computed once a sentence, which
    is read on every scale)."""
    w = _words()
    asides = [(m.start(), m.end()) for m in w["aside"].finditer(text)]
    breaks = [m.end() for m in w["clause_breaks"].finditer(text)]
    starts = [0, *(end for end in breaks if not any(a < end <= b for a, b in asides))]  # an aside breaks nothing
    opener = text[: text.index(",")] if "," in text else ""
    short_negated = (
        len(opener.split()) <= _raw()["opener_max_words"]
        and w["negators"].search(opener)
        and not w["opener_verb"].search(opener)
    )
    if opener and (w["conditional"].match(text) or short_negated):
        starts = sorted({*starts, len(opener) + 1})
    relatives = {m.start() for m in w["reporting_relative"].finditer(text)}
    endorsed = [m.span() for m in w["endorsed_report"].finditer(text)]  # "as many economists have said"
    starts = sorted({*starts, *relatives})
    result, carried = [], False
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        clause = text[start:end]
        # A reporting verb (not one a modal turns into a prediction) governs the clauses after it until the
        # author speaks again.
        reports = (
            any(
                not w["before_reporting"].search(text[max(start, m.start() - 12) : m.start()])
                and not any(a <= m.start() < b for a, b in endorsed)
                for m in w["reporting"].finditer(text, start, end)
            )
            or w["reported_frames"].search(clause)
            or start in relatives
        )
        own = _QUOTED.sub(" ", clause)  # inside quotation marks, "we" is the speaker, not the author
        if reports:
            carried = not w["first_person"].search(own)
        elif w["advocacy"].search(own) or w["first_person"].search(own):
            carried = False
        result.append((start, carried))
    # a speaker named at the end reports all that comes before: "..., Lavrov said"
    named = w["trailing_attribution"].search(text)
    if named:
        result = [(start, carried or start < named.start()) for start, carried in result]
    return tuple(result)


_QUOTED = re.compile(r"“[^”]*(”|$)|\"[^\"]*(\"|$)")


def _governs_own_verb(text: str, negator: re.Match[str], cue_start: int) -> bool:
    """A negator such as "without" followed by a verb of its own denies that verb, not a cue further on: "coming
    to the table without clarifying their points did not work" does not deny what did not work."""
    w = _words()
    verb = w["negated_verb"].match(text, negator.end())
    return (
        verb is not None
        and w["negated_verb_after"].search(negator.group(0)) is not None
        and not _adjacent(text, verb.end(), cue_start)
    )


def _adjacent(text: str, end: int, start: int) -> bool:
    """Is the cue at ``start`` within reach of the words that end at ``end``?"""
    return len(text[end:start].split()) <= _raw()["adjacent_reach_words"]


def _whole(text: str, start: int, end: int, clause_start: int, clause_end: int) -> bool:
    """A word for the whole of the action ("all", "immediately") beside the cue, within its clause."""
    reach = _raw()["totality_reach"]
    return _words()["totality"].search(text, max(clause_start, start - reach), min(clause_end, end + reach)) is not None


def _clause_end(clauses: tuple[tuple[int, bool], ...], position: int, length: int) -> int:
    """Where the clause holding ``position`` ends: the next clause's start, or the sentence's end."""
    return next((c for c, _ in clauses if c > position), length)


def _clause_of(clauses: tuple[tuple[int, bool], ...], position: int) -> tuple[int, bool]:
    current = clauses[0]
    for clause in clauses:
        if clause[0] <= position:
            current = clause
    return current
