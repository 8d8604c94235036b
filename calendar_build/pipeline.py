"""The build: named stages from content to PDF, read top to bottom.

    content + portraits  -> validate          -> Validated (typed content, year table, portraits)
    Validated            -> photos            -> prepared JPEGs (cached, parallel)
    Validated + photos   -> page model        -> Calendar (+ day cells that had to be shortened)
    Calendar             -> fonts, templates  -> HTML of each part (print: page ranges set in parallel)
    HTML parts           -> WeasyPrint        -> PDF of each part -> joined -> atomic write
"""

from __future__ import annotations

from collections.abc import Callable
import re
import shutil
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urlparse

from calendar_build import clock
from calendar_build.content.loader import Content, load_content
from calendar_build.engine.occurrences import YearTable, compute_year
from calendar_build.errors import ContentError, Problem, Problems
from calendar_build.output import atomic_write, swap_in
from calendar_build.pages.build import Options, build_calendar
from calendar_build.pages.fitting import CellBox, TextBox
from calendar_build.pages.outlook import outlook
from calendar_build.pages.model import Calendar, PhotoUrls, Shortening
from calendar_build.paths import PathOutside, inside
from calendar_build.photos.colour import output_profile_problem
from calendar_build.photos.prepare import PhotoJob, PhotoTarget, PreparedPhoto, prepare_photos
from calendar_build.portraits.loader import Portrait, load_portraits
from calendar_build.render import fonts
from calendar_build.render.condition import CONDITIONS, ConditionError, ensure_profile
from calendar_build.render.assets import check_assets
from calendar_build.render.html import TemplateProblem, Urls, page_ids, render_html
from calendar_build.render.parts import PRINT_PARTS, split_pages
from calendar_build.render.theme import ThemeError, ThemeNumbers, compile_css, read_theme

OUTLOOK_YEARS = 5  # the outlook page shows the years after the edition's
PAGE_SIZES_MM = {"a3": (297.0, 420.0), "a4": (210.0, 297.0)}
BLEED_MM = 3.0
COVER_GRID = (4, 3)  # columns and rows of the cover's photo mosaic (calendar.css floats them)
COVER_SHARE = 0.56  # the mosaic's share of the page height, below the top bleed
CELL_PADDING_MM = 2.2  # left + right padding of a day cell in calendar.css
NOT_UTF8 = "Die Datei ist nicht UTF-8-kodiert – bitte als UTF-8 speichern."
LINKED_OUT = "Die Datei verweist (Symlink) aus dem Kalenderprojekt hinaus – bitte die Datei selbst ins Projekt legen."


@dataclass(frozen=True)
class BuildOptions:
    """What to build."""

    root: Path
    year: int
    variant: str = "print"  # print | screen
    page_format: str = "a3"  # a3 | a4
    out: Path | None = None  # default: <root>/output/<year>
    keep_html: bool = False
    strict: bool = False
    cache_dir: Path | None = None  # default: <root>/.cache/calendar-build
    parallel_parts: bool = True  # set the print PDF's parts in parallel processes (off when variants run in parallel)

    @property
    def out_dir(self) -> Path:
        """Return the output folder."""
        return self.out or self.root / "output" / str(self.year)

    @property
    def cache(self) -> Path:
        """Return the cache folder."""
        return self.cache_dir or self.root / ".cache" / "calendar-build"


@dataclass(frozen=True)
class Validated:
    """Everything checked and typed, before anything is rendered."""

    content: Content
    table: YearTable
    portraits: tuple[Portrait, ...]
    theme: ThemeNumbers
    output_profile: Path | None
    warnings: tuple[Problem, ...]


@dataclass
class BuildReport:
    """What a build wrote and what an editor should know about it."""

    outputs: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    shortenings: tuple[Shortening, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)
    pages: int = 0


def _output_profile(content: Content, problems: Problems) -> Path | None:
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
        reason = output_profile_problem(profile.read_bytes())
        if reason is not None:
            problems.error("content/edition.yaml", line, f"Farbprofil '{content.edition.output_profile}' {reason}.")
            return None
        return profile
    try:  # our profile of the registered condition (made from Fogra's data by `make install`)
        return ensure_profile(CONDITIONS[content.edition.print_condition])
    except ConditionError as exc:
        problems.error("content/edition.yaml", content.edition_line("print_condition"), str(exc))
        return None


