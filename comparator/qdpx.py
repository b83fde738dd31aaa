"""The coding for the analyst's QDA tool: a REFI-QDA project (``project.qdpx``) and codebook (``codebook.qdc``).

REFI-QDA is the exchange standard that ATLAS.ti, MAXQDA, NVivo and QualCoder read (QDA-XML 1.0, the project
schema ``urn:QDA-XML:project:1.0`` and the codebook schema ``urn:QDA-XML:codebook:1.0``). The codebook becomes
codes: one per dimension, with its stance poles as child codes. Each article becomes a text source (its text is
the text the brief's offsets refer to, ``text/NAME.txt``), and each coded sentence a selection, coded with its
dimension, any ``also`` dimension, and the pole of each scale it takes a side on in the author's voice.

Positions are character (code point) offsets, end exclusive, as in ``sentences.csv``. Every GUID is derived from
what it names, so the same brief gives the same project byte for byte, and a code keeps its GUID across briefs
made with the same codebook.
"""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from comparator import tool_version

if TYPE_CHECKING:
    from comparator.codebook import Codebook, Dimension
    from comparator.coding import Coding
    from comparator.ingest import Article
    from comparator.pipeline import Analysis

PROJECT = "urn:QDA-XML:project:1.0"
CODEBOOK = "urn:QDA-XML:codebook:1.0"
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/comparator/refi-qda")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: entries carry no build time
CODE_COLOURS = ("#1f5aa6", "#c2571a", "#2a8a5b", "#8a3ea8", "#a88a1f", "#3f7f8c", "#a63f5a", "#5b5b60")
POLE_COLOURS = ("#b2182b", "#2166ac")  # the -1 pole, the +1 pole


def guid(*parts: object) -> str:
    """A stable GUID for what ``parts`` name (upper case, as ATLAS.ti and MAXQDA write them)."""
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(str(p) for p in parts))).upper()


def _codes(parent: ET.Element, book: Codebook) -> None:
    codes = ET.SubElement(parent, "Codes")
    for i, dim in enumerate(book.dimensions):
        code = ET.SubElement(
            codes,
            "Code",
            guid=_code_guid(book, dim),
            name=dim.label,
            isCodable="true",
            color=CODE_COLOURS[i % len(CODE_COLOURS)],
        )
        ET.SubElement(code, "Description").text = f"{dim.question} {dim.description}"
        if dim.stance is None:
            continue
        for sign, pole in ((-1, dim.stance.negative), (1, dim.stance.positive)):
            child = ET.SubElement(
                code,
                "Code",
                guid=_code_guid(book, dim, sign),
                name=f"{dim.label}: {pole.label}",
                isCodable="true",
                color=POLE_COLOURS[sign > 0],
            )
            ET.SubElement(child, "Description").text = (
                f"Sentences that take the side '{pole.label}' ({'+1' if sign > 0 else '-1'} on the scale of "
                f"{dim.label}), in the author's voice."
            )


def _code_guid(book: Codebook, dim: Dimension, sign: int = 0) -> str:
    return guid("code", book.name, dim.id, sign)


def _xml(root: ET.Element, namespace: str) -> bytes:
    """Elements are written unprefixed: the root's ``xmlns`` puts them all in ``namespace``."""
    root.set("xmlns", namespace)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def codebook_xml(book: Codebook) -> bytes:
    """The codebook alone, as a REFI-QDA codebook exchange file (.qdc)."""
    root = ET.Element("CodeBook", origin=f"comparator {tool_version()}")
    _codes(root, book)
    return _xml(root, CODEBOOK)


def project_xml(analysis: Analysis) -> tuple[bytes, dict[str, str]]:
    """The project file (project.qde) and the text of each source by its file name in ``Sources/``."""
    book = analysis.codebook
    machine, analyst = guid("user", "comparator"), guid("user", "analyst")
    root = ET.Element(
        "Project",
        name="Comparison: " + " vs ".join(a.label for a in analysis.articles),
        origin=f"comparator {tool_version()}",
        creatingUserGUID=machine,
    )
    users = ET.SubElement(root, "Users")
    ET.SubElement(users, "User", guid=machine, name="comparator")
    if analysis.reviewed:
        ET.SubElement(users, "User", guid=analyst, name="analyst (review.csv)")
    _codes(ET.SubElement(root, "CodeBook"), book)
    sources = ET.SubElement(root, "Sources")
    texts: dict[str, str] = {}
    for coded in analysis.coded:
        article = coded.article
        source_guid = guid("source", article.sha256)
        texts[f"{source_guid}.txt"] = article.text
        source = ET.SubElement(
            sources,
            "TextSource",
            guid=source_guid,
            name=f"{analysis.labels[article.doc_id]}: {article.metadata.title or article.doc_id}",
            plainTextPath=f"internal://{source_guid}.txt",
            creatingUser=machine,
        )
        ET.SubElement(source, "Description").text = _about(article)
        for coding in coded.codings:
            if coding.dimension and not coding.excluded:
                _selection(source, coding, book, analyst if coding.analyst else machine)
    ET.SubElement(root, "Description").text = (
        f"Coded by comparator {tool_version()} with the codebook '{book.name}' (SHA-256 {book.sha256[:12]})"
        + (f" and its learned coder (SHA-256 {book.learned.sha256[:12]})" if book.learned is not None else "")
        + ". Positions are character offsets into each source's text, end exclusive."
    )
    return _xml(root, PROJECT), texts


def _about(article: Article) -> str:
    meta = article.metadata
    parts = [
        meta.title,
        meta.subtitle,
        ", ".join(meta.authors),
        meta.outlet,
        meta.date,
        meta.url,
        f"file {Path(article.path).name}",
    ]
    return "\n".join(p for p in parts if p)


def _selection(source: ET.Element, coding: Coding, book: Codebook, user: str) -> None:
    s = coding.sentence
    selection = ET.SubElement(
        source,
        "PlainTextSelection",
        guid=guid("selection", s.doc_id, s.sid),
        name=f"{s.sid} ({s.cite})",
        startPosition=str(s.start),
        endPosition=str(s.end),
        creatingUser=user,
    )
    codes = [_code_guid(book, book.dimension(d)) for d in (coding.dimension, *coding.also)]
    notes = []
    for reading in coding.stances:
        if reading.weight > 0 and reading.value != 0:
            dim = book.dimension(reading.dimension)
            pole = dim.stance.positive if reading.value > 0 else dim.stance.negative
            codes.append(_code_guid(book, dim, 1 if reading.value > 0 else -1))
            notes.append(f"{dim.label}: {reading.value:+.2f}, '{pole.label}' (why: {'; '.join(reading.why)})")
    if coding.note:
        notes.append(f"analyst: {coding.note}")
    if notes:
        ET.SubElement(selection, "Description").text = "\n".join(notes)
    for code in dict.fromkeys(codes):
        node = ET.SubElement(selection, "Coding", guid=guid("coding", s.doc_id, s.sid, code))
        node.set("creatingUser", user)
        ET.SubElement(node, "CodeRef", targetGUID=code)


def write_qdpx(analysis: Analysis, target: Path) -> None:
    """``project.qdpx``: the zip of project.qde and a Sources/ folder of UTF-8 texts (LF, no BOM)."""
    xml, texts = project_xml(analysis)
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in [
            ("project.qde", xml),
            *((f"Sources/{n}", t.encode("utf-8")) for n, t in sorted(texts.items())),
        ]:
            entry = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data)


def write_qdc(book: Codebook, target: Path) -> None:
    target.write_bytes(codebook_xml(book))
