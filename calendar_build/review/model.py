"""Typed contexts of the review pages: every text already worded and formatted, templates only print."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MoveRow:
    """How one holiday's date moved from the previous year."""

    name: str
    before: str  # '13.–20. Apr. 2025'
    after: str  # '2.–9. Apr. 2026'
    shift: str  # '11 Tage früher', 'gleiches Datum', '' when not comparable
    estimate: bool  # this year's date is an estimate
    announced: bool  # this year's date comes from the overrides file


@dataclass(frozen=True)
class MoveGroup:
    """The rows of one category."""

    label: str
    rgb: str
    rows: tuple[MoveRow, ...]


@dataclass(frozen=True)
class EstimateRow:
    """A date of this year that is an estimate, and what it rests on."""

    name: str
    when: str
    basis: str


@dataclass(frozen=True)
class ContestedRow:
    """A date of the year that another tradition or reckoning puts elsewhere: ask the community."""

    category: str  # category label
    name: str
    when: str  # the date the edition prints
    basis: str  # what it rests on
    alternatives: tuple[str, ...]  # '1. Mai 2026 (Buddha Purnima, indische Tabelle …)'


@dataclass(frozen=True)
class OverrideRow:
    """A date pinned in content/overrides/<year>.yaml."""

    name: str
    id: str
    when: str  # the announced date
    computed: str  # what the rule would give, or '' when it gives the same
    note: str
    where: str  # 'content/overrides/2027.yaml:3'


@dataclass(frozen=True)
class ChangeRow:
    """A difference to the earlier snapshot."""

    kind: str  # 'neu', 'entfernt', 'verschoben'
    name: str
    before: str
    after: str


@dataclass(frozen=True)
class SheetLink:
    """A review sheet written for one category."""

    label: str
    href: str  # relative to the report
    count: int


@dataclass(frozen=True)
class Report:
    """The whole review report of a year."""

    year: int
    previous_year: int
    title: str
    computed_on: str  # '20. November 2026'
    moves: tuple[MoveGroup, ...]
    unchanged: tuple[str, ...]  # names of holidays on the same date as last year
    estimates: tuple[EstimateRow, ...]
    contested: tuple[ContestedRow, ...]  # dates whose traditions differ, to ask the communities before printing
    overrides: tuple[OverrideRow, ...]
    overrides_file: str  # 'content/overrides/2027.yaml'
    snapshot_note: str  # 'Änderungen seit dem Stand vom …' or 'Noch kein früherer Stand …'
    changes: tuple[ChangeRow, ...]
    sheets: tuple[SheetLink, ...]


@dataclass(frozen=True)
class SheetItem:
    """One holiday on a community's review sheet."""

    name: str
    original: str
    transliteration: str
    when: tuple[str, ...]  # every date or range in the year, weekday and year spelled out
    eve: tuple[str, ...]  # per date 'Mittwoch, 21. April 2027, abends' when it begins the evening before
    estimate: str  # estimate or announcement note, or ''
    basis: tuple[str, ...]  # per date what it rests on
    alternatives: tuple[str, ...]  # other traditions' dates that differ, with their basis
    description: str
    greeting: str


@dataclass(frozen=True)
class Sheet:
    """The review sheet of one category."""

    year: int
    title: str  # edition title
    category_id: str
    label: str
    letter: str
    rgb: str
    publisher: str
    computed_on: str
    items: tuple[SheetItem, ...]
    language: str = "de"  # the sheet's language (the report stays German)
    direction: str = "ltr"
