"""Hindu, Sikh and Buddhist lunisolar festivals.

Where the `holidays` package's tables cover a year, they are used: Hindu and Sikh festivals
2001–2035 (the listings for India, after the Indian government and Drik Panchang; its
1901–2100 "Diwali" table is not the Indian one and puts Diwali a month late in leap-month
years), Vesak 1901–2100 (the Vesākha full moon as kept in Thailand, Vietnam, Malaysia and
Singapore: in a lunisolar leap year it moves to late May or June). Otherwise the date is
computed from the Moon and Sun:

- Lunar months are amānta (new moon to new moon). A month is named after the sidereal
  (Lahiri) sign the Sun enters during it: a lunation that begins while the Sun is in Mīna
  is Chaitra, and so on. A lunation in which the Sun enters no new sign is an adhika
  (leap) month; festivals fall in the regular (nija) month after it.
- A tithi is a 12° step of the Moon's elongation from the Sun. A festival is kept on the
  civil day (New Delhi) on which its tithi prevails at the customary moment: sunrise for
  most (Janmashtami as the Vaishnava tradition keeps it), the afternoon (aparāhna) for
  Dussehra, sunset (pradosh) for Diwali and Holika Dahan, midnight for Maha Shivaratri.
Sources: Reingold & Dershowitz, *Calendrical Calculations*, ch. 20 ("The Modern Hindu
Calendars"); Lahiri ayanamsa as adopted by the Indian Calendar Reform Committee (1955).
Computed dates are estimates: regional practice varies by a day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from calendar_build.calendars import astro, holidays_tables

Moment = Literal["sunrise", "afternoon", "sunset", "midnight"]

MONTHS = (
    "chaitra", "vaishakha", "jyeshtha", "ashadha", "shravana", "bhadrapada",
    "ashvin", "kartika", "margashirsha", "pausha", "magha", "phalguna",
)  # fmt: skip


@dataclass(frozen=True)
class Festival:
    """A lunisolar festival: its amānta month, tithi (1–30), moment of observance and table."""

    month: str
    tithi: int
    moment: Moment
    table: str  # attribute prefix of the `holidays` package's date table
    day_offset: int = 0  # days after the tithi's day (Holi is the day after Holika Dahan)


FESTIVALS: dict[str, Festival] = {
    "maha_shivaratri": Festival("magha", 29, "midnight", "MAHA_SHIVARATRI"),
    "holi": Festival("phalguna", 15, "sunset", "HOLI", day_offset=1),
    "janmashtami": Festival("shravana", 23, "sunrise", "JANMASHTAMI"),
    "navaratri": Festival("ashvin", 1, "sunrise", "SHARAD_NAVRATRI"),
    "dussehra": Festival("ashvin", 10, "afternoon", "DUSSEHRA"),
    "diwali": Festival("ashvin", 30, "sunset", "DIWALI_INDIA"),
    "guru_nanak_jayanti": Festival("kartika", 15, "sunrise", "GURU_NANAK_JAYANTI"),
    "buddha_purnima": Festival("vaishakha", 15, "sunrise", "BUDDHA_PURNIMA"),  # Vesak as India and Sri Lanka keep it
}
SOLAR_FESTIVALS = ("vaisakhi",)
LUNAR_ONLY = ("vesak",)
NAMES = tuple(FESTIVALS) + SOLAR_FESTIVALS + LUNAR_ONLY

# Table years not used: the package's Buddha Purnima dates of 2001–2004 are no full-moon days
# (2001: 30 April, the full moon was on 7 May; 2004: 26 May, between the full moons of 4 May and 3 June).
UNUSED_TABLE_YEARS = {"BUDDHA_PURNIMA": range(2001, 2005)}


def table_date(table: str, year: int) -> dt.date | None:
    """Return the `holidays` package's date for a festival table in `year`, if it has a usable one."""
    if year in UNUSED_TABLE_YEARS.get(table, ()):
        return None
    return holidays_tables.festival_date(table, year)


