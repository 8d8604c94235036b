"""German date formatting for the printed calendar (all formatting lives here, not in templates)."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember")  # fmt: skip
MONTHS_SHORT = ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez.")
WEEKDAYS_SHORT = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


def day_month(day: dt.date) -> str:
    """Return '6. Jan.'."""
    return f"{day.day}. {MONTHS_SHORT[day.month - 1]}"


def date_range(start: dt.date, end: dt.date) -> str:
    """Return '6. Jan.', '24.–26. Dez.', '31. März–2. Apr.' or '28. Dez. 2026–4. Jan.'."""
    if start == end:
        return day_month(start)
    if start.year != end.year:
        return f"{day_month(start)} {start.year}–{day_month(end)}"
    if start.month == end.month:
        return f"{start.day}.–{day_month(end)}"
    return f"{day_month(start)}–{day_month(end)}"


# The no-break space before a year: a range across the new year may wrap there (the dates stay whole).
YEAR_BREAK = re.compile(r"\u00a0(?=[0-9\u06f0-\u06f9]{4}(?![0-9\u06f0-\u06f9]))")


def column_range(start: dt.date, end: dt.date) -> str:
    """Return `date_range` for a narrow column: a range breaks after its dash, a date only before its year.

    '21. Apr.–2. Mai' then wraps as '21. Apr.–' over '2. Mai' instead of running into the next column;
    '25. Dez. 2027–1. Jan.' (wider than the A4 column) as '25. Dez.' over '2027–1. Jan.'.
    """
    glued = date_range(start, end).replace(" ", "\u00a0").replace("–", "–\u200b")
    return YEAR_BREAK.sub(" ", glued)


def weekday_date(day: dt.date) -> str:
    """Return 'Mi 21.04.2027' (a planned day in `calendar-build clashes`)."""
    return f"{WEEKDAYS_SHORT[day.weekday()]} {day:%d.%m.%Y}"


def long_day_month(day: dt.date) -> str:
    """Return '20. November'."""
    return f"{day.day}. {MONTHS[day.month - 1]}"


def long_date(day: dt.date) -> str:
    """Return '20. November 2026'."""
    return f"{long_day_month(day)} {day.year}"
