"""Split text into paragraphs and sentences as character spans of the source text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A sentence longer than this is cut at a space: a run-on line with no punctuation
# (a scraped table, a caption dump) must not become one unreadable "sentence".
MAX_SENTENCE_CHARS = 1200

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gen gov lt col maj capt cmdr adm sgt st mt ft jr sr vs etc
    e.g i.e cf no nos inc co corp ltd dept est approx fig jan feb mar apr jun jul aug sep sept
    oct nov dec u.s u.n u.k e.u d.c a.m p.m ph.d amb pres rev hon""".split()
)
# Words that start a new sentence even after "U.S." and other dotted acronyms.
_SENTENCE_STARTERS = frozenset(
    """the this that these those it its he she they we i but and or so yet however in on at
    for if when while as after before since although though there here what why how one
    some many most such our their his her a an""".split()
)

_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+)")
_NEXT_START = re.compile(r"\s+([\"'“‘(\[]?)(\S)")
_PREV_TOKEN = re.compile(r"(\S+)$")
_SPACE = re.compile(r"\s")


@dataclass(frozen=True)
class Span:
    """Half-open character span [start, end) of a text."""

    start: int
    end: int


def paragraph_spans(text: str, *, blocks: bool | None = None) -> list[Span]:
    """Paragraphs of text: each non-empty line, or blank-line separated blocks.

    With ``blocks=None`` the layout decides: hard-wrapped text (most lines sit in
    multi-line blocks of short lines) is read as blocks, everything else line by line.
    """
    if blocks is None:
        blocks = _looks_hard_wrapped(text)
    pattern = r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*" if blocks else r"[^\n]*\S[^\n]*"
    spans: list[Span] = []
    for match in re.finditer(pattern, text):
        span = _strip(text, match.start(), match.end())
        if span is None:
            continue
        if spans and not blocks and _continues(text, spans[-1], span):
            span = Span(spans.pop().start, span.end)
        spans.append(span)
    return spans


def _continues(text: str, previous: Span, line: Span) -> bool:
    """A line that goes on a sentence the line above left open (no blank line between them, no closing
    punctuation at the end of a long line above, a lower-case start here) belongs to the same paragraph: a
    hard-wrapped short text."""
    between = text[previous.end : line.start]
    last_line = previous.end - max(text.rfind("\n", previous.start, previous.end) + 1, previous.start)
    return (
        between.count("\n") == 1
        and last_line >= WRAPPED_LINE
        and text[previous.end - 1] not in _PARAGRAPH_END
        and text[line.start].islower()
    )


def sentence_spans(text: str, paragraph: Span) -> list[Span]:
    """Sentences of one paragraph as spans of ``text`` (not of the paragraph)."""
    spans: list[Span] = []
    start = paragraph.start
    chunk = text[paragraph.start : paragraph.end]
    for match in _BOUNDARY.finditer(chunk):
        end = paragraph.start + match.end()
        if _is_boundary(chunk, match):
            spans.extend(_cut_long(text, start, end))
            start = end
    spans.extend(_cut_long(text, start, paragraph.end))
    return [s for s in (_strip(text, s.start, s.end) for s in spans) if s]


def _is_boundary(chunk: str, match: re.Match[str]) -> bool:
    following = _NEXT_START.match(chunk, match.end())
    if following is None:
        return False
    opener, first = following.group(1), following.group(2)
    if not (first.isupper() or first.isdigit() or opener):
        return False
    mark = match.group(0)
    if not mark.startswith("."):
        return True
    previous = _PREV_TOKEN.search(chunk, 0, match.start())
    token = previous.group(1).lower().lstrip("(\"'“‘") if previous else ""
    if len(token) == 1 and token.isalpha():  # an initial: "Joyce N. Boghosian"
        return False
    if token in _ABBREVIATIONS:
        if "." in token:  # "U.S." ends a sentence only before a typical sentence opener
            next_word = re.match(r"\s+[\"'“‘(]?(\w+)", chunk[match.end() :])
            return bool(next_word and next_word.group(1).lower() in _SENTENCE_STARTERS)
        return False
    return not re.fullmatch(r"(?:[a-z]\.)+[a-z]", token)


def _cut_long(text: str, start: int, end: int) -> Iterator[Span]:
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        yield Span(start, cut)
        start = cut
    yield Span(start, end)


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and _SPACE.match(text[start]):
        start += 1
    while end > start and _SPACE.match(text[end - 1]):
        end -= 1
    return Span(start, end) if end > start else None


def _looks_hard_wrapped(text: str) -> bool:
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    lines = [line for b in blocks for line in b.splitlines() if line.strip()]
    if len(lines) < 6:
        return False
    wrapped = [b for b in blocks if len([x for x in b.splitlines() if x.strip()]) >= 3]
    in_wrapped = sum(len([x for x in b.splitlines() if x.strip()]) for b in wrapped)
    widths = sorted(len(line) for line in lines)
    return in_wrapped >= 0.6 * len(lines) and widths[len(widths) // 2] <= 100


def paragraphs_from_lines(text: str, block: Span) -> list[Span]:
    """Paragraphs of a block with no blank lines (text pasted from a PDF): a line that ends a sentence and
    stops well short of the usual line width ends its paragraph; failing that, every line is one."""
    lines = [
        s
        for s in (_strip(text, m.start(), m.end()) for m in re.finditer(r"[^\n]+", text[: block.end]))
        if s and s.start >= block.start
    ]
    widths = sorted(s.end - s.start for s in lines)
    usual = widths[int(len(widths) * 0.75)] if widths else 0
    paragraphs, start = [], lines[0].start if lines else block.start
    for i, line in enumerate(lines):
        width = line.end - line.start
        ends = text[line.end - 1] in _PARAGRAPH_END and width < SHORT_LINE * usual
        if i == len(lines) - 1 or ends or width < HEADING_LINE * usual:
            paragraphs.append(Span(start, line.end))
            if i + 1 < len(lines):
                start = lines[i + 1].start
    if len(paragraphs) <= 1:
        return lines
    return paragraphs


WRAPPED_LINE = 40  # characters: a line wrapped by an editor is long; a short one is a menu item or a heading
SHORT_LINE = 0.8  # a line under this share of the usual width that ends a sentence ends its paragraph
HEADING_LINE = 0.5  # a line under this share stands alone (a headline, a byline), however it ends
_PARAGRAPH_END = frozenset(".!?:\"'”’)")
