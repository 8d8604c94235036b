"""Persian calendar. Sources: the `holidays` package's Solar Hijri table (33-year arithmetic
rule, independent of our equinox computation) and Iran's official calendars (Nowruz 1403 = 20
March 2024, 1404 = 21 March 2025)."""

import datetime as dt

import pytest
from calendar_build.calendars import holidays_tables, persian


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2024, dt.date(2024, 3, 20)), (2025, dt.date(2025, 3, 21)), (2026, dt.date(2026, 3, 21)), (2027, dt.date(2027, 3, 21))],
)
def test_nowruz_published(year: int, expected: dt.date) -> None:
    assert persian.nowruz(year) == expected


def test_equinox_rule_agrees_with_arithmetic_table_1950_2099() -> None:
    for year in range(1950, 2100):
        assert persian.nowruz(year) == holidays_tables.persian_new_year(year), year


def test_months_counted_from_nowruz() -> None:
    assert persian.to_gregorian(1406, 1, 13) == dt.date(2027, 4, 2)  # Sizdah Bedar 1406
    assert persian.to_gregorian(1406, 7, 1) == dt.date(2027, 9, 23)  # 1 Mehr after six 31-day months
