"""Altair charts of the comparison, one theme and one font shared with the PDF, exported as SVG, PNG and JSON."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import altair as alt

from comparator.anchors import anchor, link, shown
from comparator.chartfiles import Chart, colours_by_article
from comparator.keyness import MAX_TERMS, MIN_Z, top_terms
from comparator.verdicts import Verdict

if TYPE_CHECKING:
    from comparator.pipeline import Analysis

FONT = "DejaVu Sans"  # the PDF uses the same installed font, so label widths match
WIDTH, HEIGHT = 960, 540  # 16:9; PNG at scale 2 is 1920 x 1080
INK = "#222222"


@alt.theme.register("comparator", enable=True)
def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "background": "white",
            "padding": 16,
            "title": {
                "fontSize": 26,
                "anchor": "start",
                "color": INK,
                "subtitleFontSize": 18,
                "subtitleColor": "#555555",
                "offset": 14,
            },
            "axis": {
                "labelFontSize": 17,
                "titleFontSize": 18,
                "labelColor": INK,
                "titleColor": INK,
                "gridColor": "#e3e3e3",
                "domainColor": "#888888",
                "labelLimit": 320,
            },
            # two names a row: six articles' labels wrap onto two rows instead of running off the chart
            "legend": {"labelFontSize": 17, "titleFontSize": 17, "orient": "bottom", "labelLimit": 380, "columns": 2},
            "header": {"labelFontSize": 18, "titleFontSize": 18},
            "text": {"fontSize": 16, "font": FONT},
            "view": {"stroke": None},
        }
    }


def article_colours(analysis: Analysis) -> alt.Scale:
    colours = colours_by_article(analysis)
    return alt.Scale(domain=[a.label for a in analysis.articles], range=[colours[a.doc_id] for a in analysis.articles])


def build_charts(analysis: Analysis) -> list[Chart]:
    makers = (coverage_chart, stance_chart, position_chart, keyness_chart, actors_chart)
    return [maker(analysis) for maker in makers]


def first_use(analysis: Analysis, doc_id: str, term: str) -> str:
    """The id of the article's first sentence that uses the term (or its plural or demonym), or ""."""
    needle = term.casefold()
    coded = next(c for c in analysis.coded if c.article.doc_id == doc_id)
    return next((c.sentence.sid for c in coded.codings if needle in c.sentence.text.casefold()), "")


def _first_quote(cell) -> str:
    """A link to the cell's strongest quote (quotes are always in the appendix), or "" for a cell with none."""
    return "#" + anchor(cell.evidence[0].sentence.sid) if cell.evidence else ""


def _frame_labels(analysis: Analysis) -> tuple[dict[str, str], dict[str, str]]:
    return analysis.labels, analysis.dimension_labels


def _data(rows: list[dict]) -> alt.InlineData:
    """Rows as inline values (Altair names them by content hash): plain dicts, no data frame needed."""
    return alt.InlineData(values=rows)


def _tooltip(*fields: str) -> list[alt.Tooltip]:
    """Channel objects, not bare strings: Altair would otherwise look each string up in its schema (slow)."""
    return [alt.Tooltip(f) for f in fields]


def _sized(chart: alt.TopLevelMixin, title: str, subtitle: str) -> dict:
    chart = chart.properties(
        width=WIDTH,
        height=HEIGHT,
        title=alt.TitleParams(title, subtitle=subtitle),
        autosize=alt.AutoSizeParams(type="fit", contains="padding"),
    )
    return chart.to_dict(validate=False)  # the specs are built here, not typed in; validation costs 0.1 s


