"""The communities' review sheets in the edition's language (`diff --language`); the editor's report stays German."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from calendar_build.cli import main
from calendar_build.i18n.dates import Dates
from calendar_build.i18n.languages import LANGUAGES
from calendar_build.review import run_diff
from tests.conftest import REPO

# The sheet's German labels (templates/review/pruefbogen.html.j2), none of which may be left in another language.
GERMAN_LABELS = ("Prüfbogen", "Originalname", "Beginnt am Vorabend", "Grundlage", "Beschreibung", "Freigabe",
                 "Unterschrift", "Korrekturen", "Geschätzter Termin", "abends", " bis ")


def _text(page: Path) -> str:
    body = page.read_text(encoding="utf-8").split("<body>", 1)[1]
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", body).split()))


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "de"])
def test_the_sheets_speak_the_language_and_the_report_stays_german(code: str, tmp_path: Path) -> None:
    result = run_diff(REPO, 2027, out_dir=tmp_path, language=code)
    report, *sheets = result.outputs
    assert sheets and all(s.name.endswith(f"-{code}.html") for s in sheets)
    islamic = tmp_path / "pruefbogen" / f"pruefbogen-2027-islamic-{code}.html"
    assert f'<html lang="{code}" dir="{LANGUAGES[code].direction}">' in islamic.read_text(encoding="utf-8")
    text = _text(islamic)
    assert not [w for w in GERMAN_LABELS if w in text]
    assert sum(text.count(weekday) for weekday in Dates(code).weekdays) >= 9  # every date says its weekday
    assert _text(report).startswith("Prüfbericht 2027")  # the editor's report: German, linking the sheets
    assert f"pruefbogen-2027-islamic-{code}.html" in report.read_text(encoding="utf-8")


def test_the_cli_takes_the_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    for name in ("content", "templates"):
        shutil.copytree(REPO / name, tmp_path / name)
    assert main(["diff", "--root", str(tmp_path), "--year", "2027", "--language", "fa", "--quiet"]) == 0
    assert (tmp_path / "output" / "2027" / "pruefbogen" / "pruefbogen-2027-bahai-fa.html").is_file()
    assert capsys.readouterr().err == ""
