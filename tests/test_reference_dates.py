"""Every non-fixed holiday checked against independent published dates (tests/reference_dates.py
names the source of each table: Hebcal, Diyanet, the Bahá'í World Centre, Hong Kong Observatory,
Drik Panchang …)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from calendar_build.content.loader import Content, load_content
from calendar_build.engine.occurrences import YearTable, compute_year
from tests.conftest import REPO
from tests.reference_dates import REFERENCES


@cache
def content() -> Content:
    return load_content(REPO)


@cache
def table(year: int) -> YearTable:
    return compute_year(content(), year)


CASES = [
    (holiday_id, year, expected)
    for holiday_id, reference in sorted(REFERENCES.items())
    for year, expected in sorted(reference.dates.items())
]


@pytest.mark.parametrize(("holiday_id", "year", "expected"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_matches_published_date(holiday_id: str, year: int, expected: str | tuple[str, ...]) -> None:
    reference = REFERENCES[holiday_id]
    wanted = [dt.date.fromisoformat(d) for d in ((expected,) if isinstance(expected, str) else expected)]
    computed = sorted(o.start for o in table(year).occurrences if o.id == holiday_id and o.start.year == year)
    assert len(computed) == len(wanted), (computed, wanted, reference.source)
    for got, want in zip(computed, wanted):
        assert abs((got - want).days) <= reference.tolerance_days, (got, want, reference.source)


def test_every_movable_holiday_has_three_reference_years() -> None:
    movable = [e.holiday.id for e in content().catalogue.entries if e.holiday.rule.kind not in ("fixed", "julian", "orthodox_fixed")]
    thin = {i: len(REFERENCES[i].dates) if i in REFERENCES else 0 for i in movable}
    assert {i: n for i, n in thin.items() if n < 3} == {}


DIYANET_YEARS = range(2021, 2027)  # the years the Diyanet tables in reference_dates.py cover


def _diyanet_cases() -> list[tuple[str, int, str]]:
    return [(holiday_id, year, expected)
            for holiday_id, reference in sorted(REFERENCES.items()) if reference.source.startswith("Diyanet")
            for year, expected in sorted(reference.dates.items()) if year in DIYANET_YEARS]


def test_diyanet_reckoning_gives_the_published_diyanet_dates(project: Path) -> None:
    """With islamic_reckoning: diyanet every Diyanet date of 2021–2026 is met to the day (not within one)."""
    edition = project / "content" / "edition.yaml"
    edition.write_text(edition.read_text(encoding="utf-8").replace(
        "islamic_reckoning: umm-al-qura", "islamic_reckoning: diyanet"), encoding="utf-8")
    diyanet = load_content(project)
    cases = _diyanet_cases()
    assert len(cases) >= 40
    missed = []
    for holiday_id, year, expected in cases:
        computed = [o.start for o in compute_year(diyanet, year).occurrences if o.id == holiday_id and o.start.year == year]
        if computed != [dt.date.fromisoformat(expected)]:
            missed.append((holiday_id, year, expected, computed))
    assert missed == []
    # and the test tells the reckonings apart: Umm al-Qura misses some of them by a day
    assert any([o.start for o in table(year).occurrences if o.id == holiday_id and o.start.year == year]
               != [dt.date.fromisoformat(expected)] for holiday_id, year, expected in cases)
