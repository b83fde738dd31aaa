"""A slide deck for presentations: a title slide, then one slide per chart with its takeaway."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from comparator.chartfiles import Chart

if TYPE_CHECKING:
    from comparator.pipeline import Analysis


def write_slides(analysis: Analysis, charts: list[Chart], chart_folder: Path, target: Path) -> None:
    from pptx import Presentation
    from pptx.util import Emu, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12192000), Emu(6858000)  # 16:9, 13.33 x 7.5 in
    deck.core_properties.author = "comparator"
    deck.core_properties.title = " vs ".join(a.label for a in analysis.articles)

    # The width is set before any slide is added, but the built-in layouts keep 4:3 positions (see _widen).
    title = deck.slides.add_slide(deck.slide_layouts[0])
    title.shapes.title.text = "Comparison: " + " vs ".join(a.label for a in analysis.articles)
    subtitle = title.placeholders[1].text_frame
    subtitle.word_wrap = True
    subtitle.text = "\n".join(f"{a.label}: {a.metadata.title or a.doc_id}" for a in analysis.articles)
    for paragraph in subtitle.paragraphs:
        paragraph.font.size = Pt(16 if len(analysis.articles) <= 3 else 12)

    width, height = deck.slide_width, deck.slide_height
    _widen(title, width)
    for chart in charts:
        slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
        slide.shapes.title.text = chart.title
        _widen(slide, width)
        slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(30)
        top = Emu(int(height * 0.2))
        picture_height = Emu(int(height * 0.66))
        picture_width = Emu(int(picture_height * 16 / 9))
        slide.shapes.add_picture(
            str(chart_folder / f"{chart.name}.png"),
            Emu(int((width - picture_width) / 2)),
            top,
            picture_width,
            picture_height,
        )
        box = slide.shapes.add_textbox(
            Emu(int(width * 0.06)), Emu(int(height * 0.87)), Emu(int(width * 0.88)), Emu(int(height * 0.1))
        )
        box.text_frame.text = chart.takeaway
        box.text_frame.paragraphs[0].font.size = Pt(20)
    deck.save(str(target))


def _widen(slide, width) -> None:
    """The default layouts are drawn for 4:3; stretch their placeholders across the 16:9 slide."""
    from pptx.util import Emu

    for shape in slide.placeholders:
        top, height = shape.top, shape.height  # inherited from the layout; setting left alone would zero them
        shape.left, shape.top, shape.width, shape.height = Emu(int(width * 0.06)), top, Emu(int(width * 0.88)), height
