"""Writing the ICS files: atomic, and only our own stale category files of that year are removed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from calendar_build.engine.occurrences import YearTable
from calendar_build.export import ics
from calendar_build.export.write import stale_ics, write_ics
from tests.export.helpers import STAMP, labels, year_table


def without_jewish() -> YearTable:
    """Return the 2027 table without its Jewish feasts."""
    table = year_table(2027)
    return dataclasses.replace(table, occurrences=tuple(o for o in table.occurrences if o.category != "jewish"))


@pytest.mark.parametrize(
    ("existing", "kept"),
    [
        ("holidays-2027-jewish.ics", False),  # category without events this year
        ("holidays-2027-old-category.ics", False),  # category no longer in the content
        ("holidays-2026-jewish.ics", True),  # another year
        ("holidays-2027-jewish.ics.bak", True),
        ("holidays-2027-jewish.ICS", True),
        ("holidays-2027-Jewish.ics", True),
        ("my-holidays-2027-jewish.ics", True),
        ("holidays-2027-notes.txt", True),
        ("calendar-2027-print-a3.pdf", True),
    ],
)
def test_only_stale_category_files_of_the_year_are_removed(tmp_path: Path, existing: str, kept: bool) -> None:
    (tmp_path / existing).write_bytes(b"old")
    write_ics(without_jewish(), labels(), tmp_path, STAMP)
    assert (tmp_path / existing).exists() == kept


def test_a_folder_matching_the_pattern_stays(tmp_path: Path) -> None:
    (tmp_path / "holidays-2027-jewish.ics").mkdir()
    assert stale_ics(tmp_path, 2027, ()) == []


def test_writes_every_file_and_replaces_old_ones(tmp_path: Path) -> None:
    (tmp_path / "holidays-2027.ics").write_bytes(b"old")
    written = write_ics(year_table(2027), labels(), tmp_path, STAMP)
    files = ics.ics_files(year_table(2027), labels(), STAMP)
    assert written == [tmp_path / name for name in files]
    assert {p.name: p.read_bytes() for p in written} == files
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(files)  # no temporary files left


def test_missing_output_folder_is_created(tmp_path: Path) -> None:
    target = tmp_path / "output" / "2027"
    assert write_ics(year_table(2027), labels(), target, STAMP)[0] == target / "holidays-2027.ics"
