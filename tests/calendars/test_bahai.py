"""Badíʻ calendar: the whole published table 2015–2064, the Western fixed dates before 2015, and the
rules that hold in every year."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_build.calendars import astro, bahai

ASTRONOMICAL_YEARS = st.integers(min_value=2015, max_value=2099)
WESTERN_YEARS = st.integers(min_value=1950, max_value=2014)

# Bahá'í World Centre, "Bahá'í Dates 172 to 221 B.E." (prepared with data of HM Nautical Almanac
# Office, sent with the Universal House of Justice's letter of 10 July 2014; bahai-library.com
# uhj_bahai_dates_172-221.pdf), Table A: year -> (Naw-Rúz, Birth of the Báb), both in March /
# October–November of that year. Transcribed as in GNU Emacs test/lisp/calendar/cal-bahai-tests.el
# (taken from the World Centre's ICS file); janrg/badiDate res/badiYearsLongFormat.ts gives the
# same 50 years, and the rows surviving in the text conversion of the PDF agree.
BWC_TABLE: dict[int, tuple[str, str]] = {
    2015: ("03-21", "11-13"), 2016: ("03-20", "11-01"), 2017: ("03-20", "10-21"), 2018: ("03-21", "11-09"),
    2019: ("03-21", "10-29"), 2020: ("03-20", "10-18"), 2021: ("03-20", "11-06"), 2022: ("03-21", "10-26"),
    2023: ("03-21", "10-16"), 2024: ("03-20", "11-02"), 2025: ("03-20", "10-22"), 2026: ("03-21", "11-10"),
    2027: ("03-21", "10-30"), 2028: ("03-20", "10-19"), 2029: ("03-20", "11-07"), 2030: ("03-20", "10-28"),
    2031: ("03-21", "10-17"), 2032: ("03-20", "11-04"), 2033: ("03-20", "10-24"), 2034: ("03-20", "11-12"),
    2035: ("03-21", "11-01"), 2036: ("03-20", "10-20"), 2037: ("03-20", "11-08"), 2038: ("03-20", "10-29"),
    2039: ("03-21", "10-19"), 2040: ("03-20", "11-06"), 2041: ("03-20", "10-26"), 2042: ("03-20", "10-15"),
    2043: ("03-21", "11-03"), 2044: ("03-20", "10-22"), 2045: ("03-20", "11-10"), 2046: ("03-20", "10-30"),
    2047: ("03-21", "10-20"), 2048: ("03-20", "11-07"), 2049: ("03-20", "10-28"), 2050: ("03-20", "10-17"),
    2051: ("03-21", "11-05"), 2052: ("03-20", "10-24"), 2053: ("03-20", "11-11"), 2054: ("03-20", "11-01"),
    2055: ("03-21", "10-21"), 2056: ("03-20", "11-08"), 2057: ("03-20", "10-29"), 2058: ("03-20", "10-18"),
    2059: ("03-20", "11-06"), 2060: ("03-20", "10-25"), 2061: ("03-20", "10-14"), 2062: ("03-20", "11-02"),
    2063: ("03-20", "10-23"), 2064: ("03-20", "11-10"),
}  # fmt: skip


def _day(year: int, month_day: str) -> dt.date:
    return dt.date.fromisoformat(f"{year}-{month_day}")


def test_the_table_has_all_fifty_years() -> None:
    assert sorted(BWC_TABLE) == list(range(2015, 2065))


@pytest.mark.parametrize("year", sorted(BWC_TABLE))
def test_naw_ruz_and_twin_holy_birthdays_match_the_world_centre_table(year: int) -> None:
    naw_ruz, bab = BWC_TABLE[year]
    assert bahai.naw_ruz(year) == _day(year, naw_ruz)
    assert bahai.twin_birthdays(year) == (_day(year, bab), _day(year, bab) + dt.timedelta(days=1))


def test_the_two_close_years_bound_the_sunset_definition() -> None:
    """2026 and 2059: the equinox lies minutes from sunset in Tehran; the table decides both ways."""
    for year, equinox_before_sunset in ((2026, False), (2059, True)):
        equinox = astro.march_equinox(year)
        sunset = bahai._sunset(dt.date(year, 3, 20))
        assert abs((equinox - sunset).total_seconds()) < 120
        assert (equinox < sunset) is equinox_before_sunset
    # the almanac sunset (upper limb with refraction) would put 2026 on 20 March, against the table
    assert astro.march_equinox(2026) < astro.sunset(dt.date(2026, 3, 20), astro.TEHRAN, astro.ALMANAC_HORIZON)


# Before 2015 the Western Bahá'í communities kept fixed Gregorian dates (bahaikingston.org "Holy Days",
# irvinebahai.org "Calendar", bahaiworld.com holy-day list): Naw-Rúz 21 March, Riḍván 21 April,
# Declaration of the Báb 23 May, Ascension of Bahá'u'lláh 29 May, Martyrdom of the Báb 9 July,
# Birth of the Báb 20 October, Birth of Bahá'u'lláh 12 November.
WESTERN = [((1, 1), "03-21"), ((2, 13), "04-21"), ((4, 8), "05-23"), ((4, 13), "05-29"), ((6, 17), "07-09")]


@pytest.mark.parametrize("year", [1950, 1999, 2010, 2014])
def test_western_fixed_dates_before_2015(year: int) -> None:
    for (month, day), gregorian in WESTERN:
        assert bahai.to_gregorian(year - bahai.ERA_OFFSET, month, day) == _day(year, gregorian)
    assert bahai.twin_birthdays(year) == (_day(year, "10-20"), _day(year, "11-12"))


def test_naw_ruz_2010_is_21_march() -> None:
    assert bahai.naw_ruz(2010) == dt.date(2010, 3, 21)
    assert not bahai.astronomical(2014) and bahai.astronomical(2015)


@given(ASTRONOMICAL_YEARS)
def test_naw_ruz_on_the_equinox_day(year: int) -> None:
    assert dt.date(year, 3, 19) <= bahai.naw_ruz(year) <= dt.date(year, 3, 22)


@given(st.integers(min_value=1950, max_value=2099))
def test_year_has_nineteen_months_and_intercalary_days(year: int) -> None:
    length = (bahai.naw_ruz(year + 1) - bahai.naw_ruz(year)).days
    assert length in (365, 366)
    ayyam_i_ha = length - 19 * 19
    assert ayyam_i_ha in (4, 5)
    assert bahai.to_gregorian(year - bahai.ERA_OFFSET, 19, 19) == bahai.naw_ruz(year + 1) - dt.timedelta(days=1)
    assert bahai.to_gregorian(year - bahai.ERA_OFFSET, 0, ayyam_i_ha + 1) == bahai.to_gregorian(year - bahai.ERA_OFFSET, 19, 1)


@given(ASTRONOMICAL_YEARS)
def test_twin_holy_birthdays(year: int) -> None:
    bab, bahaullah = bahai.twin_birthdays(year)
    assert bahaullah - bab == dt.timedelta(days=1)
    assert dt.date(year, 10, 12) <= bab <= dt.date(year, 11, 14)
    # The eighth new moon after Naw-Rúz lies seven to eight lunations after it.
    assert 200 <= (bab - bahai.naw_ruz(year)).days <= 240


@given(WESTERN_YEARS)
def test_western_twin_birthdays_are_fixed(year: int) -> None:
    assert bahai.twin_birthdays(year) == (dt.date(year, 10, 20), dt.date(year, 11, 12))


def test_ridvan_and_holy_days_follow_naw_ruz() -> None:
    # Naw-Rúz 2027 (184 B.E.) on 21 March: Ridván 21 April, Declaration of the Báb 24 May (BWC table B).
    assert bahai.to_gregorian(184, 2, 13) == dt.date(2027, 4, 21)
    assert bahai.to_gregorian(184, 4, 8) == dt.date(2027, 5, 24)
