"""Reading planned dates from ICS (RFC 5545) and CSV files, with the line of every problem."""

from __future__ import annotations

import datetime as dt

import pytest

from calendar_build.errors import Problems
from calendar_build.site.planned import parse_date, read_csv, read_ics

D = dt.date


def ics(*events: str) -> str:
    """Return a calendar text around the events (CRLF lines as RFC 5545 3.1 writes them)."""
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//DE\r\n{body}END:VCALENDAR\r\n"


@pytest.mark.parametrize(("text", "expected"), [
    ("2027-04-12", D(2027, 4, 12)),
    ("12.04.2027", D(2027, 4, 12)),
    ("1.4.2027", D(2027, 4, 1)),
    (" 2027-4-1 ", D(2027, 4, 1)),
    ("31.02.2027", None),
    ("2027/04/12", None),
    ("12.04.27", None),
    ("", None),
])
def test_dates_iso_and_german(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(("event", "days"), [
    # all-day: DTEND is the day after the last day (RFC 5545 3.6.1)
    ("SUMMARY:Fest\r\nDTSTART;VALUE=DATE:20270412\r\nDTEND;VALUE=DATE:20270413", [D(2027, 4, 12)]),
    ("SUMMARY:Fahrt\r\nDTSTART;VALUE=DATE:20270412\r\nDTEND;VALUE=DATE:20270415",
     [D(2027, 4, 12), D(2027, 4, 13), D(2027, 4, 14)]),
    ("SUMMARY:ohne Ende\r\nDTSTART;VALUE=DATE:20270412", [D(2027, 4, 12)]),
    # timed: every day touched; an end at midnight does not count its day
    ("SUMMARY:Abend\r\nDTSTART;TZID=Europe/Berlin:20270412T190000\r\nDTEND;TZID=Europe/Berlin:20270412T210000",
     [D(2027, 4, 12)]),
    ("SUMMARY:Nacht\r\nDTSTART:20270412T220000\r\nDTEND:20270413T020000", [D(2027, 4, 12), D(2027, 4, 13)]),
    ("SUMMARY:bis Mitternacht\r\nDTSTART:20270412T200000\r\nDTEND:20270413T000000", [D(2027, 4, 12)]),
    # UTC taken in Europe/Berlin: 22:30 UTC on 12 April is 00:30 on 13 April (summer time, UTC+2)
    ("SUMMARY:UTC\r\nDTSTART:20270412T223000Z\r\nDTEND:20270412T233000Z", [D(2027, 4, 13)]),
])
def test_ics_events_become_days(event: str, days: list[dt.date]) -> None:
    problems = Problems()
    assert [p.day for p in read_ics(ics(event), "t.ics", problems)] == days
    assert problems.items == []


def test_ics_folded_summary_and_escapes() -> None:
    text = ics("DTSTART;VALUE=DATE:20270412\r\nSUMMARY:Eltern\r\n abend\\, Klasse 5\\; Raum 1")
    planned = read_ics(text, "t.ics", Problems())
    assert [(p.title, p.line) for p in planned] == [("Elternabend, Klasse 5; Raum 1", 5)]


@pytest.mark.parametrize(("event", "line", "message"), [
    ("SUMMARY:kaputt\r\nDTSTART:2027-04-12", 6, "DTSTART '2027-04-12' ist kein Datum"),
    ("SUMMARY:ohne Start", 4, "Der Termin 'ohne Start' hat kein DTSTART"),
    ("SUMMARY:Ende\r\nDTSTART:20270412\r\nDTEND:morgen", 7, "DTEND 'morgen' ist kein Datum"),
    ("SUMMARY:lang\r\nDTSTART:20270101\r\nDTEND:20290101", 6, "dauert länger als ein Jahr"),
])
def test_ics_problems_name_the_line(event: str, line: int, message: str) -> None:
    problems = Problems()
    read_ics(ics(event), "t.ics", problems)
    assert [(p.line, p.severity) for p in problems.items] == [(line, "error")]
    assert message in problems.items[0].message


def test_ics_recurrence_is_a_warning_and_checks_the_first_date() -> None:
    problems = Problems()
    planned = read_ics(ics("SUMMARY:AG\r\nDTSTART;VALUE=DATE:20270412\r\nRRULE:FREQ=WEEKLY"), "t.ics", problems)
    assert [p.day for p in planned] == [D(2027, 4, 12)]
    assert [(p.line, p.severity) for p in problems.items] == [(7, "warning")]


def test_not_an_ics_file() -> None:
    problems = Problems()
    assert read_ics("Hallo\n", "t.ics", problems) == []
    assert problems.items[0].line == 1 and "BEGIN:VCALENDAR fehlt" in problems.items[0].message


@pytest.mark.parametrize(("text", "expected"), [
    ("datum;titel\n12.04.2027;Elternabend\n2027-05-01;Fest\n", [(D(2027, 4, 12), "Elternabend", 2),
                                                                 (D(2027, 5, 1), "Fest", 3)]),
    ("Titel,Datum\n\"Sitzung, groß\",2027-04-12\n", [(D(2027, 4, 12), "Sitzung, groß", 2)]),
    ("2027-04-12\tAusflug\n\n2027-04-13\tAusflug\n", [(D(2027, 4, 12), "Ausflug", 1), (D(2027, 4, 13), "Ausflug", 3)]),
    ("start\n2027-04-12\n", [(D(2027, 4, 12), "(ohne Titel)", 2)]),
])
def test_csv_with_or_without_header(text: str, expected: list[tuple[dt.date, str, int]]) -> None:
    problems = Problems()
    assert [(p.day, p.title, p.line) for p in read_csv(text, "t.csv", problems)] == expected
    assert problems.items == []


@pytest.mark.parametrize(("text", "line", "message"), [
    ("datum;titel\n12.04.2027;gut\n31.04.2027;schlecht\n", 3, "'31.04.2027' ist kein Datum"),
    ("Wann;Was\nmorgen;Fest\n", 1, "Keine Datumsspalte gefunden"),
    ("", 1, "Die CSV-Datei ist leer"),
])
def test_csv_problems_name_the_line(text: str, line: int, message: str) -> None:
    problems = Problems()
    read_csv(text, "t.csv", problems)
    assert [p.line for p in problems.items] == [line]
    assert message in problems.items[0].message
