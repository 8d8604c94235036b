"""new-edition switches content/edition.yaml to the new year, line by line, comments kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from calendar_build.cli import main
from calendar_build.content.yamlsafe import load_yaml, parse_yaml
from calendar_build.edition_file import sample_wording, switch_edition, without_sample_wording
from tests.conftest import REPO

SAMPLE_EDITION = (REPO / "content" / "edition.yaml").read_text(encoding="utf-8")
TODAY = dt.date(2027, 10, 4)


def test_sample_edition_is_switched_with_every_comment_kept() -> None:
    switched = switch_edition(SAMPLE_EDITION, 2028, TODAY)
    data = parse_yaml(switched.text.encode()).data
    assert data["year"] == 2028
    assert data["document_date"] == TODAY
    assert data["publisher"] == "Main-Taunus-Kreis · Integrationsbüro"
    assert data["imprint"] == ""
    assert data["title"] == "Interkultureller Kalender" and data["motto"] == "Angekommen im Main-Taunus-Kreis"
    comments = [line for line in SAMPLE_EDITION.splitlines() if line.startswith("#")]
    assert comments == [line for line in switched.text.splitlines() if line.startswith("#")]
    assert not any(sample_wording(str(value)) for value in data.values())
    assert "year: 2027 → 2028" in switched.changes
    assert "document_date (Stand): 2026-11-20 → 2027-10-04 (4. Oktober 2027)" in switched.changes


@pytest.mark.parametrize(("text", "expected"), [
    ("Main-Taunus-Kreis (Musterausgabe)", "Main-Taunus-Kreis"),  # the aside goes, the publisher stays
    ("Integrationsbüro – Musterausgabe", "Integrationsbüro"),
    ("Musterausgabe von calendar-build. Alle Porträts sind erfunden.", ""),  # all about the sample
    ("Integrationsbüro Hofheim", "Integrationsbüro Hofheim"),  # nothing to remove
])  # fmt: skip
def test_without_sample_wording(text: str, expected: str) -> None:
    assert without_sample_wording(text) == expected


def test_missing_keys_are_added_and_other_settings_stay() -> None:
    text = "# meine Ausgabe\ntitle: Kalender\nislamic_reckoning: diyanet  # wie die DITIB\n"
    switched = switch_edition(text, 2030, TODAY)
    assert switched.text.startswith("# meine Ausgabe\ntitle: Kalender\nislamic_reckoning: diyanet  # wie die DITIB\n")
    data = parse_yaml(switched.text.encode()).data
    assert (data["year"], data["document_date"], data["islamic_reckoning"]) == (2030, TODAY, "diyanet")


def test_new_edition_switches_edition_yaml(project: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2027, 10, 4, tzinfo=dt.timezone.utc).timestamp())))
    assert main(["new-edition", "--year", "2028", "--root", str(project)]) == 0
    data = load_yaml(project / "content" / "edition.yaml").data
    assert (data["year"], data["document_date"], data["imprint"]) == (2028, TODAY, "")
    out = capsys.readouterr().out
    assert "content/edition.yaml – year: 2027 → 2028" in out
    # every command without --year now means 2028
    assert main(["check", "--root", str(project)]) == 1
    assert capsys.readouterr().out.startswith("Prüfung 2028 (")


def test_new_edition_of_an_earlier_year_leaves_edition_yaml(project: Path) -> None:
    before = (project / "content" / "edition.yaml").read_bytes()
    assert main(["new-edition", "--year", "2026", "--root", str(project)]) == 0
    assert (project / "content" / "edition.yaml").read_bytes() == before
