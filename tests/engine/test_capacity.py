"""The month-list bound (engine/capacity.py): counted over every feast touching the month and reported at the file and line of the first feast beyond it."""

from __future__ import annotations

import calendar as gregorian
import datetime as dt

import pytest

from calendar_build.content.loader import load_content
from calendar_build.engine.capacity import check_capacity
from calendar_build.engine.occurrences import YearTable, compute_year
from calendar_build.errors import Problems
from tests.conftest import REPO

YEAR = 2027


@pytest.fixture(scope="module")
def table() -> YearTable:
    return compute_year(load_content(REPO), YEAR, alternatives=False)


def listed(table: YearTable, month: int) -> list[str]:
    first, last = dt.date(YEAR, month, 1), dt.date(YEAR, month, gregorian.monthrange(YEAR, month)[1])
    return [o.id for o in table.occurrences if o.start <= last and o.end >= first]


@pytest.mark.parametrize("month", [1, 3, 10, 12])
def test_a_full_month_passes_and_one_more_is_refused(table: YearTable, month: int) -> None:
    feasts = listed(table, month)
    busiest = max(len(listed(table, m)) for m in range(1, 13))
    problems = Problems()
    check_capacity(table, problems, limit=busiest)
    assert problems.items == []
    problems = Problems()
    check_capacity(table, problems, limit=len(feasts) - 1)
    over = next(o for o in table.occurrences if o.id == feasts[-1])
    assert any((p.path, p.line) == (over.entry.where.path, over.entry.where.line)
               and f" {YEAR} stehen {len(feasts)} Feste" in p.message and f"ab '{over.id}'" in p.message
               for p in problems.errors), [p.render() for p in problems.items]
