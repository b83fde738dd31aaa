"""PDF and Word input: paragraphs rebuilt, page furniture and footnotes set apart, pages cited, refusals that
help. The files in tests/data/pdf are made by its make.py; expected.yaml says what a good reading gives."""

from __future__ import annotations

import html
import re

import docx
import pytest
import weasyprint
import yaml

from comparator.ingest import ingest
from comparator.pipeline import analyse
from tests.helpers import DATA, SEED_FILES, invoke_cli

PDF = DATA / "pdf"
EXPECTED = yaml.safe_load((PDF / "expected.yaml").read_text(encoding="utf-8"))


def _paragraphs(article) -> list[str]:
    return [article.text[s.start : s.end] for s in article.paragraphs]


@pytest.mark.parametrize("name", ["report.pdf", "two-column.pdf"])
def test_pdf_paragraphs_are_rebuilt_across_lines_columns_and_pages(name):
    article, expected = ingest(PDF / name), EXPECTED[name]
    found = _paragraphs(article)
    for paragraph in expected["paragraphs"]:
        assert paragraph["text"] in found  # hyphens undone, ligatures as letters, footnote calls out
        first = next(s for s in article.sentences if s.start == article.text.index(paragraph["text"]))
        assert first.page == paragraph["page"]
    assert all(article.text[s.start : s.end] == s.text for s in article.sentences)
    assert "ﬁ" not in article.text and "ﬂ" not in article.text


@pytest.mark.parametrize("name", ["report.pdf", "two-column.pdf"])
def test_running_headers_footers_page_numbers_and_footnotes_are_listed_not_read(name):
    article, expected = ingest(PDF / name), EXPECTED[name]
    removed = [(r.text, r.reason) for r in article.removed]
    for page, lines in expected["drop"].items():
        for line in lines:
            # a header's left and right boxes may come as one line
            assert any(line in text and f"(p. {page})" in reason for text, reason in removed), (page, line)
            assert not any(line == s.text for s in article.sentences)
    for note in expected["footnotes"]:
        assert any(note["text"] in text and reason.startswith("footnote") for text, reason in removed)
        assert note["text"] not in article.text


def test_pdf_metadata_come_from_the_document_info():
    meta = ingest(PDF / "report.pdf").metadata
    expected = EXPECTED["report.pdf"]["metadata"]
    assert meta.title == expected["title"]
    assert meta.authors == (expected["author"],)
    assert meta.date == expected["created"][:10]


def test_a_typed_hyphen_at_a_line_end_stays_where_the_joined_word_does_not_exist():
    text = ingest(PDF / "two-column.pdf").text
    typed = EXPECTED["two-column.pdf"]["line_end_hyphens"]["real_u002d"]  # "page 1: cross-"
    for word in (entry.split(": ")[1] for entry in typed):
        assert re.search(rf"\b{re.escape(word)}[a-z]", text), word  # "cross-border", joined, hyphen kept


def test_word_paragraphs_headings_and_core_properties():
    article, expected = ingest(PDF / "report.docx"), EXPECTED["report.docx"]
    sentences = " ".join(s.text for s in article.sentences)
    for paragraph in expected["paragraphs"]:
        assert paragraph in _paragraphs(article)
    for heading in expected["headings"]:
        assert heading["text"] not in [s.text for s in article.sentences]  # a heading is not a sentence
    assert article.metadata.title == expected["metadata"]["title"]
    assert article.metadata.authors == (expected["metadata"]["author"],)
    assert all(c["text"] not in sentences for c in expected["comments"])
    assert any("comments were left out" in w for w in article.warnings)


def test_tracked_changes_are_read_as_accepted_and_said_so():
    article, expected = ingest(PDF / "tracked.docx"), EXPECTED["tracked.docx"]
    for paragraph in expected["paragraphs_accepted"]:
        assert paragraph in article.text
    assert any("tracked changes were read as accepted" in w for w in article.warnings)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("scan.pdf", ("no text layer", "OCR", "ocrmypdf")),
        ("encrypted.pdf", ("encrypted", "password")),
        ("truncated.pdf", ("not a readable PDF", "cut short")),
        ("empty.pdf", ("has no pages",)),
    ],
)
def test_bad_pdfs_get_one_line_and_exit_2(name, words):
    result = invoke_cli("sentences", str(PDF / name))
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and name in lines[0], result.stderr
    assert all(w in lines[0] for w in words)


def test_an_owner_password_that_only_forbids_copying_does_not_stop_reading():
    assert [s.text for s in ingest(PDF / "restricted.pdf").sentences] == [
        s.text for s in ingest(PDF / "report.pdf").sentences
    ]


@pytest.fixture(scope="module")
def seeds_as_documents(tmp_path_factory):
    """The seed articles written out as a PDF (WeasyPrint, A5 so paragraphs cross pages) and as .docx."""
    folder = tmp_path_factory.mktemp("seed-documents")
    made = {}
    for path in SEED_FILES:
        blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        body = "".join(f"<p>{html.escape(' '.join(b.split()))}</p>" for b in blocks)
        css = "@page { size: A5; margin: 18mm; @bottom-center { content: counter(page) } } p { margin: 0 0 1em }"
        pdf = folder / f"{path.stem}.pdf"
        weasyprint.HTML(string=f"<html lang=en><style>{css}</style><body>{body}</body></html>").write_pdf(pdf)
        word = docx.Document()
        for block in blocks:
            word.add_paragraph(" ".join(block.split()))
        word.save(folder / f"{path.stem}.docx")
        made[path.stem] = (pdf, folder / f"{path.stem}.docx")
    return made


@pytest.mark.parametrize("kind", [0, 1], ids=["pdf", "docx"])
def test_the_seeds_as_pdf_and_word_are_coded_as_the_text_files_are(seeds_as_documents, codebook, kind):
    texts = [ingest(p) for p in SEED_FILES]
    others = [ingest(seeds_as_documents[p.stem][kind]) for p in SEED_FILES]
    plain, converted = analyse(texts, codebook), analyse(others, codebook)
    for a, b in zip(plain.coded, converted.coded, strict=True):
        labels = {" ".join(c.sentence.text.split()): c.dimension for c in a.codings}
        pairs = [(labels.get(" ".join(c.sentence.text.split())), c.dimension) for c in b.codings]
        same = sum(1 for x, y in pairs if x == y)
        assert same >= 0.95 * len(a.codings), (same, len(a.codings), len(b.codings))
        if kind == 0:
            assert {c.sentence.page for c in b.codings} >= {1, 2}  # quotes can cite pages
            assert b.codings[0].sentence.cite.startswith("p. 1, ¶")


def test_a_pdf_over_the_page_limit_is_refused_naming_the_limit(monkeypatch):
    import comparator.pdf as pdf
    from comparator.errors import InputError

    monkeypatch.setattr(pdf, "SETTINGS", pdf.PdfSettings(max_pages=3))
    with pytest.raises(InputError, match="4 pages is over the limit of 3"):
        ingest(PDF / "report.pdf")


def test_a_sidecar_still_overrides_what_the_pdf_says(tmp_path):
    path = tmp_path / "marsh.pdf"
    path.write_bytes((PDF / "report.pdf").read_bytes())
    (tmp_path / "marsh.meta.yaml").write_text("outlet: Harbour Review\ntitle: Another Title\n", encoding="utf-8")
    meta = ingest(path).metadata
    assert (meta.outlet, meta.title) == ("Harbour Review", "Another Title")
