"""`diff`: dates against last year and the last build, and the review sheets for the communities."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from calendar_build.cli import main
from calendar_build.content.loader import load_content
from calendar_build.engine.occurrences import compute_year
from calendar_build.review import formats, record_snapshot, run_diff
from calendar_build.review.snapshot import Snapshot, SnapshotEntry, compare, from_json, read_snapshot, to_json
from tests.conftest import REPO, once

D = dt.date
EID_2027 = "overrides:\n  - id: eid-al-fitr\n    start: 2027-03-10\n    note: Zentralrat, 1. März 2027\n"


class TextOf(HTMLParser):
    """Collect the visible text of an HTML page, and raw tags seen."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[str] = []
        self._skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._skip = tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self._skip = False

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.parts.append(" ".join(data.split()))


def page(path: Path) -> TextOf:
    """Return the parsed page."""
    parser = TextOf()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def text_of(path: Path) -> str:
    """Return the visible text of a page, one chunk per line."""
    return "\n".join(page(path).parts)


# --- wording -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("start", "end", "expected"), [
    (D(2025, 4, 13), D(2025, 4, 20), "13.–20. Apr. 2025"),
    (D(2026, 4, 2), D(2026, 4, 9), "2.–9. Apr. 2026"),
    (D(2027, 3, 28), D(2027, 3, 28), "28. März 2027"),
    (D(2027, 9, 30), D(2027, 10, 8), "30. Sept.–8. Okt. 2027"),
    (D(2027, 12, 25), D(2028, 1, 1), "25. Dez. 2027–1. Jan. 2028"),
])  # fmt: skip
def test_span_with_year(start: dt.date, end: dt.date, expected: str) -> None:
    assert formats.span_with_year(start, end) == expected


@pytest.mark.parametrize(("before", "after", "expected"), [
    (D(2026, 12, 25), D(2027, 12, 25), "gleiches Datum"),
    (D(2026, 3, 20), D(2027, 3, 9), "11 Tage früher"),
    (D(2026, 4, 2), D(2027, 4, 22), "20 Tage später"),
    (D(2026, 11, 18), D(2027, 11, 17), "1 Tag früher"),
    (D(2028, 2, 29), D(2029, 3, 1), "gleiches Datum"),  # leap day counts as 1 March
])  # fmt: skip
def test_shift(before: dt.date, after: dt.date, expected: str) -> None:
    assert formats.shift(before, after) == expected


@pytest.mark.parametrize(("start", "end", "expected"), [
    (D(2027, 4, 22), D(2027, 4, 22), "Donnerstag, 22. April 2027"),
    (D(2027, 4, 22), D(2027, 4, 29), "Donnerstag, 22. April 2027 bis Donnerstag, 29. April 2027"),
])  # fmt: skip
def test_long_span(start: dt.date, end: dt.date, expected: str) -> None:
    assert formats.long_span(start, end) == expected


# --- snapshots -----------------------------------------------------------------------------------

Entry = tuple[str, tuple[tuple[dt.date, dt.date], ...]]


def snap(*entries: Entry) -> Snapshot:
    return Snapshot(2027, dt.datetime(2027, 1, 1, tzinfo=dt.timezone.utc),
                    tuple(SnapshotEntry(i, i.title(), spans, False) for i, spans in entries))


PESACH = ("pesach", ((D(2027, 4, 22), D(2027, 4, 29)),))
EID = ("eid-al-fitr", ((D(2027, 3, 9), D(2027, 3, 11)),))
EID_MOVED = ("eid-al-fitr", ((D(2027, 3, 10), D(2027, 3, 12)),))
MIRAJ_TWICE = ("isra-miraj", ((D(2027, 1, 5), D(2027, 1, 5)), (D(2027, 12, 25), D(2027, 12, 25))))
MIRAJ_ONCE = ("isra-miraj", ((D(2027, 1, 5), D(2027, 1, 5)),))

