"""Refuse two feasts named alike on one day: a reader would take them for one feast printed twice.

A day cell prints the short names of the feasts beginning that day (and of those running on into a month, on its
1st), the month list and the explanations their full names. Two different feasts can fall on one day and come from
one word: the Bahá'í Naw-Rúz and the Iranian Nouruz are both "نوروز" in Persian, both "Nevruz" in Turkish. Shown as
"نوروز" over "نوروز", the cell reads as a mistake, and nothing says which dot belongs to which. Each of the two needs a
name of its own in the language's catalogue, so the check names the file and line of the second.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from calendar_build.engine.occurrences import Occurrence, YearTable
from calendar_build.errors import Problems
from calendar_build.pages.dates import long_date


def _named_on(table: YearTable) -> dict[dt.date, list[Occurrence]]:
    """Return the feasts whose names a day of the year prints: those beginning on it, and on a 1st those running on."""
    named: dict[dt.date, list[Occurrence]] = defaultdict(list)
    for occurrence in table.occurrences:
        for day in occurrence.days():
            if day.year == table.year and (day == occurrence.start or day.day == 1):
                named[day].append(occurrence)
    return named


def _names(occurrence: Occurrence) -> tuple[tuple[str, str], ...]:
    """Return the names a feast is printed with: ("short", …) in a day cell, ("name", …) in lists."""
    holiday = occurrence.entry.holiday
    return ("short", holiday.display_short), ("name", holiday.name)


def check_distinct_names(table: YearTable, problems: Problems) -> None:
    """Record an error for every second feast of a day that is printed with a name another feast of the day has."""
    for day, occurrences in sorted(_named_on(table).items()):
        seen: dict[str, Occurrence] = {}
        for occurrence in occurrences:
            clash = next(((field, name) for field, name in _names(occurrence) if name in seen
                          and seen[name].id != occurrence.id), None)
            if clash is not None:
                field, name = clash
                where = occurrence.entry.where
                problems.error(where.path, where.line,
                               f"Am {long_date(day)} heißen '{seen[name].id}' und '{occurrence.id}' beide "
                               f"'{name}' ('{field}') – zwei Feste unter einem Namen liest man als eines, doppelt "
                               f"gedruckt. Bitte '{occurrence.id}' hier einen eigenen Namen geben.")
            for _, name in _names(occurrence):
                seen.setdefault(name, occurrence)
