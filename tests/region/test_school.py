"""School holidays: only known periods in the band, the legend and a warning name what is missing.

Expected periods from the holidays package's tables (Germany: the KMK holiday calendar it cites;
Austria: § 2 Schulzeitgesetz 1985). Hessen 2029: the KMK calendar lists the breaks of the school year
2028/29 and the summer of 2029, not yet autumn 2029 or Christmas 2029/30 (package 0.109).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from calendar_build.content.loader import load_content
from calendar_build.errors import ContentError, Problems
from calendar_build.region import checks
from calendar_build.region.profile import Region
from calendar_build.region.school import school_year

SCHOOL = "content/school-holidays/2029.yaml"


@pytest.mark.parametrize(("region", "year", "missing"), [
    ("DE-HE", 2027, ()),
    ("DE-HE", 2028, ()),
    ("DE-HE", 2029, ("Herbstferien", "Weihnachtsferien 2029/30")),
    ("DE-HE", 2030, ("Weihnachtsferien 2029/30", "Oster-/Frühjahrsferien", "Sommerferien", "Herbstferien",
                     "Weihnachtsferien 2030/31")),
    ("DE-BY", 2029, ("Herbstferien", "Weihnachtsferien 2029/30")),
    # Berlin's Christmas break 2027/28 ends on 31 December 2027: nothing of it is missing in 2028
    ("DE-BE", 2028, ()),
    ("DE-BE", 2030, ("Weihnachtsferien 2029/30", "Winterferien", "Oster-/Frühjahrsferien",
                     "Himmelfahrts-/Pfingstferien", "Sommerferien", "Herbstferien", "Weihnachtsferien 2030/31")),
    # Nordrhein-Westfalen: the KMK calendar gives no Pfingstferien in 2028 (package 0.109) – a complete year
    # has exactly its own breaks, so the legend does not print "Für Himmelfahrts-/Pfingstferien lagen keine
    # Termine vor"; 2030 still expects them, as 2027 had them
    ("DE-NW", 2028, ()),
    ("DE-NW", 2030, ("Weihnachtsferien 2029/30", "Oster-/Frühjahrsferien", "Himmelfahrts-/Pfingstferien",
                     "Sommerferien", "Herbstferien", "Weihnachtsferien 2030/31")),
    ("AT-9", 2029, ()),  # computed from the Schulzeitgesetz for every year
    ("AT-9", 2031, ()),
])
def test_missing_periods(region: str, year: int, missing: tuple[str, ...]) -> None:
    assert school_year(Region(region), year, {}).missing == missing


def test_the_band_shows_only_known_days() -> None:
    school = school_year(Region("DE-HE"), 2029, {})
    days = school.days()
    assert dt.date(2029, 7, 20) in days  # Sommerferien 16.7.–24.8.2029 (KMK)
    assert not any(d.month in (10, 12) and d.year == 2029 for d in days)
    assert "Für Herbstferien und Weihnachtsferien 2029/30 lagen keine Termine vor." in school.legend()
    assert school_year(Region("DE-HE"), 2030, {}).legend() == ""


def write_edition(project: Path, extra: str) -> None:
    """Append profile lines to the project's content/edition.yaml."""
    path = project / "content" / "edition.yaml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


def write_school(project: Path, text: str, name: str = "2029.yaml") -> None:
    """Write a school-holidays file of the project."""
    folder = project / "content" / "school-holidays"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


GOOD = """\
source: Hessisches Kultusministerium (Musterdaten für den Test)
holidays:
  - name: Herbstferien
    start: 2029-10-15
    end: 2029-10-26
  - name: Weihnachtsferien
    start: 2029-12-21
    end: 2030-01-11
"""


def test_the_editors_file_fills_the_gap_and_is_named(project: Path) -> None:
    write_school(project, GOOD)
    content = load_content(project)
    school = checks.school_year(content, 2029)
    assert school.missing == ()
    assert dt.date(2029, 10, 20) in school.days() and dt.date(2029, 12, 31) in school.days()
    assert any(SCHOOL in source for source in school.sources())
    assert "Herbstferien" in school.legend() and "Weihnachtsferien 2029/30" in school.legend()
    # the next year sees the Christmas break carried over from the file of 2029
    assert dt.date(2030, 1, 8) in checks.school_year(content, 2030).days()


def test_the_editors_dates_take_precedence(project: Path) -> None:
    write_school(project, "source: Test\nholidays:\n  - name: Sommerferien\n    start: 2029-07-02\n    end: 2029-08-10\n")
    school = checks.school_year(load_content(project), 2029)
    assert dt.date(2029, 7, 2) in school.days()
    assert dt.date(2029, 8, 20) not in school.days()  # the package's Sommerferien (to 24.8.) are replaced


@pytest.mark.parametrize(("text", "message"), [
    ("source: X\nholidays:\n  - name: Herbstferien\n    start: 2029-10-26\n    end: 2029-10-15\n",
     f"{SCHOOL}:3: Fehler: 'holidays': 'end' liegt vor 'start'."),
    ("source: X\nholidays:\n  - name: Herbstferien\n    start: 2028-10-16\n    end: 2028-10-27\n",
     f"{SCHOOL}:4: Fehler: Die Herbstferien (16.10.2028–27.10.2028) liegen nicht im Jahr 2029 dieser Datei."),
    ("source: X\nholidays:\n  - name: Herbstferien\n    start: 2029-10-15\n    end: 2029-10-26\n"
     "  - name: Weihnachtsferien\n    start: 2029-10-20\n    end: 2030-01-05\n",
     f"{SCHOOL}:6: Fehler: Die Weihnachtsferien überschneiden sich mit den Herbstferien (Zeile 3)."),
    ("region: DE-BY\nsource: X\nholidays: []\n",
     f"{SCHOOL}:1: Fehler: Die Datei gilt für DE-BY, die Ausgabe für DE-HE (region in content/edition.yaml)."),
])
def test_bad_school_files(project: Path, text: str, message: str) -> None:
    write_school(project, text)
    with pytest.raises(ContentError) as caught:
        load_content(project)
    assert message in [p.render() for p in caught.value.problems]


def test_a_file_not_named_by_year(project: Path) -> None:
    write_school(project, GOOD, name="herbst.yaml")
    with pytest.raises(ContentError) as caught:
        load_content(project)
    assert [p.render() for p in caught.value.problems] == [
        "content/school-holidays/herbst.yaml: Fehler: Schulferien-Dateien heißen nach dem Jahr, z. B. "
        "'school-holidays/2029.yaml'."]


def test_missing_periods_are_a_warning_naming_year_and_periods(project: Path) -> None:
    content = load_content(project)
    problems = Problems()
    checks.report(content, 2029, problems)
    assert [p.render() for p in problems.items] == [
        f"content/edition.yaml:{content.edition_line('school_holidays')}: Warnung: Schulferien 2029 in Hessen "
        f"unvollständig – es fehlen: Herbstferien, Weihnachtsferien 2029/30. Die amtlichen Termine in "
        f"{SCHOOL} eintragen; bis dahin zeigt das Band nur die bekannten Ferien."]


def test_no_warning_when_the_band_is_off(project: Path) -> None:
    path = project / "content" / "edition.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("school_holidays: true", "school_holidays: false"),
                    encoding="utf-8")
    problems = Problems()
    checks.report(load_content(project), 2030, problems)
    assert problems.items == []
