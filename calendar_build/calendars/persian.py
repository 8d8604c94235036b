"""The Solar Hijri (Persian) calendar: Nowruz and dates counted from it.

1 Farvardin (Nowruz) is the day of the March equinox if the equinox falls before noon on the
Tehran meridian (52.5° E, i.e. Iran Standard Time UTC+3:30), otherwise the following day —
the rule of Iran's official calendar (law of 1925; see Borkowski, "The Persian calendar for
3000 years", Earth, Moon and Planets 74, 1996).
"""

from __future__ import annotations

import datetime as dt

from calendar_build.calendars import astro

IRAN_STANDARD_TIME = dt.timedelta(hours=3, minutes=30)
MONTH_DAYS = (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 29)


def nowruz(year: int) -> dt.date:
    """Return 1 Farvardin, the Persian New Year, in Gregorian `year`."""
    local = astro.march_equinox(year) + IRAN_STANDARD_TIME
    return local.date() if local.hour < 12 else local.date() + dt.timedelta(days=1)


def to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Return the Gregorian date of month/day in the Persian year that begins in Gregorian `year`."""
    offset = sum(MONTH_DAYS[: month - 1]) + day - 1
    return nowruz(year) + dt.timedelta(days=offset)
