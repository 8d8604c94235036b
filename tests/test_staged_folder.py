"""output.staged_folder / swap_in: a folder output (website, preview, HTML bundle) is made in a hidden folder of
its own and swapped in whole – two writers of the same output at once (two `serve` of one project, a test
session's workers sharing a cache) neither fill nor remove each other's folder; a failed one leaves nothing."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from calendar_build import output
from calendar_build.output import staged_folder, swap_in


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_two_writers_at_once_each_in_its_own_folder_the_later_one_stays(tmp_path: Path) -> None:
    target = tmp_path / "site"
    with staged_folder(target) as first, staged_folder(target) as second:
        assert first != second and first.parent == second.parent == tmp_path
        (first / "index.html").write_text("erster", encoding="utf-8")
        (second / "index.html").write_text("zweiter", encoding="utf-8")
    # the inner block (second) was swapped in first, the outer one (first) last: the later one stays
    assert (target / "index.html").read_text(encoding="utf-8") == "erster"
    assert _hidden(tmp_path) == []


def test_a_failed_block_leaves_the_earlier_output_and_no_folder(tmp_path: Path) -> None:
    target = tmp_path / "preview"
    with staged_folder(target) as folder:
        (folder / "seite-01.png").write_bytes(b"alt")
    with pytest.raises(RuntimeError), staged_folder(target) as folder:
        (folder / "seite-01.png").write_bytes(b"neu")
        raise RuntimeError("Fehler beim Zeichnen")
    assert (target / "seite-01.png").read_bytes() == b"alt" and _hidden(tmp_path) == []


def test_folders_of_killed_writers_are_removed_an_hour_later(tmp_path: Path) -> None:
    target = tmp_path / "site"
    stale, fresh = tmp_path / ".site.123x0a0b0c0d.staged", tmp_path / ".site.124x0e0f1011.staged"
    old_aside, legacy = tmp_path / ".site.123x0a0b0c0d.old", tmp_path / ".site.new"
    for folder in (stale, fresh, old_aside, legacy):
        folder.mkdir()
        (folder / "index.html").write_text("x", encoding="utf-8")
    hour_ago = time.time() - output.STALE_SECONDS - 60
    for folder in (stale, old_aside):
        os.utime(folder, (hour_ago, hour_ago))
    with staged_folder(target):
        pass
    assert _hidden(tmp_path) == [fresh.name]  # another writer's, still at work


def test_a_folder_another_writer_swaps_in_meanwhile_is_moved_aside_too(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    target, mine = tmp_path / "site", tmp_path / ".site.1x00000001.staged"
    target.mkdir()
    (target / "index.html").write_text("vorher", encoding="utf-8")
    mine.mkdir()
    (mine / "index.html").write_text("meiner", encoding="utf-8")
    real_replace, intruded = os.replace, []

    def replace(source: Path, destination: Path) -> None:
        real_replace(source, destination)
        if Path(destination).name.endswith(".old") and not intruded:  # between this writer's two renames
            intruded.append(True)
            target.mkdir()
            (target / "index.html").write_text("anderer", encoding="utf-8")

    monkeypatch.setattr(output.os, "replace", replace)
    swap_in(mine, target)
    assert intruded and (target / "index.html").read_text(encoding="utf-8") == "meiner"
    assert _hidden(tmp_path) == []
