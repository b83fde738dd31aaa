"""Tell article content from site chrome: keep the metadata (title, dek, byline, bio), drop the noise."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from comparator.segment import Span, sentence_spans

# Words of site furniture, in the languages the pages come in: a credit label ("Crédito: ..."), a photo agency or
# picture library named in a credit ("(Dan Kitwood/Getty Images)"), a share button ("Comparte").
_CREDIT_WORDS = r"credits?|cr[ée]ditos?|courtesy|sources?|fuente|quelle|fotos?|fotograf[íi]a|bild"
_PHOTO_AGENCIES = (
    r"getty(?:\s+images)?|afp|ap|associated\s+press|reuters|epa(?:-efe)?|efe|shutterstock|alamy|istock|flickr|bloomberg|"
    r"anadolu(?:\s+agency)?|xinhua|sipa|dpa|upi|wikimedia(?:\s+commons)?|unsplash"
)
_SHARE_WORDS = (
    r"share|tweet|email|print|follow us|share this|share on|comparte|compartir|compartilhar|compartilhe|"
    r"partager|partagez|teilen|condividi|delen|udostępnij|поделиться"
)

# Lines that are chrome wherever they stand, when they are short.
_CHROME_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.I))
    for reason, pattern in (
        (
            "photo credit",
            rf"^(photo|image|picture|illustration|foto|imagen)?\s*({_CREDIT_WORDS})\s*:|"
            r"\((ap|afp|reuters|getty)\b.*photo|^(photo|image)\s+(by|via)\b|photo/|"
            # "Chris Goldberg/Flickr", "Ken Jack/Getty Images": a name, a slash, where the picture is from
            # (in brackets too: "(Bakr Alkasem / AFP via Getty Images)")
            rf"/\s*(?:{_PHOTO_AGENCIES})\s*\)?$|\bvia\s+(?:{_PHOTO_AGENCIES})(,\s*file)?\s*\)?$|"
            # an agency alone, or first ("Getty Images", "REUTERS/Mohamed Nureldin Abdallah")
            rf"^(?:{_PHOTO_AGENCIES})(\s*/\s*[\w.'’ -]{{2,40}})?$",
        ),
        # a picture's file name: "galushchenko1_Ken JackGetty Images_EUoiltanker", "IMG_2041.jpg"
        ("image file name", r"\w_\w|\.(jpe?g|png|gif|webp|svg)\b"),
        # "Keep reading for free!", "Already a subscriber? Log in here .": the page asks for a subscription
        (
            "paywall prompt",
            r"^(keep|continue) reading\b|\bget (instant|full|unlimited) access\b|\balready a subscriber\b|"
            r"\ball-access subscription\b|\bsubmitting your email\b",
        ),
        (
            "newsletter prompt",
            r"\b(stay informed|sign up|subscribe|newsletter|i'?m interested in|"
            r"get (our|the) latest|inbox|uploads:)",
        ),
        ("share or follow links", rf"^({_SHARE_WORDS})\b"),
        # "Open this photo in gallery:", "Enlarge Image »"
        (
            "gallery prompt",
            r"^(open|view) (this|the) (photo|image|picture)s? in (the )?gallery\b|^enlarge (image|photo)\b",
        ),
        # "Analysis | Middle East", "News › World": the page's breadcrumb of sections
        ("section label", r"^[A-Z][\w&'’-]*( [\w&'’-]+){0,2}( [|›»] [A-Z][\w&'’-]*( [\w&'’-]+){0,2}){1,3}$"),
        # the page's own navigation, a whole line: "Skip to content", "top of page", "Breaking News"
        (
            "site navigation",
            r"^(\d+\.\s*)?skip to\b|^((back to |go to )?(the )?top( of (the )?page)?|"
            r"breaking news|main menu|menu|search|home|sections)\s*[.!]?$",
        ),
        # "TT", "A+": a text-size toggle or an icon's label left in the text
        ("page control", r"^(?-i:[A-Z]{1,3})[+-]?$"),
        (
            "related links",
            r"^(related|read more|read also|also read|recommended|recent features|more from|see also|"
            r"you may also like|more stories|most popular|trending|advertisement|sponsored|click here|categories)\b",
        ),
        ("copyright line", r"^\(?(©|\(c\)|copyright)\s"),
        # "With your current subscription plan you can comment on stories.", "before writing your first comment,
        # please create a display name"
        (
            "comment prompt",
            r"\b(you can comment on|your first comment|create a display name|join the (conversation|discussion)|"
            r"leave a comment|post a comment|comments? (are|is) (closed|moderated))\b",
        ),
        # "Have feedback?", "Send us ideas for follow-up stories."
        (
            "feedback prompt",
            r"^(have feedback|want to know more|send us (ideas|tips|a tip|feedback|your)|got a (news )?tip)\b",
        ),
        # a video player's fallback text, or a clip's running time standing alone ("04:30")
        (
            "media player notice",
            r"\bbrowser does not support\b|\bvideo (element|player)\b|^\d{1,2}:\d{2}$|^watch on (youtube|vimeo)\b",
        ),
        # "PUBLISHED: | UPDATED:": the labels of a page's time stamps, their times lost; "Page last updated at 11:56
        # GMT, Tuesday, 27 October 2009"
        (
            "dateline label",
            r"^(published|updated|posted)\s*:?\s*(\|\s*(published|updated|posted)\s*:?\s*)?$|"
            r"^(page )?last updated (at|on)\b",
        ),
        ("cookie or consent notice", r"\b(cookies?|privacy policy|terms of (use|service)|all rights reserved)\b"),
        (
            "print edition note",
            r"\bappears? in print\b|\bprint edition\b|^a version of this (article|editorial|"
            r"story|essay|piece)\b|\bdigiti[sz]ed version of an? (article|story)\b|\bprint archive\b|"
            r"\bdigiti[sz]ation process\b|\bdoes not alter, edit or update\b|\belectronic archive\b|"
            r"\bmay contain glitches\b|"
            # the magazine's jump line: "The story begins on page 48.", "Continued on page A12"
            r"\b(story|article) (begins|continues|starts) on page\b|^continued (on|from) page\b|"
            # a wire service's archive: "This archived news story is available only for your personal ... use."
            r"\barchived (news )?story\b|\bin its archived form\b|\bmay be outdated or superseded\b",
        ),
        ("download link", r"^download\b|\b(pdf|download)\)?$"),
        (
            "audio player prompt",
            r"^((press )?play to )?(listen to|play) (this|the) (article|story|episode)\b|^voiced by\b",
        ),
        # "Briefing / Africa 20+ minutes", "5 min read": how long the page takes to read
        ("reading time", r"\b\d+\+?\s*(min|mins|minutes)( read)?$"),
        # "This report was published in Center for American Progress, www.americanprogress.org."
        (
            "republication note",
            # ("This article was external pagepublished by ...": a link's label run into the verb)
            r"^this (report|article|piece|essay|commentary|analysis|op-ed|column) (was|is|first) (originally )?"
            r"(\S+ )?\S*(published|appeared|posted)\b|\boriginally (published|appeared) (in|on|at|by)\b|"
            r"^published by\b|^this (first )?(appeared|ran) (in|on)\b|"
            r"^to read the (complete|full|whole|rest of the) (editorial|article|story|column|piece)\b",
        ),
        # "[Black Star News Editorial]": a label in brackets standing alone
        ("bracketed label", r"^\[[^\]]{2,60}\]$"),
        # "|", "•": a separator left from the page's layout, no letter or digit in it
        ("stray punctuation", r"^[^\w]{1,3}$"),
    )
)
_BYLINE = re.compile(
    r"^by\s+([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})*)"
    r"(?:\s*\([^()]{2,40}\))?\s*[,.]?\s*$|"  # "By Tim Rogers (Confidencial)": the outlet in brackets
    # a collective byline needs no "By": "The Editorial Board"
    r"^((?:the\s+)?(?:editorial\s+board|editors|editorial\s+staff)|"
    # a newsroom's byline: "DMG Newsroom", "Reuters Staff"
    r"(?:[A-Z][\w&.'’-]*\s+){1,3}(?:newsroom|news\s+desk|staff))\s*$",
    re.I,
)
# A caption that ends in its photo credit, however long: "... Taiwan. (Photo by An Rong Xu for The Standard)",
# "... 2022. (AP Photo/Matias Delacroix, File)", "... in London. (Dan Kitwood/Getty Images)",
# "... on August 16, 2021. Crédito: FEDERICO PARRA/AFP via Getty Images"
_CAPTION_CREDIT = re.compile(
    rf"(\((photo|photograph|image|illustration|credit)s?\b[^)]{{0,80}}\)|"
    rf"\((?:{_PHOTO_AGENCIES})\s+(?:photo|images?)\b[^)]{{0,80}}\)|"
    rf"\([^()]{{2,60}}/\s*(?:{_PHOTO_AGENCIES})\)|"
    # "... Aug. 15, 2022. (Wakil Kohsar, AFP via Getty Images/TNS)": the agency, then the syndicate that ran it
    rf"(?<=[.!?])\s+\([^()]{{2,80}}\bvia\s+(?:{_PHOTO_AGENCIES})(\s*/\s*[\w.]+)*\)|"
    # not "Source:", which also ends a paragraph that cites its figures
    r"\b(photo|photograph|image|credit|cr[ée]dito|cr[ée]dit|foto|fotograf[íi]a|bild)s?( (source|credit)s?)?:\s*"
    r"[^.!?]{2,80}|"
    # "... last week. Photo by Amos Ben Gershom/GPO/Flash90"
    r"(?<=[.!?])\s+(photo|photograph|image|picture)s?\s+(by|via|courtesy of)\s+[^.!?]{2,80}|"
    # "... on Feb. 19, 2021.Aung-Shine/The Associated Press": a name, a slash, the agency
    rf"(?<=[.!?])\s*[A-Z][\w.'’ -]{{1,60}}/\s*(the\s+)?(?:{_PHOTO_AGENCIES})|"
    # "... east of Tehran. Fars News Agency via AP"
    # (each may end in a full stop: "... April 27, 2015 (AP photo by Jane Roe).")
    rf"(?<=[.!?])\s+[A-Z][\w.'’ -]{{1,60}}\bvia\s+(?:{_PHOTO_AGENCIES}))\.?\s*$",
    re.I,
)
# What a photo caption says: who is seen doing what, where, on what date ("Venezuelan protesters rally in the city
# of Valencia on Oct. 5, 2023.", "A billboard ... is seen on a building in Tehran, Iran June 8, 2023.")
_CAPTION_SHAPE = re.compile(
    r"\b(?:is|are) (?:seen|pictured|shown|photographed|displayed)\b|"
    r"\b(?:pictured|photographed|depicting|representing)\b|"
    r"^(?:this|a|the|file) (?:photo|image|picture|photograph)\b|^(?:file )?(?:photo|image)\b|"
    r"^file\s*[–—-]\s|\bfile (?:photo|image)\b|"
    r"\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},\s+\d{4})\.\s",
    re.I,
)
CAPTION_WORDS = 60  # a caption is a sentence or two; a longer paragraph beside a credit is the article
CREDIT_WORDS = 12  # a credit line names a photographer and an agency


def _captions(lines: list[str]) -> set[int]:
    """Photo captions told by where they stand: beside a credit line, in the shape of a caption, or as the same
    text again as a caption that ends in its credit (pages often print a caption twice, with and without it)."""
    credit = [_is_credit(line) for line in lines]
    captions = {i for i, line in enumerate(lines) if credit[i] or _CAPTION_CREDIT.search(line.strip())}
    for i, line in enumerate(lines):
        if i in captions or len(line.split()) > CAPTION_WORDS:
            continue
        beside_credit = (i > 0 and credit[i - 1]) or (i + 1 < len(lines) and credit[i + 1])
        shaped = bool(_CAPTION_SHAPE.search(line.strip() + " "))
        again = any(j != i and lines[j].strip().startswith(line.strip()) for j in captions)
        if (beside_credit and shaped) or again:
            captions.add(i)
    return captions


def _is_credit(line: str) -> bool:
    """A line that only credits a picture ("Ariana Cubillos/AP", "(photo credit: ...)", "Image Credit: Gulf News")."""
    words = len(line.split())
    return words <= CREDIT_WORDS and _chrome_reason(line) in ("photo credit", "photo caption and credit")


_TITLE_FUNCTION_WORDS = frozenset("a an the to of for on in at by and or with from as is are be its it".split())
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY = (
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
    r"\d{1,2}/\d{1,2}/\d{4})"
)
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:z\b|[+-]\d{2}:?\d{2}|utc|gmt|[ecmp][sd]t)?"
# A line that is only a date, or a page's timestamp ("2022-12-22T14:30:49-05:00", "10/25/2014 10:32 PM"), maybe
# repeated (published and updated); the first date is the article's.
_DATE = re.compile(
    rf"^(?:published|posted|updated)?\s*:?\s*(?:\w+day,?\s+)?({_DAY})"
    rf"(?:\s*(?:,|\||·|\bat\b|t)?\s*(?:{_CLOCK}|{_DAY}))*"
    r"(?:,\s*(?-i:[A-Z][\w.'’-]*)(?:\s+(?-i:[A-Z][\w.'’-]*)){0,2})?\s*$",  # "9 July 2024, Sittwe": where it was filed
    re.I,
)
_BIO_ROLE = (
    r"fellow|professor|director|associate|editor|analyst|researcher|correspondent|author|"
    r"columnist|contributor|secretary|ambassador|chair(?:man|woman)?|scholar|lecturer|writer|"
    r"journalist|officer|official|advis[eo]r|founder|president|head|member|reporter|"
    r"diplomat|expert|specialist|student|candidate|coordinator|manager|partner|dean"
)
_BIO_INSTITUTION = r"(?:School|University|Institute|College|Center|Centre|Council|Foundation|Forum|Initiative)"
_BIO_START = re.compile(
    rf"^(?P<name>(?:[A-Z][\w.'’-]+\s+){{1,3}}[A-Z][\w'’-]+)\s+(?:"
    rf"(?:is|was|serves as|served as|has served as)\b(?:[^.]|(?<=\b[A-Z])\.){{0,160}}\b(?i:{_BIO_ROLE})s?\b|"
    # "X served on the delegation and teaches policy at the Weston School of International Affairs."
    rf"(?:served|serves|teaches|taught|works|worked|directs|directed|leads|led)\b(?:[^.]|(?<=\b[A-Z])\.){{0,160}}"
    rf"\b(?:at|with) the (?:[A-Z][\w'’-]+ )*{_BIO_INSTITUTION}\b|"
    # "X writes and teaches on Syrian affairs"
    r"(?:writes|teaches|lectures)(?: and (?:writes|teaches|lectures))? (?:on|about) (?:[\w'’-]+ ){0,3}?"
    r"(?:affairs|politics|policy|history|security|issues)\b)"
)
# "The author is a fellow at ...", "The writer is ...", "The views expressed ...": a note on the writer; "The
# authors argue ..." is not.
_AUTHORS_NOTE = re.compile(
    r"^(the (authors?|writers?)\s+(is|are|was|were|has|have|had|serves?|served|thanks?|wish(es)?|"
    r"would like)\b|the views expressed|this (article|piece|essay) (was|is|first))",
    re.I,
)
# more offices a job description names; only with no verb on the line, so "the envoy said" is not one
_ROLE_WORD = re.compile(
    rf"(?:{_BIO_ROLE}|representative|envoy|minister|negotiator|commissioner|lawyer|attorney|"
    rf"economist)s?",
    re.I,
)
_ROLE_MODIFIERS = frozenset(
    "former ex retired senior junior deputy acting chief assistant associate nonresident "
    "non-resident visiting adjunct executive special managing distinguished".split()
)
ROLE_LINE_WORDS = 30  # a job description standing alone is one short line
# A byline that names a role, not a person: "Staff Writer", "Contributing Columnist"
_BYLINE_ROLE = re.compile(
    r"^(?:(?:staff|senior|special|contributing|guest)\s+)?"
    r"(?:writer|reporter|correspondent|columnist|contributor)s?$",
    re.I,
)
# "He is also a senior columnist in ...": the bio goes on about the same person
_BIO_MORE = re.compile(
    r"^(?:he|she|they)\s+(?:is|was|are|were|also|previously|formerly|serves?|served|holds?|held|has been|had been|"
    r"teach(?:es)?|taught)\b|"
    # "His books include ...": the writer's work
    r"^(?:his|her|their)\s+(?:(?:latest|most recent|new)\s+)?(?:books?|work|writing|research)\s+(?:include|includes|"
    r"is|are|has|have|appeared)\b",
    re.I,
)
# A masthead: the publication's name on a line of its own ("The New York Times", "Savannah Morning News"). It names
# the outlet, not the article: capitalised words that end in a word papers and magazines are named with.
_MASTHEAD_NOUNS = (
    "Times|Post|Journal|News|Herald|Tribune|Telegraph|Gazette|Chronicle|Observer|Guardian|Independent|"
    "Standard|Monitor|Courier|Express|Inquirer|Register|Sentinel|Examiner|Dispatch|Daily|Weekly|"
    "Review|Digest|Magazine|Press|Globe|Mail|Economist|Diplomat|Bulletin|Statesman|Spectator"
)
_MASTHEAD = re.compile(
    rf"^(?:The\s+(?:[A-Z][\w.&'’-]*\s+){{0,3}}|(?:[A-Z][\w.&'’-]*\s+){{2,3}})"
    rf"(?:{_MASTHEAD_NOUNS})$"
)
_LIST_ITEM = re.compile(r"^[-–—•·*]\s")  # "- AA undertakes road ...": a list of links to other stories
# Where a news story starts: "KYIV – Europe ...", "WASHINGTON (AP) — The ..."
_DATELINE = re.compile(r"^[A-Z][A-Z.'’ ]{1,30}[A-Z.](?:,\s*[A-Z][\w.]*)*(?:\s*\([A-Za-z]+\))?\s*[–—-]+(?:\s*\S|\s*$)")
DEK_WORDS = 45  # a standfirst is one or two sentences this long at most ...
DEK_WORDS_SET_OFF = 70  # ... or this long when a dateline or a block of header furniture follows it
HEADER_RUN = 3  # this many lines of furniture (label, date, share, caption) between two paragraphs end a header
LEAD_IN_WORDS = 4  # a line this long ending in a colon introduces a quotation: it is prose
CUT_OFF_WORDS = 8  # a last block at least this long that stops mid-sentence is the article, cut off
CLOSING_WORDS = 6  # a short paragraph after the last full one, a sentence of running prose this long, is the article
# The head of a page's reader comments: "2 thoughts on “Sanctions relief: ...”", "14 Comments", "Leave a Reply";
# what follows it is the readers', not the author's
_COMMENTS_HEAD = re.compile(
    r"^(\d+|one|two|three|four|five)\s+(thoughts?|comments?|responses?|replies|reactions?)\b(\s+(on|to)\s+\S.*)?$|"
    r"^(leave a (reply|comment)|comments|reader comments)\s*[:.]?$",
    re.I,
)
# A standfirst signed by its author, "... in encouraging Myanmar's political reform, Bryan R Early writes.": the dek,
# with the byline in it
# A republished excerpt's link to the whole piece: "Read the Full Article at Bloomberg". The article ends there;
# what follows is the republishing site's (its related items, each with a blurb that reads like prose)
_FULL_ARTICLE = re.compile(
    r"^(read|see|view|continue reading) (the )?(full|complete|original|whole|rest of the) "
    r"(article|story|piece|op-ed|commentary|column|essay|post|report|interview)\b[^.!?]{0,60}[.:]?$",
    re.I,
)
_SIGNED_DEK = re.compile(r",\s+(?P<name>(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]+)\s+(writes|argues|explains)\.$")


def _signer(line: str) -> str:
    """The author who signs a standfirst ("..., Bryan R Early writes."), or ""."""
    signed = _SIGNED_DEK.search(line.strip())
    return signed.group("name") if signed else ""


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

    def without(self, spans: list[Span], reason) -> Cleaned:
        """These content spans moved to the removed, each with ``reason(span)``."""
        gone = {(s.start, s.end) for s in spans}
        content = [s for s in self.content if (s.start, s.end) not in gone]
        cuts = sorted([*self.removed, *(Cut(s.start, s.end, reason(s)) for s in spans)], key=lambda c: c.start)
        return replace(self, content=content, removed=cuts)


def clean(text: str, spans: list[Span], *, markdown: bool = False, known_title: str = "") -> Cleaned:
    """Split paragraphs into content and removed chrome; gather metadata from the chrome. ``known_title``
    is the headline when the page's own metadata names it (HTML): its line is the title however it reads."""
    blocks = [_unprefix(text, s, markdown) for s in spans]
    lines = [text[b.start : b.end] for b in blocks]
    sentences = lambda i: [text[x.start : x.end] for x in sentence_spans(text, blocks[i])]  # noqa: E731
    named = next((i for i, line in enumerate(lines) if known_title and _same(line, known_title)), None)
    captions = _captions(lines)
    body = [
        i
        for i, line in enumerate(lines)
        if _is_prose(line) and not _chrome_reason(line) and not _is_role_line(line) and i != named and i not in captions
    ]
    if not body:  # nothing reads like prose: keep every line that is not obvious chrome
        body = [i for i, line in enumerate(lines) if not _chrome_reason(line)] or list(range(len(lines)))
    comments = next((i for i, line in enumerate(lines) if i > body[0] and _COMMENTS_HEAD.match(line.strip())), None)
    if comments is not None and any(i < comments for i in body):
        body = [i for i in body if i < comments]  # the article ends where its readers' comments begin
    elsewhere = next((i for i, line in enumerate(lines) if i > body[0] and _FULL_ARTICLE.match(line.strip())), None)
    if elsewhere is not None and any(i < elsewhere for i in body):
        body = [i for i in body if i < elsewhere]  # or where it sends the reader to the whole of it
    # An author's bio above the headline introduces the writer; it is not the article's first paragraph.
    lead_bio: dict[int, list[str]] = {}
    while len(body) > 1 and (names := _lead_bio_names(lines, body, sentences, bool(lead_bio))):
        lead_bio[body.pop(0)] = names
    if lead_bio:  # a short sentence between the bio and the first paragraph, no headline there, opens the article
        gap = range(max(lead_bio) + 1, body[0])
        if not any(_could_be_headline(lines[i]) for i in gap):
            body = [i for i in gap if _is_sentence(lines[i]) and not _chrome_reason(lines[i])] + body
    body += _run_on(lines, body[-1])
    first, last = body[0], body[-1]
    if _is_dek(lines, body, [text[s.start : s.end] for s in spans] if markdown else None, named):
        body = body[1:]
        first = body[0]

    fields: dict[str, str] = {}
    authors: list[str] = []
    head_bio: list[str] = []
    verdict: dict[int, tuple[str, str]] = {}  # index -> (reason, kept_as)

    title_index = named if named is not None and named < first else _title_index(lines, first, markdown)
    if title_index is not None:
        fields["title"] = _headline_text(_MD_HEADING.sub("", lines[title_index])).strip()
        verdict[title_index] = ("title", "title")
    title = fields.get("title", "")
    bio_names = {n for names in lead_bio.values() for n in names}

    # Header: everything before the first prose paragraph.
    previous_was_title = False
    for i in range(first):
        line = lines[i]
        if i == title_index:
            previous_was_title = True
            continue
        if title and _same(_headline_text(line), title):
            verdict[i] = ("repeated title", "")
            previous_was_title = True
            continue
        byline = _BYLINE.match(line)
        date = _DATE.match(line)
        if byline:
            authors.extend(_byline_names(byline))
            verdict[i] = ("byline", "authors")
        elif line.strip() in bio_names:  # the bare name above the writer's bio is the byline
            authors.append(line.strip())
            verdict[i] = ("byline", "authors")
        elif _BYLINE_ROLE.match(line.strip()):
            verdict[i] = ("byline", "")
        elif date:
            fields.setdefault("date", date.group(1))
            verdict[i] = ("dateline", "date")
        elif _DATELINE.match(line.strip()) and len(line.split()) <= 4:  # "WASHINGTON -": where the story is filed
            verdict[i] = ("dateline", "")
        elif i in lead_bio or _is_role_line(line):
            authors.extend(n for n in lead_bio.get(i, ()) if n not in authors)
            head_bio.append(line.strip())
            verdict[i] = ("author bio", "bio")
        elif _MASTHEAD.match(line.strip()):
            fields.setdefault("outlet", line.strip())
            verdict[i] = ("masthead", "outlet")
        elif reason := _chrome_reason(line):
            verdict[i] = (reason, "")
        elif (previous_was_title or _signer(line)) and not fields.get("subtitle") and _is_sentence(line):
            if not previous_was_title:  # a standfirst signed by its author names the author
                authors.append(_signer(line))
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
        elif _is_role_line(line):
            head_bio.append(line.strip())
            verdict[i] = ("author bio", "bio")
        elif _MD_HEADING.match(line) or _is_heading(lines, i, body):
            verdict[i] = ("section heading", "")

    # The author bio: the last prose paragraphs, when they introduce people by role.
    bio_parts = []
    for i in range(last, max(first, last - 2) - 1, -1):
        line = lines[i]
        names = [m.group("name") for m in (_BIO_START.match(s) for s in sentences(i)) if m]
        if names or _AUTHORS_NOTE.match(line):
            bio_parts.insert(0, line.strip())
            authors.extend(n for n in names if n not in authors)
            verdict[i] = ("author bio", "bio")
            last -= 1 if i == last else 0
        else:
            break
    if head_bio or bio_parts:
        fields["bio"] = " ".join(head_bio + bio_parts)
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
        elif comments is not None and i >= comments:
            verdict[i] = ("reader comments", "")
        elif elsewhere is not None and i == elsewhere:
            verdict[i] = ("link to the full article", "")
        elif elsewhere is not None and i > elsewhere:
            verdict[i] = ("the republishing site's pages after the article", "")
        else:
            verdict[i] = ("site footer after the article", "")

    for i in captions:
        if verdict.get(i, ("",))[0] not in ("photo caption and credit", "photo credit"):
            verdict[i] = ("photo caption", "")
    content = [blocks[i] for i in range(len(blocks)) if i not in verdict]
    removed = [Cut(spans[i].start, spans[i].end, *verdict[i]) for i in sorted(verdict)]
    # furniture run into a paragraph: the agency's dateline before its first sentence, a jump line after its last
    for k, block in enumerate(content):
        if dateline := _AGENCY_DATELINE.match(text[block.start : block.end]):
            removed.append(Cut(block.start, block.start + dateline.end(), "dateline"))
            block = content[k] = Span(block.start + dateline.end(), block.end)
        if jump := _JUMP_LINE.search(text[block.start : block.end]):
            note = "publication note" if jump.group(1).lower().endswith("updated.") else "print edition note"
            removed.append(Cut(block.start + jump.start(1), block.end, note))
            content[k] = Span(block.start, block.start + jump.start())
    removed.sort(key=lambda c: c.start)
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


