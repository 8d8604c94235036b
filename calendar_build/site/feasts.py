"""The feasts of an edition for the website: one page each, with its dates this year and in the next years.

    content + year table + tables of the next years  ->  FeastPage per feast of the edition's year
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping, Sequence

from calendar_build.engine import basis
from calendar_build.engine.occurrences import Occurrence, YearTable
from calendar_build.i18n.catalogues import translations
from calendar_build.i18n.dates import Dates
from calendar_build.i18n.languages import GERMAN
from calendar_build.i18n.marker import N_
from calendar_build.pages import dates
from calendar_build.pages.model import CategoryView
from calendar_build.site.model import AheadYear, FeastDate, FeastPage

AHEAD_YEARS = 5  # a feast page shows the next five years

# How a rule kind finds the date (the vocabulary of content/holidays/*.yaml; msgids of the catalogues).
RULE_BASIS = {
    "fixed": N_("Fester Tag im gregorianischen Kalender."),
    "easter": N_("Hängt vom westlichen Osterdatum ab (gregorianische Osterrechnung)."),
    "orthodox_easter": N_("Hängt vom orthodoxen Osterdatum ab (julianische Osterrechnung)."),
    "weekday": N_("Ein bestimmter Wochentag vor oder nach einem festen Datum."),
    "julian": N_("Fester Tag im julianischen Kalender, in den gregorianischen umgerechnet."),
    "hebrew": N_("Fester Tag im jüdischen Kalender (Mondsonnenkalender)."),
    "hijri": N_("Fester Tag im islamischen Mondkalender; das Datum richtet sich nach der Mondsichtung "
                "oder der gewählten Berechnung."),
    "chinese": N_("Neumond im chinesischen Mondkalender."),
    "persian": N_("Frühlingsanfang (Tagundnachtgleiche) im iranischen Sonnenkalender."),
    "bahai": N_("Badíʻ-Kalender: Frühlingsanfang in Teheran, bei den Zwillingsgeburtstagen der Neumond."),
    "indic": N_("Hinduistischer Mondkalender: Mondtag (Tithi) und Monat, auf Indien bezogen."),
    "dates": N_("Von der Gemeinschaft je Jahr festgelegte Daten."),
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


def long_range(start_iso: str, end_iso: str, language: str = GERMAN) -> str:
    """Return '11.–18. April 2027' style text for a span ('Apr 11 – 18, 2027' in English)."""
    start, end = dt.date.fromisoformat(start_iso), dt.date.fromisoformat(end_iso)
    if language != GERMAN:
        return Dates(language).date_range_with_year(start, end)
    if start == end:
        return dates.long_date(start)
    if start.year != end.year:
        return f"{dates.long_date(start)} – {dates.long_date(end)}"
    if start.month == end.month:
        return f"{start.day}.–{dates.long_date(end)}"
    return f"{dates.long_day_month(start)} – {dates.long_date(end)}"


def feast_date(occurrence: Occurrence, language: str = GERMAN) -> FeastDate:
    """Return one occurrence formatted for the feast's page."""
    start, end = occurrence.start.isoformat(), occurrence.end.isoformat()
    return FeastDate(long_range(start, end, language), start, end, occurrence.approximate,
                     basis.label(occurrence.basis, occurrence.note, language))


def _ahead(feast_id: str, tables: Sequence[YearTable], language: str) -> tuple[AheadYear, ...]:
    rows = []
    for table in tables:
        found = [o for o in table.occurrences if o.id == feast_id and o.start.year == table.year]
        when = Dates(language).date_list((o.start, o.end) for o in found) or "–"
        rows.append(AheadYear(table.year, when, any(o.approximate for o in found)))
    return tuple(rows)


def feast_path(feast_id: str) -> str:
    """Return the file name of a feast's page."""
    return f"fest-{feast_id}.html"


def feast_pages(table: YearTable, ahead: Sequence[YearTable],
                categories: Mapping[str, CategoryView], language: str = GERMAN) -> tuple[FeastPage, ...]:
    """Return a page for every feast of the year table, in calendar order, in `language`."""
    _ = translations(language).gettext
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
            eve=holiday.eve, public=any(o.public for o in found),
            rule=_(RULE_BASIS[holiday.rule.kind]) if holiday.rule.kind in RULE_BASIS else "",
            dates=tuple(feast_date(o, language) for o in found), ahead=_ahead(feast_id, ahead, language),
            months=tuple(months),
        ))
    return tuple(pages)
