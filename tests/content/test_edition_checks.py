"""`check` warns when content/edition.yaml still belongs to another edition."""

from __future__ import annotations

import datetime as dt
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


def line_of(project: Path, key: str) -> int:
    """Return the line of content/edition.yaml that starts with `key`."""
    lines = (project / "content" / "edition.yaml").read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if text.startswith(key))


def test_sample_wording_in_a_real_edition(project: Path) -> None:
    make_real(project)
    found = warnings_of(project)
    assert ("content/edition.yaml:5: Warnung: 'publisher' enthält noch den Musterwortlaut 'Musterausgabe' – das "
            "würde in dieser echten Ausgabe gedruckt. Bitte den Text ersetzen.") in found
    imprint = line_of(project, "imprint:")
    assert any(w.startswith(f"content/edition.yaml:{imprint}: Warnung: 'imprint' enthält noch den Musterwortlaut")
               for w in found)


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
    at = line_of(project, "document_date:")
    dated = [w for w in warnings_of(project) if w.startswith(f"content/edition.yaml:{at}: Warnung: Der Stand")]
    assert [expected] == [w.split(": Warnung: ")[1][: len(expected)] for w in dated] if expected else dated == []


@pytest.mark.parametrize(("today", "epoch", "expected"), [
    ("2026-12-02", "1796169600", None),  # new-edition set it today, for 2028: no warning on that day
    ("2027-10-02", "1822435200", "Der Stand (2. Dezember 2026) ist älter als die Ausgabe 2028"),
])  # fmt: skip
def test_document_date_set_today_for_an_edition_over_a_year_ahead(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  today: str, epoch: str, expected: str | None) -> None:
    """An editor starting 2028 in December 2026: before, check at once asked whether the date was an old edition's."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat() == today
    set_edition(project, "document_date", "2026-12-02")
    set_edition(project, "year", "2028")
    (project / "portraits" / "2027").rename(project / "portraits" / "2028")
    for path in (project / "portraits" / "2028").glob("*.yaml"):
        path.write_text(re.sub(r"(?m)^consent:.*$", "consent: 2026-11-10", path.read_text(encoding="utf-8")),
                        encoding="utf-8")
    dated = [w.split(": Warnung: ")[1] for w in warnings_of(project, 2028) if "Der Stand" in w]
    assert [d[: len(expected)] for d in dated] == [expected] if expected else dated == []


def test_consent_dated_after_today(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A consent 'given' in 2072 is a typo or not given yet: said at its line, not blamed on the document date."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796169600")  # 2026-12-02
    first = sorted((project / "portraits" / "2027").glob("*.yaml"))[0]
    text = re.sub(r"(?m)^consent:.*$", "consent: 2072-09-14", first.read_text(encoding="utf-8"))
    first.write_text(text, encoding="utf-8")
    at = next(number for number, line in enumerate(text.splitlines(), 1) if line.startswith("consent:"))
    found = warnings_of(project)
    assert (f"portraits/2027/{first.name}:{at}: Warnung: Die Einwilligung für 'Selam Tesfamariam' ist auf den "
            f"14. September 2072 datiert, nach heute (2. Dezember 2026) – Tippfehler? Bitte das Datum eintragen, an "
            f"dem die schriftliche Einwilligung gegeben wurde.") in found
    assert not [w for w in found if "Der Stand" in w]


@pytest.mark.parametrize("mistake", ["renamed", "emptied"])
def test_edition_file_missing_or_without_settings(mistake: str, project: Path) -> None:
    """Saved as edition.yaml.txt, or left as '{}': before, the defaults were printed without a word."""
    edition = project / "content" / "edition.yaml"
    if mistake == "renamed":
        edition.rename(edition.with_name("edition.yaml.txt"))
    else:
        edition.write_text("{}\n", encoding="utf-8")
    assert ("content/edition.yaml: Warnung: Die Datei fehlt oder enthält keine Einstellung – gedruckt würde die "
            "Voreinstellung: Titel „Interkultureller Kalender“ ohne Motto, Herausgeber, Kreis und Impressum. Wurde "
            "sie umbenannt (z. B. in edition.yaml.txt)? Bitte wieder als content/edition.yaml ablegen."
            ) in warnings_of(project)