def _sign(moment: dt.datetime) -> int:
    return int(astro.sidereal_sun_longitude(moment) // 30)


@lru_cache(maxsize=1024)
def lunation_start(year: int, month: str) -> dt.datetime | None:
    """Return the new moon that begins the (nija) amānta month `month` of the year around `year`.

    Chaitra starts near March/April of `year`; later months follow in the same year, the
    months from Pausha to Phalguna begin in January to March of `year`. In a year with a
    kshaya (lost) month, its feasts are kept in the lunation that swallowed it.
    """
    index = MONTHS.index(month)
    sign_before = (index - 1) % 12  # the Sun's sign at the new moon that opens the month
    # The Sun enters sidereal Aries about 14 April; each sign takes about 30.4 days.
    entry = dt.datetime(year, 4, 14) + dt.timedelta(days=30.44 * ((sign_before - 0) % 12))
    if sign_before >= 9:  # Capricorn to Pisces: Jan to April of the same Gregorian year
        entry -= dt.timedelta(days=365.25)
    new_moon = astro.next_new_moon(entry - dt.timedelta(days=12))  # before the month (entry is ±3 days)
    for _ in range(4):
        sign = _sign(new_moon)
        following = astro.next_new_moon(new_moon + dt.timedelta(days=1))
        following_sign = _sign(following)
        if sign == sign_before:
            if following_sign == sign_before:
                new_moon = following  # an adhika month: the festival falls in the nija month after it
                continue
            return new_moon
        if (sign - sign_before) % 12 == 11 and (following_sign - sign_before) % 12 == 1:
            return new_moon  # kshaya: the month is lost and merged into this lunation, its feasts kept here
        if (sign - sign_before) % 12 >= 6:
            new_moon = following  # still before the month
            continue
        return None
    return None


def _observance(day: dt.date, moment: Moment) -> dt.datetime:
    if moment == "sunrise":
        return astro.sunrise(day, astro.NEW_DELHI)
    if moment == "afternoon":  # aparāhna, the fourth fifth of daylight
        rise, setting = astro.sunrise(day, astro.NEW_DELHI), astro.sunset(day, astro.NEW_DELHI)
        return rise + (setting - rise) * 0.7
    if moment == "sunset":
        return astro.sunset(day, astro.NEW_DELHI)
    return astro.local_midnight(day + dt.timedelta(days=1), astro.NEW_DELHI)


def tithi_at(moment: dt.datetime) -> int:
    """Return the tithi (1–30) running at a moment."""
    return int(astro.elongation(moment) // 12.0) + 1


def computed_date(festival: str, year: int) -> dt.date | None:
    """Return the astronomically computed date of a lunisolar festival in `year`."""
    spec = FESTIVALS[festival]
    start = lunation_start(year, spec.month)
    if start is None:
        return None
    # A tithi lasts 0.98 days on average: start looking one day before its mean position.
    middle = start + dt.timedelta(days=(spec.tithi - 0.5) * astro.SYNODIC_MONTH / 30)
    day = astro.local_date(middle, astro.NEW_DELHI) - dt.timedelta(days=1)
    for _ in range(4):
        distance = (tithi_at(_observance(day, spec.moment)) - spec.tithi) % 30
        if distance == 0:
            return day + dt.timedelta(days=spec.day_offset)
        if distance < 15:  # already past: the tithi fell between two observance moments
            begins = astro.moment_of_elongation(12.0 * (spec.tithi - 1), middle)
            return astro.local_date(begins, astro.NEW_DELHI) + dt.timedelta(days=spec.day_offset)
        day += dt.timedelta(days=1)
    return None  # pragma: no cover - four days always reach a tithi that starts within them


def computed_vaisakhi(year: int) -> dt.date:
    """Return the civil day (New Delhi) of Mesha Sankranti, the Sun entering sidereal Aries."""
    moment = astro.moment_of_sidereal_longitude(0.0, dt.datetime(year, 4, 14))
    return astro.local_date(moment, astro.NEW_DELHI)


def computed_vesak(year: int) -> dt.date:
    """Return the day (UTC+8) of the first full moon in May: a fallback the 1901–2100 table makes unused."""
    full = astro.next_full_moon(dt.datetime(year, 4, 30, 16))  # 1 May 00:00 at UTC+8
    return astro.local_date(full, astro.BEIJING)


def festival_date(festival: str, year: int) -> tuple[dt.date | None, str]:
    """Return the date of a festival in `year` and its basis ('table' or 'computed')."""
    table = {"vaisakhi": "VAISAKHI", "vesak": "VESAK"}.get(festival) or FESTIVALS[festival].table
    listed = table_date(table, year)
    if listed is not None:
        return listed, "table"
    if festival == "vaisakhi":
        return computed_vaisakhi(year), "computed"
    if festival == "vesak":
        return computed_vesak(year), "computed"
    return computed_date(festival, year), "computed"
