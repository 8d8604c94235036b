"""The holiday table as plain records, and its JSON and CSV forms."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from calendar_build.engine import basis
from calendar_build.engine.occurrences import Alternative, Occurrence, YearTable

FIELDS = (
    "id", "name", "short", "category", "category_label", "start", "end", "approximate", "eve",
    "public", "original", "transliteration", "greeting", "basis", "basis_id", "alternatives", "note", "description",
)  # fmt: skip


def basis_label(occurrence: Occurrence) -> str:
    """Return a German label of what the date rests on (an announcement with its note)."""
    return basis.label(occurrence.basis, occurrence.note)


def alternative_record(alternative: Alternative) -> dict[str, str]:
    """Return another tradition's date of an occurrence as a record."""
    return {"start": alternative.start.isoformat(), "end": alternative.end.isoformat(),
            "basis": basis.label(alternative.basis), "basis_id": alternative.basis}


def alternatives_text(alternatives: list[dict[str, str]]) -> str:
    """Return the alternatives in one CSV cell: '2026-05-01 (Buddha Purnima …); …'."""
    return "; ".join(
        f"{a['start']}{'–' + a['end'] if a['end'] != a['start'] else ''} ({a['basis']})" for a in alternatives
    )


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
        "basis": basis_label(occurrence),
        "basis_id": occurrence.basis,
        "alternatives": [alternative_record(a) for a in occurrence.alternatives],
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
        row["alternatives"] = alternatives_text(row["alternatives"])
        writer.writerow({k: CSV_YES_NO[v] if isinstance(v, bool) else v for k, v in row.items()})
    return out.getvalue().encode("utf-8-sig")
