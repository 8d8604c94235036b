"""The Hebrew calendar: dates of Jewish feasts in a Gregorian year.

Conversion: convertdate's implementation of the arithmetic Hebrew calendar (molad and
dehiyyot as in Reingold & Dershowitz, *Calendrical Calculations*). Feasts are given by
their first full daytime; they begin at sunset the evening before.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from convertdate import hebrew as _hebrew

# convertdate numbers months from Nisan (1) to Adar (12) and Adar II (13).
MONTHS: dict[str, int] = {
    "nisan": 1,
    "iyyar": 2,
    "sivan": 3,
    "tammuz": 4,
    "av": 5,
    "elul": 6,
    "tishrei": 7,
    "cheshvan": 8,
    "kislev": 9,
    "tevet": 10,
    "shevat": 11,
    "adar": 12,  # Adar in common years, Adar II in leap years (Purim)
    "adar_i": 12,
    "adar_ii": 13,
}

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

SUPPORTED_YEARS = range(1, 10000)
_NAMES = {number: name for name, number in MONTHS.items() if name not in ("adar", "adar_i")}


def is_leap(hebrew_year: int) -> bool:
    """Return whether the Hebrew year has 13 months."""
    return bool(_hebrew.leap(hebrew_year))


def month_number(month: str, hebrew_year: int) -> int | None:
    """Return convertdate's month number for a month name in a Hebrew year, None if it does not exist."""
    if month == "adar":
        return 13 if is_leap(hebrew_year) else 12
    if month == "adar_ii" and not is_leap(hebrew_year):
        return None
    return MONTHS[month]


@lru_cache(maxsize=16384)
def to_gregorian(year: int, month: str, day: int) -> dt.date | None:
    """Return the Gregorian date of a Hebrew date (`year` Anno Mundi), None if the month or day does not exist."""
    number = month_number(month, year)
    if number is None or day > _hebrew.month_length(year, number):
        return None
    return dt.date(*_hebrew.to_gregorian(year, number, day))


def from_gregorian(day: dt.date) -> tuple[int, str, int]:
    """Return the Hebrew (year, month name, day) of a Gregorian date."""
    year, number, hebrew_day = _hebrew.from_gregorian(day.year, day.month, day.day)
    if number == 12:
        return year, "adar_i" if is_leap(year) else "adar", hebrew_day
    return year, _NAMES[number], hebrew_day


def years_touching(year: int) -> range:
    """Return the Hebrew years (Anno Mundi) that have days in Gregorian `year`, with a margin of one."""
    return range(year + 3759, year + 3762)


def shifted(day: dt.date, shift: dict[str, int]) -> dt.date:
    """Return `day` moved by shift[weekday] days when it falls on that weekday (postponement rules)."""
    return day + dt.timedelta(days=shift.get(WEEKDAYS[day.weekday()], 0))


def occurrences(month: str, day: int, year: int, shift: dict[str, int] | None = None) -> list[dt.date]:
    """Return the start dates of a Hebrew month/day for the Hebrew years that touch Gregorian `year`.

    The caller keeps the ones whose span touches the year (Hanukkah may start in December of
    the year before).
    """
    found = []
    for hebrew_year in years_touching(year):
        start = to_gregorian(hebrew_year, month, day)
        if start is None:
            continue
        if shift:
            start = shifted(start, shift)
        if year - 1 <= start.year <= year:
            found.append(start)
    return sorted(found)
