"""Every date with its basis, and the other traditions' dates: `holidays --format json` end to end.

Dates asserted here come from published tables named beside them; the others are checked only
for their basis (what the date rests on), never against a date we computed ourselves.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from calendar_build.cli import main
from calendar_build.content.loader import load_content
from calendar_build.engine import basis
from calendar_build.engine.occurrences import compute_year


def _rows(root: Path, year: int, capsys: pytest.CaptureFixture[str]) -> dict[str, list[dict[str, Any]]]:
    capsys.readouterr()
    assert main(["holidays", "--root", str(root), "--year", str(year), "--format", "json"]) == 0
    rows: dict[str, list[dict[str, Any]]] = {}
    for row in json.loads(capsys.readouterr().out):
        rows.setdefault(row["id"], []).append(row)
    return rows


def _set(project: Path, key: str, value: str) -> Path:
    edition = project / "content" / "edition.yaml"
    lines = [line for line in edition.read_text(encoding="utf-8").splitlines() if not line.startswith(f"{key}:")]
    edition.write_text("\n".join([*lines, f"{key}: {value}"]) + "\n", encoding="utf-8")
    return project


def test_every_row_has_a_basis_and_alternatives(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [r for found in _rows(repo, 2027, capsys).values() for r in found]
    assert rows
    assert all(r["basis"] and r["basis"] == basis.label(r["basis_id"]) for r in rows)
    assert all(isinstance(r["alternatives"], list) for r in rows)


# (holiday id, year, basis key, German label fragment) per tradition
TRADITIONS = [
    ("christmas-day", 2027, "gregorian", "gregorianischen Kalender"),
    ("easter-sunday", 2027, "easter", "westliche Osterrechnung"),
    ("orthodox-easter", 2027, "orthodox-easter", "alle orthodoxen Kirchen"),
    ("orthodox-christmas", 2027, "orthodox-julian", "julianischer Kalender"),
    ("pesach", 2027, "hebrew", "jüdischer Kalender, Diaspora"),
    ("ramadan-begin", 2027, "umm-al-qura", "Umm-al-Qura-Tabelle"),
    ("naw-ruz", 2027, "bahai-astronomical", "astronomisch ab 2015"),
    ("naw-ruz", 2010, "bahai-western", "vor 2015"),
    ("nowruz", 2027, "persian", "Teheran"),
    ("chinese-new-year", 2027, "chinese", "chinesischer Mondkalender"),
    ("diwali", 2027, "diwali-table", "indische Tabelle"),
    ("diwali", 2040, "diwali-computed", "astronomisch berechnet"),
    ("vesak", 2027, "vesak-table", "Thailand"),
    ("vaisakhi", 2027, "vaisakhi-table", "Mesha Sankranti"),
    ("hizir-fast", 2027, "custom", "geben den Termin jedes Jahr bekannt"),
    ("carsema-sor", 2027, "weekday-julian", "julianischen Kalender"),
]


@pytest.mark.parametrize(("holiday_id", "year", "key", "label"), TRADITIONS, ids=[f"{t[0]}-{t[1]}" for t in TRADITIONS])
def test_basis_per_tradition(repo: Path, capsys: pytest.CaptureFixture[str],
                             holiday_id: str, year: int, key: str, label: str) -> None:
    row = next(r for r in _rows(repo, year, capsys)[holiday_id] if r["start"].startswith(str(year)))
    assert row["basis_id"] == key
    assert label in row["basis"]


def test_hijri_dates_list_the_other_reckoning(repo: Path, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Diyanet, Dini Günler 2026: 1 Ramazan 1447 = 19 February 2026; Umm al-Qura: 18 February 2026.
    ramadan = _rows(repo, 2026, capsys)["ramadan-begin"][0]
    assert (ramadan["start"], ramadan["basis_id"]) == ("2026-02-18", "umm-al-qura")
    assert [(a["start"], a["basis_id"]) for a in ramadan["alternatives"]] == [("2026-02-19", "diyanet")]
    assert "Diyanet (Istanbul 2016)" in ramadan["alternatives"][0]["basis"]
    ditib = _rows(_set(project, "islamic_reckoning", "diyanet"), 2026, capsys)["ramadan-begin"][0]
    assert (ditib["start"], ditib["basis_id"]) == ("2026-02-19", "diyanet")
    assert [(a["start"], a["basis_id"]) for a in ditib["alternatives"]] == [("2026-02-18", "umm-al-qura")]


def test_orthodox_christmas_2027_by_church_calendar(repo: Path, project: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    julian = _rows(repo, 2027, capsys)["orthodox-christmas"]
    assert [r["start"] for r in julian] == ["2027-01-07"]
    assert [a["start"] for a in julian[0]["alternatives"]] == ["2027-12-25"]  # the other calendar, same year
    _set(project, "orthodox_calendar", "revised-julian")
    revised = _rows(project, 2027, capsys)
    assert [r["start"] for r in revised["orthodox-christmas"]] == ["2027-12-25"]
    assert revised["orthodox-christmas"][0]["basis_id"] == "orthodox-revised-julian"
    assert "Ukraine" in revised["orthodox-christmas"][0]["basis"]
    assert [a["start"] for a in revised["orthodox-christmas"][0]["alternatives"]] == ["2027-01-07"]
    assert [r["start"] for r in revised["orthodox-epiphany"]] == ["2027-01-06"]
    # Easter stays Julian-based in every edition
    assert revised["orthodox-easter"][0]["start"] == _rows(repo, 2027, capsys)["orthodox-easter"][0]["start"]


def test_two_orthodox_categories_in_one_edition(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A second category pins the Revised Julian calendar in its rule; the first follows the edition."""
    categories = project / "content" / "categories.yaml"
    categories.write_text(categories.read_text(encoding="utf-8").replace("    label: Orthodox\n",
                          "    label: Orthodox (julianisch)\n") + (
        "  - id: orthodox-revised\n    label: Orthodox (neujulianisch, u. a. ukrain.)\n"
        "    rgb: \"#7B0C28\"\n    cmyk: [31, 100, 83, 47]\n    letter: U\n"), encoding="utf-8")
    (project / "content" / "holidays" / "orthodox-revised.yaml").write_text(
        "category: orthodox-revised\nholidays:\n  - id: orthodox-christmas-revised\n"
        "    name: Weihnachten (neujulianisch)\n    rule: {kind: orthodox_fixed, month: 12, day: 25, calendar: revised-julian}\n"
        "    description: Weihnachten der Kirchen des neujulianischen Kalenders.\n", encoding="utf-8")
    rows = _rows(project, 2027, capsys)
    assert [r["start"] for r in rows["orthodox-christmas"]] == ["2027-01-07"]
    assert [(r["start"], r["category_label"]) for r in rows["orthodox-christmas-revised"]] == [
        ("2027-12-25", "Orthodox (neujulianisch, u. a. ukrain.)")]


