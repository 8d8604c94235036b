"""`new-edition --region DE-BY --name "Landkreis …"`: a new project folder that checks as far as it can."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from calendar_build.cli import main
from calendar_build.content.loader import load_content
from calendar_build.content.schema import Edition
from calendar_build.region.view import region_view
from pydantic import ValidationError


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
