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


CSV_YES_NO = {True: "ja", False: "nein"}


def to_csv(table: YearTable, labels: dict[str, str]) -> bytes:
    """Return the table as CSV for a German spreadsheet: UTF-8 with BOM, semicolons, CRLF, 'ja'/'nein'.

    Excel with German settings splits columns at ';' (',' is the decimal comma there) and reads a file
    as UTF-8 only when it begins with a byte-order mark; LibreOffice Calc reads it as well.
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for row in records(table, labels):
        writer.writerow({k: CSV_YES_NO[v] if isinstance(v, bool) else v for k, v in row.items()})
    return out.getvalue().encode("utf-8-sig")
