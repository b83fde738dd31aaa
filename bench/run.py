"""Benchmark the brief: whole run against a bare WeasyPrint render, stage by stage, and at scale.

Run by ``nox -s bench`` (``-- --runs N`` or ``-- --quick``). Timings are printed with the machine's load and
compared with the targets of the issues; nothing here asserts on them.
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = ROOT / "tests" / "data"
# Targets from the issues: (limit, aim).
RATIO = (1.5, 1.3)  # whole brief / bare WeasyPrint render, wall time
CPU_RATIO = (2.0, None)  # the same, CPU time summed over the processes
PEAK_MB = (400.0, 300.0)
CORE_S = 0.2  # ingest + code + compare on the seeds
LARGEST_S, LARGEST_MB = 120.0, 1024.0  # the largest accepted article, with its PDF
# Real, different articles for the scaling and the 2-6 article briefs (never a held-out set: tests/data/sets.json).
REAL_SETS = ("real-dev", "heldout", "fresh", "blind3", "blind4")
IMPORTS = [
    ("comparator core (pipeline)", ["comparator.pipeline"]),
    ("pandas, pyarrow (tables)", ["comparator.tables"]),
    ("altair (charts)", ["comparator.charts"]),
    ("jinja2 (report, render)", ["comparator.report", "comparator.render"]),
    ("weasyprint", ["weasyprint"]),
    ("vl_convert", ["vl_convert"]),
    ("python-pptx (slides)", ["pptx", "comparator.slides"]),
]


def flag(value: float, limit: float, aim: float | None = None) -> str:
    if value > limit:
        return f"MISSED (target <= {limit:g})"
    if aim is not None and value > aim:
        return f"met (<= {limit:g}), aim {aim:g} missed"
    return f"met (<= {limit:g})" + (f", aim {aim:g} met" if aim is not None else "")


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants now, from /proc (Linux); 0 when gone."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        todo += [int(c) for c in children]
    return total / 1024


def run_child(cmd: list[str], log: Path) -> tuple[float, float, float]:
    """Run one fresh process; return its wall time, its CPU time (user + system, its helpers included: they
    are waited for) and its peak RSS in MB: on Linux the peak of the sum over the process and its helpers,
    sampled every 5 ms; elsewhere the largest single process (os.wait4)."""
    peak = [0.0]
    with log.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=os.environ.copy(), stdout=out, stderr=subprocess.STDOUT)
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.005):
                peak[0] = max(peak[0], _tree_rss_mb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        if Path("/proc/self/task").is_dir():
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        if sampler.is_alive():
            sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait for it again
    if proc.returncode:
        output = log.read_text(errors="replace")
        sys.exit(f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n{output}")
    per_mb = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS
    return seconds, usage.ru_utime + usage.ru_stime, max(peak[0], usage.ru_maxrss / per_mb)


def _summary(name: str, results: list[tuple[float, float, float]], log: Path) -> tuple[float, float, float]:
    times = [t for t, _, _ in results]
    median, peak = statistics.median(times), max(rss for _, _, rss in results)
    cpu = statistics.median(c for _, c, _ in results)
    print(
        f"  {name:<13} median {median:6.2f} s  (min {min(times):.2f}, max {max(times):.2f}; "
        f"{len(times)} runs)   CPU {cpu:5.2f} s   peak RSS {peak:6.0f} MB   load {os.getloadavg()[0]:.1f}"
    )
    noise = [line for line in log.read_text(errors="replace").splitlines() if "WARNING" in line]
    if noise:
        print(f"  {'':<13} note: {len(noise)} warning(s), first: {noise[0].strip()[:90]}")
    return median, cpu, peak


def _print_html(page: Path, target: Path) -> None:
    """The HTML the PDF is laid out from: brief.html with each inline chart as the SVG picture the PDF draws
    (brief.html inlines its charts so that their marks are links; WeasyPrint lays inline SVG out more slowly)."""
    import base64
    import re

    def picture(match: re.Match[str]) -> str:
        data = base64.b64encode(match.group(2).encode("utf-8")).decode("ascii")
        return f'<img src="data:image/svg+xml;base64,{data}" alt="{match.group(1)}">'

    html = page.read_text(encoding="utf-8")
    html = re.sub(r'<div class="chart-frame" aria-label="([^"]*)">(<svg .*?</svg>)</div>', picture, html, flags=re.S)
    target.write_text(html, encoding="utf-8")


def whole_vs_bare(runs: int, tmp: Path) -> None:
    print(
        f"\n1-2. Whole brief vs bare WeasyPrint render, fresh processes, 1 warm-up each + {runs} runs each,"
        " taken in turns so that a change in the machine's load touches both alike"
    )
    out = tmp / "brief"
    brief = [sys.executable, "-m", "comparator", "brief", "--out", str(out)]
    bare = [sys.executable, "-m", "weasyprint", str(tmp / "print.html"), str(tmp / "bare.pdf")]
    logs = {"whole": tmp / "whole.log", "bare": tmp / "bare.log"}
    run_child(brief, logs["whole"])
    _print_html(out / "brief.html", tmp / "print.html")
    run_child(bare, logs["bare"])
    results: dict[str, list[tuple[float, float, float]]] = {"whole": [], "bare": []}
    for _ in range(runs):
        results["whole"].append(run_child(brief, logs["whole"]))
        results["bare"].append(run_child(bare, logs["bare"]))
    whole, whole_cpu, peak = _summary("whole brief", results["whole"], logs["whole"])
    bare_s, bare_cpu, bare_peak = _summary("bare render", results["bare"], logs["bare"])
    ratios = sorted(w[0] / b[0] for w, b in zip(results["whole"], results["bare"], strict=True))
    ratio = whole / bare_s
    print(
        f"  ratio whole/bare      {ratio:6.2f}     {flag(ratio, *RATIO)}"
        f"  (run by run: {', '.join(f'{r:.2f}' for r in ratios)})"
    )
    print(f"  CPU whole/bare        {whole_cpu / bare_cpu:6.2f}     {flag(whole_cpu / bare_cpu, *CPU_RATIO)}")
    print(f"  peak RSS whole brief  {peak:6.0f} MB  {flag(peak, *PEAK_MB)}  (bare render: {bare_peak:.0f} MB)")


def _lap(times: dict[str, float], name: str, fn: Callable, *args):
    start = time.perf_counter()
    result = fn(*args)
    times[name] = times.get(name, 0.0) + time.perf_counter() - start
    return result


def tables(analysis, folder: Path) -> None:
    from comparator.tables import build_tables, write_tables

    write_tables(build_tables(analysis), folder)


def brief_stages(codebook, folder: Path) -> dict[str, float]:
    """The stages of brief.build_brief timed one by one, in sequence and in one process (the brief itself
    runs charts, tables and slides in its worker beside the PDF); keyness+measures is analyse minus code and
    compare (analyse runs them again)."""
    from comparator.chartfiles import write_charts, write_pngs
    from comparator.charts import build_charts
    from comparator.coding import code_article
    from comparator.compare import compare
    from comparator.pipeline import analyse, read_articles
    from comparator.render import render_html, write_pdf
    from comparator.report import build_report, chart_sources, with_inline_charts
    from comparator.slides import write_slides

    t: dict[str, float] = {}
    articles = _lap(t, "ingest", read_articles, [SEEDS])
    coded = _lap(t, "code", lambda: [code_article(a, codebook) for a in articles])
    _lap(t, "compare", compare, coded, codebook)
    analysis = _lap(t, "analyse", analyse, articles, codebook)
    t["keyness+measures"] = max(0.0, t.pop("analyse") - t["code"] - t["compare"])
    _lap(t, "tables", tables, analysis, folder / "tables")
    charts = _lap(t, "chart specs", build_charts, analysis)
    svgs = _lap(t, "chart SVGs", write_charts, charts, folder / "charts")
    _lap(t, "chart PNGs", write_pngs, svgs, folder / "charts")
    report = _lap(t, "report", build_report, analysis, charts, chart_sources(charts))
    _lap(t, "pdf", lambda: write_pdf(render_html(report), folder / "brief.pdf", charts=svgs.get))
    _lap(t, "html", lambda: render_html(with_inline_charts(report, svgs)))
    _lap(t, "slides", write_slides, report, folder / "charts", folder / "slides.pptx")
    return t


def stages(runs: int, tmp: Path) -> None:
    print("\n3. Per stage, in this process")
    total = 0.0
    for label, modules in IMPORTS:
        start = time.perf_counter()
        for module in modules:
            importlib.import_module(module)
        total += (took := time.perf_counter() - start)
        print(f"  import {label:<30} {took:6.3f} s")
    print(f"  import total {'':<24} {total:6.3f} s")

    from comparator.codebook import load_codebook

    start = time.perf_counter()
    codebook = load_codebook()
    print(f"  load codebook {'':<23} {time.perf_counter() - start:6.3f} s")
    cold = brief_stages(codebook, tmp / "cold")
    warm = [brief_stages(codebook, tmp / f"warm{i}") for i in range(runs)]
    median = {name: statistics.median(w[name] for w in warm) for name in cold}
    print(f"\n  {'stage':<20} {'first call':>10} {f'median of {runs}':>13}")
    for name in cold:
        print(f"  {name:<20} {cold[name]:9.3f}s {median[name]:12.3f}s")
    print(f"  {'total':<20} {sum(cold.values()):9.3f}s {sum(median.values()):12.3f}s")
    core = [sum(t[k] for k in ("ingest", "code", "compare")) for t in (cold, median)]
    print(f"  ingest+code+compare  {core[0]:8.3f}s {core[1]:12.3f}s   first call {flag(core[0], CORE_S)}")


def real_articles() -> list[Path]:
    """Every article of the seeds and the development sets (not the held-out set), in a fixed order."""
    from comparator.ingest import find_articles

    return find_articles([SEEDS, *(DATA / name for name in REAL_SETS)])


def scaling(sizes: list[int], runs: int, tmp: Path) -> None:
    from comparator.codebook import load_codebook
    from comparator.pipeline import analyse, read_articles

    pool = real_articles()
    sizes = [n for n in sizes if n <= len(pool)] + ([len(pool)] if len(pool) not in sizes else [])
    print(
        f"\n4. Scaling over real, different articles (seeds and {', '.join(REAL_SETS)}; {len(pool)} in all):"
        f" ingest + analyse (code, compare, keyness, measures) + tables; median of {runs}"
    )
    print(
        f"  {'articles':>8} {'chars':>9} {'ingest':>8} {'analyse':>8} {'tables':>8} {'total':>8} {'s/100k chars':>13}"
    )
    codebook = load_codebook()
    per_100k = {}
    for n in sizes:
        laps = []
        for _ in range(runs):
            t: dict[str, float] = {}
            articles = _lap(t, "ingest", read_articles, pool[:n])
            analysis = _lap(t, "analyse", analyse, articles, codebook)
            _lap(t, "tables", tables, analysis, tmp / f"scale{n}" / "tables")
            laps.append(t)
        chars = sum(len(a.text) for a in articles)
        m = {k: statistics.median(t[k] for t in laps) for k in ("ingest", "analyse", "tables")}
        total = sum(m.values())
        per_100k[n] = total / chars * 100_000
        print(
            f"  {n:>8} {chars:>9,} {m['ingest']:7.3f}s {m['analyse']:7.3f}s {m['tables']:7.3f}s "
            f"{total:7.3f}s {per_100k[n]:12.3f}s"
        )
    small, big = min(per_100k), max(per_100k)
    if big > small:
        growth = per_100k[big] / per_100k[small]
        verdict = "roughly linear" if growth <= 1.5 else "SUPERLINEAR"
        print(f"  cost per 100k chars, {big} vs {small} articles: {growth:.2f}x  ({verdict})")


def briefs_by_size(runs: int, tmp: Path) -> None:
    """Whole briefs, PDF included, of 2 to 6 real articles (the most a brief takes)."""
    from comparator.brief import MAX_ARTICLES

    pool = real_articles()
    print(f"\n5. Whole brief with its PDF, 2 to {MAX_ARTICLES} real articles; median of {runs}")
    for n in range(2, MAX_ARTICLES + 1):
        picked = pool[:: max(1, len(pool) // n)][:n]  # spread over the sets
        cmd = [sys.executable, "-m", "comparator", "brief", *map(str, picked), "--out", str(tmp / f"n{n}")]
        _summary(f"{n} articles", [run_child(cmd, tmp / f"n{n}.log") for _ in range(runs)], tmp / f"n{n}.log")


def largest_article(tmp: Path) -> None:
    """The largest article comparator accepts, beside a seed, with its PDF: it must finish in bounds."""
    from comparator.ingest import MAX_TEXT_CHARS

    paragraphs = [p for path in real_articles() for p in path.read_text(encoding="utf-8").split("\n") if len(p) >= 200]
    text, i = ["A Long Report on Sanctions and Negotiation"], 0
    size = len(text[0])
    while True:
        paragraph = f"{paragraphs[i % len(paragraphs)]} (Section {i + 1}.)"
        if size + len(paragraph) + 2 >= MAX_TEXT_CHARS - 1:
            break
        text.append(paragraph)
        size += len(paragraph) + 2
        i += 1
    big = tmp / "largest" / "long-report.txt"
    big.parent.mkdir()
    big.write_text("\n\n".join(text) + "\n", encoding="utf-8")
    print(
        f"\n6. The largest accepted article: {len(big.read_text(encoding='utf-8')):,} characters "
        f"(limit {MAX_TEXT_CHARS:,}), {i} paragraphs, with a seed, PDF included"
    )
    cmd = [
        sys.executable,
        "-m",
        "comparator",
        "brief",
        str(big),
        str(sorted(SEEDS.glob("*.txt"))[0]),
        "--out",
        str(tmp / "largest-brief"),
    ]
    seconds, cpu, peak = run_child(cmd, tmp / "largest.log")
    print(
        f"  wall {seconds:6.1f} s  {flag(seconds, LARGEST_S)}   CPU {cpu:.1f} s   peak RSS {peak:.0f} MB  "
        f"{flag(peak, LARGEST_MB)}   load {os.getloadavg()[0]:.1f}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure (default 5)")
    parser.add_argument("--quick", action="store_true", help="2 runs; scale only up to 10 articles")
    args = parser.parse_args(argv)
    runs = 2 if args.quick else max(1, args.runs)
    sizes = [2, 10] if args.quick else [2, 10, 20, 30]
    cpus, load = os.cpu_count() or 1, os.getloadavg()[0]
    print(f"comparator bench: {sys.executable} (Python {sys.version.split()[0]}, {cpus} CPUs, load average {load:.1f})")
    if load > cpus / 2:
        print("  note: the machine is busy; expect noisy timings (compare min with median)")
    with tempfile.TemporaryDirectory(prefix="comparator-bench-") as tmp:
        whole_vs_bare(runs, Path(tmp))
        stages(runs, Path(tmp))
        scaling(sizes, min(runs, 3), Path(tmp))
        briefs_by_size(1 if args.quick else min(runs, 3), Path(tmp))
        if not args.quick:
            largest_article(Path(tmp))


if __name__ == "__main__":
    main()
