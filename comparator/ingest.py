"""Read article files (text, Markdown, saved HTML) into Articles: metadata, clean paragraphs, sentences."""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from comparator import chrome
from comparator.errors import InputError
from comparator.segment import Span, paragraph_spans, paragraphs_from_lines, sentence_spans

SUPPORTED = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
MAX_BYTES = 5_000_000  # a saved page is mostly markup; larger files are refused, not half-read
MAX_DOCUMENT_BYTES = 50_000_000  # a PDF or Word report carries fonts and images beside its text
MAX_TEXT_CHARS = 1_000_000  # ~160,000 words, a book: the brief of such an article takes well under 2 minutes
_URL = re.compile(r"^[a-z][a-z0-9+.-]*:/", re.I)  # Path() turns "https://x" into "https:/x"
# A well-formed multi-byte UTF-8 sequence (RFC 3629). Windows-1252 text has byte pairs that merely
# look like one ("é’" is E9 92), so a loose lead-byte-plus-continuation test refuses good files.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``article.text[start:end] == text``."""

    doc_id: str
    index: int  # 1-based, over the article's content sentences
    paragraph: int  # 1-based, over the source's paragraphs as a reader counts them (chrome included)
    position: int  # 1-based, within its paragraph
    start: int
    end: int
    text: str
    page: int = 0  # 1-based page it starts on, for sources with pages (PDF); 0 for the others

    @property
    def cite(self) -> str:
        """How a quote is cited: "p. 3, ¶12" for a paged source, "¶12" otherwise."""
        return f"p. {self.page}, ¶{self.paragraph}" if self.page else f"¶{self.paragraph}"

    @property
    def sid(self) -> str:
        return f"{self.doc_id}:p{self.paragraph}s{self.position}"


@dataclass(frozen=True)
class Removed:
    """A line of the source that is not article content, and why."""

    doc_id: str
    line: int
    start: int
    end: int
    text: str
    reason: str
    kept_as: str = ""  # the metadata field it fed, if any


@dataclass(frozen=True)
class Metadata:
    title: str = ""
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    outlet: str = ""
    date: str = ""
    url: str = ""
    bio: str = ""
    retrieved: str = ""  # when a saved web page was retrieved (from the sidecar)


@dataclass(frozen=True)
class Article:
    """A cleaned article. ``text`` is the decoded source file (for HTML: the extracted text)."""

    doc_id: str
    path: str
    format: str
    sha256: str
    encoding: str
    text: str
    metadata: Metadata
    paragraphs: tuple[Span, ...]
    sentences: tuple[Sentence, ...]
    removed: tuple[Removed, ...] = field(default=())
    name: str = ""  # set when several articles would otherwise share a label
    warnings: tuple[str, ...] = ()  # what the analyst should know about how the file was read
    pages: tuple[tuple[int, int], ...] = ()  # (offset, page): where each page's text begins (PDF only)

    @property
    def label(self) -> str:
        """How tables, charts and the brief name the article: its outlet, else its authors' surnames, else
        the start of its headline, else its file name."""
        return (
            self.name
            or self.metadata.outlet
            or _surnames(self.metadata.authors)
            or short_title(self.metadata.title)
            or self.doc_id
        )


_COLLECTIVE_AUTHOR = re.compile(r"^the\b|\b(board|staff|editors?|desk|team|newsroom)\b", re.I)
LABEL_WORDS = 5  # a headline shortened to about this many words, ending on a word that carries meaning
_FUNCTION_WORD = frozenset("a an the to of for on in at by and or with from as is are be".split())


def _surnames(authors: tuple[str, ...]) -> str:
    people = [a.split()[-1] for a in authors if a.split() and not _COLLECTIVE_AUTHOR.search(a)]
    if not people or len(people) < len(authors):
        return ""
    return " & ".join(people) if len(people) <= 2 else f"{people[0]} et al."


def short_title(title: str, words_wanted: int = LABEL_WORDS) -> str:
    """The start of a headline, about ``words_wanted`` words long, ending on a word that carries meaning."""
    words = title.split()
    n = min(words_wanted, len(words))
    while n < min(len(words), 2 * words_wanted) and words[n - 1].lower() in _FUNCTION_WORD:
        n += 1
    return " ".join(words[:n]).rstrip(":,;–—-") + ("…" if len(words) > n else "")


