#!/usr/bin/env python3
"""Write the golden holiday tables tests/snapshots/holidays-YYYY.json (run `make snapshots`, review the diff).

Only what the engine decides is kept (dates, flags, basis, other traditions' dates); texts live in the content files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calendar_build.content.loader import load_content  # noqa: E402
from calendar_build.engine.occurrences import compute_year  # noqa: E402

YEARS = range(2026, 2031)
FIELDS = ("id", "start", "end", "approximate", "eve", "public", "basis", "alternatives")


def table_of(year: int) -> list[dict[str, object]]:
    """Return the snapshot rows of a year."""
    table = compute_year(load_content(ROOT), year)
    return [
        {"id": o.id, "start": o.start.isoformat(), "end": o.end.isoformat(), "approximate": o.approximate,
         "eve": o.entry.holiday.eve, "public": o.public, "basis": o.basis,
         "alternatives": [[a.start.isoformat(), a.basis] for a in o.alternatives]}
        for o in table.occurrences
    ]


def main() -> int:
    """Write one file per year."""
    for year in YEARS:
        path = ROOT / "tests" / "snapshots" / f"holidays-{year}.json"
        path.write_text(json.dumps(table_of(year), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"geschrieben: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
