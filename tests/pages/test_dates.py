"""German date formatting of the printed calendar (Duden style: '24.–26. Dez.', abbreviated months)."""

from __future__ import annotations

import datetime as dt

import pytest

from calendar_build.pages import dates

D = dt.date
NBSP, ZWSP = "\u00a0", "\u200b"


@pytest.mark.parametrize(("start", "end", "expected"), [
    (D(2027, 1, 6), D(2027, 1, 6), "6. Jan."),
    (D(2027, 12, 24), D(2027, 12, 26), "24.–26. Dez."),
    (D(2027, 3, 31), D(2027, 4, 2), "31. März–2. Apr."),
    (D(2026, 12, 28), D(2027, 1, 4), "28. Dez. 2026–4. Jan."),
    (D(2027, 9, 1), D(2027, 9, 2), "1.–2. Sept."),
])
def test_date_range(start: dt.date, end: dt.date, expected: str) -> None:
    assert dates.date_range(start, end) == expected


@pytest.mark.parametrize(("start", "end", "expected"), [
    # a range may break only after its dash, a date never
    (D(2027, 4, 21), D(2027, 5, 2), f"21.{NBSP}Apr.–{ZWSP}2.{NBSP}Mai"),
    (D(2027, 4, 22), D(2027, 4, 29), f"22.–{ZWSP}29.{NBSP}Apr."),
    (D(2027, 4, 30), D(2027, 4, 30), f"30.{NBSP}Apr."),
    # across the new year also before the year: '25. Dez. 2027–' is wider than the A4 list's date column
    (D(2027, 12, 25), D(2028, 1, 1), f"25.{NBSP}Dez. 2027–{ZWSP}1.{NBSP}Jan."),
])
def test_column_range(start: dt.date, end: dt.date, expected: str) -> None:
    assert dates.column_range(start, end) == expected