def _lead_bio_names(lines: list[str], body: list[int], sentences_of, after_bio: bool = False) -> list[str]:
    """The people a paragraph at the top introduces, when it is the writer's bio: it opens "X is the former general
    manager of ...", goes on about them ("He is also ..."), and stands under X's bare name, above a headline, first
    on the page, or in a run of such paragraphs, one per writer (a contributors' box under the headline)."""
    first = body[0]
    names = _bio_names(sentences_of(first))
    if not names:
        return []
    if after_bio or _bio_names(sentences_of(body[1])):
        return names
    under_name = any(lines[i].strip() in names for i in range(first))
    at_top = not any(lines[i].strip() for i in range(first))  # the page's first words: nothing to introduce yet
    # above the headline, with none above it: a lede under its headline and over a subhead is the article
    above_headline = any(_could_be_headline(lines[i]) for i in range(first + 1, body[1])) and not any(
        _could_be_headline(lines[i]) for i in range(first)
    )
    return names if under_name or above_headline or at_top else []


def _bio_names(sentences: list[str]) -> list[str]:
    """The people a paragraph introduces, when every sentence of it is about them, else none."""
    opening = _BIO_START.match(sentences[0]) if sentences else None
    if not opening or not all(_BIO_START.match(s) or _BIO_MORE.match(s) for s in sentences[1:]):
        return []
    return [m.group("name") for m in (_BIO_START.match(s) for s in sentences) if m]


