"""One vocabulary for every calendar module: `to_gregorian` takes the calendar's own year, `from_gregorian`
inverts it, `years_touching` and `occurrences` answer for a Gregorian year (calendar_build/calendars/__init__.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from types import ModuleType
from typing import Any

import pytest

from calendar_build.calendars import bahai, chinese, hebrew, hijri, julian, persian

VERBS = ("to_gregorian", "from_gregorian", "years_touching", "occurrences")
MODULES = (julian, hebrew, hijri, persian, bahai, chinese)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_every_module_offers_the_verbs(module: ModuleType) -> None:
    assert [verb for verb in VERBS if not callable(getattr(module, verb, None))] == []


# (own-calendar date, Gregorian date, published source): the year is the calendar's own count everywhere.
OWN_YEARS: list[tuple[Callable[..., Any], tuple[Any, ...], dt.date, str]] = [
    (julian.to_gregorian, (2025, 12, 25), dt.date(2026, 1, 7), "Orthodox Christmas 2026 (Julian 25 Dec)"),
    (hebrew.to_gregorian, (5787, "tishrei", 1), dt.date(2026, 9, 12), "Hebcal: Rosh Hashanah 5787"),
    (hijri.to_gregorian, (1447, 10, 1, "diyanet"), dt.date(2026, 3, 20), "Diyanet: Ramazan Bayramı 2026"),
    (persian.to_gregorian, (1405, 1, 1), dt.date(2026, 3, 21), "Iranian calendar: Nowruz 1405"),
    (bahai.to_gregorian, (183, 1, 1), dt.date(2026, 3, 21), "Bahá'í World Centre table: Naw-Rúz 183 B.E."),
    (chinese.to_gregorian, (2026, 1, 1), dt.date(2026, 2, 17), "Hong Kong: Lunar New Year's Day 2026"),
]


@pytest.mark.parametrize(("convert", "own", "gregorian", "source"), OWN_YEARS, ids=[row[3] for row in OWN_YEARS])
def test_to_gregorian_takes_the_calendars_own_year(
    convert: Callable[..., Any], own: tuple[Any, ...], gregorian: dt.date, source: str
) -> None:
    assert convert(*own) == gregorian


def _days(first: int, last: int, step: int) -> list[dt.date]:
    start = dt.date(first, 1, 1).toordinal()
    return [dt.date.fromordinal(n) for n in range(start, dt.date(last, 12, 31).toordinal(), step)]


def _chinese_days() -> list[dt.date]:
    return [chinese.new_year(y) + dt.timedelta(days=k) for y in range(1950, 2100, 7) for k in (0, 13, 28)]


# (name, to_gregorian, from_gregorian, years_touching, Gregorian days to round-trip)
CONVERTERS: list[tuple[str, Callable[..., Any], Callable[..., Any], Callable[[int], range], list[dt.date]]] = [
    ("julian", julian.to_gregorian, julian.from_gregorian, julian.years_touching, _days(1950, 2099, 97)),
    ("hebrew", hebrew.to_gregorian, hebrew.from_gregorian, hebrew.years_touching, _days(1950, 2099, 97)),
    *(
        (f"hijri-{r}", partial(hijri.to_gregorian, reckoning=r), partial(hijri.from_gregorian, reckoning=r),
         hijri.years_touching, _days(1950, 2099, 97 if r != "diyanet" else 1999))
        for r in hijri.RECKONINGS
    ),
    ("persian", persian.to_gregorian, persian.from_gregorian, persian.years_touching, _days(1950, 2099, 97)),
    # From 2015 only: before, the Western holy days were fixed Gregorian dates, not Badíʻ ones.
    ("bahai", bahai.to_gregorian, bahai.from_gregorian, bahai.years_touching, _days(2015, 2064, 53)),
    ("chinese", chinese.to_gregorian, chinese.from_gregorian, chinese.years_touching, _chinese_days()),
]


@pytest.mark.parametrize(("name", "to_gregorian", "from_gregorian", "years_touching", "days"), CONVERTERS,
                         ids=[row[0] for row in CONVERTERS])
def test_round_trip(
    name: str,
    to_gregorian: Callable[..., dt.date],
    from_gregorian: Callable[[dt.date], tuple[Any, ...]],
    years_touching: Callable[[int], range],
    days: list[dt.date],
) -> None:
    for day in days:
        own = from_gregorian(day)
        assert to_gregorian(*own) == day, (name, day, own)
        assert own[0] in years_touching(day.year), (name, day, own)


# (module, month, day, extra arguments): every occurrence converts back to the month/day asked for.
QUERIES: list[tuple[ModuleType, Any, int, tuple[str, ...]]] = [
    (julian, 12, 25, ()),
    (hebrew, "kislev", 25, ()),
    (hijri, 9, 1, ("umm-al-qura",)),
    (persian, 1, 13, ()),
    (bahai, 4, 7, ()),  # not a holy day: before 2015 those had fixed Gregorian dates
    (chinese, 1, 15, ()),
]


@pytest.mark.parametrize(("module", "month", "day", "extra"), QUERIES, ids=lambda v: getattr(v, "__name__", ""))
@pytest.mark.parametrize("year", [2008, 2026, 2030])
def test_occurrences_are_the_month_and_day_asked_for(
    module: ModuleType, month: Any, day: int, extra: tuple[str, ...], year: int
) -> None:
    found = module.occurrences(month, day, year, *extra)
    assert found and all(year - 1 <= d.year <= year + 1 for d in found)
    assert all(module.from_gregorian(d, *extra)[1:] == (month, day) for d in found)
