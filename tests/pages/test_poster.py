"""The poster's page model: month columns from the day cells, names moved to the month's list, marks fitted."""

from __future__ import annotations

import datetime as dt

import pytest

from calendar_build.pages.fitting import CellBox, fit_labels, text_width_mm
from calendar_build.pages.model import DayCell, MonthPage, Week
from calendar_build.pages.poster import poster_month
from calendar_build.products import BY_VARIANT_AND_FORMAT, PRODUCTS, product_for


def _cell(day: dt.date, month: int, hidden: tuple[str, ...] = ()) -> DayCell:
    return DayCell(day.day, day.isoformat(), day.month == month, day.weekday() == 6, False, False, (), (), "", "",
                   hidden=hidden)


def _february_2027() -> MonthPage:
    start = dt.date(2027, 1, 25)  # a week of January first: cells outside the month are left out
    days = [start + dt.timedelta(days=i) for i in range(42)]
    weeks = tuple(Week(days[i].isocalendar()[1], tuple(_cell(d, 2, ("Purim",) if d == dt.date(2027, 2, 20) else ())
                                                     for d in days[i:i + 7])) for i in range(0, 42, 7))
    return MonthPage(2, "Februar", 2027, None, ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"), weeks, ())


def test_a_column_holds_the_months_days_with_weekdays() -> None:
    column = poster_month(_february_2027())
    assert [d.cell.day for d in column.days] == list(range(1, 29))
    assert column.days[0].weekday == "Mo" and column.days[6].weekday == "So"  # 1 Feb 2027 is a Monday
    # a stronger rule above each Monday but the month's first day
    assert [d.cell.day for d in column.days if d.week_start] == [8, 15, 22]


def test_names_that_did_not_fit_go_to_the_months_list() -> None:
    column = poster_month(_february_2027())
    assert [(item.day, item.names) for item in column.more] == [("20.", (("Purim", ""),))]


@pytest.mark.parametrize(("language", "separator"), [("de", ", "), ("en", ", "), ("fa", "،‏ "), ("ar", " و")])
def test_the_months_list_separates_names_as_the_language_lists_them(language: str, separator: str) -> None:
    """The list's names were joined by a Latin comma in Arabic and Persian too (CLDR 47 list pattern "middle")."""
    assert poster_month(_february_2027(), language).separator == separator


BOX = CellBox(27.0, 2, None, 9.0)


def test_a_label_keeps_room_for_its_marks() -> None:
    label = "Fastenbrechen"
    marked = CellBox(text_width_mm(label, BOX) + 0.5, 2, None, 9.0)  # the label alone fits …
    assert fit_labels([label], marked) == ((label,), (), "")
    shown, _, _ = fit_labels([label], marked, ("☾±1",))
    assert shown[0].endswith(".") and len(shown[0]) < len(label)  # … not with "☾±1" after it


def test_too_many_labels_leave_one_line_for_the_note() -> None:
    shown, hidden, more = fit_labels(["A", "B", "C"], BOX, ("", "☾", ""))
    assert shown == ("A",) and hidden == ("B", "C") and more == "+2 s. Liste"


@pytest.mark.parametrize(("variant", "page_format", "product"), [
    ("poster", "a2", "poster-a2"), ("poster", "a1", "poster-a1"), ("poster", None, "poster-a2"),
    ("print", None, "print-a3"), ("screen", "a4", "screen-a4"),
])
def test_variant_and_format_name_one_row(variant: str, page_format: str | None, product: str) -> None:
    assert product_for(variant, page_format).id == product


def test_landscape_rows_turn_the_sheet() -> None:
    for upright in ("poster-a2", "poster-a1"):
        turned = PRODUCTS[f"{upright}-landscape"]
        assert turned.page_mm == PRODUCTS[upright].page_mm[::-1] and turned.landscape
        assert turned.classes.split() == [*PRODUCTS[upright].classes.split(), "poster-landscape",
                                          f"format-{turned.page_format}-landscape"]
    assert ("poster", "a3") not in BY_VARIANT_AND_FORMAT


def test_moved_names_keep_their_marks() -> None:
    month = _february_2027()
    day = dt.date(2027, 2, 9)
    cell = DayCell(9, day.isoformat(), True, False, False, False, (), ("Fastnacht",), "+2 s. Liste", "",
                   hidden=("Ramadan", "Lailat"), marks=("", "☾±1", "☾"))
    weeks = tuple(Week(w.number, tuple(cell if c.iso == day.isoformat() else c for c in w.days)) for w in month.weeks)
    column = poster_month(MonthPage(2, "Februar", 2027, None, month.weekdays, weeks, ()))
    assert column.more[0].day == "9."
    assert column.more[0].names == (("Ramadan", "☾±1"), ("Lailat", "☾"))
