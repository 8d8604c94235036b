"""`calendar-build site`: the edition as a static website, read top to bottom like its stages.

    validate (stages/validate.py) -> page model (stages/compose.py) -> photos of the web product
      -> feasts with the next years -> pictures of built posters -> site plan -> HTML, CSS, open data, ICS (in memory)
      -> written into a hidden folder beside the target and swapped in (the last site stays whole)

Pages link relatively and load nothing from elsewhere: the folder works offline and on any static host.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from calendar_build import clock
from calendar_build.engine.occurrences import YearTable, compute_year
from calendar_build.engine.years import SUPPORTED_YEARS
from calendar_build.errors import ContentError, Problem
from calendar_build.export import ics
from calendar_build.output import atomic_write, staged_folder
from calendar_build.i18n.catalogues import translations
from calendar_build.i18n.dates import Dates
from calendar_build.i18n.languages import GERMAN, LANGUAGES
from calendar_build.i18n.marker import N_
from calendar_build.pages.model import PhotoUrls
from calendar_build.products import PRODUCTS
from calendar_build.render.html import TemplateProblem, render_templates
from calendar_build.render.theme import ThemeError, compile_css
from calendar_build.site import opendata
from calendar_build.site.feasts import AHEAD_YEARS, feast_pages
from calendar_build.site.model import Download, Site
from calendar_build.site.plan import plan_site
from calendar_build.site.planning_texts import form_texts
from calendar_build.site.poster import poster_views
from calendar_build.stages.compose import cjk_font_for, page_model, relink, strictly
from calendar_build.stages.options import BuildOptions
from calendar_build.stages.photos import prepare
from calendar_build.stages.styles import category_colour
from calendar_build.stages.validate import Validated, read_template_text, theme_problem, validate

SITE_TEMPLATES = "site"  # templates/site/: <kind>.html.j2, site.css, planen.js
STATIC = ("planen.js",)  # copied as they are
CJK_FILE = "schrift/cjk.otf"
DARK_LUMINANCE = 0.0103  # of #1a1a1a, the dark letter on light dots
ALL_CATEGORIES = N_("Alle Kategorien")
ALL_DATES = N_("Alle Termine {year} als JSON")
SCHEMA_TITLE = N_("Beschreibung der Felder (JSON Schema)")
# The PDF products as the download list names them (their `title` is the editors' German name).
PDF_TITLES = {"print-a3": N_("Druck-PDF A3"), "print-a4": N_("Druck-PDF A4"), "screen": N_("Bildschirm-PDF"),
              "screen-a4": N_("Bildschirm-PDF A4"), "poster-a2": N_("Jahresplakat A2"),
              "poster-a1": N_("Jahresplakat A1"), "poster-a2-landscape": N_("Jahresplakat A2 quer"),
              "poster-a1-landscape": N_("Jahresplakat A1 quer"),
              "print-a3-bilingual": N_("Druck-PDF A3 zweisprachig")}


@dataclass
class SiteFiles:
    """The site before it is written: generated files and files copied from elsewhere."""

    texts: dict[str, bytes] = field(default_factory=dict)
    copies: dict[str, Path] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteReport:
    """What `calendar-build site` wrote."""

    folder: Path
    pages: int
    files: int
    warnings: tuple[Problem, ...]
    seconds: float


def site_folder(options: BuildOptions, out: Path | None = None) -> Path:
    """Return where the site is written: --out, else output/YYYY/site."""
    return out or options.target


def _ahead_tables(valid: Validated, year: int) -> list[YearTable]:
    return [compute_year(valid.content, y) for y in range(year + 1, year + 1 + AHEAD_YEARS) if y in SUPPORTED_YEARS]


Downloads = tuple[Download, ...]


def _downloads(options: BuildOptions, valid: Validated, files: SiteFiles) -> tuple[Downloads, Downloads, Downloads]:
    """Return the ICS, PDF and data downloads, and add their files."""
    content, table = valid.content, valid.table
    labels = {c.id: c.label for c in content.catalogue.categories}
    stamp = ics.dtstamp(content.edition.document_date, options.year, clock.source_epoch())
    document = opendata.open_data(content, table)
    data_text = opendata.to_json(document)
    calendars = []
    _, suffix = translations(options.language).gettext, LANGUAGES[options.language].file_suffix
    for name, data in _ics_files(table, labels, stamp, data_text, options.language).items():
        files.texts[name] = data
        category = name.removeprefix(f"{ics.FILE_PREFIX}-{options.year}").removesuffix(".ics").removesuffix(suffix)
        calendars.append(Download(name, labels.get(category.lstrip("-"), _(ALL_CATEGORIES)),
                                  f"ICS, {len(data) // 1024 + 1} KB"))
    documents = []
    for product in PRODUCTS.values():
        source = options.out_dir / product.output_name(options.year, options.language)
        if product.output == "pdf" and source.is_file():
            files.copies[source.name] = source
            documents.append(Download(source.name, _(PDF_TITLES.get(product.id, product.title)),
                                      f"PDF, {source.stat().st_size / 1e6:.1f} MB"))
    data_name = opendata.data_name(options.year)
    files.texts[data_name] = data_text.encode()
    files.copies[opendata.SCHEMA_NAME] = opendata.SCHEMA
    data_files = (Download(data_name, _(ALL_DATES).format(year=options.year), content.edition.data_license),
                  Download(opendata.SCHEMA_NAME, _(SCHEMA_TITLE), "JSON"))
    return tuple(calendars), tuple(documents), data_files


_ICS_MEMO: dict[str, dict[str, bytes]] = {}  # `serve` rebuilds often; the ICS files change only with the dates


def _ics_files(table: YearTable, labels: dict[str, str], stamp: dt.datetime, data_text: str,
               language: str) -> dict[str, bytes]:
    """Return the year's ICS files, reused while the open data (every field they show) is the same."""
    key = hashlib.sha256(f"{language}|{stamp.isoformat()}|{sorted(labels.items())}|{data_text}".encode()).hexdigest()
    if key not in _ICS_MEMO:
        _ICS_MEMO.clear()
        _ICS_MEMO[key] = ics.ics_files(table, labels, stamp, language)
    return _ICS_MEMO[key]


