"""The unified Hijri calendar (Istanbul 2016) that Diyanet follows: its criterion and its months.

Published dates are checked in tests/test_reference_dates.py (Diyanet tables 2021–2026); here the
criterion's parts and the shape of the calendar.
"""

from __future__ import annotations

import datetime as dt

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
