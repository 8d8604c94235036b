"""A year-ahead outlook: the main movable feasts over the next few years, one row per feast.

    content + first year  ->  outlook  ->  OutlookRow per feast, one formatted cell per year

Cells hold the German date or range as printed in the calendar ('5. Apr.', '24. Dez. 2027–1. Jan.');
a feast that falls twice in a year (Hijri feasts) gets both, one that does not fall at all gets '–'.
Announced dates from content/overrides/<year>.yaml are used where they exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from calendar_build.content.loader import Content
from calendar_build.engine.occurrences import compute_year
from calendar_build.engine.years import SUPPORTED_YEARS
from calendar_build.i18n.dates import Dates

# The feasts people ask about when planning ahead; ids absent from a project's catalogue are skipped.
OUTLOOK_IDS = (
    "easter-sunday", "orthodox-easter", "ramadan-begin", "eid-al-fitr", "eid-al-adha", "pesach",
    "rosh-hashanah", "yom-kippur", "hanukkah", "diwali", "naw-ruz", "vesak",
)  # fmt: skip
NO_DATE = "–"


@dataclass(frozen=True)
class OutlookRow:
    """One feast over the outlook years."""

    id: str
    name: str
    short: str
    category: str
    years: tuple[int, ...]
    cells: tuple[str, ...]  # one formatted date or range per year
    approximate: tuple[bool, ...]  # per year: the date is an estimate


def outlook_years(first_year: int, years: int) -> tuple[int, ...]:
    """Return the consecutive years of the outlook that the holiday engine supports."""
    return tuple(y for y in range(first_year, first_year + years) if y in SUPPORTED_YEARS)


def outlook(content: Content, first_year: int, years: int = 5,
            ids: tuple[str, ...] = OUTLOOK_IDS, language: str = "de") -> tuple[OutlookRow, ...]:
    """Return the outlook rows for `years` consecutive years from `first_year`; raise ContentError on problems."""
    span = outlook_years(first_year, years)
    dates = Dates(language)
    entries = {e.holiday.id: e for e in content.catalogue.entries}
    chosen = [i for i in ids if i in entries]
    cells: dict[str, list[str]] = {i: [] for i in chosen}
    estimated: dict[str, list[bool]] = {i: [] for i in chosen}
    for year in span:
        table = compute_year(content, year, alternatives=False)
        for holiday_id in chosen:
            found = [o for o in table.occurrences if o.id == holiday_id and o.start.year == year]
            cells[holiday_id].append(dates.date_list((o.start, o.end) for o in found) or NO_DATE)
            estimated[holiday_id].append(any(o.approximate for o in found))
    return tuple(
        OutlookRow(
            id=holiday_id, name=entries[holiday_id].holiday.name, short=entries[holiday_id].holiday.display_short,
            category=entries[holiday_id].category, years=span, cells=tuple(cells[holiday_id]),
            approximate=tuple(estimated[holiday_id]),
        )
        for holiday_id in chosen
    )
