"""A snapshot of a year's computed holiday table, kept beside the output to show what changed since.

    YearTable             -> snapshot_of     -> Snapshot  -> JSON (output/YYYY/.holidays-YYYY.json)
    Snapshot (old, new)   -> compare         -> Changes (new, removed and moved ids)

Only `diff` writes the snapshot, after reporting: it owns its baseline (a build never moves it).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from calendar_build.engine.occurrences import YearTable
from calendar_build.output import atomic_write
from calendar_build.paths import read_regular

FORMAT = 1  # bump when the JSON layout changes; an older file then counts as unreadable

Span = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class SnapshotEntry:
    """The dates of one holiday in a snapshot."""

    id: str
    name: str
    spans: tuple[Span, ...]  # every occurrence in the table, sorted
    approximate: bool  # any of them an estimate


@dataclass(frozen=True)
class Snapshot:
    """The computed table of a year at one moment."""

    year: int
    recorded: dt.datetime  # when it was taken (UTC)
    entries: tuple[SnapshotEntry, ...]

    def by_id(self) -> dict[str, SnapshotEntry]:
        """Return the entries by holiday id."""
        return {e.id: e for e in self.entries}


@dataclass(frozen=True)
class Moved:
    """A holiday whose dates differ from the snapshot."""

    id: str
    name: str
    before: tuple[Span, ...]
    after: tuple[Span, ...]


@dataclass(frozen=True)
class Changes:
    """What differs between an earlier snapshot and now."""

    added: tuple[SnapshotEntry, ...]
    removed: tuple[SnapshotEntry, ...]
    moved: tuple[Moved, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.moved)


def snapshot_path(out_dir: Path, year: int) -> Path:
    """Return where the snapshot of `year` lives in an output folder."""
    return out_dir / f".holidays-{year}.json"


def snapshot_of(table: YearTable, recorded: dt.datetime) -> Snapshot:
    """Return the snapshot of a computed year table."""
    grouped: dict[str, list[tuple[Span, bool, str]]] = {}
    for o in table.occurrences:
        grouped.setdefault(o.id, []).append(((o.start, o.end), o.approximate, o.entry.holiday.name))
    entries = tuple(
        SnapshotEntry(holiday_id, found[0][2], tuple(sorted(s for s, _, _ in found)), any(a for _, a, _ in found))
        for holiday_id, found in sorted(grouped.items())
    )
    return Snapshot(table.year, recorded, entries)


def to_json(snapshot: Snapshot) -> str:
    """Return the snapshot as JSON (stable order, readable in a diff)."""
    data = {
        "format": FORMAT,
        "year": snapshot.year,
        "recorded": snapshot.recorded.isoformat(),
        "holidays": [
            {"id": e.id, "name": e.name, "approximate": e.approximate,
             "dates": [[s.isoformat(), t.isoformat()] for s, t in e.spans]}
            for e in snapshot.entries
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def from_json(text: str) -> Snapshot:
    """Parse a snapshot; raise ValueError when it is not one of ours."""
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError("unknown snapshot format")
        entries = tuple(
            SnapshotEntry(str(h["id"]), str(h["name"]),
                          tuple((dt.date.fromisoformat(s), dt.date.fromisoformat(t)) for s, t in h["dates"]),
                          bool(h["approximate"]))
            for h in data["holidays"]
        )
        return Snapshot(int(data["year"]), dt.datetime.fromisoformat(data["recorded"]), entries)
    except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a snapshot: {exc}") from exc


def read_snapshot(out_dir: Path, year: int) -> Snapshot | None:
    """Return the stored snapshot of `year`, or None when there is none or it cannot be read."""
    path = snapshot_path(out_dir, year)
    try:
        snapshot = from_json(read_regular(path, 50_000_000).decode("utf-8"))
    except (OSError, ValueError):
        return None
    return snapshot if snapshot.year == year else None


def write_snapshot(snapshot: Snapshot, out_dir: Path) -> Path:
    """Write a snapshot atomically and return its path."""
    path = snapshot_path(out_dir, snapshot.year)
    atomic_write(path, to_json(snapshot).encode("utf-8"))
    return path


def record_snapshot(table: YearTable, out_dir: Path, recorded: dt.datetime | None = None) -> Path:
    """Store the computed table of a year in `out_dir` (call after a successful build) and return the path."""
    when = recorded or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    return write_snapshot(snapshot_of(table, when), out_dir)


def compare(before: Snapshot, after: Snapshot) -> Changes:
    """Return the holidays added, removed and moved between two snapshots of a year."""
    old, new = before.by_id(), after.by_id()
    return Changes(
        added=tuple(e for i, e in new.items() if i not in old),
        removed=tuple(e for i, e in old.items() if i not in new),
        moved=tuple(Moved(i, e.name, old[i].spans, e.spans) for i, e in new.items()
                    if i in old and old[i].spans != e.spans),
    )
