"""Hebrew calendar. Sources: the `holidays` package's Hebrew tables (compiled independently from
Hebcal/Chabad listings) for 1950–2099, and the rules of the fixed calendar (Maimonides,
Hilchot Kiddush HaChodesh: Rosh Hashanah never falls on Sunday, Wednesday or Friday)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from calendar_build.calendars import hebrew, holidays_tables

YEARS = range(1950, 2100)


@pytest.mark.parametrize(
    ("table", "month", "day"),
    [
        ("PASSOVER", "nisan", 15),
        ("SHAVUOT", "sivan", 6),
        ("ROSH_HASHANAH", "tishrei", 1),
        ("YOM_KIPPUR", "tishrei", 10),
        ("SUKKOT", "tishrei", 15),
        ("PURIM", "adar", 14),
    ],
)
def test_matches_independent_table(table: str, month: str, day: int) -> None:
    for year in YEARS:
        expected = holidays_tables.festival_date(table, year)
        computed = [d for d in hebrew.occurrences(month, day, year) if d.year == year]
        assert computed == [expected], (table, year)


@given(st.integers(min_value=1950, max_value=2099))
def test_lo_adu_rosh(year: int) -> None:
    (rosh_hashanah,) = [d for d in hebrew.occurrences("tishrei", 1, year) if d.year == year]
    assert rosh_hashanah.weekday() not in (6, 2, 4)  # not Sunday, Wednesday, Friday
    (pesach,) = [d for d in hebrew.occurrences("nisan", 15, year) if d.year == year]
    assert pesach.weekday() not in (0, 2, 4)  # Pesach never on Monday, Wednesday, Friday
    # Pesach and the following Rosh Hashanah are 163 days apart in every year.
    assert (rosh_hashanah - pesach).days == 163


def test_adar_is_adar_ii_in_leap_years() -> None:
    assert hebrew.is_leap(5784)
    assert hebrew.occurrences("adar", 14, 2024)[-1] == dt.date(2024, 3, 24)  # Purim 2024 in Adar II
    assert hebrew.to_gregorian(5785, "adar_ii", 14) is None  # 5785 has no Adar II


@pytest.mark.parametrize(
    ("year", "expected"),
    [  # Yom HaShoah: 27 Nisan, Friday -> Thursday, Sunday -> Monday (Knesset law of 1959, amended 1997)
        (2024, dt.date(2024, 5, 6)),  # 27 Nisan 5784 was a Sunday
        (2025, dt.date(2025, 4, 24)),  # 27 Nisan 5785 was a Friday
        (2026, dt.date(2026, 4, 14)),
    ],
)
def test_yom_hashoah_postponement(year: int, expected: dt.date) -> None:
    assert hebrew.occurrences("nisan", 27, year, {"fri": -1, "sun": 1})[-1] == expected
