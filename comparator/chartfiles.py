"""Export chart specs with vl-convert: SVG (ids made byte-stable), PNG for slides, Vega-Lite JSON."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from comparator.charts import Chart

PNG_SCALE = 2  # 960 x 540 specs -> 1920 x 1080 PNG


def spec_json(chart: Chart) -> str:
    return json.dumps(chart.spec, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def render_svg(chart: Chart) -> str:
    import vl_convert as vlc

    _fonts_once()
    return _renumber_ids(vlc.vegalite_to_svg(chart.spec, allowed_base_urls=[]))


_SVG_ID = re.compile(r'id="((?:gradient|clip|pattern|mask)[_-]?)(\d+)"')


def _renumber_ids(svg: str) -> str:
    """vl-convert numbers gradients and clips per process; renumber per chart so output is byte-stable."""
    mapping: dict[str, str] = {}
    for match in _SVG_ID.finditer(svg):
        old = match.group(1) + match.group(2)
        mapping.setdefault(old, f"{match.group(1)}{len(mapping)}")
    if not mapping:
        return svg
    pattern = re.compile(r"(?<=[\"#])(" + "|".join(re.escape(k) for k in mapping) + r")(?=[\")])")
    return pattern.sub(lambda m: mapping[m.group(1)], svg)


def render_png(svg: str) -> bytes:
    """Rasterise the SVG already rendered: same picture, no second Vega run."""
    import vl_convert as vlc

    _fonts_once()
    return vlc.svg_to_png(svg, scale=PNG_SCALE)


def warm_up() -> threading.Thread:
    """vl-convert's first conversion in a process costs about a second; pay it while analysis runs.

    vl-convert releases the GIL, so the Python stages are not slowed down.
    """
    def run() -> None:
        import vl_convert as vlc

        _fonts_once()
        vlc.vegalite_to_svg({"mark": "point", "data": {"values": [{"x": 1}]}, "encoding": {}},
                            allowed_base_urls=[])

    thread = threading.Thread(target=run, name="vl-convert warm-up", daemon=True)
    thread.start()
    return thread


_FONTS_LOCK = threading.Lock()
_FONTS_REGISTERED: list[bool] = []


def _fonts_once() -> None:
    with _FONTS_LOCK:
        if _FONTS_REGISTERED:
            return
        import vl_convert as vlc

        for folder in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu"):
            if Path(folder).is_dir():
                vlc.register_font_directory(folder)
        _FONTS_REGISTERED.append(True)


def write_charts(charts: list[Chart], folder: Path) -> dict[str, str]:
    """Write each chart as .svg and .vl.json; return the SVG text by chart name for the brief."""
    folder.mkdir(parents=True, exist_ok=True)
    svgs = {}
    for chart in charts:
        svg = render_svg(chart)
        (folder / f"{chart.name}.svg").write_text(svg, encoding="utf-8")
        (folder / f"{chart.name}.vl.json").write_text(spec_json(chart), encoding="utf-8")
        svgs[chart.name] = svg
    return svgs


class ChartWriter(threading.Thread):
    """Export the charts in the background while the main thread writes tables and lays out the PDF.

    vl-convert releases the GIL, so on two cores the export costs little wall time. The SVGs come first
    (the brief embeds them); the PNGs for slides follow.
    """

    def __init__(self, charts: list[Chart], folder: Path) -> None:
        super().__init__(name="chart export", daemon=True)
        self._charts, self._folder = charts, folder
        self._svgs: dict[str, str] = {}
        self._svgs_done = threading.Event()
        self._error: BaseException | None = None

    def run(self) -> None:
        try:
            self._svgs = write_charts(self._charts, self._folder)
            self._svgs_done.set()
            for name, svg in self._svgs.items():
                (self._folder / f"{name}.png").write_bytes(render_png(svg))
        except BaseException as exc:  # handed to the main thread by svgs() or finish()
            self._error = exc
        finally:
            self._svgs_done.set()

    def svgs(self) -> dict[str, str]:
        self._svgs_done.wait()
        self._raise()
        return self._svgs

    def finish(self) -> None:
        self.join()
        self._raise()

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error
