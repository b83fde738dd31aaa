"""The slide deck (16:9, python-pptx), built from the report model: a title slide, the bottom line, the verdict
matrix, coverage and stance as native (editable) charts, one quote slide per dimension, then the other charts
as pictures. Every content slide carries speaker notes with the numbers and sources behind it.

Text is fitted, not clipped: each box's font size is the largest (within limits) at which its text, wrapped to
the box's width by an estimate of the font's average character width, fits its height; what still does not fit
at the smallest size is cut at a word, with an ellipsis, and the notes keep it whole.
"""

from __future__ import annotations

import io
import re
import textwrap
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from comparator.report import MatrixRow, Report


@dataclass(frozen=True)
class SlideSettings:
    width_in: float = 13.333  # 16:9
    height_in: float = 7.5
    margin_in: float = 0.6
    title_top_in: float = 0.35
    title_height_in: float = 1.0
    body_top_in: float = 1.45
    title_pt: tuple[int, int] = (32, 22)  # largest, smallest
    body_pt: tuple[int, int] = (22, 12)
    table_pt: tuple[int, int] = (14, 9)
    char_em: float = 0.52  # average character width of the theme's sans-serif (Calibri, Carlito) in em
    line_height: float = 1.2  # line pitch in em
    paragraph_gap: float = 0.5  # space after a paragraph in em
    quotes_per_article: int = 2
    picture_charts: tuple[str, ...] = ("positions", "keyness", "actors")  # coverage and stance are native


SETTINGS = SlideSettings()
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def write_slides(report: Report, chart_folder: Path, target: Path) -> None:
    from pptx import Presentation
    from pptx.util import Inches

    s = SETTINGS
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(s.width_in), Inches(s.height_in)
    props = deck.core_properties
    # the document properties hold 255 characters at most (python-pptx refuses more)
    props.author, props.title, props.subject = "comparator", _clip(report.title), _clip(report.pdf_subject)
    props.last_modified_by, props.revision = "comparator", 1

    _title_slide(deck, report)
    _bottom_line_slide(deck, report)
    _matrix_slide(deck, report)
    _coverage_slide(deck, report)
    if any(row.negative for row in report.matrix):
        _stance_slide(deck, report)
    for row in report.matrix:
        _quote_slide(deck, report, row)
    for chart in report.charts:
        if chart.name in s.picture_charts and (chart_folder / f"{chart.name}.png").is_file():
            _picture_slide(deck, chart, chart_folder / f"{chart.name}.png")
    _save_stable(deck, target)


def _clip(text: str, limit: int = 255) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# --- text that fits ------------------------------------------------------------------------------------------


def text_height(paragraphs: list[str], width_in: float, size_pt: float) -> float:
    """Inches that ``paragraphs`` take when wrapped to ``width_in`` at ``size_pt`` (an estimate)."""
    s = SETTINGS
    per_line = max(8, int(width_in * 72 / (size_pt * s.char_em)))
    lines = sum(max(1, len(textwrap.wrap(p, per_line))) for p in paragraphs)
    return (lines * s.line_height + max(0, len(paragraphs) - 1) * s.paragraph_gap) * size_pt / 72


def fit(paragraphs: list[str], width_in: float, height_in: float, sizes: tuple[int, int]) -> tuple[int, list[str]]:
    """The largest size in ``sizes`` (largest, smallest) at which the paragraphs fit; at the smallest, the text
    cut at a word (with an ellipsis) so that it does."""
    largest, smallest = sizes
    inner_w, inner_h = width_in - 0.2, height_in - 0.1  # the text frame's default insets
    for size in range(largest, smallest - 1, -1):
        if text_height(paragraphs, inner_w, size) <= inner_h:
            return size, paragraphs
    kept: list[str] = []
    for p in paragraphs:
        if text_height([*kept, p], inner_w, smallest) <= inner_h:
            kept.append(p)
            continue
        words = p.split()
        while words and text_height([*kept, " ".join(words) + " …"], inner_w, smallest) > inner_h:
            words.pop()
        if words:
            kept.append(" ".join(words) + " …")
        break
    return smallest, kept