def coverage_chart(analysis: Analysis) -> Chart:
    articles, dims = _frame_labels(analysis)
    rows = [
        {
            "article": articles[c.doc_id],
            "dimension": dims[c.dimension],
            "share": c.share,
            "sentences": c.n_sentences,
            "link": _first_quote(c),
        }
        for d in analysis.comparison.dimensions
        for c in d.cells
    ]
    order = list(dims.values())
    bars = (
        alt.Chart(_data(rows))
        .mark_bar()
        .encode(
            y=alt.Y("dimension:N", sort=order, title=None),
            yOffset=alt.YOffset("article:N", sort=[a.label for a in analysis.articles]),
            x=alt.X("share:Q", title="share of the article's sentences", axis=alt.Axis(format="%")),
            color=alt.Color("article:N", scale=article_colours(analysis), title=None),
            href=alt.Href("link:N"),
        )
    )
    labels = bars.mark_text(align="left", dx=6, color=INK).encode(text=alt.Text("share:Q", format=".0%"))
    top = max(rows, key=lambda r: (r["share"], r["article"]))
    takeaway = f"{top['article']} gives {top['share']:.0%} of its sentences to {top['dimension'].lower()}."
    spec = _sized(
        alt.layer(bars, labels), "Coverage by dimension", "Share of each article's sentences coded to the dimension"
    )
    return Chart("coverage", "Coverage by dimension", takeaway, spec)


def stance_chart(analysis: Analysis) -> Chart:
    """Each article's stance on each scale, with its bootstrap interval and the count it rests on; a hollow
    dot where the evidence states no clear side."""
    articles, dims = _frame_labels(analysis)
    rows = []
    for d in analysis.comparison.dimensions:
        if d.dimension.stance is None:
            continue
        label = f"{d.dimension.label}: {d.dimension.stance.negative.label} ↔ {d.dimension.stance.positive.label}"
        for c in d.cells:
            if not c.stance.n and not c.stance.alone:
                continue  # nothing on the scale: no dot (the matrix says "no stance")
            rows.append(
                {
                    "article": articles[c.doc_id],
                    "dimension": dims[c.dimension],
                    "scale": label,
                    "stance": c.stance.value,
                    "low": c.stance.low,
                    "high": c.stance.high,
                    "sentences": c.stance.n,
                    "side": c.stance.label,
                    "clear": "states a side" if c.stance.side else "no clear stance",
                    "link": _first_quote(c),
                }
            )
    frame = _data(rows)
    order = [dims[d.dimension.id] for d in analysis.comparison.dimensions if d.dimension.stance]
    y = alt.Y("dimension:N", sort=order, title=None)
    offset = alt.YOffset("article:N", sort=[a.label for a in analysis.articles])
    colour = alt.Color("article:N", scale=article_colours(analysis), title=None)
    interval = (
        alt.Chart(frame)
        .mark_rule(strokeWidth=3, opacity=0.6)
        .encode(y=y, yOffset=offset, x=alt.X("low:Q"), x2=alt.X2("high:Q"), color=colour, href=alt.Href("link:N"))
    )
    zero = alt.Chart(_data([{"x": 0}])).mark_rule(color="#bbbbbb", strokeDash=[4, 4]).encode(x=alt.X("x:Q"))
    x = alt.X(
        "stance:Q", scale=alt.Scale(domain=[-1, 1]), title="stance (bar: 80% interval; hollow dot: no clear stance)"
    )
    tooltip = _tooltip("article:N", "scale:N", "stance:Q", "low:Q", "high:Q", "sentences:Q", "side:N")
    rings = (
        alt.Chart(frame)
        .mark_point(size=300, filled=False, fill="white", strokeWidth=2.5, opacity=1)  # white: its middle is a link too
        .encode(y=y, yOffset=offset, x=x, color=colour, tooltip=tooltip, href=alt.Href("link:N"))
    )
    dots = (
        alt.Chart(_data([r for r in rows if r["clear"] == "states a side"]))
        .mark_point(size=300, filled=True, opacity=1)
        .encode(y=y, yOffset=offset, x=x, color=colour, tooltip=tooltip, href=alt.Href("link:N"))
    )
    ends = []
    for d in analysis.comparison.dimensions:
        if d.dimension.stance:
            ends += [
                {
                    "dimension": d.dimension.label,
                    "x": -1,
                    "text": f"◀ {d.dimension.stance.negative.label}",
                    "align": "left",
                },
                {
                    "dimension": d.dimension.label,
                    "x": 1,
                    "text": f"{d.dimension.stance.positive.label} ▶",
                    "align": "right",
                },
            ]
    left = (
        alt.Chart(_data([e for e in ends if e["align"] == "left"]))
        .mark_text(align="left", dy=30, fontSize=15, color="#555555")
        .encode(y=y, x=alt.X("x:Q"), text=alt.Text("text:N"))
    )
    right = (
        alt.Chart(_data([e for e in ends if e["align"] == "right"]))
        .mark_text(align="right", dy=30, fontSize=15, color="#555555")
        .encode(y=y, x=alt.X("x:Q"), text=alt.Text("text:N"))
    )
    split = [d.dimension.label for d in analysis.comparison.dimensions if d.verdict is Verdict.OPPOSITE]
    stated = sum(1 for r in rows if r["clear"] == "states a side")
    takeaway = (
        f"Opposite sides on {', '.join(s.lower() for s in split)}."
        if split
        else f"{stated} of {len(rows)} stances state a side; no dimension finds the articles on opposite sides."
        if rows
        else "The codebook defines no stance scales."
    )
    spec = _sized(
        alt.layer(zero, interval, rings, dots, left, right),
        "Stance per dimension",
        "Where each article stands on each dimension's scale, and how sure",
    )
    return Chart("stance", "Stance per dimension", takeaway, spec)


