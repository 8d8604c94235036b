"""The cache folder deleted, replaced by a file or made read-only while a build runs: the build still succeeds,
without the cache where it cannot use it, and never shows a traceback (issue 18, "Caches that heal").

The fault strikes when the photos are prepared, after the cache was probed at the start. Read-only is
emulated (every write under the cache refused with EACCES, as chmod 555 would), because root ignores modes.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from calendar_build.stages import photos as photos_stage
from tests.cli.conftest import YEAR, CliRunner
from tests.conftest import copy_warm_cache
from tests.cli.readonly import read_only

pytestmark = pytest.mark.full  # the whole space: make test-full


def deleted(cache: Path, _monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.rmtree(cache)


def made_a_file(cache: Path, _monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.rmtree(cache)
    cache.write_bytes(b"not a folder")


# what the editor is told: a cache made again says nothing, one that cannot be used says so once
WARNINGS = {
    "deleted": [],
    "made-a-file": ["calendar-build/photos: Warnung: Zwischenspeicher der Fotos nicht nutzbar (Ein Teil des Pfads "
                    "ist eine Datei, kein Ordner) – die Fotos werden ohne ihn vorbereitet (langsamer)."],
    "read-only": ["calendar-build/photos: Warnung: Zwischenspeicher der Fotos nicht nutzbar (Keine Berechtigung zum "
                  "Lesen oder Schreiben – bitte die Zugriffsrechte prüfen) – die Fotos werden ohne ihn vorbereitet "
                  "(langsamer)."],
}
FAULTS = [("deleted", deleted), ("made-a-file", made_a_file), ("read-only", read_only)]


@pytest.mark.parametrize(("case", "fault"), FAULTS, ids=[row[0] for row in FAULTS])
def test_cache_fault_during_a_build(case: str, fault: Callable[[Path, pytest.MonkeyPatch], None], project: Path,
                                    photo_cache: Path, sample_photos: None, cli: CliRunner,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    cache = project / ".cache" / "calendar-build"
    copy_warm_cache(photo_cache, cache)  # a warm cache of its own, to be damaged
    out = project / "output"
    prepare = photos_stage.prepare_photos

    before: dict[str, int] = {}

    def strike(*args: Any, **kwargs: Any) -> Any:
        before.update(_listing(cache))
        fault(cache, monkeypatch)
        return prepare(*args, **kwargs)

    monkeypatch.setattr(photos_stage, "prepare_photos", strike)
    run = cli("build", project, "--out", str(out), "--quiet")
    assert (run.code, run.lines) == (0, WARNINGS[case]), run.err
    assert (out / f"calendar-{YEAR}-print-a3.pdf").read_bytes().startswith(b"%PDF-")
    if case == "made-a-file":
        assert cache.read_bytes() == b"not a folder"  # left as it was: the build used a temporary folder
    if case == "deleted":
        assert cache.is_dir()  # made again
    if case == "read-only":
        monkeypatch.undo()
        assert _listing(cache) == before  # nothing written, renamed or removed there


def _listing(folder: Path) -> dict[str, int]:
    """Return every file under `folder` with its modification time."""
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")}