def _box(slide, left: float, top: float, width: float, height: float, paragraphs: list, sizes: tuple[int, int]):
    """A text box whose paragraphs are strings or (text, colour, bold) triples, fitted to the box."""
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Inches, Pt

    items = [p if isinstance(p, tuple) else (p, "", False) for p in paragraphs]
    size, texts = fit([t for t, _, _ in items], width, height, sizes)
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap, frame.auto_size = True, MSO_AUTO_SIZE.NONE
    for i, (text, (_, colour, bold)) in enumerate(zip(texts, items, strict=False)):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = text
        paragraph.font.size, paragraph.font.bold = Pt(size), bold
        paragraph.space_after = Pt(size * SETTINGS.paragraph_gap)
        if colour:
            paragraph.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
    return box


def _slide(deck, title: str, notes: list[str]):
    """A title-only slide, its title fitted across the 16:9 width, with speaker notes."""
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Inches, Pt

    s = SETTINGS
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    shape = slide.shapes.title
    width = s.width_in - 2 * s.margin_in
    shape.left, shape.top = Inches(s.margin_in), Inches(s.title_top_in)
    shape.width, shape.height = Inches(width), Inches(s.title_height_in)
    size, texts = fit([title], width, s.title_height_in, s.title_pt)
    shape.text_frame.text = texts[0] if texts else title
    shape.text_frame.word_wrap, shape.text_frame.auto_size = True, MSO_AUTO_SIZE.NONE
    shape.text_frame.paragraphs[0].font.size = Pt(size)
    slide.notes_slide.notes_text_frame.text = "\n".join(notes)
    return slide


def _body(slide, paragraphs: list, sizes: tuple[int, int] | None = None, top: float | None = None):
    s = SETTINGS
    top = s.body_top_in if top is None else top
    height = s.height_in - top - 0.45
    return _box(slide, s.margin_in, top, s.width_in - 2 * s.margin_in, height, paragraphs, sizes or s.body_pt)


# --- the slides ----------------------------------------------------------------------------------------------


def _title_slide(deck, report: Report) -> None:
    s = SETTINGS
    slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank: both boxes are ours
    _box(slide, s.margin_in, 1.6, s.width_in - 2 * s.margin_in, 1.4, [(report.title, "", True)], (40, 26))
    lines = [(f"{a.label}: {a.title}", a.colour, True) for a in report.articles]
    lines += [f"Codebook: {report.codebook_name}", f"comparator {report.tool_version}"]
    _box(slide, s.margin_in, 3.2, s.width_in - 2 * s.margin_in, 3.6, lines, (20, 11))
    notes = [
        f"{a.label}: {a.title} — {a.authors or 'author not stated'}, {a.outlet} {a.date} {a.url}"
        for a in report.articles
    ]
    slide.notes_slide.notes_text_frame.text = "\n".join(notes)


def _bottom_line_slide(deck, report: Report) -> None:
    notes = ["Each point rests on these sentences (¶ = paragraph in the source):"]
    notes += [
        f"- {text} [{'; '.join(label for _, label in refs) or 'counts of coded sentences'}]"
        for text, refs in report.bottom_line
    ]
    slide = _slide(deck, "Bottom line", notes)
    _body(slide, [f"• {text}" for text, _ in report.bottom_line] or ["No dimension was addressed by the articles."])


