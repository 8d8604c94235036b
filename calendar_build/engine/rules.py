"""Rule kinds: one small function per kind, looked up in one table.

Each function returns the candidate start dates ("hits") of a rule around a Gregorian year;
the caller keeps those whose span touches the year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from calendar_build.calendars import bahai, chinese, easter, hebrew, hijri, indic, julian, persian, unified_hijri
from calendar_build.content import schema
from calendar_build.engine.years import SUPPORTED_YEARS


@dataclass(frozen=True)
class Hit:
    """A computed start date, whether it is an estimate, what it rests on, and the other traditions' dates."""

    start: dt.date
    approximate: bool = False
    basis: str = ""  # a key of engine.basis.LABELS, e.g. "umm-al-qura", "hebrew", "bahai-astronomical"
    cycle: int | None = None  # the non-Gregorian year it belongs to (Hijri year), for sanity checks
    alternatives: tuple[tuple[dt.date, str], ...] = ()  # (start, basis) where another tradition reckons


@dataclass(frozen=True)
class Settings:
    """Edition settings a rule may depend on."""

    islamic_reckoning: str = "umm-al-qura"
    orthodox_calendar: str = "julian"
    vesak_tradition: str = "southeast-asia"
    sikh_calendar: str = "bikrami"
    alternatives: bool = True  # also reckon the other traditions' dates (the Diyanet criterion is costly)

    @classmethod
    def of(cls, edition: schema.Edition) -> Settings:
        """Return the settings of an edition."""
        return cls(edition.islamic_reckoning, edition.orthodox_calendar, edition.vesak_tradition, edition.sikh_calendar)


class RuleError(ValueError):
    """A rule that cannot be computed for the year asked (German message)."""


def _fixed(rule: schema.FixedRule, year: int, _: Settings) -> list[Hit]:
    if rule.month == 2 and rule.day == 29 and not (year % 4 == 0 and (year % 100 or year % 400 == 0)):
        return []
    return [Hit(dt.date(year, rule.month, rule.day), basis="gregorian")]


def _easter(rule: schema.EasterRule, year: int, _: Settings) -> list[Hit]:
    return [Hit(easter.western_easter(year) + dt.timedelta(days=rule.offset), basis="easter")]


def _orthodox_easter(rule: schema.OrthodoxEasterRule, year: int, _: Settings) -> list[Hit]:
    return [Hit(easter.orthodox_easter(year) + dt.timedelta(days=rule.offset), basis="orthodox-easter")]


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
    basis = "weekday-julian" if rule.calendar == "julian" else "weekday"
    return [Hit(nth_weekday(ref, weekday, rule.nth) + dt.timedelta(days=rule.offset), basis=basis) for ref in references]


def _julian(rule: schema.JulianRule, year: int, _: Settings) -> list[Hit]:
    return [Hit(day, basis="julian") for day in julian.occurrences(rule.month, rule.day, year)]


ORTHODOX_CALENDARS = ("julian", "revised-julian")


def orthodox_fixed_dates(month: int, day: int, year: int, calendar: str) -> list[dt.date]:
    """Return the Gregorian dates in `year` of a fixed church feast in the Julian or Revised Julian calendar.

    The Revised Julian calendar (Constantinople 1923) agrees with the Gregorian until 2800.
    """
    if calendar == "julian":
        return julian.occurrences(month, day, year)
    if month == 2 and day == 29 and not (year % 4 == 0 and (year % 100 or year % 400 == 0)):
        return []
    return [dt.date(year, month, day)]


def _orthodox_fixed(rule: schema.OrthodoxFixedRule, year: int, settings: Settings) -> list[Hit]:
    chosen = rule.calendar or settings.orthodox_calendar
    other = next(c for c in ORTHODOX_CALENDARS if c != chosen)
    # The other calendar's date in the same Gregorian year (a calendar shows the year), else the nearest one.
    same_year = orthodox_fixed_dates(rule.month, rule.day, year, other)
    around = [d for y in (year - 1, year + 1) for d in orthodox_fixed_dates(rule.month, rule.day, y, other)]
    hits = []
    for day in orthodox_fixed_dates(rule.month, rule.day, year, chosen):
        candidates = same_year or around
        if candidates:
            alternative = min(candidates, key=lambda d: abs((d - day).days))
            hits.append(Hit(day, basis=f"orthodox-{chosen}", alternatives=((alternative, f"orthodox-{other}"),)))
        else:
            hits.append(Hit(day, basis=f"orthodox-{chosen}"))
    return hits


def _hebrew(rule: schema.HebrewRule, year: int, _: Settings) -> list[Hit]:
    return [Hit(day, basis="hebrew") for day in hebrew.occurrences(rule.month, rule.day, year, {str(k): v for k, v in rule.shift.items()})]


