"""Compute every occurrence of the catalogue in a Gregorian year, with overrides and legal status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays as holidays_package

from calendar_build.content.loader import Content, Entry, PinnedDate
from calendar_build.engine import sanity
from calendar_build.engine.rules import SUPPORTED_YEARS, RuleError, Settings, hits
from calendar_build.errors import Problems


@dataclass(frozen=True)
class Occurrence:
    """One holiday on the calendar: what it is and when, as the later stages need it."""

    entry: Entry
    start: dt.date
    end: dt.date  # inclusive
    approximate: bool
    public: bool  # a legal holiday in Hessen
    basis: str  # what the date rests on ("", "umm-al-qura", "table", "computed", "override" …)
    note: str = ""  # the override's note

    @property
    def id(self) -> str:
        """Return the holiday id."""
        return self.entry.holiday.id

    @property
    def category(self) -> str:
        """Return the category id."""
        return self.entry.category

    def days(self) -> list[dt.date]:
        """Return every day of the span."""
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days + 1)]


@dataclass(frozen=True)
class YearTable:
    """All occurrences of one Gregorian year, sorted by start date."""

    year: int
    islamic_reckoning: str
    occurrences: tuple[Occurrence, ...]
    legal_holidays: dict[dt.date, str]  # Hessen legal holidays of the year, German names


@lru_cache(maxsize=32)
def _hessen_decade(decade: int) -> dict[dt.date, str]:
    # One call for ten years costs about as much as one for a single year.
    return dict(holidays_package.country_holidays("DE", subdiv="HE", years=range(decade, decade + 10), language="de"))


def hessen_legal_holidays(year: int) -> dict[dt.date, str]:
    """Return Hessen's legal holidays of `year` (Hessisches Feiertagsgesetz, via the holidays package)."""
    return {day: name for day, name in sorted(_hessen_decade(year // 10 * 10).items()) if day.year == year}


def _span(start: dt.date, duration: int) -> dt.date:
    return start + dt.timedelta(days=duration - 1)


def _touches(start: dt.date, end: dt.date, year: int) -> bool:
    return start.year <= year <= end.year


def _computed(entry: Entry, year: int, settings: Settings, problems: Problems) -> list[Occurrence]:
    holiday = entry.holiday
    try:
        found = hits(holiday.rule, year, settings)
    except RuleError as exc:
        problems.error(entry.where.path, entry.where.line, f"'{holiday.id}': {exc}.")
        return []
    sanity.check_hits(entry, found, settings, problems)
    if holiday.rule.kind == "dates" and year not in holiday.rule.dates and holiday.observed_in(year):
        problems.warning(entry.where.path, entry.where.line, f"'{holiday.id}': In 'dates' steht kein Datum für "
                         f"{year} (nur für {', '.join(str(y) for y in sorted(holiday.rule.dates))}) – der Feiertag "
                         f"fehlt in diesem Kalender.")
    result = []
    for hit in found:
        end = _span(hit.start, holiday.duration)
        if _touches(hit.start, end, year) and holiday.observed_in(hit.start.year):
            result.append(Occurrence(entry, hit.start, end, holiday.approximate or hit.approximate, False, hit.basis))
    return result


def _pinned(entry: Entry, pins: list[PinnedDate]) -> list[Occurrence]:
    return [
        Occurrence(
            entry,
            pin.override.start,
            pin.override.end or _span(pin.override.start, entry.holiday.duration),
            False,  # an announced date is no longer an estimate
            False,
            "override",
            pin.override.note or "",
        )
        for pin in pins
    ]


def compute_year(content: Content, year: int, problems: Problems | None = None) -> YearTable:
    """Return every occurrence of the catalogue touching `year`; raise ContentError on problems."""
    own = problems is None
    problems = problems or Problems()
    settings = Settings(islamic_reckoning=content.edition.islamic_reckoning)
    pins_by_id: dict[str, list[PinnedDate]] = {}
    for pin in content.overrides.get(year, ()):
        pins_by_id.setdefault(pin.override.id, []).append(pin)
    legal = hessen_legal_holidays(year) if year in SUPPORTED_YEARS else {}
    legal_categories = {c.id for c in content.catalogue.categories if c.legal_calendar}
    occurrences: list[Occurrence] = []
    for entry in content.catalogue.entries:
        found = _computed(entry, year, settings, problems)
        if entry.holiday.id in pins_by_id:
            # Pins replace what was computed to start in this year; spans carried over stay.
            found = [o for o in found if o.start.year != year] + _pinned(entry, pins_by_id[entry.holiday.id])
        for occurrence in found:
            public = entry.category in legal_categories and occurrence.start in legal
            occurrences.append(
                occurrence if not public else Occurrence(**{**occurrence.__dict__, "public": True})
            )
    sanity.check_year(content, year, occurrences, problems)
    if own:
        problems.raise_if_errors()
    occurrences.sort(key=lambda o: (o.start, o.end, o.category, o.id))
    return YearTable(year, settings.islamic_reckoning, tuple(occurrences), legal)
