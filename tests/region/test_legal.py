"""Every German state and Austrian Land: `holidays --format json` marks exactly its legal holidays public.

Expected tables written from the laws themselves (the same sources the holidays package cites):
- Germany, nationwide: Neujahr, Karfreitag, Ostermontag, 1. Mai, Christi Himmelfahrt, Pfingstmontag,
  Tag der Deutschen Einheit (Einigungsvertrag Art. 2 Abs. 2), 1. und 2. Weihnachtstag.
- State additions from each state's Feiertagsgesetz: Heilige Drei Könige (BW, BY, ST), Fronleichnam
  (BW, BY, HE, NW, RP, SL), Allerheiligen (BW, BY, NW, RP, SL), Mariä Himmelfahrt (SL; in Bavaria only in
  Catholic municipalities), Reformationstag (BB, HB, HH, MV, NI, SN, ST, SH, TH; HB/HH/NI/SH since 2018),
  Buß- und Bettag (SN), Frauentag (BE since 2019, MV since 2023), Weltkindertag 20.9. (TH since 2019),
  Ostersonntag and Pfingstsonntag (BB, Feiertagsgesetz Brandenburg), 17.6.2028 once in Berlin
  (75th anniversary of the 1953 uprising; Berliner Feiertagsgesetz, as cited by the holidays package).
- Austria, every Land: the 13 days of § 7 Abs. 2 Arbeitsruhegesetz (Neujahr, Heilige Drei Könige,
  Ostermontag, Staatsfeiertag, Christi Himmelfahrt, Pfingstmontag, Fronleichnam, Mariä Himmelfahrt,
  Nationalfeiertag, Allerheiligen, Mariä Empfängnis, Christtag, Stephanstag). Karfreitag, Heiliger Abend,
  Silvester and the Länder patron days are no legal holidays (the package's `bank` category).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from calendar_build.calendars.holidays_tables import TESTED_VERSIONS
from calendar_build.calendars.easter import western_easter
from calendar_build.cli import main
from calendar_build.content.loader import Content, load_content
from calendar_build.engine.occurrences import compute_year
from calendar_build.export.table import to_json
from tests.conftest import REPO

YEARS = (2027, 2028, 2029, 2030)


def _repentance(year: int) -> dt.date:
    day = dt.date(year, 11, 22)  # the Wednesday before 23 November
    return day - dt.timedelta(days=(day.weekday() - 2) % 7)


FIXED = {"new-year": (1, 1), "epiphany": (1, 6), "labour": (5, 1), "assumption": (8, 15), "unity": (10, 3),
         "childrens": (9, 20), "reformation": (10, 31), "all-saints": (11, 1), "womens": (3, 8),
         "national": (10, 26), "immaculate": (12, 8), "christmas": (12, 25), "stephen": (12, 26)}
EASTER = {"good-friday": -2, "easter-sunday": 0, "easter-monday": 1, "ascension": 39, "whit-sunday": 49,
          "whit-monday": 50, "corpus-christi": 60}


def day_of(key: str, year: int) -> dt.date:
    """Return the date of a holiday key in `year`."""
    if key in FIXED:
        return dt.date(year, *FIXED[key])
    if key in EASTER:
        return western_easter(year) + dt.timedelta(days=EASTER[key])
    assert key == "repentance"
    return _repentance(year)


GERMANY = ("new-year", "good-friday", "easter-monday", "labour", "ascension", "whit-monday", "unity", "christmas",
           "stephen")
STATES: dict[str, tuple[str, ...]] = {
    "DE-BW": ("epiphany", "corpus-christi", "all-saints"),
    "DE-BY": ("epiphany", "corpus-christi", "all-saints"),
    "DE-BE": ("womens",),
    "DE-BB": ("easter-sunday", "whit-sunday", "reformation"),
    "DE-HB": ("reformation",),
    "DE-HH": ("reformation",),
    "DE-HE": ("corpus-christi",),
    "DE-MV": ("womens", "reformation"),
    "DE-NI": ("reformation",),
    "DE-NW": ("corpus-christi", "all-saints"),
    "DE-RP": ("corpus-christi", "all-saints"),
    "DE-SL": ("corpus-christi", "assumption", "all-saints"),
    "DE-SN": ("reformation", "repentance"),
    "DE-ST": ("epiphany", "reformation"),
    "DE-SH": ("reformation",),
    "DE-TH": ("childrens", "reformation"),
}
ONCE = {("DE-BE", 2028): dt.date(2028, 6, 17)}
AUSTRIA = ("new-year", "epiphany", "easter-monday", "labour", "ascension", "whit-monday", "corpus-christi",
           "assumption", "national", "all-saints", "immaculate", "christmas", "stephen")
LAENDER = tuple(f"AT-{n}" for n in range(1, 10))


def expected(region: str, year: int) -> set[dt.date]:
    """Return the legal holidays of a region in a year from the tables above."""
    keys = AUSTRIA if region.startswith("AT") else GERMANY + STATES[region]
    days = {day_of(k, year) for k in keys}
    if (region, year) in ONCE:
        days.add(ONCE[(region, year)])
    return days


@pytest.fixture(scope="module")
def sample() -> Content:
    """Return the sample project's content (only the region is changed per case)."""
    return load_content(REPO)


