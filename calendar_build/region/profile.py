"""Regions by ISO 3166-2 code and their legal holidays, taken from the holidays package (vacanza/holidays).

The package names its law sources per state in `holidays/countries/germany.py`, `austria.py` and
`switzerland.py`. Only the category `public` counts as legal here: Austria's `bank` days (Karfreitag,
Heiliger Abend, Silvester, the Länder patron days) are no legal holidays under the Feiertagsruhegesetz.
Holidays legal only in some municipalities (the package's `catholic` category, or a city subdivision
such as one with its own peace festival) count only where the profile's `local_holidays` says so.
State names come from the package's German subdivision aliases, so no region is spelled out in code.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import holidays


def _country(module: str, name: str) -> Any:
    """Return the package's class of one country, loading that country's module alone.

    `holidays.countries` imports all of its 250 countries when it is imported (0.09 s at the start of every
    command); its three countries read here are loaded from their files as the modules they are, under their
    own names, so a later import of the whole package finds and keeps them.
    """
    qualified = f"holidays.countries.{module}"
    if qualified not in sys.modules:
        spec = importlib.util.spec_from_file_location(qualified, Path(holidays.__file__).parent / "countries" / f"{module}.py")
        assert spec is not None and spec.loader is not None
        loaded = importlib.util.module_from_spec(spec)
        sys.modules[qualified] = loaded
        try:
            spec.loader.exec_module(loaded)
        except BaseException:
            del sys.modules[qualified]
            raise
    return getattr(sys.modules[qualified], name)


COUNTRIES: dict[str, Any] = {"DE": _country("germany", "Germany"), "AT": _country("austria", "Austria"),
                             "CH": _country("switzerland", "Switzerland")}  # untyped package classes
COUNTRY_NAMES = {"DE": "Deutschland", "AT": "Österreich", "CH": "der Schweiz"}
LOCAL_CATEGORIES = {"DE": ("catholic",), "AT": (), "CH": ()}  # legal only in some municipalities of a state
# The preposition a state name takes where it is not simply "in" (the Saarland; Swiss cantons).
PREPOSITIONS = {"DE-SL": "im"}
CANTON = {"CH": "im Kanton "}
WHERE_CATEGORY = {"catholic": "nur in Gemeinden mit überwiegend katholischer Bevölkerung"}
Applies = Literal["all", "some"]


def _state_code(country: str, subdiv: str) -> str:
    return f"{country}-{subdiv}"


def _aliases(country: str) -> dict[str, str]:
    """Return state code -> German name (the first alias the package lists; ISO codes have 1–2 characters)."""
    found: dict[str, str] = {}
    for name, code in COUNTRIES[country].subdivisions_aliases.items():
        if len(code) <= 2:
            found.setdefault(code, name)
    return found


REGION_CODES: tuple[str, ...] = tuple(
    _state_code(country, code)
    for country, cls in COUNTRIES.items()
    for code in cls.subdivisions
    if code in _aliases(country)  # states only; city subdivisions are local holidays of their state
)


@dataclass(frozen=True)
class Region:
    """A state (Land, Bundesland, canton) by its ISO 3166-2 code."""

    code: str

    @property
    def country(self) -> str:
        """Return the ISO 3166-1 country code."""
        return self.code.split("-", 1)[0]

    @property
    def subdiv(self) -> str:
        """Return the package's subdivision code."""
        return self.code.split("-", 1)[1]

    @property
    def name(self) -> str:
        """Return the German name of the state ('Bayern', 'Wien')."""
        return _aliases(self.country)[self.subdiv]

    @property
    def in_name(self) -> str:
        """Return 'in Bayern', 'im Saarland', 'im Kanton Zürich'."""
        if self.country in CANTON:
            return f"{CANTON[self.country]}{self.name}"
        return f"{PREPOSITIONS.get(self.code, 'in')} {self.name}"

    def cities(self) -> tuple[str, ...]:
        """Return the package's city subdivisions of this state (with holidays of their own)."""
        return tuple(city for city, state in _city_states(self.country).items() if state == self.subdiv)


@lru_cache(maxsize=8)
def _city_states(country: str) -> dict[str, str]:
    """Return city subdivision -> state: the state with the most holidays the city also has (ties: same school days)."""
    cls = COUNTRIES[country]
    states = _aliases(country)

    def days(subdiv: str, category: str = "public") -> set[tuple[dt.date, str]]:
        return set(cls(subdiv=subdiv, years=2028, categories=(category,)).items()) if category in \
            cls.supported_categories else set()

    found = {}
    for city in (s for s in cls.subdivisions if s not in states):
        own = days(city)
        inside_states = [s for s in states if days(s) <= own]
        inside_states.sort(key=lambda s: (len(days(s)), days(s, "school") == days(city, "school")), reverse=True)
        if inside_states:
            found[city] = inside_states[0]
    return found


@dataclass(frozen=True)
class LocalHoliday:
    """A holiday legal only in part of a state, as the profile may name it."""

    name: str  # the package's German name
    where: str  # 'nur in Gemeinden mit überwiegend katholischer Bevölkerung'
    dates: tuple[dt.date, ...]


@lru_cache(maxsize=64)
def _decade(code: str, subdiv: str, categories: tuple[str, ...], decade: int) -> tuple[tuple[dt.date, str], ...]:
    # One call for ten years costs about as much as one for a single year.
    cls = COUNTRIES[code]
    found = cls(subdiv=subdiv, years=range(decade, decade + 10), language="de", categories=categories)
    return tuple(sorted(found.items()))


def _holidays(country: str, subdiv: str, categories: tuple[str, ...], year: int) -> dict[dt.date, str]:
    return {day: name for day, name in _decade(country, subdiv, categories, year // 10 * 10) if day.year == year}


def public_holidays(region: Region, year: int) -> dict[dt.date, str]:
    """Return the state-wide legal holidays of `year` (category `public`), German names."""
    return _holidays(region.country, region.subdiv, ("public",), year)


def local_holidays(region: Region, year: int) -> dict[str, LocalHoliday]:
    """Return the holidays legal only in part of the state in `year`, by name."""
    statewide = public_holidays(region, year)
    found: dict[str, LocalHoliday] = {}
    for category in LOCAL_CATEGORIES[region.country]:
        for day, name in _holidays(region.country, region.subdiv, (category,), year).items():
            if day not in statewide:
                found[name] = LocalHoliday(name, WHERE_CATEGORY[category], (day,))
    for city in region.cities():
        for day, name in _holidays(region.country, city, ("public",), year).items():
            if day not in statewide and name not in found:
                found[name] = LocalHoliday(name, f"nur im Stadtgebiet von {city}", (day,))
    return found


def local_names(region: Region) -> tuple[str, ...]:
    """Return the names a profile may list under `local_holidays` for this region (any year 2020–2039)."""
    names: dict[str, None] = {}
    for year in (2025, 2030, 2035):
        names.update(dict.fromkeys(local_holidays(region, year)))
    return tuple(names)


def legal_holidays(region: Region, local: Mapping[str, str], year: int) -> dict[dt.date, str]:
    """Return the legal holidays of `year` for the edition: state-wide plus local ones the profile marks 'all'."""
    found = dict(public_holidays(region, year))
    for name, holiday in local_holidays(region, year).items():
        if local.get(name) == "all":
            found.update(dict.fromkeys(holiday.dates, name))
    return dict(sorted(found.items()))
