"""Outputs replaced together or not at all (output.transaction, issue 18), and staged names never shown to editors."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from calendar_build import workers
from calendar_build.errors import os_error_problem
from calendar_build.output import atomic_write, transaction

EARLIER = {"calendar.pdf": b"earlier pdf", "holidays.ics": b"earlier ics"}


def earlier(folder: Path) -> None:
    for name, data in EARLIER.items():
        (folder / name).write_bytes(data)


def files(folder: Path) -> dict[str, bytes]:
    """Return the visible files of a folder with their bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}


def names(folder: Path) -> list[str]:
    """Return every name in a folder, hidden ones included."""
    return sorted(p.name for p in folder.iterdir())


def test_nothing_is_replaced_without_a_commit(tmp_path: Path) -> None:
    earlier(tmp_path)
    with pytest.raises(RuntimeError), transaction(tmp_path):
        atomic_write(tmp_path / "calendar.pdf", b"new pdf")
        raise RuntimeError("the second product failed")
    assert files(tmp_path) == EARLIER
    assert names(tmp_path) == sorted(EARLIER)  # no staged file left either


def test_commit_replaces_every_output(tmp_path: Path) -> None:
    earlier(tmp_path)
    with transaction(tmp_path) as outputs:
        atomic_write(tmp_path / "calendar.pdf", b"new pdf")
        atomic_write(tmp_path / "holidays.ics", b"new ics")
        assert files(tmp_path) == EARLIER  # staged, hidden, until the commit
        outputs.commit()
    assert files(tmp_path) == {"calendar.pdf": b"new pdf", "holidays.ics": b"new ics"}


def test_a_folder_in_one_place_replaces_nothing(tmp_path: Path) -> None:
    earlier(tmp_path)
    (tmp_path / "poster.pdf").mkdir()
    with transaction(tmp_path) as outputs:
        atomic_write(tmp_path / "calendar.pdf", b"new pdf")
        atomic_write(tmp_path / "poster.pdf", b"new poster")
        with pytest.raises(IsADirectoryError):
            outputs.commit()
    assert files(tmp_path) == EARLIER
    assert names(tmp_path) == sorted([*EARLIER, "poster.pdf"])


@pytest.mark.parametrize("new_output", [False, True])
def test_a_rename_failing_midway_puts_back_what_was_renamed(new_output: bool, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The PDF held open (EBUSY on a network drive) after the job sheet was renamed: before, a new job sheet
    (or a new file) stood beside the earlier PDF."""
    from calendar_build import output  # noqa: PLC0415

    earlier(tmp_path)
    real = output.os.replace

    def busy(source: Path, target: Path) -> None:
        if Path(target).name == "holidays.ics":
            raise OSError(errno.EBUSY, "Device or resource busy", str(target))
        real(source, target)

    monkeypatch.setattr(output.os, "replace", busy)
    with transaction(tmp_path) as outputs:
        atomic_write(tmp_path / "calendar.pdf", b"new pdf")  # renamed first (names in order)
        if new_output:
            atomic_write(tmp_path / "a-job.txt", b"new job sheet")
        atomic_write(tmp_path / "holidays.ics", b"new ics")
        with pytest.raises(OSError, match="busy"):
            outputs.commit()
    assert files(tmp_path) == EARLIER
    assert names(tmp_path) == sorted(EARLIER)  # no earlier copy or staged file left


def test_a_commit_leaves_no_copy_of_the_earlier_files(tmp_path: Path) -> None:
    earlier(tmp_path)
    with transaction(tmp_path) as outputs:
        atomic_write(tmp_path / "calendar.pdf", b"new pdf")
        outputs.commit()
    assert names(tmp_path) == sorted(EARLIER)


def _write(item: tuple[Path, bytes]) -> None:
    atomic_write(*item)


def test_outputs_of_forked_workers_are_staged_too(tmp_path: Path) -> None:
    earlier(tmp_path)
    with transaction(tmp_path) as outputs:
        workers.run_each(_write, [(tmp_path / "calendar.pdf", b"worker pdf"), (tmp_path / "holidays.ics", b"worker ics")], 2)
        assert files(tmp_path) == EARLIER
        outputs.commit()
    assert files(tmp_path) == {"calendar.pdf": b"worker pdf", "holidays.ics": b"worker ics"}


def test_staged_files_of_a_killed_build_are_removed(tmp_path: Path) -> None:
    earlier(tmp_path)
    orphan = tmp_path / ".calendar.pdf.999999999x0badcafe.staged"  # no such process
    orphan.write_bytes(b"half")
    (tmp_path / ".holidays.ics.999999999x0badcafe.old").write_bytes(b"earlier ics")  # killed during a commit
    with transaction(tmp_path):
        pass
    assert names(tmp_path) == sorted(EARLIER)


@pytest.mark.parametrize(("written", "shown"), [
    ("output/2027/.calendar-2027-print-a3.pdf.4242x1a2b3c4d.staged", "output/2027/calendar-2027-print-a3.pdf"),
    ("output/2027/.bericht-2027.html.hu1x9t8d.part", "output/2027/bericht-2027.html"),
    ("output/2027/.calendar-2027-print-a3.pdf.4242x1a2b3c4d.old", "output/2027/calendar-2027-print-a3.pdf"),
    ("output/2027/.preview.new", "output/2027/preview"),
    ("output/2027/.site.old", "output/2027/site"),
    ("output/2027/.hidden-by-choice", "output/2027/.hidden-by-choice"),
])
def test_messages_name_the_output_not_its_staged_file(written: str, shown: str, tmp_path: Path) -> None:
    problem = os_error_problem(OSError(errno.ENOSPC, "No space left on device", str(tmp_path / written)), tmp_path)
    assert problem.path == shown
