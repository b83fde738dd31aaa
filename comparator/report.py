"""Build the fully resolved report model (text, numbers, charts) that the templates only lay out."""

from __future__ import annotations

import base64
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from comparator import tool_version
from comparator.anchors import APPENDIX_SENTENCES, anchor, shown
from comparator.bottomline import Point, bottom_line
from comparator.chartfiles import Chart, colours_by_article
from comparator.coding import SETTINGS as CODING
from comparator.compare import SETTINGS as COMPARE
from comparator.review import summary_for
from comparator.stance import SETTINGS as STANCE
from comparator.verdicts import describe, methods_note

if TYPE_CHECKING:
    from comparator.pipeline import Analysis

APPENDIX_REMOVED = 150  # removed lines listed per article, likewise
DIMENSION_COLOURS = ("#d9e7f7", "#fbe3cf", "#dcefdf", "#eadcf2", "#f6efc9", "#d8eef0", "#f3d9df", "#e6e6e6")


@dataclass(frozen=True)
class Quote:
    anchor: str
    sid: str
    paragraph: int
    cite: str  # "¶4", or "p. 3, ¶12" for a paged source
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class MatrixCell:
    article: str
    colour: str
    stance: float
    stance_label: str
    stance_low: float  # the bootstrap interval of the stance
    stance_high: float
    stance_n: int  # sentences (and thesis lines) that carry it
    alone: float  # the reader's probability, where it states the side alone (0 otherwise)
    side: int  # -1 / +1: the side the article states; 0: no clear stance
    badge_left: float  # percent along the scale
    share: float
    n_sentences: int
    touching: int  # sentences coded to it as a second dimension
    silent: bool
    analyst: bool  # an analyst's review changed a sentence of this cell
    analyst_summary: str  # the analyst's own summary of the cell, if the review gives one
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class MatrixRow:
    dimension: str
    label: str
    question: str
    negative: str
    positive: str
    colour: str
    cells: tuple[MatrixCell, ...]
    verdict: str
    rationale: str


@dataclass(frozen=True)
class MarkedSentence:
    anchor: str
    sid: str
    text: str
    dimension: str
    dimension_label: str
    colour: str
    also: str
    analyst: bool = False  # coded by the analyst's review
    note: str = ""


@dataclass(frozen=True)
class ArticleView:
    doc_id: str
    label: str
    colour: str
    title: str
    subtitle: str
    outlet: str
    authors: str
    date: str
    url: str
    bio: str
    file: str
    sha256: str
    encoding: str
    paragraphs: tuple[tuple[str, tuple[MarkedSentence, ...]], ...]  # "¶4" (or "p. 3, ¶12") and its sentences
    removed: tuple[tuple[int, str, str, str], ...]  # line, text, reason, kept as
    omitted_sentences: int  # left out of the coded-text appendix (see APPENDIX_SENTENCES); all are in text/
    omitted_removed: int  # removed lines left out of the appendix's list; all are in tables/removed.csv
    appendix_limit: int = APPENDIX_SENTENCES


@dataclass(frozen=True)
class ChartView:
    name: str
    title: str
    takeaway: str
    src: str  # the chart: URL the PDF's fetcher resolves (see chart_sources)
    svg: str = ""  # brief.html: the SVG inline, so that its marks link to their quotes (see with_inline_charts)


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    articles: tuple[ArticleView, ...]
    bottom_line: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # text, (anchor, label) refs
    matrix: tuple[MatrixRow, ...]
    charts: tuple[ChartView, ...]
    codebook: tuple[dict, ...]
    codebook_name: str
    codebook_sha256: str
    learned_sha256: str  # of the learned coder's weights file, "" when the rules alone coded
    codebook_description: str
    methods: tuple[str, ...]
    evaluation: tuple[tuple[str, str, str, str, str], ...]  # dimension, P, R, F1, support
    evaluation_summary: str
    tool_version: str
    landscape: bool
    pdf_author: str
    pdf_subject: str
    review: str = ""  # "review.csv (SHA-256 …): N sentences changed by the analyst", when a review was applied


CHART_SCHEME = "chart:"


def chart_sources(charts: list[Chart]) -> dict[str, str]:
    """Where the PDF finds each chart: a ``chart:`` URL that its fetcher resolves when WeasyPrint asks, so the
    layout can start before the SVGs exist."""
    return {c.name: f"{CHART_SCHEME}{c.name}" for c in charts}


