"""Messages German through and through: plurals, help, quiet, German dates, 'Meinten Sie …?', gender."""

from __future__ import annotations

import shutil
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from calendar_build.cli import build_parser, main
from calendar_build.errors import count, problem_summary, suggestion
from calendar_build.pages.model import Shortening
from calendar_build.pipeline import BuildReport
from calendar_build.products import PRODUCTS
from calendar_build.portraits.loader import balance_message, balanced
from calendar_build.variants import print_report
from tests.cli.conftest import PRODUCTS as PRODUCTS_CHECKED
from tests.cli.conftest import CliRunner
from tests.cli.test_bad_input import O, P1, P2, line, replace, write


@pytest.mark.parametrize(("number", "expected"), [(0, "0 Warnungen"), (1, "1 Warnung"), (2, "2 Warnungen")])
def test_count(number: int, expected: str) -> None:
    assert count(number, "Warnung", "Warnungen") == expected


def test_summary_has_singular_and_plural() -> None:
    assert problem_summary(1, 1) == "1 Fehler, 1 Warnung"
    assert problem_summary(2, 0) == "2 Fehler, 0 Warnungen"


def test_build_report_in_german_singular(capsys: pytest.CaptureFixture[str]) -> None:
    report = BuildReport(pages=1, shortenings=(Shortening("2028-03-22", ("Nouruz",), ("Holi",)),))
    print_report(PRODUCTS["print-a3"], report)
    out, err = capsys.readouterr()
    assert out.endswith("Druck-PDF A3: 1 Seite in 0.0 s, 0 Warnungen.\n")
    assert err == "Gekürzt am 22. März 2028: Nouruz; in die Liste verschoben: Holi\n"
    print_report(PRODUCTS["print-a3"], report, quiet=True)
    assert capsys.readouterr() == ("", "")


def test_build_report_names_the_pages_set_compact(capsys: pytest.CaptureFixture[str]) -> None:
    report = BuildReport(pages=26, compacted=((11, "Oktober"), (14, "")))
    print_report(PRODUCTS["print-a4"], report)
    assert capsys.readouterr().err == ("Enger gesetzt (Druck-PDF A4): Seite 11 (Oktober), Seite 14 – nur so passen ihre "
                                       "Texte in die Rahmen (die „compact“-Werte in templates/theme.css).\n")


@pytest.mark.full
def test_check_names_the_page_that_fits_only_compact(sample: Path, cli: CliRunner) -> None:
    """The 2027 sample's October in Ukrainian on an A4 screen: the legend reached into the feast list."""
    run = cli("check", sample, "--product", "screen-a4", "--language", "uk")
    assert run.code == 0, run.err
    assert run.lines == ["Enger gesetzt (Bildschirm-PDF A4): Seite 11 (Oktober) – nur so passen ihre Texte in die "
                         "Rahmen (die „compact“-Werte in templates/theme.css)."]


ENGLISH = ("usage:", "options:", "positional arguments", "show this help", "optional arguments",
           "PAGES", "ROOT", "YEAR")  # argparse's metavars from the option names (serve said '--pages PAGES')


@pytest.mark.parametrize("command", [None, "build", "check", "holidays", "new-edition", "diff", "preview", "ics",
                                     "watch", "preflight", "site", "clashes", "serve"])
