"""Rule kinds: one small function per kind, looked up in one table.

Each function returns the candidate start dates ("hits") of a rule around a Gregorian year;
the caller keeps those whose span touches the year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from calendar_build.calendars import bahai, chinese, easter, hebrew, hijri, indic, julian, persian
from calendar_build.content import schema

SUPPORTED_YEARS = range(1950, 2100)


@dataclass(frozen=True)
class Hit:
    """A computed start date, whether it is an estimate, and what it rests on."""

    start: dt.date
    approximate: bool = False
    basis: str = ""  # e.g. "umm-al-qura", "table", "computed"
    cycle: int | None = None  # the non-Gregorian year it belongs to (Hijri year), for sanity checks


@dataclass(frozen=True)
class Settings:
    """Edition settings a rule may depend on."""

    islamic_reckoning: str = "umm-al-qura"


class RuleError(ValueError):
    """A rule that cannot be computed for the year asked (German message)."""


def _fixed(rule: schema.FixedRule, year: int, _: Settings) -> list[Hit]:
    if rule.month == 2 and rule.day == 29 and not (year % 4 == 0 and (year % 100 or year % 400 == 0)):
        return []
    return [Hit(dt.date(year, rule.month, rule.day))]


def _easter(rule: schema.EasterRule, year: int, _: Settings) -> list[Hit]:
    return [Hit(easter.western_easter(year) + dt.timedelta(days=rule.offset))]


def _orthodox_easter(rule: schema.OrthodoxEasterRule, year: int, _: Settings) -> list[Hit]:
    return [Hit(easter.orthodox_easter(year) + dt.timedelta(days=rule.offset))]


def nth_weekday(reference: dt.date, weekday: int, nth: int) -> dt.date:
    """Return the nth weekday (0 = Monday) on or after (nth > 0) / on or before (nth < 0) a date."""
    if nth > 0:
        first = reference + dt.timedelta(days=(weekday - reference.weekday()) % 7)
        return first + dt.timedelta(weeks=nth - 1)
    last = reference - dt.timedelta(days=(reference.weekday() - weekday) % 7)
    return last - dt.timedelta(weeks=-nth - 1)


def _weekday(rule: schema.WeekdayRule, year: int, _: Settings) -> list[Hit]:
    if rule.calendar == "julian":
        references = [julian.to_gregorian(y, rule.month, rule.day) for y in (year - 1, year, year + 1)]
    else:
        references = [dt.date(y, rule.month, rule.day) for y in (year - 1, year, year + 1)]
    weekday = schema.WEEKDAYS.index(rule.weekday)
    return [Hit(nth_weekday(ref, weekday, rule.nth) + dt.timedelta(days=rule.offset)) for ref in references]


def _julian(rule: schema.JulianRule, year: int, _: Settings) -> list[Hit]:
    return [Hit(day) for day in julian.occurrences(rule.month, rule.day, year)]


def _hebrew(rule: schema.HebrewRule, year: int, _: Settings) -> list[Hit]:
    return [Hit(day) for day in hebrew.occurrences(rule.month, rule.day, year, dict(rule.shift))]


def _hijri(rule: schema.HijriRule, year: int, settings: Settings) -> list[Hit]:
    return [
        Hit(start, approximate=True, basis=hijri.reckoning_used(hijri_year, settings.islamic_reckoning), cycle=hijri_year)
        for hijri_year, start in hijri.occurrences(rule.month, rule.day, year, settings.islamic_reckoning)
    ]


def _chinese(rule: schema.ChineseRule, year: int, _: Settings) -> list[Hit]:
    return [Hit(chinese.to_gregorian(year, rule.month, rule.day), basis="table")]


def _persian(rule: schema.PersianRule, year: int, _: Settings) -> list[Hit]:
    return [Hit(persian.to_gregorian(y, rule.month, rule.day)) for y in (year - 1, year)]


def _bahai(rule: schema.BahaiRule, year: int, _: Settings) -> list[Hit]:
    if rule.twin is not None:
        return [Hit(bahai.twin_birthdays(year)[rule.twin - 1])]
    assert rule.month is not None and rule.day is not None
    return [Hit(bahai.to_gregorian(y, rule.month, rule.day)) for y in (year - 1, year)]


def _indic(rule: schema.IndicRule, year: int, _: Settings) -> list[Hit]:
    day, basis = indic.festival_date(rule.festival, year)
    if day is None:
        raise RuleError(f"'{rule.festival}' lässt sich für {year} nicht berechnen (ausgefallener Mondmonat)")
    return [Hit(day, approximate=basis == "computed", basis=basis)]


def _dates(rule: schema.DatesRule, year: int, _: Settings) -> list[Hit]:
    return [Hit(day, basis="dates") for y, day in rule.dates.items() if y in (year - 1, year)]


RULES: dict[str, Callable[[Any, int, Settings], list[Hit]]] = {
    "fixed": _fixed,
    "easter": _easter,
    "orthodox_easter": _orthodox_easter,
    "weekday": _weekday,
    "julian": _julian,
    "hebrew": _hebrew,
    "hijri": _hijri,
    "chinese": _chinese,
    "persian": _persian,
    "bahai": _bahai,
    "indic": _indic,
    "dates": _dates,
}
assert set(RULES) == set(schema.RULE_KINDS)


def hits(rule: schema.Rule, year: int, settings: Settings) -> list[Hit]:
    """Return the candidate start dates of a rule around `year`."""
    if year not in SUPPORTED_YEARS:
        raise RuleError(
            f"Das Jahr {year} liegt außerhalb des unterstützten Bereichs "
            f"{SUPPORTED_YEARS.start}–{SUPPORTED_YEARS.stop - 1}"
        )
    return RULES[rule.kind](rule, year, settings)
