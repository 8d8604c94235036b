"""Wording for the review: dates with year or weekday, shifts, and what a date rests on.

Built on calendar_build.pages.dates so the review says dates exactly as the calendar does. The
editor's report is German; the communities' review sheets are written in the edition's language
(`language`: CLDR dates from i18n/dates.py, the frames from the gettext catalogues).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from calendar_build.content.schema import Edition
from calendar_build.engine.occurrences import Occurrence
from calendar_build.engine import basis
from calendar_build.i18n.catalogues import translations
from calendar_build.i18n.dates import Dates
from calendar_build.i18n.languages import GERMAN
from calendar_build.i18n.marker import N_
from calendar_build.pages import dates

RULE_BASIS = N_("Regel im Katalog – der Brauch der Gemeinden kann abweichen")  # approximate, no calendar basis
NO_DATE = "kein Termin"
WEEKDAY_DATE = N_("{weekday}, {date}")
SPAN = N_("{start} bis {end}")
ANNOUNCED = N_("Von der Gemeinschaft bekanntgegeben{note}.")
ESTIMATED = N_("Geschätzter Termin – kann um einen Tag abweichen. Grundlage: {basis}.")


def span_with_year(start: dt.date, end: dt.date, language: str = GERMAN) -> str:
    """Return '13.–20. Apr. 2025' or '28. Dez. 2026–4. Jan. 2027' ('Apr 13 – 20, 2025' in English)."""
    if language == GERMAN:
        return f"{dates.date_range(start, end)} {end.year}"
    return Dates(language).date_range_with_year(start, end)


def spans_with_year(occurrences: list[Occurrence]) -> str:
    """Return every span with its year, joined by commas, or 'kein Termin'."""
    return ", ".join(span_with_year(o.start, o.end) for o in occurrences) or NO_DATE


def weekday_date(day: dt.date, language: str = GERMAN) -> str:
    """Return 'Donnerstag, 22. April 2027' ('Thursday, April 22, 2027')."""
    words = Dates(language)
    return _(WEEKDAY_DATE, language).format(weekday=words.weekdays[day.weekday()], date=words.long_date(day))


def long_span(start: dt.date, end: dt.date, language: str = GERMAN) -> str:
    """Return 'Donnerstag, 22. April 2027' or 'Donnerstag, 22. April 2027 bis Freitag, 30. April 2027'."""
    if start == end:
        return weekday_date(start, language)
    return _(SPAN, language).format(start=weekday_date(start, language), end=weekday_date(end, language))


def _(message: str, language: str) -> str:
    """Return a frame of the review sheets in `language`."""
    return translations(language).gettext(message)


def shift(before: dt.date, after: dt.date) -> str:
    """Return how a date moved against the same day one year earlier: '11 Tage früher', 'gleiches Datum'."""
    try:
        same_day = before.replace(year=before.year + 1)
    except ValueError:  # 29 February
        same_day = dt.date(before.year + 1, 3, 1)
    days = (after - same_day).days
    if days == 0:
        return "gleiches Datum"
    unit = "Tag" if abs(days) == 1 else "Tage"
    return f"{abs(days)} {unit} {'früher' if days < 0 else 'später'}"


def edition_title(edition: Edition) -> str:
    """Return 'Interkultureller Kalender – Angekommen im Landkreis' (title and motto)."""
    return f"{edition.title} – {edition.motto}" if edition.motto else edition.title


def local_time(moment: dt.datetime) -> str:
    """Return '21. November 2026, 16:35 Uhr' in German local time (UTC where no time zone data exists)."""
    try:
        local, zone = moment.astimezone(ZoneInfo("Europe/Berlin")), ""
    except ZoneInfoNotFoundError:
        local, zone = moment.astimezone(dt.timezone.utc), " (UTC)"
    return f"{dates.long_date(local.date())}, {local:%H:%M} Uhr{zone}"


def basis_text(occurrence: Occurrence, language: str = GERMAN) -> str:
    """Return what an occurrence's date rests on."""
    return basis.label(occurrence.basis, occurrence.note, language) or _(RULE_BASIS, language)


def estimate_note(occurrence: Occurrence, language: str = GERMAN) -> str:
    """Return the note for an estimated date, or '' for a fixed or announced one."""
    if occurrence.basis == "override":
        note = f" ({occurrence.note})" if occurrence.note else ""
        return _(ANNOUNCED, language).format(note=note)
    if not occurrence.approximate:
        return ""
    return _(ESTIMATED, language).format(basis=basis_text(occurrence, language))


def alternatives_text(occurrence: Occurrence, language: str = GERMAN) -> tuple[str, ...]:
    """Return the other traditions' dates that differ from the occurrence's, each with its basis."""
    return tuple(
        f"{span_with_year(a.start, a.end, language)} – {basis.label(a.basis, language=language)}"
        for a in basis.differing(occurrence.start, occurrence.alternatives)
    )
