"""Sanity checks run on every computation, so a wrong rule or table never reaches print.

- The same Hijri feast lies 353–356 days after its date in the previous Hijri year.
- No feast starts outside its plausible Gregorian window (`window` in the catalogue).
- Every holiday observed in a year has at least one occurrence touching it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from calendar_build.calendars import hijri
from calendar_build.content import schema
from calendar_build.errors import Problems

if TYPE_CHECKING:
    from calendar_build.content.loader import Content, Entry
    from calendar_build.engine.occurrences import Occurrence
    from calendar_build.engine.rules import Hit, Settings

HIJRI_YEAR_DAYS = range(353, 357)


def check_hits(entry: Entry, found: list[Hit], settings: Settings, problems: Problems) -> None:
    """Check Hijri year lengths and the Gregorian window of every computed start."""
    rule = entry.holiday.rule
    if isinstance(rule, schema.HijriRule):
        for hit in found:
            assert hit.cycle is not None
            before = hijri.to_gregorian(hit.cycle - 1, rule.month, rule.day, settings.islamic_reckoning)
            gap = (hit.start - before).days
            if gap not in HIJRI_YEAR_DAYS:
                problems.error(
                    entry.where.path, entry.where.line,
                    f"Plausibilitätsprüfung: '{entry.holiday.id}' liegt {gap} Tage nach dem Vorjahrestermin "
                    f"(erwartet 353–356) – Tabelle oder Regel prüfen.",
                )
    window = entry.holiday.window
    if window:
        for hit in found:
            if not in_window(hit.start, window):
                problems.error(
                    entry.where.path, entry.where.line,
                    f"Plausibilitätsprüfung: '{entry.holiday.id}' fiele auf den {hit.start:%d.%m.%Y}, "
                    f"außerhalb des Zeitfensters {window[0]} bis {window[1]} – Regel oder Zeitfenster prüfen.",
                )


def in_window(day: dt.date, window: tuple[str, str]) -> bool:
    """Return whether MM-DD of `day` lies in an inclusive window (which may wrap over New Year)."""
    key = f"{day.month:02d}-{day.day:02d}"
    first, last = window
    return first <= key <= last if first <= last else key >= first or key <= last


def check_year(content: Content, year: int, occurrences: list[Occurrence], problems: Problems) -> None:
    """Check that every holiday observed in `year` occurs in it."""
    present = {o.id for o in occurrences}
    for entry in content.catalogue.entries:
        holiday = entry.holiday
        if holiday.observed_in(year) and holiday.id not in present and not isinstance(holiday.rule, schema.DatesRule):
            problems.error(
                entry.where.path, entry.where.line,
                f"Plausibilitätsprüfung: '{holiday.id}' kommt {year} nicht vor – Regel prüfen.",
            )
