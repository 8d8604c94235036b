"""The one door to the `holidays` package's private lunisolar date tables (vacanza/holidays).

The package keeps its Chinese, Hindu, Buddhist, Hebrew and Persian tables in private classes
(`_ChineseLunisolar`, `_HinduLunisolar`, `_BuddhistLunisolar`, `_HebrewLunisolar`, `_Persian` in
`holidays/calendars/*.py`) that any release may rename or reshape. The Hebrew and Persian tables
only serve as independent checks of our own computation (tests). They are imported here and nowhere else; pyproject.toml pins the package to the minor
releases in `TESTED_VERSIONS`, and tests/calendars/test_holidays_tables.py fails loudly when a
release moves a class, changes a signature or a known date.
The Chinese table is compiled from the Hong Kong Observatory's Gregorian–lunar conversion tables,
the Hindu one from Indian government and Drik Panchang listings, the Buddhist one (Vesak) as
Thailand, Vietnam, Malaysia and Singapore keep it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from holidays.calendars.buddhist import _BuddhistLunisolar
from holidays.calendars.chinese import _ChineseLunisolar
from holidays.calendars.hebrew import _HebrewLunisolar
from holidays.calendars.hindu import _HinduLunisolar
from holidays.calendars.persian import _Persian

TESTED_VERSIONS = ("0.109", "0.110")  # lowest tested release, first untested one (pyproject.toml: >=, <)
CHINESE_YEARS = range(1901, 2101)

_CHINESE = _ChineseLunisolar()
_HINDU = _HinduLunisolar()
_BUDDHIST = _BuddhistLunisolar()
_HEBREW = _HebrewLunisolar()
_PERSIAN = _Persian()
# Table name -> the class holding `<NAME>_DATES` (year -> (month, day)); any other name is Hindu.
_OWNERS: dict[str, object] = {"VESAK": _BUDDHIST, "VESAK_MAY": _BUDDHIST} | {
    name: _HEBREW for name in ("PASSOVER", "SHAVUOT", "ROSH_HASHANAH", "YOM_KIPPUR", "SUKKOT", "PURIM", "HANUKKAH")
}


def chinese_new_year(year: int) -> dt.date | None:
    """Return the 1st day of the 1st Chinese lunar month in Gregorian `year`, None outside the table."""
    if year not in CHINESE_YEARS:
        return None
    found, _estimated = _CHINESE.lunar_new_year_date(year)
    return found


def table(name: str) -> Mapping[int, tuple[int, int]]:
    """Return a festival table (year -> (month, day)) by its name in the package, empty if unknown."""
    found: Mapping[int, tuple[int, int]] = getattr(_OWNERS.get(name, _HINDU), f"{name}_DATES", {})
    return found


def festival_date(name: str, year: int) -> dt.date | None:
    """Return a festival's date in `year` from the package's table `name`, None where it has none."""
    entry = table(name).get(year)
    return dt.date(year, *entry) if entry else None


def persian_new_year(year: int) -> dt.date | None:
    """Return 1 Farvardin in Gregorian `year` from the package's 33-year arithmetic table."""
    found: dt.date | None = _PERSIAN.new_year_date(year)
    return found
