"""Compute every occurrence of the catalogue in a Gregorian year, with overrides and legal status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from calendar_build.content.loader import Content, Entry, PinnedDate
from calendar_build.engine import overrides, sanity
from calendar_build.engine.rules import RuleError, Settings, hits
from calendar_build.engine.years import SUPPORTED_YEARS
from calendar_build.errors import Problems
from calendar_build.region import entries as legal_entries
from calendar_build.region.profile import Region, legal_holidays
from calendar_build.region.status import LegalStatus, described, listed_local, sentence, status_of
from calendar_build.region.words import Wording


@dataclass(frozen=True)
class Alternative:
    """The date another tradition or reckoning gives the same occurrence."""

    start: dt.date
    end: dt.date  # inclusive
    basis: str  # a key of engine.basis.LABELS


@dataclass(frozen=True)
class Occurrence:
    """One holiday on the calendar: what it is and when, as the later stages need it."""

    entry: Entry
    start: dt.date
    end: dt.date  # inclusive
    approximate: bool
    public: bool  # a legal holiday of the edition's region
    basis: str  # what the date rests on ("", "umm-al-qura", "table", "computed", "override" …)
    note: str = ""  # the override's note
    alternatives: tuple[Alternative, ...] = ()  # where traditions differ: their dates, with their basis
    legal: LegalStatus | None = None  # where in the region the day is a legal holiday (None: nowhere)

    @property
    def id(self) -> str:
        """Return the holiday id."""
        return self.entry.holiday.id

    @property
    def category(self) -> str:
        """Return the category id."""
        return self.entry.category

    def days(self) -> list[dt.date]:
        """Return every day of the span."""
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days + 1)]


@dataclass(frozen=True)
class YearTable:
    """All occurrences of one Gregorian year, sorted by start date."""

    year: int
    islamic_reckoning: str
    occurrences: tuple[Occurrence, ...]
    legal_holidays: dict[dt.date, str]  # legal holidays of the region in the year, German names


def _span(start: dt.date, duration: int) -> dt.date:
    return start + dt.timedelta(days=duration - 1)


def _touches(start: dt.date, end: dt.date, year: int) -> bool:
    return start.year <= year <= end.year


def _computed(entry: Entry, year: int, settings: Settings, problems: Problems) -> list[Occurrence]:
    holiday = entry.holiday
    try:
        found = hits(holiday.rule, year, settings)
    except RuleError as exc:
        problems.error(entry.where.path, entry.where.line, f"'{holiday.id}': {exc}.")
        return []
    sanity.check_hits(entry, found, settings, problems)
    if holiday.rule.kind == "dates" and year not in holiday.rule.dates and holiday.observed_in(year):
        problems.warning(entry.where.path, entry.where.line, f"'{holiday.id}': In 'dates' steht kein Datum für "
                         f"{year} (nur für {', '.join(str(y) for y in sorted(holiday.rule.dates))}) – der Feiertag "
                         f"fehlt in diesem Kalender.")
    result = []
    for hit in found:
        end = _span(hit.start, holiday.duration)
        if _touches(hit.start, end, year) and holiday.observed_in(hit.start.year):
            alternatives = tuple(Alternative(day, _span(day, holiday.duration), basis) for day, basis in hit.alternatives
                                 if settings.alternatives)
            # A fixed day marked approximate is a customary date the communities confirm each year.
            basis = "custom" if holiday.approximate and hit.basis == "gregorian" else hit.basis
            result.append(Occurrence(entry, hit.start, end, holiday.approximate or hit.approximate, False, basis,
                                     alternatives=alternatives))
    return result


def _pinned(entry: Entry, pins: list[PinnedDate]) -> list[Occurrence]:
    return [
        Occurrence(
            entry,
            pin.override.start,
            pin.override.end or _span(pin.override.start, entry.holiday.duration),
            False,  # an announced date is no longer an estimate
            False,
            "override",
            pin.override.note or "",
        )
        for pin in pins
    ]


def _with_status(occurrence: Occurrence, status: LegalStatus | None, public: bool, region: Region,
                 wording: Wording) -> Occurrence:
    """Return the occurrence marked with its legal status, the status's sentence after its description."""
    if status is None:
        return occurrence
    holiday = occurrence.entry.holiday
    text = described(holiday.description, sentence(status, region, wording))
    entry = replace(occurrence.entry, holiday=holiday.model_copy(update={"description": text}))
    return replace(occurrence, entry=entry, public=public, legal=status)


