"""Catalogue entries for legal holidays the catalogue does not contain (Nationalfeiertag, Weltkindertag …).

A legal holiday of the region always appears in the holiday table as `public`; where no catalogue
entry of a legal-calendar category falls on its day, it gets an entry of its own with the package's
German name, so the JSON/CSV/ICS exports and the month list name every legal holiday.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from difflib import SequenceMatcher

from calendar_build.content.loader import Entry, Where
from calendar_build.content.schema import DatesRule, Holiday
from calendar_build.region.profile import Region, local_holidays
from calendar_build.region.status import LegalStatus, sentence
from calendar_build.region.words import Wording

# Words that make a legal holiday a Christian feast (its dot is then the Christian category's).
CHRISTIAN_WORDS = ("Mariä", "Heilig", "Fronleichnam", "Allerheiligen", "Stephan", "Christ", "Reformation",
                   "Buß", "Oster", "Pfingst", "Weihnacht", "Karfreitag", "Himmelfahrt", "Auffahrt", "Friedensfest",
                   "Bettag", "Josef", "Berchtold", "Peter", "Empfängnis")  # fmt: skip
_ID = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
WHERE = Where("content/edition.yaml", None)  # such an entry rests on the edition's region


def holiday_id(name: str) -> str:
    """Return a kebab-case id for a legal holiday: 'Mariä Himmelfahrt' -> 'legal-mariae-himmelfahrt'."""
    words = re.sub(r"[^a-z0-9]+", "-", name.casefold().translate(_ID)).strip("-")
    return f"legal-{words}"[:60].rstrip("-")


def category_for(name: str, legal_categories: tuple[str, ...]) -> str | None:
    """Return the category of a legal holiday without catalogue entry: Christian feasts to 'christian'."""
    wanted = "christian" if any(word in name for word in CHRISTIAN_WORDS) else "intercultural"
    if wanted in legal_categories:
        return wanted
    return legal_categories[0] if legal_categories else None


def unmatched(legal: dict[dt.date, str], covered: set[dt.date], legal_categories: tuple[str, ...],
              region: Region, year: int, wording: Wording = Wording(),
              where: Mapping[dt.date, str] | None = None) -> list[tuple[Entry, dt.date]]:
    """Return an entry and its day for every legal holiday no catalogue entry covers (`where`: legal in part only)."""
    found = []
    for day, name in sorted(legal.items()):
        category = category_for(name, legal_categories)
        if day in covered or category is None:
            continue
        holiday = Holiday(id=holiday_id(name), name=name[:80], rule=DatesRule(kind="dates", dates={year: day}),
                          description=sentence(LegalStatus((where or {}).get(day, "")), region, wording))
        found.append((Entry(holiday, category, WHERE), day))
    return found


def matches(legal: dict[dt.date, str], candidates: list[tuple[str, str, dt.date]]) -> set[tuple[str, dt.date]]:
    """Return (id, day) of the candidate (id, name, day) whose name is closest to each legal day's name."""
    best: dict[dt.date, tuple[float, str]] = {}
    for holiday_id_, name, day in candidates:
        score = SequenceMatcher(None, name.casefold(), legal[day].casefold()).ratio()
        if day not in best or score > best[day][0]:
            best[day] = (score, holiday_id_)
    return {(holiday_id_, day) for day, (_, holiday_id_) in best.items()}


def partial(local: Mapping[str, str], covered: set[dt.date], legal_categories: tuple[str, ...], region: Region,
            year: int, wording: Wording = Wording()) -> list[tuple[Entry, dt.date]]:
    """Return an entry for each holiday the profile marks legal in only some towns ('some'), not red."""
    found = []
    for name, holiday in local_holidays(region, year).items():
        category = category_for(name, legal_categories)
        if local.get(name) != "some" or category is None:
            continue
        for day in holiday.dates:
            if day not in covered:
                entry = Holiday(id=holiday_id(name), name=name[:80], rule=DatesRule(kind="dates", dates={year: day}),
                                description=sentence(LegalStatus(holiday.where), region, wording))
                found.append((Entry(entry, category, WHERE), day))
    return found
