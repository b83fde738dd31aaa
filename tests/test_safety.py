"""Safety: hostile input fetches and injects nothing; the PDF is clean, tagged; output is atomic."""

from __future__ import annotations

import hashlib
import http.server
import logging
import re
import shutil
import threading
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
import pypdf
import pytest
from markupsafe import escape

import comparator.brief
import comparator.render
from comparator.brief import build_brief
from comparator.output import MARKER, write_atomically
from comparator.pipeline import analyse, read_articles
from comparator.render import _fetcher_class, default_templates, render_html
from comparator.report import build_report
from comparator.worker import Job
from tests.helpers import DATA, SEED_FILES, run_cli, weasyprint_warnings

HOSTILE = DATA / "hostile.html"
ORIGIN_MARK = "__ORIGIN__"  # stands for the local server's host:port in tests/data/hostile.html
TEMPLATE_SENTENCE = (
    "When a compliance officer at one shipping insurer tested the Treasury reporting form, she "
    "found that a field meant for a vessel name accepted {{ 7*7 }} and "
    "{% raw %}{{ config.items() }}{% endraw %} without complaint, and that a comment reading "
    "<script>alert('sanctions')</script> was stored exactly as typed."
)
FORBIDDEN_TAGS = ("<script", "<iframe", "<object", "<embed", "<link", "<base", "<video", "<svg")
slow = pytest.mark.slow  # uses a full brief with PDF (built once per module)


# --- a local server that counts every connection made to it ------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.paths.append(self.path)
        body = b"body { color: red }"
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_HEAD = do_GET

    def log_message(self, *args) -> None:
        pass  # keep the test output quiet


class _CountingServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.connections = 0  # every accepted connection, even one that never sends a request
        self.paths: list[str] = []

    def verify_request(self, request, client_address) -> bool:
        self.connections += 1
        return True

    @property
    def origin(self) -> str:
        host, port = self.server_address[:2]
        return f"{host}:{port}"


@pytest.fixture(scope="module")
def server():
    httpd = _CountingServer()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    # A request of our own (past any proxy) proves the server answers, so that 0 later means 0.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(f"http://{httpd.origin}/canary", timeout=5) as response:
        assert response.status == 200
    assert httpd.connections == 1
    httpd.connections = 0
    httpd.paths.clear()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


# --- builds, one per module ---------------------------------------------------------------------


@dataclass
class Build:
    out: Path
    log: list[logging.LogRecord]
    urls: set[str] = field(default_factory=set)  # the articles' own metadata urls
    requests: int = 0
    paths: list[str] = field(default_factory=list)

    @property
    def html(self) -> str:
        return (self.out / "brief.html").read_text(encoding="utf-8")

    @property
    def pdf(self) -> pypdf.PdfReader:
        return pypdf.PdfReader(self.out / "brief.pdf")


@pytest.fixture(scope="module")
def seed_build(seed_brief) -> Build:
    built, log = seed_brief  # the session's one seed brief
    return Build(built.out, log, _urls(built.analysis))


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory, server) -> Path:
    page = tmp_path_factory.mktemp("hostile-input") / "hostile.html"
    source = HOSTILE.read_text(encoding="utf-8")
    assert source.count(ORIGIN_MARK) >= 20
    page.write_text(source.replace(ORIGIN_MARK, server.origin), encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory, codebook, server, hostile_page) -> Build:
    out = tmp_path_factory.mktemp("hostile-brief") / "hostile"
    before = server.connections
    with weasyprint_warnings() as log:
        built = build_brief([SEED_FILES[0], hostile_page], out, codebook=codebook)
    return Build(out, log, _urls(built.analysis), server.connections - before, list(server.paths))


@pytest.fixture(scope="module")
def three_build(tmp_path_factory, codebook) -> Build:
    out = tmp_path_factory.mktemp("three-brief") / "three"
    build_brief([*SEED_FILES, HOSTILE], out, codebook=codebook, pdf=False)
    return Build(out, [])


def _urls(analysis) -> set[str]:
    return {a.metadata.url for a in analysis.articles if a.metadata.url}


BUILDS = ["seed_build", "hostile_build"]


# --- the hostile article ------------------------------------------------------------------------


@slow
def test_hostile_page_is_read_as_an_article(hostile_build, hostile_page):
    # The hostile parts must not stop the page from being used: its prose is extracted and coded.
    html = hostile_build.html
    assert "Sanctions Alone Will Not Bring Pyongyang Back to the Table" in html
    assert "Sanctions have raised the cost of North Korea" in html
    assert hostile_page.name in html


@slow
def test_hostile_build_makes_no_request(hostile_build):
    assert hostile_build.requests == 0, hostile_build.paths
    assert hostile_build.paths == []


