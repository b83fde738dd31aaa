"""Ingest on the real seeds: offsets, chrome removal, metadata."""

from __future__ import annotations

import pytest
import yaml

from comparator.ingest import ingest
from comparator.segment import paragraph_spans, sentence_spans
from tests.conftest import GOLD, SEED_FILES

GOLD_DOCS = {d["file"].split("/")[-1]: d["sentences"] for d in yaml.safe_load(GOLD.read_text("utf-8"))["documents"]}


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:12])
def test_offsets_map_back_to_the_source_file(path):
    article = ingest(path)
    source = path.read_text(encoding="utf-8")
    assert article.text == source
    for s in article.sentences:
        assert source[s.start : s.end] == s.text


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:12])
def test_splitter_finds_every_hand_coded_sentence(path):
    text = path.read_text(encoding="utf-8")
    mine = [text[s.start : s.end] for p in paragraph_spans(text) for s in sentence_spans(text, p)]
    assert mine == [s["text"] for s in GOLD_DOCS[path.name]]


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:12])
def test_chrome_and_meta_lines_are_not_content_and_are_listed(path):
    article = ingest(path)
    content = {s.text for s in article.sentences}
    removed = " ".join(r.text for r in article.removed)
    chrome = [s["text"] for s in GOLD_DOCS[path.name] if s["label"] in ("meta", "boilerplate")]
    assert chrome
    for line in chrome:
        assert line not in content
        assert line in removed


def test_diplomat_metadata_title_dek_authors_bio():
    article = ingest(SEED_FILES[1])
    m = article.metadata
    assert m.title == "One Year After the Singapore Summit, It’s Time for a US-North Korea Deal"
    assert m.subtitle == "The United States can’t let this moment pass."
    assert m.authors == ("Michael Fuchs", "Abigail Bard")
    assert m.bio.startswith("Michael Fuchs is a Senior Fellow")
    assert m.outlet == "The Diplomat"  # from the analyst's sidecar file
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons["Credit: Official White House Photo by Joyce N. Boghosian"] == "photo credit"
    assert reasons["Recent Features"] == "related links"


def test_38north_metadata_title_and_outlet_from_tagline():
    article = ingest(SEED_FILES[0])
    assert article.metadata.title.startswith("One Year After the Singapore Summit: A Breakthrough")
    assert article.metadata.outlet == "38 North"
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons["Stay informed about our latest"] == "newsletter prompt"
    assert reasons["38 North: News and Analysis on North Korea"] == "site tagline"


def test_markdown_title_and_list_markers(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# Keep the pressure on\n\nBy Jane Roe\n\n"
                    "- Washington must not ease sanctions before Pyongyang takes real steps toward disarmament.\n\n"
                    "The regime has cheated on every deal so far, and relief would only reward it for that.\n",
                    encoding="utf-8")
    article = ingest(path)
    assert article.metadata.title == "Keep the pressure on"
    assert article.metadata.authors == ("Jane Roe",)
    assert article.sentences[0].text.startswith("Washington must not")
    text = path.read_text(encoding="utf-8")
    assert all(text[s.start : s.end] == s.text for s in article.sentences)


def test_articles_from_one_outlet_get_distinct_labels(tmp_path):
    from comparator.pipeline import read_articles

    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(
            f"Headline {name} about sanctions policy\n\nWashington should ease sanctions on the regime in steps, "
            f"and {name} explains why that is the right order of moves.\n", encoding="utf-8")
        (tmp_path / f"{name}.meta.yaml").write_text("outlet: Same Daily\n", encoding="utf-8")
    labels = [a.label for a in read_articles([tmp_path])]
    assert len(set(labels)) == 2 and all(label.startswith("Same Daily: Headline") for label in labels)
