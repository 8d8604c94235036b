"""The year poster's page model: the twelve months as columns of days, from the month pages' day cells.

The day cells (dots, Sunday and legal-holiday marks, school band, labels fitted to the poster's
label box) are computed once by pages/build.py for every product; the poster only lays each
month's days out as one column and collects the names that did not fit a day into the month's
list below the column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from calendar_build.i18n.languages import GERMAN, LANGUAGES, digits
from calendar_build.pages.model import Calendar, DayCell, MonthPage, PortraitView


@dataclass(frozen=True)
class PosterDay:
    """One day of a month column: its cell, its weekday ("Mo") and whether a week begins with it."""

    cell: DayCell
    weekday: str
    week_start: bool  # a Monday that is not the month's first day: a stronger rule above it


@dataclass(frozen=True)
class MoreItem:
    """A line of a month's list below its column: the day and the names (with their marks) that did not fit it."""

    day: str  # "12." (German), "12" (English), "۱۲" (Persian)
    names: tuple[tuple[str, str], ...]  # (name, marks) as in the day cell: ("Naw-Rúz", "☾")


@dataclass(frozen=True)
class PosterMonth:
    """A month column of the poster."""

    number: int
    name: str
    portrait: PortraitView | None
    days: tuple[PosterDay, ...]
    more: tuple[MoreItem, ...]  # the month's list: names moved out of a day that was too full
    separator: str = ", "  # between the names of a line of that list, as the language lists them (CLDR)


def _days(month: MonthPage) -> tuple[PosterDay, ...]:
    cells = [cell for week in month.weeks for cell in week.days if cell.in_month]
    weekdays = [dt.date.fromisoformat(cell.iso).weekday() for cell in cells]
    return tuple(PosterDay(cell, month.weekdays[weekday], weekday == 0 and cell.day > 1)  # the grid's heads
                 for cell, weekday in zip(cells, weekdays, strict=True))


def _hidden_marks(cell: DayCell) -> tuple[str, ...]:
    """Return the marks of the names moved out of the cell (they follow the shown labels' marks)."""
    marks = cell.marks[len(cell.labels):] if cell.marks else ()
    return marks or ("",) * len(cell.hidden)


def _day_number(day: int, language: str) -> str:
    """Return the day as the month's list writes it: '12.' in German, else in the language's digits."""
    return f"{day}." if language == GERMAN else digits(day, language)


def poster_month(month: MonthPage, language: str = GERMAN) -> PosterMonth:
    """Return a month page's days as a poster column with its list of moved names."""
    days = _days(month)
    more = tuple(MoreItem(_day_number(d.cell.day, language), tuple(zip(d.cell.hidden, _hidden_marks(d.cell), strict=True)))
                 for d in days if d.cell.hidden)
    return PosterMonth(month.number, month.name, month.portrait, days, more, LANGUAGES[language].list_separator)


def poster_months(calendar: Calendar) -> tuple[PosterMonth, ...]:
    """Return the twelve month columns of the poster."""
    return tuple(poster_month(month, calendar.language) for month in calendar.months)
