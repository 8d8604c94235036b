"""The site in a real browser: Debian's Chromium driven by Playwright (no browser download).

Every page loads without console errors or requests beyond the folder, the photos load, the planning
form finds the same clashes as `calendar-build clashes` and speaks the site's language, the keyboard
reaches the content, no page scrolls sideways on a phone, and axe-core (npm) finds no serious or
critical WCAG 2.2 AA violation.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, sync_playwright

from calendar_build.content.loader import load_content
from calendar_build.engine.occurrences import compute_year
from calendar_build.i18n.catalogues import translations
from calendar_build.i18n.dates import Dates
from calendar_build.i18n.languages import LANGUAGES, digits
from calendar_build.products import PRODUCTS
from calendar_build.site.build import build_site
from calendar_build.site.clashes import find_clashes
from calendar_build.site.planned import Planned, parse_date, read_ics
from calendar_build.site.planning_texts import (EXAMPLES, FACTS, FORM, PROBLEMS, RELATIONS, clash_count,
                                                 list_separator)
from calendar_build.stages.options import BuildOptions
from calendar_build.errors import Problems
from tests.conftest import REPO
from tests.site.conftest import YEAR, BuiltSite, serving_options

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}
pytestmark = [pytest.mark.xdist_group("browser"), pytest.mark.full]  # one worker starts Chromium (it cannot be shared across processes)


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
        # web fonts may still be loading after "load"; leaving the page then would abort them
        failed_fonts = page.evaluate("async () => { await document.fonts.ready; "
                                     "return [...document.fonts].filter(f => f.status === 'error').map(f => f.family); }")
        assert failed_fonts == [], name
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


# The same dates in the decimal digits of other scripts: Arabic-Indic, Persian, Devanagari; mixed with ASCII.
FOREIGN_DIGITS = ((f"21.04.{YEAR}", "٢١.٠٤.٢٠٢٧"), (f"{YEAR}-08-26", "۲۰۲۷-۰۸-۲۶"), (f"25.12.{YEAR}", "२५.१२.2027"))


def test_planning_form_reads_dates_in_any_digits_as_clashes_does(page: Page, built_site: BuiltSite,
                                                                 tmp_path: Path) -> None:
    """An Arabic reader types ٢١.٠٤.٢٠٢٧: the form reads it as `calendar-build clashes` does (any Unicode digits)."""
    assert [parse_date(foreign) for _, foreign in FOREIGN_DIGITS] == [parse_date(ascii) for ascii, _ in FOREIGN_DIGITS]
    rows = {}
    for column in (0, 1):
        page.goto(url(built_site, "planen.html"))
        page.fill("#termine", "\n".join(f"{dates[column]} Termin" for dates in FOREIGN_DIGITS))
        page.click("button[type=submit]")
        page.wait_for_selector("#treffer tbody tr")
        rows[column] = page.eval_on_selector_all("#treffer tbody tr", "rows => rows.map(r => r.dataset.clash)")
        assert page.text_content("#meldungen") == ""
    assert len(rows[0]) >= 3 and rows[1] == rows[0]
    planned_file = tmp_path / "termine.csv"  # a spreadsheet's export with the dates in Arabic-Indic digits
    planned_file.write_text("datum;titel\n" + "\n".join(f"{foreign};Termin" for _, foreign in FOREIGN_DIGITS),
                            encoding="utf-8")
    page.goto(url(built_site, "planen.html"))
    page.set_input_files("#datei", planned_file)
    page.wait_for_selector("#treffer:not([hidden]) tbody tr")
    assert page.eval_on_selector_all("#treffer tbody tr", "rows => rows.map(r => r.dataset.clash)") == rows[0]


# The planning form in the site's language (the texts: calendar_build/site/planning_texts.py, translated in
# calendar_build/i18n/locale/<lang>/LC_MESSAGES/calendar.po; dates: CLDR through i18n/dates.py). German,
# Turkish (left to right) and Persian (right to left, its own digits).
FORM_LANGUAGES = ("de", "tr", "fa")
# Words planen.js wrote in German before it took its texts from the page; none may reach another language's reader.
FORM_GERMAN = ("am Fest", "Vorabend", "möglich", "verschiebt", "Datum steht fest", "gesetzlicher Feiertag",
               "Fehler", "Eingabe", "kein Datum", "erwartet", "Planungsprüfung", "gegen den Kalender",
               "geplanten Tagen", "Überschneidung", "ohne Titel", "Apr.", "Dez.", "Mi ")
# Typed lines (in the site's digits): the eve of Pesach and Riḍván, a possible shift of Janmashtami, Christmas
# Day without a title (a public holiday), a word that is no date.
TYPED = ((f"21.04.{YEAR}", "Elternabend"), (f"{YEAR}-08-26;", "Sitzung"), (f"25.12.{YEAR}", ""), ("morgen", "Ausflug"))


@pytest.fixture(scope="module")
def site_in(built_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory,
            warm_cache: Callable[[Path], Path]) -> Callable[[str], Path]:
    """Return a function building (once) the sample site in a language and returning its folder."""
    folders = {"de": built_site.folder}

    def build(code: str) -> Path:
        if code not in folders:
            base = tmp_path_factory.mktemp(f"site-{code}")
            options = BuildOptions(root=REPO, year=YEAR, product=PRODUCTS["web"], language=code, out=base,
                                   cache_dir=warm_cache(base / "cache"))
            folders[code] = build_site(options, base / "site").folder
        return folders[code]

    return build


def _typed_planned(code: str) -> list[Planned]:
    """Return what the form reads of TYPED: the dated lines with their titles (or the language's 'untitled')."""
    untitled = translations(code).gettext(FORM["untitled"])
    return [Planned(dt.date.fromisoformat(f"{YEAR}-{when[3:5]}-{when[:2]}" if "." in when else when.rstrip(";")),
                    title or untitled, line) for line, (when, title) in enumerate(TYPED[:3], start=1)]


def _filled(code: str, msgid: str, **values: str | int) -> str:
    """Return the catalogue's text filled in as planen.js does: numbers in the language's digits, text isolated
    (U+2068 … U+2069) on a right-to-left page."""
    rtl = LANGUAGES[code].direction == "rtl"
    return translations(code).gettext(msgid) % {
        name: digits(v, code) if isinstance(v, int) else f"\u2068{v}\u2069" if rtl else v for name, v in values.items()}


@pytest.mark.parametrize("code", FORM_LANGUAGES)
def test_planning_form_speaks_the_sites_language(page: Page, site_in: Callable[[str], Path], code: str) -> None:
    gettext, dates = translations(code).gettext, Dates(code)
    page.goto((site_in(code) / "planen.html").as_uri())
    page.fill("#termine", "\n".join(f"{digits(when, code)} {title}".strip() for when, title in TYPED))
    page.click("button[type=submit]")
    page.wait_for_selector("#treffer tbody tr")
    clashes = find_clashes(_typed_planned(code), compute_year(load_content(REPO), YEAR))
    assert {c.relation for c in clashes} == set(RELATIONS)  # each relation is shown
    rows = page.eval_on_selector_all("#treffer tbody tr", "rows => rows.map(r => r.innerText.split('\\t'))")
    assert len(rows) == len(clashes) == 6
    for (day, title, feast, _category, how), clash in zip(rows, clashes, strict=True):
        o = clash.occurrence
        facts = [RELATIONS[clash.relation]] + [FACTS["eve"]] * o.entry.holiday.eve + [
            FACTS["approximate" if o.approximate else "fixed"]] + [FACTS["public"]] * o.public
        assert (day, title) == (dates.weekday_date(clash.planned.day), clash.planned.title)
        assert feast.endswith(f" ({dates.date_range(o.start, o.end)})")
        assert how == list_separator(code).join(gettext(f) for f in facts)
    typed = gettext(FORM["typed"])
    summary = _filled(code, FORM["summary"], source=typed, year=YEAR, hit=3, days=3,
                      clashes=digits(clash_count(6, code), code))
    assert page.text_content("#zusammenfassung") == summary
    problem = _filled(code, FORM["error"], source=typed, line=4,
                      text=_filled(code, PROBLEMS["not_a_date"], text="morgen", **EXAMPLES))
    assert page.text_content("#meldungen") == problem
    shown = page.inner_text("#ergebnis")
    if code == "de":
        assert "Mi 21.04.2027\tElternabend\tPessach (22.–29. Apr.)\tJüdisch\tam Vorabend" in shown
        assert problem == "Eingabe:4: Fehler: 'morgen' ist kein Datum – erwartet 2027-04-12 oder 12.04.2027."
    else:
        assert [w for w in FORM_GERMAN if w in shown] == []
    assert ("۲۰۲۷" in summary) == (code == "fa")


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


def test_the_contact_sheet_tells_serve_the_print_pages_in_sight(browser: Browser, built_site: BuiltSite, project: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """`serve` draws the print pages a browser shows first: the contact sheet reports them, the most visible first,
    and again after scrolling (site/serve.py: the script's IntersectionObserver, /__sicht)."""
    import queue
    import threading
    import time
    from dataclasses import replace

    from PIL import Image

    from calendar_build.preview import contact_sheet
    from calendar_build.site import serve as serve_module

    told: list[str] = []
    look = serve_module.State.look
    monkeypatch.setattr(serve_module.State, "look", lambda self, query: (told.append(query), look(self, query))[1])
    options = serving_options(built_site, project)
    folder = options.cache / "serve" / "preview"  # a contact sheet of twelve blank pages, as `preview` writes it
    folder.mkdir(parents=True)
    for number in range(1, 13):
        Image.new("RGB", (303, 426), "white").save(folder / f"seite-{number:02d}.png")
    (folder / "index.html").write_text(contact_sheet(2027, [(n, f"seite-{n}") for n in range(1, 13)]), encoding="utf-8")
    stop, ready = threading.Event(), queue.Queue[int]()
    thread = threading.Thread(target=serve_module.serve, args=(options, None, 0, stop, lambda _text: None), daemon=True,
                              kwargs={"print_pages": False, "started": ready.put})
    thread.start()
    context = browser.new_context(viewport={"width": 700, "height": 800})  # two pages side by side

    def reported(expected: str) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and (not told or told[-1] != expected):
            time.sleep(0.05)
        assert told and told[-1] == expected, told

    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{ready.get(timeout=120)}/preview/index.html")
        reported("seiten=1,2,3,4")  # the first row whole, the second in part
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        reported("seiten=11,12,9,10")
    finally:
        context.close()
        stop.set()
        thread.join(10)
