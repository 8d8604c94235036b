"""Announced dates are guarded (doubled, far off, a legal holiday moved) and Hijri months follow them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from calendar_build.content.loader import load_content
from calendar_build.engine.occurrences import YearTable, compute_year
from calendar_build.errors import ContentError, Problems

YEAR = 2028


def table_with(project: Path, overrides: str) -> tuple[YearTable | None, list[str]]:
    """Return the 2028 table computed with an overrides file (None on errors) and every rendered problem."""
    folder = project / "content" / "overrides"
    folder.mkdir(exist_ok=True)
    (folder / f"{YEAR}.yaml").write_text("overrides:\n" + overrides, encoding="utf-8")
    problems = Problems()
    content = load_content(project)
    try:
        table = compute_year(content, YEAR, problems)
    except ContentError:
        table = None
    if problems.errors:
        table = None
    return table, [p.render() for p in problems.items]


def start_of(table: YearTable, holiday_id: str) -> list[dt.date]:
    """Return the starts in the year of one feast."""
    return [o.start for o in table.occurrences if o.id == holiday_id and o.start.year == YEAR]


# Computed 2028 dates (Umm al-Qura, the sample's reckoning): 1 Ramadan 1449 = 28 Jan, 27 Ramadan = 23 Feb,
# 1 Shawwal = 26 Feb, 10 Dhu l-Hijja = 5 May (Umm al-Qura calendar tables, as in tests/snapshots/holidays-2028.json).
GUARDS = [
    ("doubled",
     "  - id: eid-al-fitr\n    start: 2028-02-26\n  - id: eid-al-fitr\n    start: 2028-02-27\n",
     "content/overrides/2028.yaml:4: Fehler: 'eid-al-fitr' ist für 2028 schon eingetragen (Zeile 2) – das Fest "
     "liegt einmal im Jahr. Bitte einen der Einträge entfernen."),
    ("typo-far-off",  # 02 typed for 05
     "  - id: eid-al-adha\n    start: 2028-02-05\n",
     "content/overrides/2028.yaml:2: Warnung: 'eid-al-adha' am 5. Februar 2028 liegt 90 Tage vor dem berechneten "
     "Termin (5. Mai 2028) – Tippfehler? Bitte das bekanntgegebene Datum prüfen (gewollt: 'deliberate: true')."),
    ("legal-holiday-moved",
     "  - id: christmas-day\n    start: 2028-12-27\n",
     "content/overrides/2028.yaml:2: Fehler: 'christmas-day' ist am 25. Dezember 2028 gesetzlicher Feiertag "
     "(Erster Weihnachtstag) – der Eintrag verlegt ihn auf den 27. Dezember 2028. Ist das wirklich gewollt, "
     "bitte 'deliberate: true' ergänzen."),
]  # fmt: skip


@pytest.mark.parametrize(("case", "overrides", "message"), GUARDS, ids=[g[0] for g in GUARDS])
def test_guard(project: Path, case: str, overrides: str, message: str) -> None:
    _, problems = table_with(project, overrides)
    assert problems == [message]


@pytest.mark.parametrize("overrides", [
    "  - id: eid-al-fitr\n    start: 2028-02-27\n",  # a day later than computed: no word
    "  - id: christmas-day\n    start: 2028-12-27\n    deliberate: true\n",  # moved on purpose
    "  - id: eid-al-adha\n    start: 2028-02-05\n    deliberate: true\n",
])  # fmt: skip
def test_plausible_or_deliberate_pins_pass_silently(project: Path, overrides: str) -> None:
    table, problems = table_with(project, overrides)
    assert problems == [] and table is not None


def test_ramadan_start_moves_the_night_of_qadr(project: Path) -> None:
    table, problems = table_with(project, "  - id: ramadan-begin\n    start: 2028-01-29\n")
    assert problems == [] and table is not None
    assert start_of(table, "laylat-al-qadr") == [dt.date(2028, 2, 24)]  # 27 Ramadan = 1 Ramadan + 26 days
    qadr = next(o for o in table.occurrences if o.id == "laylat-al-qadr")
    assert (qadr.approximate, qadr.basis) == (False, "month-start")
    assert "Ramadan am 29. Januar 2028 ('ramadan-begin')" in qadr.note
    assert start_of(table, "eid-al-fitr") == [dt.date(2028, 2, 26)]  # another month: unchanged


def test_shawwal_start_moves_the_feasts_of_shawwal_only(project: Path) -> None:
    table, _ = table_with(project, "  - id: eid-al-fitr\n    start: 2028-02-27\n")
    assert table is not None
    eid = next(o for o in table.occurrences if o.id == "eid-al-fitr")
    assert (eid.start, eid.end) == (dt.date(2028, 2, 27), dt.date(2028, 2, 29))
    assert start_of(table, "laylat-al-qadr") == [dt.date(2028, 2, 23)]  # Ramadan keeps its computed start


def test_a_pinned_feast_of_the_month_is_not_moved_again(project: Path) -> None:
    table, _ = table_with(project, "  - id: ramadan-begin\n    start: 2028-01-29\n"
                                   "  - id: laylat-al-qadr\n    start: 2028-02-23\n")
    assert table is not None
    assert start_of(table, "laylat-al-qadr") == [dt.date(2028, 2, 23)]
