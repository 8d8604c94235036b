"""`calendar-build diff`: the editor's review of a year, read top to bottom.

    content                       -> compute this year, last year, this year without overrides
    tables + stored snapshot      -> Report and one Sheet per category
    models                        -> HTML (templates/review/) -> atomic writes, snapshot last
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from calendar_build import clock
from calendar_build.content.loader import Content, load_content
from calendar_build.engine.occurrences import YearTable, compute_year
from calendar_build.errors import Problems
from calendar_build.i18n.content import localize
from calendar_build.i18n.languages import GERMAN
from calendar_build.engine.years import SUPPORTED_YEARS
from calendar_build.output import atomic_write
from calendar_build.progress import Step
from calendar_build.review.model import Sheet, SheetLink
from calendar_build.review.render import render_report, render_sheet
from calendar_build.review.report import build_report, report_text
from calendar_build.review.sheets import build_sheets, sheet_name
from calendar_build.review.snapshot import read_snapshot, snapshot_of, write_snapshot

SHEET_FOLDER = "pruefbogen"


@dataclass(frozen=True)
class DiffResult:
    """What diff has to say and where it wrote it."""

    text: str
    outputs: tuple[Path, ...]


def report_name(year: int) -> str:
    """Return the file name of the report page."""
    return f"bericht-{year}.html"


def _no_progress(label: str) -> None:
    """Show nothing."""


def _sheets_in(content: Content, table: YearTable, language: str, computed_on: dt.date) -> tuple[Sheet, ...]:
    """Return the review sheets in `language` (the communities read them; the report stays German)."""
    if language == GERMAN:
        return build_sheets(content, table, computed_on)
    problems = Problems()
    local = localize(content, language, problems)
    problems.raise_if_errors()
    return build_sheets(local, compute_year(local, table.year), computed_on, language)


def run_diff(root: Path, year: int, step: Step = _no_progress, out_dir: Path | None = None,
             language: str = GERMAN) -> DiffResult:
    """Compute and write the review of `year` (the sheets in `language`); raise ContentError before writing."""
    out = out_dir or root / "output" / str(year)
    step("Inhalte laden")
    content = load_content(root)

    step(f"Feiertage {year} und {year - 1} berechnen")
    table = compute_year(content, year)
    previous = compute_year(content, year - 1, alternatives=False) if year - 1 in SUPPORTED_YEARS else None
    unpinned = (compute_year(replace(content, overrides={}), year, alternatives=False)
                if content.overrides.get(year) else table)
    moment = clock.now_utc()
    earlier, now = read_snapshot(out, year), snapshot_of(table, moment)

    step("Bericht und Prüfbögen setzen")
    templates = root / "templates"
    sheets = _sheets_in(content, table, language, moment.date())
    names = [sheet_name(year, s.category_id, language) for s in sheets]
    pages = {out / SHEET_FOLDER / name: render_sheet(templates, s) for name, s in zip(names, sheets, strict=True)}
    links = tuple(SheetLink(s.label, f"{SHEET_FOLDER}/{name}", len(s.items)) for name, s in zip(names, sheets, strict=True))
    report = build_report(content, table, previous, unpinned, earlier, now, links, moment.date())
    pages = {out / report_name(year): render_report(templates, report), **pages}

    step("Dateien schreiben")
    for path, html in pages.items():
        atomic_write(path, html.encode("utf-8"))
    write_snapshot(now, out)  # last: a failed run leaves the earlier state to compare against
    return DiffResult(report_text(report), tuple(pages))
