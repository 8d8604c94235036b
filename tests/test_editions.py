"""`new-edition`: twelve commented portrait files and an overrides file; never overwrites, German messages."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from calendar_build.cli import main
from calendar_build.content.loader import load_content
from calendar_build.content.yamlsafe import load_yaml, parse_yaml
from calendar_build.editions import month_towns, plan_edition, portrait_yaml, previous_towns, slug
from calendar_build.editions import profile_towns
from calendar_build.portraits.schema import PortraitSpec
from tests.conftest import REPO

TOWNS = profile_towns(REPO)  # the sample profile's twelve towns
SAMPLE_TOWNS = tuple(previous_towns(REPO / "portraits" / "2027")[m] for m in range(1, 13))


def load_yaml_text(text: str) -> dict[str, object]:
    """Return the data of a YAML text."""
    data = parse_yaml(text.encode("utf-8")).data
    assert isinstance(data, dict)
    return data


def files_under(root: Path) -> set[Path]:
    """Return every file below root (to prove nothing was written)."""
    return {p for p in root.rglob("*") if p.is_file()}


def test_sample_edition_has_every_town_once() -> None:
    assert sorted(SAMPLE_TOWNS) == sorted(TOWNS)


def test_scaffolds_twelve_portraits_in_last_years_town_order(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new-edition", "--year", "2028", "--root", str(project)]) == 0
    written = sorted((project / "portraits" / "2028").glob("*.yaml"))
    assert len(written) == 12
    by_month = {load_yaml(p).data["month"]: load_yaml(p).data["town"] for p in written}
    assert tuple(by_month[m] for m in range(1, 13)) == SAMPLE_TOWNS
    assert written[0].name == f"01-{slug(SAMPLE_TOWNS[0])}.yaml"
    assert (project / "content" / "overrides" / "2028.yaml").is_file()
    out = capsys.readouterr().out
    assert "Reihenfolge der Städte wie 2027" in out
    assert "calendar-build check --year 2028" in out
    assert not list(project.rglob("*.part"))  # atomic writes leave no temporary files


def test_without_earlier_edition_towns_go_alphabetically(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "edition.yaml").write_text("towns:\n" + "".join(f"  - {t}\n" for t in reversed(TOWNS)),
                                                        encoding="utf-8")
    plan = plan_edition(tmp_path, 2030)
    assert plan.source_year is None
    assert plan.towns == tuple(sorted(TOWNS, key=str.casefold))


@pytest.mark.parametrize(("previous", "expected_first_three"), [
    ({}, ("Bad Soden am Taunus", "Eppstein", "Eschborn")),  # alphabetical
    ({1: "Kriftel", 2: "Eppstein"}, ("Kriftel", "Eppstein", "Bad Soden am Taunus")),  # kept, rest alphabetical
    ({3: "Hofheim am Taunus"}, ("Bad Soden am Taunus", "Eppstein", "Hofheim am Taunus")),
])  # fmt: skip
def test_month_towns(previous: dict[int, str], expected_first_three: tuple[str, ...]) -> None:
    towns = month_towns(previous, TOWNS)
    assert towns[:3] == expected_first_three
    assert sorted(towns) == sorted(TOWNS)


def test_from_chooses_the_source_edition(project: Path) -> None:
    # An older edition with a different order; --from picks it over the newest (2027).
    older = project / "portraits" / "2025"
    older.mkdir()
    for month, town in enumerate(sorted(TOWNS, reverse=True), start=1):
        (older / f"{month:02d}.yaml").write_text(f"month: {month}\ntown: {town}\n", encoding="utf-8")
    plan = plan_edition(project, 2028, source_year=2025)
    assert plan.source_year == 2025
    assert plan.towns == tuple(sorted(TOWNS, reverse=True))
    assert plan_edition(project, 2028).source_year == 2027  # default: the newest earlier edition


def test_broken_previous_edition_fills_the_gaps_alphabetically(project: Path) -> None:
    source = project / "portraits" / "2027"
    first = sorted(source.glob("*.yaml"))[0]
    first.write_text("name: [kaputt\n", encoding="utf-8")  # unreadable: its month and town are free again
    plan = plan_edition(project, 2028)
    assert plan.towns[1:] == SAMPLE_TOWNS[1:]
    assert plan.towns[0] == SAMPLE_TOWNS[0]  # the only town left goes to the only month left


def test_portrait_file_has_every_field_with_a_german_comment() -> None:
    text = portrait_yaml(2028, 3, "Kriftel")
    data = load_yaml_text(text)
    assert set(data) == set(PortraitSpec.model_fields)
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if re.match(r"^[a-z_]+:", line):
            assert lines[index - 1].startswith("#"), f"no comment above {line!r}"
    assert data["consent"] is None
    assert "# Datum der Einwilligung eintragen – ohne Einwilligung kein Druck" in text
    assert data["photo"] == "03-name.jpg"
    assert tuple(data["focal_point"]) == PortraitSpec.model_fields["focal_point"].default
    assert data["sample"] is False
    assert (data["town"], data["month"]) == ("Kriftel", 3)


def test_filled_in_portrait_file_validates() -> None:
    filled = portrait_yaml(2028, 3, "Kriftel")
    for key, value in (("name", "Erika Muster"), ("text", "Ein kurzer Text."), ("photo_credit", "Foto: X"),
                       ("alt", "Eine Frau lacht.")):
        filled = filled.replace(f'{key}: ""', f'{key}: "{value}"')
    filled = filled.replace('gender: ""', "gender: female").replace("consent:\n", "consent: 2027-09-14\n")
    spec = PortraitSpec.model_validate(load_yaml_text(filled))
    assert spec.name == "Erika Muster"


def test_overrides_file_is_empty_and_lists_last_years_pins_as_a_hint(project: Path) -> None:
    (project / "content" / "overrides").mkdir(exist_ok=True)
    (project / "content" / "overrides" / "2027.yaml").write_text(
        "overrides:\n  - id: eid-al-fitr\n    start: 2027-03-10\n  - id: ramadan-begin\n    start: 2027-02-09\n",
        encoding="utf-8",
    )
    assert main(["new-edition", "--year", "2028", "--root", str(project)]) == 0
    text = (project / "content" / "overrides" / "2028.yaml").read_text(encoding="utf-8")
    assert "2027 festgelegt waren" in text
    assert "#   - eid-al-fitr\n#   - ramadan-begin\n" in text
    assert load_yaml(project / "content" / "overrides" / "2028.yaml").data == {"overrides": []}
    assert load_content(project).overrides[2028] == ()  # the loader accepts it


REFUSALS = [
    (  # portraits of the year exist already
        "portraits-exist", ["--year", "2027"], [],
        1, "portraits/2027: Fehler: Für 2027 gibt es schon 12 Porträt-Dateien – new-edition überschreibt nichts",
    ),
    (  # the overrides file exists already
        "overrides-exist", ["--year", "2028"], ["content/overrides/2028.yaml"],
        1, "content/overrides/2028.yaml: Fehler: Die Datei gibt es schon – new-edition überschreibt nichts.",
    ),
    (  # --from names an edition that is not there
        "from-missing", ["--year", "2028", "--from", "2019"], [],
        1, "portraits/2019: Fehler: Keine Porträts für 2019 gefunden",
    ),
    (  # --from is the new year itself
        "from-same-year", ["--year", "2028", "--from", "2028"], [],
        2, "calendar-build: Fehler: --from 2028 ist das neue Jahr selbst",
    ),
    (  # a year the holiday engine does not support
        "year-out-of-range", ["--year", "2100"], [],
        1, "--year: Fehler: Das Jahr 2100 wird nicht unterstützt",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("case", "args", "existing", "code", "message"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refuses_and_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str], case: str, args: list[str],
                                    existing: list[str], code: int, message: str) -> None:
    for name in existing:
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text("overrides: []\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in files_under(project)}
    assert main(["new-edition", "--root", str(project), *args]) == code
    assert message in capsys.readouterr().err
    assert {p: p.read_bytes() for p in files_under(project)} == before


EDITION_SAVED_WRONG = [
    # Windows Notepad "Unicode" and "ANSI": before, new-edition ended in a traceback (UnicodeDecodeError)
    ("utf-16", lambda text: text.encode("utf-16"),
     "content/edition.yaml:1: Fehler: Die Datei ist als UTF-16 gespeichert"),
    ("ansi", lambda text: text.encode("cp1252"), "content/edition.yaml:1: Fehler: Die Datei ist nicht als UTF-8 "
                                                 "gespeichert ('ü' in Spalte 46 ist wohl in Windows-Kodierung „ANSI“"),
    # unreadable YAML: before, the portraits were written and edition.yaml silently stayed at the old year
    ("bracket", lambda text: (text + "towns: [Kriftel\n").encode("utf-8"), "Fehler: Klammer nicht geschlossen"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "save", "message"), EDITION_SAVED_WRONG, ids=[r[0] for r in EDITION_SAVED_WRONG])
def test_edition_file_that_cannot_be_read_stops_new_edition(project: Path, capsys: pytest.CaptureFixture[str],
                                                            case: str, save: Callable[[str], bytes],
                                                            message: str) -> None:
    edition = project / "content" / "edition.yaml"
    edition.write_bytes(save(edition.read_text(encoding="utf-8")))
    before = {p: p.read_bytes() for p in files_under(project)}
    assert main(["new-edition", "--root", str(project), "--year", "2028"]) == 1
    err = capsys.readouterr().err
    assert message in err and "new-edition hat nichts angelegt – bitte zuerst diese Datei berichtigen." in err, err
    assert {p: p.read_bytes() for p in files_under(project)} == before


def test_refuses_a_folder_without_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new-edition", "--year", "2028", "--root", str(tmp_path)]) == 1
    assert "content: Fehler: Ordner 'content/' fehlt" in capsys.readouterr().err
    assert files_under(tmp_path) == set()


def test_check_says_what_to_fill_in(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new-edition", "--year", "2028", "--root", str(project)]) == 0
    capsys.readouterr()
    assert main(["check", "--year", "2028", "--root", str(project)]) == 1
    err = capsys.readouterr().err
    first = f"portraits/2028/01-{slug(SAMPLE_TOWNS[0])}.yaml"
    for expected in (f"{first}:6: Fehler: 'name' ist noch leer – bitte ausfüllen.",
                     f"{first}:18: Fehler: 'text' ist noch leer – bitte ausfüllen.",
                     f"{first}:23: Fehler: 'photo_credit' ist noch leer – bitte ausfüllen.",
                     f"{first}:31: Fehler: 'alt' ist noch leer – bitte ausfüllen.",
                     f"{first}:11: Fehler: 'gender' ist noch leer – erlaubt: female, male, divers."):
        assert expected in err


@pytest.mark.parametrize(("towns", "expected"), [
    (("B", "A"), ("A", "B") * 6),  # fewer towns than months: they repeat
    ((), ("",) * 12),  # no towns in the profile: the field stays empty for the editor
])
def test_month_towns_with_other_profiles(towns: tuple[str, ...], expected: tuple[str, ...]) -> None:
    assert month_towns({}, towns) == expected
