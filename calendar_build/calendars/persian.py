"""The Solar Hijri (Persian) calendar: Nowruz and dates counted from it.

1 Farvardin (Nowruz) is the day of the March equinox if the equinox falls before noon on the
Tehran meridian (52.5° E, i.e. Iran Standard Time UTC+3:30), otherwise the following day —
the rule of Iran's official calendar (law of 1925; see Borkowski, "The Persian calendar for
3000 years", Earth, Moon and Planets 74, 1996). Solar Hijri year 1 began in March 622, so the
year beginning in Gregorian `g` is `g - 621` (1405 SH began on 21 March 2026).
"""

from __future__ import annotations

import datetime as dt
from itertools import accumulate

from calendar_build.calendars import astro

IRAN_STANDARD_TIME = dt.timedelta(hours=3, minutes=30)
MONTH_DAYS = (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 29)
_MONTH_STARTS = (0, *accumulate(MONTH_DAYS))  # days from 1 Farvardin to the 1st of each month
ERA_OFFSET = 621  # Gregorian year in which Solar Hijri year `y` begins: y + ERA_OFFSET


def nowruz(year: int) -> dt.date:
    """Return 1 Farvardin, the Persian New Year, in Gregorian `year`."""
    local = astro.march_equinox(year) + IRAN_STANDARD_TIME
    return local.date() if local.hour < 12 else local.date() + dt.timedelta(days=1)


def to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Return the Gregorian date of a Solar Hijri date (`year` counted in the Solar Hijri era)."""
    return nowruz(year + ERA_OFFSET) + dt.timedelta(days=_MONTH_STARTS[month - 1] + day - 1)


def from_gregorian(day: dt.date) -> tuple[int, int, int]:
    """Return the Solar Hijri (year, month, day) of a Gregorian date."""
    year = day.year - ERA_OFFSET if day >= nowruz(day.year) else day.year - ERA_OFFSET - 1
    offset = (day - nowruz(year + ERA_OFFSET)).days
    month = max(m for m in range(1, 13) if _MONTH_STARTS[m - 1] <= offset)
    return year, month, offset - _MONTH_STARTS[month - 1] + 1


def years_touching(year: int) -> range:
    """Return the Solar Hijri years that have days in Gregorian `year`."""
    return range(year - ERA_OFFSET - 1, year - ERA_OFFSET + 1)


def occurrences(month: int, day: int, year: int) -> list[dt.date]:
    """Return the Gregorian dates of Solar Hijri month/day in the Solar Hijri years touching `year`."""
    return [to_gregorian(y, month, day) for y in years_touching(year)]
