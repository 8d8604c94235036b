"""The build of one product, read top to bottom like its stages.

    compose (stages/compose.py):  content, portraits, theme -> validate -> page model -> photos -> HTML
    set (render/job.py, pdf.py):  HTML parts -> WeasyPrint layout -> fit proof -> PDF of each part -> joined
                                  (in a worker forked when the build starts: it loads WeasyPrint meanwhile,
                                  and parses the stylesheet once compose knows it)
    write:                        atomic write of the PDF; the dates used, for `calendar-build diff`
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from calendar_build import workers
from calendar_build.errors import ContentError, Problem, keeping
from calendar_build.output import private_folders
from calendar_build.pages.model import Shortening
from calendar_build.render.ready import hyphenated, setter
from calendar_build.render.theme import ignored_by_theme, properties
from calendar_build.stages.compose import Composed, compose
from calendar_build.stages.options import BuildOptions

if TYPE_CHECKING:
    from calendar_build.preflight.ink import Measuring
    from calendar_build.render.job import PdfJob
    from calendar_build.stages.validate import Validated

__all__ = ["BuildOptions", "BuildReport", "SetPages", "build", "parsing_ahead", "set_pages"]


@dataclass
class BuildReport:
    """What a build wrote and what an editor should know about it."""

    outputs: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    shortenings: tuple[Shortening, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)
    pages: int = 0
    compacted: tuple[tuple[int, str], ...] = ()  # pages set in the theme's compact step (number, title)
    reused_pages: int = 0  # pages taken unchanged from an earlier build (render/part_cache.py)


class SetPages(NamedTuple):
    """What setting the pages gave: how many, WeasyPrint's warnings about the theme, the pages set compact."""

    pages: int
    warnings: list[Problem]
    compacted: tuple[tuple[int, str], ...]  # number and title of each page set in the theme's compact step
    reused_pages: int = 0  # pages taken unchanged from an earlier build (render/part_cache.py)


def set_pages(options: BuildOptions, composed: Composed, target: Path | None, crop_marks: bool = True,
              parallel: bool | None = None, draft: bool = False, pool: workers.Pool | None = None,
              beside_join: Callable[[list[Path], set[int]], None] | None = None,
              each_part: Callable[[int, Path], None] | None = None) -> SetPages:
    """Set the composed pages with WeasyPrint, prove they fit and write them to `target` (None: only prove).

    A `draft` is a PDF for the previewer alone (uncompressed, its parsed stylesheet kept for the next draft).
    `each_part` is handed each part's file where it was set (render/job.py: a preview draws it), no `target`.
    With a `pool` the parts are set in its workers (this process never loads WeasyPrint). `beside_join` is
    handed the parts' files before they are joined, and which were set anew (render/job.py).

    Return the number of pages, WeasyPrint's own warnings and the pages set in the theme's compact step;
    raise ContentError for anything that keeps the PDF from being written.
    """
    from calendar_build.render.job import render_pdf  # noqa: PLC0415

    job = pdf_job(options, composed.valid, composed.css, composed.parts, crop_marks=crop_marks, draft=draft,
                  parallel=options.parallel_parts if parallel is None else parallel, each_part=each_part)
    result = render_pdf(job, target, pool, beside_join)
    # page numbers are the product's own (check lays out several): the message names the product
    problems = [Problem(v.path, v.line, f"{options.product.title}, {v.message}") for v in result.violations]
    problems += [Problem("templates", None, f"Fehlendes Schriftzeichen beim Setzen: {m}") for m in result.missing_glyphs]
    problems += [Problem("templates", None, f"Verweis auf '{url}' abgelehnt – nur Dateien im Kalenderprojekt "
                         "werden gelesen, nichts aus dem Netz.") for url in result.refused]
    severity: Literal["error", "warning"] = "error" if options.strict else "warning"
    told, rest = ignored_by_theme(result.warnings, properties(composed.valid.layers, options.product))
    css = [Problem("templates/theme.css", line, message, severity) for _name, line, message in told]
    css += [Problem("templates", None, f"WeasyPrint: {m}", severity) for m in rest]
    if problems or (options.strict and css):
        raise ContentError(list(dict.fromkeys(problems + css)))
    return SetPages(result.pages, css, tuple(result.compacted), result.reused_pages)


