"""Export chart specs with vl-convert: SVG (ids made byte-stable), PNG for slides, Vega-Lite JSON.

The export runs in a worker process (``python -m comparator.chartfiles``) started before the analysis:
vl-convert's first conversion costs about a second and it holds the GIL while it renders, so only a
separate process lets that work overlap the tables, the WeasyPrint import and the PDF layout.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from comparator.errors import ComparatorError

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


def _fonts_once() -> None:
    if _FONTS_REGISTERED:
        return
    import vl_convert as vlc

    for folder in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu"):
        if Path(folder).is_dir():
            vlc.register_font_directory(folder)
    _FONTS_REGISTERED.append(True)


_FONTS_REGISTERED: list[bool] = []


def write_charts(charts: list[Chart], folder: Path) -> dict[str, str]:
    """Write each chart as .svg and .vl.json in this process; return the SVG text by chart name."""
    folder.mkdir(parents=True, exist_ok=True)
    svgs = {}
    for chart in charts:
        svg = render_svg(chart)
        (folder / f"{chart.name}.svg").write_text(svg, encoding="utf-8")
        (folder / f"{chart.name}.vl.json").write_text(spec_json(chart), encoding="utf-8")
        svgs[chart.name] = svg
    return svgs


class ChartExportError(ComparatorError):
    """The chart worker failed; its last words are the message."""


class ChartExporter:
    """A vl-convert worker process: started early, given the specs, it writes SVGs first, then PNGs."""

    def __init__(self) -> None:
        package_root = str(Path(__file__).resolve().parent.parent)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "comparator.chartfiles"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env,
        )
        self._folder: Path | None = None
        self._names: list[str] = []

    def export(self, charts: list[Chart], folder: Path) -> None:
        """Hand the charts over; the worker renders while the caller goes on."""
        self._folder, self._names = folder, [c.name for c in charts]
        for chart in charts:
            (folder / f"{chart.name}.vl.json").write_text(spec_json(chart), encoding="utf-8")
        job = {"folder": str(folder), "charts": [[c.name, c.spec] for c in charts]}
        try:
            self._proc.stdin.write(json.dumps(job) + "\n")
            self._proc.stdin.close()
        except BrokenPipeError:
            self._fail()

    def svgs(self) -> dict[str, str]:
        """Wait for the SVGs (not the PNGs) and return them by chart name."""
        if self._proc.stdout.readline().strip() != "svg":
            self._fail()
        return {n: (self._folder / f"{n}.svg").read_text(encoding="utf-8") for n in self._names}

    def finish(self) -> None:
        """Wait for the PNGs."""
        if self._proc.wait() != 0:
            self._fail()

    def close(self) -> None:
        """Stop the worker if it is still running (after an error elsewhere)."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        for stream in (self._proc.stdin, self._proc.stdout, self._proc.stderr):
            if stream and not stream.closed:
                stream.close()

    def _fail(self) -> None:
        self._proc.wait()
        words = (self._proc.stderr.read() or "").strip().splitlines()
        raise ChartExportError(f"chart export failed: {words[-1] if words else f'exit {self._proc.returncode}'}")


def _serve() -> int:
    """The worker: warm up, read one job from stdin, write SVGs, say so, then write PNGs."""
    import vl_convert as vlc

    _fonts_once()
    vlc.vegalite_to_svg({"mark": "point", "data": {"values": [{"x": 1}]}, "encoding": {}}, allowed_base_urls=[])
    line = sys.stdin.readline()
    if not line:
        return 0  # the parent gave up before sending work
    job = json.loads(line)
    folder = Path(job["folder"])
    svgs = {}
    for name, spec in job["charts"]:
        svgs[name] = _renumber_ids(vlc.vegalite_to_svg(spec, allowed_base_urls=[]))
        (folder / f"{name}.svg").write_text(svgs[name], encoding="utf-8")
    print("svg", flush=True)
    for name, svg in svgs.items():
        (folder / f"{name}.png").write_bytes(render_png(svg))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(_serve())
    except Exception as exc:  # reported to the parent on stderr, one line
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)