def _run_on(lines: list[str], last: int) -> list[int]:
    """Blocks after the last full paragraph that are still the article: the last block of a page cut off
    mid-sentence (a saved excerpt), short closing paragraphs that read as prose ("First: the embargo has
    failed."), and sentences under a subhead there (a subhead does not start the footer)."""
    more: list[int] = []
    under_subhead = False
    topic = set().union(*(_topic_words(line) for line in lines[: last + 1]))
    for j in range(last + 1, len(lines)):
        line = lines[j].strip()
        if _chrome_reason(line) or _BYLINE.match(line) or _DATE.match(line) or _is_role_line(line):
            break
        # a closing paragraph speaks of what the article spoke of; the reader addressed ("Have a view?",
        # "Write to letters@...") and a notice in another language are the page's
        closing = (
            len(line.split()) >= CLOSING_WORDS
            and line.endswith(".")
            and "@" not in line
            and _reads_as_prose(line.split())
            and bool(_topic_words(line) & topic)
        )
        if (j == len(lines) - 1 and _is_cut_off(line)) or ((under_subhead or closing) and _is_sentence(line)):
            more.append(j)
            topic |= _topic_words(line)
        elif _looks_like_heading(line):
            under_subhead = True
        else:
            break
    return more


def _topic_words(line: str) -> set[str]:
    """The longer words of a line, by their first four letters ("lifted", "lifting"): what it is about."""
    return {w[:4].lower() for w in re.findall(r"[^\W\d_]{5,}", line)}


