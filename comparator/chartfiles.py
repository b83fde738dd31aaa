"""Export chart specs with vl-convert: SVG (ids made byte-stable), PNG for slides, Vega-Lite JSON.

``build_brief`` runs these in its worker process (``comparator.worker``), beside the PDF layout.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from comparator.pipeline import Analysis

PALETTE = ("#1f5aa6", "#c2571a", "#2a8a5b", "#8a3ea8", "#a88a1f", "#3f7f8c")  # one colour per article
PNG_SCALE = 2  # 960 x 540 specs -> 1920 x 1080 PNG


@dataclass(frozen=True)
class Chart:
    """A chart as built by ``comparator.charts`` (with Altair); defined here so the worker needs no Altair."""

    name: str
    title: str
    takeaway: str
    spec: dict  # Vega-Lite JSON


def colours_by_article(analysis: Analysis) -> dict[str, str]:
    """One colour per article, in input order: the same in every chart, in the brief's tags and on the slides."""
    return {a.doc_id: PALETTE[i % len(PALETTE)] for i, a in enumerate(analysis.articles)}


def spec_json(chart: Chart) -> str:
    return json.dumps(chart.spec, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def render_svg(chart: Chart) -> str:
    import vl_convert as vlc

    _fonts_once()
    svg = vlc.vegalite_to_svg(chart.spec, allowed_base_urls=[])
    return _renumber_ids(_local_links(svg), chart.name)


_SVG_ID = re.compile(r'id="((?:gradient|clip|pattern|mask)[_-]?)(\d+)"')
_RESOLVED_LINK = re.compile(r'xlink:href="https?://[^"#]*(#[^"]*)"')


def _local_links(svg: str) -> str:
    """Vega resolves a mark's ``href`` against its default data URL; the brief's links are to its own
    anchors (``#s-...``): keep the fragment only."""
    return _RESOLVED_LINK.sub(r'xlink:href="\1"', svg)


def _renumber_ids(svg: str, prefix: str) -> str:
    """vl-convert numbers gradients and clips per process; renumber per chart so output is byte-stable, and
    prefix them with the chart's name, so that several charts inline in one page keep distinct ids."""
    mapping: dict[str, str] = {}
    for match in _SVG_ID.finditer(svg):
        old = match.group(1) + match.group(2)
        mapping.setdefault(old, f"{prefix}-{match.group(1)}{len(mapping)}")
    if not mapping:
        return svg
    pattern = re.compile(r"(?<=[\"#])(" + "|".join(re.escape(k) for k in mapping) + r")(?=[\")])")
    return pattern.sub(lambda m: mapping[m.group(1)], svg)


def render_png(svg: str) -> bytes:
    """Rasterise the SVG already rendered: same picture, no second Vega run."""
    import vl_convert as vlc

    _fonts_once()
    return vlc.svg_to_png(svg, scale=PNG_SCALE)


def _fonts_once() -> None:
    if _FONTS_REGISTERED:
        return
    import vl_convert as vlc

    for folder in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu"):
        if Path(folder).is_dir():
            vlc.register_font_directory(folder)
    _FONTS_REGISTERED.append(True)


_FONTS_REGISTERED: list[bool] = []


def warm_up() -> None:
    """vl-convert's first conversion starts its JavaScript engine (about 0.8 s); do it before it is needed."""
    import vl_convert as vlc

    _fonts_once()
    vlc.vegalite_to_svg({"mark": "point", "data": {"values": [{"x": 1}]}, "encoding": {}}, allowed_base_urls=[])


def write_charts(charts: list[Chart], folder: Path) -> dict[str, str]:
    """Write each chart as .svg and .vl.json; return the SVG text by chart name."""
    folder.mkdir(parents=True, exist_ok=True)
    svgs = {}
    for chart in charts:
        svg = render_svg(chart)
        (folder / f"{chart.name}.svg").write_text(svg, encoding="utf-8")
        (folder / f"{chart.name}.vl.json").write_text(spec_json(chart), encoding="utf-8")
        svgs[chart.name] = svg
    return svgs


def write_pngs(svgs: dict[str, str], folder: Path) -> None:
    """A PNG for slides beside each SVG."""
    for name, svg in svgs.items():
        (folder / f"{name}.png").write_bytes(render_png(svg))
