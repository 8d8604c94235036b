"""ICS export: the RFC 5545 basics checked strictly, then parsed as clients would (icalendar, vobject).

Reference dates: Hebcal (hebcal.com) for Pessach 5787 and Chanukka 5788; Umm-al-Qura via the
hijridate package (checked in tests/calendars/test_hijri.py) for the Islamic feasts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import pytest
import vobject  # a second, independent iCalendar parser (test extra)
from icalendar import Calendar

from calendar_build.cli import main
from calendar_build.content.loader import load_content
from calendar_build.engine.occurrences import compute_year
from calendar_build.export import ics
from tests.conftest import REPO
from tests.export.helpers import STAMP, labels, rfc5545_problems, year_table

CATEGORIES = ("intercultural", "christian", "orthodox", "islamic", "alevi", "jewish",
              "hindu", "buddhist", "sikh", "bahai", "yazidi")  # fmt: skip
NAMES_2027 = ("holidays-2027.ics", *(f"holidays-2027-{c}.ics" for c in CATEGORIES))


@functools.cache
def files(year: int) -> Mapping[str, bytes]:
    """Return the sample project's ICS files of `year` (written once per process: the tests only read them)."""
    return MappingProxyType(ics.ics_files(year_table(year), labels(), STAMP))


@functools.cache
def events(data: bytes) -> tuple:  # type: ignore[type-arg]
    """Return the VEVENTs of a file as parsed by icalendar (parsed once per process: the tests only read them)."""
    return tuple(Calendar.from_ical(data).walk("VEVENT"))


def by_summary(year: int, summary: str, name: str | None = None) -> list:  # type: ignore[type-arg]
    """Return the events of `year` (combined file unless `name`) with that SUMMARY."""
    return [e for e in events(files(year)[name or ics.file_name(year)]) if str(e["SUMMARY"]) == summary]


def test_file_names_combined_first_then_legend_order() -> None:
    assert tuple(files(2027)) == NAMES_2027


@pytest.mark.parametrize("name", NAMES_2027)
def test_rfc5545_basics(name: str) -> None:
    assert rfc5545_problems(files(2027)[name]) == []


GOOD = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20261120T000000Z\r\n" \
       b"DTSTART;VALUE=DATE:20270101\r\nDTEND;VALUE=DATE:20270102\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (GOOD, None),
        (GOOD.replace(b"\r\n", b"\n"), "Datei endet nicht mit CRLF"),
        (GOOD.replace(b"UID:a\r\n", b"UID:a\n"), "Zeile 5: CR oder LF ohne das andere"),
        (GOOD.replace(b"UID:a", b"UID:" + b"a" * 72), "Zeile 5: 76 Oktette"),
        (GOOD.replace(b"UID:a", "UID:ä".encode()[:-1] + b"\r\n " + "ä".encode()[-1:]),
         "Zeile 5: kein UTF-8 für sich (Zeichen beim Falten geteilt?)"),
        (GOOD.replace(b"UID:a\r\n", b""), "VEVENT mit 0× UID"),
        (GOOD.replace(b"DTSTAMP:", b"DTSTAMP:1\r\nDTSTAMP:"), "VEVENT mit 2× DTSTAMP"),
        (GOOD.replace(b"DTEND;VALUE=DATE:20270102", b"DTEND:20270102T000000"), "VEVENT: DTSTART ist ein Datum, DTEND nicht"),
        (GOOD.replace(b"END:VEVENT\r\n", b""), "END:VCALENDAR passt nicht zu VEVENT"),
        (GOOD + GOOD, "2 VCALENDAR statt einem"),
    ],
)
def test_the_strict_checker_is_not_vacuous(broken: bytes, expected: str | None) -> None:
    assert rfc5545_problems(broken)[:1] == ([expected] if expected else [])


