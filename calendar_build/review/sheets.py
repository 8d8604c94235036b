"""Review sheets for community representatives: one per category with that religion's dates and texts.

    content + year table  ->  build_sheets  ->  Sheet per category  ->  templates/review/pruefbogen.html.j2
"""

from __future__ import annotations

import datetime as dt

from calendar_build.content.loader import Content
from calendar_build.engine.occurrences import Occurrence, YearTable
from calendar_build.pages import dates
from calendar_build.review import formats
from calendar_build.review.model import Sheet, SheetItem


def sheet_name(year: int, category_id: str) -> str:
    """Return the file name of a category's review sheet."""
    return f"pruefbogen-{year}-{category_id}.html"


def in_year(table: YearTable) -> list[Occurrence]:
    """Return the occurrences printed for the year: starting or ending in it (as on the explanation pages)."""
    return [o for o in table.occurrences if table.year in (o.start.year, o.end.year)]


def _item(occurrences: list[Occurrence]) -> SheetItem:
    holiday = occurrences[0].entry.holiday
    eves = [f"{formats.weekday_date(o.start - dt.timedelta(days=1))}, abends" for o in occurrences if holiday.eve]
    notes = dict.fromkeys(formats.estimate_note(o) for o in occurrences)
    return SheetItem(
        name=holiday.name,
        original=holiday.original or "",
        transliteration=holiday.transliteration or "",
        when=tuple(formats.long_span(o.start, o.end) for o in occurrences),
        eve=tuple(eves),
        estimate=" ".join(n for n in notes if n),
        basis=tuple(dict.fromkeys(formats.basis_text(o) for o in occurrences)),
        alternatives=tuple(dict.fromkeys(a for o in occurrences for a in formats.alternatives_text(o))),
        description=" ".join(holiday.description.split()),
        greeting=holiday.greeting or "",
    )


def build_sheets(content: Content, table: YearTable, computed_on: dt.date) -> tuple[Sheet, ...]:
    """Return one review sheet per category that has dates in the year, in legend order."""
    by_id: dict[str, list[Occurrence]] = {}
    for occurrence in in_year(table):
        by_id.setdefault(occurrence.id, []).append(occurrence)
    sheets = []
    for category in content.catalogue.categories:
        items = tuple(_item(found) for found in by_id.values() if found[0].category == category.id)
        if items:
            sheets.append(Sheet(
                year=table.year, title=formats.edition_title(content.edition), category_id=category.id,
                label=category.label, letter=category.letter, rgb=category.rgb, publisher=content.edition.publisher,
                computed_on=dates.long_date(computed_on), items=items,
            ))
    return tuple(sheets)