def position_chart(analysis: Analysis) -> Chart:
    articles, dims = _frame_labels(analysis)
    appendix = shown(analysis)
    rows = []
    for coded in analysis.coded:
        total = max(1, len(coded.codings))
        for c in coded.codings:
            if c.dimension:
                rows.append(
                    {
                        "article": articles[coded.article.doc_id],
                        "dimension": dims[c.dimension],
                        "position": (c.sentence.index - 0.5) / total,
                        "paragraph": c.sentence.paragraph,
                        "sentence": c.sentence.sid,
                        "link": link(c.sentence.sid, appendix),
                    }
                )
    chart = (
        alt.Chart(_data(rows))
        .mark_tick(thickness=5, size=22)
        .encode(
            x=alt.X(
                "position:Q",
                scale=alt.Scale(domain=[0, 1]),
                title="position in the article (start → end)",
                axis=alt.Axis(format="%"),
            ),
            y=alt.Y("dimension:N", sort=list(dims.values()), title=None),
            yOffset=alt.YOffset("article:N", sort=[a.label for a in analysis.articles]),
            color=alt.Color("article:N", scale=article_colours(analysis), title=None),
            tooltip=_tooltip("article:N", "dimension:N", "paragraph:Q", "sentence:N"),
            href=alt.Href("link:N"),
        )
    )
    firsts = []
    for a in analysis.articles:
        mine = [r for r in rows if r["article"] == a.label]
        if mine:
            firsts.append(f"{a.label} opens with {mine[0]['dimension'].lower()}")
    takeaway = "; ".join(firsts) + "." if firsts else "No coded sentences."
    spec = _sized(chart, "Where each dimension appears", "Each tick is a sentence coded to the dimension")
    return Chart("positions", "Where each dimension appears", takeaway, spec)