@pytest.mark.parametrize("name", NAMES_2027)
def test_parses_with_icalendar(name: str) -> None:
    calendar = Calendar.from_ical(files(2027)[name])
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["VERSION"]) == "2.0"
    assert all(isinstance(e.decoded("DTSTART"), dt.date) and not isinstance(e.decoded("DTSTART"), dt.datetime)
               for e in calendar.walk("VEVENT"))
    assert all(e.decoded("DTSTAMP") == STAMP for e in calendar.walk("VEVENT"))


@pytest.mark.parametrize("name", NAMES_2027)
def test_parses_with_vobject(name: str) -> None:
    (calendar,) = list(vobject.readComponents(files(2027)[name].decode("utf-8"), validate=True))
    parsed = {(e.uid.value, e.dtstart.value, e.dtend.value) for e in calendar.vevent_list}
    expected = {(str(e["UID"]), e.decoded("DTSTART"), e.decoded("DTEND")) for e in events(files(2027)[name])}
    assert parsed == expected


@pytest.mark.parametrize(
    ("name", "calendar_name"),
    [
        ("holidays-2027.ics", "Interkulturelle Feiertage 2027"),
        ("holidays-2027-jewish.ics", "Interkulturelle Feiertage 2027 – Jüdisch"),
        ("holidays-2027-intercultural.ics", "Interkulturelle Feiertage 2027 – Interkulturell & Gedenktage"),
        ("holidays-2027-bahai.ics", "Interkulturelle Feiertage 2027 – Bahá'í"),
    ],
)
def test_calendar_names_are_german(name: str, calendar_name: str) -> None:
    assert str(Calendar.from_ical(files(2027)[name])["X-WR-CALNAME"]) == calendar_name


def test_combined_file_holds_every_occurrence_once_with_unique_uids() -> None:
    uids = [str(e["UID"]) for e in events(files(2027)["holidays-2027.ics"])]
    assert len(uids) == len(set(uids)) == len(year_table(2027).occurrences)


@pytest.mark.parametrize("category", CATEGORIES)
def test_category_file_holds_only_its_category_as_the_same_events(category: str) -> None:
    combined = {str(e["UID"]): e.to_ical() for e in events(files(2027)["holidays-2027.ics"])}
    own = events(files(2027)[f"holidays-2027-{category}.ics"])
    assert {str(e["CATEGORIES"].cats[0]) for e in own} == {labels()[category]}
    assert len(own) == sum(o.category == category for o in year_table(2027).occurrences)
    # Identical UIDs and bytes: subscribing to the combined and a category file shows each event once.
    assert all(combined[str(e["UID"])] == e.to_ical() for e in own)


def test_no_file_for_a_category_without_events() -> None:
    table = year_table(2027)
    without = dataclasses.replace(table, occurrences=tuple(o for o in table.occurrences if o.category != "jewish"))
    assert set(ics.ics_files(without, labels(), STAMP)) == set(NAMES_2027) - {"holidays-2027-jewish.ics"}


def test_same_input_gives_identical_bytes() -> None:
    fresh = compute_year(load_content(REPO), 2027)
    assert ics.ics_files(fresh, labels(), STAMP) == files(2027)


@pytest.mark.parametrize(
    ("year", "summary", "start", "end_exclusive"),
    [
        (2027, "Pessach", dt.date(2027, 4, 22), dt.date(2027, 4, 30)),  # Hebcal: Pesach 5787, 8 days
        (2027, "Chanukka (Lichterfest)", dt.date(2027, 12, 25), dt.date(2028, 1, 2)),  # Hebcal: Chanukah 5788
        (2028, "Chanukka (Lichterfest)", dt.date(2027, 12, 25), dt.date(2028, 1, 2)),  # began the year before
        (2027, "Fest des Fastenbrechens", dt.date(2027, 3, 9), dt.date(2027, 3, 12)),  # 1–3 Shawwal 1448
        (2027, "Erster Weihnachtstag", dt.date(2027, 12, 25), dt.date(2027, 12, 26)),  # one day
    ],
)
def test_all_day_spans_with_exclusive_end(year: int, summary: str, start: dt.date, end_exclusive: dt.date) -> None:
    (event,) = [e for e in by_summary(year, summary) if e.decoded("DTSTART") == start]
    assert event.decoded("DTEND") == end_exclusive