def find_articles(paths: list[Path]) -> list[Path]:
    """Expand directories into the article files they hold (sorted); keep files as given."""
    found: list[Path] = []
    for path in paths:
        _refuse_url(path)
        if not path.exists():
            raise InputError(f"{path}: not found")
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED)
            if not inside:
                raise InputError(f"{path}: directory holds no article files ({_supported()})")
            found.extend(inside)
        else:
            found.append(path)
    return found


def ingest(path: Path) -> Article:
    """Read one article file; raise InputError with the file named if it cannot be used."""
    _refuse_url(path)
    if not path.exists():
        raise InputError(f"{path}: not found")
    kind = SUPPORTED.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"{path}: unsupported format {path.suffix or '(none)'!r}; use {_supported()}")
    data = _read_bytes(path, MAX_DOCUMENT_BYTES if kind in ("pdf", "docx") else MAX_BYTES)
    found: dict = {}
    warnings: list[str] = []
    pages: tuple[tuple[int, int], ...] = ()
    dropped: tuple = ()
    headings: tuple = ()
    if kind == "pdf":
        from comparator.pdf import read_pdf

        paged = read_pdf(path, data)
        text, encoding, found, pages, dropped = paged.text, "pdf", paged.metadata, paged.page_starts, paged.dropped
    elif kind == "docx":
        from comparator.word import read_docx

        word = read_docx(path, data)
        text, encoding, found, headings = word.text, "docx", word.metadata, word.headings
        warnings += word.warnings
    else:
        text, encoding = decode(data, path, html=kind == "html")
        if kind == "html":
            text, found = _html_text(text, path)
    if not text.strip():
        raise InputError(f"{path}: no text (the file is empty or whitespace only)")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"{path}: {len(text):,} characters of text is over the limit of {MAX_TEXT_CHARS:,} per "
            "article; split it into parts"
        )
    doc_id = _doc_id(path)
    spans = paragraph_spans(text, blocks=True if kind == "markdown" else None)
    if len(spans) == 1 and text.count("\n", spans[0].start, spans[0].end) >= 5:
        spans = paragraphs_from_lines(text, spans[0])
        warnings.append(
            f"{path.name}: no blank lines between paragraphs; paragraphs were guessed from line "
            f"breaks ({len(spans)} found)"
        )
    cleaned = chrome.clean(text, spans, markdown=kind == "markdown", known_title=found.get("title", ""))
    if headings:  # the document says which paragraphs are headings: a heading is not a sentence
        styles = {start: style for start, _, style in headings}
        cleaned = cleaned.without(
            [s for s in cleaned.content if s.start in styles], lambda s: f"heading (Word style {styles[s.start]})"
        )
    meta = Metadata(
        title=found.get("title") or cleaned.title,
        subtitle=cleaned.subtitle,
        authors=tuple(found.get("authors") or cleaned.authors),
        outlet=found.get("outlet") or cleaned.outlet,
        date=found.get("date") or cleaned.date,
        url=found.get("url", ""),
        bio=cleaned.bio,
    )
    sentences = []
    starts = [span.start for span in spans]
    page_offsets = [offset for offset, _ in pages]
    for span in cleaned.content:
        number = bisect.bisect_right(starts, span.start)  # the source paragraph it is (or is part of)
        for position, s in enumerate(sentence_spans(text, span), start=1):
            page = pages[bisect.bisect_right(page_offsets, s.start) - 1][1] if pages else 0
            sentences.append(
                Sentence(doc_id, len(sentences) + 1, number, position, s.start, s.end, text[s.start : s.end], page)
            )
    if not sentences:
        raise InputError(f"{path}: no article text left after removing site chrome")
    removed = tuple(
        Removed(doc_id, text.count("\n", 0, r.start) + 1, r.start, r.end, text[r.start : r.end], r.reason, r.kept_as)
        for r in cleaned.removed
    ) + tuple(  # page furniture and footnotes, taken out where they stood (a zero-length span)
        Removed(doc_id, text.count("\n", 0, d.at) + 1, d.at, d.at, d.text, f"{d.reason} (p. {d.page})") for d in dropped
    )
    return Article(
        doc_id=doc_id,
        path=path.name,
        format=kind,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        text=text,
        metadata=_with_sidecar(meta, path),
        paragraphs=tuple(cleaned.content),
        sentences=tuple(sentences),
        removed=removed,
        warnings=tuple(warnings),
        pages=pages,
    )


