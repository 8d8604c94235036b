"""The region's sentences in the edition's language: the catalogue's frames and the region's own words.

The sentences of legend, poster and imprint (which days are red, which school holidays the band
shows, where the dates come from) are frames in the gettext catalogues ("Sonntage und gesetzliche
Feiertage %(region)s sind rot gedruckt."). What only the region knows – the state as the sentences
name it, the school holiday periods, holidays legal in part of the state, the editor's sources and
the note on leave from school – the editors translate like the holidays, in

    content/translations/<lang>/region.yaml   region: 'in Hesse'; terms: {German name: translation}

`needed` lists every word a year's pages print, with the German file and line it comes from, so that
`check` names a missing one as it names a missing holiday.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Literal

from babel.lists import format_list
from pydantic import Field

from calendar_build.content.schema import Strict
from calendar_build.i18n.catalogues import translations
from calendar_build.i18n.dates import Dates
from calendar_build.i18n.languages import GERMAN, digits
from calendar_build.pages.dates import long_day_month
from calendar_build.region.profile import REGION_CODES, Region

_TURN_OF_YEAR = re.compile(r"^(.*) (\d{4}/\d{2})$")  # 'Weihnachtsferien 2027/28'


class TranslatedExemption(Strict):
    """The note on leave from school for religious holidays (edition.yaml `school_exemption`)."""

    text: Annotated[str, Field(min_length=1, max_length=600)]
    source: Annotated[str, Field(min_length=1, max_length=300)]


class TranslatedRegion(Strict):
    """content/translations/<lang>/region.yaml"""

    code: Literal[REGION_CODES] | None = None  # type: ignore[valid-type]  # the state translated: the edition's
    region: Annotated[str, Field(min_length=1, max_length=80)]  # the state as the sentences name it: 'in Hesse'
    terms: dict[str, Annotated[str, Field(min_length=1, max_length=300)]] = {}  # German name -> translation
    exemption: TranslatedExemption | None = None  # the note on leave from school, if the edition has one


@dataclass(frozen=True)
class RegionWords:
    """A language's translation of the region's own words, and where it is written."""

    path: str  # content/translations/<lang>/region.yaml
    region: str
    terms: Mapping[str, str] = field(default_factory=dict)
    exemption: tuple[str, str] | None = None
    lines: Mapping[str, int] = field(default_factory=dict)  # line of each top-level key


@dataclass(frozen=True)
class Needed:
    """A word the pages print, and the German file and line it comes from."""

    german: str
    path: str
    line: int | None


@dataclass(frozen=True)
class Wording:
    """How the region's sentences are written in one language (German: the words as they are)."""

    language: str = GERMAN
    words: RegionWords | None = None

    def text(self, message: str) -> str:
        """Return a frame of the catalogue in the language."""
        return translations(self.language).gettext(message)

    def term(self, german: str) -> str:
        """Return a name of the region in the language (German where no translation is written)."""
        return self.words.terms.get(german, german) if self.words else german

    def in_region(self, region: Region) -> str:
        """Return the state as the sentences name it: 'in Bayern', 'in Bavaria' …"""
        return self.words.region if self.words else region.in_name

    def label(self, label: str) -> str:
        """Return a school holiday label: 'Weihnachtsferien 2027/28' -> 'Christmas holidays 2027/28'."""
        match = _TURN_OF_YEAR.match(label)
        if match is None:
            return self.term(label)
        return f"{self.term(match[1])} {digits(match[2], self.language)}"

    def join(self, names: Sequence[str]) -> str:
        """Return 'A, B und C' in the language (CLDR list patterns)."""
        return format_list(list(names), locale=self.language)

    def day(self, day: dt.date) -> str:
        """Return '15. August' in German, the language's day and month otherwise."""
        if self.language == GERMAN:
            return long_day_month(day)
        return Dates(self.language).day_month(day)


def missing(words: RegionWords | None, needed: Sequence[Needed]) -> list[Needed]:
    """Return the needed words the translation does not have."""
    if words is None:
        return list(needed)
    return [n for n in needed if n.german not in words.terms]
