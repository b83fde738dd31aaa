"""Ingest on the real seeds: offsets, chrome removal, metadata."""

from __future__ import annotations

import pytest
import yaml

from comparator.ingest import ingest
from comparator.segment import paragraph_spans, sentence_spans
from tests.conftest import DATA, GOLD, ROOT, SEED_FILES

GOLD_DOCS = {d["file"].split("/")[-1]: d["sentences"] for d in yaml.safe_load(GOLD.read_text("utf-8"))["documents"]}
# Every hand-coded article: the seeds and the two development sets.
ALL_GOLD = [(ROOT / d["file"], d["sentences"])
            for gold in (GOLD, *(DATA / name / "gold.yaml" for name in ("heldout", "fresh", "blind3", "blind4")))
            for d in yaml.safe_load(gold.read_text("utf-8"))["documents"]]


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


@pytest.mark.parametrize(("path", "gold"), ALL_GOLD, ids=lambda p: p.name[:16] if hasattr(p, "name") else "")
def test_chrome_and_meta_lines_are_not_content_and_are_listed(path, gold):
    article = ingest(path)
    content = {s.text for s in article.sentences}
    removed = " ".join(r.text for r in article.removed)
    chrome = [s["text"] for s in gold if s["label"] in ("meta", "boilerplate")]
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


# Small articles that carry one kind of chrome each: (file name, text, expected metadata, removed line (its
# first 20 characters) -> reason, the first 14 characters of every content sentence).
CHROME_CASES = {
    "headings-bylines-deks-print-notes": (
        "brief.txt",
        "POLICY BRIEF\n\nEasing, Not Lifting: A Conditional Path for U.S. Sanctions on Syria\n\n"
        "Washington eased too fast last time. It should not make the same mistake twice.\n\n"
        "By the Editorial Board\n\n"
        "The collapse of the old government has created the first real opening in Syria in more than a decade.\n\n"
        "Recommendations\n\n"
        "The administration should issue general licenses that can be revoked, and it should say in advance what "
        "would bring the sanctions back.\n\n"
        "A version of this editorial appears in print in the Sunday edition.\n",
        {"title": "Easing, Not Lifting: A Conditional Path for U.S. Sanctions on Syria",
         "subtitle": "Washington eased too fast last time. It should not make the same mistake twice.",
         "authors": ("The Editorial Board",)},
        {"Recommendations": "section heading", "A version of this ed": "print edition note"},
        ["The collapse o", "The administra"],
    ),
    "markdown-emphasis-dek-and-bio": (
        "oped.md",
        "# A Freeze for Funds\n\n*A full return to the accord is out of reach. A narrow trade is not.*\n\n"
        "By Thomas Averill\n\n"
        "For three years, American policy toward Iran has been defined mostly by what it is not, and that is "
        "no longer enough.\n\n"
        "An interim deal would buy time and put inspectors back inside the enrichment halls, which matters now.\n\n"
        "The politics in Washington are difficult, but a narrow trade can pass where a grand bargain cannot.\n\n"
        "*Thomas Averill is a senior fellow for nonproliferation at the Meridian Institute.*\n",
        {"subtitle": "A full return to the accord is out of reach. A narrow trade is not.",
         "authors": ("Thomas Averill",),
         "bio": "Thomas Averill is a senior fellow for nonproliferation at the Meridian Institute."},
        {},
        ["For three year", "An interim dea", "The politics i"],
    ),
    "title-case-headline-collective-byline-caption-audio": (
        "editorial.txt",
        "EDITORIAL\n\nChip Controls Are Working. Don't Trade Them for Soybeans.\n\n"
        "Washington's limits on advanced chips are slowing China's military AI. They should be tightened.\n\n"
        "The Editorial Board\n\nListen to this article · 7 min\n\n"
        "A technician inspects silicon wafers at a chip plant in Hsinchu, Taiwan, where most of the world's "
        "advanced chips are made. (Photo by An Rong Xu for The Bay Standard)\n\n"
        "In October 2022, the Commerce Department tried something Washington had not attempted in a generation, "
        "and two years later the policy has critics on every side.\n\n"
        "The controls should be kept and tightened with allies, because they are working as intended now.\n",
        {"title": "Chip Controls Are Working. Don't Trade Them for Soybeans.",
         "subtitle": "Washington's limits on advanced chips are slowing China's military AI. They should be tightened.",
         "authors": ("The Editorial Board",)},
        {"Listen to this artic": "audio player prompt", "A technician inspect": "photo caption and credit"},
        ["In October 202", "The controls s"],
    ),
}


@pytest.mark.parametrize("case", CHROME_CASES)
def test_chrome_kinds_are_removed_and_metadata_kept(tmp_path, case):
    name, text, metadata, reasons, sentences = CHROME_CASES[case]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    article = ingest(path)
    for field_name, value in metadata.items():
        assert getattr(article.metadata, field_name) == value
    removed = {r.text[:20]: r.reason for r in article.removed}
    assert {k: removed.get(k) for k in reasons} == reasons
    assert [s.text[:14] for s in article.sentences] == sentences
    assert not any("*" in s.text for s in article.sentences)


@pytest.mark.parametrize(("head", "label"), [
    ("Keep the Squeeze On\n\nBy Rana Haddad and Owen Pritchard\n\n", "Haddad & Pritchard"),
    ("The Road Back to the Iran Deal Runs Through Sanctions\n\nBy the Editorial Board\n\n",
     "The Road Back to the Iran…"),
])
def test_article_without_outlet_is_named_by_authors_else_headline(tmp_path, head, label):
    path = tmp_path / "piece.txt"
    path.write_text(head + "Washington should ease sanctions on the regime in steps, and this piece explains "
                    "why that is the right order of moves for everyone involved.\n", encoding="utf-8")
    assert ingest(path).label == label
