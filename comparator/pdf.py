"""Text out of a PDF, as a reader sees it: paragraphs rebuilt across line and page breaks, running headers,
footers, page numbers and footnotes set apart (each listed with its reason), hyphens at line ends joined where
the word exists, ligatures as plain letters, and the page on which each stretch of text begins.

Read with PDFium (pypdfium2, Apache-2.0/BSD): chosen over pdfminer.six, pdfplumber and pypdf on a measured
test set (tests/data/pdf): as exact on every paragraph, 15-40 times faster, one wheel without dependencies.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from comparator.errors import InputError


@dataclass(frozen=True)
class PdfSettings:
    max_pages: int = 300  # a long report; beyond this, split it
    margin_band: float = 0.12  # furniture lives in the top and bottom 12% of a page
    repeats_on: float = 0.5  # a margin line (digits aside) on at least this share of pages is running furniture
    footnote_size: float = 0.9  # lines smaller than this share of the body size, below the body, are footnotes
    superscript_size: float = 0.8  # digits this much smaller than their line are footnote calls
    paragraph_gap: float = 1.45  # a gap this many times the usual line spacing starts a paragraph
    indent_pt: float = 6.0  # a first line indented this much starts a paragraph
    char_width: float = 0.55  # an average character is about this share of the font size wide
    heading_size: float = 1.12  # a line this much larger than the body text is a heading or a title


SETTINGS = PdfSettings()
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_AUTO_HYPHENS = ("\u2010", "\u00ad", "\x02", "\ufffe")  # what PDF producers write for a hyphen they inserted
_PAGE_NUMBER = re.compile(r"^(page\s+)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?(\s*(of|/)\s*\d{1,4})?$", re.I)
_FOOTNOTE_START = re.compile(r"^[\d*†‡]{1,3}[.)]?\s")
_OCR_HINT = "it needs OCR first (for example: ocrmypdf FILE.pdf FILE-ocr.pdf)"


@dataclass(frozen=True)
class Line:
    page: int  # 1-based
    top: float  # baseline, from the page top, in points
    x0: float
    x1: float
    size: float  # the line's main font size in points
    text: str
    hyphen: bool  # it ends on a hyphen the producer inserted (or a "-" at the line end)


@dataclass(frozen=True)
class Dropped:
    page: int
    at: int  # offset in the extracted text where it was taken out
    text: str
    reason: str


@dataclass(frozen=True)
class PagedText:
    text: str  # paragraphs separated by blank lines
    pages: int
    page_starts: tuple[tuple[int, int], ...]  # (offset, page): from each offset on, the text is on that page
    dropped: tuple[Dropped, ...]
    metadata: dict[str, str]


def read_pdf(path: Path, data: bytes) -> PagedText:
    """The text of a PDF; raise InputError (the file named) for a scan, an encrypted or a damaged file."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == pdfium.raw.FPDF_ERR_PASSWORD:
            raise InputError(f"{path}: the PDF is encrypted; remove its password first (qpdf --decrypt)") from None
        if b"%%EOF" in data[-1024:] and data.startswith(b"%PDF"):
            raise InputError(f"{path}: the PDF has no pages") from None
        raise InputError(f"{path}: not a readable PDF (damaged or cut short)") from None
    try:
        pages = len(document)
        if pages == 0:
            raise InputError(f"{path}: the PDF has no pages")
        if pages > SETTINGS.max_pages:
            raise InputError(f"{path}: {pages} pages is over the limit of {SETTINGS.max_pages}; split it")
        lines: list[Line] = []
        heights: dict[int, float] = {}
        for number in range(pages):
            page = document[number]
            heights[number + 1] = page.get_height()
            lines += _page_lines(page, number + 1)
        info = document.get_metadata_dict(skip_empty=True)
    finally:
        document.close()
    if not any(line.text.strip() for line in lines):
        raise InputError(f"{path}: the PDF has no text layer (a scanned image?); {_OCR_HINT}")
    return _assemble(lines, heights, pages, _metadata(info))