def _is_cut_off(line: str) -> bool:
    """A paragraph that stops mid-sentence ("... Mitch McConnell has been in Israe"): it reads as running prose
    (function words, mostly lower-case words), not as a tag list or a tagline, and ends on no punctuation."""
    words = line.split()
    if len(words) < CUT_OFF_WORDS or re.search(r"[.!?…:;\"'”’)\]]$", line) or not re.match(r"[\"“‘'(]?[A-Z]", line):
        return False
    return _reads_as_prose(words)


def _reads_as_prose(words: list[str]) -> bool:
    """Function words and mostly lower-case words: running prose, not a tag list, a tagline or a heading."""
    function = [w for w in words if w.lower() in _TITLE_FUNCTION_WORDS]
    lower = [w for w in words if w[0].islower() and w.lower() not in _TITLE_FUNCTION_WORDS]
    return bool(function) and len(lower) >= 3 and len(words) - len(lower) - len(function) <= 2 * len(words) / 3


def _is_role_line(line: str) -> bool:
    """A job description standing alone, the writer's bio with the name left off ("Former US ambassador to
    Panama and Executive Director, Center for Media Integrity of the Americas."): it opens with a role and every
    lower-case word is a role, a rank or a function word, so it has no verb."""
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    if not (3 <= len(words) <= ROLE_LINE_WORDS) or not line.strip()[0].isupper() or line.rstrip()[-1] in ":?!":
        return False
    # it names an office in its first words and a place or an institution after it, with no article in front:
    # "The envoy told reporters:" is a sentence about someone
    if words[0].lower() in _TITLE_FUNCTION_WORDS or not any(_ROLE_WORD.fullmatch(w) for w in words[:4]):
        return False
    if not any(w[0].isupper() for w in words[1:]):
        return False
    lower = [w for w in words if w[0].islower() and w.lower() not in _TITLE_FUNCTION_WORDS]
    rank = [w for w in lower if w.lower() in _ROLE_MODIFIERS or _ROLE_WORD.fullmatch(w)]
    # a headline in title case capitalises its roles ("Senior Officials Speak Out"); a bio line does not
    return bool(rank) and len(lower) - len(rank) <= 1