def with_inline_charts(report: Report, svgs: dict[str, str]) -> Report:
    """The same report with each chart's SVG to be written inline (brief.html): its marks are links."""
    return replace(report, charts=tuple(replace(c, svg=_inline(svgs[c.name])) for c in report.charts))


def _inline(svg: str) -> str:
    """An SVG document as an element of the page: no XML prolog, and a role for screen readers."""
    svg = svg.removeprefix('<?xml version="1.0" encoding="utf-8"?>').lstrip()
    return svg.replace("<svg ", '<svg role="img" focusable="false" ', 1)


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def build_report(analysis: Analysis, charts: list[Chart], sources: dict[str, str]) -> Report:
    colours = colours_by_article(analysis)
    dim_colours = {d: DIMENSION_COLOURS[i % len(DIMENSION_COLOURS)] for i, d in enumerate(analysis.codebook.ids)}
    labels = analysis.labels
    sentence_labels = {
        c.sentence.sid: f"{labels[c.sentence.doc_id]} {c.sentence.cite}"
        for coded in analysis.coded
        for c in coded.codings
    }

    matrix = []
    for dim in analysis.comparison.dimensions:
        stance = dim.dimension.stance
        cells = tuple(
            MatrixCell(
                article=labels[cell.doc_id],
                colour=colours[cell.doc_id],
                stance=cell.stance.value,
                stance_label=cell.stance.label,
                stance_low=cell.stance.low,
                stance_high=cell.stance.high,
                stance_n=cell.stance.n,
                alone=cell.stance.alone,
                side=cell.stance.side,
                badge_left=round((cell.stance.value + 1) * 50, 1),
                share=cell.share,
                n_sentences=cell.n_sentences,
                touching=cell.touching,
                silent=cell.silent,
                analyst=cell.analyst,
                analyst_summary=summary_for(analysis.review, cell.doc_id, cell.dimension),
                quotes=tuple(
                    Quote(
                        anchor(c.sentence.sid),
                        c.sentence.sid,
                        c.sentence.paragraph,
                        c.sentence.cite,
                        c.sentence.start,
                        c.sentence.end,
                        c.sentence.text,
                    )
                    for c in cell.evidence
                )
                + tuple(Quote("", "", 0, q.kind, q.start, q.end, q.text) for q in cell.thesis),
            )
            for cell in dim.cells
        )
        matrix.append(
            MatrixRow(
                dim.dimension.id,
                dim.dimension.label,
                dim.dimension.question,
                stance.negative.label if stance else "",
                stance.positive.label if stance else "",
                dim_colours[dim.dimension.id],
                cells,
                describe(dim.verdict, dim.cells, dim.dimension, labels),
                dim.rationale,
            )
        )

    appendix = shown(analysis)
    articles = tuple(_article_view(analysis, coded, colours, dim_colours, appendix) for coded in analysis.coded)
    points: tuple[Point, ...] = bottom_line(analysis)
    bottom = tuple((p.text, tuple((anchor(r), sentence_labels.get(r, r)) for r in p.refs)) for p in points)
    chart_views = tuple(ChartView(c.name, c.title, c.takeaway, sources[c.name]) for c in charts)
    codebook = tuple(
        {
            "id": d.id,
            "label": d.label,
            "question": d.question,
            "description": d.description,
            "colour": dim_colours[d.id],
            "scale": f"{d.stance.negative.label} (−1) ↔ {d.stance.positive.label} (+1)" if d.stance else "—",
            "cues": ", ".join(c.source.removeprefix("re:") for c in _strongest(d.cues)),
        }
        for d in analysis.codebook.dimensions
    )
    ev = analysis.evaluation
    evaluation = ()
    summary = ""
    if ev is not None:
        evaluation = tuple(
            (s.dimension, f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}", str(s.support))
            for s in ev.per_dimension
        )
        summary = (
            f"Against the hand coding ({', '.join(ev.files)}): {ev.n_content} content sentences, "
            f"accuracy {ev.accuracy:.2f}, macro-F1 {ev.macro_f1:.2f} over the dimensions, "
            f"Cohen's kappa {ev.kappa:.2f}; {ev.chrome_total - len(ev.chrome_in_content)} of "
            f"{ev.chrome_total} title, bio and chrome lines kept out of the content."
        )
    names = [a.label for a in analysis.articles]
    return Report(
        title=f"Comparison: {' vs '.join(names)}" if len(names) <= 3 else f"Comparison of {len(names)} articles",
        subtitle=analysis.codebook.name,
        articles=articles,
        bottom_line=bottom,
        matrix=tuple(matrix),
        charts=chart_views,
        codebook=codebook,
        codebook_name=f"{analysis.codebook.name} ({analysis.codebook.source})",
        codebook_sha256=analysis.codebook.sha256,
        learned_sha256=analysis.codebook.learned.sha256 if analysis.codebook.learned is not None else "",
        codebook_description=analysis.codebook.description,
        methods=_methods(analysis),
        evaluation=evaluation,
        evaluation_summary=summary,
        tool_version=tool_version(),
        landscape=len(analysis.articles) > 2,
        pdf_author="comparator " + tool_version(),
        pdf_subject="; ".join(a.metadata.title or a.label for a in analysis.articles),
        review=(
            f"{analysis.review.source} (SHA-256 {analysis.review.sha256}): {analysis.reviewed} sentences "
            f"recoded by the analyst, {len(analysis.review.summaries)} cell summaries"
        )
        if analysis.review is not None
        else "",
    )


