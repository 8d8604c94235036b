"""Typed contexts of the website's pages: everything a site template prints is computed here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from calendar_build.pages.model import Calendar, CategoryView, MonthPage


@dataclass(frozen=True)
class FeastDate:
    """One occurrence of a feast, formatted."""

    when: str  # '11.–18. April 2027'
    start: str  # ISO date
    end: str  # ISO date, inclusive
    approximate: bool
    basis: str  # what this date rests on (German), may be ""


@dataclass(frozen=True)
class AheadYear:
    """A feast in one of the following years."""

    year: int
    when: str  # '31. März–7. Apr.', '–' if it does not fall that year
    approximate: bool


@dataclass(frozen=True)
class FeastPage:
    """A feast of the edition with everything its page shows."""

    id: str
    path: str  # file of its page: 'fest-pesach.html'
    name: str
    original: str
    original_lang: str  # BCP 47 tag of the original name, "" if unknown
    transliteration: str
    category: CategoryView
    description: str
    greeting: str
    eve: bool
    public: bool
    rule: str  # how the date is found (German)
    dates: tuple[FeastDate, ...]  # its occurrences in the edition's year
    ahead: tuple[AheadYear, ...]  # the next years
    months: tuple[int, ...]  # months of the edition it touches


@dataclass(frozen=True)
class Download:
    """A file offered for download on the site."""

    path: str  # relative to the site
    title: str
    note: str = ""  # format or size, German


@dataclass(frozen=True)
class PosterView:
    """A built year poster on the site: its PDF and a picture of its front."""

    pdf: str  # relative to the site
    image: str  # JPEG of the front, cut to the trim edge
    title: str  # 'Jahresplakat A2'
    note: str  # format and size, German
    width: int  # of the picture, in pixels
    height: int


@dataclass(frozen=True)
class SitePage:
    """One page of the site: its file, kind (templates/site/<kind>.html.j2) and what it shows."""

    path: str
    kind: str
    title: str
    month: MonthPage | None = None
    feast: FeastPage | None = None


@dataclass(frozen=True)
class Site:
    """The whole website, ready for the templates."""

    calendar: Calendar
    feasts: tuple[FeastPage, ...]
    pages: tuple[SitePage, ...]
    month_feasts: dict[int, tuple[FeastPage, ...]]  # feasts touching each month
    calendars: tuple[Download, ...]  # ICS files: all categories, then one per category
    documents: tuple[Download, ...]  # the PDFs of the edition that were built
    data: tuple[Download, ...]  # JSON and its schema
    license: str  # 'CC BY 4.0'
    license_url: str
    data_script: str  # the planning form's data (holidays-YYYY.js)
    live_reload: bool = False  # `serve` adds its reload script
    posters: tuple[PosterView, ...] = ()  # the year posters that were built, with pictures
    planning_texts: Mapping[str, object] = field(default_factory=dict)  # planen.js's words (planning_texts.py)