def _is_dek(lines: list[str], body: list[int], markdown_lines: list[str] | None, named: int | None = None) -> bool:
    """A standfirst of one or two sentences right under the headline, set off from the article by chrome (a
    byline, a date or a credit), by a dateline opening the next paragraph, or by a block of header furniture; in
    Markdown, the emphasised line under the ``#`` headline; under a headline the page's metadata names, a short
    line before a paragraph at least twice as long."""
    if len(body) < 3:
        return False
    first = body[0]
    nxt = first + 1
    line = lines[first]
    if markdown_lines is not None:  # lines as written, before the emphasis was taken off
        # under the "#" headline, with at most bylines, dates and chrome in between
        head = next((i for i in range(first) if lines[i].startswith("# ")), None)
        between = range(head + 1, first) if head is not None else range(0)
        return (
            head is not None
            and bool(_MD_EMPHASIS.match(markdown_lines[first]))
            and all(_BYLINE.match(lines[i]) or _DATE.match(lines[i]) or _chrome_reason(lines[i]) for i in between)
        )
    sentences, words = _sentence_count(line), len(line.split())
    short = sentences <= 2 and words <= DEK_WORDS
    if short and _signer(line):
        return True
    if named is not None and first == named + 1:
        return short and len(lines[body[1]]) >= 2 * len(line)
    above = lines[first - 1] if first > 0 else ""
    headline_above = bool(above) and (not _is_sentence(above) or _is_title_case(above)) and not _chrome_reason(above)
    set_off = (
        nxt < len(lines)
        and nxt not in body
        and bool(_chrome_reason(lines[nxt]) or _BYLINE.match(lines[nxt]) or _DATE.match(lines[nxt]))
    )
    # the story plainly starts below: its first paragraph opens with a dateline, or header furniture comes between
    starts_below = (body[1] == nxt and bool(_DATELINE.match(lines[nxt]))) or body[1] - nxt >= HEADER_RUN
    set_off_far = sentences <= 2 and words <= DEK_WORDS_SET_OFF and starts_below
    return headline_above and ((short and set_off) or set_off_far)


