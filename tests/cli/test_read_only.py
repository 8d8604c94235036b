"""Read-only folders (issue 18): `preview` and `diff` into a read-only output folder end with one German line and
change nothing; a read-only project still builds into an --out folder elsewhere, without its cache and with a
warning, writing nothing inside the project. Read-only is emulated (tests/cli/readonly.py): root ignores modes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import YEAR, CliRunner, Run
from tests.conftest import copy_warm_cache
from tests.cli.readonly import read_only

DENIED = "Fehler: Keine Berechtigung zum Lesen oder Schreiben – bitte die Zugriffsrechte prüfen."


def listing(folder: Path) -> dict[str, bytes | None]:
    """Return every path under `folder` with its bytes (None for a folder)."""
    return {str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes() for p in sorted(folder.rglob("*"))}


@pytest.mark.parametrize(("command", "extra", "refused"), [
    ("preview", ["--pages", "1"], f"output/{YEAR}/preview"),  # not the hidden folder it is staged in
    ("diff", [], f"output/{YEAR}/bericht-{YEAR}.html"),  # not the temporary file beside it
])
def test_read_only_output_folder(command: str, extra: list[str], refused: str, sample: Path, cli: CliRunner,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    out = sample / "output" / YEAR
    (out / "preview").mkdir(parents=True)
    (out / "preview" / "seite-01.png").write_bytes(b"earlier")
    before = listing(sample / "output")
    read_only(sample / "output", monkeypatch)
    run = cli(command, sample, *extra)
    monkeypatch.undo()
    assert run == Run(1, "", f"{refused}: {DENIED}\n")
    assert listing(sample / "output") == before


@pytest.mark.full
def test_read_only_project_builds_into_another_folder(project: Path, photo_cache: Path, sample_photos: None,
                                                      cli: CliRunner, monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path_factory: pytest.TempPathFactory) -> None:
    copy_warm_cache(photo_cache, project / ".cache" / "calendar-build")
    out = tmp_path_factory.mktemp("elsewhere")
    before = listing(project)
    read_only(project, monkeypatch)
    run = cli("build", project, "--out", str(out), "--quiet")
    monkeypatch.undo()
    assert (run.code, run.lines) == (0, [
        ".cache/calendar-build: Warnung: Zwischenspeicher nicht nutzbar (Keine Berechtigung zum Lesen oder Schreiben "
        "– bitte die Zugriffsrechte prüfen) – es wird ohne ihn gebaut (langsamer).",
    ]), run.err
    assert (out / f"calendar-{YEAR}-print-a3.pdf").read_bytes().startswith(b"%PDF-")
    assert listing(project) == before
