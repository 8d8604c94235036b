"""Typed page contexts: everything a template prints is computed and formatted here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from calendar_build.pages.outlook import OutlookRow
from calendar_build.region.view import RegionView


@dataclass(frozen=True)
class CategoryView:
    """A legend entry."""

    id: str
    label: str
    letter: str
    glyph: str  # the letter in a filled circle (one glyph: fast to set, crisp at any size)


@dataclass(frozen=True)
class Dot:
    """A coloured dot with its category letter."""

    category: str
    letter: str
    label: str
    glyph: str


@dataclass(frozen=True)
class DayCell:
    """One day of the month grid."""

    day: int
    iso: str
    in_month: bool
    sunday: bool
    legal: bool  # a legal holiday of the region: printed red
    school: bool  # inside the region's known school holidays: light band
    dots: tuple[Dot, ...]
    labels: tuple[str, ...]  # short names that fit the cell
    more: str  # e.g. "+2 s. Liste" when labels did not fit, else ""
    title: str  # every name of the day, for the screen PDF
    hidden: tuple[str, ...] = ()  # the names that went to the list instead ("more")
    marks: tuple[str, ...] = ()  # the marks ("☾", "±1", "☾±1", "") of the labels, then of the hidden names,
    # where the product prints them in the cell


@dataclass(frozen=True)
class Week:
    """A row of the month grid with its ISO week number."""

    number: int
    days: tuple[DayCell, ...]


@dataclass(frozen=True)
class ListItem:
    """A line of the month's holiday list."""

    when: str  # '24.–26. Dez.'
    dot: Dot
    name: str
    original: str
    transliteration: str
    eve: bool
    approximate: bool
    public: bool


class PhotoUrls(NamedTuple):
    """Where a portrait's prepared photos are: the month page's frame and the cover's tile."""

    frame: str
    tile: str


PARAGRAPH_BREAK = "\n"  # between two paragraphs of a portrait's text in the page model
# A web address in a text: printed as it is, never hyphenated (a reader would type the hyphen)
WEB_ADDRESS = re.compile(r"\b(?:https?://|www\.)[^\s<>\"“”„«»]*[^\s<>\"“”„«».,;:!?)\]]")


class Run(NamedTuple):
    """A piece of a paragraph: plain text, or a web address (never hyphenated)."""

    text: str
    address: bool


def runs(paragraph: str) -> tuple[Run, ...]:
    """Return a paragraph as its plain pieces and web addresses, in order."""
    found, start = [], 0
    for match in WEB_ADDRESS.finditer(paragraph):
        found += [Run(paragraph[start:match.start()], False), Run(match.group(), True)]
        start = match.end()
    return tuple(run for run in (*found, Run(paragraph[start:], False)) if run.text)


@dataclass(frozen=True)
class PortraitView:
    """The portrait of a month page."""

    name: str
    town: str
    text: str
    photo: str  # URL of the prepared photo, relative to the HTML
    tile: str  # URL of the photo's tile on the cover
    alt: str
    credit: str
    sample: bool
    source: str = ""  # "path:line" of the portrait's text, named when it does not fit
    lang: str = "de"  # the language of `text`: the edition's, or German where no translation is written

    @property
    def paragraphs(self) -> tuple[tuple[Run, ...], ...]:
        """Return the text's paragraphs (an editor parts them by a blank line in `text: >-`), each as its runs."""
        return tuple(runs(paragraph) for paragraph in self.text.split(PARAGRAPH_BREAK))


@dataclass(frozen=True)
class MonthPage:
    """A month page: portrait on top, grid and holiday list below."""

    number: int
    name: str
    year: int
    portrait: PortraitView | None
    weekdays: tuple[str, ...]
    weeks: tuple[Week, ...]
    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class Explanation:
    """One holiday explained on the explanations pages."""

    when: str
    dot: Dot
    name: str
    original: str
    transliteration: str
    description: str
    greeting: str
    eve: bool
    approximate: bool
    german: str = ""  # the German description beside it (bilingual products), else ""
    basis: str = ""  # screen only: what the date rests on and other traditions' dates ('' in print)


@dataclass(frozen=True)
class ExplanationGroup:
    """The holidays of one category."""

    category: CategoryView
    items: tuple[Explanation, ...]


@dataclass(frozen=True)
class Shortening:
    """A day cell whose labels were abbreviated or moved to the list; reported by the build."""

    day: str
    shown: tuple[str, ...]
    hidden: tuple[str, ...]


@dataclass(frozen=True)
class Calendar:
    """The whole calendar, ready for the templates."""

    year: int
    title: str
    motto: str
    publisher: str
    imprint: str
    edition_date: str
    reckoning: str
    computed_on: str
    classes: str  # the product's theme layers, classes of <html> ("print format-a3")
    spelled_marks: bool  # marks written out in words (screen readers)
    categories: tuple[CategoryView, ...]
    months: tuple[MonthPage, ...]
    explanation_columns: tuple[tuple[ExplanationGroup, ...], ...]  # split in Python, not CSS columns
    credits: tuple[tuple[str, str], ...]  # (month name + person, credit)
    sample: bool
    school_holidays_known: bool
    german_portraits: bool = False  # some portrait texts are printed in German (no translation written)
    outlook: tuple[OutlookRow, ...] = ()  # the main movable feasts of the next years (may be empty)
    language: str = "de"  # lang of <html> and of every text the edition translates
    direction: str = "ltr"  # dir of <html>: "rtl" for Arabic and Persian (CLDR)
    region: RegionView | None = None  # legend, cover and imprint wording of the region