def _page_lines(page, number: int) -> list[Line]:
    """The page's text lines in the order the producer drew them, footnote calls taken out."""
    import pypdfium2.raw as raw

    height = page.get_height()
    textpage = page.get_textpage()
    x, y, matrix = ctypes.c_double(), ctypes.c_double(), raw.FS_MATRIX()
    lines: list[Line] = []
    chars: list[tuple[str, float, float, float]] = []  # char, size, x, baseline

    def flush(hyphen: bool) -> None:
        drawn = [c for c in chars if c[1] > 0]
        if not drawn:
            return
        size = Counter(c[1] for c in drawn).most_common(1)[0][0]
        base = statistics.median(c[3] for c in drawn if c[1] == size)
        text = "".join(
            c[0] for c in chars if not (c[0].isdigit() and 0 < c[1] <= SETTINGS.superscript_size * size)
        ).rstrip()
        previous = lines[-1] if lines else None
        if previous and abs(previous.top - (height - base)) < 0.3 * size and drawn[0][2] >= previous.x1:
            # PDFium breaks a line after a raised footnote call; the rest of it continues the same baseline
            lines[-1] = Line(number, previous.top, previous.x0, drawn[-1][2], size, previous.text + text, hyphen)
        elif text.strip():
            lines.append(Line(number, height - base, drawn[0][2], drawn[-1][2], size, text, hyphen))

    for i in range(textpage.count_chars()):
        code = raw.FPDFText_GetUnicode(textpage, i)
        if raw.FPDFText_IsHyphen(textpage, i):  # a "-" at a line end; no line break follows it
            flush(True)
            chars = []
            continue
        if code in (0x0D, 0x0A):
            flush(bool(chars) and chars[-1][0] in _AUTO_HYPHENS)
            chars = []
            continue
        char = chr(code)
        if code == 0x20 or raw.FPDFText_IsGenerated(textpage, i):
            chars.append((char, 0.0, 0.0, 0.0))
            continue
        raw.FPDFText_GetCharOrigin(textpage, i, x, y)
        raw.FPDFText_GetMatrix(textpage, i, matrix)
        size = round(raw.FPDFText_GetFontSize(textpage, i) * math.hypot(matrix.c, matrix.d), 1)
        chars.append((char, size, x.value, y.value))
    flush(bool(chars) and chars[-1][0] in _AUTO_HYPHENS)
    textpage.close()
    return lines


def _assemble(lines: list[Line], heights: dict[int, float], pages: int, metadata: dict[str, str]) -> PagedText:
    body_size = Counter(line.size for line in lines for _ in line.text).most_common(1)[0][0]
    furniture = _furniture(lines, heights, pages)
    footnotes = _footnotes(lines, heights, body_size, furniture)
    body = [line for i, line in enumerate(lines) if i not in furniture and i not in footnotes]
    words = Counter(w.lower() for line in body for w in re.findall(r"[A-Za-z]+", line.text))
    spacing = _line_spacing(body)
    left = _left_edges(body)
    right = max((line.x1 for line in body), default=0.0)

    paragraphs: list[list[Line]] = []
    for line in body:
        previous = paragraphs[-1][-1] if paragraphs else None
        if previous is None or _starts_paragraph(previous, line, body_size, spacing, left, right):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)

    text, starts, dropped_at = "", [], []
    marks = _by_position(lines, furniture, footnotes)
    for block in paragraphs:
        if text:
            text += "\n\n"
        for j, line in enumerate(block):
            if not starts or starts[-1][1] != line.page:
                starts.append((len(text), line.page))
            dropped_at += [(len(text), m) for m in marks.pop((line.page, line.top, line.x0), [])]
            piece = line.text.strip().translate(_LIGATURES)
            if j + 1 < len(block):
                piece = _join(piece, block[j + 1].text.strip(), line.hyphen, words)
            text += piece
    dropped_at += [(len(text), m) for rest in marks.values() for m in rest]
    dropped = tuple(Dropped(m[0], at, m[1], m[2]) for at, m in dropped_at)
    return PagedText(text, pages, tuple(starts), dropped, metadata)


def _join(piece: str, following: str, hyphen: bool, words: Counter) -> str:
    """A line as it joins the next: a hyphen the producer inserted goes, a typed one stays unless the
    joined word occurs elsewhere in the document."""
    if piece.endswith(_AUTO_HYPHENS):
        return piece[:-1]
    if hyphen or piece.endswith("-"):
        head = re.search(r"([A-Za-z]+)-?$", piece)
        tail = re.match(r"[A-Za-z]+", following)
        stem = piece.rstrip("-")
        if head and tail and words[(head.group(1) + tail.group(0)).lower()]:
            return stem
        return stem + "-"
    if piece.endswith(("—", "/")):  # a line may break after a dash or a slash, with no space
        return piece
    return piece + " "


def _furniture(lines: list[Line], heights: dict[int, float], pages: int) -> dict[int, str]:
    """Running headers and footers (a margin line repeated, digits aside, across pages) and page numbers."""

    def band(line: Line) -> str:
        height = heights[line.page]
        if line.top < SETTINGS.margin_band * height:
            return "running header"
        if line.top > (1 - SETTINGS.margin_band) * height:
            return "running footer"
        return ""

    margin = {}  # line index -> (band, the line with its digits masked), for the lines in a margin band
    for i, line in enumerate(lines):
        if where := band(line):
            margin[i] = (where, re.sub(r"\d+", "#", line.text.strip().lower()))
    on_pages: dict[tuple[str, str], set[int]] = {}
    for i, key in margin.items():
        on_pages.setdefault(key, set()).add(lines[i].page)
    repeated = max(2, math.ceil(SETTINGS.repeats_on * pages))
    result = {}
    for i, (where, _) in margin.items():
        if _PAGE_NUMBER.match(lines[i].text.strip()):
            result[i] = "page number"
        elif pages > 1 and len(on_pages[margin[i]]) >= repeated:
            result[i] = where
    return result