def compute_year(content: Content, year: int, problems: Problems | None = None, *,
                 alternatives: bool = True) -> YearTable:
    """Return every occurrence of the catalogue touching `year`; raise ContentError on problems.

    Without `alternatives` the other traditions' dates are left out (for tables that only need the dates).
    """
    own = problems is None
    problems = problems or Problems()
    settings = replace(Settings.of(content.edition), alternatives=alternatives)
    pins_by_id: dict[str, list[PinnedDate]] = {}
    for pin in content.overrides.get(year, ()):
        pins_by_id.setdefault(pin.override.id, []).append(pin)
    region = Region(content.edition.region)
    legal = legal_holidays(region, content.edition.local_holidays, year) if year in SUPPORTED_YEARS else {}
    legal_categories = {c.id for c in content.catalogue.categories if c.legal_calendar}
    occurrences: list[Occurrence] = []
    computed = {e.holiday.id: _computed(e, year, settings, problems) for e in content.catalogue.entries}
    accepted = {
        e.holiday.id: overrides.guard_pins(e, computed[e.holiday.id], pins_by_id[e.holiday.id], year, legal,
                                           e.category in legal_categories, problems)
        for e in content.catalogue.entries if e.holiday.id in pins_by_id
    }
    starts = [s for e in content.catalogue.entries if e.holiday.id in accepted
              for s in overrides.month_starts(e, computed[e.holiday.id], accepted[e.holiday.id], year)]
    for entry in content.catalogue.entries:
        found = computed[entry.holiday.id]
        if entry.holiday.id in accepted:
            # Pins replace what was computed to start in this year; spans carried over stay.
            found = [o for o in found if o.start.year != year] + _pinned(entry, accepted[entry.holiday.id])
        elif starts:
            found = overrides.follow_month(entry, found, starts)
        occurrences.extend(found)
    # Entries for other regions (Tag der Deutschen Einheit in Wien) are computed for the checks, not shown.
    elsewhere = [o for o in occurrences if not o.entry.holiday.shown_in(region.code)]
    occurrences = [o for o in occurrences if o.entry.holiday.shown_in(region.code)]
    # Each legal day marks one entry public: the legal-calendar entry on that day whose name fits best; a
    # day the profile lists as legal only in some towns ('some') marks its entry the same way, not public.
    listed = listed_local(region, content.edition.local_holidays, year)
    in_some = {day: name for day, (name, _) in listed.items() if day not in legal}
    candidates = [(o.id, o.entry.holiday.name, o.start) for o in occurrences if o.category in legal_categories]
    chosen = legal_entries.matches(legal, [c for c in candidates if c[2] in legal])
    chosen_some = legal_entries.matches(in_some, [c for c in candidates if c[2] in in_some])
    wording = Wording(content.language, content.region_words)
    occurrences = [_with_status(o, status_of(o.start, legal, listed), (o.id, o.start) in chosen, region, wording)
                   if (o.id, o.start) in chosen | chosen_some else o for o in occurrences]
    covered = {day for _, day in chosen}
    ordered = tuple(c.id for c in content.catalogue.categories if c.legal_calendar)
    for entry, day in legal_entries.unmatched(legal, covered, ordered, region, year, wording,
                                                  {day: where for day, (_, where) in listed.items()}):
        occurrences.append(Occurrence(entry, day, day, False, True, "dates", legal=status_of(day, legal, listed)))
    for entry, day in legal_entries.partial(content.edition.local_holidays, {o.start for o in occurrences if
                                            o.category in legal_categories}, ordered, region, year, wording):
        occurrences.append(Occurrence(entry, day, day, False, False, "dates",  # legal only in some towns
                                      legal=status_of(day, legal, listed)))
    sanity.check_year(content, year, occurrences + elsewhere, problems)
    if own:
        problems.raise_if_errors()
    occurrences.sort(key=lambda o: (o.start, o.end, o.category, o.id))
    return YearTable(year, settings.islamic_reckoning, tuple(occurrences), legal)