def test_help_is_german(command: str | None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([command, "--help"] if command else ["--help"])
    assert stopped.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("Aufruf: calendar-build")
    assert "diese Hilfe zeigen und beenden" in text
    assert not [word for word in ENGLISH if word in text]


@pytest.mark.parametrize(("command", "heading", "positional"), [
    (None, "Befehle:", "BEFEHL"), ("clashes", "Dateien:", "TERMINE"), ("preflight", "Dateien:", "DATEI.pdf"),
])  # fmt: skip
def test_help_heads_files_as_files(command: str | None, heading: str, positional: str,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    """The file a command reads is listed under 'Dateien', not under 'Befehle' as it was."""
    with pytest.raises(SystemExit):
        main([command, "--help"] if command else ["--help"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[lines.index(heading) + 1].split()[0] == positional
    assert command is None or "Befehle:" not in lines


@pytest.mark.parametrize(("argv", "last_line"), [
    (["check", "--yaer", "2028"], "calendar-build: Fehler: unbekannte Angaben: --yaer 2028 – Meinten Sie '--year'?"),
    (["build", "--strcit"], "calendar-build: Fehler: unbekannte Angaben: --strcit – Meinten Sie '--strict'?"),
    (["build", "--varaint=screen"], "calendar-build: Fehler: unbekannte Angaben: --varaint=screen – Meinten Sie "
                                    "'--variant'?"),
    (["check", "--foo"], "calendar-build: Fehler: unbekannte Angaben: --foo"),  # nothing close: no guess
])  # fmt: skip
def test_misspelt_option_gets_a_suggestion(argv: list[str], last_line: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == last_line


@pytest.mark.parametrize(("argv", "hint"), [
    (["buld"], "Meinten Sie 'build'?"),
    (["build", "--variant", "prnt"], "Meinten Sie 'print'?"),
])  # fmt: skip
def test_misspelt_choice_gets_a_suggestion(argv: list[str], hint: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[0].startswith("Aufruf: ") and err.rstrip().endswith(hint)


@pytest.mark.parametrize(("word", "choices", "expected"), [
    ("eid-al-fitrr", ["eid-al-fitr", "eid-al-adha"], " Meinten Sie 'eid-al-fitr'?"),
    ("Eid-Al-Fitr", ["eid-al-fitr"], " Meinten Sie 'eid-al-fitr'?"),
    ("ramadan", ["eid-al-fitr"], ""),  # nothing close: no guess
    ("eid-al-fitr", ["eid-al-fitr"], ""),
])  # fmt: skip
def test_suggestion(word: str, choices: list[str], expected: str) -> None:
    assert suggestion(word, choices) == expected


def test_quiet_commands_print_nothing_when_all_is_well(sample: Path, cli: CliRunner) -> None:
    run = cli("check", sample, "--quiet")
    assert (run.code, run.out, run.err) == (0, "", "")
    run = cli("ics", sample, "--quiet")
    assert (run.code, run.out, run.err) == (0, "", "")
    run = cli("new-edition", sample, "--quiet", year="2028")
    assert (run.code, run.out, run.err) == (0, "", "")


def test_quiet_check_still_prints_problems(sample: Path, cli: CliRunner) -> None:
    replace(P2, "gender: male", "gender: female")(sample)
    run = cli("check", sample, "--quiet")
    assert run.lines == ["portraits/2027: Warnung: 7 Frauen und 5 Männer – vorgesehen sind sechs und sechs."]
    assert run.out == f"Prüfung 2027 ({PRODUCTS_CHECKED}): 0 Fehler, 1 Warnung.\n"


def test_misspelt_override_id(sample: Path, cli: CliRunner) -> None:
    write(O, "overrides:\n  - id: eid-al-fitrr\n    start: 2027-03-10\n")(sample)
    run = cli("check", sample)
    assert (f"{O}:2: Fehler: Unbekannter Feiertag 'eid-al-fitrr' – die Kennung muss in content/holidays/ stehen. "
            f"Meinten Sie 'eid-al-fitr'?") in run.lines


def test_photo_name_in_another_case_is_used_with_a_warning(sample: Path, cli: CliRunner) -> None:
    folder = sample / "portraits" / "2027"
    shutil.move(folder / "01-selam-tesfamariam.jpg", folder / "01-Selam-Tesfamariam.JPG")
    run = cli("check", sample)
    assert run.code == 0, run.err
    assert run.lines == [f"{P1}:{line(P1, 'photo:')}: Warnung: Foto '01-selam-tesfamariam.jpg' heißt im Ordner "
                         f"'01-Selam-Tesfamariam.JPG' (andere Groß- und Kleinschreibung) – verwendet wird "
                         f"'01-Selam-Tesfamariam.JPG'. Bitte den Namen bei 'photo' genau so schreiben: Auf anderen "
                         f"Rechnern (Linux, Druckerei) würde das Foto sonst fehlen."]


def test_umlauts_written_the_mac_way_are_the_same_letters(sample: Path, cli: CliRunner) -> None:
    """A Mac writes 'ö' as 'o' + U+0308 (NFD) in file names and pasted text; an editor types 'ö' (NFC).

    Both look alike: before, the photo 'fehlt … Meinten Sie' itself, and the town was unknown though listed.
    """
    folder = sample / "portraits" / "2027"
    shutil.move(folder / "01-selam-tesfamariam.jpg", folder / unicodedata.normalize("NFD", "01-selam-schön.jpg"))
    replace(P1, "photo: 01-selam-tesfamariam.jpg", "photo: 01-selam-schön.jpg")(sample)
    replace(P2, "town: Flörsheim am Main", f"town: {unicodedata.normalize('NFD', 'Flörsheim am Main')}")(sample)
    run = cli("check", sample)
    assert run.code == 0, run.err
    assert run.lines == []


@pytest.mark.parametrize(("written", "saved_as", "rename_to"), [
    # Windows hid the '.txt' the editor saved with
    ("portraits/2027/01-selam-tesfamariam.yaml", "01-selam-tesfamariam.yaml.txt", "01-selam-tesfamariam.yaml"),
    ("portraits/2027/01-selam-tesfamariam.yaml", "01-selam-tesfamariam.yml", "01-selam-tesfamariam.yaml"),
    ("portraits/2027/01-selam-tesfamariam.yaml", "01-selam-tesfamariam.YAML", "01-selam-tesfamariam.yaml"),
    ("content/overrides/2027.yaml", "2027.yml", "2027.yaml"),  # the announced dates were left out silently
    ("content/holidays/yazidi.yaml", "yazidi.yaml.txt", "yazidi.yaml"),
    ("content/school-holidays/2027.yaml", "2027.YAML", "2027.yaml"),
])  # fmt: skip
def test_a_file_not_ending_in_yaml_is_named(written: str, saved_as: str, rename_to: str, sample: Path,
                                            cli: CliRunner) -> None:
    """Before, such a file was skipped without a word (portraits: only 'Es sind 11 Porträts')."""
    path = sample / written
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text("overrides: []\n" if "overrides" in written else
                        "source: Kultusministerium\nholidays:\n  - {name: Herbstferien, start: 2027-10-04, "
                        "end: 2027-10-16}\n", encoding="utf-8")
    shutil.move(path, path.with_name(saved_as))
    run = cli("check", sample)
    assert run.code == 1
    assert (f"{Path(written).parent.as_posix()}/{saved_as}: Fehler: Die Datei wird nicht gelesen – sie muss auf "
            f"'.yaml' enden. Bitte in '{rename_to}' umbenennen (oder entfernen, wenn sie nicht gebraucht wird)."
            ) in run.lines, run.err


@pytest.mark.full
def test_same_person_twice_is_a_warning(sample: Path, cli: CliRunner) -> None:
    """A portrait file copied for the next month, its name not changed: before, two pages of one person, no word."""
    replace(P2, "name: Hasan Demir", "name: selam  Tesfamariam")(sample)
    run = cli("check", sample)
    assert run.code == 0, run.err
    assert (f"{P2}:{line(P2, 'name:')}: Warnung: 'selam  Tesfamariam' steht schon in {P1} – dieselbe Person zweimal? "
            f"Jede Person bitte nur einmal; sonst den Namen prüfen.") in run.lines, run.err


def test_misspelt_photo_name_gets_a_suggestion(sample: Path, cli: CliRunner) -> None:
    replace(P1, "photo: 01-selam-tesfamariam.jpg", "photo: 01-selam-tesfamarian.jpg")(sample)
    run = cli("check", sample)
    assert any(l.endswith("fehlt – erwartet in portraits/2027/. Meinten Sie '01-selam-tesfamariam.jpg'?")
               for l in run.lines), run.err


@pytest.mark.parametrize(("female", "male", "divers", "ok"), [
    (6, 6, 0, True), (7, 5, 0, False), (6, 5, 1, True), (5, 5, 2, True), (6, 4, 2, True), (7, 4, 1, False),
    (4, 4, 4, True), (6, 3, 3, True), (6, 2, 4, True),
])  # fmt: skip
def test_gender_balance_with_divers(female: int, male: int, divers: int, ok: bool) -> None:
    assert balanced(Counter(female=female, male=male, divers=divers), 12) is ok  # twelve portraits


def test_balance_message_names_divers() -> None:
    assert balance_message(Counter(female=7, male=4, divers=1), 12).startswith(
        "7 Frauen, 4 Männer und 1 Person divers – vorgesehen sind höchstens sechs Frauen")


def test_divers_is_accepted(sample: Path, cli: CliRunner) -> None:
    replace(P2, "gender: male", "gender: divers")(sample)
    replace(P1, "gender: female", "gender: male")(sample)  # 5 women, 6 men, 1 divers: balanced
    assert cli("check", sample).code == 0