def _footnotes(lines: list[Line], heights: dict[int, float], body_size: float, furniture: dict[int, str]) -> set[int]:
    """Small lines below a page's body text that open with a note number, and their continuation lines."""
    result: set[int] = set()
    by_page: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if i not in furniture:
            by_page.setdefault(line.page, []).append(i)
    for indices in by_page.values():
        body_tops = [lines[i].top for i in indices if lines[i].size >= SETTINGS.footnote_size * body_size]
        lowest_body = max(body_tops, default=0.0)
        inside = False
        for i in sorted(indices, key=lambda i: lines[i].top):
            line = lines[i]
            small = line.size < SETTINGS.footnote_size * body_size and line.top > lowest_body
            if small and (_FOOTNOTE_START.match(line.text.strip()) or inside):
                result.add(i)
                inside = True
            elif not small:
                inside = False
    return result


def _line_spacing(body: list[Line]) -> float:
    gaps = [
        round(b.top - a.top, 1)
        for a, b in itertools.pairwise(body)
        if a.page == b.page and 0 < b.top - a.top < 3 * a.size and abs(a.size - b.size) < 0.5
    ]
    return Counter(gaps).most_common(1)[0][0] if gaps else 14.0


def _left_edges(body: list[Line]) -> list[float]:
    """The left edges text columns start at (more than one for a page set in columns)."""
    counts = Counter(round(line.x0) for line in body)
    edges = sorted(x for x, n in counts.items() if n >= 3)
    merged: list[float] = []
    for x in edges:
        if not merged or x - merged[-1] > 2 * SETTINGS.indent_pt:
            merged.append(x)
    return merged or [min((line.x0 for line in body), default=0.0)]


def _starts_paragraph(previous: Line, line: Line, body: float, spacing: float, left: list[float], right: float) -> bool:
    size_change = abs(line.size - previous.size) > 0.5 and max(line.size, previous.size) >= SETTINGS.heading_size * body
    if size_change:
        return True
    edge = _edge(line, left)
    indented = line.x0 - edge >= SETTINGS.indent_pt
    # A line stops short only where a block ends: when the next line's first word would have fitted after it.
    room = _column_right(previous, left, right) - (previous.x1 + SETTINGS.char_width * previous.size)
    first_word = line.text.split()[0] if line.text.split() else ""
    ended = room > SETTINGS.char_width * line.size * (len(first_word) + 1)
    if line.page != previous.page or line.top < previous.top:  # a new page or a new column
        return indented or ended
    gap = line.top - previous.top
    return indented or ended or gap > SETTINGS.paragraph_gap * spacing


def _edge(line: Line, left: list[float]) -> float:
    return max((x for x in left if x <= line.x0 + 1), default=left[0])


def _column_right(line: Line, left: list[float], right: float) -> float:
    later = [x for x in left if x > line.x0 + 1]
    return later[0] - 2 * SETTINGS.indent_pt if later else right


def _by_position(lines: list[Line], furniture: dict[int, str], footnotes: set[int]) -> dict:
    """Each dropped line keyed to the next body line after it (where it was taken out of the reading)."""
    marks: dict[tuple, list[tuple[int, str, str]]] = {}
    pending: list[tuple[int, str, str]] = []
    for i, line in enumerate(lines):
        if i in furniture:
            pending.append((line.page, line.text.strip(), furniture[i]))
        elif i in footnotes:
            if pending and pending[-1][2] == "footnote" and not _FOOTNOTE_START.match(line.text.strip()):
                page, text, reason = pending.pop()  # a note's next line
                more = line.text.strip()
                pending.append((page, _join(text, more, line.hyphen, Counter()) + more, reason))
            else:
                pending.append((line.page, line.text.strip(), "footnote"))
        else:
            if pending:
                marks.setdefault((line.page, line.top, line.x0), []).extend(pending)
            pending = []
    if pending:
        marks.setdefault(("end",), []).extend(pending)
    return marks


def _metadata(info: dict[str, str]) -> dict[str, str]:
    found = {}
    if info.get("Title", "").strip():
        found["title"] = info["Title"].strip()
    if info.get("Author", "").strip():
        found["authors"] = tuple(a.strip() for a in re.split(r";|,| and ", info["Author"]) if a.strip())
    date = re.match(r"D:(\d{4})(\d{2})(\d{2})", info.get("CreationDate", ""))
    if date:
        found["date"] = "-".join(date.groups())
    return found
