"""The site plan: which pages the website has, each with its file and what its template prints.

The product names the kinds of page (`products.WEB.page_plan`); this module expands them: one page
per month and per feast, one for each of the others. Navigation and the link check use this list.
"""

from __future__ import annotations

from calendar_build.pages.model import Calendar
from calendar_build.site.model import FeastPage, SitePage

# The pages of which there is one: file and title.
SINGLE_PAGES = {
    "start": ("index.html", "Start"),
    "legend": ("legende.html", "Legende und Zeichen"),
    "planning": ("planen.html", "Planungshilfe: Termine prüfen"),
    "data": ("daten.html", "Kalender abonnieren und Daten"),
    "poster": ("plakat.html", "Das Jahresplakat"),
}
OPTIONAL = {"poster"}  # pages only there when they have something to show (a poster was built)


def month_path(number: int) -> str:
    """Return the file name of a month's page."""
    return f"monat-{number:02d}.html"


def _expand(kind: str, calendar: Calendar, feasts: tuple[FeastPage, ...], shown: set[str]) -> list[SitePage]:
    if kind in OPTIONAL and kind not in shown:
        return []
    if kind == "months":
        return [SitePage(month_path(m.number), "month", f"{m.name} {m.year}", month=m) for m in calendar.months]
    if kind == "feasts":
        return [SitePage(f.path, "feast", f.name, feast=f) for f in feasts]
    path, title = SINGLE_PAGES[kind]
    return [SitePage(path, kind, title)]


def plan_site(calendar: Calendar, feasts: tuple[FeastPage, ...], page_plan: tuple[str, ...],
              posters: bool = False) -> tuple[SitePage, ...]:
    """Return the site's pages in the product's order; the poster's page only when `posters` were built."""
    shown = {"poster"} if posters else set()
    return tuple(page for kind in page_plan for page in _expand(kind, calendar, feasts, shown))