def public_rows(content: Content, region: str, year: int, local: dict[str, str] | None = None) -> list[dict]:
    """Return the rows `holidays --format json` marks public for a region."""
    edition = content.edition.model_copy(update={"region": region, "local_holidays": local or {}})
    table = compute_year(replace(content, edition=edition), year)
    labels = {c.id: c.label for c in content.catalogue.categories}
    return [row for row in json.loads(to_json(table, labels)) if row["public"]]


@pytest.mark.parametrize("region", [*STATES, *LAENDER])
@pytest.mark.parametrize("year", YEARS)
def test_exactly_the_legal_holidays_are_public(sample: Content, region: str, year: int) -> None:
    rows = public_rows(sample, region, year)
    days = [dt.date.fromisoformat(row["start"]) for row in rows]
    assert sorted(set(days)) == sorted(expected(region, year))
    assert len(days) == len(set(days))  # one public row per legal day


@pytest.mark.parametrize(("region", "year", "day", "name"), [
    ("DE-BE", 2027, dt.date(2027, 3, 8), "Internationaler Frauentag"),
    ("DE-MV", 2029, dt.date(2029, 3, 8), "Internationaler Frauentag"),
    ("DE-TH", 2028, dt.date(2028, 9, 20), "Weltkindertag"),
    ("DE-SN", 2027, dt.date(2027, 11, 17), "Buß- und Bettag"),
    ("DE-ST", 2030, dt.date(2030, 1, 6), "Heilige Drei Könige"),
    ("AT-9", 2027, dt.date(2027, 10, 26), "Nationalfeiertag"),
    ("AT-5", 2030, dt.date(2030, 12, 8), "Mariä Empfängnis"),
])
def test_named_legal_holidays(sample: Content, region: str, year: int, day: dt.date, name: str) -> None:
    rows = {dt.date.fromisoformat(r["start"]): r for r in public_rows(sample, region, year)}
    assert name in rows[day]["name"]


def test_austria_good_friday_is_no_legal_holiday(sample: Content) -> None:
    # Karfreitag is in the package's `bank` category for Austria since 2019; it must not turn red.
    rows = public_rows(sample, "AT-9", 2028)
    assert dt.date(2028, 4, 14) not in {dt.date.fromisoformat(r["start"]) for r in rows}


@pytest.mark.parametrize(("local", "public"), [({}, False), ({"Mariä Himmelfahrt": "some"}, False),
                                                ({"Mariä Himmelfahrt": "all"}, True)])
