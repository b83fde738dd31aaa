"""The report model and its rendering: what the HTML holds for the model's values, styles a user's folder adds,
the paper size, and quotes that lead to the coded text."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from comparator.errors import InputError
from comparator.render import render_html
from comparator.report import build_report


@pytest.fixture(scope="module")
def report(analysis):
    return build_report(analysis, [], {})


def _style(html: str) -> str:
    return html.split("<style>", 1)[1].split("</style>", 1)[0]


def test_a_folder_with_only_a_style_sheet_extends_the_default_styles(report, tmp_path):
    (tmp_path / "brief.css").write_text("h1 { color: rgb(200, 0, 0); }\n", encoding="utf-8")
    default, extended = _style(render_html(report)), _style(render_html(report, tmp_path))
    assert default in extended.replace("h1 { color: rgb(200, 0, 0); }\n", "")  # every default rule is still there
    assert extended.rindex("h1 { color: rgb(200, 0, 0); }") > extended.rindex("@page")  # and the user's comes last


def test_a_users_template_replaces_the_default_and_may_include_the_default_styles(report, tmp_path):
    (tmp_path / "brief.html.j2").write_text(
        '<html><style>{% include "default/brief.css" %}</style><h1>{{ report.title }}</h1></html>', encoding="utf-8"
    )
    html = render_html(report, tmp_path)
    assert html.startswith("<html><style>") and f"<h1>{report.title}</h1>" in html and "@page" in html


def test_a_templates_folder_without_either_file_is_refused(report, tmp_path):
    with pytest.raises(InputError, match=r"holds neither brief\.html\.j2 nor brief\.css"):
        render_html(report, tmp_path)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_paper_sets_every_page_size(report, paper):
    style = _style(render_html(report, paper=paper))
    assert f"@page {{ size: {paper}; }}" in style and f"@page landscape {{ size: {paper} landscape; }}" in style
    assert style.rindex(f"size: {paper}") > style.rindex("size: A4")  # later, so it wins


def test_every_quote_in_the_matrix_links_to_its_sentence_in_the_coded_text(report):
    html = render_html(report)
    anchors = set(re.findall(r'<span class="s[^"]*" id="([^"]+)"', html))
    quoted = [q for row in report.matrix for cell in row.cells for q in cell.quotes]
    assert quoted and all(q.anchor in anchors for q in quoted if q.anchor)
    assert all(f'href="#{q.anchor}"' in html for q in quoted)


def test_a_creation_date_only_when_source_date_epoch_pins_it(report, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert "dcterms.created" not in render_html(report)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1560000000")
    assert '<meta name="dcterms.created" content="2019-06-08T13:20:00Z">' in render_html(report)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert "dcterms.created" not in render_html(report)


def test_weasyprint_finds_its_libraries_without_starting_a_compiler():
    """WeasyPrint's library names that miss would each run gcc and ld through ctypes.util.find_library; the
    import looks in the linker cache only, and leaves find_library as it found it."""
    script = (
        "import ctypes.util, subprocess, sys\n"
        "started = []\n"
        "real = subprocess.Popen.__init__\n"
        "def spy(self, args, *a, **k):\n"
        "    started.append(str(args[0] if isinstance(args, (list, tuple)) else args))\n"
        "    real(self, args, *a, **k)\n"
        "subprocess.Popen.__init__ = spy\n"
        "before = ctypes.util.find_library\n"
        "from comparator.render import import_weasyprint\n"
        "weasyprint = import_weasyprint()\n"
        "assert weasyprint.HTML(string='<p>x</p>').write_pdf()[:5] == b'%PDF-'\n"
        "assert ctypes.util.find_library is before\n"
        "print(' '.join(started))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert "ldconfig" in done.stdout  # the cache was asked
    assert "gcc" not in done.stdout and " ld" not in f" {done.stdout}"