def _looks_like_heading(line: str) -> bool:
    """Short, capitalised and unpunctuated: a section heading, wherever it stands."""
    words = line.split()
    return (
        0 < len(words) <= HEADING_WORDS
        and (line[0].isupper() or line[0].isdigit())
        and not re.search(r"[.!?,;:…\"”’)]$", line)
    )


def _is_heading(lines: list[str], i: int, body: list[int]) -> bool:
    """A section heading inside the article: short, capitalised, unpunctuated, and followed by prose."""
    return _looks_like_heading(lines[i].strip()) and i + 1 in body


def _sentence_count(line: str) -> int:
    return len(sentence_spans(line, Span(0, len(line))))


def _title_index(lines: list[str], first: int, markdown: bool) -> int | None:
    """The headline: a Markdown H1, else the longest title-like line before the first paragraph."""
    if markdown:
        for i, line in enumerate(lines):
            if line.startswith("# "):
                return i
    candidates = [i for i in range(first) if _could_be_headline(lines[i])]
    if not candidates:
        return None
    # a line printed twice above the article (the page's headline and the article's own) is the headline
    repeated = [i for i in candidates if sum(_same(lines[i], lines[j]) for j in range(first)) > 1]
    # a question in sentence case just above the text is its opening line, not the headline ("Can a leopard
    # change its spots?" under "Mugabe Sanctions Still Needed")
    asked = [i for i in candidates if lines[i].rstrip().endswith("?") and not _is_title_case(lines[i])]
    pool = repeated or [i for i in candidates if i not in asked] or candidates
    return max(pool, key=lambda i: (len(_headline_text(lines[i]).split()), -i))