def planning_data(site_year: int, valid: Validated, feasts: dict[str, str], language: str = GERMAN) -> str:
    """Return the planning form's data as a script (a file:// page cannot fetch JSON).

    Dates come formatted in the site's language: each feast's days (`when`) and, under `days`, every day
    that can meet a feast (two days before it to the day after), as the table shows a planned day.
    """
    labels = {c.id: c.label for c in valid.content.catalogue.categories}
    dates = Dates(language)
    holidays = [{
        "id": o.id, "name": o.entry.holiday.name, "category": o.category, "category_label": labels[o.category],
        "start": o.start.isoformat(), "end": o.end.isoformat(), "eve": o.entry.holiday.eve,
        "approximate": o.approximate, "public": o.public, "page": feasts.get(o.id, ""),
        "when": dates.date_range(o.start, o.end),
    } for o in valid.table.occurrences]
    near = sorted({o.start + dt.timedelta(days=d) for o in valid.table.occurrences
                   for d in range(-2, (o.end - o.start).days + 2)})
    days = {day.isoformat(): dates.weekday_date(day) for day in near}
    text = json.dumps({"year": site_year, "holidays": holidays, "days": days}, ensure_ascii=False,
                      separators=(",", ":"))
    return "window.KALENDER = " + text.replace("</", "<\\/") + ";\n"


def site_css(options: BuildOptions, valid: Validated, cjk: bool) -> str:
    """Return the site's stylesheet: theme colours and fonts of the product, then one rule per category."""
    templates = options.root / "templates"
    layout = read_template_text(templates, f"{SITE_TEMPLATES}/site.css")
    css = compile_css(valid.layers, layout, options.product, {}, path=f"templates/{SITE_TEMPLATES}/site.css")
    lines = [f"@font-face {{ font-family: 'CJK Subset'; src: url('{CJK_FILE}'); }}"] if cjk else []
    for c in valid.content.catalogue.categories:
        colour = category_colour(c.cmyk, c.rgb, options.product.colour)
        lines.append(f".dot.cat-{c.id} {{ background-color: {colour}; color: {on_colour(c.rgb)}; }}")
    return "\n".join(lines) + "\n" + css