HIJRI_ALTERNATIVES = ("umm-al-qura", "diyanet")  # the reckonings mosques in Germany follow, as alternatives


def _hijri_alternatives(year: int, used: str) -> list[str]:
    """Return the reckonings to show beside `used` in Gregorian `year` (Diyanet's only since it applies it)."""
    return [r for r in HIJRI_ALTERNATIVES if r != used and (r != "diyanet" or year >= unified_hijri.APPLIED_SINCE)]


def _hijri(rule: schema.HijriRule, year: int, settings: Settings) -> list[Hit]:
    hits = []
    for hijri_year, start in hijri.dated_occurrences(rule.month, rule.day, year, settings.islamic_reckoning):
        used = hijri.reckoning_used(hijri_year, settings.islamic_reckoning)
        alternatives = tuple(
            (hijri.to_gregorian(hijri_year, rule.month, rule.day, other), hijri.reckoning_used(hijri_year, other))
            for other in (_hijri_alternatives(year, used) if settings.alternatives else ())
            if hijri.reckoning_used(hijri_year, other) != used
        )
        hits.append(Hit(start, approximate=True, basis=used, cycle=hijri_year, alternatives=alternatives))
    return hits


def _chinese(rule: schema.ChineseRule, year: int, _: Settings) -> list[Hit]:
    return [Hit(day, basis="chinese") for day in chinese.occurrences(rule.month, rule.day, year)]


def _persian(rule: schema.PersianRule, year: int, _: Settings) -> list[Hit]:
    return [Hit(day, basis="persian") for day in persian.occurrences(rule.month, rule.day, year)]


def _bahai_basis(badi_year_start: int) -> str:
    return "bahai-astronomical" if bahai.astronomical(badi_year_start) else "bahai-western"


def _bahai(rule: schema.BahaiRule, year: int, _: Settings) -> list[Hit]:
    if rule.twin is not None:
        return [Hit(bahai.twin_birthdays(year)[rule.twin - 1], basis=_bahai_basis(year))]
    assert rule.month is not None and rule.day is not None
    return [Hit(bahai.to_gregorian(y, rule.month, rule.day), basis=_bahai_basis(y + bahai.ERA_OFFSET))
            for y in bahai.years_touching(year)]


VESAK_TRADITIONS = {"southeast-asia": "vesak", "south-asia": "buddha_purnima"}  # setting -> festival


def _indic_hit(festival: str, year: int) -> tuple[dt.date, str]:
    day, source = indic.festival_date(festival, year)
    if day is None:
        raise RuleError(f"'{festival}' lässt sich für {year} nicht berechnen (ausgefallener Mondmonat)")
    return day, f"{festival}-{source}"


NANAKSHAHI_VAISAKHI = (4, 14)  # 1 Vaisakh in the Nanakshahi calendar of 2003 (Chet 31 days from 14 March)


def _vaisakhi(year: int, settings: Settings) -> Hit:
    bikrami = _indic_hit("vaisakhi", year)
    nanakshahi = (dt.date(year, *NANAKSHAHI_VAISAKHI), "nanakshahi")
    if settings.sikh_calendar == "nanakshahi":
        return Hit(nanakshahi[0], basis=nanakshahi[1], alternatives=(bikrami,))
    return Hit(bikrami[0], approximate=bikrami[1].endswith("computed"), basis=bikrami[1], alternatives=(nanakshahi,))


def _indic(rule: schema.IndicRule, year: int, settings: Settings) -> list[Hit]:
    if rule.festival == "vaisakhi":
        return [_vaisakhi(year, settings)]
    if rule.festival == "vesak":  # Vesak follows the edition's tradition; 'buddha_purnima' names one explicitly
        festival = VESAK_TRADITIONS[settings.vesak_tradition]
        day, basis = _indic_hit(festival, year)
        others = tuple(_indic_hit(f, year) for f in VESAK_TRADITIONS.values() if f != festival)
        return [Hit(day, approximate=basis.endswith("computed"), basis=basis, alternatives=others)]
    day, basis = _indic_hit(rule.festival, year)
    return [Hit(day, approximate=basis.endswith("computed"), basis=basis)]


def _dates(rule: schema.DatesRule, year: int, _: Settings) -> list[Hit]:
    return [Hit(day, basis="dates") for y, day in rule.dates.items() if y in (year - 1, year)]


RULES: dict[str, Callable[[Any, int, Settings], list[Hit]]] = {
    "fixed": _fixed,
    "easter": _easter,
    "orthodox_easter": _orthodox_easter,
    "weekday": _weekday,
    "julian": _julian,
    "orthodox_fixed": _orthodox_fixed,
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
