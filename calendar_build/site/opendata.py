"""The edition's holidays as open data: `holidays-YYYY.json`, described by `holidays.schema.json`.

The records build on export/table.py (the `holidays --format json` table); the document around them
names the edition, its publisher and licence (content/edition.yaml `data_license`), so that the data
can be reused with attribution.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from calendar_build.content.loader import Content
from calendar_build.engine.occurrences import Occurrence, YearTable
from calendar_build.export.table import basis_label
from calendar_build.site.feasts import original_lang

SCHEMA = Path(__file__).with_name("holidays.schema.json")
SCHEMA_NAME = "holidays.schema.json"
LICENSE_URLS = {
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/deed.de",
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/deed.de",
    "CC0 1.0": "https://creativecommons.org/publicdomain/zero/1.0/deed.de",
}


def data_name(year: int) -> str:
    """Return the file name of a year's open data."""
    return f"holidays-{year}.json"


def _alternative(alternative: object) -> dict[str, Any]:
    """Return another possible date of an occurrence (another reckoning, another community) as a record."""
    start, end = getattr(alternative, "start", None), getattr(alternative, "end", None)
    return {
        "start": start.isoformat() if start else str(alternative),
        "end": (end or start).isoformat() if start else str(alternative),
        "basis": str(getattr(alternative, "basis", "") or ""),
        "note": str(getattr(alternative, "note", "") or getattr(alternative, "label", "") or ""),
    }


def holiday_record(occurrence: Occurrence, category_label: str) -> dict[str, Any]:
    """Return one occurrence as an open-data record (see holidays.schema.json)."""
    holiday = occurrence.entry.holiday
    names = {"de": holiday.name}
    if holiday.original:
        names[original_lang(occurrence.category, holiday.original) or "und"] = holiday.original
    return {
        "id": holiday.id,
        "names": names,
        "transliteration": holiday.transliteration or "",
        "category": occurrence.category,
        "category_label": category_label,
        "start": occurrence.start.isoformat(),
        "end": occurrence.end.isoformat(),
        "eve": holiday.eve,
        "approximate": occurrence.approximate,
        "public": occurrence.public,
        "basis": occurrence.basis,
        "basis_label": basis_label(occurrence),
        "alternatives": [_alternative(a) for a in getattr(occurrence, "alternatives", ()) or ()],
        "greeting": holiday.greeting or "",
        "description": " ".join(holiday.description.split()),
    }


def open_data(content: Content, table: YearTable) -> dict[str, Any]:
    """Return the open-data document of an edition's year."""
    edition = content.edition
    labels = {c.id: c.label for c in content.catalogue.categories}
    return {
        "$schema": SCHEMA_NAME,
        "title": f"{edition.title} {table.year}",
        "year": table.year,
        "publisher": edition.publisher,
        "license": edition.data_license,
        "license_url": LICENSE_URLS[edition.data_license],
        "attribution": f"{edition.publisher}: {edition.title} {table.year}" if edition.publisher
                       else f"{edition.title} {table.year}",
        "islamic_reckoning": table.islamic_reckoning,
        "categories": [{"id": c.id, "label": c.label, "letter": c.letter, "colour": c.rgb}
                       for c in content.catalogue.categories],
        "holidays": [holiday_record(o, labels.get(o.category, o.category)) for o in table.occurrences],
    }


def to_json(document: dict[str, Any]) -> str:
    """Return the document as pretty JSON (UTF-8 text, stable key order)."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