def _matrix_slide(deck, report: Report) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    s = SETTINGS
    articles = [a.label for a in report.articles]
    notes = ["Each cell: the article's stance on the scale, the sentences coded to the dimension and their share."]
    for row in report.matrix:
        notes.append(f"{row.label}: {row.verdict} ({row.rationale})")
        for c in row.cells:
            basis = (
                "read from the whole article, the reader's probability"
                if c.alone
                else f"interval {c.stance_low:+.2f} to {c.stance_high:+.2f}, {c.stance_n} stance-bearing"
            )
            notes.append(
                f"  {c.article}: {c.stance_label}, stance {c.stance:+.2f} ({basis}), {c.n_sentences} sentences, "
                f"{c.share:.0%}"
            )
    slide = _slide(deck, "Where each article stands", notes)
    rows, cols = len(report.matrix) + 1, len(articles) + 2
    width, height = s.width_in - 2 * s.margin_in, s.height_in - s.body_top_in - 0.4
    first, verdict = 0.17 * width, 0.25 * width
    other = (width - first - verdict) / len(articles)
    widths = [first, *([other] * len(articles)), verdict]
    texts = [["", *articles, "Verdict"]]
    for row in report.matrix:
        texts.append([row.label, *(_cell_text(c) for c in row.cells), row.verdict])
    row_height = height / rows
    size = min(
        fit(t.split("\n"), w, row_height if r else 0.5, s.table_pt)[0]
        for r, line in enumerate(texts)
        for t, w in zip(line, widths, strict=True)
    )
    table = slide.shapes.add_table(
        rows, cols, Inches(s.margin_in), Inches(s.body_top_in), Inches(width), Inches(height)
    ).table
    for j, w in enumerate(widths):
        table.columns[j].width = Inches(w)
    colours = {a.label: a.colour for a in report.articles}
    for i, line in enumerate(texts):
        for j, text in enumerate(line):
            cell = table.cell(i, j)
            cell.text = text
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string("EEEEEE" if i == 0 or j == 0 else "FFFFFF")
            for paragraph in cell.text_frame.paragraphs:
                paragraph.font.size = Pt(size)
                paragraph.font.bold = i == 0 or j == 0
                colour = colours.get(text, "#222222") if i == 0 else "#222222"
                paragraph.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())


def _cell_text(cell) -> str:
    if cell.silent:
        return "not addressed"
    return f"{cell.stance_label}\n{cell.n_sentences} sentences · {cell.share:.0%}"


def _coverage_slide(deck, report: Report) -> None:
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    chart_view = next((c for c in report.charts if c.name == "coverage"), None)
    data = CategoryChartData(number_format="0%")
    data.categories = [row.label for row in report.matrix]
    for i, a in enumerate(report.articles):
        data.add_series(a.label, [row.cells[i].share for row in report.matrix])
    notes = ["Share of each article's sentences coded to each dimension:"]
    notes += [
        f"  {row.label}: " + ", ".join(f"{c.article} {c.share:.0%} ({c.n_sentences})" for c in row.cells)
        for row in report.matrix
    ]
    slide = _slide(deck, "Coverage by dimension", notes)
    chart = _native_chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, data, report, (0, None))
    chart.value_axis.tick_labels.number_format, chart.value_axis.tick_labels.number_format_is_linked = "0%", False
    if chart_view is not None:
        _caption(slide, chart_view.takeaway)


def _stance_slide(deck, report: Report) -> None:
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    scaled = [row for row in report.matrix if row.negative]
    data = CategoryChartData(number_format="+0.00;-0.00;0.00")
    data.categories = [row.label for row in scaled]
    for i, a in enumerate(report.articles):
        data.add_series(a.label, [row.cells[i].stance if row.cells[i].side else None for row in scaled])
    notes = [
        "Bars show the stances that state a side. Each stance from −1 to +1, its 80% bootstrap interval and the "
        "sentences it rests on:"
    ]
    for row in scaled:
        notes += [
            f"  {row.label}, {c.article}: {c.stance:+.2f} read from the whole article: {c.stance_label}"
            if c.alone
            else f"  {row.label}, {c.article}: {c.stance:+.2f} [{c.stance_low:+.2f}, {c.stance_high:+.2f}], "
            f"{c.stance_n} sentences: {c.stance_label}"
            for c in row.cells
        ]
    slide = _slide(deck, "Stance per dimension", notes)
    chart = _native_chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, data, report, (-1, 1), height=4.2)
    chart.value_axis.tick_labels.number_format, chart.value_axis.tick_labels.number_format_is_linked = (
        "+0.0;-0.0;0",
        False,
    )
    view = next((c for c in report.charts if c.name == "stance"), None)
    scales = [f"{row.label}: −1 {row.negative} … +1 {row.positive}" for row in scaled]
    lines = [
        view.takeaway if view else "",
        *scales,
        "No bar: no clear stance. A side no sentence argues, read from the whole article: the reader's probability."
        if any(c.alone for row in scaled for c in row.cells)
        else "No bar: no clear stance (too few stance-bearing sentences, or an interval across the neutral band).",
    ]
    s = SETTINGS
    _box(slide, s.margin_in, 5.7, s.width_in - 2 * s.margin_in, 1.6, [t for t in lines if t], (16, 10))


