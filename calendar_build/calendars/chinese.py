"""The Chinese lunisolar calendar: the first month's days, counted from Chinese New Year.

New Year dates 1901–2100 come from the `holidays` package's Chinese lunisolar table (compiled
from the Hong Kong Observatory's Gregorian–lunar conversion tables), read through
`holidays_tables`. A lunar year is numbered, as Chinese almanacs do (农历 2026年), by the
Gregorian year in which it begins; only the first month is supported.
"""

from __future__ import annotations

import datetime as dt

from calendar_build.calendars import holidays_tables

SUPPORTED_YEARS = holidays_tables.CHINESE_YEARS
FIRST_MONTH_DAYS = 29  # the first month has 29 or 30 days; day 30 is not supported


def new_year(year: int) -> dt.date:
    """Return Chinese New Year (1st day of the 1st month) in Gregorian `year`."""
    found = holidays_tables.chinese_new_year(year)
    if found is None:
        raise ValueError(f"no Chinese New Year known for {year}")
    return found


def to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Return the Gregorian date of day `day` (1–29) of lunar month `month` (only 1) of lunar year `year`."""
    if month != 1 or not 1 <= day <= FIRST_MONTH_DAYS:
        raise ValueError("only days 1–29 of the first month are supported")
    return new_year(year) + dt.timedelta(days=day - 1)


def from_gregorian(day: dt.date) -> tuple[int, int, int]:
    """Return the lunar (year, month, day) of a Gregorian date within the first 29 days of a lunar year."""
    year = day.year if day >= new_year(day.year) else day.year - 1
    offset = (day - new_year(year)).days
    if offset >= FIRST_MONTH_DAYS:
        raise ValueError("only days 1–29 of the first month are supported")
    return year, 1, offset + 1


def years_touching(year: int) -> range:
    """Return the lunar years that have days in Gregorian `year`."""
    return range(year - 1, year + 1)


def occurrences(month: int, day: int, year: int) -> list[dt.date]:
    """Return the Gregorian dates of lunar month/day in the lunar years touching `year`."""
    return [to_gregorian(y, month, day) for y in years_touching(year) if y in SUPPORTED_YEARS]