@slow
@pytest.mark.parametrize("build", BUILDS)
def test_pdf_has_no_attachments_and_no_external_links(build, request):
    reader = request.getfixturevalue(build).pdf
    catalog = reader.trailer["/Root"]
    names = catalog.get("/Names")
    assert names is None or "/EmbeddedFiles" not in names.get_object()
    assert "/AF" not in catalog
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            assert annotation.get("/Subtype") != "/FileAttachment", f"page {number}"
            action = annotation.get("/A")
            assert action is None or "/URI" not in action.get_object(), f"page {number}: {action}"


_CHART = re.compile(r'<div class="chart-frame"[^>]*>(<svg .*?</svg>)</div>', re.S)


def without_charts(html: str) -> str:
    """The page with its inline chart SVGs taken out, each checked first: vl-convert's own markup, its text
    escaped, no script, handler or foreign content, and links only to the brief's own sentences."""
    charts = _CHART.findall(html)
    assert len(charts) == html.count("<svg ") == 5
    for svg in charts:
        lowered = svg.lower()
        assert "<script" not in lowered and "<foreignobject" not in lowered and "javascript:" not in lowered
        assert not re.search(r"\son\w+\s*=", lowered)
        assert all(h.startswith("#s-") for h in re.findall(r'href="([^"]*)"', svg))
        assert set(re.findall(r"https?://[^\s\"'<>)]+", svg)) <= {
            "http://www.w3.org/2000/svg",
            "http://www.w3.org/1999/xlink",
        }
    return _CHART.sub("", html)


@slow
def test_hostile_brief_html_carries_nothing_hostile(hostile_build, server):
    html = without_charts(hostile_build.html)
    assert server.origin not in html
    assert "127.0.0.1" not in html
    assert "etc/passwd" not in html
    for tag in FORBIDDEN_TAGS:
        assert tag not in html.lower()
    assert html.lower().count("<style") == 1  # the brief's own stylesheet, nothing from the page
    assert not re.search(r"url\(\s*['\"]?(?!data:)", html)
    assert "send money now" not in html  # text a page script would have written
    assert "&lt;script&gt;alert(&#39;sanctions&#39;)&lt;/script&gt;" in html  # shown, not run


@slow
def test_template_syntax_in_the_article_stays_literal(hostile_build):
    html = hostile_build.html
    assert str(escape(TEMPLATE_SENTENCE)) in html
    assert "{{ 7*7 }}" in html
    assert "{% raw %}{{ config.items() }}{% endraw %}" in html
    assert "accepted 49" not in html
    assert TEMPLATE_SENTENCE in _pdf_text_back_to(hostile_build.pdf, TEMPLATE_SENTENCE)
    text = (hostile_build.out / "text" / "hostile.txt").read_text(encoding="utf-8")
    assert TEMPLATE_SENTENCE in text


def _pdf_text_back_to(reader: pypdf.PdfReader, needle: str) -> str:
    """The PDF text, whitespace collapsed, read from the last page back until ``needle`` shows.

    Text extraction is slow, and the appendix with each article's full text comes last.
    """
    text = ""
    for page in reversed(reader.pages):
        text = " ".join(f"{page.extract_text()} {text}".split())
        if needle in text:
            break
    return text


# --- PDF and HTML of the builds: tagged, titled, no warnings, no attachments, no network URLs ---


@slow
def test_seed_pdf_is_tagged_and_titled(seed_build):
    reader = seed_build.pdf
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"].get_object().get("/Marked"))
    assert "/Lang" in catalog
    title = re.search(r"<title>(.*?)</title>", seed_build.html).group(1)
    assert reader.metadata.title == escape(title).unescape()
    assert reader.metadata.title == "Comparison: 38 North vs The Diplomat"


@slow
@pytest.mark.parametrize("build", BUILDS)
def test_no_weasyprint_warning_during_the_pdf_build(build, request):
    records = request.getfixturevalue(build).log
    assert [f"{r.levelname}: {r.getMessage()}" for r in records] == []


@slow
@pytest.mark.parametrize("build", BUILDS)
def test_brief_links_only_to_itself_and_data(build, request):
    result = request.getfixturevalue(build)
    html = without_charts(result.html)
    doc = lxml.html.fromstring(html.encode("utf-8"))
    for element in doc.iter():
        for name in ("src", "href", "data", "poster", "action", "srcset", "background"):
            value = (element.get(name) or "").strip()
            if value:
                assert value.startswith(("#", "data:")), f"<{element.tag} {name}={value[:60]!r}>"
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:|//)""", html, re.I)
    # A URL may appear only as text, and only an article's own metadata url.
    for url in re.findall(r"(?:https?|ftp|file)://[^\s\"'<>)]+", html):
        assert url in result.urls, url


# --- the fetcher WeasyPrint gets ----------------------------------------------------------------


@pytest.fixture
def fetcher():
    return _fetcher_class()([default_templates()])


