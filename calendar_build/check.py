"""`calendar-build check`: compose and lay out every product a build would make, prove it fits, write nothing."""

from __future__ import annotations

import os
import sys
from dataclasses import replace

from calendar_build import workers
from calendar_build.errors import ContentError, Problem, keeping, print_problems
from calendar_build.pipeline import BuildOptions, set_pages
from calendar_build.products import Product
from calendar_build.stages.compose import compose
from calendar_build.stages.validate import Sources, Validated, read_sources, validate
from calendar_build.variants import compacted_line, plural


Checked = tuple[list[Problem], tuple[tuple[int, str], ...]]  # the problems, the pages set in the compact step


def validated(options: BuildOptions, sources: Sources) -> Validated | list[Problem]:
    """Return the product's validated content, or its problems when its content keeps it from being laid out."""
    try:
        return validate(options, sources)
    except ContentError as exc:
        return exc.problems


def check_product(job: tuple[BuildOptions, Validated]) -> Checked:
    """Return every problem of one product whose content is valid (photos, templates, what does not fit its
    pages), and the pages that fit only in the theme's compact step."""
    options, valid = job
    try:
        composed = compose(options, valid=valid)
        with keeping(composed.warnings):
            _, css_warnings, compacted, _ = set_pages(options, composed, None, parallel=False)
    except ContentError as exc:
        return exc.problems, ()
    return list(composed.warnings) + css_warnings, compacted


def run_check(options: BuildOptions, products: tuple[Product, ...], quiet: bool = False) -> int:
    """Return 0 when clean, 1 on errors (or on warnings under --strict); print problems and a summary.

    With `quiet` a clean check prints nothing at all.
    """
    problems: list[Problem] = []
    jobs = [replace(options, product=product, parallel_parts=False) for product in products]
    # Every product's content is validated here first (the edition's content read once, then what each product
    # adds): a slip in the content is told without a layout. The products whose content is valid are laid out,
    # each on a core of its own.
    sources = read_sources(options)
    contents = [validated(job, sources) for job in jobs]
    valid = [(job, content) for job, content in zip(jobs, contents) if not isinstance(content, list)]
    laid_out = iter(workers.run_each(check_product, valid, os.cpu_count() or 1, preload="calendar_build.render.pdf"))
    outcomes = [(content, ()) if isinstance(content, list) else next(laid_out) for content in contents]
    for found, _ in outcomes:
        problems.extend(p for p in found if p not in problems)
    errors, warnings = print_problems(problems)
    for product, (_, compacted) in zip(products, outcomes):
        if compacted and not quiet:
            print(compacted_line(product, compacted), file=sys.stderr)
    names = ", ".join(p.title for p in products)
    if errors or warnings or not quiet:
        print(f"Prüfung {options.year} ({names}): {plural(errors, 'Fehler', 'Fehler')}, "
              f"{plural(warnings, 'Warnung', 'Warnungen')}.")
    return 1 if errors or (options.strict and warnings) else 0
