"""The planning check: which planned dates fall on a feast of the edition.

    planned dates (ICS/CSV)  +  year table  ->  Clash per (planned day, feast)  ->  German report

A day clashes with a feast when it lies within the feast ("am Fest"), or on the evening before a
feast that begins then ("am Vorabend"), or – for a date that may still move by a day – on the day
just before or after ("möglich"). The planning form on the site (planen.js) applies the same rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from calendar_build.content.encoding import EncodingProblem, decode_text
from calendar_build.engine.occurrences import Occurrence, YearTable
from calendar_build.errors import ContentError, Problem, Problems, count
from calendar_build.pages import dates
from calendar_build.site.planned import READERS, Planned
from calendar_build.site.planning_texts import FACTS, FORM, RELATIONS, clash_count


@dataclass(frozen=True)
class Clash:
    """A planned day on (or at) a feast."""

    planned: Planned
    occurrence: Occurrence
    relation: str  # a key of RELATIONS


def relation(day: dt.date, occurrence: Occurrence) -> str | None:
    """Return how a day meets a feast (a key of RELATIONS), None if it does not."""
    eve = occurrence.entry.holiday.eve
    if occurrence.start <= day <= occurrence.end:
        return "fest"
    if eve and day == occurrence.start - dt.timedelta(days=1):
        return "vorabend"
    first = occurrence.start - dt.timedelta(days=2 if eve else 1)
    if occurrence.approximate and day in (first, occurrence.end + dt.timedelta(days=1)):
        return "moeglich"
    return None


def find_clashes(planned: list[Planned], table: YearTable) -> list[Clash]:
    """Return every clash of the planned days with the year's feasts, by day and feast order."""
    clashes = []
    for item in sorted(planned, key=lambda p: (p.day, p.line)):
        for occurrence in table.occurrences:
            found = relation(item.day, occurrence)
            if found is not None:
                clashes.append(Clash(item, occurrence, found))
    return clashes


def read_planned(path: Path, shown: str) -> tuple[list[Planned], list[Problem]]:
    """Return the planned dates of an ICS or CSV file and its warnings; raise ContentError for bad input."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ContentError([Problem(shown, None, "Unbekanntes Dateiformat – erwartet eine .ics- oder .csv-Datei.")])
    try:
        text = decode_text(path.read_bytes())
    except OSError:
        raise ContentError([Problem(shown, None, "Datei fehlt oder kann nicht gelesen werden.")]) from None
    except EncodingProblem as exc:
        raise ContentError([Problem(shown, exc.line, exc.message)]) from None
    problems = Problems()
    planned = reader(text, shown, problems)
    problems.raise_if_errors()
    return planned, problems.items


def clash_line(clash: Clash, labels: dict[str, str]) -> str:
    """Return one clash as a German line."""
    o, day = clash.occurrence, clash.planned.day
    facts = [RELATIONS[clash.relation]]
    if o.entry.holiday.eve:
        facts.append(FACTS["eve"])
    facts.append(FACTS["approximate"] if o.approximate else FACTS["fixed"])
    if o.public:
        facts.append(FACTS["public"])
    return (f"{dates.weekday_date(day)} {clash.planned.title}: {o.entry.holiday.name} "
            f"({labels.get(o.category, o.category)}, {dates.date_range(o.start, o.end)}) – {', '.join(facts)}")


def report(planned: list[Planned], clashes: list[Clash], table: YearTable, labels: dict[str, str],
           source: str) -> str:
    """Return the German report of a planning check."""
    days = {(p.day, p.title) for p in planned}
    hit = {(c.planned.day, c.planned.title) for c in clashes}
    outside = sorted({p.day for p in planned if p.day.year != table.year})
    lines = [FORM["summary"] % {"source": source, "year": table.year, "hit": len(hit), "days": len(days),
                                "clashes": clash_count(len(clashes))}]
    lines += [clash_line(c, labels) for c in clashes]
    if outside:
        lines.append(f"Hinweis: {count(len(outside), 'Tag liegt', 'Tage liegen')} außerhalb von {table.year} und "
                     f"{'wurde' if len(outside) == 1 else 'wurden'} nur gegen die Feste geprüft, die {table.year} "
                     f"berühren.")
    return "\n".join(lines) + "\n"
