"""The `holidays` package's private tables, read only through `calendars/holidays_tables.py`, fail loudly here
when a release moves a class, changes a signature or a known date. Dates: tests/reference_dates.py, each with
its published source (Hong Kong Observatory / Hong Kong public holidays, Drik Panchang and Government of
India lists, Singapore Ministry of Manpower, Hebcal, the Iranian official calendar)."""

from __future__ import annotations

import datetime as dt
import inspect
import re
import tomllib
from importlib import import_module
from importlib.metadata import version
from pathlib import Path

import pytest

from calendar_build.calendars import holidays_tables, indic
from tests.reference_dates import REFERENCES

ROOT = Path(__file__).resolve().parents[2]


def _minor(text: str) -> tuple[int, int]:
    major, minor = text.split(".")[:2]
    return int(major), int(minor)


def test_installed_release_is_a_tested_one() -> None:
    low, high = (_minor(v) for v in holidays_tables.TESTED_VERSIONS)
    assert low <= _minor(version("holidays")) < high, "holidays: run these tests, then widen TESTED_VERSIONS"


def test_pyproject_pins_the_tested_releases() -> None:
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    (pin,) = [d for d in dependencies if re.match(r"holidays\b", d)]
    low, high = holidays_tables.TESTED_VERSIONS
    assert pin.replace(" ", "") == f"holidays>={low},<{high}"


# (module, class, method, parameters, return annotation) as the adapter calls them.
SIGNATURES = [
    ("holidays.calendars.chinese", "_ChineseLunisolar", "lunar_new_year_date", ["self", "year", "calendar"],
     "tuple[date | None, bool]"),
    ("holidays.calendars.persian", "_Persian", "new_year_date", ["self", "year"], "date | None"),
    ("holidays.calendars.hindu", "_HinduLunisolar", "__init__", None, None),
    ("holidays.calendars.buddhist", "_BuddhistLunisolar", "__init__", None, None),
    ("holidays.calendars.hebrew", "_HebrewLunisolar", "__init__", None, None),
]


@pytest.mark.parametrize(("module", "cls", "method", "parameters", "returns"), SIGNATURES, ids=[s[1] for s in SIGNATURES])
def test_private_classes_keep_their_signatures(
    module: str, cls: str, method: str, parameters: list[str] | None, returns: str | None
) -> None:
    found = getattr(import_module(module), cls)
    signature = inspect.signature(getattr(found, method))
    if parameters is not None:
        assert list(signature.parameters) == parameters
    if returns is not None:
        assert re.sub(r"datetime\.", "", str(signature.return_annotation)) == returns


TABLES = sorted({f.table for f in indic.FESTIVALS.values()} | {"VAISAKHI", "VESAK", "PASSOVER", "ROSH_HASHANAH"})


@pytest.mark.parametrize("name", TABLES)
def test_tables_exist_with_years_to_month_day(name: str) -> None:
    table = holidays_tables.table(name)
    assert len(table) >= 30, f"holidays: table {name}_DATES vanished or shrank"
    for year, entry in table.items():
        assert isinstance(year, int) and dt.date(year, *entry)


# (reference id, the package's table, years whose dates the adapter must return as published).
PUBLISHED = [
    ("chinese-new-year", "CHINESE", range(2024, 2034)),
    ("maha-shivaratri", "MAHA_SHIVARATRI", range(2023, 2027)),
    ("holi", "HOLI", range(2023, 2027)),
    ("dussehra", "DUSSEHRA", range(2023, 2027)),
    ("diwali", "DIWALI_INDIA", range(2021, 2036)),
    ("vaisakhi", "VAISAKHI", range(2023, 2027)),
    ("vesak", "VESAK", range(2021, 2027)),
    ("pesach", "PASSOVER", range(2024, 2029)),
    ("rosh-hashanah", "ROSH_HASHANAH", range(2024, 2029)),
    ("nowruz", "PERSIAN", range(2024, 2028)),
]


def _lookup(table: str, year: int) -> dt.date | None:
    if table == "CHINESE":
        return holidays_tables.chinese_new_year(year)
    if table == "PERSIAN":
        return holidays_tables.persian_new_year(year)
    return holidays_tables.festival_date(table, year)


@pytest.mark.parametrize(("reference", "table", "years"), PUBLISHED, ids=[p[0] for p in PUBLISHED])
def test_known_dates_from_published_sources(reference: str, table: str, years: range) -> None:
    published = REFERENCES[reference]
    checked = 0
    for year, iso in published.dates.items():
        if year in years and isinstance(iso, str):
            found = _lookup(table, year)
            assert found is not None, (reference, year)
            assert abs((found - dt.date.fromisoformat(iso)).days) <= published.tolerance_days, (reference, year, found, iso)
            checked += 1
    assert checked >= 3, f"fewer than three published {reference} dates checked"