def validate(options: BuildOptions) -> Validated:
    """Load and check everything a build uses; raise ContentError with every problem."""
    problems = Problems()
    content = load_content(options.root, problems)
    table = compute_year(content, options.year, problems) if not problems.errors else None
    portraits = load_portraits(options.root, options.year, problems, strict=options.strict)
    theme_path = options.root / "templates" / "theme.css"
    theme = None
    try:
        theme = read_theme(inside(options.root, theme_path), options.page_format)
    except PathOutside:
        problems.error("templates/theme.css", None, LINKED_OUT)
    except (OSError, ThemeError, UnicodeDecodeError) as exc:
        problems.error("templates/theme.css", None, str(exc) if isinstance(exc, ThemeError) else
                       NOT_UTF8 if isinstance(exc, UnicodeDecodeError) else "Datei fehlt.")
    if theme is not None:
        _check_layout(options, problems)
    check_assets(options.root, problems)
    profile = _output_profile(content, problems) if options.variant == "print" else None
    if theme is not None:
        _check_glyphs(content, portraits, theme, problems)
    if options.strict:
        problems.items = [Problem(p.path, p.line, p.message, "error") for p in problems.items]
    problems.raise_if_errors()
    assert table is not None and theme is not None
    return Validated(content, table, portraits, theme, profile, tuple(problems.items))


def read_template_text(templates: Path, name: str) -> str:
    """Return a text file of the templates folder; raise ContentError when it is missing or not UTF-8."""
    try:
        raw = inside(templates.parent, templates / name).read_bytes()
    except PathOutside:
        raise ContentError([Problem(f"templates/{name}", None, LINKED_OUT)]) from None
    except OSError:
        raise ContentError([Problem(f"templates/{name}", None, "Datei fehlt oder kann nicht gelesen werden.")]
                           ) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError([Problem(f"templates/{name}", raw.count(b"\n", 0, exc.start) + 1, NOT_UTF8)]) from None


def _check_layout(options: BuildOptions, problems: Problems) -> None:
    """Record why the stylesheet would not compile (missing, not UTF-8, a variable theme.css lacks)."""
    try:
        stylesheet(options, None, None)
    except ContentError as exc:
        problems.items.extend(exc.problems)
    except ThemeError as exc:
        problems.error("templates/calendar.css", None, f"{exc}.")


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


def _check_glyphs(content: Content, portraits: tuple[Portrait, ...], theme: ThemeNumbers, problems: Problems) -> None:
    try:
        files = fonts.stack_files(theme.font_stack)
    except fonts.FontError as exc:
        problems.error("templates/theme.css", None, str(exc))
        return
    for located, char in fonts.missing_glyphs(printed_texts(content, portraits), files):
        problems.error(located.path, located.line, f"Das Zeichen {fonts.describe(char)} kann mit keiner Schrift "
                       f"gedruckt werden – bitte ersetzen oder eine passende Schrift in theme.css ergänzen.")


def _photo_targets(options: BuildOptions, valid: Validated) -> tuple[PhotoTarget, PhotoTarget]:
    """Return where the photos go: the month page's frame and the cover's tile.

    The tile asks for no JPEG draft: it is cut from the full-size decoding that the A3 print frame of
    a camera photo needs as well (decoding costs more than scaling). Where the frame can use a draft
    (A4, screen), the tile gets a full decoding of its own.

    Print photos are separated into the print condition's CMYK profile (ours, made within its ink
    limit, or the printer's `output_profile`): German printers reject RGB images. `print_photos: srgb`
    keeps them sRGB with the profile stated in the PDF (PDF/X-4 allows it) for a printer who asks.
    """
    width, _ = PAGE_SIZES_MM[options.page_format]
    tile_w, tile_h = cover_tile_mm(options.page_format)
    if options.variant == "print":
        colour = valid.content.edition.print_photos
        profile = valid.output_profile  # for sRGB: the assumed profile of untagged CMYK photos
        frame = PhotoTarget(width + 2 * BLEED_MM, valid.theme.photo_height_mm + BLEED_MM, 300, colour, profile,
                            printed=True)
    else:
        frame = PhotoTarget(width, valid.theme.photo_height_mm, 150, "srgb", None)
    # A photo with enough pixels for its frame has enough for the far smaller tile, and one too small
    # is reported for its frame: the tile itself never adds a second message.
    return frame, replace(frame, width_mm=tile_w, height_mm=tile_h, draft=False, warn_ppi=0, min_ppi=0)


