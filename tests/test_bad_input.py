"""Bad input through the real command: a valid brief, or exit 2 with one line naming what is wrong.

Every bad file is paired with a seed so that there are two articles and only the file under test
is bad. A refusal leaves nothing behind: no ``.NAME.tmp-*`` folder beside ``--out``, no half-written
``--out``, and an earlier brief there stays byte for byte as it was.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from comparator.coding import code_article
from comparator.errors import InputError
from comparator.ingest import MAX_BYTES, decode, ingest
from comparator.segment import MAX_SENTENCE_CHARS
from comparator.tables import sentences_rows
from tests.helpers import SEED_FILES, SEEDS, invoke_cli

SEED = SEED_FILES[0]
CURLY = "The \u201cmaximum pressure\u201d campaign has failed, and it\u2019s time to say so."


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def _one_line(result, *needles: str) -> str:
    """Exit 2 and one line on stderr, no traceback, that contains every needle."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("comparator: error: "), line
    for needle in needles:
        assert needle in line, f"{needle!r} not in {line!r}"
    return line


def _refused(result, out: Path, *needles: str) -> str:
    """A one-line refusal that wrote nothing: no ``out``, no staging folder beside it."""
    line = _one_line(result, *needles)
    assert not out.exists()
    assert _leftovers(out) == []
    return line


