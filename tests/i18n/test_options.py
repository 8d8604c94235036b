"""The language as an edition setting and a build option: file names, ICS in the language, bad values."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from icalendar import Calendar

from calendar_build.cli import main
from calendar_build.export.write import stale_ics
from calendar_build.products import PRODUCTS
from calendar_build.stages.options import BuildOptions
from tests.conftest import REPO


@pytest.mark.parametrize(("product", "language", "name"), [
    ("print-a3", "de", "calendar-2027-print-a3.pdf"),
    ("print-a3", "tr", "calendar-2027-print-a3-tr.pdf"),
    ("screen", "ar", "calendar-2027-screen-ar.pdf"),
    ("screen-a4", "fa", "calendar-2027-screen-a4-fa.pdf"),
])
def test_output_names_carry_the_language_unless_german(product: str, language: str, name: str) -> None:
    options = BuildOptions(root=Path("/p"), year=2027, product=PRODUCTS[product], language=language)
    assert options.target.name == name


def _project(tmp_path: Path, language: str | None = None) -> Path:
    shutil.copytree(REPO / "content", tmp_path / "content")
    if language:
        edition = tmp_path / "content" / "edition.yaml"
        edition.write_text(edition.read_text(encoding="utf-8") + f"language: {language}\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("setting", "option", "expected"), [
    (None, "uk", "uk"),  # --language
    ("tr", None, "tr"),  # language: in edition.yaml
    ("tr", "en", "en"),  # the command line wins
])
def test_ics_in_the_editions_language(tmp_path: Path, setting: str | None, option: str | None, expected: str) -> None:
    root = _project(tmp_path, setting)
    out = tmp_path / "out"
    assert main(["ics", "--root", str(root), "--year", "2027", "--out", str(out), "--quiet"]
                + (["--language", option] if option else [])) == 0
    combined = Calendar.from_ical((out / f"holidays-2027-{expected}.ics").read_bytes())
    assert str(combined["X-WR-LANGUAGE"]) == expected
    assert (out / f"holidays-2027-jewish-{expected}.ics").is_file()
    assert not (out / "holidays-2027.ics").exists()


def test_ics_texts_are_translated(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["ics", "--root", str(REPO), "--year", "2027", "--out", str(out), "--language", "en", "--quiet"]) == 0
    events = {str(e["UID"]): e for e in Calendar.from_ical((out / "holidays-2027-en.ics").read_bytes()).walk("VEVENT")}
    easter = events["easter-sunday-2027@calendar-build"]
    assert str(easter["SUMMARY"]) == "Easter Sunday"
    assert "Greeting: Happy Easter" in str(easter["DESCRIPTION"])
    ramadan = events["ramadan-begin-2027@calendar-build"]
    assert "Begins the evening before (Sunday, February 7, 2027) at sunset." in str(ramadan["DESCRIPTION"])
    assert "Islamic dates by: Umm al-Qura calendar (Saudi Arabia)." in str(Calendar.from_ical(
        (out / "holidays-2027-en.ics").read_bytes())["X-WR-CALDESC"])


def test_stale_category_files_of_other_languages_stay(tmp_path: Path) -> None:
    for name in ("holidays-2027-jewish.ics", "holidays-2027-jewish-tr.ics", "holidays-2027-tr.ics",
                 "holidays-2027-sikh-tr.ics", "holidays-2027-sikh.ics"):
        (tmp_path / name).write_bytes(b"")
    assert [p.name for p in stale_ics(tmp_path, 2027, {"holidays-2027-jewish.ics"})] == ["holidays-2027-sikh.ics"]
    assert [p.name for p in stale_ics(tmp_path, 2027, {"holidays-2027-jewish-tr.ics"}, "tr")] == [
        "holidays-2027-sikh-tr.ics"]


def test_an_unknown_language_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["holidays", "--root", str(REPO), "--language", "xx"])
    assert exit_info.value.code == 2
    assert "möglich sind" in capsys.readouterr().err


def test_an_unknown_language_in_edition_yaml_names_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, "xx")
    assert main(["holidays", "--root", str(root), "--year", "2027"]) == 1
    lines = (root / "content" / "edition.yaml").read_text(encoding="utf-8").splitlines()
    assert f"content/edition.yaml:{len(lines)}: Fehler:" in capsys.readouterr().err
