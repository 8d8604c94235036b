"""The unified Hijri calendar (Istanbul 2016) that Diyanet follows: its criterion and its months.

Published dates are checked in tests/test_reference_dates.py (Diyanet tables 2021–2026); here the
criterion's parts and the shape of the calendar.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from calendar_build.calendars import astro, hijri, unified_hijri

D = dt.date


@pytest.mark.parametrize(("evening", "met"), [
    # 1 Ramadan 1447: conjunction 17 Feb 2026 about 12:01 UTC. That evening the Moon is at most about
    # 6° from the Sun anywhere before midnight UTC (too young); the next evening it is far above 5°.
    # Diyanet: 1 Ramazan = 19 Feb 2026 (Umm al-Qura: 18 Feb).
    (D(2026, 2, 17), False),
    (D(2026, 2, 18), True),
])
def test_criterion_around_ramadan_1447(evening: dt.date, met: bool) -> None:
    conjunction = astro.next_new_moon(dt.datetime(2026, 2, 15))
    assert conjunction.date() == D(2026, 2, 17)
    assert unified_hijri.criterion_met(evening, conjunction) is met


def test_no_month_begins_before_its_conjunction() -> None:
    conjunction = astro.next_new_moon(dt.datetime(2026, 2, 15))
    assert not unified_hijri.criterion_met(conjunction.date() - dt.timedelta(days=1), conjunction)


def test_months_have_29_or_30_days_and_follow_each_other() -> None:
    starts = [hijri.to_gregorian(year, month, 1, "diyanet") for year in range(1440, 1471) for month in range(1, 13)]
    lengths = {(b - a).days for a, b in zip(starts, starts[1:])}
    assert lengths <= {29, 30}
    # at most a day from the tabular calendar's month start, which runs within a day or two of the Moon
    assert all(abs((start - hijri.arithmetic_to_gregorian(year, month, 1)).days) <= 2
               for start, (year, month) in zip(starts, [(y, m) for y in range(1440, 1471) for m in range(1, 13)]))


def test_the_shipped_table_covers_every_supported_year() -> None:
    table = unified_hijri.table()
    assert set(table) == {(y, m) for y in unified_hijri.TABLE_YEARS for m in range(1, 13)}
    starts = sorted(table.values())
    assert starts[0] <= dt.date(1950, 1, 1) and starts[-1] >= dt.date(2099, 12, 31)
    assert {(b - a).days for a, b in zip(starts, starts[1:])} <= {29, 30}


@pytest.mark.parametrize("month", [
    # a sample spread over the table (every 13th Hijri year, a different month each), recomputed by the criterion
    (year, 1 + (year * 7) % 12) for year in range(1368, 1526, 13)
])
def test_the_shipped_table_is_what_the_criterion_computes(month: tuple[int, int]) -> None:
    year, number = month
    computed = unified_hijri.month_start(hijri.arithmetic_to_gregorian(year, number, 1))
    assert unified_hijri.table()[month] == computed


def test_months_outside_the_table_are_computed() -> None:
    outside = (unified_hijri.TABLE_YEARS.stop + 2, 9)
    assert outside not in unified_hijri.table()
    start = hijri.to_gregorian(*outside, 1, "diyanet")
    assert abs((start - hijri.arithmetic_to_gregorian(*outside, 1)).days) <= 2


def test_write_table_writes_what_table_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "starts.txt"
    unified_hijri.write_table(path, range(1447, 1448), hijri.arithmetic_to_gregorian)
    monkeypatch.setattr(unified_hijri, "TABLE", path)
    unified_hijri.table.cache_clear()
    try:
        assert unified_hijri.table()[1447, 9] == D(2026, 2, 19)  # 1 Ramazan 1447 (Diyanet), as above
        assert len(unified_hijri.table()) == 12
    finally:
        unified_hijri.table.cache_clear()