def _could_be_headline(line: str) -> bool:
    """Title-like: not chrome, a byline, a date or time stamp, an outlet's name, an item in a list of links, a bio
    line, or a line that introduces a quotation (it ends in a colon); a full stop only in title case."""
    head = _headline_text(line).strip()
    return (
        not _chrome_reason(line)
        and not _BYLINE.match(line)
        and not _DATE.match(line)
        and not _MASTHEAD.match(head)
        and not _LIST_ITEM.match(head)
        and not _is_role_line(head)
        and not _BIO_START.match(head)  # "Paul R. Ferrante was U.S. Ambassador to Kenya." introduces a writer
        and not head.endswith(":")
        and (not head.endswith(".") or _is_title_case(head))
        # a genre label ("EDITORIAL COMMENT: Lift sanctions now ...") announces the headline, even with the photo
        # caption the page ran into it
        and 3 <= len(head.split()) <= (HEADLINE_WORDS_LABELLED if _GENRE_LABEL.match(head) else HEADLINE_WORDS)
        and not re.search(r"[›»]", head)  # a breadcrumb ("Home ›› Opinion")
        # a time stamp ("20 Dec 2021 00:00:00 | Update: ...") is mostly numbers
        and 2 * sum(any(ch.isdigit() for ch in w) for w in head.split()) < len(head.split())
    )


