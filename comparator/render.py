"""Render the report model to HTML with Jinja2 (autoescaped) and the HTML to PDF with WeasyPrint."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

import jinja2

from comparator.errors import InputError
from comparator.report import CHART_SCHEME, Report, svg_data_uri

TEMPLATE = "brief.html.j2"


def default_templates() -> Path:
    """Templates ship inside the wheel (comparator/templates); in a source checkout they sit at the top."""
    packaged = Path(__file__).parent / "templates"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "templates"


def render_html(report: Report, templates: Path | None = None, paper: str = "a4") -> str:
    """The brief as one HTML page. A ``templates`` folder may hold its own brief.html.j2 (replacing the default)
    and a brief.css, which comes after the default styles and so extends them. ``paper`` is a CSS page size
    (``comparator.brief.PAPERS``)."""
    if templates is not None and not (templates / TEMPLATE).is_file() and not (templates / "brief.css").is_file():
        raise InputError(f"{templates}: holds neither {TEMPLATE} nor brief.css")
    try:
        template = _environment(templates).get_template(TEMPLATE)
        return template.render(report=report, created=_created(), paper=paper)
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(f"{exc.filename or exc.name}: template error at line {exc.lineno}: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise InputError(f"template error: {exc}") from None


@functools.lru_cache(maxsize=4)
def _environment(templates: Path | None) -> jinja2.Environment:
    """One environment per template folder, so a second render (HTML after PDF) reuses the compiled template.

    A name is looked up in the user's folder first, then in the defaults; ``default/NAME`` is always the
    default file and ``user/NAME`` always the user's (the template includes both style sheets, in that order)."""
    default = jinja2.FileSystemLoader(str(default_templates()))
    user = jinja2.FileSystemLoader(str(templates)) if templates is not None else None
    prefixed = jinja2.PrefixLoader({"default": default, **({"user": user} if user else {})})
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader([*([user] if user else []), prefixed, default]),
        autoescape=True,  # article text is untrusted: always escaped
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=True,
    )


def _created() -> str:
    """A creation date only when SOURCE_DATE_EPOCH pins it, so that builds stay reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return ""
    try:
        moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    except (ValueError, OverflowError):
        return ""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def import_weasyprint():
    """WeasyPrint, its C libraries looked up in the linker's cache only while it loads them.

    WeasyPrint tries up to six names per library (one per platform); on Linux each name that misses makes
    ``ctypes.util.find_library`` run gcc and ld, about 15 ms a name and 0.3 s of CPU per run. Its first step,
    the ``ldconfig -p`` cache, finds every library an installed system has; a name it does not know falls
    through to WeasyPrint's next name (the last ones are the sonames the linker loads directly), as before."""
    if "weasyprint" in sys.modules or sys.platform != "linux":
        import weasyprint

        return weasyprint
    import ctypes.util

    original, cache_only = ctypes.util.find_library, getattr(ctypes.util, "_findSoname_ldconfig", None)
    if cache_only is not None:
        ctypes.util.find_library = cache_only
    try:
        import weasyprint
    finally:
        ctypes.util.find_library = original
    return weasyprint


def _fetcher_class():
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class ChartsFailed(FatalURLFetchingError):
        """Stops the layout (WeasyPrint lets only these through) when the worker cannot give the charts."""

    class SafeFetcher(URLFetcher):
        """Fetch only data: URIs, files inside the template folders and, given ``charts`` (name to SVG text),
        the brief's own ``chart:`` URLs; nothing else, ever."""

        Failed = ChartsFailed

        def __init__(self, allowed: list[Path], charts: Callable[[str], str] | None = None) -> None:
            super().__init__(timeout=1, allowed_protocols={"data", "file"}, allow_redirects=False)
            self._allowed = [p.resolve() for p in allowed]
            self._charts = charts

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith(CHART_SCHEME) and self._charts is not None:
                try:
                    svg = self._charts(url.removeprefix(CHART_SCHEME))
                except Exception as exc:  # a helper's error, user's or bug: it ends the layout and is re-raised
                    raise ChartsFailed(exc) from exc
                return super().fetch(svg_data_uri(svg), headers)
            if url.startswith("file:"):
                from urllib.request import url2pathname

                path = Path(url2pathname(url.removeprefix("file://").split("?")[0].split("#")[0])).resolve()
                if any(path.is_relative_to(root) for root in self._allowed) and path.is_file():
                    return super().fetch(url, headers)
            raise ValueError(f"comparator does not fetch {url[:80]}")

    return SafeFetcher


def write_pdf(
    html: str, target: Path, templates: Path | None = None, charts: Callable[[str], str] | None = None
) -> None:
    """Lay out the HTML (title, author and subject come from its <head>) as a tagged PDF. ``charts`` gives
    the SVG for each ``chart:`` URL in the HTML; WeasyPrint asks for them once the cascade is done."""
    weasyprint = import_weasyprint()

    folders = [default_templates()] + ([templates] if templates else [])
    fetcher = _fetcher_class()(folders, charts)
    document = weasyprint.HTML(string=html, base_url=str(folders[0]) + os.sep, url_fetcher=fetcher)
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    try:
        document.write_pdf(target, pdf_tags=True, pdf_identifier=identifier, uncompressed_pdf=False)
    except fetcher.Failed as stop:
        error = stop.args[0]  # the helper's error, at once, not after a layout without charts,
        raise error from error.__cause__  # with the helper's own traceback (concurrent.futures attaches it)