def test_hanukkah_begun_the_year_before_is_in_the_category_file_too() -> None:
    assert [e.decoded("DTSTART") for e in by_summary(2028, "Chanukka (Lichterfest)", "holidays-2028-jewish.ics")] \
        == [dt.date(2027, 12, 25), dt.date(2028, 12, 13)]  # Hebcal: Chanukah 5788 and 5789


@pytest.mark.parametrize(
    ("holiday_id", "start", "years"),
    [
        ("hanukkah", dt.date(2027, 12, 25), (2027, 2028)),
        ("muharrem-fast", dt.date(2041, 12, 24), (2041, 2042)),  # 2041 also has a January start
        ("eid-al-adha", dt.date(2006, 12, 31), (2006, 2007)),
    ],
)
def test_uid_is_the_same_in_both_years_files(holiday_id: str, start: dt.date, years: tuple[int, int]) -> None:
    found = []
    for year in years:
        table = year_table(year)
        uids = dict(zip(ics.uids(table.occurrences), table.occurrences, strict=True))
        found.append({u for u, o in uids.items() if o.id == holiday_id and o.start == start})
        assert len(uids) == len(table.occurrences)  # unique within the year
    assert found[0] == found[1] == {f"{holiday_id}-{start.year}@calendar-build"}


@pytest.mark.parametrize(
    ("start", "uid"),
    [
        (dt.date(2027, 1, 5), "isra-miraj-2027-2@calendar-build"),  # the earlier of two starts in 2027
        (dt.date(2027, 12, 25), "isra-miraj-2027@calendar-build"),
    ],
)
def test_uid_of_a_feast_starting_twice_in_a_year(start: dt.date, uid: str) -> None:
    table = year_table(2027)
    assert {u for u, o in zip(ics.uids(table.occurrences), table.occurrences, strict=True)
            if o.id == "isra-miraj" and o.start == start} == {uid}


def test_estimated_dates_carry_the_note_and_only_they() -> None:
    table = year_table(2027)
    uids = dict(zip(ics.uids(table.occurrences), table.occurrences, strict=True))
    for event in events(files(2027)["holidays-2027.ics"]):
        occurrence = uids[str(event["UID"])]
        assert (ics.APPROXIMATE_NOTE in str(event["DESCRIPTION"])) == occurrence.approximate, occurrence.id
        assert str(event["SUMMARY"]) == occurrence.entry.holiday.name  # no marker in the title


@pytest.mark.parametrize(
    ("category", "noted"),
    [("islamic", True), ("alevi", True), ("jewish", False), ("christian", False)],
)
def test_islamic_feasts_may_differ_by_a_day(category: str, noted: bool) -> None:
    found = events(files(2027)[f"holidays-2027-{category}.ics"])
    assert [("um einen Tag abweichen" in str(e["DESCRIPTION"])) for e in found] == [noted] * len(found)


@pytest.mark.parametrize(
    ("summary", "sentence"),
    [
        ("Pessach", "Beginnt am Vorabend (Mittwoch, 21. April 2027) bei Sonnenuntergang."),
        ("Opferfest", "Beginnt am Vorabend (Samstag, 15. Mai 2027) bei Sonnenuntergang."),
        ("Erster Weihnachtstag", None),
        ("Diwali (Lichterfest)", None),
    ],
)
def test_feasts_beginning_the_evening_before_say_so(summary: str, sentence: str | None) -> None:
    (event,) = by_summary(2027, summary)
    text = str(event["DESCRIPTION"])
    assert (sentence in text) if sentence else ("Beginnt am Vorabend" not in text)


