"""Every non-fixed holiday checked against independent published dates (tests/reference_dates.py
names the source of each table: Hebcal, Diyanet, the Bahá'í World Centre, Hong Kong Observatory,
Drik Panchang …)."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

from calendar_build.content.loader import Content, load_content
from calendar_build.engine.occurrences import YearTable, compute_year
from tests.conftest import REPO
from tests.reference_dates import REFERENCES


@cache
def content() -> Content:
    return load_content(REPO)


@cache
def table(year: int) -> YearTable:
    return compute_year(content(), year)


CASES = [
    (holiday_id, year, expected)
    for holiday_id, reference in sorted(REFERENCES.items())
    for year, expected in sorted(reference.dates.items())
]


@pytest.mark.parametrize(("holiday_id", "year", "expected"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_matches_published_date(holiday_id: str, year: int, expected: str | tuple[str, ...]) -> None:
    reference = REFERENCES[holiday_id]
    wanted = [dt.date.fromisoformat(d) for d in ((expected,) if isinstance(expected, str) else expected)]
    computed = sorted(o.start for o in table(year).occurrences if o.id == holiday_id and o.start.year == year)
    assert len(computed) == len(wanted), (computed, wanted, reference.source)
    for got, want in zip(computed, wanted):
        assert abs((got - want).days) <= reference.tolerance_days, (got, want, reference.source)


def test_every_movable_holiday_has_three_reference_years() -> None:
    movable = [e.holiday.id for e in content().catalogue.entries if e.holiday.rule.kind not in ("fixed", "julian")]
    thin = {i: len(REFERENCES[i].dates) if i in REFERENCES else 0 for i in movable}
    assert {i: n for i, n in thin.items() if n < 3} == {}
