"""The built brief: files, tables, charts, slides, PDF structure, determinism."""

from __future__ import annotations

import json
import re

import pandas as pd
import pypdf
import pytest

from comparator.brief import build_brief
from tests.helpers import GOLD, SEED_FILES

CHARTS = ("coverage", "stance", "positions", "keyness", "actors")
TABLES = ("sentences", "cells", "comparison", "removed", "keyness", "actors", "metrics", "articles")


def test_every_output_is_written(brief_dir):
    for name in TABLES:
        assert (brief_dir / "tables" / f"{name}.csv").stat().st_size > 0
    for name in CHARTS:
        for ext in ("svg", "png", "vl.json"):
            assert (brief_dir / "charts" / f"{name}.{ext}").stat().st_size > 0
    assert (brief_dir / "brief.html").is_file() and (brief_dir / "slides.pptx").is_file()


def test_png_charts_are_16_9_and_wide_enough(brief_dir):
    from PIL import Image

    for name in CHARTS:
        with Image.open(brief_dir / "charts" / f"{name}.png") as im:
            width, height = im.size
        assert width >= 1920
        assert abs(width / height - 16 / 9) < 0.02


def test_chart_specs_share_the_font_and_article_colours(brief_dir):
    for name in CHARTS:
        spec = json.loads((brief_dir / "charts" / f"{name}.vl.json").read_text("utf-8"))
        assert spec["config"]["font"] == "DejaVu Sans"
    svg = (brief_dir / "charts" / "coverage.svg").read_text("utf-8")
    assert "#1f5aa6" in svg and "#c2571a" in svg


def test_slide_deck_is_a_presentation_with_native_charts_quotes_and_notes(brief_dir, analysis):
    from pptx import Presentation
    from pptx.util import Emu

    from comparator.slides import text_height

    deck = Presentation(str(brief_dir / "slides.pptx"))
    assert round(deck.slide_width / deck.slide_height, 2) == round(16 / 9, 2)
    slides = list(deck.slides)
    titles = [s.shapes.title.text if s.shapes.title is not None else "" for s in slides]
    dims = analysis.codebook.dimensions
    assert titles[1:5] == ["Bottom line", "Where each article stands", "Coverage by dimension", "Stance per dimension"]
    assert titles[5 : 5 + len(dims)] == [f"{d.label}: {d.question}" for d in dims]
    assert len(slides) >= 8
    charts = [shape.chart for s in slides for shape in s.shapes if shape.has_chart]
    assert len(charts) == 2
    coverage = {p.name: list(p.values) for p in charts[0].plots[0].series}
    assert set(coverage) == {a.label for a in analysis.articles}
    cells = {(c.doc_id, c.dimension): c for d in analysis.comparison.dimensions for c in d.cells}
    for article in analysis.articles:
        assert coverage[article.label] == pytest.approx([cells[article.doc_id, d.id].share for d in dims])
    for slide in slides[1:]:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()
    quotes = slides[5].notes_slide.notes_text_frame.text
    assert "¶" in quotes and "characters" in quotes
    for slide in slides:  # every text box's text fits it at the size it was given
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip() and shape.shape_type == 17:  # a text box
                size = shape.text_frame.paragraphs[0].font.size.pt
                paragraphs = [p.text for p in shape.text_frame.paragraphs]
                inner = Emu(shape.width).inches - 0.2, Emu(shape.height).inches - 0.1
                assert text_height(paragraphs, inner[0], size) <= inner[1] + 1e-9, paragraphs[0][:40]


def test_text_that_cannot_fit_is_cut_at_a_word_at_the_smallest_size():
    from comparator.slides import fit, text_height

    long = ["word " * 400]
    size, kept = fit(long, 6.0, 2.0, (20, 10))
    assert size == 10 and kept[0].endswith(" …") and len(kept[0]) < len(long[0])
    assert text_height(kept, 5.8, 10) <= 1.9
    assert fit(["short"], 6.0, 2.0, (20, 10)) == (20, ["short"])


