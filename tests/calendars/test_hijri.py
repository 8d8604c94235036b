"""Islamic calendar. Sources: convertdate's tabular Islamic calendar (an independent
implementation of the same arithmetic rule) and the Umm al-Qura calendar as published by
the Saudi authorities (via hijridate) – e.g. 1 Ramadan 1446 = 1 March 2025."""

import datetime as dt

import pytest
from convertdate import islamic
from hypothesis import given
from hypothesis import strategies as st

from calendar_build.calendars import hijri


@given(st.integers(min_value=1, max_value=1600), st.integers(min_value=1, max_value=12))
def test_arithmetic_matches_convertdate(year: int, month: int) -> None:
    assert hijri.arithmetic_to_gregorian(year, month, 1) == dt.date(*islamic.to_gregorian(year, month, 1))


@given(st.integers(min_value=1350, max_value=1530))
def test_arithmetic_year_lengths(year: int) -> None:
    length = (hijri.arithmetic_to_gregorian(year + 1, 1, 1) - hijri.arithmetic_to_gregorian(year, 1, 1)).days
    assert length == sum(hijri.arithmetic_month_days(year, m) for m in range(1, 13))
    assert length in (354, 355)


@pytest.mark.parametrize(
    ("hijri_date", "expected"),
    [
        ((1446, 9, 1), dt.date(2025, 3, 1)),  # Ramadan 1446
        ((1446, 10, 1), dt.date(2025, 3, 30)),  # Eid al-Fitr 1446
        ((1447, 1, 1), dt.date(2025, 6, 26)),  # Islamic New Year 1447
    ],
)
def test_umm_al_qura(hijri_date: tuple[int, int, int], expected: dt.date) -> None:
    assert hijri.to_gregorian(*hijri_date, "umm-al-qura") == expected


def test_two_occurrences_in_one_gregorian_year() -> None:
    # 1 Muharram fell on 10 January and 29 December 2008.
    starts = [start for start in hijri.occurrences(1, 1, 2008, "umm-al-qura") if start.year == 2008]
    assert len(starts) == 2


def test_outside_umm_al_qura_range_uses_arithmetic() -> None:
    assert hijri.reckoning_used(1510, "umm-al-qura") == "arithmetic"
    assert hijri.reckoning_used(1448, "umm-al-qura") == "umm-al-qura"