def on_colour(rgb: str) -> str:
    """Return white or near-black, whichever contrasts more with the colour (WCAG 2.2 relative luminance)."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(rgb[i:i + 2], 16)) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    against_white = 1.05 / (luminance + 0.05)
    against_dark = (luminance + 0.05) / (DARK_LUMINANCE + 0.05)
    return "#ffffff" if against_white >= against_dark else "#1a1a1a"


def compose_site(options: BuildOptions) -> tuple[Site, SiteFiles, tuple[Problem, ...]]:
    """Compose the whole site in memory; raise ContentError before anything is written."""
    valid = validate(options)
    draft, _ = page_model(options, valid, {})
    photos, photo_warnings = prepare(options, valid)
    warnings = strictly(valid.warnings + photo_warnings, options.strict)
    files = SiteFiles()
    relative = {}
    for month in photos.urls():
        relative[month] = PhotoUrls(f"fotos/{month:02d}.jpg", f"fotos/{month:02d}-kachel.jpg")
        if month in photos.frames:
            files.copies[relative[month].frame] = photos.frames[month].path
        if month in photos.tiles:
            files.copies[relative[month].tile] = photos.tiles[month].path
    calendar = relink(draft, relative)
    categories = {c.id: c for c in calendar.categories}
    feasts = feast_pages(valid.table, _ahead_tables(valid, options.year), categories, options.language)
    calendars, documents, data = _downloads(options, valid, files)
    gettext = translations(options.language).gettext
    posters = poster_views(PRODUCTS.values(), options.out_dir, options.year, options.language,  # PDFs: documents
                           lambda product: gettext(PDF_TITLES.get(product.id, product.title)))
    for view, picture in posters:
        files.texts[view.image] = picture
    script = f"holidays-{options.year}.js"
    files.texts[script] = planning_data(options.year, valid, {f.id: f.path for f in feasts},
                                        options.language).encode()
    site = Site(
        calendar=calendar, feasts=feasts, posters=tuple(view for view, _ in posters),
        pages=plan_site(calendar, feasts, options.product.page_plan, posters=bool(posters)),
        month_feasts={m: tuple(f for f in feasts if m in f.months) for m in range(1, 13)},
        calendars=calendars, documents=documents, data=data, license=valid.content.edition.data_license,
        license_url=opendata.LICENSE_URLS[valid.content.edition.data_license], data_script=script,
        planning_texts=form_texts(options.language),
    )
    cjk = cjk_font_for(options, valid)
    if cjk is not None:
        files.copies[CJK_FILE] = cjk
    try:
        files.texts["site.css"] = site_css(options, valid, cjk is not None).encode()
        _render_pages(options.root / "templates", site, files, options.language)
    except TemplateProblem as exc:
        raise ContentError([Problem(exc.path, exc.line, exc.message)]) from exc
    except ThemeError as exc:
        raise ContentError([theme_problem(exc)]) from exc
    for name in STATIC:
        files.texts[name] = read_template_text(options.root / "templates", f"{SITE_TEMPLATES}/{name}").encode()
    return site, files, warnings


def _render_pages(templates: Path, site: Site, files: SiteFiles, language: str = GERMAN) -> None:
    jobs = [(f"{SITE_TEMPLATES}/{page.kind}.html.j2",
             {"site": site, "cal": site.calendar, "page": page, "weekdays": Dates(language).weekdays})
            for page in site.pages]
    for page, html in zip(site.pages, render_templates(templates, jobs, language), strict=True):
        files.texts[page.path] = html.encode()


def write_site(files: SiteFiles, target: Path, durable: bool = True) -> None:
    """Write the files into a hidden folder beside `target`, then swap it in.

    `durable`: each file reaches the disk before the swap (`serve`, rebuilding a preview, skips that).
    """
    with staged_folder(target) as folder:
        for name, data in files.texts.items():
            if durable:
                atomic_write(folder / name, data)
            else:
                (folder / name).write_bytes(data)
        for name, source in files.copies.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, folder / name)


def build_site(options: BuildOptions, target: Path) -> SiteReport:
    """Build the website into `target`; raise ContentError before writing anything when something is wrong."""
    started = time.perf_counter()
    site, files, warnings = compose_site(options)
    write_site(files, target)
    return SiteReport(target, len(site.pages), len(files.texts) + len(files.copies), warnings,
                      time.perf_counter() - started)
