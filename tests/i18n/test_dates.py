"""Dates in each language: CLDR names and interval formats (Babel), the German house style, digits."""

from __future__ import annotations

import datetime as dt

import pytest
from babel.dates import get_day_names, get_month_names

from calendar_build.i18n.dates import Dates
from calendar_build.i18n.languages import LANGUAGES, digits
from calendar_build.pages import dates as german

D = dt.date

# Expected strings: CLDR 47 (Babel 2.17+) interval formats "MMMd" / "yMMMd"; German: our house style
# (tight dash, end year left out), as printed since the first edition.
RANGES = [
    ("de", D(2027, 12, 24), D(2027, 12, 26), "24.–26. Dez."),
    ("de", D(2026, 12, 28), D(2027, 1, 4), "28. Dez. 2026–4. Jan."),
    ("en", D(2027, 12, 24), D(2027, 12, 26), "Dec 24\u2009–\u200926"),
    ("en", D(2027, 3, 31), D(2027, 4, 2), "Mar 31\u2009–\u2009Apr 2"),
    ("tr", D(2027, 12, 24), D(2027, 12, 26), "24\u2009–\u200926 Ara"),
    ("ar", D(2027, 12, 24), D(2027, 12, 26), "24–26 ديسمبر"),
    ("uk", D(2027, 12, 24), D(2027, 12, 26), "24–26 груд."),
    ("fa", D(2027, 12, 24), D(2027, 12, 26), "۲۴ تا ۲۶ دسامبر"),
    ("en", D(2027, 1, 6), D(2027, 1, 6), "Jan 6"),
    ("fa", D(2027, 1, 6), D(2027, 1, 6), "۶ ژانویه"),
]


@pytest.mark.parametrize(("code", "start", "end", "expected"), RANGES)
def test_date_range(code: str, start: dt.date, end: dt.date, expected: str) -> None:
    assert Dates(code).date_range(start, end).replace("\u202f", "\u2009") == expected


# Expected: the "middle" of CLDR 47's standard list pattern ("{0}, {1}"; Persian "{0}،‏ {1}", the Arabic
# comma with a right-to-left mark; Arabic "{0} و{1}", "and"). A Latin comma was printed between Arabic dates.
LISTS = [
    ("de", "5. Jan., 25. Dez."),
    ("en", "Jan 5, Dec 25"),
    ("ar", "5 يناير و25 ديسمبر"),
    ("fa", "۵ ژانویه،‏ ۲۵ دسامبر"),
]


@pytest.mark.parametrize(("code", "expected"), LISTS)
def test_date_list_joins_as_the_language_lists(code: str, expected: str) -> None:
    """Isra and Mi'raj falls twice in 2027: both dates in one explanation, outlook or site cell."""
    assert Dates(code).date_list([(D(2027, 1, 5), D(2027, 1, 5)), (D(2027, 12, 25), D(2027, 12, 25))]) == expected


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "de"])
def test_column_range_breaks_only_at_the_range_separator(code: str) -> None:
    text = Dates(code).column_range(D(2027, 3, 31), D(2027, 4, 2))
    assert " " not in text  # every space inside a date is a no-break space
    assert text.count("\u200b") == 1  # one break opportunity: after the dash (or before Persian "تا")


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "de"])
def test_a_column_range_across_the_new_year_may_also_break_before_each_year(code: str) -> None:
    """'25 ديسمبر 2027 – 1 يناير 2028' is wider than the A4 list's date column: it wraps before a year too."""
    text = Dates(code).column_range(D(2027, 12, 25), D(2028, 1, 1))
    assert text.count(" ") == 2 and f" {digits(2027, code)}" in text and f" {digits(2028, code)}" in text
    assert text.count("\u200b") == 1


# Month and weekday names come from CLDR; German keeps its table, which must be CLDR's.
@pytest.mark.parametrize(("code", "january", "monday"), [
    ("de", "Januar", "Mo"), ("en", "January", "Mon"), ("tr", "Ocak", "Pzt"), ("ar", "يناير", "الاثنين"),
    ("uk", "Січень", "Пн"), ("fa", "ژانویه", "دوشنبه"),
])
def test_month_and_weekday_names(code: str, january: str, monday: str) -> None:
    assert (Dates(code).months[0], Dates(code).weekdays_short[0]) == (january, monday)


def test_german_tables_are_cldr() -> None:
    assert german.MONTHS == tuple(get_month_names("wide", locale="de").values())
    assert german.MONTHS_SHORT == tuple(get_month_names("abbreviated", locale="de").values())
    assert german.WEEKDAYS == tuple(get_day_names("wide", locale="de")[d] for d in range(7))
    assert german.WEEKDAYS_SHORT == tuple(get_day_names("abbreviated", locale="de")[d].rstrip(".") for d in range(7))


@pytest.mark.parametrize(("code", "expected"), [
    ("de", "2027, KW 53"), ("ar", "2027, KW 53"),  # Arabic: Western digits (our decision, languages.py)
    ("fa", "۲۰۲۷, KW ۵۳"),  # Persian: Extended Arabic-Indic digits (CLDR numbering system "arabext")
])
def test_digits(code: str, expected: str) -> None:
    assert digits("2027, KW 53", code) == expected


@pytest.mark.parametrize(("code", "direction"), [("de", "ltr"), ("tr", "ltr"), ("uk", "ltr"), ("ar", "rtl"), ("fa", "rtl")])
def test_direction_from_cldr(code: str, direction: str) -> None:
    assert LANGUAGES[code].direction == direction


# Wednesday in each form a weekday head may take, in order of preference: the column heads, then CLDR 47's
# stand-alone "short" and "narrow" (Babel 2.17+). German keeps its house heads first ("Mi"; CLDR's short is "Mi.").
WEDNESDAY_FORMS = [
    ("de", ("Mi", "Mi.", "M")),
    ("en", ("Wed", "We", "W")),
    ("tr", ("Çar", "Ça", "Ç")),
    ("uk", ("Ср", "С")),  # CLDR's abbreviated and short Ukrainian forms are the same: one form, not two
    ("ar", ("الأربعاء", "أربعاء", "ر")),
    ("fa", ("چهارشنبه", "۴ش", "چ")),
]


@pytest.mark.parametrize(("code", "expected"), WEDNESDAY_FORMS)
def test_weekday_forms_from_the_column_heads_to_cldr_narrow(code: str, expected: tuple[str, ...]) -> None:
    forms = Dates(code).weekday_forms
    assert tuple(form[2] for form in forms) == expected
    assert forms[0] == Dates(code).weekdays_short and all(len(form) == 7 for form in forms)
