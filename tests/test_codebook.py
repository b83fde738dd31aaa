"""Codebook loading and validation: typed objects, every problem listed with its path."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from comparator.codebook import compile_cue, load_codebook, parse_codebook
from comparator.coding import misplaced_exemplars
from comparator.errors import CodebookError
from tests.helpers import invoke_cli

CODEBOOKS = Path(__file__).resolve().parent.parent / "comparator" / "codebooks"


def test_default_codebook_has_the_four_dimensions_with_two_poles_each(codebook):
    assert codebook.ids == ("diagnosis", "approach", "sanctions", "feasibility")
    for dim in codebook.dimensions:
        assert dim.question and dim.description and dim.cues
        assert dim.stance is not None and dim.stance.negative.cues and dim.stance.positive.cues
    assert codebook.dimension("sanctions").stance.negative.label == "keep or raise pressure"
    assert len(codebook.sha256) == 64


def test_example_codebook_for_another_field_loads():
    climate = load_codebook(CODEBOOKS / "climate.yaml")
    assert len(climate.ids) == 4 and "instrument" in climate.ids


def test_every_problem_is_listed_with_its_path():
    raw = {
        "dimensions": [
            {
                "id": "Bad Id",
                "label": "x",
                "question": "q",
                "description": "d",
                "cues": {"a": 1},
                "stance": {"poles": [{"label": "only one", "cues": {"b": 1}}]},
            },
            {"id": "ok", "label": "y", "description": "d", "cues": {"(": 1, "c": 99}},
        ],
        "colour": "red",
    }
    with pytest.raises(CodebookError) as info:
        parse_codebook(raw, source="broken.yaml")
    problems = info.value.problems
    assert "dimensions -> 0 -> stance -> poles: expected two (first = -1, second = +1)" in problems
    assert any(p.startswith("dimensions -> 0 -> id:") for p in problems)
    assert "dimensions -> 1 -> question: missing" in problems
    assert any(p.startswith("dimensions -> 1 -> cues -> c: weight") for p in problems)
    assert "colour: unknown field" in problems
    assert str(info.value).startswith("codebook broken.yaml: 5 problem(s)")


def test_duplicate_ids_and_reserved_names():
    dim = {"label": "x", "question": "q", "description": "d", "cues": {"a": 1}}
    with pytest.raises(CodebookError) as info:
        parse_codebook({"dimensions": [{"id": "none", **dim}, {"id": "a", **dim}, {"id": "a", **dim}]})
    assert any("none" in p for p in info.value.problems)
    assert "dimensions -> 2 -> id: duplicate id 'a'" in info.value.problems


def test_invalid_yaml_names_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("dimensions:\n  - id: a\n   label: [unclosed\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="not valid YAML at line"):
        load_codebook(path)


@pytest.mark.parametrize(
    ("cue", "text", "hit"),
    [
        ("sanction*", "new sanctions bite", True),
        ("step by step", "a step-by-step deal", True),
        ("relief", "reliefs", False),
        ("US", "the US said", True),
        ("US", "join us", False),
        ("re:\\bfail(ed|ure)\\b", "a failure", True),
        # a regex that says where case matters is case-insensitive elsewhere
        ("re:\\brenew\\w* (?-i:MFN)\\b", "Renewing MFN", True),
        ("re:\\brenew\\w* (?-i:MFN)\\b", "renewing mfn", False),
    ],
)
def test_cue_syntax(cue, text, hit):
    assert bool(compile_cue(cue).search(text)) is hit


@pytest.mark.parametrize("name", ["default", "climate"])
def test_bundled_exemplars_are_coded_to_their_dimension_by_their_own_cues(name):
    book = load_codebook(CODEBOOKS / f"{name}.yaml")
    assert all(len(d.exemplars) >= 2 for d in book.dimensions)
    assert misplaced_exemplars(book) == []


def test_check_codebook_names_an_exemplar_its_cues_do_not_reach(tmp_path):
    dims = [
        {"id": "a", "label": "A", "question": "q", "description": "d", "cues": {"tariff*": 2}, "exemplars": [e]}
        for e in ["Tariffs are a tax on consumers."]
    ] + [
        {
            "id": "b",
            "label": "B",
            "question": "q",
            "description": "d",
            "cues": {"quota": 2},
            "exemplars": ["Nothing here."],
        }
    ]
    path = tmp_path / "book.yaml"
    path.write_text(yaml.safe_dump({"name": "t", "dimensions": dims}), encoding="utf-8")
    result = invoke_cli("check-codebook", str(path))
    assert result.returncode == 0
    assert "exemplars: 1 of 2 coded to their dimension" in result.stdout
    assert "warning: b exemplar coded none: Nothing here." in result.stderr


def test_asking_for_a_dimension_the_codebook_lacks_names_what_it_has(codebook):
    with pytest.raises(KeyError, match="has no dimension 'trade' \\(it has diagnosis, approach"):
        codebook.dimension("trade")


def test_bundled_codebooks_are_found_by_name_and_a_file_wins_over_a_name(tmp_path, monkeypatch):
    assert load_codebook("climate").ids == load_codebook(CODEBOOKS / "climate.yaml").ids
    assert load_codebook(Path("default")).sha256 == load_codebook(None).sha256
    monkeypatch.chdir(tmp_path)
    (tmp_path / "climate").write_text((CODEBOOKS / "default.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "default.learned.json").write_bytes((CODEBOOKS / "default.learned.json").read_bytes())
    assert load_codebook(Path("climate")).ids == load_codebook("default").ids  # the file here, not the bundled one
    with pytest.raises(CodebookError, match=r"no bundled codebook of that name \(climate, default\)"):
        load_codebook(Path("housing"))


def test_codebooks_command_lists_each_bundled_codebook_with_its_dimensions():
    result = invoke_cli("codebooks")
    assert result.returncode == 0
    names = [line.split(":")[0] for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert names == ["climate", "default"]
    assert "  instrument: Policy instrument (rules and public spending <-> market prices)" in result.stdout
    assert "  sanctions: View of sanctions (keep or raise pressure <-> offer relief)" in result.stdout
    assert invoke_cli("check-codebook", "climate").returncode == 0
    refused = invoke_cli("check-codebook", "climat")
    assert refused.returncode == 2 and "no bundled codebook" in refused.stderr