COMPARISONS = [
    ("same", (PESACH, EID), (PESACH, EID), (), (), ()),
    ("moved", (PESACH, EID), (PESACH, EID_MOVED), (), (), ("eid-al-fitr",)),
    ("added", (PESACH,), (PESACH, EID), ("eid-al-fitr",), (), ()),
    ("removed", (PESACH, EID), (EID,), (), ("pesach",), ()),
    ("one-of-two-gone", (MIRAJ_TWICE,), (MIRAJ_ONCE,), (), (), ("isra-miraj",)),
]  # fmt: skip


@pytest.mark.parametrize(("case", "before", "after", "added", "removed", "moved"), COMPARISONS,
                         ids=[c[0] for c in COMPARISONS])
def test_compare(case: str, before: tuple[Entry, ...], after: tuple[Entry, ...], added: tuple[str, ...],
                 removed: tuple[str, ...], moved: tuple[str, ...]) -> None:
    changes = compare(snap(*before), snap(*after))
    assert tuple(e.id for e in changes.added) == added
    assert tuple(e.id for e in changes.removed) == removed
    assert tuple(m.id for m in changes.moved) == moved
    assert bool(changes) == (case != "same")


def test_snapshot_round_trip_and_record(tmp_path: Path) -> None:
    table = compute_year(load_content(REPO), 2027)
    path = record_snapshot(table, tmp_path, dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.timezone.utc))
    assert path == tmp_path / ".holidays-2027.json"
    stored = read_snapshot(tmp_path, 2027)
    assert stored is not None and from_json(to_json(stored)) == stored
    assert stored.by_id()["pesach"].spans == ((D(2027, 4, 22), D(2027, 4, 29)),)
    assert len(json.loads(path.read_text(encoding="utf-8"))["holidays"]) == len({o.id for o in table.occurrences})


@pytest.mark.parametrize("garbage", ["", "{", "[]", '{"format": 99}', '{"format": 1, "year": 2027}'])
def test_unreadable_snapshot_counts_as_none(tmp_path: Path, garbage: str) -> None:
    (tmp_path / ".holidays-2027.json").write_text(garbage, encoding="utf-8")
    assert read_snapshot(tmp_path, 2027) is None


# --- the diff command ----------------------------------------------------------------------------

def test_first_diff_reports_against_last_year(project: Path) -> None:
    result = run_diff(project, 2027)
    text = result.text
    for expected in (
        "1. Termine 2027 im Vergleich zu 2026",
        "Pessach: 2.–9. Apr. 2026 → 22.–29. Apr. 2027 – 20 Tage später",
        "Ostersonntag: 5. Apr. 2026 → 28. März 2027 – 8 Tage früher",
        "Chanukka (Lichterfest): 5.–12. Dez. 2026 → 25. Dez. 2027–1. Jan. 2028 – 20 Tage später",
        "Ramadan-Beginn: 18. Feb. 2026 → 8. Feb. 2027 – 10 Tage früher (Schätzung)",
        "Ramadan-Beginn: 8. Feb. 2027 – Umm-al-Qura-Tabelle (Saudi-Arabien)",
        "Diwali (Lichterfest): 29. Okt. 2027 – indische Tabelle (nach Drik Panchang)",
        "6. Abweichende Überlieferungen 2027",
        "Orthodox: Orthodoxes Weihnachtsfest: 7. Jan. 2027 – orthodox, julianischer Kalender",
        "anders: 25. Dez. 2027 – orthodox, neujulianischer Kalender",
        "keine – alle Termine sind berechnet.",
        "Noch kein früherer Stand für 2027",
        "Jüdisch: pruefbogen/pruefbogen-2027-jewish.html (12 Einträge)",
    ):
        assert expected in text
    assert "Gleiches Datum wie 2026:" in text and "Erster Weihnachtstag" in text
    out = project / "output" / "2027"
    assert result.outputs[0] == out / "bericht-2027.html"
    assert (out / ".holidays-2027.json").is_file()
    assert not list(out.rglob("*.part"))


