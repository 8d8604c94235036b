"""Bench: how soon after saving a file does `calendar-build serve` show the change in the browser?

Runs `serve` on a copy of the sample project, opens pages in Debian's Chromium (Playwright), then
saves changes to a YAML, a template and the stylesheet (and, for the print previews, a portrait's
text and the theme) and measures from the save to the moment the reloaded page shows the change
(for a print page: the changed page's new PNG loaded in the contact sheet).
Prints one line per kind of change; the print page of a changed portrait has its target (issue 16:
back within 1.0 s of saving, only the affected page laid out again).
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

REPO = Path(__file__).resolve().parents[1]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ROUNDS = 5
PAGES = "1-18"  # every page of the sample edition: a change must lay out only the affected ones
CHANGED_PAGE_TARGET_S = 1.0  # a changed page's print preview back in the browser (issue 16)
PRINT_ROUNDS = 5  # rounds of the changed portrait (the theme's rounds redraw every page: 3)
CHANGED_IMAGE = 'img[alt="Seite 4"]'  # March's page: the portrait changed below


def page_shown(earlier: str | None, image: str = CHANGED_IMAGE) -> str:
    """Return a browser condition: the page (March's) shows its new PNG (a new address), fully loaded.

    The contact sheet swaps its body in place (serve.py), so the condition looks at the image itself.
    """
    return ("(() => { const img = document.querySelector(%s); "
            "return img !== null && img.getAttribute('src') !== %s && img.complete && img.naturalWidth > 0; })()"
            % (repr(image), repr(earlier or "")))


IN_SIGHT = 'img[alt="Seite 1"]'  # the cover: at the top of the contact sheet, in sight
OUT_OF_SIGHT = 'img[alt="Seite 18"]'  # the imprint: at the bottom, the last page a theme change redraws


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a file (as an editor saving it would)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def measure(page: Page, change: Callable[[int], None], shown: Callable[[int], str], i: int, timeout_s: float) -> float:
    """Return the seconds from the change to the page showing it."""
    started = time.perf_counter()
    change(i)
    page.wait_for_function(shown(i), timeout=timeout_s * 1000, polling=20)
    return time.perf_counter() - started


def start_server(project: Path, print_pages: bool) -> tuple[subprocess.Popen[str], int]:
    """Start `serve` on a free port (every print page); return the process and the port once it listens."""
    args = [sys.executable, "-m", "calendar_build", "serve", "--root", str(project), "--port", "0", "--pages", PAGES]
    server = subprocess.Popen(args + ([] if print_pages else ["--no-print"]), stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    assert server.stdout is not None
    line = server.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        server.kill()
        raise SystemExit(f"serve startete nicht: {line!r}")
    return server, int(match.group(1))


def main() -> None:
    """Run the rounds and print the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        for name in ("content", "portraits", "templates"):
            shutil.copytree(REPO / name, project / name)
        edition, css = project / "content" / "edition.yaml", project / "templates" / "site" / "site.css"
        month, theme = project / "templates" / "site" / "month.html.j2", project / "templates" / "theme.css"
        edit(css, "h1 { font-size: 2rem;", "h1 { font-size: 2rem; letter-spacing: 0.0px;")
        edit(month, "<h1>{{ month.name }}", '<h1 data-round="0">{{ month.name }}')
        cases = {
            "YAML (Motto)": (lambda i: edit(edition, "motto: Angekommen" if i == 0 else f"motto: Runde{i - 1} ",
                                            f"motto: Runde{i} "),
                             lambda i: f"document.querySelector('.motto').textContent.startsWith('Runde{i} ')"),
            "Vorlage (HTML)": (lambda i: edit(month, f'data-round="{i}"', f'data-round="{i + 1}"'),
                               lambda i: f"document.querySelector('h1').dataset.round === '{i + 1}'"),
            "Stylesheet (CSS)": (lambda i: edit(css, f"letter-spacing: 0.{i}px", f"letter-spacing: 0.{i + 1}px"),
                                 lambda i: "getComputedStyle(document.querySelector('h1')).letterSpacing === "
                                           f"'0.{i + 1}px'"),
        }
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                             args=FLAGS)
            server, port = start_server(project, print_pages=False)  # the site alone: what the site rounds measure
            try:
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{port}/site/monat-04.html")
                time.sleep(1.0)  # the event stream connects
                for label, (change, shown) in cases.items():
                    times = []
                    for i in range(ROUNDS):
                        times.append(measure(page, change, shown, i, 30))
                        time.sleep(0.3)
                    print(f"{label:<18} Website neu geladen nach    Median {statistics.median(times):.2f} s, "
                          f"höchstens {max(times):.2f} s ({ROUNDS} Runden)", flush=True)
            finally:
                server.terminate()
                server.wait(10)
            server, port = start_server(project, print_pages=True)  # site and every print page
            try:
                preview = browser.new_page()
                preview.goto(f"http://127.0.0.1:{port}/preview/index.html")
                preview.wait_for_function("document.images.length > 0", timeout=300_000)
                time.sleep(3.0)  # the first previews are done
                portrait = next((project / "portraits").glob("*/03-*.yaml"))  # March: page 4 only
                rounds = {
                    "Porträt (Druck-PNG)": lambda i: edit(portrait, "text: >-\n  " if i == 0 else f"text: >-\n  Runde{i - 1} ",
                                                          f"text: >-\n  Runde{i} "),
                    "Theme (Druck-PNG)": lambda i: edit(theme, f"--size-month: {44 - i}pt;", f"--size-month: {43 - i}pt;"),  # smaller: larger ones overflow (September)
                }
                for label, change in rounds.items():
                    times, sight = [], []
                    runs = PRINT_ROUNDS if label.startswith("Porträt") else 3
                    # a portrait's page, wherever it is; after a theme change the page in sight, then the last one
                    watched = [CHANGED_IMAGE] if label.startswith("Porträt") else [IN_SIGHT, OUT_OF_SIGHT]
                    for i in range(runs):
                        earlier = [preview.get_attribute(image, "src") for image in watched]
                        started = time.perf_counter()
                        change(i)
                        for image, before in zip(watched, earlier):
                            preview.wait_for_function(page_shown(before, image), timeout=300_000, polling=20)
                            (times if image == watched[-1] else sight).append(time.perf_counter() - started)
                        time.sleep(1.0)
                    median = statistics.median(times)
                    if label.startswith("Porträt"):
                        verdict = "ok" if median <= CHANGED_PAGE_TARGET_S else "FAIL"
                        note = f"Ziel ≤ {CHANGED_PAGE_TARGET_S:g} s {verdict} (eine Seite neu gesetzt)"
                    else:
                        note = (f"alle Seiten neu gesetzt; die Seite im Blick (Titelseite) nach Median "
                                f"{statistics.median(sight):.2f} s: {', '.join(f'{t:.2f}' for t in sight)}")
                    print(f"{label:<18} Druckseiten neu geladen nach Median {median:.2f} s, höchstens {max(times):.2f} s "
                          f"({runs} Runden: {', '.join(f'{t:.2f}' for t in times)}; {note})", flush=True)
            finally:
                server.terminate()
                server.wait(10)
            browser.close()


if __name__ == "__main__":
    main()