def _built(result, out: Path) -> list[dict[str, str]]:
    """Exit 0, a complete brief in ``out``; returns the rows of tables/sentences.csv."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr, result.stderr
    assert (out / "brief.html").is_file()
    assert _leftovers(out) == []
    with (out / "tables" / "sentences.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _brief(*files: Path | str, out: Path, extra: tuple[str, ...] = ()):
    return invoke_cli("brief", *map(str, files), "--out", str(out), "--no-pdf", *extra)


def _snapshot(folder: Path) -> dict[str, bytes]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {str(p.relative_to(folder)): p.read_bytes() for p in files}


# --- bad article files: each maker writes one into tmp_path and returns its path -------------


def _empty(tmp: Path) -> Path:
    path = tmp / "empty.txt"
    path.write_bytes(b"")
    return path


def _whitespace(tmp: Path) -> Path:
    path = tmp / "blank.txt"
    path.write_bytes(b"  \n\t\n\r\n   \n")
    return path


def _binary(tmp: Path) -> Path:
    path = tmp / "photo.txt"  # a picture saved under a text name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16)
    return path


def _damaged_utf8(tmp: Path) -> Path:
    path = tmp / "damaged.txt"
    good = (CURLY + "\n\nWashington should offer relief for real steps.\n").encode("utf-8")
    path.write_bytes(good[:40] + b"\xff\xfe\x80" + good[40:])  # stray bytes inside valid UTF-8
    return path


def _too_large(tmp: Path) -> Path:
    path = tmp / "huge.txt"
    path.write_bytes(b"Sanctions relief is a tool, not a gift. " * (20_000_000 // 40))
    assert path.stat().st_size >= 20_000_000
    return path


def _missing(tmp: Path) -> Path:
    return tmp / "missing.txt"


def _rtf(tmp: Path) -> Path:
    path = tmp / "report.rtf"
    path.write_bytes(b"{\\rtf1\\ansi Relief now.}")
    return path


def _broken_docx(tmp: Path) -> Path:
    path = tmp / "report.docx"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00word/document.xml")
    return path


def _empty_folder(tmp: Path) -> Path:
    path = tmp / "nothing-here"
    path.mkdir()
    (path / "notes.rtf").write_bytes(b"{\\rtf1}")  # not an article format: still no articles
    return path


REFUSED: dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]] = {
    "empty file": (_empty, ("empty",)),
    "whitespace only": (_whitespace, ("whitespace",)),
    "binary data": (_binary, ("binary",)),
    "invalid utf-8": (_damaged_utf8, ("invalid UTF-8", "save the file as UTF-8")),
    "20 MB article": (_too_large, (f"{MAX_BYTES / 1e6:.0f} MB limit",)),
    "missing file": (_missing, ("not found",)),
    "unsupported format": (_rtf, ("unsupported format", ".rtf", ".pdf", ".docx")),
    "broken word file": (_broken_docx, ("not a readable Word file",)),
    "empty directory": (_empty_folder, ("no article files",)),
}


@pytest.mark.parametrize("make, needles", REFUSED.values(), ids=REFUSED.keys())
def test_bad_article_is_refused_in_one_line_naming_the_file(tmp_path, make, needles):
    bad = make(tmp_path)
    out = tmp_path / "out"
    _refused(_brief(SEED, bad, out=out), out, bad.name, *needles)


def test_windows_1252_is_decoded_and_the_brief_is_built(tmp_path):
    legacy = tmp_path / "legacy.txt"
    text = (
        CURLY + " Washington should offer sanctions relief for a verifiable freeze.\n\n"
        "Congress will not back a deal that gives pressure away \u2013 but a phased one, as the "
        "joint \u201ccommuniqu\u00e9\u201d promised, may pass.\n"
    )
    legacy.write_bytes(text.encode("cp1252"))
    out = tmp_path / "out"
    rows = _built(_brief(SEED, legacy, out=out), out)
    mine = [r["text"] for r in rows if r["doc_id"] == "legacy"]
    assert mine and mine[0] == CURLY
    assert "away \u2013 but" in mine[-1] and "joint \u201ccommuniqu\u00e9\u201d promised" in mine[-1]
    with (out / "tables" / "articles.csv").open(encoding="utf-8", newline="") as handle:
        encodings = {r["doc_id"]: r["encoding"] for r in csv.DictReader(handle)}
    assert encodings["legacy"] == "windows-1252"


@pytest.mark.parametrize("word", ["communiqu\u00e9\u201d", "caf\u00e9\u2019s", "d\u00e9j\u00e0\u2026"])
def test_windows_1252_accent_before_punctuation_is_not_taken_for_utf8(tmp_path, word):
    # "é" then "”" is E9 94 in Windows-1252: a lead byte and a continuation byte, but no UTF-8.
    path = tmp_path / "accents.txt"
    text = f"They signed a joint \u201c{word} in Singapore. Washington should offer relief.\n"
    path.write_bytes(text.encode("cp1252"))
    assert decode(path.read_bytes(), path) == (text, "windows-1252")


def test_one_long_line_without_punctuation_is_cut_into_sentences(tmp_path, codebook):
    words = ["sanctions", "relief", "pressure", "talks", "diplomacy", "Washington", "deal"]
    line = " ".join(words[i % len(words)] for i in range(40_000))[:200_000]
    path = tmp_path / "runon.txt"
    path.write_text(line + "\n", encoding="utf-8")
    rows = sentences_rows([code_article(ingest(path), codebook)], codebook)  # the sentence table the brief writes
    assert len(rows) >= 200_000 // MAX_SENTENCE_CHARS
    assert all(len(r["text"]) <= MAX_SENTENCE_CHARS for r in rows)
    assert all(line[int(r["start"]) : int(r["end"])] == r["text"] for r in rows)


def test_a_single_article_is_refused(tmp_path):
    out = tmp_path / "out"
    _refused(_brief(SEED, out=out), out, "at least 2 articles", SEED.name)


def test_the_same_path_twice_is_refused(tmp_path):
    out = tmp_path / "out"
    _refused(_brief(SEED, SEED, out=out), out, SEED.name, "given twice")


def test_the_same_article_under_another_name_is_refused(tmp_path):
    copy = tmp_path / "copy.txt"
    shutil.copyfile(SEED, copy)
    out = tmp_path / "out"
    _refused(_brief(SEED, copy, out=out), out, "copy.txt", "the same article as", SEED.name)


def test_a_directory_of_articles_is_expanded(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in SEEDS.iterdir():
        if path.suffix in (".txt", ".yaml") and path.name != "gold.yaml":
            shutil.copyfile(path, folder / path.name)
    out = tmp_path / "out"
    rows = _built(_brief(folder, out=out), out)
    assert {r["doc_id"] for r in rows} == {p.stem for p in SEED_FILES}


def test_an_unreadable_file_is_refused(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop root from reading the file")
    locked = tmp_path / "locked.txt"
    shutil.copyfile(SEED_FILES[1], locked)
    locked.chmod(0)
    try:
        out = tmp_path / "out"
        _refused(_brief(SEED, locked, out=out), out, "locked.txt", "permission denied")
    finally:
        locked.chmod(0o644)


def test_permission_denied_is_reported_for_the_file(monkeypatch):
    """The same refusal in process, so that it is checked under root too (where chmod cannot)."""

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    expected = f"{SEED}: cannot be read (permission denied)"
    with pytest.raises(InputError, match=f"^{re.escape(expected)}$"):
        ingest(SEED)


# --- a broken codebook or gold file ----------------------------------------------------------


def test_a_codebook_that_is_not_yaml_is_refused(tmp_path):
    book = tmp_path / "broken.yaml"
    book.write_text("dimensions: [\n  - id: diagnosis\n  label: : :\n", encoding="utf-8")
    out = tmp_path / "out"
    _refused(
        _brief(*SEED_FILES, out=out, extra=("--codebook", str(book))), out, "broken.yaml", "not valid YAML", "line 2"
    )


def test_every_codebook_schema_error_is_listed_in_one_line(tmp_path):
    book = tmp_path / "sloppy.yaml"
    book.write_text(
        "name: sloppy\n"
        "dimensions:\n"
        "  - id: Bad Id\n"
        "    label: Diagnosis\n"
        "    question: What went wrong?\n"
        "    description: The state of talks.\n"
        "    cues: {stalemate: 20}\n"
        "    stance:\n"
        "      poles:\n"
        "        - {label: Only one, cues: {keep: 1}}\n"
        "  - id: approach\n"
        "    question: What should be done?\n"
        "    description: Steps.\n"
        "    cues: {roadmap: 2}\n"
        "colour: blue\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = _brief(*SEED_FILES, out=out, extra=("--codebook", str(book)))
    line = _refused(result, out, "sloppy.yaml")
    for problem in (
        "dimensions -> 0 -> id: 'Bad Id'",
        "dimensions -> 0 -> cues -> stalemate: weight must be a number",
        "dimensions -> 0 -> stance -> poles: expected two",
        "dimensions -> 1 -> label: missing",
        "colour: unknown field",
    ):
        assert problem in line
    assert "5 problem(s)" in line


def test_a_gold_file_with_an_unknown_dimension_is_refused(tmp_path):
    gold = tmp_path / "gold.yaml"
    gold.write_text(
        f"documents:\n- file: {SEED.name}\n  sentences:\n"
        "  - {paragraph: 3, text: 'Talks have stalled.', label: diagnosis}\n"
        "  - {paragraph: 4, text: 'Relief now.', label: sanctions_relief}\n",
        encoding="utf-8",
    )
    result = invoke_cli("evaluate", *map(str, SEED_FILES), "--gold", str(gold))
    _refused(
        result, tmp_path / "out", "gold.yaml", "documents -> 0 -> sentences -> 1", "unknown dimension sanctions_relief"
    )


# --- an earlier brief survives a failed run --------------------------------------------------


@pytest.fixture(scope="module")
def seed_brief(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("earlier") / "seeds"
    _built(_brief(*SEED_FILES, out=out), out)
    return out


@pytest.fixture
def earlier_brief(tmp_path, seed_brief) -> tuple[Path, dict[str, bytes]]:
    """A copy of one seed brief per test, so that a test that breaks it breaks no other."""
    out = tmp_path / "reports" / "seeds"
    shutil.copytree(seed_brief, out)
    return out, _snapshot(out)


def test_a_failed_run_leaves_the_earlier_brief_untouched(tmp_path, earlier_brief):
    out, before = earlier_brief
    _one_line(_brief(SEED, tmp_path / "gone.txt", out=out), "gone.txt: not found")
    assert _snapshot(out) == before
    assert _leftovers(out) == []


def test_a_run_failing_while_writing_leaves_the_earlier_brief_untouched(tmp_path, earlier_brief):
    out, before = earlier_brief
    templates = tmp_path / "mytemplates"
    templates.mkdir()
    (templates / "brief.html.j2").write_text("<h1>{{ report.title </h1>\n", encoding="utf-8")
    # The template is read only after the analysis, while the new brief is being written.
    _one_line(_brief(*SEED_FILES, out=out, extra=("--templates", str(templates))), "template error")
    assert _snapshot(out) == before
    assert _leftovers(out) == []


@pytest.mark.parametrize("where", ["a-file/out", "a-file"])
def test_an_out_folder_that_cannot_be_made_is_refused(tmp_path, where):
    (tmp_path / "a-file").write_text("not a folder\n", encoding="utf-8")
    out = tmp_path / where
    _one_line(_brief(*SEED_FILES, out=out), f"{out}: ")
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "not a folder\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]
