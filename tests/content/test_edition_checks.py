"""`check` warns when content/edition.yaml still belongs to another edition."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from calendar_build.errors import ContentError
from calendar_build.pipeline import BuildOptions
from calendar_build.stages.validate import validate


def warnings_of(root: Path, year: int = 2027) -> list[str]:
    """Return the rendered warnings of validating the project for `year`."""
    try:
        return [p.render() for p in validate(BuildOptions(root=root, year=year)).warnings]
    except ContentError as exc:
        return [p.render() for p in exc.problems if p.severity == "warning"]


def set_edition(root: Path, key: str, value: str) -> None:
    """Replace one line `key: …` of content/edition.yaml."""
    path = root / "content" / "edition.yaml"
    path.write_text(re.sub(rf"(?m)^{key}:.*$", f"{key}: {value}", path.read_text(encoding="utf-8")), encoding="utf-8")


def make_real(root: Path) -> None:
    """Turn the sample portraits into 'real' ones (sample: false), as an editor's edition would be."""
    for path in (root / "portraits" / "2027").glob("*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("sample: true", "sample: false"), encoding="utf-8")


def test_sample_edition_itself_gets_no_edition_warning(project: Path) -> None:
    assert warnings_of(project) == []


def test_edition_year_that_is_not_the_built_year(project: Path) -> None:
    set_edition(project, "year", "2026")
    assert ("content/edition.yaml:2: Warnung: Hier steht 'year: 2026', gebaut wird aber 2027 – Befehle ohne "
            "--year bauen 2026. Für die Ausgabe 2027 bitte 'year: 2027' eintragen.") in warnings_of(project)


def test_sample_wording_in_a_real_edition(project: Path) -> None:
    make_real(project)
    found = warnings_of(project)
    assert ("content/edition.yaml:5: Warnung: 'publisher' enthält noch den Musterwortlaut 'Musterausgabe' – das "
            "würde in dieser echten Ausgabe gedruckt. Bitte den Text ersetzen.") in found
    assert any(w.startswith("content/edition.yaml:13: Warnung: 'imprint' enthält noch den Musterwortlaut") for w in found)


def test_one_sample_portrait_in_a_real_edition(project: Path) -> None:
    make_real(project)
    first = sorted((project / "portraits" / "2027").glob("*.yaml"))[0]
    first.write_text(first.read_text(encoding="utf-8").replace("sample: false", "sample: true"), encoding="utf-8")
    assert any(w.startswith(f"portraits/2027/{first.name}:") and "sample: true" in w for w in warnings_of(project))


@pytest.mark.parametrize(("stand", "newest_consent", "expected"), [
    ("2026-09-01", "2026-09-14", "Der Stand (1. September 2026) liegt vor der Einwilligung vom 14. September 2026"),
    ("2025-06-30", "2025-06-14", "Der Stand (30. Juni 2025) ist älter als die Ausgabe 2027"),
    ("2026-11-20", "2026-09-14", None),  # after every consent and in the year before the edition: fine
])  # fmt: skip
def test_document_date_older_than_the_content(project: Path, stand: str, newest_consent: str,
                                              expected: str | None) -> None:
    for path in (project / "portraits" / "2027").glob("*.yaml"):
        path.write_text(re.sub(r"(?m)^consent:.*$", "consent: 2025-01-10", path.read_text(encoding="utf-8")),
                        encoding="utf-8")
    first = sorted((project / "portraits" / "2027").glob("*.yaml"))[0]
    first.write_text(re.sub(r"(?m)^consent:.*$", f"consent: {newest_consent}", first.read_text(encoding="utf-8")),
                     encoding="utf-8")
    set_edition(project, "document_date", stand)
    dated = [w for w in warnings_of(project) if w.startswith("content/edition.yaml:12: Warnung: Der Stand")]
    assert [expected] == [w.split(": Warnung: ")[1][: len(expected)] for w in dated] if expected else dated == []
