"""`calendar-build diff`: the editor's review of a year, read top to bottom.

    content                       -> compute this year, last year, this year without overrides
    tables + stored snapshot      -> Report and one Sheet per category
    models                        -> HTML (templates/review/) -> atomic writes, snapshot last
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from calendar_build import clock
from calendar_build.content.loader import load_content
from calendar_build.engine.occurrences import compute_year
from calendar_build.engine.rules import SUPPORTED_YEARS
from calendar_build.output import atomic_write
from calendar_build.progress import Step
from calendar_build.review.model import SheetLink
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


def run_diff(root: Path, year: int, step: Step = _no_progress, out_dir: Path | None = None) -> DiffResult:
    """Compute and write the review of `year`; raise ContentError (before writing) on content problems."""
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
    sheets = build_sheets(content, table, moment.date())
    pages = {out / SHEET_FOLDER / sheet_name(year, s.category_id): render_sheet(templates, s) for s in sheets}
    links = tuple(SheetLink(s.label, f"{SHEET_FOLDER}/{sheet_name(year, s.category_id)}", len(s.items)) for s in sheets)
    report = build_report(content, table, previous, unpinned, earlier, now, links, moment.date())
    pages = {out / report_name(year): render_report(templates, report), **pages}

    step("Dateien schreiben")
    for path, html in pages.items():
        atomic_write(path, html.encode("utf-8"))
    write_snapshot(now, out)  # last: a failed run leaves the earlier state to compare against
    return DiffResult(report_text(report), tuple(pages))
