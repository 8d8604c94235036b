"""The planning check: which planned days meet a feast, and the German report of `calendar-build clashes`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from calendar_build.cli import main
from calendar_build.content.loader import Entry, Where
from calendar_build.content.schema import Holiday
from calendar_build.engine.occurrences import Occurrence
from calendar_build.site.clashes import relation
from tests.conftest import REPO

D = dt.date


def occurrence(start: dt.date, end: dt.date, eve: bool, approximate: bool) -> Occurrence:
    """Return an occurrence of a one-feast catalogue."""
    holiday = Holiday(id="fest", name="Fest", rule={"kind": "fixed", "month": start.month, "day": start.day},
                      eve=eve, approximate=approximate, description="Ein Fest.")
    return Occurrence(Entry(holiday, "intercultural", Where("content/holidays/intercultural.yaml", 1)),
                      start, end, approximate, False, "")


@pytest.mark.parametrize(("eve", "approximate", "day", "expected"), [
    # a feast on 10–12 May
    (False, False, D(2027, 5, 10), "fest"),
    (False, False, D(2027, 5, 12), "fest"),
    (False, False, D(2027, 5, 9), None),
    (False, False, D(2027, 5, 13), None),
    (True, False, D(2027, 5, 9), "vorabend"),  # begins the evening before
    (True, False, D(2027, 5, 8), None),
    (False, True, D(2027, 5, 9), "moeglich"),  # may move by a day either way
    (False, True, D(2027, 5, 13), "moeglich"),
    (False, True, D(2027, 5, 8), None),
    (True, True, D(2027, 5, 9), "vorabend"),
    (True, True, D(2027, 5, 8), "moeglich"),  # if it moves a day earlier, its eve is the 8th
    (True, True, D(2027, 5, 13), "moeglich"),
    (True, True, D(2027, 5, 14), None),
])
def test_relation(eve: bool, approximate: bool, day: dt.date, expected: str | None) -> None:
    assert relation(day, occurrence(D(2027, 5, 10), D(2027, 5, 12), eve, approximate)) == expected


PLANNED_ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//DE
BEGIN:VEVENT
SUMMARY:Seder-Elternabend
DTSTART;TZID=Europe/Berlin:20270421T190000
DTEND;TZID=Europe/Berlin:20270421T210000
END:VEVENT
BEGIN:VEVENT
SUMMARY:Weihnachtsfeier
DTSTART;VALUE=DATE:20271225
END:VEVENT
BEGIN:VEVENT
SUMMARY:Sitzung
DTSTART;VALUE=DATE:20270603
END:VEVENT
END:VCALENDAR
"""


def test_clashes_command_reports_in_german(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    planned = tmp_path / "termine.ics"
    planned.write_text(PLANNED_ICS, encoding="utf-8")
    assert main(["clashes", "--root", str(REPO), "--year", "2027", str(planned)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Planungsprüfung ") and "gegen den Kalender 2027: 2 von 3 geplanten Tagen" in out[0]
    # Pesach 2027 begins on the evening of 21 April (15 Nisan 5787 = 22 April 2027; hebcal.com)
    assert ("Mi 21.04.2027 Seder-Elternabend: Pessach (Jüdisch, 22.–29. Apr.) – am Vorabend, beginnt am Vorabend, "
            "Datum steht fest") in out
    assert any(line.startswith("Sa 25.12.2027 Weihnachtsfeier: ") and "gesetzlicher Feiertag" in line for line in out)
    assert not any("Sitzung" in line for line in out)


@pytest.mark.parametrize(("dates", "hint"), [
    (["2026-12-30"], "Hinweis: 1 Tag liegt außerhalb von 2027 und wurde nur gegen die Feste geprüft, die 2027 "
                     "berühren."),
    (["2026-12-30", "2028-01-02"], "Hinweis: 2 Tage liegen außerhalb von 2027 und wurden nur gegen die Feste "
                                   "geprüft, die 2027 berühren."),
])
def test_days_outside_the_year_are_counted_in_german(dates: list[str], hint: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    planned = tmp_path / "termine.csv"
    planned.write_text("datum;titel\n" + "".join(f"{day};Sitzung\n" for day in dates), encoding="utf-8")
    assert main(["clashes", "--root", str(REPO), "--year", "2027", str(planned)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == hint


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("termine.csv", "datum;titel\n31.13.2027;kaputt\n", "termine.csv:2: Fehler: '31.13.2027' ist kein Datum"),
    ("termine.xlsx", "x", "termine.xlsx: Fehler: Unbekanntes Dateiformat"),
    ("termine.ics", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:gestern\nEND:VEVENT\nEND:VCALENDAR\n",
     "termine.ics:3: Fehler: DTSTART 'gestern' ist kein Datum"),
    # Excel's "CSV (Trennzeichen-getrennt)" is Windows-1252: the letter and the menu that fixes it are named
    ("termine.csv", "datum;titel\n12.03.2027;Bürgerfest\n".encode("cp1252"),
     "termine.csv:2: Fehler: Die Datei ist nicht als UTF-8 gespeichert ('ü' in Spalte 13 ist wohl in "
     "Windows-Kodierung „ANSI“ geschrieben). Bitte als UTF-8 speichern"),
])
def test_clashes_bad_input_exits_1_with_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch, name: str, text: str | bytes,
                                                      expected: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    assert main(["clashes", "--root", str(REPO), "--year", "2027", name]) == 1
    err = capsys.readouterr().err
    assert err.startswith(expected)
    assert "Traceback" not in err


def test_clashes_missing_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clashes", "--root", str(REPO), "--year", "2027", str(tmp_path / "fehlt.ics")]) == 1
    assert "Datei fehlt oder kann nicht gelesen werden" in capsys.readouterr().err
