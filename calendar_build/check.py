"""`calendar-build check`: compose and lay out every product a build would make, prove it fits, write nothing."""

from __future__ import annotations

from dataclasses import replace

from calendar_build.errors import ContentError, Problem, print_problems
from calendar_build.pipeline import BuildOptions, set_pages
from calendar_build.products import Product
from calendar_build.stages.compose import compose
from calendar_build.variants import plural


def check_product(options: BuildOptions) -> list[Problem]:
    """Return every problem of one product: content, photos, templates, and what does not fit its pages."""
    try:
        composed = compose(options)
        _, css_warnings = set_pages(options, composed, None, parallel=False)
    except ContentError as exc:
        return exc.problems
    return list(composed.warnings) + css_warnings


def run_check(options: BuildOptions, products: tuple[Product, ...]) -> int:
    """Return 0 when clean, 1 on errors (or on warnings under --strict); print problems and a summary."""
    problems: list[Problem] = []
    for product in products:
        problems.extend(p for p in check_product(replace(options, product=product)) if p not in problems)
    errors, warnings = print_problems(problems)
    names = ", ".join(p.title for p in products)
    print(f"Prüfung {options.year} ({names}): {plural(errors, 'Fehler', 'Fehler')}, "
          f"{plural(warnings, 'Warnung', 'Warnungen')}.")
    return 1 if errors or (options.strict and warnings) else 0
