"""Build several products of an edition (`build --variant all`): in parallel processes when there are several."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace

from calendar_build import workers
from calendar_build.errors import ContentError, Problem, count, print_problems
from calendar_build.pages.dates import long_date
from calendar_build.pipeline import BuildOptions, BuildReport, build
from calendar_build.products import Product


def _build_one(options: BuildOptions, step: Callable[[str], None] | None = None,
               pool: workers.Pool | None = None) -> BuildReport | list[Problem]:
    """Build one product (maybe in a worker); content problems come back as data (they must cross processes)."""
    try:
        return build(options, step, pool) if step is not None else build(options, pool=pool)
    except ContentError as exc:
        return exc.problems


def build_products(options: BuildOptions, products: tuple[Product, ...],
                   step: Callable[[str], None] | None = None,
                   meanwhile: Callable[[], object] | None = None,
                   pool: workers.Pool | None = None) -> list[tuple[Product, BuildReport | list[Problem]]]:
    """Build the products, in parallel processes when there are several; return each one's outcome.

    `meanwhile` runs in this process while the products' processes work (the ICS files of `--variant all`):
    this process only waits for them otherwise. A single product's pages are set in `pool` when given
    (`pipeline.setting`, forked by the command line before it loaded the rest).
    """
    # Several products already keep the cores busy: a product's parts are then set one after the other.
    jobs = [replace(options, product=product, parallel_parts=len(products) == 1) for product in products]
    if len(jobs) == 1:
        outcome = _build_one(jobs[0], step, pool)
        if meanwhile is not None:
            meanwhile()
        return [(products[0], outcome)]
    if step is not None:
        step(f"{' und '.join(p.title for p in products)} parallel bauen")
    outcomes = workers.run_each(_build_one, jobs, 2, preload="calendar_build.render.pdf", meanwhile=meanwhile)
    return list(zip(products, outcomes))


def plural(number: int, one: str, many: str) -> str:
    """Return '1 Warnung' or '3 Warnungen'."""
    return count(number, one, many)


def compacted_line(product: Product, pages: Sequence[tuple[int, str]]) -> str:
    """Return the line telling which pages of a product were set in the theme's compact step."""
    shown = ", ".join(f"Seite {number} ({title})" if title else f"Seite {number}" for number, title in pages)
    return (f"Enger gesetzt ({product.title}): {shown} – nur so passen ihre Texte in die Rahmen "
            f"(die „compact“-Werte in templates/theme.css).")


def print_report(product: Product, report: BuildReport, quiet: bool = False, shown: Sequence[Problem] = ()) -> None:
    """Print what a build wrote, what it shortened and its warnings (German); with `quiet` only the warnings.

    Warnings in `shown` (another product's report printed them) are counted, not printed again.
    """
    print_problems([w for w in report.warnings if w not in shown])
    if quiet:
        return
    for shortened in report.shortenings:
        hidden = f"; in die Liste verschoben: {', '.join(shortened.hidden)}" if shortened.hidden else ""
        day = long_date(dt.date.fromisoformat(shortened.day))
        print(f"Gekürzt am {day}: {', '.join(shortened.shown)}{hidden}", file=sys.stderr)
    if report.compacted:
        print(compacted_line(product, report.compacted), file=sys.stderr)
    for path in report.outputs:
        print(f"geschrieben: {path}")
    kept = f" ({'alle' if report.reused_pages == report.pages else report.reused_pages} davon unverändert vom letzten " \
           "Bau übernommen)" if report.reused_pages else ""
    print(f"{product.title}: {plural(report.pages, 'Seite', 'Seiten')}{kept} in {report.timings.get('total', 0):.1f} s, "
          f"{plural(len(report.warnings), 'Warnung', 'Warnungen')}.")