@pytest.mark.parametrize(
    "url",
    [
        "http://{origin}/static/site.css",
        "https://{origin}/static/site.css",
        "HTTP://{origin}/static/site.css",
        "ftp://{origin}/pub/file.txt",
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "file:/etc/passwd",
        "file://localhost/etc/passwd",
        "file://{templates}/../pyproject.toml",
        "file://{templates}/%2e%2e/pyproject.toml",
        "file://{templates}/no-such-file.css",
        "file://{templates}",
        "gopher://{origin}/1",
    ],
)
def test_fetcher_refuses_everything_but_data_and_template_files(fetcher, server, url):
    before = server.connections
    url = url.format(origin=server.origin, templates=default_templates().as_posix())
    with pytest.raises(ValueError, match="comparator does not fetch"):
        fetcher.fetch(url)
    assert server.connections == before


def test_fetcher_refuses_a_link_out_of_the_template_folder(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    (templates / "brief.css").symlink_to(secret)
    with pytest.raises(ValueError, match="comparator does not fetch"):
        _fetcher_class()([templates]).fetch((templates / "brief.css").as_uri())


def test_fetcher_allows_data_and_template_files(fetcher):
    response = fetcher.fetch("data:text/plain;base64,aGVsbG8=")
    try:
        assert response.read() == b"hello"
    finally:
        response.close()
    css = default_templates() / "brief.css"
    response = fetcher.fetch(css.as_uri())
    try:
        assert response.read() == css.read_bytes()
    finally:
        response.close()


def test_fetcher_serves_chart_urls_only_from_the_brief_s_own_charts(fetcher):
    with pytest.raises(ValueError, match="comparator does not fetch"):
        fetcher.fetch("chart:coverage")  # no charts given: a chart: URL is like any other
    asked = []

    def charts(name: str) -> str:
        asked.append(name)
        return {"coverage": "<svg xmlns='http://www.w3.org/2000/svg'/>"}[name]

    response = _fetcher_class()([default_templates()], charts).fetch("chart:coverage")
    try:
        assert response.read() == b"<svg xmlns='http://www.w3.org/2000/svg'/>"
    finally:
        response.close()
    assert asked == ["coverage"]


# --- render_html escapes what an article says about itself --------------------------------------

_MARKED_ARTICLE = """\
<script>alert('title')</script> Sanctions and the Limits of Pressure

Ten years of sanctions have raised the cost of the nuclear program without changing the \
regime's calculation that the weapons guarantee its survival. A phased deal \
<script>alert('text')</script> would trade partial sanctions relief for a verified freeze at \
Yongbyon, with snapback if Pyongyang reneges.

Enforcement depends on China, which buys most of what North Korea sells and has little \
interest in a collapse on its border, so pressure alone has not produced the choice \
Washington has waited for.

The author is a senior fellow at the <script>alert('bio')</script> Institute for Peninsula Studies.
"""
_MARKED_META = """\
authors: ["<script>alert('author')</script> Roe"]
outlet: "<b onmouseover=alert('outlet')>Ledger</b>"
subtitle: "<img src=x onerror=alert('dek')> Why pressure has not worked."
"""


def test_render_html_escapes_markup_in_article_text_and_metadata(tmp_path, codebook):
    (tmp_path / "marked.txt").write_text(_MARKED_ARTICLE, encoding="utf-8")
    (tmp_path / "marked.meta.yaml").write_text(_MARKED_META, encoding="utf-8")
    analysis = analyse(read_articles([tmp_path / "marked.txt", SEED_FILES[1]]), codebook)
    meta = analysis.articles[0].metadata
    # The markup really reached the report model, so the test tests the template.
    assert "<script>" in meta.title and "<script>" in meta.bio and "<script>" in meta.authors[0]
    assert "<b " in meta.outlet and "<img " in meta.subtitle
    assert any("<script>alert('text')" in s.text for s in analysis.articles[0].sentences)

    html = render_html(build_report(analysis, [], {}))
    lowered = html.lower()
    assert "<script" not in lowered
    assert "<img" not in lowered
    assert "<b " not in lowered
    for word in ("title", "text", "bio", "author"):
        assert f"&lt;script&gt;alert(&#39;{word}&#39;)&lt;/script&gt;" in html
    assert "&lt;b onmouseover=alert(&#39;outlet&#39;)&gt;Ledger&lt;/b&gt;" in html
    assert "&lt;img src=x onerror=alert(&#39;dek&#39;)&gt;" in html


# --- atomic output ------------------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _leftovers(parent: Path, name: str) -> list[str]:
    prefixes = (f".{name}.tmp-", f".{name}.old-")
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(prefixes))


@pytest.fixture
def earlier_brief(tmp_path, seed_build) -> Path:
    out = tmp_path / "seeds"
    shutil.copytree(seed_build.out, out)
    return out


