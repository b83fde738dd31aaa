"""Tell article content from site chrome: keep the metadata (title, dek, byline, bio), drop the noise."""

from __future__ import annotations

import re
from dataclasses import dataclass

from comparator.segment import Span, sentence_spans

# Lines that are chrome wherever they stand, when they are short.
_CHROME_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.I))
    for reason, pattern in (
        ("photo credit", r"^(photo|image|picture|illustration)?\s*(credit|courtesy|source)s?\s*:|"
                         r"\((ap|afp|reuters|getty)\b.*photo|^(photo|image)\s+(by|via)\b|photo/"),
        ("newsletter prompt", r"\b(stay informed|sign up|subscribe|newsletter|i'?m interested in|"
                              r"get (our|the) latest|inbox|uploads:)"),
        ("share or follow links", r"^(share|tweet|email|print|follow us|share this|share on)\b"),
        ("related links", r"^(related|read more|recommended|recent features|more from|see also|"
                          r"most popular|trending|advertisement|sponsored|click here)\b"),
        ("copyright line", r"^(©|\(c\)|copyright)\s"),
        ("cookie or consent notice", r"\b(cookies?|privacy policy|terms of (use|service)|all rights reserved)\b"),
        ("print edition note", r"\bappears? in print\b|\bprint edition\b|^a version of this (article|editorial|"
                               r"story|essay|piece)\b"),
        ("download link", r"^download\b|\b(pdf|download)\)?$"),
        ("audio player prompt", r"^(listen to|play) (this|the) (article|story|episode)\b"),
    )
)
_BYLINE = re.compile(r"^by\s+([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
                     r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})*)\s*$|"
                     # a collective byline needs no "By": "The Editorial Board"
                     r"^((?:the\s+)?(?:editorial\s+board|editors|editorial\s+staff))\s*$", re.I)
# A caption that ends in its photo credit, however long: "... Taiwan. (Photo by An Rong Xu for The Standard)"
_CAPTION_CREDIT = re.compile(r"(\((photo|photograph|image|illustration|credit)s?\b[^)]{0,80}\)|"
                             r"\b(photo|photograph|image|credit)s?:\s*[^.!?]{2,80})\s*$", re.I)
_TITLE_FUNCTION_WORDS = frozenset("a an the to of for on in at by and or with from as is are be its it".split())
_DATE = re.compile(
    r"^(?:published|posted|updated)?\s*:?\s*(?:\w+day,?\s+)?"
    r"((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|"
    r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}|\d{4}-\d{2}-\d{2})\s*$",
    re.I,
)
_BIO_ROLE = (r"fellow|professor|director|associate|editor|analyst|researcher|correspondent|author|"
             r"columnist|contributor|secretary|ambassador|chair(?:man|woman)?|scholar|lecturer|writer|"
             r"journalist|officer|official|advis[eo]r|founder|president|head|member|reporter|"
             r"diplomat|expert|specialist|student|candidate|coordinator|manager|partner|dean")
_BIO_INSTITUTION = r"(?:School|University|Institute|College|Center|Centre|Council|Foundation|Forum|Initiative)"
_BIO_START = re.compile(
    rf"^(?P<name>(?:[A-Z][\w.'’-]+\s+){{1,3}}[A-Z][\w'’-]+)\s+(?:"
    rf"(?:is|was|serves as|has served as)\b[^.]{{0,160}}\b(?:{_BIO_ROLE})s?\b|"
    # "X served on the delegation and teaches policy at the Weston School of International Affairs."
    rf"(?:served|serves|teaches|taught|works|worked|directs|directed|leads|led)\b(?:[^.]|(?<=\b[A-Z])\.){{0,160}}"
    rf"\b(?:at|with) the (?:[A-Z][\w'’-]+ )*{_BIO_INSTITUTION}\b)"
)
_AUTHORS_NOTE = re.compile(r"^(the author|the views expressed|this (article|piece|essay) (was|is|first))", re.I)
_TAGLINE = re.compile(r"^(?P<site>[^:.!?]{2,40}):\s+\S.{2,80}$")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_PREFIX = re.compile(r"(?:>\s*|[-*+]\s+|\d+[.)]\s+)+")
_MD_EMPHASIS = re.compile(r"(\*{1,2}|_{1,2})(?=\S)(.+?)(?<=\S)\1\s*$", re.S)  # a whole line in *...* or _..._
HEADING_WORDS = 12  # a line this short, unpunctuated, between paragraphs is a section heading


@dataclass(frozen=True)
class Cut:
    start: int
    end: int
    reason: str
    kept_as: str = ""


@dataclass(frozen=True)
class Cleaned:
    content: list[Span]
    removed: list[Cut]
    title: str = ""
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    outlet: str = ""
    date: str = ""
    bio: str = ""


