"""Where the brief's links lead: each sentence's anchor in the coded-text appendix, and which sentences that
appendix shows (so that a chart mark or a quote never links to a sentence the page does not hold)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from comparator.pipeline import Analysis

APPENDIX_SENTENCES = 600  # per article: a book-length source would otherwise make a PDF of a thousand pages


def anchor(sid: str) -> str:
    """The HTML id of a sentence in the coded-text appendix."""
    return "s-" + "".join(ch if ch.isalnum() else "-" for ch in sid)


def quoted(analysis: Analysis) -> frozenset[str]:
    """The ids of the sentences quoted as evidence in the matrix."""
    return frozenset(c.sentence.sid for d in analysis.comparison.dimensions for cell in d.cells for c in cell.evidence)


def shown(analysis: Analysis) -> frozenset[str]:
    """The ids of the sentences the appendix shows: each article's first APPENDIX_SENTENCES and every quoted one."""
    evidence = quoted(analysis)
    return frozenset(
        c.sentence.sid
        for coded in analysis.coded
        for c in coded.codings
        if c.sentence.index <= APPENDIX_SENTENCES or c.sentence.sid in evidence
    )


def link(sid: str, shown_sids: frozenset[str]) -> str:
    """A link to the sentence in the appendix, or "" when the appendix leaves it out."""
    return "#" + anchor(sid) if sid in shown_sids else ""
