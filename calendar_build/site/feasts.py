"""The feasts of an edition for the website: one page each, with its dates this year and in the next years.

    content + year table + tables of the next years  ->  FeastPage per feast of the edition's year
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping, Sequence

from calendar_build.engine.occurrences import Occurrence, YearTable
from calendar_build.export.table import basis_label
from calendar_build.pages import dates
from calendar_build.pages.model import CategoryView
from calendar_build.site.model import AheadYear, FeastDate, FeastPage

AHEAD_YEARS = 5  # a feast page shows the next five years

# How a rule kind finds the date, in German (the vocabulary of content/holidays/*.yaml).
RULE_BASIS = {
    "fixed": "Fester Tag im gregorianischen Kalender.",
    "easter": "Hängt vom westlichen Osterdatum ab (gregorianische Osterrechnung).",
    "orthodox_easter": "Hängt vom orthodoxen Osterdatum ab (julianische Osterrechnung).",
    "weekday": "Ein bestimmter Wochentag vor oder nach einem festen Datum.",
    "julian": "Fester Tag im julianischen Kalender, in den gregorianischen umgerechnet.",
    "hebrew": "Fester Tag im jüdischen Kalender (Mondsonnenkalender).",
    "hijri": "Fester Tag im islamischen Mondkalender; das Datum richtet sich nach der Mondsichtung "
             "oder der gewählten Berechnung.",
    "chinese": "Neumond im chinesischen Mondkalender.",
    "persian": "Frühlingsanfang (Tagundnachtgleiche) im iranischen Sonnenkalender.",
    "bahai": "Badíʻ-Kalender: Frühlingsanfang in Teheran, bei den Zwillingsgeburtstagen der Neumond.",
    "indic": "Hinduistischer Mondkalender: Mondtag (Tithi) und Monat, auf Indien bezogen.",
    "dates": "Von der Gemeinschaft je Jahr festgelegte Daten.",
}  # fmt: skip

# The language of an original name, by category and writing system; where one script serves several
# languages the category decides (Arabic script: Arabic for Muslim feasts, Persian for Bahá'í and Nouruz).
LANGUAGE_BY_SCRIPT = {
    ("islamic", "ARABIC"): "ar", ("bahai", "ARABIC"): "fa", ("intercultural", "ARABIC"): "fa",
    ("jewish", "HEBREW"): "he", ("sikh", "GURMUKHI"): "pa", ("hindu", "DEVANAGARI"): "hi",
    ("buddhist", "CJK"): "zh", ("intercultural", "CJK"): "zh", ("buddhist", "LATIN"): "pi",
    ("orthodox", "GREEK"): "el", ("orthodox", "CYRILLIC"): "ru", ("yazidi", "LATIN"): "ku",
    ("alevi", "LATIN"): "tr",
}  # fmt: skip


def script_of(text: str) -> str:
    """Return the Unicode script name of the first letter of `text` ("CJK" for Han), "" if none."""
    for char in text:
        if char.isalpha():
            return unicodedata.name(char, "").split(" ")[0]
    return ""


def original_lang(category: str, original: str) -> str:
    """Return the BCP 47 language tag of an original name, "" where the table does not know it."""
    return LANGUAGE_BY_SCRIPT.get((category, script_of(original)), "") if original else ""


def long_range(start_iso: str, end_iso: str) -> str:
    """Return '11.–18. April 2027' style text for a span."""
    start, end = dt.date.fromisoformat(start_iso), dt.date.fromisoformat(end_iso)
    if start == end:
        return dates.long_date(start)
    if start.year != end.year:
        return f"{dates.long_date(start)} – {dates.long_date(end)}"
    if start.month == end.month:
        return f"{start.day}.–{dates.long_date(end)}"
    return f"{start.day}. {dates.MONTHS[start.month - 1]} – {dates.long_date(end)}"


def feast_date(occurrence: Occurrence) -> FeastDate:
    """Return one occurrence formatted for the feast's page."""
    start, end = occurrence.start.isoformat(), occurrence.end.isoformat()
    return FeastDate(long_range(start, end), start, end, occurrence.approximate, basis_label(occurrence))


def _ahead(feast_id: str, tables: Sequence[YearTable]) -> tuple[AheadYear, ...]:
    rows = []
    for table in tables:
        found = [o for o in table.occurrences if o.id == feast_id and o.start.year == table.year]
        when = ", ".join(dates.date_range(o.start, o.end) for o in found) or "–"
        rows.append(AheadYear(table.year, when, any(o.approximate for o in found)))
    return tuple(rows)


def feast_path(feast_id: str) -> str:
    """Return the file name of a feast's page."""
    return f"fest-{feast_id}.html"


def feast_pages(table: YearTable, ahead: Sequence[YearTable],
                categories: Mapping[str, CategoryView]) -> tuple[FeastPage, ...]:
    """Return a page for every feast of the year table, in calendar order."""
    by_id: dict[str, list[Occurrence]] = {}
    for occurrence in table.occurrences:
        by_id.setdefault(occurrence.id, []).append(occurrence)
    pages = []
    for feast_id, found in by_id.items():
        holiday, category = found[0].entry.holiday, found[0].category
        months = sorted({d.month for o in found for d in o.days() if d.year == table.year})
        pages.append(FeastPage(
            id=feast_id, path=feast_path(feast_id), name=holiday.name, original=holiday.original or "",
            original_lang=original_lang(category, holiday.original or ""),
            transliteration=holiday.transliteration or "", category=categories[category],
            description=" ".join(holiday.description.split()), greeting=holiday.greeting or "",
            eve=holiday.eve, public=any(o.public for o in found), rule=RULE_BASIS.get(holiday.rule.kind, ""),
            dates=tuple(feast_date(o) for o in found), ahead=_ahead(feast_id, ahead), months=tuple(months),
        ))
    return tuple(pages)
