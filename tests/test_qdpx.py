"""The REFI-QDA export: every coded sentence is a selection whose positions give back its text, every code a
selection names exists, elements come in the schema's order, and the files are byte-stable."""

from __future__ import annotations

import re
import zipfile
from xml.etree import ElementTree as ET

import pytest

from comparator.qdpx import CODEBOOK, PROJECT, codebook_xml, project_xml, write_qdpx

GUID = re.compile(r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}")
PROJECT_ORDER = [
    "Users",
    "CodeBook",
    "Variables",
    "Cases",
    "Sources",
    "Notes",
    "Links",
    "Sets",
    "Graphs",
    "Description",
]


def _n(name: str, ns: str = PROJECT) -> str:
    return f"{{{ns}}}{name}"


@pytest.fixture(scope="module")
def project(brief_dir):
    with zipfile.ZipFile(brief_dir / "project.qdpx") as archive:
        names = archive.namelist()
        root = ET.fromstring(archive.read("project.qde"))  # noqa: S314 - our own output
        texts = {n.removeprefix("Sources/"): archive.read(n).decode("utf-8") for n in names if n != "project.qde"}
    return names, root, texts


def test_the_project_holds_one_text_per_article_and_the_xml_at_its_root(project, analysis):
    names, root, texts = project
    assert names[0] == "project.qde" and all(n.startswith("Sources/") for n in names[1:])
    assert sorted(texts.values()) == sorted(a.text for a in analysis.articles)
    assert root.tag == _n("Project") and root.get("origin", "").startswith("comparator ")


def test_children_come_in_the_order_the_schema_requires(project):
    _, root, _ = project
    tags = [child.tag.removeprefix("{" + PROJECT + "}") for child in root]
    assert tags == [t for t in PROJECT_ORDER if t in tags]
    for code in root.iter(_n("Code")):
        kinds = [c.tag for c in code]
        assert kinds == sorted(kinds, key=lambda t: t != _n("Description"))  # Description before child codes
    for selection in root.iter(_n("PlainTextSelection")):
        kinds = [c.tag for c in selection]
        assert kinds == sorted(kinds, key=lambda t: t != _n("Description"))


def test_every_selection_gives_back_its_sentence_and_is_coded_with_codes_that_exist(project, analysis, codebook):
    _, root, texts = project
    codes = {c.get("guid"): c.get("name") for c in root.iter(_n("Code"))}
    assert len(codes) == len(codebook.dimensions) + 2 * len(codebook.scaled)
    users = {u.get("guid") for u in root.iter(_n("User"))}
    expected = {
        (c.sentence.start, c.sentence.end, c.sentence.text)
        for coded in analysis.coded
        for c in coded.codings
        if c.dimension
    }
    found = set()
    for source in root.iter(_n("TextSource")):
        text = texts[source.get("plainTextPath").removeprefix("internal://")]
        for selection in source.iter(_n("PlainTextSelection")):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            found.add((start, end, text[start:end]))
            refs = [r.get("targetGUID") for r in selection.iter(_n("CodeRef"))]
            assert refs and all(r in codes for r in refs) and selection.get("creatingUser") in users
            assert len(set(refs)) == len(refs)
    assert found == expected
    every = [e.get(a) for e in root.iter() for a in ("guid", "targetGUID", "creatingUser") if e.get(a)]
    assert all(GUID.fullmatch(g) for g in every)
    assert len({e.get("guid") for e in root.iter() if e.get("guid")}) == len([e for e in root.iter() if e.get("guid")])


def test_a_sentence_taking_a_side_is_coded_with_its_pole(project, codebook):
    _, root, _ = project
    poles = {c.get("guid"): c.get("name") for c in root.iter(_n("Code")) if ": " in c.get("name")}
    sides = [
        poles[r.get("targetGUID")]
        for s in root.iter(_n("PlainTextSelection"))
        for r in s.iter(_n("CodeRef"))
        if r.get("targetGUID") in poles
    ]
    sanctions = codebook.dimension("sanctions")
    assert f"{sanctions.label}: {sanctions.stance.positive.label}" in sides
    assert len(set(sides)) >= 4


def test_the_codebook_file_has_the_projects_codes(project, codebook):
    _, root, _ = project
    alone = ET.fromstring(codebook_xml(codebook))  # noqa: S314 - our own output
    assert alone.tag == _n("CodeBook", CODEBOOK)
    assert [c.get("guid") for c in alone.iter(_n("Code", CODEBOOK))] == [c.get("guid") for c in root.iter(_n("Code"))]


def test_the_export_is_byte_stable(analysis, tmp_path):
    write_qdpx(analysis, tmp_path / "a.qdpx")
    write_qdpx(analysis, tmp_path / "b.qdpx")
    assert (tmp_path / "a.qdpx").read_bytes() == (tmp_path / "b.qdpx").read_bytes()
    assert project_xml(analysis)[0].startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<Project ")