def pdf_job(options: BuildOptions, valid: Validated, css: str, parts: tuple[str, ...], crop_marks: bool = True,
            draft: bool = False, parallel: bool = True, each_part: Callable[[int, Path], None] | None = None) -> PdfJob:
    """Return what WeasyPrint needs to set the product's pages from their HTML `parts` and stylesheet `css`."""
    from calendar_build.render.condition import CONDITIONS  # noqa: PLC0415
    from calendar_build.render.job import PdfJob  # noqa: PLC0415

    condition = CONDITIONS[valid.content.edition.print_condition] if options.product.colour == "cmyk" else None
    allowed = (options.root, options.cache, *private_folders()) + (
        (valid.output_profile.parent,) if valid.output_profile else ())
    return PdfJob(parts, options.root / "templates", css, allowed, options.product, valid.output_profile,
                  crop_marks=crop_marks, strict=options.strict, parallel=parallel, scratch=options.cache,
                  condition=condition, draft=draft, languages=hyphenated(options.language), each_part=each_part)


def parsing_ahead(options: BuildOptions, pool: workers.Pool) -> Callable[[Validated, str], None]:
    """Return what hands the stylesheet, once known, to the pool's worker: it parses it while the pages are built
    (a tenth of a second), and the processes it forks for the other parts share it (render/pdf.py)."""
    from calendar_build.render.ready import parse_ahead  # noqa: PLC0415

    def styled(valid: Validated, css: str) -> None:
        pool.prepare(parse_ahead, pdf_job(options, valid, css, (), parallel=options.parallel_parts))

    return styled


def setting(options: BuildOptions) -> AbstractContextManager[workers.Pool]:
    """Return the worker that sets a product's pages, forked now (none when products are built side by side).

    It loads WeasyPrint while the pages are composed, sets the first part and forks the workers for
    the others when they come (they share what it loaded).
    """
    return workers.early(1 if options.parallel_parts else 0, setter(options.language))


def _measuring(options: BuildOptions) -> AbstractContextManager[Measuring | None]:
    """Return the measurement of a print PDF's ink (none for other products)."""
    if options.product.colour != "cmyk":
        return nullcontext(None)
    from calendar_build.preflight.ink import Measuring  # noqa: PLC0415

    return Measuring(options.ink_cache, proxies=options.ink_proxies)


def build(options: BuildOptions, step: Callable[[str], None] = lambda _label: None,
          pool: workers.Pool | None = None) -> BuildReport:
    """Build one product; raise ContentError before writing anything when something is wrong.

    `step` is told the name of each stage as it starts (for a progress display). The pages are set in
    `pool` (the command line forks it before it loads the rest), else in a worker forked now (`setting`).
    """
    started = time.perf_counter()
    with nullcontext(pool) if pool is not None else setting(options) as pool:
        composed = compose(options, step=step, styled=parsing_ahead(options, pool))
        report = BuildReport(warnings=list(composed.warnings), shortenings=composed.shortenings)
        report.timings["compose"] = time.perf_counter() - started

        step("PDF setzen und schreiben")
        mark = time.perf_counter()
        # the ink of a print PDF's pages: measured from its parts while they are joined (preflight/ink.py)
        with keeping(composed.warnings), _measuring(options) as ink:
            done = set_pages(options, composed, options.target, pool=pool, beside_join=ink.start if ink else None)
            inks = ink.result() if ink else None
        report.pages, report.compacted, report.reused_pages = done.pages, done.compacted, done.reused_pages
    report.warnings.extend(done.warnings)
    report.outputs.append(options.target)
    report.timings["pdf"] = time.perf_counter() - mark
    if options.product.colour == "cmyk":  # the printer's job sheet, read from the written PDF
        from calendar_build.preflight.jobsheet import write_job_sheet  # noqa: PLC0415
        from calendar_build.render.condition import CONDITIONS  # noqa: PLC0415

        edition = composed.valid.content.edition
        report.outputs.append(write_job_sheet(options.target, options.product, CONDITIONS[edition.print_condition],
                                              composed.pages, edition.binding, edition.binding_strip_mm,
                                              cache=options.ink_cache, inks=inks, proxies=options.ink_proxies))

    # The baseline of `diff` ("changes since the last state") belongs to diff alone: a build never moves it,
    # so a change between two diff runs cannot vanish from the review report.
    if options.keep_html:
        from calendar_build.stages.keep_html import keep_html  # noqa: PLC0415

        report.outputs.append(keep_html(options, composed))
    report.timings["total"] = time.perf_counter() - started
    return report
