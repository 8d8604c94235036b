"""Badíʻ calendar. Sources: Bahá'í World Centre, "Bahá'í Dates 172 to 221 B.E." (the table rows are
checked in tests/test_reference_dates.py); here the rules that hold in every year."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from calendar_build.calendars import bahai

YEARS = st.integers(min_value=1950, max_value=2099)


@given(YEARS)
def test_naw_ruz_on_the_equinox_day(year: int) -> None:
    assert dt.date(year, 3, 19) <= bahai.naw_ruz(year) <= dt.date(year, 3, 22)


@given(YEARS)
def test_year_has_nineteen_months_and_intercalary_days(year: int) -> None:
    length = (bahai.naw_ruz(year + 1) - bahai.naw_ruz(year)).days
    assert length in (365, 366)
    ayyam_i_ha = length - 19 * 19
    assert ayyam_i_ha in (4, 5)
    assert bahai.to_gregorian(year, 19, 19) == bahai.naw_ruz(year + 1) - dt.timedelta(days=1)


@given(YEARS)
def test_twin_holy_birthdays(year: int) -> None:
    bab, bahaullah = bahai.twin_birthdays(year)
    assert bahaullah - bab == dt.timedelta(days=1)
    assert dt.date(year, 10, 12) <= bab <= dt.date(year, 11, 14)
    # The eighth new moon after Naw-Rúz lies seven to eight lunations after it.
    assert 200 <= (bab - bahai.naw_ruz(year)).days <= 240


def test_ridvan_and_holy_days_follow_naw_ruz() -> None:
    # Naw-Rúz 2027 on 21 March: Ridván 21 April, Declaration of the Báb 24 May (BWC table B).
    assert bahai.to_gregorian(2027, 2, 13) == dt.date(2027, 4, 21)
    assert bahai.to_gregorian(2027, 4, 8) == dt.date(2027, 5, 24)
