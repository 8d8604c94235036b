"""Review sheets for community representatives: one per category with that religion's dates and texts.

    content + year table  ->  build_sheets  ->  Sheet per category  ->  templates/review/pruefbogen.html.j2
"""

from __future__ import annotations

import datetime as dt

from calendar_build.content.loader import Content
from calendar_build.engine.occurrences import Occurrence, YearTable
from calendar_build.i18n.catalogues import translations
from calendar_build.i18n.dates import Dates
from calendar_build.i18n.languages import GERMAN, LANGUAGES
from calendar_build.i18n.marker import N_
from calendar_build.review import formats
from calendar_build.review.model import Sheet, SheetItem


def sheet_name(year: int, category_id: str, language: str = GERMAN) -> str:
    """Return the file name of a category's review sheet ('-tr' for a sheet in Turkish)."""
    return f"pruefbogen-{year}-{category_id}{LANGUAGES[language].file_suffix}.html"


def in_year(table: YearTable) -> list[Occurrence]:
    """Return the occurrences printed for the year: starting or ending in it (as on the explanation pages)."""
    return [o for o in table.occurrences if table.year in (o.start.year, o.end.year)]


EVENING = N_("{date}, abends")


def _item(occurrences: list[Occurrence], language: str) -> SheetItem:
    holiday = occurrences[0].entry.holiday
    evening = translations(language).gettext(EVENING)
    eves = [evening.format(date=formats.weekday_date(o.start - dt.timedelta(days=1), language))
            for o in occurrences if holiday.eve]
    notes = dict.fromkeys(formats.estimate_note(o, language) for o in occurrences)
    return SheetItem(
        name=holiday.name,
        original=holiday.original or "",
        transliteration=holiday.transliteration or "",
        when=tuple(formats.long_span(o.start, o.end, language) for o in occurrences),
        eve=tuple(eves),
        estimate=" ".join(n for n in notes if n),
        basis=tuple(dict.fromkeys(formats.basis_text(o, language) for o in occurrences)),
        alternatives=tuple(dict.fromkeys(a for o in occurrences for a in formats.alternatives_text(o, language))),
        description=" ".join(holiday.description.split()),
        greeting=holiday.greeting or "",
    )


def build_sheets(content: Content, table: YearTable, computed_on: dt.date,
                 language: str = GERMAN) -> tuple[Sheet, ...]:
    """Return one review sheet per category that has dates in the year, in legend order, in `language`.

    `content` and `table` are the edition's in that language (i18n/content.py `localize`).
    """
    by_id: dict[str, list[Occurrence]] = {}
    for occurrence in in_year(table):
        by_id.setdefault(occurrence.id, []).append(occurrence)
    sheets = []
    for category in content.catalogue.categories:
        items = tuple(_item(found, language) for found in by_id.values() if found[0].category == category.id)
        if items:
            sheets.append(Sheet(
                year=table.year, title=formats.edition_title(content.edition), category_id=category.id,
                label=category.label, letter=category.letter, rgb=category.rgb, publisher=content.edition.publisher,
                computed_on=Dates(language).long_date(computed_on), items=items, language=language,
                direction=LANGUAGES[language].direction,
            ))
    return tuple(sheets)
