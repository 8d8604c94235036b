"""The site in a real browser: Debian's Chromium driven by Playwright (no browser download).

Every page loads without console errors or requests beyond the folder, the photos load, the planning
form finds the same clashes as `calendar-build clashes`, the keyboard reaches the content, no page
scrolls sideways on a phone, and axe-core (npm) finds no serious or critical WCAG 2.2 AA violation.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, sync_playwright

from calendar_build.content.loader import load_content
from calendar_build.engine.occurrences import compute_year
from calendar_build.site.clashes import find_clashes
from calendar_build.site.planned import read_ics
from calendar_build.errors import Problems
from tests.conftest import REPO
from tests.site.conftest import YEAR, BuiltSite

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}
pytestmark = pytest.mark.xdist_group("browser")  # one worker starts Chromium (it cannot be shared across processes)


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    assert Path(CHROMIUM).is_file(), "Chromium fehlt – 'make install' installiert das Debian-Paket chromium."
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, locale="de-DE", timezone_id="Europe/Berlin")
    yield context.new_page()
    context.close()


def url(site: BuiltSite, name: str) -> str:
    """Return the file URL of a page of the site."""
    return (site.folder / name).as_uri()


def test_every_page_loads_without_errors_or_outside_requests(page: Page, built_site: BuiltSite) -> None:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: problems.append(f"Skriptfehler: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"nicht geladen: {r.url}"))
    page.on("request", lambda r: None if r.url.startswith(built_site.folder.as_uri()) else problems.append(
        f"Anfrage nach draußen: {r.url}"))
    names = sorted(p.name for p in built_site.folder.glob("*.html"))
    for name in names:
        page.goto(url(built_site, name), wait_until="load")
        assert page.title().endswith(f"{YEAR}"), name
        assert problems == [], name
    broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).length")
    assert broken == 0
    page.goto(url(built_site, "index.html"))
    assert page.evaluate("[...document.images].filter(i => i.naturalWidth > 0).length") == 12


def test_keyboard_reaches_the_content_first(page: Page, built_site: BuiltSite) -> None:
    page.goto(url(built_site, "monat-04.html"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Zum Inhalt springen"
    assert page.evaluate("document.activeElement.getBoundingClientRect().top >= 0")  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#inhalt"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


PLANNED = f"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//DE
BEGIN:VEVENT
SUMMARY:Seder-Elternabend
DTSTART;TZID=Europe/Berlin:{YEAR}0421T190000
DTEND;TZID=Europe/Berlin:{YEAR}0421T210000
END:VEVENT
BEGIN:VEVENT
SUMMARY:Klassenfahrt
DTSTART;VALUE=DATE:{YEAR}0308
DTEND;VALUE=DATE:{YEAR}0313
END:VEVENT
BEGIN:VEVENT
SUMMARY:Spätschicht (UTC)
DTSTART:{YEAR}1224T230000Z
DTEND:{YEAR}1225T010000Z
END:VEVENT
BEGIN:VEVENT
SUMMARY:Sitzung
DTSTART;VALUE=DATE:{YEAR}0826
END:VEVENT
BEGIN:VEVENT
SUMMARY:Ruhiger Tag
DTSTART;VALUE=DATE:{YEAR}0603
END:VEVENT
END:VCALENDAR
"""


def test_planning_form_agrees_with_the_clashes_command(page: Page, built_site: BuiltSite, tmp_path: Path) -> None:
    planned_file = tmp_path / "termine.ics"
    planned_file.write_text(PLANNED, encoding="utf-8")
    planned = read_ics(PLANNED, "termine.ics", Problems())
    expected = [f"{c.planned.day.isoformat()}|{c.occurrence.id}|{c.relation}"
                for c in find_clashes(planned, compute_year(load_content(REPO), YEAR))]
    assert {e.rsplit("|", 1)[1] for e in expected} == {"fest", "vorabend", "moeglich"}  # the file tries each rule
    page.goto(url(built_site, "planen.html"))
    page.set_input_files("#datei", planned_file)
    page.wait_for_selector("#treffer:not([hidden]) tbody tr")
    found = page.eval_on_selector_all("#treffer tbody tr", "rows => rows.map(r => r.dataset.clash)")
    assert found == expected
    summary = page.text_content("#zusammenfassung")
    assert summary is not None and f"{len(expected)} Überschneidungen" in summary


def test_planning_form_takes_typed_dates(page: Page, built_site: BuiltSite) -> None:
    page.goto(url(built_site, "planen.html"))
    page.fill("#termine", f"21.04.{YEAR} Elternabend\n{YEAR}-06-03; Sitzung\nmorgen Ausflug")
    page.click("button[type=submit]")
    page.wait_for_selector("#treffer tbody tr")
    rows = page.eval_on_selector_all("#treffer tbody tr", "rows => rows.map(r => r.innerText)")
    # 21 April 2027: the eve of Pesach and the first day of Riḍván (the Bahá'í feast begins at sunset too)
    assert [r.split("\t")[2].split(" (")[0] for r in rows] == ["Riḍván-Fest", "Pessach"]
    assert rows[1].startswith("Mi 21.04.2027\tElternabend\tPessach (22.–29. Apr.)\tJüdisch\tam Vorabend")
    assert page.text_content("#meldungen") == "Eingabe:3: Fehler: 'morgen' ist kein Datum – erwartet 2027-04-12 oder 12.04.2027."


AUDITED = ("index.html", "monat-04.html", "monat-12.html", "fest-pesach.html", "fest-eid-al-fitr.html",
           "legende.html", "planen.html", "daten.html")
ON_PHONE = ("index.html", "monat-04.html", "planen.html")  # the layouts that change most on a phone


@pytest.mark.parametrize(("viewport", "names"), [(PHONE, ON_PHONE), (DESKTOP, AUDITED)], ids=["phone", "desktop"])
def test_axe_finds_no_serious_violation(browser: Browser, built_site: BuiltSite, viewport: dict[str, int],
                                        names: tuple[str, ...], tmp_path_factory: pytest.TempPathFactory) -> None:
    assert AXE.is_file(), "axe-core fehlt – 'make install' führt 'npm ci' aus."
    shots = tmp_path_factory.mktemp(f"screenshots-{viewport['width']}")
    context = browser.new_context(viewport=viewport, locale="de-DE")
    page = context.new_page()
    found = []
    for name in names:
        page.goto(url(built_site, name))
        if name == "planen.html":  # the result table too
            page.fill("#termine", f"21.04.{YEAR} Elternabend")
            page.click("button[type=submit]")
            page.wait_for_selector("#treffer tbody tr")
        page.screenshot(path=shots / name.replace(".html", ".png"), full_page=True)  # to look at by eye
        page.add_script_tag(path=AXE)
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
                               "resultTypes: ['violations']})", AXE_TAGS)
        found += [f"{name}: {v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
                  for v in result["violations"] if v["impact"] in ("serious", "critical")]
    context.close()
    assert found == []


def test_no_page_scrolls_sideways_on_a_phone(browser: Browser, built_site: BuiltSite) -> None:
    context = browser.new_context(viewport=PHONE, locale="de-DE")
    page = context.new_page()
    wide = {}
    for name in AUDITED:
        page.goto(url(built_site, name))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[name] = width
    context.close()
    assert wide == {}