def _strongest(cues, n: int = 14):
    return sorted(cues, key=lambda c: (-c.weight, c.source))[:n]


def _article_view(
    analysis: Analysis, coded, colours: dict[str, str], dim_colours: dict[str, str], appendix: frozenset[str]
) -> ArticleView:
    """One article as the appendix shows it: its first APPENDIX_SENTENCES sentences and every quoted one."""
    a = coded.article
    dims = analysis.dimension_labels
    paragraphs: dict[int, list[MarkedSentence]] = {}
    kept = [c for c in coded.codings if c.sentence.sid in appendix]
    cites: dict[int, str] = {}
    for c in kept:
        s = c.sentence
        cites.setdefault(s.paragraph, s.cite)
        paragraphs.setdefault(s.paragraph, []).append(
            MarkedSentence(
                anchor(s.sid),
                s.sid,
                s.text,
                c.dimension,
                dims.get(c.dimension, "none"),
                dim_colours.get(c.dimension, "transparent"),
                ", ".join(dims[d] for d in c.also),
                c.analyst,
                c.note,
            )
        )
    m = a.metadata
    return ArticleView(
        doc_id=a.doc_id,
        label=a.label,
        colour=colours[a.doc_id],
        title=m.title or a.doc_id,
        subtitle=m.subtitle,
        outlet=m.outlet,
        authors=", ".join(m.authors),
        date=m.date,
        url=m.url,
        bio=m.bio,
        file=a.path,
        sha256=a.sha256,
        encoding=a.encoding,
        paragraphs=tuple((cites[n], tuple(ss)) for n, ss in sorted(paragraphs.items())),
        removed=tuple((r.line, r.text, r.reason, r.kept_as) for r in a.removed[:APPENDIX_REMOVED]),
        omitted_sentences=len(coded.codings) - len(kept),
        omitted_removed=max(0, len(a.removed) - APPENDIX_REMOVED),
    )


def _readers_note(analysis: Analysis) -> str:
    learned = analysis.codebook.learned
    if learned is None or not learned.readers:
        return ""
    read = [d for d in analysis.codebook.dimensions if d.id in learned.readers]
    actions = [d for d in read if d.stance is not None and d.stance.reads != "description"]
    articles = max(r.articles for r in learned.readers.values())
    note = (
        f" On {_names(read)} a learned article reader decides the side instead (a logistic regression over all "
        f"the article's words, trained on {articles} hand-coded articles, real and synthetic): the side it reads is "
        "stated when sentences in which the author argues carry it and their mean lies on it, outside "
        f"±{STANCE.neutral_band}."
    )
    if actions:
        note += (
            f" On {_names(actions)}, sentences that carry a side by the standard above still state it where the "
            "reader reads none or the other side, when those argued in the body, or by a headline's own words, "
            "lean to it too (not a headline that argues only by its place: a news report's reads like a thesis)."
        )
    alone = [(d, learned.readers[d.id].alone) for d in read if learned.readers[d.id].alone < 1]
    for d, chance in alone:
        note += (
            f" On {d.label.lower()}, where no sentence states a side, the side the reader reads with a probability of "
            f"at least {chance:.2f} is stated by itself, as a leaning read from the whole article; its quotes are the "
            "sentences on the dimension, in the author's voice, whose words weigh most for that side in the reader's "
            "model (never one that argues the other side)."
        )
    return note + ' Otherwise "no clear stance".'