def test_second_diff_finds_the_moved_date(project: Path) -> None:
    first = run_diff(project, 2027)
    assert "Noch kein früherer Stand" in first.text
    unchanged = run_diff(project, 2027)
    assert "Keine Änderungen seit dem Stand vom" in unchanged.text
    overrides = project / "content" / "overrides"
    overrides.mkdir(exist_ok=True)
    (overrides / "2027.yaml").write_text(EID_2027, encoding="utf-8")
    moved = run_diff(project, 2027)
    assert "1 Änderung seit dem Stand vom" in moved.text
    assert "verschoben: Fest des Fastenbrechens: 9.–11. März 2027 → 10.–12. März 2027" in moved.text
    assert ("Fest des Fastenbrechens: 10.–12. März 2027 (berechnet wäre: 9.–11. März 2027) – "
            "Zentralrat, 1. März 2027  [content/overrides/2027.yaml:2]") in moved.text
    assert ("Fest des Fastenbrechens: 20.–22. März 2026 → 10.–12. März 2027 – 10 Tage früher "
            "(bekanntgegeben)") in moved.text
    report = text_of(project / "output" / "2027" / "bericht-2027.html")
    assert "verschoben" in report and "10.–12. März 2027" in report and "Zentralrat, 1. März 2027" in report