def clean(text: str, spans: list[Span], *, markdown: bool = False, known_title: str = "") -> Cleaned:
    """Split paragraphs into content and removed chrome; gather metadata from the chrome. ``known_title``
    is the headline when the page's own metadata names it (HTML): its line is the title however it reads."""
    blocks = [_unprefix(text, s, markdown) for s in spans]
    lines = [text[b.start : b.end] for b in blocks]
    named = next((i for i, line in enumerate(lines) if known_title and _same(line, known_title)), None)
    body = [i for i, line in enumerate(lines) if _is_prose(line) and not _chrome_reason(line) and i != named]
    if not body:  # nothing reads like prose: keep every line that is not obvious chrome
        body = [i for i, line in enumerate(lines) if not _chrome_reason(line)] or list(range(len(lines)))
    first, last = body[0], body[-1]
    if _is_dek(lines, body, [text[s.start : s.end] for s in spans] if markdown else None, named):
        body = body[1:]
        first = body[0]

    fields: dict[str, str] = {}
    authors: list[str] = []
    verdict: dict[int, tuple[str, str]] = {}  # index -> (reason, kept_as)

    title_index = named if named is not None and named < first else _title_index(lines, first, markdown)
    if title_index is not None:
        fields["title"] = _MD_HEADING.sub("", lines[title_index]).strip()
        verdict[title_index] = ("title", "title")
    title = fields.get("title", "")

    # Header: everything before the first prose paragraph.
    previous_was_title = False
    for i in range(first):
        line = lines[i]
        if i == title_index:
            previous_was_title = True
            continue
        if title and _same(line, title):
            verdict[i] = ("repeated title", "")
            previous_was_title = True
            continue
        byline = _BYLINE.match(line)
        date = _DATE.match(line)
        if byline:
            authors.extend(_byline_names(byline))
            verdict[i] = ("byline", "authors")
        elif date:
            fields.setdefault("date", date.group(1))
            verdict[i] = ("dateline", "date")
        elif reason := _chrome_reason(line):
            verdict[i] = (reason, "")
        elif previous_was_title and not fields.get("subtitle") and _is_sentence(line):
            fields["subtitle"] = line.strip()
            verdict[i] = ("subtitle (dek)", "subtitle")
        else:
            verdict[i] = ("section label or navigation before the article", "")
        previous_was_title = False

    # Body: short chrome lines, bylines, repeated titles and section headings inside the article.
    for i in range(first, last + 1):
        line = lines[i]
        if i in body:
            continue
        byline = _BYLINE.match(line)
        if title and _same(line, title):
            verdict[i] = ("repeated title", "")
        elif byline:
            authors.extend(_byline_names(byline))
            verdict[i] = ("byline", "authors")
        elif _DATE.match(line):
            verdict[i] = ("dateline", "")
        elif reason := _chrome_reason(line):
            verdict[i] = (reason, "")
        elif _MD_HEADING.match(line) or _is_heading(lines, i, body):
            verdict[i] = ("section heading", "")

    # The author bio: the last prose paragraphs, when they introduce people by role.
    bio_parts = []
    for i in range(last, max(first, last - 2) - 1, -1):
        line = lines[i]
        sentences = [line[x.start - blocks[i].start : x.end - blocks[i].start] for x in sentence_spans(text, blocks[i])]
        names = [m.group("name") for m in (_BIO_START.match(s) for s in sentences) if m]
        if names or _AUTHORS_NOTE.match(line):
            bio_parts.insert(0, line.strip())
            authors.extend(n for n in names if n not in authors)
            verdict[i] = ("author bio", "bio")
            last -= 1 if i == last else 0
        else:
            break
    if bio_parts:
        fields["bio"] = " ".join(bio_parts)
    if last < first:  # everything turned out to be bio: keep it as content after all
        for i in range(first, len(lines)):
            verdict.pop(i, None)
        last = body[-1]

    # Footer: everything after the last prose paragraph.
    for i in range(last + 1, len(lines)):
        if i in verdict:
            continue
        line = lines[i]
        tagline = _TAGLINE.match(line.strip())
        if reason := _chrome_reason(line):
            verdict[i] = (reason, "")
        elif i == len(lines) - 1 and tagline and not _is_sentence(line):
            fields.setdefault("outlet", tagline.group("site").strip())
            verdict[i] = ("site tagline", "outlet")
        else:
            verdict[i] = ("site footer after the article", "")

    content = [blocks[i] for i in range(len(blocks)) if i not in verdict]
    removed = [Cut(spans[i].start, spans[i].end, *verdict[i]) for i in sorted(verdict)]
    return Cleaned(
        content=content,
        removed=removed,
        title=title,
        subtitle=fields.get("subtitle", ""),
        authors=tuple(dict.fromkeys(authors)),
        outlet=fields.get("outlet", ""),
        date=fields.get("date", ""),
        bio=fields.get("bio", ""),
    )


