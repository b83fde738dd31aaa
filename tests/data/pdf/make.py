"""Write the PDF and .docx ingest test files in this folder, and expected.yaml that says what each must yield.

Run from anywhere with a Python that has weasyprint, pypdf, python-docx, pillow and pyyaml:

    python tests/data/pdf/make.py

The output is byte-for-byte the same on every run with the same library versions and fonts (DejaVu); the
script checks that by building everything twice in memory before it writes. Expected page starts, columns and
footnote pages are read off WeasyPrint's own layout, not off any text extractor.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import logging
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pypdf
import weasyprint
import yaml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from PIL import Image, ImageDraw, ImageFont
from pypdf.constants import UserAccessPermissions
from pypdf.generic import ArrayObject, ByteStringObject
from weasyprint.formatting_structure.boxes import BlockBox, LineBox, TextBox

HERE = Path(__file__).resolve().parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
CREATED = dt.datetime(2025, 3, 14, 9, 30, tzinfo=dt.UTC)  # fixed, so the files do not change between runs
MODIFIED = dt.datetime(2025, 3, 15, 16, 0, tzinfo=dt.UTC)
USER_PASSWORD = "open-sesame"  # noqa: S105 - encrypted.pdf; in expected.yaml so a test can try decrypting
OWNER_PASSWORD = "owner-only"  # noqa: S105 - restricted.pdf opens without a password but forbids copying text
TRUNCATE_AT = 0.40  # truncated.pdf keeps this share of report.pdf's bytes
SCAN_DPI = 150
# In report.pdf HarfBuzz forms fi/fl/ffi ligature glyphs from plain letters and WeasyPrint's ToUnicode maps each
# glyph back to the letters. two-column.pdf is typed with U+FB01/U+FB02 instead: WeasyPrint maps a glyph to the
# first text it drew with it, so there every fi/fl ligature extracts as the code point, as in many producers' PDFs.
LIGATURES = {"\ufb01": "fi", "\ufb02": "fl"}


@dataclass(frozen=True)
class Para:
    """One body paragraph; an optional footnote is attached right after the first occurrence of `call_after`."""

    text: str  # the exact body text, ligatures typed as plain letters
    footnote: str = ""
    call_after: str = ""


# ---------------------------------------------------------------------------------------------------------------
# report.pdf

REPORT_TITLE = "Sanctions That Bite, Sanctions That Bend"
REPORT_SUBTITLE = "Rethinking economic pressure after three decades of mixed results"
REPORT_AUTHOR = "Helen Marsh"
REPORT_ORG = "Centre for Economic Statecraft \u00b7 Policy Report No. 12 \u00b7 March 2025"
REPORT_HEADER = "Sanctions That Bite, Sanctions That Bend \u2014 Policy Report No. 12"
REPORT_HEADINGS = {4: "What the record shows", 8: "A better approach"}  # heading text before paragraph N (1-based)
REPORT = (
    Para(
        "For three decades, Western governments have reached for economic sanctions whenever a crisis demanded a "
        "response short of war. The appeal is obvious: sanctions are quick to announce, cheap for the sender in "
        "the short run, and flexible enough to be tightened or eased as events unfold. Yet the record is mixed. "
        "Studies of more than two hundred sanctions episodes since 1970 find that fewer than a third achieved even "
        "part of their stated goals, and the share falls sharply when the goal is regime change rather than a "
        "limited change of policy. The first lesson of that record is not that sanctions fail, but that they "
        "succeed only when their aims are modest, their targets are exposed, and their authors are willing to "
        "offer a clear way out.",
        footnote="Figures from the author\u2019s tabulation of the Global Sanctions Data Base, 1950\u20132022 "
        "release; episodes with incomplete outcome coding were excluded.",
        call_after="sanctions episodes",
    ),
    Para(
        "Consider the financial measures imposed on Russia after February 2022. Freezing roughly $300 billion of "
        "central bank reserves was unprecedented in scale, and the removal of major banks from the SWIFT "
        "messaging system disrupted trade finance within days. But the Russian economy did not collapse. Energy "
        "revenues held up through most of 2022 because prices rose faster than volumes fell, and a shadow fleet "
        "of ageing tankers soon carried crude to buyers in Asia outside the reach of Western insurers. Sanctions "
        "raised costs and reduced long-term growth; they did not change the Kremlin\u2019s war aims."
    ),
    Para(
        "The lesson many officials drew was that sanctions must be enforced more aggressively. Enforcement "
        "matters, and the price cap on Russian oil lost much of its bite once traders learned to route cargoes "
        "through intermediaries in third countries. Yet tighter enforcement has its own costs. Secondary "
        "sanctions, which threaten penalties against foreign firms that deal with a target, are extraterritorial "
        "by design. They irritate allies, encourage the development of alternative payment channels, and invite "
        "the accusation that Washington uses the dollar as a weapon rather than as a public good."
    ),
    Para(
        "A second lesson concerns humanitarian exemptions. On paper, nearly every modern sanctions programme "
        "exempts food, medicine and humanitarian aid. In practice, banks that face heavy penalties for a single "
        "mistake find it simpler to refuse all business with a sanctioned country than to screen each "
        "transaction. This phenomenon, known as over-compliance or de-risking, has left aid agencies in Syria, "
        "Afghanistan and Venezuela unable to pay local staff or buy supplies even when their work was explicitly "
        "permitted. The effect is to punish the population that sanctions are meant to spare."
    ),
    Para(
        "Policy makers should therefore judge sanctions by the same standard they apply to any other instrument: "
        "whether the benefits outweigh the costs. That means defining objectives that can be observed and "
        "measured, estimating the financial flows that a measure will actually interrupt, and publishing the "
        "criteria for relief in advance. A sanction without an exit is not leverage; it is a permanent penalty, "
        "and the target has no reason to change its behaviour if nothing it does will lift the pressure."
    ),
    Para(
        "The case of Iran illustrates both sides of this argument. Between 2012 and 2015, coordinated European "
        "and American measures cut Iranian oil exports by more than half and helped bring Tehran to the "
        "negotiating table. The resulting nuclear agreement traded verified limits on enrichment for phased "
        "relief. When the United States withdrew in 2018 and reimposed sanctions unilaterally, the pressure on "
        "the Iranian economy was severe, but the diplomatic effect was the opposite of what was intended: Iran "
        "expanded its programme, and the coalition that had made the earlier pressure credible fell apart."
    ),
    Para(
        "Credibility, in other words, runs in both directions. A target must believe that sanctions will be "
        "maintained if it refuses to comply, and also that they will be lifted if it does. Governments often "
        "neglect the second half of that bargain. Legislatures write sanctions into statute with conditions so "
        "broad that no foreign government could satisfy them, and executive officials fear that any relief will "
        "be attacked at home as appeasement. The result is a ratchet: measures accumulate, but they are rarely "
        "removed."
    ),
    Para(
        "There is a better approach. First, every new sanctions programme should state its objectives in a form "
        "that a neutral observer could verify. Second, relief should be calibrated: specific measures should be "
        "tied to specific concessions, so that partial progress can be rewarded without abandoning the whole "
        "framework. Third, sunset clauses should require governments to renew a programme periodically, forcing "
        "an honest review of whether it is working. None of these ideas is new, but few have been applied "
        "consistently."
    ),
    Para(
        "Coordination with allies is the fourth element. Unilateral measures are easier to adopt but far easier "
        "to evade. When the European Union, the United Kingdom, Japan and the United States act together, they "
        "control most of the world\u2019s financial infrastructure and a large share of its advanced technology. "
        "When they act separately, targets simply shift their business to the jurisdictions that have not acted. "
        "The experience with export controls on advanced semiconductors shows that even close allies need months "
        "of negotiation to align their rules, and that gaps between national regimes are quickly exploited.",
        footnote="Japan and the Netherlands agreed in January 2023 to restrict exports of chip-making equipment, "
        "three months after the United States announced its own rules.",
        call_after="advanced semiconductors",
    ),
    Para(
        "Finally, governments should invest in the analytical capacity to monitor what their sanctions are doing. "
        "Most sanctions offices are staffed to design and enforce measures, not to evaluate them. A small unit "
        "that tracked trade diversion, price effects and humanitarian indicators would allow officials to adjust "
        "measures before unintended consequences become entrenched. It would also give legislators the evidence "
        "they need to support relief when relief is warranted."
    ),
    Para(
        "None of this implies that sanctions should be abandoned. In many situations they remain the only tool "
        "that allows governments to impose real costs without resorting to force. But a tool that is used "
        "reflexively, without clear goals or an exit strategy, loses its power over time. Targets adapt, third "
        "countries build workarounds, and the sender\u2019s own firms bear a growing share of the burden."
    ),
    Para(
        "The test for the next generation of sanctions policy is simple to state and hard to meet: every measure "
        "should come with a clear account of what it is meant to achieve, how success will be recognised, and "
        "what the target must do to have it lifted. Sanctions that meet that test can change behaviour. "
        "Sanctions that do not are merely expressions of disapproval, and expensive ones."
    ),
)

REPORT_CSS = """
@page {
  size: A4; margin: 28mm 34mm 26mm 34mm;
  @top-center { content: "%(header)s"; font: 8.5pt 'DejaVu Sans'; color: #555; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 8.5pt 'DejaVu Sans'; }
  @footnote { border-top: 0.5pt solid #999; padding-top: 2mm; }
}
@page :first { @top-center { content: none; } }
html { font-family: 'DejaVu Serif'; font-size: 11.5pt; line-height: 1.5; }
h1 { font: bold 20pt 'DejaVu Sans'; margin: 0 0 3mm 0; hyphens: manual; }
.subtitle { font: 12pt 'DejaVu Sans'; margin: 0 0 5mm 0; }
.byline { font: 10pt 'DejaVu Sans'; margin: 0; }
.org { font: 9pt 'DejaVu Sans'; color: #555; margin: 1mm 0 9mm 0; }
h2 { font: bold 12.5pt 'DejaVu Sans'; margin: 5mm 0 2mm 0; }
p.body { margin: 0 0 3mm 0; text-align: justify; hyphens: auto; orphans: 2; widows: 2; }
.fn { float: footnote; font-size: 8.5pt; line-height: 1.3; text-align: left; hyphens: manual; }
"""

# ---------------------------------------------------------------------------------------------------------------
# two-column.pdf

COLUMNS_TITLE = "Allied Coordination on Secondary Sanctions"
COLUMNS_AUTHOR = "Daniel Ferreira"
COLUMNS_HEADER_LEFT = "Policy Brief No. 7"
COLUMNS_HEADER_RIGHT = "Allied Coordination on Secondary Sanctions"
COLUMNS = (
    Para(
        "Secondary sanctions have become the sharpest, most far-reaching instrument in the Western toolkit. By "
        "threatening to cut foreign banks and companies off from the American financial system, Washington can "
        "extend the reach of its measures far beyond its own borders. The threat works because the dollar remains "
        "the dominant currency for trade invoicing, and because few global banks can afford to lose access to "
        "correspondent accounts in New York."
    ),
    Para(
        "That reach has a price. European governments have long-standing objections to measures that penalise "
        "their firms for trade that European law permits. In 1996 the European Union adopted a blocking statute "
        "that forbids companies to comply with certain American sanctions, and it updated the statute in 2018 "
        "after the United States left the nuclear agreement with Iran. In practice the statute has had little "
        "effect, because firms fear American penalties more than European ones."
    ),
    Para(
        "The result is a quiet but corrosive tension inside the alliance. Officials in Brussels, London and "
        "Tokyo broadly share American goals toward Russia, Iran and North Korea, yet they resent being told that "
        "their own companies must follow rules written in Washington. Each new designation that catches a "
        "European-owned subsidiary reopens the argument and makes the next round of joint measures harder to agree."
    ),
    Para(
        "Coordination offers a way out. When allies agree on targets and timing in advance, secondary sanctions "
        "become less necessary, because the measures already cover the jurisdictions through which evasion "
        "would otherwise flow. The joint price cap on Russian oil, negotiated among the Group of Seven in 2022, "
        "showed that such coordination is possible even on complex measures that touch shipping, insurance and "
        "commodity trading at once."
    ),
    Para(
        "Coordination also improves enforcement. National authorities hold different pieces of the picture: one "
        "sees the payment, another the shipment, a third the ownership of the vessel. Shared cross-border "
        "investigations and common lists of designated entities allow each authority to act on information that it "
        "could not have gathered alone, and they reduce the scope for firms to shop for the most lenient regulator."
    ),
    Para(
        "None of this removes the need for American leadership. The United States still controls the "
        "infrastructure on which the most powerful measures depend, and its enforcement agencies have resources "
        "that no European regulator can match. But leadership is not the same as unilateral action. A policy "
        "that treats allies as partners rather than as subjects of extraterritorial rules is more likely to "
        "endure changes of government on both sides of the Atlantic."
    ),
    Para(
        "Three steps would help. First, the allies should establish a standing committee to agree designations "
        "before they are announced, so that no government learns of a new measure from the press. Second, they "
        "should publish joint, up-to-date guidance for banks on humanitarian trade, reducing the over-compliance "
        "that now blocks legitimate payments. Third, Washington should commit to consult before imposing secondary "
        "penalties on firms based in allied jurisdictions."
    ),
    Para(
        "These steps would not end every dispute. Allies will continue to differ on priorities, and some "
        "governments will always be more willing than others to accept economic costs. But a framework for "
        "consultation would turn occasional crises into routine negotiations, and it would make the combined "
        "weight of allied economies count for more than the sum of their separate measures."
    ),
    Para(
        "The alternative is a slow, self-reinforcing drift toward fragmentation. If allies come to see American "
        "sanctions as a threat to their own sovereignty, they will invest in payment systems and trade channels "
        "that lie outside the dollar\u2019s reach. That would weaken not only secondary sanctions but every "
        "financial measure that depends on the centrality of the American system. Coordination is therefore not a "
        "concession to allies; it is an investment in the durability of the instrument itself."
    ),
)

COLUMNS_CSS = """
@page {
  size: A4; margin: 22mm 18mm 20mm 18mm;
  @top-left { content: "%(left)s"; font: 8.5pt 'DejaVu Sans'; color: #555; }
  @top-right { content: "%(right)s"; font: 8.5pt 'DejaVu Sans'; color: #555; }
  @bottom-right { content: counter(page); font: 9pt 'DejaVu Sans'; }
}
html { font-family: 'DejaVu Serif'; font-size: 11pt; line-height: 1.5; }
h1 { font: bold 19pt 'DejaVu Sans'; margin: 0 0 2mm 0; }
.byline { font: 10pt 'DejaVu Sans'; margin: 0 0 7mm 0; }
.cols { columns: 2; column-gap: 9mm; }
p.body { margin: 0 0 3mm 0; text-align: justify; hyphens: auto; }
"""

# ---------------------------------------------------------------------------------------------------------------
# scan.pdf

SCAN_TEXT = (
    "Memorandum on sanctions relief",
    "",
    "The committee met on 4 March to review the proposal for phased relief.",
    "Members agreed that any easing must follow verified steps by the",
    "government, and that the first tranche should cover humanitarian trade",
    "only. A further review is scheduled for June.",
)

# ---------------------------------------------------------------------------------------------------------------
# report.docx and tracked.docx

DOCX_TITLE = "Relief for Results: Sanctions Policy After the Ceasefire"
DOCX_AUTHOR = "Amira Haddad"
DOCX_SUBJECT = "Sanctions relief"
DOCX_BLOCKS = (
    ("Heading 1", DOCX_TITLE),
    (
        "Normal",
        "A ceasefire changes the question that sanctions policy must answer. While fighting continues, the aim "
        "is to raise the cost of war; once the guns fall silent, the aim becomes to make peace more rewarding "
        "than a return to conflict.",
    ),
    (
        "Normal",
        "That shift does not mean that all measures should be lifted at once. Relief granted too early removes "
        "the incentive to comply with the terms of the agreement, and relief granted too late convinces the "
        "other side that compliance will never be rewarded.",
    ),
    ("Heading 2", "Sequencing relief"),
    (
        "Normal",
        "The answer is sequencing. Measures that bear on humanitarian trade and civilian reconstruction should "
        "be eased first, because their costs fall mostly on ordinary people and their removal builds public "
        "support for the settlement.",
    ),
    (
        "Normal",
        "Measures that target the military and security services should come last, and only after independent "
        "monitors confirm that forces have withdrawn and prisoners have been exchanged.",
    ),
    (
        "Normal",
        "Between these two poles lie the financial and energy measures that matter most to the economy as a "
        "whole. These should be eased in stages, each tied to a verifiable step, with a clear rule for "
        "reimposing them if the step is reversed.",
    ),
    ("Heading 2", "Keeping allies together"),
    (
        "Normal",
        "Sequencing works only if the allies who imposed the sanctions agree on the sequence. A government that "
        "moves alone invites the others to follow at their own pace, and the target learns that it can divide "
        "the coalition by rewarding whoever moves first.",
    ),
    (
        "Normal",
        "A joint relief schedule, published when the ceasefire is signed, would give every party the same map "
        "and the same milestones.",
    ),
    (
        "Normal",
        "Sanctions were imposed to change behaviour. If behaviour changes, relief is not a concession; it is "
        "the proof that the policy worked.",
    ),
)
DOCX_COMMENT_ON = "independent monitors"  # the run of body paragraph 4 that the comment is anchored to
DOCX_COMMENT = "Which monitors? Name the mission, or say who would appoint it."
DOCX_COMMENT_AUTHOR = "Reviewer One"

TRACKED_TITLE = "Tracked changes sample"
TRACKED_AUTHOR = "Amira Haddad"
# Each paragraph: runs of (kind, text); kind is "", "ins" (a tracked insertion) or "del" (a tracked deletion).
TRACKED = (
    (("", "Relief should be tied to "), ("del", "vague "), ("ins", "verifiable "), ("", "steps.")),
    (("", "The first tranche covers humanitarian trade"), ("ins", " and reconstruction"), ("", ".")),
    (("", "Military measures come last."), ("del", " They may never be lifted.")),
)


# ---------------------------------------------------------------------------------------------------------------
# builders


class _Warnings(logging.Handler):
    """Collects WeasyPrint warnings so that a rendering problem stops the script instead of passing unseen."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _typed(text: str, ligatures: bool) -> str:
    if ligatures:
        for code_point, letters in LIGATURES.items():
            text = text.replace(letters, code_point)
    return text


def _para_html(index: int, para: Para, ligatures: bool = False) -> str:
    body = _typed(para.text, ligatures)
    if not para.footnote:
        return f'<p class="body" id="p{index}">{html.escape(body, quote=False)}</p>'
    cut = body.index(para.call_after) + len(para.call_after)
    note = f'<span class="fn" id="fn{index}">{html.escape(para.footnote, quote=False)}</span>'
    before, after = html.escape(body[:cut], quote=False), html.escape(body[cut:], quote=False)
    return f'<p class="body" id="p{index}">{before}{note}{after}</p>'


def _head(title: str, author: str, description: str) -> str:
    return (
        f"<title>{html.escape(title)}</title>"
        f'<meta name="author" content="{html.escape(author)}">'
        f'<meta name="description" content="{html.escape(description)}">'
        f'<meta name="keywords" content="sanctions, policy">'
        f'<meta name="generator" content="comparator tests/data/pdf/make.py">'
        f'<meta name="dcterms.created" content="{CREATED.isoformat()}">'
        f'<meta name="dcterms.modified" content="{MODIFIED.isoformat()}">'
    )


def report_html() -> str:
    parts = []
    for i, para in enumerate(REPORT, start=1):
        if i in REPORT_HEADINGS:
            parts.append(f"<h2>{html.escape(REPORT_HEADINGS[i])}</h2>")
        parts.append(_para_html(i, para))
    css = REPORT_CSS % {"header": _css_string(REPORT_HEADER)}
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"{_head(REPORT_TITLE, REPORT_AUTHOR, REPORT_SUBTITLE)}<style>{css}</style></head><body>"
        f"<h1>{html.escape(REPORT_TITLE)}</h1>"
        f'<p class="subtitle">{html.escape(REPORT_SUBTITLE)}</p>'
        f'<p class="byline">By {html.escape(REPORT_AUTHOR)}</p>'
        f'<p class="org">{html.escape(REPORT_ORG)}</p>'
        f"{''.join(parts)}</body></html>"
    )


def columns_html() -> str:
    css = COLUMNS_CSS % {"left": _css_string(COLUMNS_HEADER_LEFT), "right": _css_string(COLUMNS_HEADER_RIGHT)}
    body = "".join(_para_html(i, para, ligatures=True) for i, para in enumerate(COLUMNS, start=1))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"{_head(COLUMNS_TITLE, COLUMNS_AUTHOR, COLUMNS_HEADER_LEFT)}<style>{css}</style></head><body>"
        f"<h1>{html.escape(COLUMNS_TITLE)}</h1>"
        f'<p class="byline">By {html.escape(COLUMNS_AUTHOR)}</p>'
        f'<div class="cols">{body}</div></body></html>'
    )


@dataclass(frozen=True)
class Layout:
    """Where WeasyPrint put each element with an id: first page (1-based), last page, and column on the first."""

    pdf: bytes
    pages: int
    first_page: dict[str, int]
    last_page: dict[str, int]
    column: dict[str, int]
    note_page: dict[str, int]  # page of each footnote's body (its call is on first_page)
    line_ends: tuple[tuple[int, str, bool], ...]  # (page, last word, last line of its page) per hyphen line end


def render(source: str) -> Layout:
    handler = _Warnings()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        document = weasyprint.HTML(string=source).render()
        # pdf_identifier=True: pydyf writes an /ID that is the MD5 of the file, so it is stable across runs.
        pdf = document.write_pdf(pdf_identifier=True)
    finally:
        logger.removeHandler(handler)
    if handler.messages:
        sys.exit("WeasyPrint warned: " + "; ".join(handler.messages))
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    column: dict[str, int] = {}
    note_page: dict[str, int] = {}
    line_ends: list[tuple[int, str, bool]] = []
    for number, page in enumerate(document.pages, start=1):
        box = page._page_box  # no public API gives boxes by element; this is WeasyPrint's layout tree
        middle = box.margin_width() / 2
        for child in box.descendants():
            element = getattr(child, "element", None)
            ident = element.get("id") if element is not None else None
            if not ident:
                continue
            if ident not in first:
                first[ident] = number
                column[ident] = 1 if child.position_x < middle else 2
            last[ident] = number
            if isinstance(child, BlockBox) and "fn" in element.get("class", "").split():
                note_page.setdefault(ident, number)
        body_lines = [
            "".join(t.text for t in line.descendants() if isinstance(t, TextBox)).rstrip()
            for line in box.descendants()
            if isinstance(line, LineBox) and getattr(line.element, "tag", "") == "p"
        ]
        for i, text in enumerate(body_lines):
            if text.endswith(("-", "\u2010")):
                line_ends.append((number, text.split()[-1], i == len(body_lines) - 1))
    return Layout(pdf, len(document.pages), first, last, column, note_page, tuple(line_ends))


def make_scan() -> bytes:
    width, height = int(8.27 * SCAN_DPI), int(11.69 * SCAN_DPI)  # A4
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    title = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif-Bold.ttf"), 34)
    body = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif.ttf"), 26)
    y = 180
    for i, line in enumerate(SCAN_TEXT):
        draw.text((150, y), line, font=title if i == 0 else body, fill=0)
        y += 60 if i == 0 else 42
    # A slight rotation, as a real page on a scanner glass has; then bilevel, stored CCITT G4 (a few KB).
    image = image.rotate(0.6, resample=Image.Resampling.BILINEAR, fillcolor=255).point(lambda v: 255 if v > 160 else 0)
    out = io.BytesIO()
    stamp = CREATED.timetuple()
    image.convert("1").save(out, "PDF", resolution=SCAN_DPI, title="scan", author="", creationDate=stamp, modDate=stamp)
    return out.getvalue()


def _fixed_ids(writer: pypdf.PdfWriter, seed: bytes) -> None:
    # pypdf draws the second /ID half from `secrets`; both halves fixed keeps the file stable. No public setter.
    ident = ByteStringObject(hashlib.md5(seed).digest())  # noqa: S324 - an identifier, not security
    writer._ID = ArrayObject([ident, ident])


def encrypt(pdf: bytes, user_password: str, owner_password: str, permissions: int, seed: bytes) -> bytes:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf))
    _fixed_ids(writer, seed)
    # RC4-128 needs no crypto library and, unlike AES, no random IVs, so the output is deterministic.
    writer.encrypt(user_password, owner_password, permissions_flag=permissions, algorithm="RC4-128")
    _fixed_ids(writer, seed)  # encrypt() keys on /ID[0] (unchanged) and redraws /ID[1]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_empty() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_metadata({"/Title": "empty", "/Producer": "pypdf"})
    _fixed_ids(writer, b"empty")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _stable_zip(data: bytes) -> bytes:
    """Re-pack a .docx with fixed member timestamps (python-docx stamps the current time on each member)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def _core(document: docx.document.Document, title: str, author: str) -> None:
    props = document.core_properties
    props.title = title
    props.author = author
    props.subject = DOCX_SUBJECT
    props.keywords = "sanctions; relief"
    props.last_modified_by = author
    props.created = CREATED.replace(tzinfo=None)  # python-docx writes naive datetimes as UTC ("Z")
    props.modified = MODIFIED.replace(tzinfo=None)
    props.revision = 1


def make_docx() -> bytes:
    document = docx.Document()
    _core(document, DOCX_TITLE, DOCX_AUTHOR)
    for style, text in DOCX_BLOCKS:
        paragraph = document.add_paragraph(style=style)
        if DOCX_COMMENT_ON in text:
            head, tail = text.split(DOCX_COMMENT_ON, 1)
            paragraph.add_run(head)
            anchor = paragraph.add_run(DOCX_COMMENT_ON)
            paragraph.add_run(tail)
            comment = document.add_comment(anchor, text=DOCX_COMMENT, author=DOCX_COMMENT_AUTHOR, initials="R1")
            comment._comment_elm.date = MODIFIED.replace(tzinfo=None)  # add_comment stamps now(); no setter
        else:
            paragraph.add_run(text)
    out = io.BytesIO()
    document.save(out)
    return _stable_zip(out.getvalue())


def _tracked_run(paragraph, kind: str, text: str, change_id: int) -> None:
    """python-docx has no API for tracked changes: build <w:ins>/<w:del> around a run by hand."""
    run = paragraph.add_run(text)
    if not kind:
        return
    r = run._r
    if kind == "del":
        t = r.find(qn("w:t"))
        t.tag = qn("w:delText")
    wrapper = OxmlElement(f"w:{kind}")
    wrapper.set(qn("w:id"), str(change_id))
    wrapper.set(qn("w:author"), "Reviewer One")
    wrapper.set(qn("w:date"), MODIFIED.strftime("%Y-%m-%dT%H:%M:%SZ"))
    r.addprevious(wrapper)
    wrapper.append(r)


def make_tracked() -> bytes:
    document = docx.Document()
    _core(document, TRACKED_TITLE, TRACKED_AUTHOR)
    change_id = 1
    for runs in TRACKED:
        paragraph = document.add_paragraph()
        for kind, text in runs:
            _tracked_run(paragraph, kind, text, change_id)
            change_id += 1 if kind else 0
    out = io.BytesIO()
    document.save(out)
    return _stable_zip(out.getvalue())


# ---------------------------------------------------------------------------------------------------------------
# expected.yaml


def _paragraphs(paras: tuple[Para, ...], layout: Layout, columns: bool = False) -> list[dict]:
    out = []
    for i, para in enumerate(paras, start=1):
        entry: dict = {"page": layout.first_page[f"p{i}"]}
        if layout.last_page[f"p{i}"] != entry["page"]:
            entry["ends_on_page"] = layout.last_page[f"p{i}"]
        if columns:
            entry["column"] = layout.column[f"p{i}"]
        entry["text"] = para.text
        out.append(entry)
    return out


def _footnotes(paras: tuple[Para, ...], layout: Layout) -> list[dict]:
    notes = []
    for i, para in enumerate(paras, start=1):
        if para.footnote:
            notes.append(
                {
                    "number": len(notes) + 1,
                    "paragraph": i,
                    "call_after": para.call_after,
                    "page": layout.note_page[f"fn{i}"],
                    "text": para.footnote,
                }
            )
    return notes


def _hyphens(layout: Layout) -> dict:
    """Line-end hyphens as laid out: automatic ones (U+2010) must be undone, real ones (U+002D) kept."""
    return {
        "automatic_u2010": sum(1 for _, word, _ in layout.line_ends if word.endswith("\u2010")),
        "real_u002d": [f"page {page}: {word}" for page, word, _ in layout.line_ends if word.endswith("-")],
        "across_page_break": [f"page {page}: {word}" for page, word, last in layout.line_ends if last],
    }


def _pdf_meta(title: str, author: str, description: str) -> dict:
    return {
        "title": title,
        "author": author,
        "subject": description,
        "keywords": "sanctions, policy",
        "creator": "comparator tests/data/pdf/make.py",
        "producer": f"WeasyPrint {weasyprint.__version__}",
        "created": CREATED.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "modified": MODIFIED.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def expected(report: Layout, columns: Layout) -> dict:
    report_drop = {
        page: ([REPORT_HEADER] if page > 1 else []) + [f"Page {page} of {report.pages}"]
        for page in range(1, report.pages + 1)
    }
    columns_drop = {
        page: [COLUMNS_HEADER_LEFT, COLUMNS_HEADER_RIGHT, str(page)] for page in range(1, columns.pages + 1)
    }
    docx_body = [text for style, text in DOCX_BLOCKS if style == "Normal"]
    return {
        "report.pdf": {
            "tests": "a multi-page report: running header and footer, footnotes, auto-hyphenation, ligatures",
            "pages": report.pages,
            "metadata": _pdf_meta(REPORT_TITLE, REPORT_AUTHOR, REPORT_SUBTITLE),
            "front_matter": [REPORT_TITLE, REPORT_SUBTITLE, f"By {REPORT_AUTHOR}", REPORT_ORG],
            "headings": [
                {"text": text, "before_paragraph": i, "page": report.first_page[f"p{i}"]}
                for i, text in REPORT_HEADINGS.items()
            ],
            "paragraphs": _paragraphs(REPORT, report),
            "drop": report_drop,
            "footnotes": _footnotes(REPORT, report),
            "footnote_calls": "a superscript digit right after call_after, in the body text (smaller font, raised)",
            "line_end_hyphens": _hyphens(report),
            "ligatures": "fi/fl/ffi glyphs formed from plain letters; the text layer maps them back to letters",
        },
        "two-column.pdf": {
            "tests": "reading order over two text columns; header split into left and right boxes; bare page number",
            "pages": columns.pages,
            "metadata": _pdf_meta(COLUMNS_TITLE, COLUMNS_AUTHOR, COLUMNS_HEADER_LEFT),
            "front_matter": [COLUMNS_TITLE, f"By {COLUMNS_AUTHOR}"],
            "ligatures": "every fi and fl typed as U+FB01/U+FB02, so the text layer has the code points; the "
            "expected text has letters (NFKC, or a two-entry map, undoes them)",
            "ligature_code_points": sum(p.text.count(lt) for p in COLUMNS for lt in LIGATURES.values()),
            "line_end_hyphens": _hyphens(columns),
            "paragraphs": _paragraphs(COLUMNS, columns, columns=True),
            "drop": columns_drop,
            "footnotes": [],
        },
        "scan.pdf": {
            "tests": "a page that is only an image of text (CCITT G4, 150 dpi): no text layer",
            "pages": 1,
            "refusal": "needs_ocr",
            "image_text": list(SCAN_TEXT),
        },
        "encrypted.pdf": {
            "tests": "report.pdf encrypted with a user password (RC4-128, Standard security handler R3)",
            "pages": report.pages,
            "refusal": "encrypted",
            "user_password": USER_PASSWORD,
        },
        "restricted.pdf": {
            "tests": "report.pdf encrypted with an empty user password and an owner password forbidding copying",
            "pages": report.pages,
            "refusal": None,
            "same_text_as": "report.pdf",
            "note": "opens without a password, as in any viewer; the no-copy permission bit is advisory",
        },
        "truncated.pdf": {
            "tests": f"the first {TRUNCATE_AT:.0%} of report.pdf's bytes: no cross-reference table, no %EOF",
            "refusal": "truncated",
        },
        "empty.pdf": {
            "tests": "a well-formed PDF (pypdf) whose page tree has zero pages",
            "pages": 0,
            "refusal": "zero_pages",
        },
        "report.docx": {
            "tests": "core properties, heading styles, a comment that must not enter the body text",
            "metadata": {
                "title": DOCX_TITLE,
                "author": DOCX_AUTHOR,
                "subject": DOCX_SUBJECT,
                "created": CREATED.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "modified": MODIFIED.strftime("%Y-%m-%dT%H:%M:%SZ"),
            },
            "title": DOCX_TITLE,
            "headings": [{"level": int(style[-1]), "text": text} for style, text in DOCX_BLOCKS if style != "Normal"],
            "blocks": [{"style": style, "text": text} for style, text in DOCX_BLOCKS],
            "paragraphs": docx_body,
            "comments": [
                {
                    "author": DOCX_COMMENT_AUTHOR,
                    "anchor": DOCX_COMMENT_ON,
                    "paragraph": next(i for i, t in enumerate(docx_body, start=1) if DOCX_COMMENT_ON in t),
                    "text": DOCX_COMMENT,
                }
            ],
        },
        "tracked.docx": {
            "tests": "tracked changes (w:ins, w:del) written as raw OOXML; python-docx has no API for them",
            "metadata": {"title": TRACKED_TITLE, "author": TRACKED_AUTHOR},
            "paragraphs_accepted": ["".join(t for k, t in runs if k != "del") for runs in TRACKED],
            "paragraphs_original": ["".join(t for k, t in runs if k != "ins") for runs in TRACKED],
            "python_docx_paragraph_text": ["".join(t for k, t in runs if not k) for runs in TRACKED],
        },
    }


HEADER_COMMENT = """\
# Written by make.py; do not edit by hand. What a good ingest of each file in this folder must yield.
# Paragraph text is the text as written: hyphenation at line ends undone, ligatures as plain letters, footnote
# calls and footnote text left out. page = the page on which the paragraph starts (1-based); ends_on_page is
# given when it runs onto a later page; column (two-column.pdf) is the column it starts in. drop = per page,
# the lines that are page furniture (running header, footer, page number), never body text; an extractor may
# give a header's left and right boxes as one line. refusal = what ingest must say instead of reading the
# file (needs_ocr, encrypted, truncated, zero_pages); null means it must read it.
"""


def build() -> dict[str, bytes]:
    report = render(report_html())
    columns = render(columns_html())
    files = {
        "report.pdf": report.pdf,
        "two-column.pdf": columns.pdf,
        "scan.pdf": make_scan(),
        "encrypted.pdf": encrypt(report.pdf, USER_PASSWORD, USER_PASSWORD, -1, b"encrypted"),
        "restricted.pdf": encrypt(
            report.pdf,
            "",
            OWNER_PASSWORD,
            UserAccessPermissions.PRINT | UserAccessPermissions.R1 | UserAccessPermissions.R2,
            b"restricted",
        ),
        "truncated.pdf": report.pdf[: int(len(report.pdf) * TRUNCATE_AT)],
        "empty.pdf": make_empty(),
        "report.docx": make_docx(),
        "tracked.docx": make_tracked(),
    }
    assert 3 <= report.pages <= 4, report.pages
    crossing = [ident for ident, page in report.first_page.items() if report.last_page[ident] != page]
    assert len(crossing) >= 2, f"want paragraphs across page breaks; only {crossing}"
    # WeasyPrint 70 can set a footnote body pages after its call (here: a page-2 call went to page 4 while page 1
    # had a footnote and a paragraph ran on to page 2; upstream reports #1564, #2502): keep them together.
    misplaced = {ident: page for ident, page in report.note_page.items() if page != report.first_page[ident]}
    assert not misplaced, f"footnote body not on its call's page: {misplaced}"
    assert columns.pages == 2, columns.pages
    assert any(word.endswith("-") for _, word, _ in columns.line_ends), "want a real hyphen at a line end"
    assert any(last for _, _, last in report.line_ends), "want a word hyphenated across a page break"
    text = yaml.safe_dump(expected(report, columns), sort_keys=False, allow_unicode=True, width=10_000)
    files["expected.yaml"] = (HEADER_COMMENT + text).encode()
    return files


def main() -> None:
    first, second = build(), build()
    unstable = [name for name in first if first[name] != second[name]]
    if unstable:
        sys.exit(f"not deterministic: {', '.join(unstable)}")
    for name, data in first.items():
        (HERE / name).write_bytes(data)
        print(f"{name:16} {len(data):>7,} bytes  sha256 {hashlib.sha256(data).hexdigest()[:12]}")


if __name__ == "__main__":
    main()