def _native_chart(slide, kind, data, report: Report, bounds: tuple[float | None, float | None], height: float = 4.7):
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
    from pptx.util import Inches, Pt

    s = SETTINGS
    frame = slide.shapes.add_chart(
        kind, Inches(s.margin_in), Inches(s.body_top_in), Inches(s.width_in - 2 * s.margin_in), Inches(height), data
    )
    chart = frame.chart
    chart.has_title = False  # the slide's title says it
    chart.has_legend, chart.legend.position, chart.legend.include_in_layout = True, XL_LEGEND_POSITION.BOTTOM, False
    chart.legend.font.size = Pt(14)
    chart.category_axis.tick_labels.font.size = Pt(13)
    chart.category_axis.reverse_order = True  # the codebook's first dimension on top, as in the brief
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW  # at the left edge, clear of bars below 0
    chart.value_axis.tick_labels.font.size = Pt(12)
    chart.value_axis.has_major_gridlines = True
    low, high = bounds
    if low is not None:
        chart.value_axis.minimum_scale = low
    if high is not None:
        chart.value_axis.maximum_scale = high
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.font.size = Pt(11)
    plot.data_labels.number_format_is_linked = True
    for series, article in zip(plot.series, report.articles, strict=True):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = RGBColor.from_string(article.colour.lstrip("#").upper())
        series.invert_if_negative = False
    return chart


def _caption(slide, text: str) -> None:
    s = SETTINGS
    if text:
        _box(slide, s.margin_in, 6.25, s.width_in - 2 * s.margin_in, 0.95, [text], (18, 11))


def _quote_slide(deck, report: Report, row: MatrixRow) -> None:
    s = SETTINGS
    paragraphs: list = []
    notes = [f"{row.label}: {row.question}", f"Verdict: {row.verdict} ({row.rationale})"]
    for cell in row.cells:
        head = f"{cell.article} — {'not addressed' if cell.silent else cell.stance_label}"
        paragraphs.append((head, cell.colour, True))
        notes.append(f"{head}; {cell.n_sentences} sentences, {cell.share:.0%} of the article")
        for q in cell.quotes[: s.quotes_per_article]:
            paragraphs.append(f"“{q.text}” ({q.cite})")
        for q in cell.quotes:
            notes.append(f"  “{q.text}” — {cell.article}, {q.cite}, characters {q.start}–{q.end}")
        if cell.analyst_summary:
            paragraphs.append(f"Analyst: {cell.analyst_summary}")
            notes.append(f"  analyst: {cell.analyst_summary}")
    slide = _slide(deck, f"{row.label}: {row.question}", notes)
    _body(slide, [(f"Verdict: {row.verdict}", "#222222", True), *paragraphs], (20, 11))


def _picture_slide(deck, chart, png: Path) -> None:
    from pptx.util import Inches

    s = SETTINGS
    slide = _slide(deck, chart.title, [chart.takeaway, f"Chart: charts/{chart.name}.png (and .svg, .vl.json)."])
    height = 6.25 - s.body_top_in - 0.1
    width = min(height * 16 / 9, s.width_in - 2 * s.margin_in)
    slide.shapes.add_picture(
        str(png), Inches((s.width_in - width) / 2), Inches(s.body_top_in), Inches(width), Inches(height)
    )
    _caption(slide, chart.takeaway)


def _save_stable(deck, target: Path) -> None:
    """Save so that the same brief gives the same bytes: every zip entry dated 1980, the document's dates fixed,
    and the same for the spreadsheet each native chart embeds (its data, editable in PowerPoint)."""
    buffer = io.BytesIO()
    deck.save(buffer)
    target.write_bytes(_stable_zip(buffer.getvalue()))


_DOC_DATE = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _stable_zip(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename.endswith(".xlsx"):
                body = _stable_zip(body)
            elif item.filename.endswith("core.xml"):
                body = _DOC_DATE.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", body)
            entry = zipfile.ZipInfo(item.filename, date_time=_ZIP_TIME)
            entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            copy.writestr(entry, body)
    return out.getvalue()
