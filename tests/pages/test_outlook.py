"""The year-ahead outlook: main movable feasts over consecutive years, formatted German cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from calendar_build.content.loader import load_content
from calendar_build.pages.outlook import OUTLOOK_IDS, OutlookRow, outlook, outlook_years
from tests.conftest import REPO


@pytest.fixture(scope="module")
def rows() -> dict[str, OutlookRow]:
    """Return the sample project's outlook 2027–2031 by id."""
    return {row.id: row for row in outlook(load_content(REPO), 2027)}


# Sources: Easter and Orthodox Easter by the Gregorian/Julian computus (Meeus); Jewish dates from
# hebcal.com (first full day; the feast begins the evening before); Ramadan/Eid by the Umm al-Qura
# calendar; Diwali by the Indian government's holiday listing.
CELLS = [
    ("easter-sunday", 2027, "28. März"),
    ("easter-sunday", 2028, "16. Apr."),
    ("easter-sunday", 2029, "1. Apr."),
    ("orthodox-easter", 2027, "2. Mai"),
    ("orthodox-easter", 2028, "16. Apr."),
    ("pesach", 2027, "22.–29. Apr."),
    ("pesach", 2028, "11.–18. Apr."),
    ("rosh-hashanah", 2027, "2.–3. Okt."),
    ("yom-kippur", 2027, "11. Okt."),
    ("hanukkah", 2027, "25. Dez. 2027–1. Jan."),
    ("ramadan-begin", 2027, "8. Feb."),
    ("eid-al-fitr", 2027, "9.–11. März"),
    ("diwali", 2027, "29. Okt."),
    ("naw-ruz", 2027, "21. März"),
]  # fmt: skip


@pytest.mark.parametrize(("holiday_id", "year", "expected"), CELLS)
def test_cells(rows: dict[str, OutlookRow], holiday_id: str, year: int, expected: str) -> None:
    row = rows[holiday_id]
    assert row.cells[row.years.index(year)] == expected


def test_shape(rows: dict[str, OutlookRow]) -> None:
    assert tuple(rows) == OUTLOOK_IDS  # all twelve are in the sample catalogue, in the chosen order
    for row in rows.values():
        assert row.years == (2027, 2028, 2029, 2030, 2031)
        assert len(row.cells) == len(row.approximate) == 5
        assert all(row.cells)


@pytest.mark.parametrize(("holiday_id", "estimated"), [
    ("ramadan-begin", True), ("eid-al-adha", True), ("diwali", True),
    ("easter-sunday", False), ("pesach", False), ("orthodox-easter", False),
])  # fmt: skip
def test_estimates_are_flagged(rows: dict[str, OutlookRow], holiday_id: str, estimated: bool) -> None:
    assert all(flag is estimated for flag in rows[holiday_id].approximate)


def test_announced_dates_win(project: Path) -> None:
    (project / "content" / "overrides").mkdir(exist_ok=True)
    (project / "content" / "overrides" / "2028.yaml").write_text(
        "overrides:\n  - id: ramadan-begin\n    start: 2028-01-29\n", encoding="utf-8")
    row = next(r for r in outlook(load_content(project), 2027, years=2) if r.id == "ramadan-begin")
    assert row.cells == ("8. Feb.", "29. Jan.")
    assert row.approximate == (True, False)


def test_unknown_ids_are_skipped_and_names_given() -> None:
    rows = outlook(load_content(REPO), 2027, years=1, ids=("pesach", "no-such-feast"))
    assert [(r.id, r.name, r.short) for r in rows] == [("pesach", "Pessach", "Pessach")]


@pytest.mark.parametrize(("first", "years", "expected"), [
    (2027, 5, (2027, 2028, 2029, 2030, 2031)),
    (2097, 5, (2097, 2098, 2099)),  # the engine computes up to 2099
    (2027, 0, ()),
])  # fmt: skip
def test_outlook_years(first: int, years: int, expected: tuple[int, ...]) -> None:
    assert outlook_years(first, years) == expected


@pytest.mark.parametrize(("language", "expected"), [("de", "5. Jan., 26. Dez."), ("ar", "5 يناير و26 ديسمبر"),
                                                    ("fa", "۵ ژانویه،\u200f ۲۶ دسامبر")])
def test_two_dates_in_a_year_are_listed_as_the_language_lists(language: str, expected: str) -> None:
    """Ramadan begins twice in 2030 (Umm al-Qura); Arabic and Persian got a Latin comma between the dates."""
    row = next(r for r in outlook(load_content(REPO), 2027, ids=("ramadan-begin",), language=language))
    assert row.cells[row.years.index(2030)] == expected