@pytest.mark.parametrize(
    ("summary", "parts"),
    [
        ("Pessach", ("Pessach erinnert an den Auszug", "Gruß: Chag Pessach Sameach")),
        ("Ostersonntag", ("Gruß: Frohe Ostern",)),
    ],
)
def test_description_has_explanation_and_greeting(summary: str, parts: tuple[str, ...]) -> None:
    (event,) = by_summary(2027, summary)
    assert all(part in str(event["DESCRIPTION"]) for part in parts)


@pytest.mark.parametrize(
    ("document_date", "epoch", "expected"),
    [
        (dt.date(2026, 11, 20), 1_700_000_000, dt.datetime(2026, 11, 20, tzinfo=dt.timezone.utc)),
        (None, 1_700_000_000, dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)),
        (None, None, dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)),
    ],
)
def test_dtstamp_never_reads_the_clock(document_date: dt.date | None, epoch: int | None, expected: dt.datetime) -> None:
    assert ics.dtstamp(document_date, 2027, epoch) == expected


def test_a_naive_stamp_is_refused() -> None:
    with pytest.raises(ValueError, match="Zeitzone"):
        ics.ics_files(year_table(2027), labels(), STAMP.replace(tzinfo=None))


def test_cli_writes_the_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ics", "--year", "2027", "--root", str(REPO), "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(NAMES_2027)
    assert capsys.readouterr().out.splitlines() == [f"geschrieben: {tmp_path / name}" for name in NAMES_2027]
    assert {name: (tmp_path / name).read_bytes() for name in NAMES_2027} == files(2027)  # document date as DTSTAMP


def test_cli_writes_into_the_projects_output_folder_by_default(project: Path) -> None:
    assert main(["ics", "--year", "2028", "--root", str(project)]) == 0
    assert (project / "output" / "2028" / "holidays-2028-jewish.ics").is_file()


def test_cli_refuses_an_unsupported_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ics", "--year", "2100", "--root", str(REPO), "--out", str(tmp_path)]) == 1
    assert "--year: Fehler: Das Jahr 2100 wird nicht unterstützt" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_cli_reports_content_problems(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content" / "categories.yaml").unlink()
    assert main(["ics", "--year", "2027", "--root", str(project)]) == 1
    assert "content/categories.yaml: Fehler: Datei fehlt" in capsys.readouterr().err
    assert not (project / "output").exists()


@pytest.mark.parametrize(
    ("year", "summary", "basis", "other"),
    [
        # Vesak 2026: 31 May in Thailand & co., 1 May as Buddha Purnima in India (holidays package tables)
        (2026, "Vesakh (Buddha-Tag)", "Vesakh wie in Thailand", "1. Mai 2026 (Buddha Purnima, indische Tabelle"),
        # 1 Ramazan 1447: Umm al-Qura 18 Feb 2026, Diyanet 19 Feb 2026 (Diyanet, Dini Günler 2026)
        (2026, "Ramadan-Beginn", "Umm-al-Qura-Tabelle", "19. Februar 2026 (Diyanet (Istanbul 2016)"),
        (2027, "Orthodoxes Weihnachtsfest", "orthodox, julianischer Kalender",
         "25. Dezember 2027 (orthodox, neujulianischer Kalender"),
        (2027, "Pessach", "jüdischer Kalender, Diaspora", None),
        (2027, "Naw-Rúz (Bahá'í-Neujahr)", "Bahá'í-Weltzentrum, astronomisch ab 2015", None),
    ],
)
def test_description_names_the_basis_and_differing_traditions(year: int, summary: str, basis: str,
                                                              other: str | None) -> None:
    (event,) = by_summary(year, summary)
    text = " ".join(str(event["DESCRIPTION"]).split())
    assert f"Grundlage des Datums: {basis}" in text
    assert ("Nach anderer Überlieferung: " + other in text) if other else ("Nach anderer Überlieferung" not in text)
