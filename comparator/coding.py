"""Code every sentence into the codebook's dimensions: scores, a primary dimension or none, confidence."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from comparator.codebook import Codebook, Cue
from comparator.ingest import Article, Metadata, Sentence
from comparator.learned import RuleView, article_terms
from comparator.segment import Span
from comparator.stance import (
    StanceReading,
    advocates,
    announces_arguments,
    is_dated,
    judges,
    opens_enumeration,
    opens_example,
    read_reply,
    read_sentence,
    signposts,
)


@dataclass(frozen=True)
class CodingSettings:
    none_threshold: float = 0.7  # below this context score a sentence is background, not an argument
    secondary_ratio: float = 0.6  # a second dimension counts when it scores this close to the first
    paragraph_weight: float = 0.5  # how much the rest of the paragraph speaks for a sentence (short ones live on it)
    neighbour_weight: float = 0.2  # and its immediate neighbours
    own_cues_min: float = 1.0  # with cues of its own, a sentence is coded among the dimensions it has cues for
    long_sentence: int = 25  # words beyond this damp a sentence's cue scores (long ones collect cues by length) ...
    damp_per_words: int = 50  # ... by 1 / (1 + extra words / this)
    narration_damp: float = 0.4  # dated narration ("in June 2018 ... led to a summit") counts this much ...
    strong_cues: float = 5.0  # ... unless its own cues reach this: then it argues, whatever its date
    signpost_words: int = 6  # a signpost ("Here's some good news.") is this short at most ...
    signpost_cues: float = 1.5  # ... has less cue weight than this ...
    signpost_carry: float = 0.9  # ... and takes this share of what the sentence after it says
    argues_also: float = 0.8  # a sentence arguing a position on a scale with this much weight is coded to it too
    argues_alone: float = 1.0  # ... and coded to it first, when its words name no dimension, with this much
    topic_over_modal: float = 1.5  # a dimension scoring only by advocacy ("should") yields to one with this much topic


SETTINGS = CodingSettings()


@dataclass(frozen=True)
class Coding:
    """How one sentence was coded."""

    sentence: Sentence
    own: tuple[float, ...]  # cue score per dimension, in codebook order
    score: tuple[float, ...]  # with paragraph context
    dimension: str  # "" when none
    also: tuple[str, ...]
    confidence: float
    cues: tuple[tuple[str, ...], ...]  # matched cue sources per dimension
    stances: tuple[StanceReading, ...] = ()  # on each scaled dimension it is coded to (primary or also)
    analyst: bool = False  # an analyst's review changed this coding (see comparator.review)
    excluded: bool = False  # the analyst took it out of the analysis
    pinned: bool = False  # the analyst wants it quoted in its cell
    note: str = ""  # the analyst's note
    machine_dimension: str = ""  # what the coder said, where the analyst changed it


@dataclass(frozen=True)
class CodedArticle:
    article: Article
    codings: tuple[Coding, ...]
    # the side (-1, 0, +1) the learned article reader read on each dimension it has one for; where it has,
    # that side decides the article's (see comparator.stance.article_stance)
    reads: tuple[tuple[str, int], ...] = ()
    # the dimensions whose side the reader read with at least its ``alone`` probability, each with that probability
    # and the positions (in ``codings``) of the sentences whose words weigh most for the side, most first
    confident: tuple[tuple[str, float, tuple[int, ...]], ...] = ()

    def coded(self, dim_id: str, *, secondary: bool = True) -> list[Coding]:
        return [c for c in self.codings if c.dimension == dim_id or (secondary and dim_id in c.also)]


def match_cues(text: str, cues: tuple[Cue, ...]) -> tuple[float, tuple[str, ...], float]:
    """Sum of weights of the cues found in text (each cue counted once), their names, and the weight of those
    whose words only advocate ("should", "the best way", "propose"): they say that something is argued for,
    not what."""
    total, found, advocacy = 0.0, [], 0.0
    folded = text.casefold()
    for cue in cues:
        if match := cue.search(text, folded):
            total += cue.weight
            found.append(cue.source)
            if advocates(match.group(0)):
                advocacy += cue.weight
    return total, tuple(found), advocacy


def code_article(article: Article, codebook: Codebook) -> CodedArticle:
    """Score each sentence on every dimension, then read it in the context of its paragraph."""
    own_scores, own_cues, advocacy_only = [], [], []
    for sentence in article.sentences:
        matched = [match_cues(sentence.text, dim.cues) for dim in codebook.dimensions]
        advocacy_only.append(tuple(total > 0 and advocacy >= total - 1e-9 for total, _, advocacy in matched))
        length = len(sentence.text.split())
        # Long sentences collect cues by sheer length; damp that without silencing them.
        damp = 1.0 / (1.0 + max(0, length - SETTINGS.long_sentence) / SETTINGS.damp_per_words)
        own_scores.append(tuple(round(score * damp, 4) for score, _, _ in matched))
        own_cues.append(tuple(found for _, found, _ in matched))

    context = _with_context(article.sentences, own_scores)
    context = [
        tuple(round(v * SETTINGS.narration_damp, 4) for v in row) if _is_narration(s, own) else row
        for s, own, row in zip(article.sentences, own_scores, context, strict=True)
    ]
    ids = codebook.ids
    ruled, flags = [], []
    judged_before = listing = announced = False
    for sentence, own, score, cues, only_advocacy in zip(
        article.sentences, own_scores, context, own_cues, advocacy_only, strict=True
    ):
        # Context reinforces a sentence's own cues; it decides alone only for a sentence without any.
        allowed = [i for i in range(len(ids)) if own[i] > 0] if max(own) >= SETTINGS.own_cues_min else range(len(ids))
        top = max(allowed, key=lambda i: (score[i], -i))
        # "The ban should remain": advocacy makes it argued, the ban makes it about sanctions.
        if only_advocacy[top]:
            topical = [i for i in allowed if i != top and own[i] >= SETTINGS.topic_over_modal]
            if topical:
                top = max(topical, key=lambda i: (score[i], -i))
        if score[top] < SETTINGS.none_threshold:
            dimension, also = "", ()
        else:
            dimension = ids[top]
            floor = max(SETTINGS.none_threshold, SETTINGS.secondary_ratio * score[top])
            also = tuple(ids[i] for i in range(len(ids)) if i != top and score[i] >= floor and own[i] > 0)
        # An example ("One such example is ...") carries the judgement of the sentence before it.
        inherited = judged_before and opens_example(sentence.text)
        judged_before = judges(sentence.text) or inherited
        # Items listing the arguments others make ("First: ...") after a sentence that announces them report them.
        listing = opens_enumeration(sentence.text) and (listing or (bool(ruled) and announced))
        announced = announces_arguments(sentence.text)
        flags.append((inherited, listing, {}))
        dimension, also, stances = _readings(sentence, codebook, own, dimension, also, flags[-1])
        ruled.append(Coding(sentence, own, score, dimension, also, _confidence(score), cues, stances))
    codings = _with_replies(ruled)
    if codebook.learned is None:
        return CodedArticle(article, tuple(codings))
    # The learned coder names each sentence's dimension from its words and what the rules read (replies included);
    # where it names another, the sentence is read again on that dimension's scale.
    learned = codebook.learned
    relabeled = []
    for c, read, p in zip(codings, flags, learned.probabilities(rule_views(codings), ids), strict=True):
        label = learned.choose(p)
        # A scale the rules read the author's position on stays among its dimensions (that evidence is theirs),
        # and a sentence holding one is not put aside as background.
        held = tuple(dict.fromkeys(r.dimension for r in c.stances if r.voice == "author" and r.value != 0))
        if label == c.dimension or (not label and held):
            coded = c
        elif not label:
            coded = replace(c, dimension="", also=(), stances=())
        else:
            also = tuple(dict.fromkeys(d for d in (*held, *c.also) if d != label))
            dimension, also, stances = _readings(c.sentence, codebook, c.own, label, also, read, alone=False)
            own = {r.dimension for r in stances}  # (a reply's reading on a scale it does not read by itself stays)
            kept = tuple(r for r in c.stances if r.dimension not in own and r.dimension in (dimension, *also))
            coded = replace(c, dimension=dimension, also=also, stances=(*stances, *kept))
        confidence = round(p[learned.classes.index(coded.dimension)], 3)
        relabeled.append(replace(coded, confidence=confidence))
    # The article readers read the side of the whole article on each scale they were trained for.
    meta = article.metadata
    terms = article_terms(meta.title, meta.subtitle, [c.sentence.text for c in relabeled])
    sides = {dim: reader.read(terms) for dim, reader in sorted(learned.readers.items())}
    texts = [c.sentence.text for c in relabeled]
    confident = tuple(
        (dim, round(chance, 3), learned.readers[dim].weighed(side, texts))
        for dim, (side, chance) in sides.items()
        if side and chance >= learned.readers[dim].alone
    )
    reads = tuple((dim, side) for dim, (side, _) in sides.items())
    return CodedArticle(article, tuple(relabeled), reads, confident)


def rule_views(codings: Sequence[Coding]) -> list[RuleView]:
    """What the learned coder sees of each coded sentence besides its words (read alike in training)."""
    return [RuleView(c.sentence.text, c.own, c.score, is_dated(c.sentence.text), c.dimension) for c in codings]


def _readings(
    sentence: Sentence,
    codebook: Codebook,
    own: tuple[float, ...],
    dimension: str,
    also: tuple[str, ...],
    read: tuple[bool, bool, dict[str, StanceReading | None]],
    *,
    alone: bool = True,
) -> tuple[str, tuple[str, ...], tuple[StanceReading, ...]]:
    """The sentence's stance readings on the scales of the dimensions it is coded to, and those dimensions: a
    sentence that argues a position on a scale speaks to it whatever else it does (and, with ``alone``, is coded
    to it first when nothing else claims it). ``read``: whether it inherits a judgement and is a listed item, and
    its readings so far by dimension (a sentence read again after the learned coder is not read twice)."""
    inherited, listing, readings = read
    stances = []
    for i, d in enumerate(codebook.dimensions):
        # (a scale read from description speaks only where the dimension's own words are: the diagnosis)
        if d.stance is None or (d.stance.reads == "description" and not (d.id in (dimension, *also) or own[i] > 0)):
            continue
        if d.id not in readings:
            readings[d.id] = read_sentence(sentence.text, d, inherited=inherited, listed=listing)
        r = readings[d.id]
        if r is None:
            continue
        if d.id not in (dimension, *also):
            # ("we have the power to smash Hun Sen's economic base" is about sanctions)
            if r.voice != "author" or r.weight < SETTINGS.argues_also:
                continue
            if dimension:
                also = (*also, d.id)
            elif alone and r.weight >= SETTINGS.argues_alone:
                dimension = d.id
            else:
                continue
        stances.append(r)
    return dimension, also, tuple(stances)


def _with_replies(codings: list[Coding]) -> list[Coding]:
    """A sentence with no cues of its own that rejects or endorses the sentence before it ("We disagree.", "We
    agree.") takes that sentence's dimension and the stance against (or with) what it said."""
    result = list(codings)
    for i in range(1, len(result)):
        c, before = result[i], result[i - 1]
        own = {r.dimension for r in c.stances}  # (on a scale the sentence reads by itself, it is no reply)
        replies = (read_reply(c.sentence.text, b) for b in before.stances if b.dimension not in own)
        readings = tuple(r for r in replies if r is not None)
        if readings:
            result[i] = replace(c, dimension=c.dimension or before.dimension, stances=(*c.stances, *readings))
    return result


def _with_context(sentences: tuple[Sentence, ...], own: list[tuple[float, ...]]) -> list[tuple[float, ...]]:
    n_dims = len(own[0]) if own else 0
    by_paragraph: dict[int, list[int]] = {}
    for i, s in enumerate(sentences):
        by_paragraph.setdefault(s.paragraph, []).append(i)
    result = []
    for i, s in enumerate(sentences):
        members = by_paragraph[s.paragraph]
        others = [j for j in members if j != i]
        row = []
        for d in range(n_dims):
            value = own[i][d]
            if others:
                value += SETTINGS.paragraph_weight * sum(own[j][d] for j in others) / len(others)
            for j in (i - 1, i + 1):
                if 0 <= j < len(sentences) and sentences[j].paragraph == s.paragraph:
                    value += SETTINGS.neighbour_weight * own[j][d]
            row.append(value)
        if _is_signpost(s, own[i]) and i + 1 < len(sentences) and sentences[i + 1].paragraph == s.paragraph:
            # A signpost carries the meaning of what it announces.
            row = [max(v, SETTINGS.signpost_carry * own[i + 1][d]) for d, v in enumerate(row)]
        result.append(tuple(round(v, 4) for v in row))
    return result


def _is_narration(sentence: Sentence, own: tuple[float, ...]) -> bool:
    return is_dated(sentence.text) and max(own, default=0.0) < SETTINGS.strong_cues


def _is_signpost(sentence: Sentence, own: tuple[float, ...]) -> bool:
    words = sentence.text.split()
    return len(words) <= SETTINGS.signpost_words and sum(own) < SETTINGS.signpost_cues and signposts(sentence.text)


def _confidence(score: tuple[float, ...]) -> float:
    """Probability of the chosen label under a softmax over dimensions and 'none'."""
    values = [*score, SETTINGS.none_threshold]
    peak = max(values)
    exps = [math.exp(v - peak) for v in values]
    return round(max(exps) / sum(exps), 3)


def misplaced_exemplars(codebook: Codebook) -> list[tuple[str, str, str]]:
    """The codebook's exemplars that its own cues, read alone, do not code to their dimension:
    (dimension, exemplar, what it was coded as or "none"). The rules alone: this checks the cues."""
    codebook = replace(codebook, learned=None)
    misses = []
    for d in codebook.dimensions:
        for i, text in enumerate(d.exemplars):
            sentence = Sentence(f"exemplar-{d.id}-{i}", 1, 1, 1, 0, len(text), text)
            article = Article(
                sentence.doc_id, "", "text", "", "utf-8", text, Metadata(), (Span(0, len(text)),), (sentence,)
            )
            coding = code_article(article, codebook).codings[0]
            if d.id not in (coding.dimension, *coding.also):
                misses.append((d.id, text, coding.dimension or "none"))
    return misses
