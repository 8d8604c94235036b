"""The Badíʻ calendar of the Bahá'í Faith, as fixed by the Universal House of Justice (2014).

- Naw-Rúz is the day on which the March equinox occurs before sunset in Tehran, otherwise the
  next day (sunset: the Sun's centre on the geometric horizon). A Badíʻ day runs from sunset to sunset; we give the Gregorian date of its daytime.
- 19 months of 19 days; Ayyám-i-Há (4 or 5 days) before the 19th month ʻAláʼ.
- The Twin Holy Birthdays fall on the first and second day after the eighth new moon
  following Naw-Rúz, Tehran being the point of reference.
Source: Universal House of Justice, letter of 10 July 2014; Bahá'í World Centre, "Bahá'í
Dates 172 to 221 B.E." (2015–2065).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from calendar_build.calendars import astro

MONTHS = 19
DAYS_PER_MONTH = 19


def _sunset(day: dt.date) -> dt.datetime:
    # The centre of the Sun on the geometric horizon: the definition that reproduces the
    # Bahá'í World Centre's table (Naw-Rúz 2026 on 21 March: equinox 14:46 UTC, between
    # the geometric sunset at 14:44 and the almanac sunset at 14:47).
    return astro.sunset(day, astro.TEHRAN, astro.GEOMETRIC_HORIZON)


def badi_day_of(moment: dt.datetime) -> dt.date:
    """Return the Gregorian date of the daytime of the Badíʻ day that contains a UTC moment."""
    local_day = astro.local_date(moment, astro.TEHRAN)
    if moment < _sunset(local_day):
        return local_day
    return local_day + dt.timedelta(days=1)


@lru_cache(maxsize=512)
def naw_ruz(year: int) -> dt.date:
    """Return Naw-Rúz (1 Bahá) in Gregorian `year`."""
    return badi_day_of(astro.march_equinox(year))


def to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Return the Gregorian date of Badíʻ month/day in the Badíʻ year beginning in Gregorian `year`."""
    if month < MONTHS:
        return naw_ruz(year) + dt.timedelta(days=(month - 1) * DAYS_PER_MONTH + day - 1)
    # ʻAláʼ, the month of fasting, ends the day before the next Naw-Rúz.
    return naw_ruz(year + 1) - dt.timedelta(days=DAYS_PER_MONTH - day + 1)


@lru_cache(maxsize=512)
def twin_birthdays(year: int) -> tuple[dt.date, dt.date]:
    """Return the Birth of the Báb and the Birth of Bahá'u'lláh in Gregorian `year`."""
    # Counted after the day of Naw-Rúz (2034: the new moon on Naw-Rúz itself does not count).
    first = astro.next_new_moon(_sunset(naw_ruz(year)))
    # The eighth new moon lies about seven lunations later; step back a little and search.
    eighth = astro.next_new_moon(first + dt.timedelta(days=7 * astro.SYNODIC_MONTH - 5))
    birth_of_the_bab = badi_day_of(eighth) + dt.timedelta(days=1)
    return birth_of_the_bab, birth_of_the_bab + dt.timedelta(days=1)
