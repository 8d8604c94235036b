"""Announced dates (content/overrides/<year>.yaml) guarded against slips, and Hijri months that follow them.

    computed occurrences + pins  ->  guard_pins    ->  the pins to apply (errors and warnings recorded)
    pins of Hijri feasts         ->  month_starts  ->  announced starts of Hijri months
    other feasts of such a month ->  follow_month  ->  moved with the announced month start

Guards: the same feast pinned more often than it occurs in the year is an error; a pin more than
`TYPO_DAYS` from the computed date is a warning ("Tippfehler?"); a pin that moves a legal
holiday is an error unless the entry says `deliberate: true`.

A Hijri month begins with the sighting of the new crescent, so a community announces the start of a
month (1 Ramadan, 1 Shawwal = Eid al-Fitr). Every other feast of that month keeps its day of the
month and moves with it: an announced Ramadan start moves the Night of Qadr (27 Ramadan).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from calendar_build.content import schema
from calendar_build.errors import Problems, count
from calendar_build.pages.dates import long_date

if TYPE_CHECKING:
    from calendar_build.content.loader import Entry, PinnedDate
    from calendar_build.engine.occurrences import Occurrence

TYPO_DAYS = 3  # moon sighting and regional practice differ by a day or two; more is likely a slip
FOLLOWS_MONTH = "month-start"  # basis of a feast moved with an announced Hijri month start
HIJRI_MONTHS = ("Muharram", "Safar", "Rabi' al-awwal", "Rabi' al-thani", "Dschumada al-ula", "Dschumada al-achira",
                "Radschab", "Scha'ban", "Ramadan", "Schawwal", "Dhu l-Qa'da", "Dhu l-Hiddscha")  # fmt: skip


@dataclass(frozen=True)
class MonthStart:
    """A Hijri month whose start a community announced: computed and announced first day."""

    month: int  # 1 Muharram … 12 Dhu l-Hijja
    computed: dt.date
    announced: dt.date
    source: str  # id of the pinned feast


def _nearest(pin: PinnedDate, computed: list[Occurrence]) -> Occurrence | None:
    return min(computed, key=lambda o: abs((o.start - pin.override.start).days), default=None)


def _days(number: int) -> str:
    return count(number, "Tag", "Tage")


def guard_pins(entry: Entry, computed: list[Occurrence], pins: list[PinnedDate], year: int,
               legal: dict[dt.date, str], legal_category: bool, problems: Problems) -> list[PinnedDate]:
    """Return the pins of one feast that may replace its computed dates; record every slip."""
    holiday_id = entry.holiday.id
    in_year = [o for o in computed if o.start.year == year]
    allowed = max(1, len(in_year))
    accepted: list[PinnedDate] = []
    for pin in pins:
        where = pin.where
        if len(accepted) >= allowed:
            first = accepted[0].where
            problems.error(where.path, where.line,
                           f"'{holiday_id}' ist für {year} schon eingetragen (Zeile {first.line}) – das Fest liegt "
                           f"{'einmal' if allowed == 1 else f'{allowed}-mal'} im Jahr. Bitte einen der Einträge "
                           f"entfernen.")
            continue
        accepted.append(pin)
        nearest = _nearest(pin, in_year)
        if nearest is None or pin.override.deliberate or nearest.start == pin.override.start:
            continue
        if legal_category and nearest.start in legal:
            problems.error(where.path, where.line,
                           f"'{holiday_id}' ist am {long_date(nearest.start)} gesetzlicher Feiertag "
                           f"({legal[nearest.start]}) – der Eintrag verlegt ihn auf den {long_date(pin.override.start)}. "
                           f"Ist das wirklich gewollt, bitte 'deliberate: true' ergänzen.")
            continue
        gap = (pin.override.start - nearest.start).days
        if abs(gap) > TYPO_DAYS:
            direction = "nach" if gap > 0 else "vor"
            problems.warning(where.path, where.line,
                             f"'{holiday_id}' am {long_date(pin.override.start)} liegt {_days(abs(gap))} {direction} "
                             f"dem berechneten Termin ({long_date(nearest.start)}) – Tippfehler? Bitte das "
                             f"bekanntgegebene Datum prüfen (gewollt: 'deliberate: true').")
    return accepted


def month_starts(entry: Entry, computed: list[Occurrence], pins: list[PinnedDate], year: int) -> list[MonthStart]:
    """Return the Hijri month starts that the pins of one Hijri feast announce."""
    rule = entry.holiday.rule
    if not isinstance(rule, schema.HijriRule):
        return []
    found = []
    for pin in pins:
        nearest = _nearest(pin, [o for o in computed if o.start.year == year])
        if nearest is not None:
            back = dt.timedelta(days=rule.day - 1)
            found.append(MonthStart(rule.month, nearest.start - back, pin.override.start - back, entry.holiday.id))
    return found


def follow_month(entry: Entry, computed: list[Occurrence], starts: list[MonthStart]) -> list[Occurrence]:
    """Return the occurrences of an unpinned Hijri feast, moved where its month's start was announced."""
    rule = entry.holiday.rule
    if not isinstance(rule, schema.HijriRule):
        return computed
    into = dt.timedelta(days=rule.day - 1)
    moved = []
    for occurrence in computed:
        start = next((s for s in starts if s.month == rule.month
                      and abs((occurrence.start - into - s.computed).days) <= 1), None)
        if start is None or start.announced + into == occurrence.start:
            moved.append(occurrence if start is None else replace(occurrence, approximate=False, basis=FOLLOWS_MONTH,
                                                                  note=_follow_note(start)))
            continue
        shift = start.announced + into - occurrence.start
        moved.append(replace(occurrence, start=occurrence.start + shift, end=occurrence.end + shift,
                             approximate=False, basis=FOLLOWS_MONTH, note=_follow_note(start)))
    return moved


def _follow_note(start: MonthStart) -> str:
    return (f"folgt dem bekanntgegebenen Beginn des Monats {HIJRI_MONTHS[start.month - 1]} am "
            f"{long_date(start.announced)} ('{start.source}')")