def _described_note(analysis: Analysis) -> str:
    """Which scales read the author's account, where a sentence filed elsewhere counts only by arguing."""
    readers = analysis.codebook.learned.readers if analysis.codebook.learned is not None else {}
    alone = [
        d
        for d in analysis.codebook.dimensions
        if d.stance is not None and d.stance.reads == "description" and d.id not in readers
    ]
    if not alone:
        return ""
    return (
        f" On {_names(alone)}, read from the author's account, a sentence filed under another dimension counts "
        "toward the side only where its own words argue it, not where it only describes."
    )


def _names(dimensions) -> str:
    named = [f"“{d.label}”" for d in dimensions]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"


def _methods(analysis: Analysis) -> tuple[str, ...]:
    html_note = any(a.format == "html" for a in analysis.articles)
    return (
        "Ingest: each file is decoded (UTF-8, or Windows-1252 when it holds no UTF-8 at all), split into "
        "paragraphs and sentences; offsets are character positions in the decoded file"
        + (" (for HTML pages: in the text extracted from the page, saved in text/)" if html_note else "")
        + ". Titles, deks, bylines and author bios become metadata; site chrome is dropped and listed below.",
        f"Coding: every sentence is scored on each dimension by the weighted cues of the codebook, then read in "
        f"context (the rest of its paragraph and its neighbours). The highest dimension is its code when its "
        f"score reaches {CODING.none_threshold}; otherwise the sentence is background. A second dimension is kept when "
        f"it scores at least {CODING.secondary_ratio:.0%} of the first."
        + (
            " Then a learned coder names each sentence's dimension (or background): a logistic regression over the "
            "sentence's words, names left out, and those scores, trained on "
            f"{analysis.codebook.learned.sentences:,} hand-coded sentences of the development articles (most of them "
            "real published pages); a sentence "
            "it moves keeps the side the cues read on the scale it leaves, and one holding the author's side on a "
            "scale is never made background."
            if analysis.codebook.learned is not None
            else ""
        ),
        "Stance: each sentence coded to a dimension is placed on the dimension's scale: the direction of the action "
        "it names (a cue of either pole) composed with what the author does with it — advocates it, rejects it "
        '(negation in the same clause, a judgement such as "a mistake" or one of the field\'s words such as "a '
        'lifeline"), or only mentions it (weight '
        f'{STANCE.mention_weight}). Positions only reported ("Pyongyang wants relief", "critics argue") count '
        f"for nothing; questions count {STANCE.question_weight}. The headline and dek count {STANCE.thesis_weight} "
        "sentences each, as the thesis. The article's stance is the weighted mean of the sentences that argue (of "
        f"all that carry one when none argues), with a {STANCE.interval:.0%} bootstrap interval over them; it states "
        f"a side only when at least {STANCE.min_sentences} sentences argue one rather than narrate (a headline or "
        f"dek line that argues counts as {STANCE.thesis_weight:g}), they weigh at least {STANCE.min_evidence} "
        f"together, the mean lies outside ±{STANCE.neutral_band}, and the "
        f"interval does not reach the other side of 0 or at least {STANCE.dominance:.0%} of the argued weight lies "
        'on the mean\'s side; otherwise "no clear stance".' + _described_note(analysis) + _readers_note(analysis),
        f"Evidence: at most {COMPARE.max_evidence} quotes a cell. Under a stated side, the strongest sentences in "
        "the author's voice that carry it; under no clear stance, the strongest of each side; without a stance, "
        f"the sentences with the strongest cues of their own (a cue weight of at least {COMPARE.quote_own_min:g}; "
        f"{COMPARE.quote_words[0]}–{COMPARE.quote_words[1]} words preferred, dated narration last), de-duplicated; "
        "shown in text order with paragraph numbers and character offsets. "
        "Reported positions are never quoted as the author's.",
        methods_note() + " Distinctive terms: weighted log-odds with an informative Dirichlet prior (Monroe, "
        "Colaresi & Quinn 2008).",
    )
