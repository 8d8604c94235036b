"""Translated content: every holiday of the catalogue in every language, gaps named with file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from calendar_build.content.loader import load_content
from calendar_build.errors import Problems
from calendar_build.i18n.content import localize
from calendar_build.i18n.languages import LANGUAGES
from tests.conftest import REPO

OTHERS = [code for code in LANGUAGES if code != "de"]


@pytest.mark.parametrize("code", OTHERS)
def test_the_sample_catalogue_is_complete_in_every_language(code: str) -> None:
    problems = Problems()
    content = localize(load_content(REPO), code, problems)
    assert problems.items == []
    german = {e.holiday.id: e.holiday for e in load_content(REPO).catalogue.entries}
    for entry in content.catalogue.entries:
        original = german[entry.holiday.id]
        assert entry.holiday.description != original.description, entry.holiday.id
        assert entry.holiday.original == original.original  # the name in its own script stays as it is
        assert bool(entry.holiday.greeting) == bool(original.greeting), entry.holiday.id
        assert entry.where.path == f"content/translations/{code}/{entry.category}.yaml"


# Numbers a translation writes in words, as its language prefers (centuries as ordinals or Roman numerals).
IN_WORDS = {("ar", "hanukkah"): {"2"}, ("uk", "hanukkah"): {"2"}, ("fa", "hanukkah"): {"2"}}


@pytest.mark.parametrize("code", OTHERS)
def test_numbers_in_descriptions_match_the_german_text(code: str) -> None:
    """Every year, date and count of the German description is in the translation, and no other (a check on facts)."""
    to_western = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
    german = {e.holiday.id: e.holiday for e in load_content(REPO).catalogue.entries}
    content = localize(load_content(REPO), code, Problems())
    for entry in content.catalogue.entries:
        text = re.sub(r"(?<=\d)[,.\u066c\u00a0](?=\d{3})", "", entry.holiday.description.translate(to_western))
        wanted = set(re.findall(r"\d+", german[entry.holiday.id].description))
        found = set(re.findall(r"\d+", text))
        assert wanted - IN_WORDS.get((code, entry.holiday.id), set()) <= found, (entry.holiday.id, wanted - found)
        assert found <= wanted, (entry.holiday.id, found - wanted)


def _project(tmp_path: Path, translation: str, categories: str = "categories:\n  christian: Christian\n") -> Path:
    (tmp_path / "content" / "holidays").mkdir(parents=True)
    (tmp_path / "content" / "categories.yaml").write_text(
        "categories:\n  - id: christian\n    label: Christlich\n    rgb: \"#2160AC\"\n"
        "    cmyk: [97, 72, 2, 0]\n    letter: C\n", encoding="utf-8")
    (tmp_path / "content" / "holidays" / "christian.yaml").write_text(
        "category: christian\nholidays:\n"
        "  - id: easter-sunday\n    name: Ostersonntag\n    rule: {kind: easter}\n"
        "    description: Das höchste Fest.\n    greeting: Frohe Ostern\n"
        "  - id: good-friday\n    name: Karfreitag\n    rule: {kind: easter, offset: -2}\n"
        "    description: Ein stiller Tag.\n", encoding="utf-8")
    folder = tmp_path / "content" / "translations" / "en"
    folder.mkdir(parents=True)
    (folder / "categories.yaml").write_text(categories, encoding="utf-8")
    (folder / "christian.yaml").write_text(translation, encoding="utf-8")
    return tmp_path


CASES = [
    ("a holiday without translation",
     "holidays:\n  easter-sunday:\n    name: Easter Sunday\n    description: The highest feast.\n"
     "    greeting: Happy Easter\n",
     "content/holidays/christian.yaml:8: Fehler: Übersetzung (Englisch) fehlt: 'good-friday' steht nicht in "
     "content/translations/en/christian.yaml."),
    ("a greeting missing where the German text has one",
     "holidays:\n  easter-sunday:\n    name: Easter Sunday\n    description: The highest feast.\n"
     "  good-friday:\n    name: Good Friday\n    description: A quiet day.\n",
     "content/translations/en/christian.yaml:2: Fehler: 'easter-sunday': Der Gruß fehlt (Englisch)"),
    ("an id the catalogue does not have",
     "holidays:\n  easter-sunday:\n    name: Easter Sunday\n    description: The highest feast.\n"
     "    greeting: Happy Easter\n  good-friday:\n    name: Good Friday\n    description: A quiet day.\n"
     "  easter-monday:\n    name: Easter Monday\n    description: The second day.\n",
     "content/translations/en/christian.yaml:9: Fehler: Unbekannter Feiertag 'easter-monday'"),
    ("a description missing",
     "holidays:\n  easter-sunday:\n    name: Easter Sunday\n    greeting: Happy Easter\n"
     "  good-friday:\n    name: Good Friday\n    description: A quiet day.\n",
     "content/translations/en/christian.yaml:2:"),
]


@pytest.mark.parametrize(("case", "translation", "expected"), CASES, ids=[c[0] for c in CASES])
def test_translation_problems_name_file_and_line(tmp_path: Path, case: str, translation: str, expected: str) -> None:
    root = _project(tmp_path, translation)
    problems = Problems()
    localize(load_content(root), "en", problems)
    rendered = [p.render() for p in problems.items]
    assert any(r.startswith(expected) for r in rendered), rendered


def test_a_category_label_missing(tmp_path: Path) -> None:
    root = _project(tmp_path, "holidays: {}\n", categories="categories:\n  jewish: Jewish\n")
    problems = Problems()
    localize(load_content(root), "en", problems)
    assert any("Übersetzung der Kategorie 'christian' fehlt (Englisch)" in p.render() for p in problems.items)


def test_german_needs_no_translations(tmp_path: Path) -> None:
    root = _project(tmp_path, "holidays: {}\n")
    problems = Problems()
    content = load_content(root)
    assert localize(content, "de", problems) is content and problems.items == []


def test_the_cli_reports_a_missing_translation_with_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from calendar_build.cli import main

    root = _project(tmp_path, "holidays: {}\n")
    assert main(["holidays", "--root", str(root), "--year", "2027", "--language", "en"]) == 1
    assert "content/holidays/christian.yaml:3: Fehler: Übersetzung (Englisch) fehlt" in capsys.readouterr().err
