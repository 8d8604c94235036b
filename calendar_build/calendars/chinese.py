"""The Chinese lunisolar calendar: the first month's days, counted from Chinese New Year.

New Year dates 1901–2100 come from the `holidays` package's Chinese lunisolar table (compiled
from the Hong Kong Observatory's Gregorian–lunar conversion tables).
"""

from __future__ import annotations

import datetime as dt

from holidays.calendars.chinese import _ChineseLunisolar

SUPPORTED_YEARS = range(1901, 2101)
_TABLE = _ChineseLunisolar()


def new_year(year: int) -> dt.date:
    """Return Chinese New Year (1st day of the 1st month) in Gregorian `year`."""
    found, _estimated = _TABLE.lunar_new_year_date(year)
    if found is None:
        raise ValueError(f"no Chinese New Year known for {year}")
    return found


def to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Return the Gregorian date of day `day` (1–29) of lunar month `month` (only 1) in `year`."""
    if month != 1 or not 1 <= day <= 29:
        raise ValueError("only days 1–29 of the first month are supported")
    return new_year(year) + dt.timedelta(days=day - 1)