def cover_tile_mm(page_format: str) -> tuple[float, float]:
    """Return the size of a cover tile: the mosaic runs into the bleed at the top and the sides."""
    width, height = PAGE_SIZES_MM[page_format]
    columns, rows = COVER_GRID
    return (width + 2 * BLEED_MM) / columns, (height * COVER_SHARE + BLEED_MM) / rows


@dataclass(frozen=True)
class PortraitPhotos:
    """The prepared photos by month: for the month page's frame and for the cover's mosaic."""

    frames: dict[int, PreparedPhoto] = field(default_factory=dict)
    tiles: dict[int, PreparedPhoto] = field(default_factory=dict)

    def urls(self) -> dict[int, PhotoUrls]:
        """Return the file URLs of the photos by month ("" where a photo was not prepared)."""
        def url(photos: dict[int, PreparedPhoto], month: int) -> str:
            return photos[month].path.as_uri() if month in photos else ""

        return {m: PhotoUrls(url(self.frames, m), url(self.tiles, m)) for m in sorted({*self.frames, *self.tiles})}


def prepare(options: BuildOptions, valid: Validated, months: frozenset[int] | None = None,
            cover: bool = True, meanwhile: Callable[[], None] | None = None) -> tuple[PortraitPhotos, tuple[Problem, ...]]:
    """Prepare the frames of the portrait photos of `months` (default all) and, for the cover, all tiles.

    Return them with their warnings; raise ContentError for photos that cannot be printed.
    `meanwhile` runs in this process while worker processes prepare the photos.
    """
    problems = Problems()
    frame, tile = _photo_targets(options, valid)
    jobs = [PhotoJob(p.photo, p.spec.focal_point, frame, p.where.path, p.photo_line)
            for p in valid.portraits if months is None or p.spec.month in months]
    if cover:
        jobs += [PhotoJob(p.photo, p.spec.focal_point, tile, p.where.path, p.photo_line) for p in valid.portraits]
    prepared = prepare_photos(jobs, options.cache / "photos", problems, meanwhile=meanwhile)
    # a photo's own problems (a broken profile, too few pixels) would show once for each target
    problems.items = list(dict.fromkeys(problems.items))
    if options.strict:
        problems.items = [Problem(p.path, p.line, p.message, "error") for p in problems.items]
    problems.raise_if_errors()
    month_of = {p.photo: p.spec.month for p in valid.portraits}
    photos = PortraitPhotos()
    for (source, target), photo in prepared.items():
        (photos.frames if target == frame else photos.tiles)[month_of[source]] = photo
    return photos, tuple(problems.items)


def cjk_font_for(options: BuildOptions, valid: Validated) -> Path | None:
    """Return the CJK subset font holding exactly the Chinese characters the content prints, if any."""
    chars = fonts.cjk_characters(t.text for t in printed_texts(valid.content, valid.portraits))
    try:
        return fonts.cjk_subset(chars, options.cache) if chars else None
    except fonts.FontError as exc:
        raise ContentError([Problem("templates/theme.css", None, str(exc))]) from exc


def stylesheet(options: BuildOptions, valid: Validated | None, cjk_font: Path | None) -> str:
    """Return the one stylesheet of a render: generated rules plus theme and layout, compiled.

    Without `valid` only the layout is compiled (validation); raise ContentError or ThemeError.
    """
    width, height = PAGE_SIZES_MM[options.page_format]
    templates = options.root / "templates"
    layout = compile_css(
        read_template_text(templates, "theme.css"), read_template_text(templates, "calendar.css"),
        options.page_format, options.variant,
        {"--page-width": f"{width}mm", "--page-height": f"{height}mm",
         "--cover-mosaic-height": f"{height * COVER_SHARE + BLEED_MM:.3f}mm"},
    )
    return layout if valid is None else _generated_css(options, valid, cjk_font) + layout