def keyness_chart(analysis: Analysis, per_article: int = MAX_TERMS) -> Chart:
    rows = [k for k in analysis.keyness if k.scope == "article"]
    articles = list(analysis.articles)
    appendix = shown(analysis)
    chosen = []
    for i, a in enumerate(articles):
        for k in top_terms(rows, a.doc_id, per_article):
            # With two articles, the second one's terms point left: a diverging chart.
            direction = -1 if (len(articles) == 2 and i == 1) else 1
            chosen.append(
                {
                    "article": a.label,
                    "term": k.term,
                    "z": round(direction * k.z, 3),
                    "count": k.count,
                    "link": link(first_use(analysis, a.doc_id, k.term), appendix),
                }
            )
    chosen.sort(key=lambda r: (-r["z"], r["term"]))
    reach = math.ceil(max((abs(r["z"]) for r in chosen), default=2.0))
    bars = (
        alt.Chart(_data(chosen))
        .mark_bar()
        .encode(
            y=alt.Y("term:N", sort=[r["term"] for r in chosen], title=None),
            x=alt.X(
                "z:Q",
                title="z-score of the weighted log-odds ratio (more distinctive →)"
                if len(articles) != 2
                else f"← {articles[1].label}   ·   z-score   ·   {articles[0].label} →",
                axis=alt.Axis(tickCount=8),
                # Two articles: zero in the middle, so each side's terms point its way even when one has none.
                scale=alt.Scale(domain=[-reach, reach]) if len(articles) == 2 else alt.Undefined,
            ),
            color=alt.Color("article:N", scale=article_colours(analysis), title=None),
            tooltip=_tooltip("article:N", "term:N", "z:Q", "count:Q"),
            href=alt.Href("link:N"),
        )
    )
    tops = []
    for a in articles:
        mine = [r for r in chosen if r["article"] == a.label]
        if mine:
            tops.append(f"{a.label}: “{max(mine, key=lambda r: abs(r['z']))['term']}”")
        else:
            tops.append(f"{a.label}: no term past |z| ≥ {MIN_Z}")
    takeaway = "Most distinctive — " + "; ".join(tops) + "."
    subtitle = f"Weighted log-odds with an informative Dirichlet prior; terms with |z| ≥ {MIN_Z} (5% level)"
    spec = _sized(bars, "Distinctive terms", subtitle)
    return Chart("keyness", "Distinctive terms", takeaway, spec)


def actors_chart(analysis: Analysis, top: int = 10) -> Chart:
    articles, _ = _frame_labels(analysis)
    rows = [a for a in analysis.actors if a.scope == "article"]
    totals: dict[str, int] = {}
    for r in rows:
        totals[r.actor] = totals.get(r.actor, 0) + r.mentions
    keep = [name for name, n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])) if n > 0][:top]
    words = {m.doc_id: m.value for m in analysis.metrics if m.metric == "words"}
    cells = [
        {
            "article": articles[r.doc_id],
            "actor": r.actor,
            "mentions": r.mentions,
            "per_1k_words": round(1000 * r.mentions / max(1.0, words.get(r.doc_id, 1.0)), 2),
        }
        for r in rows
        if r.actor in keep
    ]
    base = alt.Chart(_data(cells)).encode(
        x=alt.X(
            "article:N",
            sort=[a.label for a in analysis.articles],
            title=None,
            axis=alt.Axis(labelAngle=0, orient="top"),
        ),
        y=alt.Y("actor:N", sort=keep, title=None),
    )
    heat = base.mark_rect().encode(
        color=alt.Color(
            "per_1k_words:Q",
            title="per 1,000 words",
            scale=alt.Scale(scheme="blues"),
            legend=alt.Legend(titleLimit=400),
        ),
        tooltip=_tooltip("article:N", "actor:N", "mentions:Q", "per_1k_words:Q"),
    )
    text = base.mark_text(fontSize=17).encode(
        text=alt.Text("mentions:Q"),
        color=alt.condition(
            alt.datum.per_1k_words > max((c["per_1k_words"] for c in cells), default=0) / 2,
            alt.value("white"),
            alt.value(INK),
        ),
    )
    takeaway = f"Most mentioned overall: {', '.join(keep[:3])}." if keep else "No codebook actors mentioned."
    spec = _sized(
        alt.layer(heat, text), "Actors mentioned", "Mentions of each actor (numbers) and per 1,000 words (shade)"
    )
    return Chart("actors", "Actors mentioned", takeaway, spec)
