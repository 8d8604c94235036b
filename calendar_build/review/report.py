"""The review report of a year: dates against last year, estimates, overrides, changes since the last build.

    tables of this and last year + snapshots  ->  build_report  ->  Report  ->  report_text / HTML template
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from calendar_build.content.loader import Content
from calendar_build.engine.occurrences import Occurrence, YearTable
from calendar_build.errors import count
from calendar_build.pages import dates
from calendar_build.review import formats
from calendar_build.review.model import (
    ChangeRow,
    ContestedRow,
    EstimateRow,
    MoveGroup,
    MoveRow,
    OverrideRow,
    Report,
    SheetLink,
)
from calendar_build.review.snapshot import Snapshot, Span, compare


def starting_in(table: YearTable | None, year: int) -> dict[str, list[Occurrence]]:
    """Return the occurrences that start in `year`, by holiday id (spans carried in from before are skipped)."""
    found: dict[str, list[Occurrence]] = defaultdict(list)
    for occurrence in table.occurrences if table else ():
        if occurrence.start.year == year:
            found[occurrence.id].append(occurrence)
    return found


def _move_row(name: str, before: list[Occurrence], after: list[Occurrence], previous_known: bool) -> MoveRow:
    comparable = len(before) == 1 and len(after) == 1
    return MoveRow(
        name=name,
        before=formats.spans_with_year(before) if previous_known else "–",
        after=formats.spans_with_year(after),
        shift=formats.shift(before[0].start, after[0].start) if comparable else "",
        estimate=any(o.approximate for o in after),
        announced=any(o.basis == "override" for o in after),
    )


def _moves(content: Content, table: YearTable,
           previous: YearTable | None) -> tuple[tuple[MoveGroup, ...], tuple[str, ...]]:
    now, before = starting_in(table, table.year), starting_in(previous, table.year - 1)
    groups, unchanged = [], []
    for category in content.catalogue.categories:
        rows = []
        for entry in (e for e in content.catalogue.entries if e.category == category.id):
            holiday_id = entry.holiday.id
            if holiday_id not in now and holiday_id not in before:
                continue
            row = _move_row(entry.holiday.name, before.get(holiday_id, []), now.get(holiday_id, []),
                            previous is not None)
            rows.append(row)
            if row.shift == "gleiches Datum":
                unchanged.append(row.name)
        if rows:
            groups.append(MoveGroup(category.label, category.rgb, tuple(rows)))
    return tuple(groups), tuple(unchanged)


def _estimates(table: YearTable) -> tuple[EstimateRow, ...]:
    return tuple(
        EstimateRow(o.entry.holiday.name, formats.span_with_year(o.start, o.end), formats.basis_text(o))
        for o in table.occurrences if o.approximate and o.start.year == table.year
    )


def _contested(content: Content, table: YearTable) -> tuple[ContestedRow, ...]:
    labels = {c.id: c.label for c in content.catalogue.categories}
    order = {c.id: i for i, c in enumerate(content.catalogue.categories)}
    found = [o for o in table.occurrences if o.start.year == table.year and formats.alternatives_text(o)]
    found.sort(key=lambda o: (order.get(o.category, len(order)), o.start))
    return tuple(
        ContestedRow(labels.get(o.category, o.category), o.entry.holiday.name, formats.span_with_year(o.start, o.end),
                     formats.basis_text(o), formats.alternatives_text(o))
        for o in found
    )


def _overrides(content: Content, table: YearTable, unpinned: YearTable) -> tuple[OverrideRow, ...]:
    computed = starting_in(unpinned, table.year)
    names = {e.holiday.id: e.holiday.name for e in content.catalogue.entries}
    rows = []
    for occurrence in (o for o in table.occurrences if o.basis == "override"):
        announced = formats.span_with_year(occurrence.start, occurrence.end)
        rule = formats.spans_with_year(computed.get(occurrence.id, []))
        pin = next(p for p in content.overrides.get(table.year, ())
                   if p.override.id == occurrence.id and p.override.start == occurrence.start)
        rows.append(OverrideRow(names[occurrence.id], occurrence.id, announced, "" if rule == announced else rule,
                                occurrence.note, f"{pin.where.path}:{pin.where.line}"))
    return tuple(rows)


def _spans(spans: tuple[Span, ...]) -> str:
    return ", ".join(formats.span_with_year(s, e) for s, e in spans) or formats.NO_DATE


def _changes(earlier: Snapshot | None, now: Snapshot) -> tuple[str, tuple[ChangeRow, ...]]:
    if earlier is None:
        return (f"Noch kein früherer Stand für {now.year} – dieser Bericht legt ihn an; "
                f"beim nächsten Mal stehen hier die Änderungen."), ()
    changes = compare(earlier, now)
    since = f"seit dem Stand vom {formats.local_time(earlier.recorded)}"
    rows = ([ChangeRow("neu", e.name, "", _spans(e.spans)) for e in changes.added]
            + [ChangeRow("entfernt", e.name, _spans(e.spans), "") for e in changes.removed]
            + [ChangeRow("verschoben", m.name, _spans(m.before), _spans(m.after)) for m in changes.moved])
    if not rows:
        return f"Keine Änderungen {since}.", ()
    return f"{len(rows)} Änderung{'en' if len(rows) != 1 else ''} {since}:", tuple(rows)


def build_report(content: Content, table: YearTable, previous: YearTable | None, unpinned: YearTable,
                 earlier: Snapshot | None, now: Snapshot, sheets: tuple[SheetLink, ...],
                 computed_on: dt.date) -> Report:
    """Return the report model; `unpinned` is the year computed without overrides."""
    moves, unchanged = _moves(content, table, previous)
    note, changes = _changes(earlier, now)
    return Report(
        year=table.year, previous_year=table.year - 1, title=formats.edition_title(content.edition),
        computed_on=dates.long_date(computed_on), moves=moves, unchanged=unchanged,
        estimates=_estimates(table), contested=_contested(content, table), overrides=_overrides(content, table, unpinned),
        overrides_file=f"content/overrides/{table.year}.yaml", snapshot_note=note, changes=changes, sheets=sheets,
    )


def report_text(report: Report) -> str:
    """Return the report as plain German text for the terminal (same facts as the HTML page)."""
    out = [f"Prüfbericht {report.year} – {report.title}", ""]
    out.append(f"1. Termine {report.year} im Vergleich zu {report.previous_year}")
    for group in report.moves:
        moved = [r for r in group.rows if r.shift != "gleiches Datum"]
        if moved:
            out.append(f"  {group.label}:")
        for row in moved:
            flags = "".join((" (Schätzung)" if row.estimate else "", " (bekanntgegeben)" if row.announced else ""))
            shift = f" – {row.shift}" if row.shift else ""
            out.append(f"    {row.name}: {row.before} → {row.after}{shift}{flags}")
    if report.unchanged:
        out.append(f"  Gleiches Datum wie {report.previous_year}: {', '.join(report.unchanged)}.")
    out += ["", f"2. Geschätzte Termine {report.year} (können um einen Tag abweichen)"]
    out += [f"    {r.name}: {r.when} – {r.basis}" for r in report.estimates] or ["    keine"]
    out += ["", f"3. Bekanntgegebene Termine ({report.overrides_file})"]
    for pinned in report.overrides:
        computed = f" (berechnet wäre: {pinned.computed})" if pinned.computed else ""
        note = f" – {pinned.note}" if pinned.note else ""
        out.append(f"    {pinned.name}: {pinned.when}{computed}{note}  [{pinned.where}]")
    if not report.overrides:
        out.append(f"    keine – alle Termine sind berechnet. Bekanntgegebene Termine in "
                   f"{report.overrides_file} eintragen.")
    out += ["", "4. Änderungen seit dem letzten Stand", f"    {report.snapshot_note}"]
    for change in report.changes:
        what = {"neu": change.after, "entfernt": change.before}.get(change.kind, f"{change.before} → {change.after}")
        out.append(f"    {change.kind}: {change.name}: {what}")
    out += ["", "5. Prüfbögen für die Gemeinden"]
    out += [f"    {s.label}: {s.href} ({count(s.count, 'Eintrag', 'Einträge')})" for s in report.sheets] or ["    keine"]
    out += ["", f"6. Abweichende Überlieferungen {report.year} – vor dem Druck mit den Gemeinden klären"]
    for contested in report.contested:
        out.append(f"    {contested.category}: {contested.name}: {contested.when} – {contested.basis}")
        out += [f"        anders: {alternative}" for alternative in contested.alternatives]
    if not report.contested:
        out.append("    keine")
    return "\n".join(out) + "\n"
