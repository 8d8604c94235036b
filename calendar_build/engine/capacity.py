"""Refuse a year's catalogue that no month page can hold, before anything is laid out.

Every feast touching a month is one line of that month page's feast list. The fit proof finds
any list that runs out of its frame, but only after laying out every page — with thousands of
feasts that takes many minutes and can only name the folder. A month with more than
`MONTH_LIST_MAX` feasts is refused here at once, naming the file and line of the first feast
that no longer fits. The bound is safe, not tight: the largest month list (A3, the default
theme) is about 157 mm high and a one-line entry about 4.7 mm, so some 32 entries fit; between
that and the bound the fit proof still decides.
"""

from __future__ import annotations

import calendar as gregorian
import datetime as dt

from calendar_build.engine.occurrences import YearTable
from calendar_build.errors import Problems
from calendar_build.pages.dates import MONTHS

MONTH_LIST_MAX = 40


def check_capacity(table: YearTable, problems: Problems, limit: int = MONTH_LIST_MAX) -> None:
    """Record an error for every month of the year whose feast list holds more than `limit` feasts."""
    for month in range(1, 13):
        first = dt.date(table.year, month, 1)
        last = dt.date(table.year, month, gregorian.monthrange(table.year, month)[1])
        listed = [o for o in table.occurrences if o.start <= last and o.end >= first]
        if len(listed) <= limit:
            continue
        over = listed[limit]
        problems.error(over.entry.where.path, over.entry.where.line,
                       f"Im {MONTHS[month - 1]} {table.year} stehen {len(listed)} Feste – die Festliste einer "
                       f"Monatsseite fasst höchstens {limit}; ab '{over.id}' passt keines mehr. Bitte Feste aus dem "
                       "Katalog entfernen.")
