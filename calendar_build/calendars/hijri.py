"""The Islamic (Hijri) calendar under three reckonings an edition can choose.

- umm-al-qura: the official calendar of Saudi Arabia (hijridate's tables, 1343–1500 AH,
  i.e. 1924–2077); outside that range the arithmetic calendar stands in.
- diyanet: the unified Hijri calendar of the Istanbul congress (2016), which Diyanet (Turkey)
  and the DITIB mosques in Germany follow, computed from its criterion (`unified_hijri.py`).
- arithmetic: the tabular Islamic calendar (30-year cycle, leap years 2, 5, 7, 10, 13, 16,
  18, 21, 24, 26, 29; epoch 16 July 622 Julian), after Reingold & Dershowitz.

Real feast days depend on moon sighting and the announcing authority, so every computed
Hijri date is an estimate that may differ by a day.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from hijridate import Hijri
from hijridate.ummalqura import HIJRI_RANGE

from calendar_build.calendars import unified_hijri
from calendar_build.i18n.marker import N_

RECKONINGS = {
    "umm-al-qura": N_("Umm-al-Qura-Kalender (Saudi-Arabien)"),
    "diyanet": N_("Vereinheitlichter Hidschri-Kalender (Istanbul 2016), wie Diyanet/DITIB ihn verwenden"),
    "arithmetic": N_("Tabellarischer (arithmetischer) islamischer Kalender"),
}

_EPOCH_ORDINAL = dt.date(622, 7, 19).toordinal()  # 1 Muharram 1 AH = 16 July 622 Julian


def arithmetic_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Return the Gregorian date of a date in the tabular Islamic calendar."""
    days = (
        day
        + (59 * (month - 1) + 1) // 2  # months alternate 30 and 29 days
        + 354 * (year - 1)
        + (3 + 11 * year) // 30  # leap days before this year
    )
    return dt.date.fromordinal(_EPOCH_ORDINAL + days - 1)


def arithmetic_month_days(year: int, month: int) -> int:
    """Return the length of a month in the tabular calendar."""
    if month == 12:
        return 30 if (14 + 11 * year) % 30 < 11 else 29
    return 30 if month % 2 else 29


def umm_al_qura_covers(year: int) -> bool:
    """Return whether hijridate's Umm al-Qura tables cover the whole Hijri year."""
    return HIJRI_RANGE[0][0] <= year <= HIJRI_RANGE[1][0]


@lru_cache(maxsize=8192)
def to_gregorian(year: int, month: int, day: int, reckoning: str) -> dt.date:
    """Return the Gregorian date of a Hijri date under a reckoning (a day past month end rolls over)."""
    if reckoning == "umm-al-qura" and umm_al_qura_covers(year):
        first = Hijri(year, month, 1).to_gregorian()
        return dt.date(first.year, first.month, first.day) + dt.timedelta(days=day - 1)
    if reckoning == "diyanet":
        start = unified_hijri.table().get((year, month))
        if start is None:  # outside the shipped table: search by the criterion
            start = unified_hijri.month_start(arithmetic_to_gregorian(year, month, 1))
        return start + dt.timedelta(days=day - 1)
    if reckoning not in RECKONINGS:
        raise ValueError(f"unknown reckoning {reckoning!r}")
    return arithmetic_to_gregorian(year, month, 1) + dt.timedelta(days=day - 1)


def reckoning_used(hijri_year: int, reckoning: str) -> str:
    """Return the reckoning actually used for a Hijri year (the fallback outside table range)."""
    if reckoning == "umm-al-qura" and not umm_al_qura_covers(hijri_year):
        return "arithmetic"
    return reckoning


def from_gregorian(day: dt.date, reckoning: str) -> tuple[int, int, int]:
    """Return the Hijri (year, month, day) of a Gregorian date under a reckoning."""
    # The reckonings differ from the arithmetic calendar by a few days: find its month, then look around it.
    months = [12 * y + m - 1 for y in years_touching(day.year) for m in range(1, 13)]
    estimate = max(n for n in months if arithmetic_to_gregorian(n // 12, n % 12 + 1, 1) <= day)
    for n in range(estimate + 1, estimate - 3, -1):
        start = to_gregorian(n // 12, n % 12 + 1, 1, reckoning)
        if start <= day:
            return n // 12, n % 12 + 1, (day - start).days + 1
    raise ValueError(f"no Hijri month found for {day}")  # pragma: no cover - the reckonings stay within days


def years_touching(year: int) -> range:
    """Return the Hijri years that have days in Gregorian `year` (with a margin of one)."""
    first = int((year - 622) * 33 / 32)
    return range(first - 1, first + 3)


def dated_occurrences(month: int, day: int, year: int, reckoning: str) -> list[tuple[int, dt.date]]:
    """Return (Hijri year, start) for every Hijri year whose month/day falls in or just before `year`."""
    found = []
    for hijri_year in years_touching(year):
        start = to_gregorian(hijri_year, month, day, reckoning)
        if year - 1 <= start.year <= year:
            found.append((hijri_year, start))
    return found


def occurrences(month: int, day: int, year: int, reckoning: str) -> list[dt.date]:
    """Return the starts of Hijri month/day that fall in or just before Gregorian `year`."""
    return [start for _, start in dated_occurrences(month, day, year, reckoning)]
