"""CSV for a German spreadsheet and ICS revisions (SEQUENCE, LAST-MODIFIED), read back by real parsers."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from calendar_build.cli import main
from calendar_build.content.loader import load_content
from calendar_build.engine.occurrences import compute_year
from calendar_build.export import ics, table
from tests.export.helpers import STAMP, labels, rfc5545_problems, year_table


def test_csv_is_what_german_excel_opens_as_columns() -> None:
    data = table.to_csv(year_table(2027), labels())
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark: Excel reads UTF-8 then
    assert b"\r\n" in data and data.count(b"\r\n") == data.count(b"\n")
    text = data.decode("utf-8-sig")
    # the sniffer German Excel and LibreOffice use on opening picks the semicolon
    assert csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,").delimiter == ";"
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(rows) == len(year_table(2027).occurrences)
    assert all(len(row) == len(table.FIELDS) for row in rows)
    new_year = next(r for r in rows if r["id"] == "islamic-new-year")
    assert new_year["category_label"] == "Muslimisch" and new_year["approximate"] == "ja"
    assert {r["public"] for r in rows} == {"ja", "nein"}
    assert any("ü" in r["name"] or "ö" in r["name"] or "ä" in r["name"] for r in rows)  # umlauts intact


def test_cli_csv_writes_the_bytes(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["holidays", "--year", "2027", "--format", "csv"]) == 0
    assert capsysbinary.readouterr().out == table.to_csv(year_table(2027), labels())


def test_cli_csv_into_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--out writes the bytes itself: the guide's '> feste.csv' is re-encoded by PowerShell and empties the file."""
    out = tmp_path / "feste-2027.csv"
    assert main(["holidays", "--year", "2027", "--format", "csv", "--out", str(out)]) == 0
    assert out.read_bytes() == table.to_csv(year_table(2027), labels())
    assert capsys.readouterr().out == f"geschrieben: {out}\n"
    # a failing call leaves the earlier table as it was
    assert main(["holidays", "--year", "2100", "--format", "csv", "--out", str(out)]) == 1
    assert out.read_bytes() == table.to_csv(year_table(2027), labels())
    assert main(["holidays", "--year", "2027", "--out", str(tmp_path)]) == 2
    assert "ist ein Ordner – bitte einen Dateinamen angeben, z. B. --out feste-2027.json." in capsys.readouterr().err


def announced_files(project: Path) -> dict[str, bytes]:
    """Return the 2028 ICS files with an announced Eid al-Fitr and Ramadan start."""
    folder = project / "content" / "overrides"
    folder.mkdir(exist_ok=True)
    (folder / "2028.yaml").write_text("overrides:\n  - id: eid-al-fitr\n    start: 2028-02-27\n"
                                      "  - id: ramadan-begin\n    start: 2028-01-29\n", encoding="utf-8")
    content = load_content(project)
    labels_ = {c.id: c.label for c in content.catalogue.categories}
    return ics.ics_files(compute_year(content, 2028), labels_, STAMP)


def test_announced_dates_are_revision_one_with_icalendar(project: Path) -> None:
    data = announced_files(project)["holidays-2028.ics"]
    assert rfc5545_problems(data) == []
    events = {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}
    assert events["eid-al-fitr-2028@calendar-build"]["SEQUENCE"] == 1
    assert events["ramadan-begin-2028@calendar-build"]["SEQUENCE"] == 1
    assert events["laylat-al-qadr-2028@calendar-build"]["SEQUENCE"] == 1  # moved with the announced month
    assert events["eid-al-adha-2028@calendar-build"]["SEQUENCE"] == 0  # still computed
    for event in events.values():
        assert event.decoded("LAST-MODIFIED") == STAMP == event.decoded("DTSTAMP")


def test_revisions_read_by_vobject(project: Path) -> None:
    data = announced_files(project)["holidays-2028-islamic.ics"]
    parsed = vobject.readOne(data.decode("utf-8"))
    found = {e.uid.value: (e.sequence.value, e.last_modified.value) for e in parsed.vevent_list}
    assert found["eid-al-fitr-2028@calendar-build"] == ("1", STAMP)
    assert found["mawlid-2028@calendar-build"][0] == "0"


def test_computed_year_has_sequence_zero_everywhere() -> None:
    data = ics.to_ics(year_table(2027), labels(), STAMP, "x")
    events = Calendar.from_ical(data).walk("VEVENT")
    assert {int(e["SEQUENCE"]) for e in events} == {0}
    assert all(e.decoded("LAST-MODIFIED") == dt.datetime(2026, 11, 20, tzinfo=dt.timezone.utc) for e in events)