def test_vesak_traditions_2026(repo: Path, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The example, after the holidays package's tables: Vesak 2026 in Thailand/Vietnam/
    # Malaysia/Singapore 31 May (_BuddhistLunisolar.VESAK_DATES), Buddha Purnima in India 1 May
    # (_HinduLunisolar.BUDDHA_PURNIMA_DATES, after the Government of India's holiday list).
    south_east = _rows(repo, 2026, capsys)["vesak"][0]
    assert (south_east["start"], south_east["basis_id"]) == ("2026-05-31", "vesak-table")
    assert [(a["start"], a["basis_id"]) for a in south_east["alternatives"]] == [("2026-05-01", "buddha_purnima-table")]
    south = _rows(_set(project, "vesak_tradition", "south-asia"), 2026, capsys)["vesak"][0]
    assert (south["start"], south["basis_id"]) == ("2026-05-01", "buddha_purnima-table")
    assert [a["start"] for a in south["alternatives"]] == ["2026-05-31"]


def test_bahai_before_2015_western_fixed_dates(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _rows(repo, 2010, capsys)
    assert rows["naw-ruz"][0]["start"] == "2010-03-21"
    assert rows["birth-of-the-bab"][0]["start"] == "2010-10-20"
    assert rows["birth-of-bahaullah"][0]["start"] == "2010-11-12"
    assert {r["basis_id"] for r in rows["naw-ruz"]} == {"bahai-western"}


def test_csv_has_basis_and_alternatives(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["holidays", "--root", str(repo), "--year", "2026", "--format", "csv"]) == 0
    text = capsys.readouterr().out
    header = text.lstrip("\ufeff").splitlines()[0].split(";")
    assert "basis" in header and "alternatives" in header and "basis_id" in header
    vesak = next(line for line in text.splitlines() if line.startswith("vesak;"))
    assert "2026-05-01 (Buddha Purnima" in vesak


def test_unknown_setting_is_an_editor_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _set(project, "orthodox_calendar", "gregorianisch")
    capsys.readouterr()
    assert main(["holidays", "--root", str(project), "--year", "2027", "--format", "json"]) == 1
    err = capsys.readouterr().err
    assert "content/edition.yaml:" in err and "julian, revised-julian" in err


def test_vaisakhi_bikrami_or_nanakshahi(repo: Path, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Vaisakhi 2028: 13 April as Mesha Sankranti (holidays package's VAISAKHI table, after Indian
    # listings); 14 April in the Nanakshahi calendar of 2003 (Chet has 31 days from 14 March, so
    # 1 Vaisakh is 14 April every year: world.clndr.org "Nanakshahi calendar").
    bikrami = _rows(repo, 2028, capsys)["vaisakhi"][0]
    assert (bikrami["start"], bikrami["basis_id"]) == ("2028-04-13", "vaisakhi-table")
    assert [(a["start"], a["basis_id"]) for a in bikrami["alternatives"]] == [("2028-04-14", "nanakshahi")]
    nanakshahi = _rows(_set(project, "sikh_calendar", "nanakshahi"), 2028, capsys)
    assert (nanakshahi["vaisakhi"][0]["start"], nanakshahi["vaisakhi"][0]["basis_id"]) == ("2028-04-14", "nanakshahi")
    # Guru Nanak's Gurpurab stays on its lunar date in both (the 2003 calendar kept it lunar)
    assert nanakshahi["guru-nanak-gurpurab"][0]["start"] == _rows(repo, 2028, capsys)["guru-nanak-gurpurab"][0]["start"]


def test_diyanet_is_an_alternative_only_since_it_applies_the_unified_calendar(repo: Path,
                                                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert _rows(repo, 2016, capsys)["ramadan-begin"][0]["alternatives"] == []
    assert [a["basis_id"] for a in _rows(repo, 2017, capsys)["ramadan-begin"][0]["alternatives"]] == ["diyanet"]


def test_tables_without_alternatives_have_the_same_dates(repo: Path) -> None:
    content = load_content(repo)
    full, bare = compute_year(content, 2026), compute_year(content, 2026, alternatives=False)
    assert [(o.id, o.start, o.end, o.basis) for o in full.occurrences] == [
        (o.id, o.start, o.end, o.basis) for o in bare.occurrences]
    assert any(o.alternatives for o in full.occurrences) and not any(o.alternatives for o in bare.occurrences)