def _generated_css(options: BuildOptions, valid: Validated, cjk_font: Path | None) -> str:
    width, height = PAGE_SIZES_MM[options.page_format]
    lines = []
    if options.variant == "print":
        assert valid.output_profile is not None
        lines.append(f"@color-profile device-cmyk {{ src: url('{valid.output_profile.as_uri()}'); components: c, m, y, k; }}")
        lines.append(f"@page {{ size: {width}mm {height}mm; bleed: {BLEED_MM}mm; margin: 0; }}")
    else:
        lines.append(f"@page {{ size: {width}mm {height}mm; margin: 0; }}")
    if cjk_font is not None:
        lines.append(f"@font-face {{ font-family: '{fonts.CJK_FAMILY}'; src: url('{cjk_font.as_uri()}'); }}")
    for category in valid.content.catalogue.categories:
        if options.variant == "print":
            c, m, y, k = (v / 100 for v in category.cmyk)
            colour = f"device-cmyk({c:.3f} {m:.3f} {y:.3f} {k:.3f})"
        else:
            colour = category.rgb
        lines.append(f".cat-{category.id} {{ color: {colour}; }}")
    return "\n".join(lines) + "\n"


def page_model(options: BuildOptions, valid: Validated,
               photo_urls: dict[int, PhotoUrls]) -> tuple[Calendar, tuple[Shortening, ...]]:
    """Return the page model for the prepared photos."""
    theme = valid.theme
    label_font = fonts.resolve_family(theme.font_stack[0])
    cell_width = (theme.grid_width_mm - theme.kw_width_mm) / 7 - CELL_PADDING_MM
    page_options = Options(
        variant=options.variant, page_format=options.page_format,
        cell=CellBox(cell_width, theme.label_lines, label_font, theme.label_size_pt),
        column=TextBox(theme.explanation_column_width_mm, theme.explanation_column_height_mm, label_font,
                       theme.explanation_size_pt, theme.explanation_leading),
    )
    computed_on = valid.content.edition.document_date or clock.today()
    with_outlook = options.variant == "screen" or valid.content.edition.outlook_in_print
    rows = outlook(valid.content, options.year + 1, OUTLOOK_YEARS) if with_outlook else ()
    return build_calendar(valid.content, valid.table, valid.portraits, photo_urls, page_options, computed_on, rows)


def paged_explanations(calendar: Calendar, valid: Validated) -> list[tuple]:  # type: ignore[type-arg]
    """Return the explanation columns grouped into pages (as many columns per page as the theme says)."""
    columns, per_page = calendar.explanation_columns, valid.theme.explanation_columns
    return [columns[i : i + per_page] for i in range(0, len(columns), per_page)] or [()]


def _no_progress(_label: str) -> None:
    """Show nothing."""



def build(options: BuildOptions, step: Callable[[str], None] = _no_progress) -> BuildReport:
    """Build the calendar PDF of one variant; raise ContentError before writing anything when invalid.

    `step` is told the name of each stage as it starts (for a progress display).
    """
    report = BuildReport()
    started = time.perf_counter()
    step("Inhalte und Porträts prüfen")
    valid = validate(options)
    report.warnings.extend(valid.warnings)
    report.timings["validate"] = time.perf_counter() - started

    mark = time.perf_counter()
    step("Fotos vorbereiten")
    cjk: dict[str, Path | None] = {}

    def meanwhile() -> None:
        # While the photo workers run (they are forked without it): WeasyPrint takes half a second to load.
        import calendar_build.render.pdf  # noqa: F401, PLC0415

        cjk["font"] = cjk_font_for(options, valid)

    photos, photo_warnings = prepare(options, valid, meanwhile=meanwhile)
    report.warnings.extend(photo_warnings)
    report.timings["photos"] = time.perf_counter() - mark

    mark = time.perf_counter()
    step("Seiten aufbauen")
    calendar, shortenings = page_model(options, valid, photos.urls())
    report.shortenings = shortenings
    cjk_font = cjk["font"]
    templates = options.root / "templates"
    created = f"{(valid.content.edition.document_date or clock.today()).isoformat()}T00:00:00+00:00"
    explanation_pages = paged_explanations(calendar, valid)
    groups = split_pages(page_ids(calendar, explanation_pages), PRINT_PARTS if options.variant == "print" else 1)
    try:
        parts = tuple(render_html(templates, calendar, explanation_pages, Urls(), created, frozenset(group))
                      for group in groups)
        generated = stylesheet(options, valid, cjk_font)
    except TemplateProblem as exc:
        raise ContentError([Problem(exc.path, exc.line, exc.message)]) from exc
    except ThemeError as exc:
        raise ContentError([Problem("templates/calendar.css", None, f"{exc}.")]) from exc
    report.timings["html"] = time.perf_counter() - mark

    mark = time.perf_counter()
    step("PDF setzen und schreiben")
    from calendar_build.render.pdf import PdfJob, render_pdf  # noqa: PLC0415 - loaded meanwhile (above)

    allowed = (options.root, options.cache) + ((valid.output_profile.parent,) if valid.output_profile else ())
    target = options.out_dir / f"calendar-{options.year}-{options.variant}.pdf"
    condition = CONDITIONS[valid.content.edition.print_condition] if options.variant == "print" else None
    result = render_pdf(PdfJob(parts, templates, generated, allowed, options.variant, valid.output_profile, condition,
                               bleed_mm=BLEED_MM, strict=options.strict, parallel=options.parallel_parts,
                               scratch=options.cache), target)
    report.timings["pdf"] = time.perf_counter() - mark
    report.pages = result.pages
    if result.overflows:
        raise ContentError([Problem("templates/theme.css", None, (
            f"{line} – bitte in theme.css die Schrift verkleinern oder --explanation-column-height senken "
            "(für die Festliste: weniger Text je Eintrag)."
        )) for line in result.overflows])
    _check_render(result.missing_glyphs, result.refused, result.warnings, options.strict, report)
    report.outputs.append(target)
    from calendar_build.review import record_snapshot  # noqa: PLC0415 - only needed at the very end

    record_snapshot(valid.table, options.out_dir)  # what this build used, for `calendar-build diff`
    if options.keep_html:
        report.outputs.append(_keep_html(options, templates, calendar, explanation_pages, photos, generated, created))
    report.timings["total"] = time.perf_counter() - started
    return report