def test_local_holiday_counts_only_where_the_profile_says_all(sample: Content, local: dict[str, str],
                                                             public: bool) -> None:
    # Bayerisches Feiertagsgesetz: Mariä Himmelfahrt only in municipalities with a Catholic majority.
    rows = public_rows(sample, "DE-BY", 2028, local)
    assert (dt.date(2028, 8, 15) in {dt.date.fromisoformat(r["start"]) for r in rows}) is public


def test_cli_json_for_a_project_in_vienna(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edition = project / "content" / "edition.yaml"
    edition.write_text(edition.read_text(encoding="utf-8").replace("region: DE-HE", "region: AT-9"), encoding="utf-8")
    assert main(["holidays", "--root", str(project), "--year", "2029", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {dt.date.fromisoformat(r["start"]) for r in rows if r["public"]} == expected("AT-9", 2029)


def test_package_version_is_pinned() -> None:
    # The categories (public vs bank) are the package's; an upper bound keeps a major change from slipping in.
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    low, first_untested = TESTED_VERSIONS
    assert f'"holidays>={low},<{first_untested}"' in text


def all_rows(content: Content, region: str, year: int, local: dict[str, str] | None = None) -> list[dict]:
    """Return every row of `holidays --format json` for a region."""
    edition = content.edition.model_copy(update={"region": region, "local_holidays": local or {}})
    table = compute_year(replace(content, edition=edition), year)
    return json.loads(to_json(table, {c.id: c.label for c in content.catalogue.categories}))


@pytest.mark.parametrize(("region", "shown"), [("DE-HE", True), ("DE-BE", True), ("AT-9", False), ("CH-ZH", False)])
def test_german_unity_day_only_in_german_editions(sample: Content, region: str, shown: bool) -> None:
    assert any(row["id"] == "german-unity-day" for row in all_rows(sample, region, 2027)) is shown


def test_a_holiday_legal_in_some_towns_is_listed_but_not_red(sample: Content) -> None:
    rows = [r for r in all_rows(sample, "DE-BY", 2028, {"Mariä Himmelfahrt": "some"}) if r["start"] == "2028-08-15"]
    assert [(r["name"], r["public"]) for r in rows] == [("Mariä Himmelfahrt", False)]
    assert "nur in Gemeinden mit überwiegend katholischer Bevölkerung" in rows[0]["description"]


def test_refugee_day_is_not_public_when_corpus_christi_falls_on_it(sample: Content) -> None:
    # 20 June 2030 is Fronleichnam (Easter 21 April + 60): only Fronleichnam is the legal holiday.
    rows = {r["id"]: r["public"] for r in all_rows(sample, "DE-HE", 2030) if r["start"] == "2030-06-20"}
    assert rows == {"corpus-christi": True, "world-refugee-day": False}


# A clause of a description that calls the feast a legal holiday and names no place: it is printed in
# the editions of every region, so it must hold in each (Karfreitag said so, printed in Vienna too).
_PLACED = ("Deutschland", "Bundesl", "Hessen", "Berlin", "Mecklenburg", "Baden", "Bayern", "Sachsen", "Österreich",
           "Bundesrecht")


def _unplaced_legal_claims(content: Content) -> dict[str, str]:
    """Return id -> clause of each catalogue description that calls the feast a legal holiday without saying where."""
    found = {}
    for entry in content.catalogue.entries:
        text = " ".join(entry.holiday.description.split())
        for clause in re.split(r"(?<=[.;])\s|\sund\s", text):
            if "gesetzlicher Feiertag" in clause and "kein" not in clause and not any(p in clause for p in _PLACED):
                found[entry.holiday.id] = clause
    return found


@pytest.mark.parametrize("region", [*STATES, *LAENDER])
def test_a_description_calls_a_feast_legal_only_where_it_is(sample: Content, region: str) -> None:
    table = compute_year(replace(sample, edition=sample.edition.model_copy(update={"region": region})), 2027)
    printed = {o.id: o for o in table.occurrences}
    legal = expected(region, 2027)
    wrong = {i: clause for i, clause in _unplaced_legal_claims(sample).items()
             if i in printed and printed[i].start not in legal}
    assert not wrong, f"{region}: {wrong}"
