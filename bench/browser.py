"""Look at brief.html as a reader does, in headless Chromium (Debian's ``chromium``; Playwright drives it):
screenshots at 1280 and 390 px, and every chart link followed to the sentence it names.

    nox -s browser                      # the seeds' brief (built first if reports/seeds/ has none)
    nox -s browser -- reports/x/brief.html
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
from pathlib import Path

WIDTHS = (1280, 390)


def main(args: list[str]) -> int:
    page_path = Path(args[0]) if args else Path("reports/seeds/brief.html")
    if not page_path.is_file():
        subprocess.run([sys.executable, "-m", "comparator", "brief", "--no-pdf"], check=True)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("no chromium here: apt-get install chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    shots = page_path.parent / "screens"
    shots.mkdir(exist_ok=True)
    url = page_path.resolve().as_uri()
    failures = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(url)
            page.screenshot(path=str(shots / f"top-{width}.png"))
            page.locator("section.charts").scroll_into_view_if_needed()
            page.screenshot(path=str(shots / f"charts-{width}.png"))
            wide = page.evaluate("document.documentElement.scrollWidth")
            print(f"{width} px: page {wide} px wide" + (" (scrolls sideways!)" if wide > width + 1 else ""))
            failures += wide > width + 1
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        hrefs = page.eval_on_selector_all(".chart-frame a", "els => els.map(e => e.getAttribute('xlink:href'))")
        print(f"{len(hrefs)} chart marks link to {len(set(hrefs))} sentences")
        for i, href in enumerate(hrefs):
            page.goto(url)
            mark = page.locator(".chart-frame a").nth(i)
            mark.scroll_into_view_if_needed()
            mark.click(force=True)
            with contextlib.suppress(Exception):  # not followed: reported below
                page.wait_for_function("location.hash.length > 1", timeout=2000)
            target = page.url.partition("#")[2]
            shown = page.evaluate(
                "id => { const e = document.getElementById(id); if (!e) return false;"
                " const r = e.getBoundingClientRect(); return r.top >= -5 && r.top < innerHeight; }",
                target,
            )
            if href != f"#{target}" or not shown:
                print(f"  not followed: {href} -> #{target}")
                failures += 1
        page.screenshot(path=str(shots / "after-click-1280.png"))
        browser.close()
    print(f"{len(hrefs) - failures if hrefs else 0} of {len(hrefs)} links followed; screenshots in {shots}/")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