def _is_dek(lines: list[str], body: list[int], markdown_lines: list[str] | None, named: int | None = None) -> bool:
    """A standfirst of one or two sentences right under the headline, set off from the article by chrome (a
    byline, a date or a credit); in Markdown, the emphasised line under the ``#`` headline; under a headline
    the page's metadata names, a short line before a paragraph at least twice as long."""
    if len(body) < 3:
        return False
    first = body[0]
    nxt = first + 1
    line = lines[first]
    if markdown_lines is not None:  # lines as written, before the emphasis was taken off
        # under the "#" headline, with at most bylines, dates and chrome in between
        head = next((i for i in range(first) if lines[i].startswith("# ")), None)
        between = range(head + 1, first) if head is not None else range(0)
        return (head is not None and bool(_MD_EMPHASIS.match(markdown_lines[first]))
                and all(_BYLINE.match(lines[i]) or _DATE.match(lines[i]) or _chrome_reason(lines[i]) for i in between))
    short = _sentence_count(line) <= 2 and len(line.split()) <= 45
    if named is not None and first == named + 1:
        return short and len(lines[body[1]]) >= 2 * len(line)
    above = lines[first - 1] if first > 0 else ""
    headline_above = bool(above) and (not _is_sentence(above) or _is_title_case(above)) and not _chrome_reason(above)
    set_off = nxt < len(lines) and nxt not in body and bool(_chrome_reason(lines[nxt]) or _BYLINE.match(lines[nxt])
                                                            or _DATE.match(lines[nxt]))
    return headline_above and short and set_off


def _is_heading(lines: list[str], i: int, body: list[int]) -> bool:
    """A section heading inside the article: short, capitalised, unpunctuated, and followed by prose."""
    line = lines[i].strip()
    words = line.split()
    return (0 < len(words) <= HEADING_WORDS and (line[0].isupper() or line[0].isdigit())
            and not re.search(r"[.!?,;:…\"”’)]$", line) and i + 1 in body)


def _sentence_count(line: str) -> int:
    return len(sentence_spans(line, Span(0, len(line))))


def _title_index(lines: list[str], first: int, markdown: bool) -> int | None:
    """The headline: a Markdown H1, else the longest title-like line before the first paragraph."""
    if markdown:
        for i, line in enumerate(lines):
            if line.startswith("# "):
                return i
    candidates = [
        i for i in range(first)
        if not _chrome_reason(lines[i]) and not _BYLINE.match(lines[i]) and not _DATE.match(lines[i])
        and (not lines[i].rstrip().endswith(".") or _is_title_case(lines[i])) and 3 <= len(lines[i].split()) <= 30
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda i: (len(lines[i].split()), -i))


def _chrome_reason(line: str) -> str:
    if len(line.split()) <= 60 and _CAPTION_CREDIT.search(line.strip()):
        return "photo caption and credit"
    if len(line.split()) > 14:
        return ""
    for reason, pattern in _CHROME_PATTERNS:
        if pattern.search(line.strip()):
            return reason
    return ""


def _is_title_case(line: str) -> bool:
    """A headline in title case ("Chip Controls Are Working. Don't Trade Them for Soybeans."), full stops or not."""
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    content = [w for w in words if w.lower() not in _TITLE_FUNCTION_WORDS]
    return 3 <= len(words) <= 20 and bool(content) and sum(w[0].isupper() for w in content) >= 0.8 * len(content)


def _is_prose(line: str) -> bool:
    """A paragraph: long enough and punctuated as sentences ("U.S. Sanctions" in a headline is not a break)."""
    words = line.split()
    if len(words) >= 40:
        return True
    return len(words) >= 12 and bool(re.search(r"[.!?…][\"'”’)*_]*$", line) or _sentence_count(line) > 1)


def _is_sentence(line: str) -> bool:
    return len(line.split()) >= 4 and bool(re.search(r"[.!?][\"'”’)]*\s*$", line))


def _same(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"\W+", " ", _MD_HEADING.sub("", s)).strip().lower()  # noqa: E731
    return norm(a) == norm(b)


def _byline_names(byline: re.Match[str]) -> list[str]:
    """The people a byline names ("By A and B") or the collective author ("The Editorial Board")."""
    names = [n.strip() for n in re.split(r",|\band\b|&", byline.group(1) or byline.group(2)) if n.strip()]
    return [n[0].upper() + n[1:] for n in names]  # "By the Editorial Board" -> "The Editorial Board"


def _unprefix(text: str, span: Span, markdown: bool) -> Span:
    """Markdown list and quote markers, and emphasis around a whole line, are not part of a sentence;
    headings keep their #."""
    if not markdown:
        return span
    match = _MD_PREFIX.match(text, span.start, span.end)
    if match and match.end() < span.end:
        span = Span(match.end(), span.end)
    emphasis = _MD_EMPHASIS.match(text[span.start : span.end])
    if emphasis:
        marker = len(emphasis.group(1))
        span = Span(span.start + marker, span.start + marker + len(emphasis.group(2)))
    return span
