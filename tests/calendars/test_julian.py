"""Julian calendar conversion. Source: Meeus, Astronomical Algorithms, ch. 7 (examples)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_build.calendars import julian


@pytest.mark.parametrize(
    ("julian_date", "gregorian"),
    [
        ((1582, 10, 4), dt.date(1582, 10, 14)),  # last Julian day before the reform (proleptic Gregorian 14 Oct)
        ((2026, 12, 25), dt.date(2027, 1, 7)),  # Orthodox Christmas
        ((2027, 1, 6), dt.date(2027, 1, 19)),  # Orthodox Epiphany (Theophany)
        ((1900, 2, 29), dt.date(1900, 3, 13)),  # Julian leap day in a Gregorian common year
        ((2100, 2, 28), dt.date(2100, 3, 13)),  # the offset grows to 14 days after 2100-02-28 (Julian 29 Feb)
    ],
)
def test_to_gregorian(julian_date: tuple[int, int, int], gregorian: dt.date) -> None:
    assert julian.to_gregorian(*julian_date) == gregorian


def test_reform_day_is_consecutive() -> None:
    # Julian 4 Oct 1582 was followed by Gregorian 15 Oct 1582.
    assert julian.to_gregorian(1582, 10, 4) + dt.timedelta(days=1) == dt.date(1582, 10, 15)


@given(st.dates(min_value=dt.date(1, 3, 1), max_value=dt.date(9999, 12, 31)))
def test_round_trip(day: dt.date) -> None:
    assert julian.to_gregorian(*julian.from_gregorian(day)) == day


def test_occurrences_in_gregorian_year() -> None:
    assert julian.occurrences(12, 25, 2027) == [dt.date(2027, 1, 7)]
    assert julian.occurrences(2, 29, 2027) == []  # 2027 is not a Julian leap year