def _check_render(glyphs: list[str], refused: list[str], warnings: list[str], strict: bool, report: BuildReport) -> None:
    problems = [Problem("templates", None, f"Fehlendes Schriftzeichen beim Setzen: {m}") for m in glyphs]
    problems += [Problem("templates", None, f"Verweis auf '{url}' abgelehnt – nur Dateien im Kalenderprojekt "
                         "werden gelesen, nichts aus dem Netz.") for url in refused]
    css_warnings = [Problem("templates", None, f"WeasyPrint: {m}", "error" if strict else "warning")
                    for m in warnings]
    if problems or (strict and css_warnings):
        raise ContentError(problems + css_warnings)
    report.warnings.extend(css_warnings)


def _keep_html(options: BuildOptions, templates: Path, calendar: Calendar, explanation_pages: list,  # type: ignore[type-arg]
               photos: PortraitPhotos, generated: str, created: str) -> Path:
    """Write the HTML and its assets into <out>/html-<variant>/ so a designer can open it in a browser."""
    target = options.out_dir / f"html-{options.variant}"
    # A bundle of this build only, no stale files: made in a hidden folder beside it, then swapped in,
    # so an interrupted build leaves the earlier bundle whole.
    folder = target.with_name(f".{target.name}.new")
    shutil.rmtree(folder, ignore_errors=True)  # left by an interrupted build
    (folder / "photos").mkdir(parents=True)
    relative = {}
    for month in photos.urls():
        relative[month] = PhotoUrls(f"photos/{month:02d}.jpg", f"photos/{month:02d}-titel.jpg")
        shutil.copyfile(photos.frames[month].path, folder / relative[month].frame)
        shutil.copyfile(photos.tiles[month].path, folder / relative[month].tile)
    html = render_html(templates, relink(calendar, relative), explanation_pages, Urls("calendar.css"), created)
    atomic_write(folder / "calendar.css", _bundle_css(generated, folder).encode())
    atomic_write(folder / "calendar.html", html.encode())
    swap_in(folder, target)
    return target / "calendar.html"


def _bundle_css(css: str, folder: Path) -> str:
    """Return the stylesheet with its font and profile files copied beside it and linked relatively."""
    def local(match: re.Match[str]) -> str:
        source = Path(unquote(urlparse(match.group(1)).path))
        (folder / "assets").mkdir(exist_ok=True)
        shutil.copyfile(source, folder / "assets" / source.name)
        return f"url('assets/{source.name}')"

    return re.sub(r"url\('(file://[^']+)'\)", local, css)


def relink(calendar: Calendar, urls: dict[int, PhotoUrls]) -> Calendar:
    """Return the calendar with its photos pointing to other URLs."""
    months = tuple(
        replace(m, portrait=replace(m.portrait, photo=urls[m.number].frame, tile=urls[m.number].tile))
        if m.portrait and m.number in urls else m
        for m in calendar.months
    )
    return replace(calendar, months=months)
