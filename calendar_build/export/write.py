"""Write a year's iCalendar files into the output folder, atomically, and drop stale category files."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from pathlib import Path

from calendar_build.engine.occurrences import YearTable
from calendar_build.export import ics
from calendar_build.i18n.languages import GERMAN, LANGUAGES
from calendar_build.output import atomic_write, remove


def stale_ics(out_dir: Path, year: int, keep: Collection[str], language: str = GERMAN) -> list[Path]:
    """Return the category files `holidays-<year>-<category>[-<lang>].ics` of `language` not named in `keep`."""
    # Only our own exact pattern for this year and language: other years, languages, suffixes and files stay.
    suffix = LANGUAGES[language].file_suffix
    pattern = re.compile(rf"{ics.FILE_PREFIX}-{year}-[a-z0-9]+(?:-[a-z0-9]+)*{re.escape(suffix)}\.ics")
    others = tuple(f"{lang.file_suffix}.ics" for lang in LANGUAGES.values() if lang.code not in (GERMAN, language))
    if not out_dir.is_dir():
        return []
    return sorted(
        path for path in out_dir.iterdir()
        if pattern.fullmatch(path.name) and not path.name.endswith(others) and path.name not in keep
        and path.is_file()
    )


def write_ics(table: YearTable, labels: Mapping[str, str], out_dir: Path, stamp: dt.datetime,
              language: str = GERMAN) -> list[Path]:
    """Write the combined and per-category iCalendar files; return the written paths in order.

    Everything is computed before the first write; category files of categories without events
    this year are removed after all new files are in place.
    """
    files = ics.ics_files(table, labels, stamp, language)
    written = []
    for name, data in files.items():
        target = out_dir / name
        atomic_write(target, data)
        written.append(target)
    for stale in stale_ics(out_dir, table.year, files.keys(), language):
        remove(stale)  # at the commit, when the build's outputs are replaced together
    return written