SHEETS = [
    ("jewish", "Pessach", ("פסח", "Donnerstag, 22. April 2027 bis Donnerstag, 29. April 2027",
                           "Mittwoch, 21. April 2027, abends", "Chag Pessach Sameach")),
    ("jewish", "Chanukka (Lichterfest)", ("Samstag, 25. Dezember 2027 bis Samstag, 1. Januar 2028",)),
    ("islamic", "Ramadan-Beginn", ("Montag, 8. Februar 2027", "Geschätzter Termin – kann um einen Tag abweichen. "
                                   "Grundlage: Umm-al-Qura-Tabelle (Saudi-Arabien).")),
    ("orthodox", "Orthodoxes Weihnachtsfest", ("Donnerstag, 7. Januar 2027", "Grundlage",
                                               "orthodox, julianischer Kalender", "Andere Überlieferung",
                                               "25. Dez. 2027 – orthodox, neujulianischer Kalender",
                                               "Welcher Termin gilt in Ihrer Gemeinde?")),
    ("bahai", "Naw-Rúz", ("Grundlage", "Bahá'í-Weltzentrum, astronomisch ab 2015")),
    ("islamic", "Nacht der Himmelsreise (Miradsch)", ("Dienstag, 5. Januar 2027", "Samstag, 25. Dezember 2027")),
    ("christian", "Ostersonntag", ("Sonntag, 28. März 2027",)),
    ("hindu", "Diwali (Lichterfest)", ("Freitag, 29. Oktober 2027", "Grundlage: indische Tabelle (nach Drik Panchang)")),
]  # fmt: skip


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the output folder of one diff run on the sample project (run once per test run)."""

    def make(folder: Path) -> Path:
        run_diff(REPO, 2027, out_dir=folder / "out")
        return folder / "out"

    return once(tmp_path_factory, "review-2027", make)


@pytest.mark.parametrize(("category", "name", "expected"), SHEETS, ids=[f"{c}-{n}" for c, n, _ in SHEETS])
def test_sheet_contains_dates_and_texts(reviewed: Path, category: str, name: str, expected: tuple[str, ...]) -> None:
    text = text_of(reviewed / "pruefbogen" / f"pruefbogen-2027-{category}.html")
    assert name in text
    section = text[text.index(name):]
    for fragment in expected:
        assert fragment in section


@pytest.mark.parametrize("category", ["intercultural", "christian", "orthodox", "islamic", "alevi", "jewish",
                                      "hindu", "buddhist", "sikh", "bahai", "yazidi"])
def test_every_category_has_a_sheet_with_sign_off(reviewed: Path, category: str) -> None:
    path = reviewed / "pruefbogen" / f"pruefbogen-2027-{category}.html"
    text = text_of(path)
    assert "Prüfbogen 2027" in text and "Freigabe" in text
    sign_off = text.splitlines()[-5:]
    assert sign_off == ["Name", "Gemeinde", "Datum", "Unterschrift", "Korrekturen"]
    descriptions = [e.holiday for e in load_content(REPO).catalogue.entries if e.category == category]
    assert any(" ".join(h.description.split()) in text for h in descriptions)
    assert page(path).tags[0] == "html"


def test_sheet_escapes_content(project: Path) -> None:
    path = project / "content" / "holidays" / "buddhist.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    name: Vesakh (Buddha-Tag)", '    name: "Vesakh <script>x</script>"', 1),
                    encoding="utf-8")
    run_diff(project, 2027)
    html = (project / "output" / "2027" / "pruefbogen" / "pruefbogen-2027-buddhist.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_cli_diff(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "--year", "2027", "--root", str(project), "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    title = "Interkultureller Kalender – Angekommen im Main-Taunus-Kreis"
    assert captured.out.startswith(f"Prüfbericht 2027 – {title}\n")
    assert "geschrieben:" not in captured.out  # --quiet: the report only
    assert main(["diff", "--year", "2027", "--root", str(project)]) == 0
    captured = capsys.readouterr()
    assert f"geschrieben: {project / 'output' / '2027' / 'bericht-2027.html'}" in captured.out
    assert "geschrieben: 11 Prüfbögen in" in captured.out


CLI_FAILURES = [
    ("unsupported-year", ["--year", "2100"], None, "--year: Fehler: Das Jahr 2100 wird nicht unterstützt", 1),
    ("broken-override", ["--year", "2027"], "overrides:\n  - id: eid-al-fitr\n    start: 2028-03-10\n",
     "content/overrides/2027.yaml:3: Fehler: Das Datum 10. März 2028 liegt nicht im Jahr 2027 dieser Datei.", 1),
    ("missing-template", ["--year", "2027"], None, "templates/review/pruefbogen.html.j2: Fehler: Vorlage fehlt", 1),
    ("bad-year", ["--year", "zwanzig"], None, "'zwanzig' ist keine Jahreszahl", 2),
]  # fmt: skip


@pytest.mark.parametrize(("case", "args", "override", "message", "code"), CLI_FAILURES,
                         ids=[c[0] for c in CLI_FAILURES])
def test_cli_diff_failures_write_nothing(project: Path, capsys: pytest.CaptureFixture[str], case: str,
                                        args: list[str], override: str | None, message: str, code: int) -> None:
    if override:
        (project / "content" / "overrides").mkdir(exist_ok=True)
        (project / "content" / "overrides" / "2027.yaml").write_text(override, encoding="utf-8")
    if case == "missing-template":
        (project / "templates" / "review" / "pruefbogen.html.j2").unlink()
    try:
        returned = main(["diff", "--root", str(project), *args])
    except SystemExit as exc:  # argparse stops on misuse
        returned = int(exc.code or 0)
    assert returned == code
    assert message in capsys.readouterr().err
    assert not (project / "output").exists()


def test_year_ahead_report_lists_contested_dates_with_their_bases(project: Path) -> None:
    """Vesak 2026: Thailand & co. 31 May, India 1 May (holidays package tables); Ramadan 1447: Umm al-Qura
    18 Feb, Diyanet 19 Feb 2026 (Diyanet, Dini Günler 2026)."""
    text = run_diff(project, 2026).text
    section = text[text.index("6. Abweichende Überlieferungen 2026"):]
    assert ("Buddhistisch: Vesakh (Buddha-Tag): 31. Mai 2026 – Vesakh wie in Thailand, Vietnam, Malaysia und "
            "Singapur (Tabelle)") in section
    assert "anders: 1. Mai 2026 – Buddha Purnima, indische Tabelle (nach Drik Panchang)" in section
    assert "Muslimisch: Ramadan-Beginn: 18. Feb. 2026 – Umm-al-Qura-Tabelle (Saudi-Arabien)" in section
    assert "anders: 19. Feb. 2026 – Diyanet (Istanbul 2016), wie die DITIB-Gemeinden" in section
    # a date all traditions agree on is not listed
    assert "Ostersonntag" not in section and "Pessach" not in section
    report = text_of(project / "output" / "2026" / "bericht-2026.html")
    assert "Abweichende Überlieferungen 2026" in report and "Buddha Purnima" in report
