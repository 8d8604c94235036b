"""Stage 1: load and check everything a build uses, before anything is rendered.

    content/, portraits/, templates/  ->  Validated (typed content, year table, portraits, theme, profile)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from calendar_build.content.edition_checks import check_edition
from calendar_build.content.encoding import EncodingProblem, decode_text
from calendar_build.content.loader import Content, load_content
from calendar_build.engine.capacity import check_capacity
from calendar_build.engine.names import check_distinct_names
from calendar_build.engine.occurrences import YearTable, compute_year
from calendar_build.errors import ContentError, Problem, Problems, display_path, os_error_message
from calendar_build.i18n.content import check_region, localize
from calendar_build.i18n.languages import GERMAN
from calendar_build.output import cache_refusal
from calendar_build.paths import PathOutside, inside, read_regular
from calendar_build.photos.colour import output_profile_problem
from calendar_build.photos.same import warn_same_photo
from calendar_build.portraits.loader import Portrait, load_portraits
from calendar_build.region import checks as region_checks
from calendar_build.render import fonts
from calendar_build.render.assets import check_assets
from calendar_build.render.condition import CONDITIONS, ConditionError, ensure_profile
from calendar_build.render.theme import Layers, ThemeError, ThemeNumbers, read_layers, read_theme
from calendar_build.stages.options import BuildOptions
from calendar_build.stages.styles import layout_css

LINKED_OUT = "Die Datei verweist (Symlink) aus dem Kalenderprojekt hinaus – bitte die Datei selbst ins Projekt legen."


@dataclass(frozen=True)
class Validated:
    """Everything checked and typed, before anything is rendered."""

    content: Content
    table: YearTable
    portraits: tuple[Portrait, ...]
    layers: Layers  # theme.css's custom properties by block
    layout_css: str  # calendar.css as written
    theme: ThemeNumbers  # the numbers of the product's theme layers
    output_profile: Path | None  # the CMYK profile of a CMYK product
    warnings: tuple[Problem, ...]
    german: Content | None = None  # the German content beside the translation (bilingual products)
    same_photo_checked: bool = True  # False: the same-photo check follows the photos (stages/photos.py)


def read_template_text(templates: Path, name: str) -> str:
    """Return a text file of the templates folder; raise ContentError when it is missing or not UTF-8."""
    try:
        raw = read_regular(inside(templates.parent, templates / name))  # never waits on a FIFO
    except PathOutside:
        raise ContentError([Problem(f"templates/{name}", None, LINKED_OUT)]) from None
    except FileNotFoundError:
        raise ContentError([Problem(f"templates/{name}", None, "Datei fehlt oder kann nicht gelesen werden.")]
                           ) from None
    except OSError as exc:  # a FIFO, a folder, a symlink loop
        raise ContentError([Problem(f"templates/{name}", None, f"{os_error_message(exc)}.")]) from None
    try:
        return decode_text(raw)
    except EncodingProblem as exc:
        raise ContentError([Problem(f"templates/{name}", exc.line, exc.message)]) from None


def theme_problem(exc: ThemeError) -> Problem:
    """Return a theme or layout error as a problem with file and line."""
    return Problem(exc.path, exc.line, exc.message)


def _stylesheets(options: BuildOptions, problems: Problems) -> tuple[Layers, str, ThemeNumbers] | None:
    """Read theme.css and calendar.css; record every problem; return the layers, the layout and the numbers."""
    templates = options.root / "templates"
    try:
        layers = read_layers(read_template_text(templates, "theme.css"))
        layout = read_template_text(templates, "calendar.css")
        numbers = read_theme(layers, options.product)
        layout_css(options, layers, layout, numbers)  # every var() defined, no syntax error
    except ContentError as exc:
        problems.items.extend(exc.problems)
        return None
    except ThemeError as exc:
        problems.items.append(theme_problem(exc))
        return None
    return layers, layout, numbers


def _output_profile(options: BuildOptions, content: Content, problems: Problems) -> Path | None:
    if options.product.colour != "cmyk":
        return None
    if content.edition.output_profile:
        line = content.edition_line("output_profile")
        try:
            profile = inside(content.root, content.edition.output_profile)
        except PathOutside:
            problems.error("content/edition.yaml", line, f"Farbprofil '{content.edition.output_profile}' liegt "
                           "außerhalb des Kalenderprojekts – bitte ins Projekt legen.")
            return None
        if not profile.is_file():
            problems.error("content/edition.yaml", line, f"Farbprofil '{content.edition.output_profile}' fehlt.")
            return None
        try:
            data = read_regular(profile, 100_000_000)
        except OSError as exc:
            problems.error("content/edition.yaml", line, f"Farbprofil '{content.edition.output_profile}': "
                           f"{os_error_message(exc)}.")
            return None
        reason = output_profile_problem(data)
        if reason is not None:
            problems.error("content/edition.yaml", line, f"Farbprofil '{content.edition.output_profile}' {reason}.")
            return None
        return profile
    try:  # our profile of the registered condition (made from Fogra's data by `make install`)
        return ensure_profile(CONDITIONS[content.edition.print_condition])
    except ConditionError as exc:
        problems.error("content/edition.yaml", content.edition_line("print_condition"), str(exc))
        return None


def printed_texts(content: Content, portraits: tuple[Portrait, ...]) -> list[fonts.Located]:
    """Return every content text that gets printed, with where it is defined."""
    texts = []
    for entry in content.catalogue.entries:
        h = entry.holiday
        for text in (h.name, h.short, h.original, h.transliteration, h.description, h.greeting):
            if text:
                texts.append(fonts.Located(text, entry.where.path, entry.where.line))
    for category in content.catalogue.categories:
        texts.append(fonts.Located(category.label, "content/categories.yaml", None))
    edition = content.edition
    for key, text in (("title", edition.title), ("motto", edition.motto), ("publisher", edition.publisher),
                      ("imprint", edition.imprint)):
        texts.append(fonts.Located(text, "content/edition.yaml", content.edition_line(key)))
    for portrait in portraits:
        spec = portrait.spec
        for key, text in (("name", spec.name), ("town", spec.town), ("text", spec.text),
                          ("photo_credit", spec.photo_credit)):
            texts.append(fonts.Located(text, portrait.where.path, portrait.line(key)))
    return texts


# CSS Fonts 4, 4.1.1: generic families, which fontconfig answers with some installed font
GENERIC_FAMILIES = frozenset({"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "math", "emoji",
                              "fangsong", "ui-serif", "ui-sans-serif", "ui-monospace", "ui-rounded"})


def _check_glyphs(content: Content, portraits: tuple[Portrait, ...], theme: ThemeNumbers, problems: Problems) -> None:
    found = fonts.resolve_all(family for family, _name, _line in theme.font_families)
    missing = [(family, name, line) for family, name, line in theme.font_families
               if family in found and found[family] is None and family not in GENERIC_FAMILIES]
    for family, name, line in missing:
        problems.error("templates/theme.css", line, f"Schrift '{family}' in '{name}' ist nicht installiert – "
                       "'make install' ausführen oder die Schrift in theme.css ändern.")
    if missing:
        return
    try:
        files = fonts.stack_files(theme.font_stack, found)
    except fonts.FontError as exc:
        problems.error("templates/theme.css", None, str(exc))
        return
    for located, script, chars in fonts.missing_by_script(printed_texts(content, portraits), files):
        problems.error(located.path, located.line, fonts.unprintable_message(located.text, script, chars))


@dataclass(frozen=True)
class Sources:
    """What every product of an edition reads alike, read once: the content, the year, the portraits, and the
    problems found in them (`check` validates each product on top of it; a build reads them per product)."""

    german: Content
    content: Content
    table: YearTable | None  # None when the content keeps the year from being computed
    portraits: tuple[Portrait, ...]
    problems: tuple[Problem, ...]
    same_photo_checked: bool = True


def read_sources(options: BuildOptions, same_photo: bool = True) -> Sources:
    """Load and check the edition's content, year and portraits (the same for every product); never raises.

    Without `same_photo` the portraits' photos are not compared here: a build compares them once its photo
    workers have decoded them (stages/photos.py), instead of decoding every new photo twice.
    """
    problems = Problems()
    german = load_content(options.root, problems)
    content = localize(german, options.language, problems)
    # An override the loader refused is left out, so the dates can still be computed and checked (all
    # slips of an overrides file show at once); a broken catalogue or edition stops here.
    blocking = [p for p in problems.errors if not p.path.startswith("content/overrides/")]
    table = compute_year(content, options.year, problems) if not blocking else None
    if table is not None:
        check_distinct_names(table, problems)
    region_checks.report(content, options.year, problems)
    check_region(content, options.year, options.language, problems)
    edition = content.edition
    portraits = load_portraits(options.root, options.year, problems, towns=edition.towns, rules=edition.portraits)
    check_edition(content, options.year, portraits, problems)
    if same_photo:
        warn_same_photo(portraits, problems, options.cache)
    check_assets(options.root, problems)
    if (refusal := cache_refusal(options.configured_cache)) is not None:
        problems.warning(display_path(options.configured_cache, options.root), None,
                         f"Zwischenspeicher nicht nutzbar ({refusal}) – es wird ohne ihn gebaut (langsamer).")
    return Sources(german, content, table, portraits, tuple(problems.items), same_photo)


def validate(options: BuildOptions, sources: Sources | None = None, same_photo: bool = True) -> Validated:
    """Load and check everything a build uses; raise ContentError with every problem (warnings are returned).

    `sources` is the edition's content read already for another product of the same options (`read_sources`).
    Without `same_photo` the photos are compared after they are prepared, or here when an error stops the build.
    """
    read = sources if sources is not None else read_sources(options, same_photo)
    problems = Problems()
    problems.items.extend(read.problems)
    content = read.content
    if options.product.bilingual and options.language == GERMAN:
        problems.error("content/edition.yaml", None, f"{options.product.title} stellt Deutsch neben eine andere "
                       "Sprache – bitte 'language' in content/edition.yaml oder --language angeben (en, tr, ar, uk, fa).")
    if read.table is not None and "months" in options.product.page_plan:
        check_capacity(read.table, problems)
    styles = _stylesheets(options, problems)
    profile = _output_profile(options, content, problems)
    if styles is not None:
        _check_glyphs(content, read.portraits, styles[2], problems)
    if problems.errors and not read.same_photo_checked:  # no photos follow: every problem is told at once
        warn_same_photo(read.portraits, problems, options.cache)
    problems.raise_if_errors()
    assert read.table is not None and styles is not None
    return Validated(content, read.table, read.portraits, *styles, profile, tuple(problems.items),
                     read.german if options.product.bilingual else None, read.same_photo_checked)
