"""Messages that say what to do, warnings the analyst needs, and paragraph numbers a reader can find."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from comparator.cli import main
from comparator.codebook import parse_codebook
from comparator.errors import CodebookError, InputError
from comparator.ingest import MAX_TEXT_CHARS, ingest
from comparator.language import detect
from comparator.pipeline import check_languages
from comparator.segment import paragraph_spans
from tests.helpers import SEED_FILES

SEED = str(SEED_FILES[0])
GERMAN = (
    "Die Bundesregierung hat am Montag neue Sanktionen gegen Russland beschlossen. Die Maßnahmen sollen "
    "den Druck auf Moskau erhöhen, sagte der Minister. Es ist nicht klar, ob die Sanktionen wirken werden, "
    "und auch in der Koalition gibt es Zweifel. Der Kanzler sagte, man werde die Lage genau beobachten und "
    "mit den Partnern in der Europäischen Union sprechen. Die Opposition kritisierte, dass die Regierung zu "
    "spät gehandelt habe und die Wirkung der bisherigen Sanktionen nicht geprüft worden sei.\n"
)


def _error(args: list[str]) -> str:
    result = CliRunner().invoke(main, ["brief", *args])
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.strip().splitlines()
    return line


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("given", "needle"),
    [
        (
            "https://www.example.com/op-ed",
            "https://www.example.com/op-ed: comparator does not fetch URLs; save the page as .html",
        ),
        ("no-such-folder", "no-such-folder: not found"),
        ("no-such-file.txt", "no-such-file.txt: not found"),
    ],
)
def test_what_is_not_a_file_gets_a_message_that_says_what_to_do(given, needle):
    assert needle in _error([SEED, given, "--no-pdf"])


def test_a_folder_without_articles_names_the_formats_looked_for(tmp_path):
    (tmp_path / "notes.odt").write_bytes(b"PK")
    line = _error([SEED, str(tmp_path), "--out", str(tmp_path.parent / "o")])
    assert "holds no article files" in line and ".txt" in line and ".html" in line and ".pdf" in line


def test_more_articles_than_a_brief_shows_is_refused_before_any_work(tmp_path):
    files = [str(_write(tmp_path, f"a{i}.txt", f"Article {i} argues for sanctions relief now.\n")) for i in range(7)]
    assert "7 articles given; a brief compares at most 6" in _error([*files, "--out", str(tmp_path / "o")])


def test_text_over_the_limit_is_refused_with_the_limit_named(tmp_path):
    big = _write(tmp_path, "big.txt", ("Sanctions should be eased step by step. " * 26_000) + "\n")
    assert len(big.read_text(encoding="utf-8")) > MAX_TEXT_CHARS
    with pytest.raises(InputError, match=r"over the limit of 1,000,000 per article"):
        ingest(big)


def test_language_is_told_from_function_words_and_scripts():
    assert detect(GERMAN).code == "de"
    assert detect(Path(SEED).read_text(encoding="utf-8")).code == "en"
    assert detect("북한은 오늘 새로운 미사일을 발사했다. " * 10).name == "Korean"
    assert detect("Too short to tell.") is None


def test_an_article_in_another_language_than_the_codebook_declares_is_refused(tmp_path, codebook):
    german = ingest(_write(tmp_path, "german.txt", GERMAN))
    assert codebook.language == "en"
    with pytest.raises(
        InputError,
        match=r"german.txt: reads as German, but the codebook default.yaml is written "
        r"for English",
    ):
        check_languages([german], codebook)
    undeclared = parse_codebook(
        {"dimensions": [{"id": "a", "label": "A", "question": "Q?", "description": "D", "cues": {"tax": 1}}]}
    )
    assert check_languages([german], undeclared) == ["german.txt: reads as German; the codebook's cues may not apply"]


def test_a_codebook_language_must_be_a_two_letter_code():
    with pytest.raises(CodebookError, match="language: expected a two-letter ISO 639-1 code"):
        parse_codebook(
            {
                "language": "English",
                "dimensions": [{"id": "a", "label": "A", "question": "Q?", "description": "D", "cues": {"tax": 1}}],
            }
        )


def test_text_without_blank_lines_gets_paragraphs_from_its_line_breaks_and_a_warning(tmp_path):
    body = (
        "The sanctions regime has not changed the junta's behaviour in three years of trying, and the\n"
        "evidence from the border trade shows why the measures leak at every crossing point we know.\n"
        "Washington should close the gaps before it adds any new names to the list of designations.\n"
        "That is the first step.\n"
        "A second step is to bring the neighbours on board, which has been tried before and failed\n"
        "each time because the gas revenue matters more to them than the statements they sign.\n"
        "Without them nothing changes.\n"
    )
    article = ingest(_write(tmp_path, "pasted.txt", "Close the Gaps First\nBy A. Writer\n" + body))
    assert article.warnings == (
        "pasted.txt: no blank lines between paragraphs; paragraphs were guessed from line breaks (4 found)",
    )
    assert article.metadata.title == "Close the Gaps First"
    assert sorted({s.paragraph for s in article.sentences}) == [3, 4]


def test_paragraph_numbers_count_the_source_as_a_reader_sees_it(seed_articles):
    for article in seed_articles:
        paragraphs = paragraph_spans(article.text)
        for s in article.sentences:
            p = paragraphs[s.paragraph - 1]
            assert p.start <= s.start and s.end <= p.end, s
    diplomat = next(a for a in seed_articles if a.doc_id.startswith("diplomat"))
    first = diplomat.sentences[0]
    assert first.paragraph == 9  # the chrome lines above it are counted as the reader sees them
    assert diplomat.text.splitlines()[15].startswith(first.text[:40])  # line 16 of the file


def test_warnings_reach_the_user_after_the_closing_line(tmp_path):
    german = _write(tmp_path, "german.txt", GERMAN)
    book = _write(
        tmp_path,
        "book.yaml",
        "dimensions:\n  - id: a\n    label: A\n    question: Q?\n    description: D\n    cues: {Sanktionen: 2}\n",
    )
    result = CliRunner().invoke(
        main, ["brief", SEED, str(german), "--codebook", str(book), "--no-pdf", "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 0, result.output
    assert "comparator: warning: german.txt: reads as German" in result.stderr
    assert result.stdout.strip().endswith("warning(s) above")