@slow
def test_cli_failure_leaves_the_earlier_brief_untouched(earlier_brief, tmp_path):
    before = _snapshot(earlier_brief)
    missing = tmp_path / "missing.txt"
    result = run_cli("brief", str(SEED_FILES[0]), str(missing), "--out", str(earlier_brief))
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("comparator: error: ")
    assert str(missing) in result.stderr and result.stderr.count("\n") == 1
    assert _snapshot(earlier_brief) == before
    assert _leftovers(tmp_path, "seeds") == []


@slow
def test_failure_inside_the_build_leaves_the_earlier_brief_untouched(earlier_brief, tmp_path, monkeypatch, codebook):
    def broken_pdf(*args, **kwargs):
        raise RuntimeError("PDF writer broke")

    monkeypatch.setattr(comparator.render, "write_pdf", broken_pdf)
    before = _snapshot(earlier_brief)
    with pytest.raises(RuntimeError, match="PDF writer broke"):
        build_brief(SEED_FILES, earlier_brief, codebook=codebook)
    assert _snapshot(earlier_brief) == before
    assert _leftovers(tmp_path, "seeds") == []


@slow
def test_worker_failure_leaves_the_earlier_brief_untouched(earlier_brief, tmp_path, monkeypatch, codebook):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")

    def job_into_a_file(folder, *args):
        return Job(blocker / "brief", *args)  # the worker cannot create its folders there

    monkeypatch.setattr(comparator.brief, "Job", job_into_a_file)
    before = _snapshot(earlier_brief)
    # A helper's bug arrives as itself, with the helper's traceback, not as a user error.
    with pytest.raises(NotADirectoryError) as raised:
        build_brief(SEED_FILES, earlier_brief, codebook=codebook)
    assert "comparator/chartfiles.py" in str(raised.value.__cause__)  # the helper's own traceback
    assert _snapshot(earlier_brief) == before
    assert _leftovers(tmp_path, "seeds") == []


@pytest.mark.parametrize("earlier", [True, False], ids=["over-a-brief", "fresh"])
def test_write_atomically_cleans_up_after_a_failure(tmp_path, earlier):
    out = tmp_path / "brief"
    if earlier:
        out.mkdir()
        (out / MARKER).write_text("written by comparator", encoding="utf-8")
        (out / "brief.html").write_text("earlier", encoding="utf-8")

    def fill(folder: Path) -> None:
        (folder / "brief.html").write_text("half", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomically(out, fill)
    assert _leftovers(tmp_path, "brief") == []
    if earlier:
        assert (out / "brief.html").read_text(encoding="utf-8") == "earlier"
    else:
        assert not out.exists()


def _fill_new(folder: Path) -> None:
    (folder / "brief.html").write_text("new", encoding="utf-8")


def test_write_atomically_swaps_in_the_new_brief(tmp_path):
    out = tmp_path / "brief"
    out.mkdir()
    (out / MARKER).write_text("written by comparator", encoding="utf-8")
    (out / "stale.csv").write_text("old", encoding="utf-8")
    write_atomically(out, _fill_new)
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "brief.html"]
    assert _leftovers(tmp_path, "brief") == []


def test_brief_folder_gets_the_usual_permissions(tmp_path):
    # Not mkdtemp's private 0700: the brief is meant to be shared like any folder the user makes.
    out, plain = tmp_path / "brief", tmp_path / "plain"
    plain.mkdir()
    write_atomically(out, _fill_new)
    assert out.stat().st_mode & 0o777 == plain.stat().st_mode & 0o777


# --- three articles -----------------------------------------------------------------------------


def test_three_articles_get_three_columns_on_landscape_pages(three_build):
    html = three_build.html
    doc = lxml.html.fromstring(html.encode("utf-8"))
    assert doc.get("class") == "landscape"
    assert len(doc.xpath('//div[contains(@class, "sources")]/div[@class="source"]')) == 3
    (matrix,) = doc.xpath('//table[contains(concat(" ", @class, " "), " matrix ")]')
    assert "n3" in matrix.get("class").split()
    head = matrix.xpath("./thead/tr/th")
    assert [th.get("class") for th in head] == ["dim-col", None, None, None]  # no verdict column
    rows = matrix.xpath("./tbody/tr")
    assert rows
    for row in rows:
        assert len(row.xpath('./td[contains(@class, "cell")]')) == 3
        assert not row.xpath('./td[contains(@class, "verdict-col")]')
    assert "Comparison: 38 North vs The Diplomat vs The Northern Ledger" in html
    # The landscape class is what puts the pages on their side in print.
    assert re.search(r"@page\s+landscape\s*\{[^}]*size:\s*A4\s+landscape", html)
    assert re.search(r"html\.landscape\s+body\s*\{[^}]*page:\s*landscape", html)