def _headline_text(line: str) -> str:
    """A headline without the timestamp lines a page prints under it ("10/25/2014 10:32 PM")."""
    kept = [part for part in line.split("\n") if not _DATE.match(part.strip())]
    return "\n".join(kept) if kept else line


def _chrome_reason(line: str, limit: int = 0) -> str:
    if len(line.split()) <= 60 and _CAPTION_CREDIT.search(line.strip()):
        return "photo caption and credit"
    if len(line.split()) <= DISCLAIMER_WORDS:
        for reason, pattern in _LONG_FURNITURE:
            if pattern.search(line):
                return reason
    if len(line.split()) <= (limit or CHROME_LINE_WORDS):
        for reason, pattern in _CHROME_PATTERNS:
            if pattern.search(line.strip()):
                return reason
    parts = _SENTENCE_BREAK.split(line.strip())
    if len(parts) > 1:  # a paragraph of furniture sentences ("A version of this story ... Click here ...")
        reasons = [_chrome_reason(part, CHROME_PART_WORDS) for part in parts]
        return reasons[0] if all(reasons) else ""
    return ""


# "The views expressed by contributors are their own and not the view of The Hill": the outlet's disclaimer, however
# long its sentence runs
_VIEWS_DISCLAIMER = re.compile(
    r"\bviews expressed (by|in|here|on)\b|"
    r"\b(views|opinions) (are|is) (their|his|her|the author[’']s|the writer[’']s) own\b",
    re.I,
)
DISCLAIMER_WORDS = 40
HEADLINE_WORDS = 30  # a headline (with its dek run in) is no longer than this ...
HEADLINE_WORDS_LABELLED = 45  # ... unless a genre label opens it
# "Authors and topics you follow will be added to your personal news feed in Following.": the site's own feature
_FOLLOW_FEATURE = re.compile(r"\b(authors|topics|writers) you follow\b|\byour personal (news )?feed\b", re.I)
# A news agency's dateline opening a paragraph as a sentence of its own: "THE UNITED NATIONS, November 14. /TASS/."
_AGENCY_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{1,40}(,\s*[A-Z][\w.'’ -]{1,30})?,\s*[A-Z][a-z]+\.?\s+\d{1,2}\.?\s*/[A-Z][A-Za-z-]{1,12}/\.?\s+"
)
# A magazine's jump line closing a paragraph: "... He has covered Cuba for many years. The story begins on page 48."
# And a report's publication note closing its abstract: "... can be found in CRS Issue Brief 92117, Iraqi Compliance
# with Cease-Fire Agreements. This report will not be updated."
_JUMP_LINE = re.compile(
    r"(?<=[.!?”’\"])\s+(((the )?(story|article) (begins|continues|starts)|continued) on page \w+\.?|"
    r"((information|more|details|background) on [^.!?]{3,200}? (can be found|is available) in [^!?]{3,160}?\.\s+)?"
    r"this (report|brief|paper|study) will not be updated\.)$",
    re.I,
)
# furniture recognised however long its one sentence runs (up to DISCLAIMER_WORDS)
_LONG_FURNITURE = (("views disclaimer", _VIEWS_DISCLAIMER), ("share or follow links", _FOLLOW_FEATURE))
_GENRE_LABEL = re.compile(r"^(editorial( comment)?|opinion|op-ed|comment|commentary|viewpoint|letter)\s*:", re.I)
CHROME_LINE_WORDS = 14  # a furniture line is short: a longer one is prose that happens to share its words
CHROME_PART_WORDS = 24  # in a paragraph whose every sentence is furniture, a sentence may run this long
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")


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
    if len(words) >= LEAD_IN_WORDS and line.rstrip().endswith(":") and not _is_title_case(line):
        return True  # a sentence that introduces a quotation ("X calls for a diplomatic effort ...:")
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