def _refuse_url(path: Path) -> None:
    if _URL.match(str(path)):
        raise InputError(
            f"{str(path).replace(':/', '://', 1)}: comparator does not fetch URLs; save the page as "
            ".html and give that file"
        )


def decode(data: bytes, path: Path, *, html: bool = False) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252."""
    sample = data[:8192]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _normalise(data.decode("utf-16")), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in sample or _control_share(sample) > 0.05:
        raise InputError(f"{path}: looks like binary data, not text")
    if html:
        declared = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", sample, re.I)
        if declared and declared.group(1).lower() in (b"windows-1252", b"cp1252", b"iso-8859-1", b"latin-1"):
            return _normalise(data.decode("cp1252", errors="replace")), "windows-1252"
    try:
        return _normalise(data.decode("utf-8-sig")), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # A file with no valid multi-byte UTF-8 sequence at all is a legacy single-byte file;
    # one that has some is a damaged UTF-8 file and is refused rather than guessed at.
    if not _UTF8_SEQUENCE.search(data):
        try:
            return _normalise(data.decode("cp1252")), "windows-1252"
        except UnicodeDecodeError:
            pass
    raise InputError(f"{path}: invalid UTF-8 at byte {utf8_error.start} (save the file as UTF-8)")


def _normalise(text: str) -> str:
    # Offsets refer to this text; only line endings change (CRLF -> LF), as in Python's universal newlines.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _control_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample)


def _read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory with no articles")
        size = path.stat().st_size
        if size > limit:
            raise InputError(f"{path}: {size / 1e6:.1f} MB is over the {limit / 1e6:.0f} MB limit per article")
        with path.open("rb") as handle:
            return handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: cannot be read (permission denied)") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def _html_text(html: str, path: Path) -> tuple[str, dict]:
    """Main text and metadata of a saved web page; nothing is fetched, scripts never run."""
    import trafilatura  # heavy; only HTML input needs it

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        raise InputError(f"{path}: HTML could not be parsed ({type(exc).__name__})") from None
    if doc is None or not (doc.text or "").strip():
        raise InputError(f"{path}: no article text found in the HTML")
    authors = [a.strip() for a in re.split(r";|,| and ", doc.author or "") if a.strip()]
    found = {
        "title": doc.title or "",
        "authors": authors,
        "outlet": doc.sitename or "",
        "date": doc.date or "",
        "url": doc.url or "",
    }
    return _normalise(doc.text), found


def _with_sidecar(meta: Metadata, path: Path) -> Metadata:
    """Fields an analyst wrote in ``<name>.meta.yaml`` beside the article: their word wins over what was read
    from the file (a PDF's document info is often a stale "Microsoft Word - draft3")."""
    sidecar = path.with_name(path.stem + ".meta.yaml")
    if not sidecar.is_file():
        return meta
    import yaml

    try:
        given = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        raise InputError(f"{sidecar}: not a readable YAML metadata file ({type(exc).__name__})") from None
    if not isinstance(given, dict):
        raise InputError(f"{sidecar}: expected a mapping of metadata fields")
    unknown = sorted(set(given) - {"title", "subtitle", "authors", "outlet", "date", "url", "retrieved"})
    if unknown:
        raise InputError(f"{sidecar}: unknown metadata field(s) {', '.join(map(str, unknown))}")
    updates = {}
    for key, value in given.items():
        if key == "authors":
            value = tuple(str(a) for a in (value if isinstance(value, list) else [value]))
        updates[key] = value if key == "authors" else str(value)
    return Metadata(**{**meta.__dict__, **updates})


def _doc_id(path: Path) -> str:
    stem = re.sub(r"[^A-Za-z0-9]+", "-", path.stem).strip("-").lower()
    return stem[:60] or "article"


def _supported() -> str:
    return ", ".join(sorted(SUPPORTED))