def test_tables_are_tidy_and_consistent(brief_dir, analysis):
    sentences = pd.read_csv(brief_dir / "tables" / "sentences.csv", keep_default_na=False)
    assert len(sentences) == sum(len(a.sentences) for a in analysis.articles)
    assert sentences["sentence_id"].is_unique
    assert {"score_diagnosis", "score_approach", "score_sanctions", "score_feasibility"} <= set(sentences.columns)
    comparison = pd.read_csv(brief_dir / "tables" / "comparison.csv")
    assert list(comparison["dimension"]) == ["diagnosis", "approach", "sanctions", "feasibility"]
    assert comparison["verdict"].notna().all() and comparison["rationale"].str.contains("stance").all()
    cells = pd.read_csv(brief_dir / "tables" / "cells.csv")
    for _, shares in cells.groupby("doc_id")["share"]:
        assert shares.sum() <= 1.0001
    removed = pd.read_csv(brief_dir / "tables" / "removed.csv")
    assert "Recent Features" in set(removed["text"])
    keyness = pd.read_csv(brief_dir / "tables" / "keyness.csv")
    assert {"article", "diagnosis"} <= set(keyness["scope"])


def test_every_field_of_a_sentence_row_reaches_sentences_csv(analysis):
    from comparator.tables import sentences_rows, sentences_table

    written = set(sentences_table(analysis).columns)
    assert set(sentences_rows(list(analysis.coded), analysis.codebook)[0]) <= written
    cues = sentences_table(analysis)["cues"]
    assert cues.str.contains("sanctions: ").any()  # the cues that coded each sentence, by dimension


def test_pdf_structure_titles_quote_metadata_tags(brief_dir, analysis):
    reader = pypdf.PdfReader(brief_dir / "brief.pdf")
    assert len(reader.pages) >= 2
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    for article in analysis.articles:
        assert " ".join(article.metadata.title.split()) in flat
    assert "Trump’s refusal to consider limited sanctions relief" in flat
    assert reader.metadata.title.startswith("Comparison: 38 North vs The Diplomat")
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog  # tagged
    assert "/EmbeddedFiles" not in catalog.get("/Names", {})
    assert "Agreement with a hand coding" in flat  # built with --gold: the figures are stated

    def flatten(items):
        return [x for item in items for x in (flatten(item) if isinstance(item, list) else [item])]

    assert len(flatten(reader.outline)) >= 6  # bookmarks from headings


def test_brief_html_links_each_quote_to_its_sentence(brief_dir):
    html = (brief_dir / "brief.html").read_text("utf-8")
    anchors = set(__import__("re").findall(r'href="#(s-[^"]+)"', html))
    assert anchors
    for anchor in anchors:
        assert f'id="{anchor}"' in html


def test_second_run_is_byte_identical(brief_dir, codebook, tmp_path):
    first, second = brief_dir, tmp_path / "again"  # the session's brief, and the same build once more
    build_brief(SEED_FILES, second, codebook=codebook, gold=GOLD, pdf=True)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


@pytest.mark.parametrize("name", ["sanctions", "feasibility"])
def test_verdict_rationale_names_its_numbers(analysis, name):
    dim = next(d for d in analysis.comparison.dimensions if d.dimension.id == name)
    assert "stance" in dim.rationale and "coverage" in dim.rationale
    assert ("gap" in dim.rationale) == (sum(1 for c in dim.cells if c.stance.side) > 1)


def test_chart_marks_in_the_html_lead_to_quotes_in_the_coded_text(brief_dir):
    html = (brief_dir / "brief.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'id="([^"]+)"', html))
    frames = re.findall(r'<div class="chart-frame"[^>]*>(.*?)</svg></div>', html, re.S)
    assert len(frames) == len(CHARTS)
    links = [re.findall(r'xlink:href="#([^"]+)"', f) for f in frames]
    assert all(target in ids for group in links for target in group)
    by_chart = dict(zip(CHARTS, links, strict=True))
    assert len(set(by_chart["coverage"])) >= 4 and len(set(by_chart["stance"])) >= 4
    assert len(by_chart["positions"]) == len(set(by_chart["positions"])) >= 40  # a tick per coded sentence
    assert all(t.startswith("s-") for group in links for t in group)


def test_a_deck_of_articles_with_long_titles_is_written(analysis, tmp_path):
    from dataclasses import replace

    from pptx import Presentation

    from comparator.report import build_report
    from comparator.slides import write_slides

    report = replace(build_report(analysis, [], {}), pdf_subject="A very long headline; " * 30, title="T " * 200)
    write_slides(report, tmp_path, tmp_path / "slides.pptx")
    props = Presentation(str(tmp_path / "slides.pptx")).core_properties
    assert len(props.subject) <= 255 and props.subject.endswith("…") and len(props.title) <= 255


def test_the_methods_note_prints_every_setting_it_names(brief_dir):
    """Every threshold the methods note names is printed as a number, none left as a placeholder."""
    html = (brief_dir / "brief.html").read_text(encoding="utf-8")
    assert "±0.15" in html
    assert not re.search(r"\{(STANCE|CODING|COMPARE)\.", html)
