"""The region's sentences and the date basis in each language; a missing region word named with file and line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from calendar_build.content.loader import load_content
from calendar_build.engine import basis
from calendar_build.errors import Problems
from calendar_build.i18n.content import check_region, localize
from calendar_build.i18n.languages import LANGUAGES
from calendar_build.region.view import region_view
from tests.conftest import REPO

OTHERS = [code for code in LANGUAGES if code != "de"]
GERMAN_WORDS = ("Sonntage", "gesetzliche", "Schulferien", "Sommerferien", "Band", "Feiertagsrecht", "Python-Paket")


def test_the_german_sentences_are_unchanged() -> None:
    view = region_view(load_content(REPO), 2027)
    assert view.legal_line == "Sonntage und gesetzliche Feiertage in Hessen sind rot gedruckt."
    assert view.school_legend.startswith("Das hellblaue Band zeigt die Schulferien in Hessen: Weihnachtsferien 2026/27, ")
    assert view.school_legend.endswith(" und Weihnachtsferien 2027/28.")


@pytest.mark.parametrize("code", OTHERS)
def test_the_region_speaks_the_edition_language(code: str) -> None:
    problems = Problems()
    content = localize(load_content(REPO), code, problems)
    check_region(content, 2027, code, problems)
    assert problems.items == []
    assert content.region_words is not None
    view = region_view(content, 2027, code)
    text = " ".join((view.legal_line, view.school_legend, view.legal_source, *view.school_sources))
    assert content.region_words.region in view.legal_line
    assert content.region_words.terms["Sommerferien"] in view.school_legend
    assert not [w for w in GERMAN_WORDS if w in text], text


@pytest.mark.parametrize("code", OTHERS)
def test_the_date_basis_speaks_the_edition_language(code: str) -> None:
    labels = {key: basis.label(key, language=code) for key in basis.LABELS}
    assert all(labels[key] and labels[key] != german for key, german in basis.LABELS.items())
    assert basis.label("override", "Moschee Hofheim", code).endswith("(Moschee Hofheim)")  # the editors' note stays


def test_a_missing_region_word_names_the_german_file_and_line(project: Path) -> None:
    """The school holiday period comes from the package: the edition's `school_holidays` line is named."""
    region = project / "content" / "translations" / "en" / "region.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace("  Sommerferien: summer holidays\n", ""),
                      encoding="utf-8")
    problems = Problems()
    content = localize(load_content(project), "en", problems)
    check_region(content, 2027, "en", problems)
    line = next(n for n, text in enumerate((project / "content" / "edition.yaml").read_text(encoding="utf-8")
                                           .splitlines(), start=1) if text.startswith("school_holidays:"))
    assert [p.render() for p in problems.items] == [
        f"content/edition.yaml:{line}: Fehler: Übersetzung (Englisch) fehlt: 'Sommerferien' steht nicht unter "
        "'terms' in content/translations/en/region.yaml."]


def test_a_missing_region_file_is_an_error(project: Path) -> None:
    (project / "content" / "translations" / "tr" / "region.yaml").unlink()
    problems = Problems()
    localize(load_content(project), "tr", problems)
    assert [p.render() for p in problems.items] == [
        "content/translations/tr/region.yaml: Fehler: Datei fehlt – sie übersetzt die Sätze zur Region "
        "(Land, Schulferien, Quellen; Türkisch)."]


def test_an_editors_school_holidays_need_their_own_words(project: Path) -> None:
    """A period from content/school-holidays/<year>.yaml is named with that file and line."""
    folder = project / "content" / "school-holidays"
    folder.mkdir()
    (folder / "2027.yaml").write_text("source: Kultusministerium Hessen, Ferientermine 2027\nholidays:\n"
                                      "  - {name: Herbstferien, start: 2027-10-04, end: 2027-10-16}\n",
                                      encoding="utf-8")
    problems = Problems()
    content = localize(load_content(project), "uk", problems)
    check_region(content, 2027, "uk", problems)
    assert [p.render() for p in problems.items] == [
        "content/school-holidays/2027.yaml:3: Fehler: Übersetzung (Ukrainisch) fehlt: 'Kultusministerium Hessen, "
        "Ferientermine 2027' steht nicht unter 'terms' in content/translations/uk/region.yaml."]


def test_the_words_of_a_local_holiday_are_needed(project: Path) -> None:
    """Bavaria's Assumption Day, legal only in Catholic municipalities, brings its name and where it applies."""
    words = project / "content" / "translations" / "en" / "region.yaml"  # the words are written for Bavaria
    words.write_text(words.read_text(encoding="utf-8").replace("code: DE-HE", "code: DE-BY"), encoding="utf-8")
    content = load_content(project)
    content = replace(content, edition=content.edition.model_copy(update={
        "region": "DE-BY", "local_holidays": {"Mariä Himmelfahrt": "some"}, "school_holidays": False}))
    problems = Problems()
    check_region(replace(content, region_words=localize(content, "en", Problems()).region_words), 2027, "en",
                 problems)
    missing = sorted(p.message.split("'")[1] for p in problems.items)
    assert missing == ["Mariä Himmelfahrt", "nur in Gemeinden mit überwiegend katholischer Bevölkerung"]
