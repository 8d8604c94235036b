"""Hostile templates, odd files, values of the wrong type: nothing breaks out, hangs, crashes or slips through.

Each row changes a fresh copy of the sample project in one way and runs `calendar-build check`
in-process; the expected German lines are matched exactly. The sandbox rows are the escapes
known for Jinja2 (its documentation, "Sandbox": attributes starting with an underscore are
refused); they must neither run a command nor read a file from outside the project.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import CliRunner, assert_clean_failure
from tests.cli.test_bad_input import CSS, MONTH, append, both, delete, end, line, replace, write

Edit = Callable[[Path], None]
COVER = "templates/pages/cover.html.j2"
THEME = "templates/theme.css"
CATEGORIES = "content/categories.yaml"
HOLIDAYS = "content/holidays/christian.yaml"
EDITION = "content/edition.yaml"
PHOTO = "portraits/2027/01-selam-tesfamariam.jpg"
PORTRAIT = "portraits/2027/01-selam-tesfamariam.yaml"
COVER_END = len((Path(__file__).resolve().parents[2] / COVER).read_text(encoding="utf-8").splitlines()) + 1
INTERNALS = ("Die Vorlage greift auf '{}' zu, ein Innenleben von Python – Vorlagen dürfen nur die Kalenderdaten "
             "ausgeben; bitte den Ausdruck entfernen.")
FIFO = "Dies ist eine benannte Pipe (FIFO), keine gewöhnliche Datei – bitte eine gewöhnliche Datei an diese Stelle legen."
FOLDER = "Dies ist ein Ordner, keine gewöhnliche Datei – bitte eine gewöhnliche Datei an diese Stelle legen."
LOOP = "Symlink-Schleife (der Verweis zeigt auf sich selbst)."
FEAST = "  - id: test-feast\n    name: Testfest\n    rule: {rule}\n    description: Ein Fest zum Prüfen.\n{extra}"


def fifo(name: str) -> Edit:
    """Replace a file by a named pipe nobody writes to (a read would wait forever)."""
    def edit(root: Path) -> None:
        (root / name).unlink()
        os.mkfifo(root / name)
    return edit


def folder(name: str) -> Edit:
    """Replace a file by an empty folder."""
    def edit(root: Path) -> None:
        (root / name).unlink()
        (root / name).mkdir()
    return edit


def loop(name: str) -> Edit:
    """Replace a file by a symlink to itself."""
    def edit(root: Path) -> None:
        (root / name).unlink()
        (root / name).symlink_to((root / name).name)
    return edit


def cover(text: str) -> Edit:
    """Append a line to the cover template."""
    return append(COVER, text + "\n")


def at_cover(message: str) -> list[str]:
    """Return the expected error on the appended cover line."""
    return [f"{COVER}:{COVER_END}: Fehler: {message}"]


# (case, edit, expected stderr lines before the summary)
CASES: list[tuple[str, Edit, list[str]]] = [
    ("cycler-globals-os-system", cover("{{ cycler.__init__.__globals__.os.system('touch escaped') }}"),
     at_cover(INTERNALS.format("__init__"))),
    ("joiner-globals", cover("{{ joiner.__init__.__globals__['os'].popen('id').read() }}"),
     at_cover(INTERNALS.format("__init__"))),
    ("lipsum-builtins-open", cover("{{ lipsum.__globals__['__builtins__']['open']('/etc/hostname').read() }}"),
     at_cover("Unbekannter Name in der Vorlage: 'lipsum' ist nicht definiert.")),
    ("string-class-subclasses", cover("{{ ''.__class__.__mro__[1].__subclasses__() }}"),
     at_cover(INTERNALS.format("__class__"))),
    ("attr-filter", cover("{{ cal|attr('__class__') }}"), at_cover(INTERNALS.format("__class__"))),
    ("self-internals", cover("{{ self.__init__ }}"), at_cover(INTERNALS.format("__init__"))),
    ("format-string-internals", cover("{{ '{0.__class__}'.format(cal) }}"), at_cover(INTERNALS.format("__class__"))),
    ("data-changed", cover("{{ cal.__dict__.update(x=1) }}"), at_cover(INTERNALS.format("__dict__"))),
    ("string-repeated", cover("{{ 'x' * 100000000 }}"),
     at_cover("In Vorlagen nicht erlaubt: Wiederholung mit '*' ergibt mehr als 1000000 Zeichen.")),
    ("huge-power", cover("{{ 9 ** 99999999 }}"),
     at_cover("In Vorlagen nicht erlaubt: Potenz mit '**' ist zu groß (Exponent höchstens 64).")),
    ("huge-range", cover("{{ range(10 ** 9)|list }}"),
     at_cover("range() ist in der Vorlage zu groß – höchstens 100000 Schritte.")),
    ("includes-itself", cover("{% include 'pages/cover.html.j2' %}"),
     at_cover("Die Vorlage bindet sich selbst ein (pages/cover.html.j2 → pages/cover.html.j2) – das endet nie; "
              "bitte den Verweis entfernen.")),
    ("extends-itself", cover("{% extends 'pages/cover.html.j2' %}"),
     at_cover("Die Vorlage bindet sich selbst ein (pages/cover.html.j2 → pages/cover.html.j2) – das endet nie; "
              "bitte den Verweis entfernen.")),
    ("include-cycle", both(cover("{% include 'pages/a.html.j2' %}"),
                           write("templates/pages/a.html.j2", "\n{% include 'pages/cover.html.j2' %}\n")),
     at_cover("Die Vorlage bindet sich selbst ein (pages/a.html.j2 → pages/cover.html.j2 → pages/a.html.j2) – "
              "das endet nie; bitte den Verweis entfernen.")),
    ("include-chain-too-deep", both(cover("{% include 'pages/d1.j2' %}"),
                                    *[write(f"templates/pages/d{n}.j2", f"{{% include 'pages/d{n + 1}.j2' %}}")
                                      for n in range(1, 9)], write("templates/pages/d9.j2", "")),
     ["templates/pages/d6.j2:1: Fehler: Vorlagen sind tiefer als 8 Ebenen verschachtelt (calendar.html.j2 → "
      "pages/cover.html.j2 → pages/d1.j2 → pages/d2.j2 → pages/d3.j2 → pages/d4.j2 → pages/d5.j2 → pages/d6.j2 → "
      "pages/d7.j2)."]),
    ("macro-calls-itself", cover("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"),
     at_cover("Die Vorlage ruft sich ohne Ende selbst auf (Makro-Rekursion) – bitte den Selbstaufruf entfernen.")),
    ("fifo-holidays", fifo(HOLIDAYS), [f"{HOLIDAYS}: Fehler: {FIFO}"]),
    ("fifo-categories", fifo(CATEGORIES), [f"{CATEGORIES}: Fehler: {FIFO}"]),
    ("fifo-edition", fifo(EDITION), [f"{EDITION}: Fehler: {FIFO}"]),
    ("fifo-theme", fifo(THEME), [f"{THEME}: Fehler: {FIFO}"]),
    ("fifo-stylesheet", fifo(CSS), [f"{CSS}: Fehler: {FIFO}"]),
    ("fifo-template", fifo(MONTH), [f"{MONTH}: Fehler: {FIFO}"]),
    ("fifo-photo", fifo(PHOTO),
     [f"{PORTRAIT}:{line(PORTRAIT, 'photo:')}: Fehler: Foto '01-selam-tesfamariam.jpg': {FIFO}"]),
    ("folder-theme", folder(THEME), [f"{THEME}: Fehler: {FOLDER}"]),
    ("loop-holidays", loop(HOLIDAYS), [f"{HOLIDAYS}: Fehler: {LOOP}"]),
    ("loop-edition", loop(EDITION), [f"{EDITION}: Fehler: {LOOP}"]),
    ("loop-template", loop(MONTH), [f"{MONTH}: Fehler: {LOOP}"]),
    ("loop-photo", loop(PHOTO),
     [f"{PORTRAIT}:{line(PORTRAIT, 'photo:')}: Fehler: Foto '01-selam-tesfamariam.jpg': {LOOP}"]),
    ("missing-theme", delete(THEME), [f"{THEME}: Fehler: Datei fehlt oder kann nicht gelesen werden."]),
    # values of the wrong type or far off: an error with file and line, never read as something else
    ("duration-true", append(HOLIDAYS, FEAST.format(rule="{kind: fixed, month: 5, day: 2}", extra="    duration: true\n")),
     [f"{HOLIDAYS}:{end(HOLIDAYS) + 4}: Fehler: 'holidays.duration' muss eine ganze Zahl sein, nicht true."]),
    ("eve-yes-string", append(HOLIDAYS, FEAST.format(rule="{kind: fixed, month: 5, day: 2}", extra="    eve: 'yes'\n")),
     [f"{HOLIDAYS}:{end(HOLIDAYS) + 4}: Fehler: 'holidays.eve' muss true oder false sein, nicht 'yes'."]),
    ("dates-far-from-year", append(HOLIDAYS, FEAST.format(rule="{kind: dates, dates: {2027: 9999-12-31}}", extra="")),
     [f"{HOLIDAYS}:{end(HOLIDAYS) + 2}: Fehler: 'holidays.rule.dates': das Datum 9999-12-31 gehört nicht zum Jahr "
      "2027."]),
    ("dates-year-9999", append(HOLIDAYS, FEAST.format(rule="{kind: dates, dates: {9999: 9999-12-31}}", extra="")),
     [f"{HOLIDAYS}:{end(HOLIDAYS) + 2}: Fehler: 'holidays.rule.dates' darf höchstens 3000 sein, nicht "
      "9999."]),
    ("override-ends-in-9999", write("content/overrides/2027.yaml", "overrides:\n  - id: epiphany\n    start: 2027-01-06\n"
                                    "    end: 9999-12-31\n"),
     ["content/overrides/2027.yaml:4: Fehler: Das Ende 9999-12-31 liegt mehr als 40 Tage nach dem Beginn – bitte "
      "'end' prüfen."]),
    ("explanation-columns-0", replace(THEME, "--explanation-columns: 3;", "--explanation-columns: 0;"),
     [f"{THEME}:{line(THEME, '--explanation-columns:')}: Fehler: '--explanation-columns' muss eine ganze Zahl von 1 "
      "bis 6 sein, nicht '0'."]),
]



@pytest.mark.parametrize(("case", "edit", "expected"), CASES, ids=[row[0] for row in CASES])
def test_check_refuses_hostile_input(case: str, edit: Edit, expected: list[str], sample: Path, cli: CliRunner,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    edit(sample)
    monkeypatch.chdir(sample)  # where a `touch escaped` would land
    run = cli("check", sample)
    assert_clean_failure(run)
    assert run.lines == expected, run.err
    assert not (sample / "escaped").exists()
    assert "localhost" not in run.out + run.err and os.uname().nodename not in run.err


@pytest.mark.full
def test_dates_for_other_years_only_is_a_warning(sample: Path, cli: CliRunner) -> None:
    append(HOLIDAYS, FEAST.format(rule="{kind: dates, dates: {2026: 2026-05-01, 2028: 2028-05-01}}", extra=""))(sample)
    run = cli("check", sample)
    assert run.code == 0
    assert run.lines == [f"{HOLIDAYS}:{end(HOLIDAYS)}: Warnung: 'test-feast': In 'dates' steht kein Datum für 2027 "
                         "(nur für 2026, 2028) – der Feiertag fehlt in diesem Kalender."]
