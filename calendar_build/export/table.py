"""The holiday table as plain records, and its JSON and CSV forms."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from calendar_build.calendars import hijri
from calendar_build.engine.occurrences import Occurrence, YearTable

FIELDS = (
    "id", "name", "short", "category", "category_label", "start", "end", "approximate", "eve",
    "public", "original", "transliteration", "greeting", "basis", "note", "description",
)  # fmt: skip


def basis_label(occurrence: Occurrence) -> str:
    """Return a German label of what the date rests on."""
    basis = occurrence.basis
    if basis in hijri.RECKONINGS:
        return hijri.RECKONINGS[basis]
    return {
        "override": "Von der Gemeinschaft bekanntgegeben",
        "month-start": "Folgt dem bekanntgegebenen Monatsbeginn",
        "table": "nach veröffentlichter Kalendertabelle",
        "computed": "Astronomisch berechnet",
        "dates": "Festgelegtes Datum",
    }.get(basis, "")


def record(occurrence: Occurrence, category_label: str) -> dict[str, Any]:
    """Return one occurrence as a flat record."""
    holiday = occurrence.entry.holiday
    return {
        "id": holiday.id,
        "name": holiday.name,
        "short": holiday.display_short,
        "category": occurrence.category,
        "category_label": category_label,
        "start": occurrence.start.isoformat(),
        "end": occurrence.end.isoformat(),
        "approximate": occurrence.approximate,
        "eve": holiday.eve,
        "public": occurrence.public,
        "original": holiday.original or "",
        "transliteration": holiday.transliteration or "",
        "greeting": holiday.greeting or "",
        "basis": occurrence.basis,
        "note": occurrence.note,
        "description": holiday.description.strip(),
    }


def records(table: YearTable, labels: dict[str, str]) -> list[dict[str, Any]]:
    """Return every occurrence of the table as records."""
    return [record(o, labels.get(o.category, o.category)) for o in table.occurrences]


def to_json(table: YearTable, labels: dict[str, str]) -> str:
    """Return the table as a JSON list of objects."""
    return json.dumps(records(table, labels), ensure_ascii=False, indent=2) + "\n"


def to_csv(table: YearTable, labels: dict[str, str]) -> str:
    """Return the table as CSV with a header row."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in records(table, labels):
        writer.writerow({k: str(v).lower() if isinstance(v, bool) else v for k, v in row.items()})
    return out.getvalue()
