"""Text out of a Word file (.docx, python-docx): its paragraphs, which of them are headings, and the
document's core properties. Tracked changes are read as accepted; comments are left out; both said so."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from comparator.errors import InputError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class WordText:
    text: str  # paragraphs separated by blank lines
    headings: tuple[tuple[int, int, str], ...]  # (start, end, style) of each heading paragraph in text
    metadata: dict
    warnings: tuple[str, ...]


def read_docx(path: Path, data: bytes) -> WordText:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise InputError(f"{path}: not a readable Word file (.docx); damaged, or an old .doc saved as .docx") from None
    blocks, headings, tracked = [], [], False
    offset = 0
    for paragraph in document.paragraphs:
        element = paragraph._p
        tracked = tracked or element.find(f".//{_W}ins") is not None or element.find(f".//{_W}del") is not None
        # w:t holds the text with insertions; deleted text sits in w:delText, which this leaves out
        text = "".join(node.text or "" for node in element.iter(f"{_W}t")).strip()
        if not text:
            continue
        style = paragraph.style.name if paragraph.style is not None else ""
        if blocks:
            offset += 2
        if style.startswith(("Heading", "Title", "Subtitle")):
            headings.append((offset, offset + len(text), style))
        blocks.append(text)
        offset += len(text)
    core = document.core_properties
    metadata = {}
    if core.title:
        metadata["title"] = core.title.strip()
    if core.author:
        metadata["authors"] = tuple(a.strip() for a in core.author.replace(" and ", ";").split(";") if a.strip())
    if core.created:
        metadata["date"] = core.created.date().isoformat()
    warnings = []
    if tracked:
        warnings.append(f"{path.name}: tracked changes were read as accepted")
    if any(part.partname.endswith("/comments.xml") for part in document.part.package.iter_parts()):
        warnings.append(f"{path.name}: comments were left out")
    return WordText("\n\n".join(blocks), tuple(headings), metadata, tuple(warnings))
