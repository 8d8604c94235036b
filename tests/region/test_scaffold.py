"""`new-edition --region DE-BY --name "Landkreis …"`: a new project folder that checks as far as it can."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from calendar_build.cli import main
from calendar_build.content.loader import load_content
from calendar_build.content.schema import Edition
from calendar_build.errors import Problems
from calendar_build.i18n.content import localize
from calendar_build.region.view import region_view
from pydantic import ValidationError

from tests.conftest import REPO


def test_new_project_for_a_bavarian_district(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796169600")  # 2026-12-02
    root = tmp_path / "landkreis"
    code = main(["new-edition", "--root", str(root), "--year", "2028", "--region", "DE-BY",
                 "--name", "Landkreis Musterland"])
    assert code == 0, capsys.readouterr().err
    content = load_content(root)
    assert content.edition.region == "DE-BY"
    assert content.edition.district == "Landkreis Musterland"
    assert content.edition.year == 2028
    # the "Stand" is written, as for every new edition: without it each build printed the day it ran
    assert content.edition.document_date == dt.date(2026, 12, 2)
    # no town yet: the heading of a template ends with the month, not with a dash
    first = (root / "portraits" / "2028" / "01-portraet.yaml").read_text(encoding="utf-8")
    assert first.startswith("# Porträt für Januar 2028\n")
    assert len(list((root / "portraits" / "2028").glob("*.yaml"))) == 12
    assert (root / "templates" / "theme.css").is_file()
    assert "möglich: Mariä Himmelfahrt, Augsburger Hohes Friedensfest" in (root / "content" / "edition.yaml").read_text(
        encoding="utf-8")
    assert region_view(content, 2028).legal_line == "Sonntage und gesetzliche Feiertage in Bayern sind rot gedruckt."


def test_never_over_an_existing_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["new-edition", "--root", str(tmp_path), "--year", "2028", "--region", "AT-9", "--name", "Wien"]
    assert main(args) == 0
    before = (tmp_path / "content" / "edition.yaml").read_bytes()
    capsys.readouterr()
    assert main(args) == 1
    assert "content/edition.yaml: Fehler: Gibt es schon – new-edition --region legt nur neue Projekte an." in \
        capsys.readouterr().err
    assert (tmp_path / "content" / "edition.yaml").read_bytes() == before


@pytest.mark.parametrize(("extra", "message"), [
    (["--region", "DE-XX", "--name", "X"], "--region DE-XX ist unbekannt"),
    (["--region", "DE-BY", "--name", " "], "--name braucht den Namen"),
    (["--name", "Kreis X"], "calendar-build: Fehler: --name braucht dazu --region: das Land der Ausgabe, z. B. "
                            "--region DE-BY."),  # it said '--region  ist unbekannt'
    (["--region", "DEBY", "--name", "X"], "Meinten Sie 'DE-BY'?"),
])
def test_bad_arguments_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str],
                                        message: str) -> None:
    assert main(["new-edition", "--root", str(tmp_path), "--year", "2028", *extra]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "content").exists()


def test_region_in_small_letters_is_the_region(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'--region de-by' was refused as unknown."""
    root = tmp_path / "landkreis"
    code = main(["new-edition", "--root", str(root), "--year", "2028", "--region", "de-by", "--name", "Landkreis X"])
    assert code == 0, capsys.readouterr().err
    assert load_content(root).edition.region == "DE-BY"


def test_school_exemption_needs_its_legal_source() -> None:
    with pytest.raises(ValidationError):
        Edition.model_validate({"school_exemption": {"text": "Schülerinnen und Schüler können freigestellt werden."}})


def english_problems(root: Path) -> list[str]:
    """Return the problems of reading the project's content in English (the translation stage of check)."""
    problems = Problems()
    localize(load_content(root), "en", problems)
    return [p.render() for p in problems.items]


SAMPLE_COPIES = [
    # (what the editor did after new-edition --region DE-NI, the problems of the English edition)
    # nothing: the catalogue's translations are there, the region's own words are asked for; before, the folder
    # was missing altogether ("Ordner fehlt"), and copying the program's folder was the way out
    ("nothing", None,
     ["content/translations/en/region.yaml:5: Fehler: 'region' ist noch leer – bitte ausfüllen."]),
    # the program's own region.yaml and edition.yaml copied in: before, "in Hesse", "Arrived in the Main-Taunus
    # district" and "(sample edition)" were printed on the pages of Lower Saxony's edition without a word
    ("sample-copied", ("region.yaml", "edition.yaml"),
     ["content/translations/en/edition.yaml:3: Fehler: 'motto' ist noch die Übersetzung der Musterausgabe („Arrived "
      "in the Main-Taunus district“), auf Deutsch steht aber „Angekommen – Landkreis X“ – bitte neu übersetzen oder "
      "die Zeile löschen (dann wird der deutsche Text gedruckt).",
      "content/translations/en/edition.yaml:4: Fehler: 'publisher' ist noch die Übersetzung der Musterausgabe",
      "content/translations/en/edition.yaml:5: Fehler: 'imprint' ist noch die Übersetzung der Musterausgabe",
      "content/translations/en/region.yaml:4: Fehler: Diese Übersetzung gilt für Hessen (DE-HE), die Ausgabe für "
      "Niedersachsen (DE-NI, region in content/edition.yaml) – bitte 'region' und 'terms' für Niedersachsen "
      "übersetzen und 'code: DE-NI' eintragen."]),
]  # fmt: skip


@pytest.mark.parametrize(("case", "copied", "expected"), SAMPLE_COPIES, ids=[c[0] for c in SAMPLE_COPIES])
def test_translations_of_a_new_project(tmp_path: Path, case: str, copied: tuple[str, ...] | None,
                                       expected: list[str]) -> None:
    root = tmp_path / "landkreis"
    assert main(["new-edition", "--root", str(root), "--year", "2028", "--region", "DE-NI", "--name", "Landkreis X",
                 "--quiet"]) == 0
    for name in copied or ():
        shutil.copyfile(REPO / "content" / "translations" / "en" / name,
                        root / "content" / "translations" / "en" / name)
    found = english_problems(root)
    assert len(found) == len(expected), found
    assert all(line.startswith(start) for line, start in zip(sorted(found), expected)), found


def test_quiet_new_project_prints_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--quiet listed every copied file of the new project ('angelegt: …/templates')."""
    assert main(["new-edition", "--root", str(tmp_path / "kreis"), "--year", "2028", "--region", "DE-NI", "--name",
                 "Landkreis X", "--quiet"]) == 0
    assert capsys.readouterr().out == ""
