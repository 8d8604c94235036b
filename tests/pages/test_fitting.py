"""Weekday heads fitted to their room: the first form of the language whose every name fits, measured in the font
each name is set in (render/fonts.py `covering`: Arabic and Persian in Noto Sans Arabic, not Noto Sans)."""

from __future__ import annotations

from functools import partial

import pytest

from calendar_build.i18n.dates import Dates
from calendar_build.pages.fitting import (
    CellBox,
    WeekdayBox,
    abbreviate,
    dots_width_mm,
    fitted_weekdays,
    weekday_width_mm,
)
from calendar_build.render import fonts
from calendar_build.render.theme import read_layers, read_theme
from calendar_build.products import PRODUCTS
from tests.conftest import REPO

STACK = read_theme(read_layers((REPO / "templates" / "theme.css").read_text(encoding="utf-8")),
                   PRODUCTS["poster-a2-landscape"]).font_stack


def box(width_mm: float, size_pt: float = 8.0, dot_pt: float = 0.0, dot_gap_mm: float = 0.0) -> WeekdayBox:
    """Return a weekday's room in the theme's text stack (with the size and gap of dots in its line)."""
    return WeekdayBox(width_mm, size_pt, partial(fonts.covering, files=fonts.stack_files(STACK)), dot_pt, dot_gap_mm)


# The turned A2 poster's room is 5.4 mm at 8 pt (13.5 mm head − 6.5 mm number − 2 × 0.8 mm, theme.css). Widest
# names measured with Pillow and the Noto fonts of Debian 12: "Mo" 4.3 mm, "Mon" 6.0, "Cum" 6.2, "Пн" 3.9,
# "الخميس" 9.5, "خميس" 7.9 (CLDR short), "چهارشنبه" 10.5, "۳ش" 5.1 (CLDR short).
TURNED_A2 = [
    ("de", "Mi"),  # the house heads fit: the German poster is unchanged
    ("en", "We"),  # CLDR short
    ("tr", "Ça"),
    ("uk", "Ср"),
    ("ar", "ر"),  # CLDR narrow: the short "أربعاء" is still too wide
    ("fa", "۴ش"),
]


@pytest.mark.parametrize(("code", "wednesday"), TURNED_A2)
def test_the_turned_posters_weekday_is_the_first_form_that_fits(code: str, wednesday: str) -> None:
    room = box(5.4)
    chosen = fitted_weekdays(Dates(code).weekday_forms, room)
    assert chosen[2] == wednesday
    assert max(weekday_width_mm(name, room) for name in chosen) <= 5.4


@pytest.mark.parametrize("code", ["de", "en", "tr", "uk", "ar", "fa"])
def test_without_a_limit_or_with_room_the_column_heads_stay(code: str) -> None:
    assert fitted_weekdays(Dates(code).weekday_forms, None) == Dates(code).weekdays_short
    assert fitted_weekdays(Dates(code).weekday_forms, box(40.0)) == Dates(code).weekdays_short


# The upright A2 poster: the weekday and the day's dots share one line as wide as the day's names (27.5 mm) less the
# number (6.5 mm) and the weekday's gaps (2 × 0.8 mm): 19.4 mm; dots 10 pt, 0.4 mm apart (theme.css). 13 April 2028,
# a Thursday, has three (Pesach, Maundy Thursday, Vaisakhi): with 'الخميس' its head was 28.95 mm in a 27.8 mm row.
UPRIGHT_A2 = [
    ("ar", "", "الخميس"),  # no day of the year with many dots: the column heads stay
    ("ar", "🅒🅙🅢", "خميس"),  # CLDR short
    ("fa", "", "پنجشنبه"),
    ("fa", "🅒🅙🅢", "۵ش"),  # CLDR short
    ("de", "🅒🅙🅢", "Do"),
    ("en", "🅒🅙🅢", "Thu"),
]


@pytest.mark.parametrize(("code", "dots", "thursday"), UPRIGHT_A2)
def test_the_upright_posters_weekday_leaves_room_for_the_days_dots(code: str, dots: str, thursday: str) -> None:
    room = box(19.4, 8.0, 10.0, 0.4)
    beside = [0.0] * 7
    beside[3] = dots_width_mm(tuple(dots), room)
    chosen = fitted_weekdays(Dates(code).weekday_forms, room, beside)
    assert chosen[3] == thursday
    assert weekday_width_mm(chosen[3], room) + beside[3] <= 19.4


def test_the_dots_are_measured_with_the_gaps_between_them() -> None:
    room = box(19.4, 8.0, 10.0, 0.4)
    one = dots_width_mm(("🅒",), room)
    assert 3.4 < one < 3.7  # a dot at 10 pt (Noto Sans Symbols): 1 em, 3.53 mm
    assert dots_width_mm(tuple("🅒🅙🅢"), room) == pytest.approx(3 * one + 2 * 0.4, abs=0.05)
    assert dots_width_mm(tuple("🅒🅙🅢"), box(19.4)) == 0.0  # dots on a line of their own (turned poster)


def test_where_nothing_fits_the_narrowest_form_is_set_and_left_to_the_fit_proof() -> None:
    assert fitted_weekdays(Dates("fa").weekday_forms, box(0.5)) == Dates("fa").weekday_forms[-1]


def test_arabic_script_is_measured_in_its_own_font() -> None:
    """Noto Sans has no Arabic letters: measured in it, 'چهارشنبه' would be eight empty boxes."""
    files = fonts.stack_files(STACK)
    assert fonts.covering("چهارشنبه", files) == files["Noto Sans Arabic"]
    assert fonts.covering("Mittwoch", files) == files["Noto Sans"]


# A day cell of the A4 wall calendar: (139 mm grid − 6.5 mm week column) / 7 − 1.5 mm padding, names at 7.1 pt
# (theme.css html.format-a4). Before, every name was measured in Noto Sans, the first font of the stack: it has no
# Arabic letters, and a row of its empty boxes is up to half as wide again as the name set in Noto Sans Arabic.
A4_CELL = (139.0 - 6.5) / 7 - 1.5
LABELS_IN_A4 = [
    ("الجمعة العظيمة", "الجمعة العظيمة"),  # Good Friday (ar): 15.4 mm; in Noto Sans 20.2 mm, printed 'الجمعة العظ.'
    ("پنجشنبهٔ مقدس", "پنجشنبهٔ مقدس"),  # Maundy Thursday (fa): 15.8 mm; was 'پنجشنبهٔ مق.' (print-a4, 2027)
    ("چهارشنبهٔ سرخ", "چهارشنبهٔ سرخ"),  # Çarşema Sor (fa): 14.5 mm; was 'چهارشنبهٔ.' (2029), read as 'Wednesday'
    ("Gründonnerstag", "Gründonnerst."),  # Latin in Noto Sans as before: too wide, shortened
]


@pytest.mark.parametrize(("label", "shown"), LABELS_IN_A4)
def test_a_name_is_measured_in_the_font_it_is_set_in(label: str, shown: str) -> None:
    font_for = partial(fonts.covering, files=fonts.stack_files(STACK))
    cell = CellBox(A4_CELL, 3, fonts.resolve_family(STACK[0]), 7.1, font_for)
    assert abbreviate(label, cell) == shown
