"""The Badíʻ calendar of the Bahá'í Faith: astronomical from 172 B.E. (2015), Western fixed dates before.

From Naw-Rúz 2015, as fixed by the Universal House of Justice (letter of 10 July 2014):
- Naw-Rúz is the day on which the March equinox occurs before sunset in Tehran, otherwise the
  next day. A Badíʻ day runs from sunset to sunset; we give the Gregorian date of its daytime.
  Sunset here: the Sun's upper limb on the airless horizon (see `_sunset`).
- 19 months of 19 days; Ayyám-i-Há (4 or 5 days) before the 19th month ʻAláʼ. Here it is month 0.
- Years count from the Báb's declaration (1 B.E. began at Naw-Rúz 1844): B.E. `y` begins in
  Gregorian `y + 1843` (172 B.E. in 2015).
- The Twin Holy Birthdays fall on the first and second day after the eighth new moon
  following Naw-Rúz, Tehran being the point of reference.
Source: Universal House of Justice, letter of 10 July 2014; Bahá'í World Centre, "Bahá'í
Dates 172 to 221 B.E." (2015–2065).

Before 2015 the Bahá'ís of the West kept the Badíʻ calendar tied to the Gregorian one: Naw-Rúz on
21 March and the Holy Days on fixed Gregorian dates (`WESTERN_HOLY_DAYS`), as Western Bahá'í
communities listed them (e.g. bahaikingston.org "Holy Days", irvinebahai.org "Calendar").
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from calendar_build.calendars import astro

MONTHS = 19
DAYS_PER_MONTH = 19
AYYAM_I_HA = 0  # the intercalary days' month number, between the 18th month and ʻAláʼ
ERA_OFFSET = 1843  # Gregorian year in which Badíʻ year `y` begins: y + ERA_OFFSET
FIRST_ASTRONOMICAL_YEAR = 2015  # Naw-Rúz 172 B.E.: the Gregorian year the 2014 provisions took effect

# Western practice before 2015: Badíʻ date (month, day) -> fixed Gregorian (month, day).
WESTERN_NAW_RUZ = (3, 21)
WESTERN_HOLY_DAYS: dict[tuple[int, int], tuple[int, int]] = {
    (1, 1): (3, 21),  # Naw-Rúz
    (2, 13): (4, 21),  # First Day of Riḍván
    (3, 2): (4, 29),  # Ninth Day of Riḍván
    (3, 5): (5, 2),  # Twelfth Day of Riḍván
    (4, 8): (5, 23),  # Declaration of the Báb
    (4, 13): (5, 29),  # Ascension of Bahá'u'lláh
    (6, 17): (7, 9),  # Martyrdom of the Báb
    (14, 4): (11, 26),  # Day of the Covenant
    (14, 6): (11, 28),  # Ascension of ʻAbdu'l-Bahá
}
WESTERN_TWIN_BIRTHDAYS = ((10, 20), (11, 12))  # Birth of the Báb, Birth of Bahá'u'lláh


def astronomical(year: int) -> bool:
    """Return whether the Badíʻ year beginning in Gregorian `year` follows the 2014 provisions."""
    return year >= FIRST_ASTRONOMICAL_YEAR


def _sunset(day: dt.date) -> dt.datetime:
    """Return sunset in Tehran: the Sun's upper limb on the airless horizon (no refraction).

    The World Centre's table does not state its sunset. Two years of 2015–2064 bound it (equinox
    and sunsets from PyEphem, ΔT as PyEphem extrapolates it: 74 s in 2026, 127 s in 2059):
    2026 (table: 21 March) has the equinox at 14:45:53 UTC, so sunset came before it; 2059 (table:
    20 March) has it at 14:43:40 UTC, so sunset came after it. The almanac sunset (upper limb,
    34' refraction: 14:47:15) fails 2026, the Sun's centre on the geometric horizon (14:43:08)
    fails 2059; the upper limb without refraction (14:44:27 both years) keeps 86 s and 47 s
    from the two equinoxes. 2059 stays on 20 March for any ΔT above 80 s in 2059.
    """
    return astro.sunset(day, astro.TEHRAN, astro.UPPER_LIMB_AIRLESS_HORIZON)


def badi_day_of(moment: dt.datetime) -> dt.date:
    """Return the Gregorian date of the daytime of the Badíʻ day that contains a UTC moment."""
    local_day = astro.local_date(moment, astro.TEHRAN)
    if moment < _sunset(local_day):
        return local_day
    return local_day + dt.timedelta(days=1)


@lru_cache(maxsize=512)
def naw_ruz(year: int) -> dt.date:
    """Return Naw-Rúz (1 Bahá) in Gregorian `year` (21 March before 2015)."""
    if not astronomical(year):
        return dt.date(year, *WESTERN_NAW_RUZ)
    return badi_day_of(astro.march_equinox(year))


def to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Return the Gregorian date of a Badíʻ date (`year` in the Badíʻ era; month 0 is Ayyám-i-Há)."""
    start = year + ERA_OFFSET
    if not astronomical(start) and (month, day) in WESTERN_HOLY_DAYS:
        return dt.date(start, *WESTERN_HOLY_DAYS[(month, day)])
    if month == MONTHS:
        # ʻAláʼ, the month of fasting, ends the day before the next Naw-Rúz.
        return naw_ruz(start + 1) - dt.timedelta(days=DAYS_PER_MONTH - day + 1)
    months_before = MONTHS - 1 if month == AYYAM_I_HA else month - 1
    return naw_ruz(start) + dt.timedelta(days=months_before * DAYS_PER_MONTH + day - 1)


def from_gregorian(day: dt.date) -> tuple[int, int, int]:
    """Return the Badíʻ (year, month, day) of a Gregorian date's daytime (month 0 is Ayyám-i-Há)."""
    start = day.year if day >= naw_ruz(day.year) else day.year - 1
    offset = (day - naw_ruz(start)).days
    if offset < (MONTHS - 1) * DAYS_PER_MONTH:
        return start - ERA_OFFSET, offset // DAYS_PER_MONTH + 1, offset % DAYS_PER_MONTH + 1
    ala = naw_ruz(start + 1) - dt.timedelta(days=DAYS_PER_MONTH)
    if day >= ala:
        return start - ERA_OFFSET, MONTHS, (day - ala).days + 1
    return start - ERA_OFFSET, AYYAM_I_HA, offset - (MONTHS - 1) * DAYS_PER_MONTH + 1


def years_touching(year: int) -> range:
    """Return the Badíʻ years that have days in Gregorian `year`."""
    return range(year - ERA_OFFSET - 1, year - ERA_OFFSET + 1)


def occurrences(month: int, day: int, year: int) -> list[dt.date]:
    """Return the Gregorian dates of Badíʻ month/day in the Badíʻ years touching `year`."""
    return [to_gregorian(y, month, day) for y in years_touching(year)]


@lru_cache(maxsize=512)
def twin_birthdays(year: int) -> tuple[dt.date, dt.date]:
    """Return the Birth of the Báb and the Birth of Bahá'u'lláh in Gregorian `year`."""
    if not astronomical(year):
        bab, bahaullah = WESTERN_TWIN_BIRTHDAYS
        return dt.date(year, *bab), dt.date(year, *bahaullah)
    # Counted after the day of Naw-Rúz (2034: the new moon on Naw-Rúz itself does not count).
    first = astro.next_new_moon(_sunset(naw_ruz(year)))
    # The eighth new moon lies about seven lunations later; step back a little and search.
    eighth = astro.next_new_moon(first + dt.timedelta(days=7 * astro.SYNODIC_MONTH - 5))
    birth_of_the_bab = badi_day_of(eighth) + dt.timedelta(days=1)
    return birth_of_the_bab, birth_of_the_bab + dt.timedelta(days=1)
