"""Dates in the edition's language from CLDR (Babel): month and weekday names, days, ranges, long dates.

German keeps the house style of `pages/dates.py` ('24.–26. Dez.', '28. Dez. 2026–4. Jan.': tight dash,
end year left out); its names are CLDR's (a test compares them). Every other language uses CLDR's
own patterns and interval formats ('Dec 24 – 26', '24–26 груд.', '۲۴ تا ۲۶ دسامبر'), with the
language's digits (languages.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from babel.dates import format_date, format_interval, get_day_names, get_month_names

from calendar_build.i18n.languages import GERMAN, LANGUAGES, Language, digits
from calendar_build.pages import dates as german

# Where a range may wrap in a narrow column: after its dash, or before Persian 'تا' ("to").
_RANGE_BREAK = re.compile(r"(\s?[–—]\s?|\sتا\s)")


# CLDR's narrower weekday forms, tried in this order where the column heads do not fit (Unicode TR 35, part 4:
# "short" is meant for narrow columns, "narrow" is a single letter or two).
WEEKDAY_FALLBACKS: tuple[Literal["short", "narrow"], ...] = ("short", "narrow")


def title_case(word: str) -> str:
    """Return the word with a capital first letter (CLDR's Ukrainian stand-alone names are lower case)."""
    return word[:1].upper() + word[1:]


@dataclass(frozen=True)
class Dates:
    """The date formats of one language."""

    code: str = GERMAN

    @property
    def language(self) -> Language:
        """Return the language's row."""
        return LANGUAGES[self.code]

    @cached_property
    def months(self) -> tuple[str, ...]:
        """Return the month names as headings (January first)."""
        if self.code == GERMAN:
            return german.MONTHS
        names = get_month_names("wide", context="stand-alone", locale=self.code)
        return tuple(title_case(names[m]) for m in range(1, 13))

    @cached_property
    def weekdays_short(self) -> tuple[str, ...]:
        """Return the abbreviated weekday names as column heads (Monday first)."""
        if self.code == GERMAN:
            return german.WEEKDAYS_SHORT
        names = get_day_names("abbreviated", context="stand-alone", locale=self.code)
        return tuple(title_case(names[d]) for d in range(7))  # Babel: 0 = Monday

    @cached_property
    def weekday_forms(self) -> tuple[tuple[str, ...], ...]:
        """Return the forms a weekday head may take, in order of preference: the column heads, CLDR's short, narrow.

        A head too narrow for one form takes the next (pages/fitting.py `fitted_weekdays`): 'Wed', 'We', 'W';
        Persian 'چهارشنبه', '۴ش', 'چ'.
        """
        forms = [self.weekdays_short]
        for width in WEEKDAY_FALLBACKS:
            names = get_day_names(width, context="stand-alone", locale=self.language.locale)
            forms.append(tuple(title_case(names[d]) for d in range(7)))
        return tuple(dict.fromkeys(forms))

    @cached_property
    def weekdays(self) -> tuple[str, ...]:
        """Return the weekday names (Monday first)."""
        if self.code == GERMAN:
            return german.WEEKDAYS
        names = get_day_names("wide", context="format", locale=self.code)
        return tuple(names[d] for d in range(7))

    def number(self, value: object) -> str:
        """Return a number (day, week, year) in the language's digits."""
        return digits(value, self.code)

    def day_month(self, day: dt.date) -> str:
        """Return '6. Jan.', 'Jan 6', '6 Oca', '6 يناير'."""
        if self.code == GERMAN:
            return german.day_month(day)
        return self.number(format_date(day, self._skeleton("MMMd"), locale=self.code))

    def date_range(self, start: dt.date, end: dt.date) -> str:
        """Return a day or a range of days in the language's CLDR interval format."""
        if self.code == GERMAN:
            return german.date_range(start, end)
        if start == end:
            return self.day_month(start)
        skeleton = "MMMd" if start.year == end.year else "yMMMd"
        return self.number(format_interval(start, end, skeleton, locale=self.code))

    def column_range(self, start: dt.date, end: dt.date) -> str:
        """Return `date_range` for a narrow column: a range breaks at its dash, a date only before its year."""
        if self.code == GERMAN:
            return german.column_range(start, end)
        text = self.date_range(start, end)
        pieces = _RANGE_BREAK.split(text)
        glued = [p.replace(" ", "\u00a0") for p in pieces]
        return german.YEAR_BREAK.sub(" ", "".join(p + "\u200b" if _RANGE_BREAK.fullmatch(pieces[i]) else p
                                                for i, p in enumerate(glued)))

    def date_list(self, spans: Iterable[tuple[dt.date, dt.date]]) -> str:
        """Return days or ranges joined as the language lists them: '5. Jan., 25. Dez.', '5 يناير و25 ديسمبر'."""
        return self.language.list_separator.join(self.date_range(start, end) for start, end in spans)

    def date_range_with_year(self, start: dt.date, end: dt.date) -> str:
        """Return a day or a range of days with the year: '13.–20. Apr. 2025', 'Apr 13 – 20, 2025'."""
        if self.code == GERMAN:
            return f"{german.date_range(start, end)} {end.year}"
        if start == end:
            return self.number(format_date(start, self._skeleton("yMMMd"), locale=self.code))
        return self.number(format_interval(start, end, "yMMMd", locale=self.code))

    def weekday_date(self, day: dt.date) -> str:
        """Return a day with its weekday and year: 'Mi 21.04.2027', 'Wed, Apr 21, 2027', '21 Nis 2027 Çar'."""
        if self.code == GERMAN:
            return german.weekday_date(day)
        return self.number(format_date(day, self._skeleton("yMMMEd"), locale=self.code))

    def long_date(self, day: dt.date) -> str:
        """Return '20. November 2026', 'November 20, 2026', '20 Kasım 2026' …"""
        if self.code == GERMAN:
            return german.long_date(day)
        return self.number(format_date(day, "long", locale=self.code))

    def _skeleton(self, skeleton: str) -> str:
        return str(self.language.locale.datetime_skeletons[skeleton])
