"""The legal status of a feast as one sentence, made from the region's data in the edition's language.

The catalogue's descriptions say what a feast is; whether it is a legal holiday depends on the
edition's region and year, so no description states it. For every occurrence that is a legal holiday
of the region (profile.py: state-wide from the holidays package, or legal only in part of the state
where the profile lists it under `local_holidays`) the engine adds one sentence built from a frame of
the gettext catalogues, the region as the language names it (content/translations/<lang>/region.yaml
`region`) and, for a part of the state, the package's words for where it applies ('terms').
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from calendar_build.i18n.marker import N_
from calendar_build.region.profile import Region, local_holidays
from calendar_build.region.words import Wording

LEGAL = N_("Gesetzlicher Feiertag {region}.")
LEGAL_IN_PART = N_("Gesetzlicher Feiertag {region}, aber {where}.")


@dataclass(frozen=True)
class LegalStatus:
    """Where in the region an occurrence's day is a legal holiday."""

    where: str = ""  # '' for the whole region, else the package's German words ('nur im Stadtgebiet von Augsburg')


STATEWIDE = LegalStatus()


def listed_local(region: Region, local: Mapping[str, str], year: int) -> dict[dt.date, tuple[str, str]]:
    """Return day -> (German name, where) of the holidays legal in part of the state that the profile lists."""
    return {day: (name, holiday.where) for name, holiday in local_holidays(region, year).items() if name in local
            for day in holiday.dates}


def status_of(day: dt.date, legal: Mapping[dt.date, str], listed: Mapping[dt.date, tuple[str, str]]
              ) -> LegalStatus | None:
    """Return the legal status of a day: state-wide, in part of the state (as the profile lists it), or None."""
    if day in listed:
        return LegalStatus(listed[day][1])
    return STATEWIDE if day in legal else None


def sentence(status: LegalStatus, region: Region, wording: Wording) -> str:
    """Return 'Gesetzlicher Feiertag in Bayern.' in the wording's language, naming where only part of it."""
    in_region = wording.in_region(region)
    if status.where:
        return wording.text(LEGAL_IN_PART).format(region=in_region, where=wording.term(status.where))
    return wording.text(LEGAL).format(region=in_region)


def described(description: str, note: str) -> str:
    """Return the description with the legal sentence after it."""
    return f"{' '.join(description.split())} {note}".strip()


def with_sentences(texts: Mapping[str, str], statuses: Mapping[str, LegalStatus], region: Region,
                   wording: Wording) -> dict[str, str]:
    """Return holiday id -> description, with the legal sentence where the id has a status (bilingual German)."""
    return {key: described(text, sentence(statuses[key], region, wording)) if key in statuses else text
            for key, text in texts.items()}
