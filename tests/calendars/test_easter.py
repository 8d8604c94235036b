"""Easter Sunday. Source: published Easter tables (EKD Kirchenjahr; Orthodox Church calendars)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_build.calendars import easter


@pytest.mark.parametrize(
    ("year", "western", "orthodox"),
    [
        (1950, dt.date(1950, 4, 9), dt.date(1950, 4, 9)),
        (2024, dt.date(2024, 3, 31), dt.date(2024, 5, 5)),
        (2025, dt.date(2025, 4, 20), dt.date(2025, 4, 20)),
        (2026, dt.date(2026, 4, 5), dt.date(2026, 4, 12)),
        (2027, dt.date(2027, 3, 28), dt.date(2027, 5, 2)),
        (2028, dt.date(2028, 4, 16), dt.date(2028, 4, 16)),
        (2099, dt.date(2099, 4, 12), dt.date(2099, 4, 12)),
    ],
)
def test_easter_table(year: int, western: dt.date, orthodox: dt.date) -> None:
    assert easter.western_easter(year) == western
    assert easter.orthodox_easter(year) == orthodox


@given(st.integers(min_value=1950, max_value=2099))
def test_easter_properties(year: int) -> None:
    western, orthodox = easter.western_easter(year), easter.orthodox_easter(year)
    assert western.weekday() == orthodox.weekday() == 6
    assert dt.date(year, 3, 22) <= western <= dt.date(year, 4, 25)
    assert western <= orthodox <= dt.date(year, 5, 8)
    assert (orthodox - western).days in (0, 7, 28, 35)
