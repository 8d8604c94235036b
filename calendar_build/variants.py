"""Build one or several variants (print, screen) of a calendar; `all` runs them in parallel processes."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

from calendar_build.errors import ContentError, Problem, count, print_problems
from calendar_build.pages.dates import long_date
from calendar_build.pipeline import BuildOptions, BuildReport, build

VARIANTS = ("print", "screen")


def _build_one(options: BuildOptions, step: Callable[[str], None] | None = None) -> BuildReport | list[Problem]:
    """Build one variant (maybe in a worker); content problems come back as data (they must cross processes)."""
    try:
        return build(options, step) if step is not None else build(options)
    except ContentError as exc:
        return exc.problems


def build_variants(options: BuildOptions, variants: tuple[str, ...],
                   step: Callable[[str], None] | None = None) -> list[tuple[str, BuildReport | list[Problem]]]:
    """Build the variants, in parallel processes when there are several; return each one's outcome."""
    # Several variants already keep the cores busy: the print PDF's parts are then set one after the other.
    jobs = [replace(options, variant=variant, parallel_parts=len(variants) == 1) for variant in variants]
    if len(jobs) == 1:
        return [(variants[0], _build_one(jobs[0], step))]
    if step is not None:
        step(f"{' und '.join(variants)} parallel bauen")
    import calendar_build.render.pdf  # noqa: F401, PLC0415 - WeasyPrint loaded once, before the processes fork
    with ProcessPoolExecutor(max_workers=len(jobs)) as pool:
        return list(zip(variants, pool.map(_build_one, jobs)))


def print_report(variant: str, report: BuildReport, quiet: bool = False) -> None:
    """Print what a build wrote, what it shortened and its warnings (German); with `quiet` only the warnings."""
    print_problems(report.warnings)
    if quiet:
        return
    for shortened in report.shortenings:
        hidden = f"; in die Liste verschoben: {', '.join(shortened.hidden)}" if shortened.hidden else ""
        day = long_date(dt.date.fromisoformat(shortened.day))
        print(f"Gekürzt am {day}: {', '.join(shortened.shown)}{hidden}", file=sys.stderr)
    for path in report.outputs:
        print(f"geschrieben: {path}")
    print(f"{variant}: {count(report.pages, 'Seite', 'Seiten')} in {report.timings.get('total', 0):.1f} s, "
          f"{count(len(report.warnings), 'Warnung', 'Warnungen')}.")
