"""The compose step shared by build, check and preview: from the project to HTML ready for WeasyPrint.

    validate -> page model (photos not yet known) -> page plan -> photos of the planned pages
             -> page model with photos -> stylesheet -> HTML of each part
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from calendar_build import clock
from calendar_build.errors import ContentError, Problem, UsageError, count, keeping, promoted
from calendar_build.pages.build import Options, build_calendar
from calendar_build.region import logo, status
from calendar_build.region.profile import Region
from calendar_build.region.words import Wording
from calendar_build.pages.fitting import CellBox, TextBox, WeekdayBox
from calendar_build.pages.model import Calendar, PhotoUrls, Shortening
from calendar_build.pages.outlook import outlook
from calendar_build.pages.plan import PageRef, plan_pages
from calendar_build.paths import read_regular
from calendar_build.products import TILE_PAGES
from calendar_build.render import fonts
from calendar_build.render.html import TemplateProblem, Urls, render_html_parts
from calendar_build.render.parts import split_pages
from calendar_build.render.theme import ThemeError
from calendar_build.stages.options import BuildOptions
from calendar_build.stages.photos import PortraitPhotos, prepare
from calendar_build.stages.styles import stylesheet
from calendar_build.stages.validate import Validated, printed_texts, theme_problem, validate

OUTLOOK_YEARS = 5  # the outlook page shows the years after the edition's


@dataclass(frozen=True)
class Composed:
    """A product composed: everything checked, photos prepared, HTML and stylesheet ready to be set."""

    valid: Validated
    photos: PortraitPhotos
    calendar: Calendar
    pages: tuple[PageRef, ...]  # the pages composed (all, or those a preview asked for)
    all_pages: int  # how many pages the product has
    parts: tuple[str, ...]  # HTML of consecutive page ranges, to be set in parallel and joined
    css: str
    created: str  # the document date, written into the PDF's metadata
    shortenings: tuple[Shortening, ...]
    warnings: tuple[Problem, ...]


def _german(valid: Validated) -> dict[str, str]:
    """Return holiday id -> German description with its legal sentence (bilingual products)."""
    assert valid.german is not None
    texts = {e.holiday.id: " ".join(e.holiday.description.split()) for e in valid.german.catalogue.entries}
    statuses = {o.id: o.legal for o in valid.table.occurrences if o.legal is not None}
    return status.with_sentences(texts, statuses, Region(valid.content.edition.region), Wording())


def page_model(options: BuildOptions, valid: Validated,
               photo_urls: dict[int, PhotoUrls]) -> tuple[Calendar, tuple[Shortening, ...]]:
    """Return the page model of the product for the prepared photos."""
    theme, product = valid.theme, options.product
    label_font = fonts.resolve_family(theme.font_stack[0])
    font_for = partial(fonts.covering, files=fonts.stack_files(theme.font_stack))  # the font a text is set in
    cell_width = theme.label_width_mm or (theme.grid_width_mm - theme.kw_width_mm) / 7 - theme.cell_padding_mm
    page_options = Options(
        classes=product.classes, spelled_marks=product.spelled_marks, date_basis=product.date_basis,
        cell_marks="months" not in product.page_plan,  # without month pages no list shows the marks: the labels do
        cell=CellBox(cell_width, theme.label_lines, label_font, theme.label_size_pt, font_for),
        weekday=None if theme.weekday_room_mm is None else WeekdayBox(
            theme.weekday_room_mm, theme.weekday_size_pt, font_for, theme.weekday_dot_pt, theme.weekday_dot_gap_mm),
        column=TextBox(theme.explanation_column_width_mm, theme.explanation_column_height_mm, label_font,
                       theme.explanation_size_pt, theme.explanation_leading),
        language=options.language,
        german=_german(valid) if valid.german else {},
    )
    computed_on = valid.content.edition.document_date or clock.today()
    with_outlook = product.outlook == "always" or valid.content.edition.outlook_in_print
    rows = outlook(valid.content, options.year + 1, OUTLOOK_YEARS, language=options.language) if with_outlook else ()
    calendar, shortenings = build_calendar(valid.content, valid.table, valid.portraits, photo_urls, page_options,
                                           computed_on, rows)
    if product.colour == "cmyk":  # SVG colours would be DeviceRGB: the logo is separated like the photos
        profile = valid.output_profile if valid.content.edition.print_photos == "cmyk" else None
        calendar = logo.for_print(calendar, options.cache, read_regular(profile) if profile else None)
    return calendar, shortenings


def relink(calendar: Calendar, urls: dict[int, PhotoUrls]) -> Calendar:
    """Return the calendar with its photos pointing to other URLs."""
    months = tuple(
        replace(m, portrait=replace(m.portrait, photo=urls[m.number].frame, tile=urls[m.number].tile))
        if m.portrait and m.number in urls else m
        for m in calendar.months
    )
    return replace(calendar, months=months)


def cjk_font_for(options: BuildOptions, valid: Validated) -> Path | None:
    """Return the CJK subset font holding exactly the Chinese characters the content prints, if any."""
    chars = fonts.cjk_characters(t.text for t in printed_texts(valid.content, valid.portraits))
    try:
        return fonts.cjk_subset(chars, options.cache) if chars else None
    except fonts.FontError as exc:
        raise ContentError([Problem("templates/theme.css", None, str(exc))]) from exc


def strictly(warnings: Sequence[Problem], strict: bool) -> tuple[Problem, ...]:
    """Return the warnings; under --strict raise them as errors."""
    if strict and warnings:
        raise ContentError(promoted(warnings, strict))
    return tuple(warnings)


def _select(pages: tuple[PageRef, ...], numbers: Sequence[int] | None) -> tuple[PageRef, ...]:
    if numbers is None:
        return pages
    beyond = [n for n in numbers if n > len(pages)]
    if beyond:
        raise UsageError(f"--pages: Seite {beyond[0]} gibt es nicht – der Kalender hat {count(len(pages), 'Seite', 'Seiten')}.")
    return tuple(pages[n - 1] for n in numbers)


def compose(options: BuildOptions, numbers: Sequence[int] | None = None,
            step: Callable[[str], None] = lambda _label: None, per_page: bool = False,
            linked: Callable[[PortraitPhotos], dict[int, PhotoUrls]] = PortraitPhotos.urls,
            valid: Validated | None = None,
            styled: Callable[[Validated, str], None] = lambda _valid, _css: None) -> Composed:
    """Compose the product (only the pages `numbers`, 1-based, if given); raise ContentError before any output.

    With `per_page` every page is a part of its own (a preview tells changed pages from the others by their HTML).
    `linked` returns the URLs the pages show the prepared photos by (a preview: lighter copies).
    `valid` is the product's content, validated already (`check` validates every product before laying any out).
    `styled` is handed the stylesheet as soon as it is known, before the pages are built (`build` has it parsed
    meanwhile by the worker that will set them).
    """
    step("Inhalte und Porträts prüfen")
    valid = valid if valid is not None else validate(options, same_photo=False)  # compared with the photos
    draft, shortenings = page_model(options, valid, {})  # the page plan is known before the photos
    pages = _select(plan_pages(draft, options.product.page_plan, valid.theme.explanation_columns), numbers)
    every = numbers is None
    step("Fotos vorbereiten")
    # the month pages' frames (a poster has none: its portraits are tiles, prepared like the cover's)
    months = frozenset(p.month.number for p in pages if p.month is not None)
    cjk: dict[str, Path | None] = {}

    def overlap() -> None:  # while the photo workers run
        cjk["font"] = cjk_font_for(options, valid)

    with keeping(valid.warnings, options.strict):
        photos, photo_warnings = prepare(options, valid, months, cover=any(p.kind in TILE_PAGES for p in pages),
                                         meanwhile=overlap)
    warnings = strictly(valid.warnings + photo_warnings, options.strict)
    with keeping(warnings):
        try:
            css = stylesheet(options, valid, cjk["font"] if "font" in cjk else cjk_font_for(options, valid))
        except ThemeError as exc:
            raise ContentError([theme_problem(exc)]) from exc
    styled(valid, css)
    step("Seiten aufbauen")
    calendar = relink(draft, linked(photos))
    pages = _select(plan_pages(calendar, options.product.page_plan, valid.theme.explanation_columns), numbers)
    created = f"{(valid.content.edition.document_date or clock.today()).isoformat()}T00:00:00+00:00"
    groups = ([[p.id] for p in pages] if per_page
              else split_pages([p.id for p in pages], options.product.parts if every else 1))
    by_id = {p.id: p for p in pages}
    with keeping(warnings):
        try:
            parts = tuple(render_html_parts(options.root / "templates", calendar, [[by_id[i] for i in group]
                                                                                  for group in groups], Urls(), created))
        except TemplateProblem as exc:
            raise ContentError([Problem(exc.path, exc.line, exc.message)]) from exc
        except ThemeError as exc:
            raise ContentError([theme_problem(exc)]) from exc
    all_pages = len(plan_pages(calendar, options.product.page_plan, valid.theme.explanation_columns))
    return Composed(valid, photos, calendar, pages, all_pages, parts, css, created, shortenings, warnings)
