"""The Julian calendar, as still used by several Orthodox churches and for the Yazidi feasts.

Source: Meeus, *Astronomical Algorithms*, ch. 7 (Julian Day from a calendar date).
"""

from __future__ import annotations

import datetime as dt

_GREGORIAN_JDN_OFFSET = 1721425  # JDN of 0001-01-01 (proleptic Gregorian) is ordinal 1 + this


def to_jdn(year: int, month: int, day: int) -> int:
    """Return the Julian Day Number of a Julian-calendar date."""
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    return day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083


def to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Return the Gregorian date of a Julian-calendar date."""
    return dt.date.fromordinal(to_jdn(year, month, day) - _GREGORIAN_JDN_OFFSET)


def from_gregorian(day: dt.date) -> tuple[int, int, int]:
    """Return the Julian-calendar (year, month, day) of a Gregorian date."""
    c = day.toordinal() + _GREGORIAN_JDN_OFFSET + 32082
    d = (4 * c + 3) // 1461
    e = c - (1461 * d) // 4
    m = (5 * e + 2) // 153
    return d - 4800 + m // 10, m + 3 - 12 * (m // 10), e - (153 * m + 2) // 5 + 1


def years_touching(year: int) -> range:
    """Return the Julian years that have days in Gregorian `year`."""
    return range(year - 1, year + 1)


def occurrences(month: int, day: int, year: int) -> list[dt.date]:
    """Return the Gregorian dates in `year` of Julian month/day (from the Julian years touching `year`)."""
    found = []
    for julian_year in years_touching(year):
        if month == 2 and day == 29 and julian_year % 4:
            continue
        gregorian = to_gregorian(julian_year, month, day)
        if gregorian.year == year:
            found.append(gregorian)
    return found
