"""Previews for designers: only the requested pages, rendered to PNG, with an HTML contact sheet.

    validate -> photos of the requested months -> page model -> HTML of the selected pages in parts
             -> PDF of each part (temporary) -> its pages as PNG where it was set (pypdfium2) -> preview/index.html

`watch` and `serve` keep a `Memo` between rebuilds: the digest of each page's HTML and stylesheet
as its PNG was drawn. Only pages whose digest changed are laid out again; the others keep their PNG.
"""

from __future__ import annotations

import functools
import hashlib
import html
import os
import re
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from PIL import Image

from calendar_build import workers
from calendar_build.errors import Problem, UsageError
from calendar_build.output import staged_folder
from calendar_build.pages.model import PhotoUrls
from calendar_build.photos.model import PreparedPhoto
from calendar_build.pipeline import BuildOptions, parsing_ahead, set_pages
from calendar_build.products import DEFAULT_PRODUCTS, binding_strip_mm
from calendar_build.render.draw import draw_part, png_name
from calendar_build.render.html import Urls, render_html_parts
from calendar_build.render.parts import split_pages
from calendar_build.stages.compose import Composed, compose
from calendar_build.stages.photos import PortraitPhotos
from calendar_build.variants import compacted_line

MAX_PAGES = 999  # far more than any calendar has (about 20): a bound for --pages before it is expanded
PAGES_PER_PART = 4  # a preview sets its pages in parts side by side from this many pages a part


@dataclass
class PreviewReport:
    """What a preview wrote and how long it took."""

    pngs: list[Path] = field(default_factory=list)
    sheet: Path | None = None
    seconds: float = 0.0
    warnings: list[Problem] = field(default_factory=list)
    drawn: list[int] = field(default_factory=list)  # the pages laid out this time (the others were unchanged)
    compacted: list[tuple[int, str]] = field(default_factory=list)  # drawn pages set in the theme's compact step
    first: tuple[list[int], float] | None = None  # the pages in sight drawn first, and the seconds until they were shown


Memo = dict[str, str]  # PNG file name -> digest of the stylesheet and the page's HTML it was drawn from


def page_digests(composed: Composed, wanted: list[int]) -> dict[int, str]:
    """Return a digest of each wanted page's stylesheet and HTML (composed one part per page)."""
    css = hashlib.sha256(composed.css.encode()).digest()
    return {number: hashlib.sha256(css + part.encode()).hexdigest() for number, part in zip(wanted, composed.parts)}


PREVIEW_REDUCE = 2  # the photos a preview shows: half the prepared size (150 ppi for print), still above its 100 dpi


def lighter_urls(photos: PortraitPhotos, folder: Path) -> dict[int, PhotoUrls]:
    """Return URLs of the photos at 1/PREVIEW_REDUCE of their size, made once from the prepared JPEGs.

    The prepared photos' names derive from their content, so a copy named alike is made from the same
    pixels. Decoding a JPEG at half size (a draft) costs a fraction of the full decoding that drawing
    a PNG of the print photo would need each time.
    """
    def copy(photo: PreparedPhoto | None) -> str:
        if photo is None:
            return ""
        target = folder / f"{photo.path.stem}-{PREVIEW_REDUCE}.jpg"
        if not target.is_file():
            folder.mkdir(parents=True, exist_ok=True)
            with Image.open(photo.path) as image:
                image.draft(image.mode, (image.width // PREVIEW_REDUCE, image.height // PREVIEW_REDUCE))
                temporary = folder / f".{target.name}.{os.getpid()}.tmp"
                image.save(temporary, "JPEG", quality=90, icc_profile=image.info.get("icc_profile"))
                os.replace(temporary, target)
        return target.as_uri()

    return {m: PhotoUrls(copy(photos.frames.get(m)), copy(photos.tiles.get(m)))
            for m in sorted({*photos.frames, *photos.tiles})}


def parse_pages(text: str | None) -> list[int] | None:
    """Return page numbers from '1,5-6' (1-based), None for all; raise UsageError on bad input."""
    if not text:
        return None
    pages: list[int] = []
    for part in text.split(","):
        match = re.fullmatch(r"\s*(\d{1,12})\s*(?:-\s*(\d{1,12})\s*)?", part)
        if not match:
            raise UsageError(f"--pages: '{part.strip()}' ist keine Seitenangabe (Beispiel: 1,5-6).")
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        if first < 1 or last < first:
            raise UsageError(f"--pages: '{part.strip()}' ist kein gültiger Seitenbereich.")
        if last > MAX_PAGES:  # checked before the range is expanded: 1-2000000000 must not fill the memory
            raise UsageError(f"--pages: '{part.strip()}' geht über Seite {MAX_PAGES} hinaus – so viele Seiten hat "
                             f"kein Kalender.")
        pages.extend(range(first, last + 1))
    return sorted(set(pages))


def preview_folder(options: BuildOptions) -> Path:
    """Return the preview's folder: one per product and language, so a poster never replaces the calendar's pages.

    output/2027/preview (the default product in German), preview-poster-a2, preview-tr, preview-poster-a2-tr …
    """
    product = "" if options.product.id == DEFAULT_PRODUCTS[0] else options.product.id
    language = "" if options.language == "de" else options.language
    return options.out_dir / "-".join(part for part in ("preview", product, language) if part)


def report_lines(options: BuildOptions, report: PreviewReport) -> list[str]:
    """Return what a preview has to tell besides its PNGs: its warnings, the pages set in the compact step."""
    lines = [warning.render() for warning in report.warnings]
    return lines + ([compacted_line(options.product, report.compacted)] if report.compacted else [])


def preview(options: BuildOptions, pages: list[int] | None, memo: Memo | None = None,
            sight: Sequence[int] = (), shown: Callable[[], None] | None = None,
            pool: workers.Pool | None = None) -> PreviewReport:
    """Render the requested pages (1-based; None = all) to PNG plus a contact sheet in its preview folder.

    With a `memo` of the earlier previews, only the pages that changed since are laid out again. Of many
    changed pages, those in the viewer's `sight` (page numbers, the most visible first; `serve` is told
    them by the browser) are drawn first, at most FIRST_PAGES of them: the preview is swapped in with them
    and the others marked as being redrawn, `shown` is called, and then the others follow.

    With a `pool` (the `preview` command forks it before it loads the rest: render/ready.py), its worker parses the
    stylesheet once it is known and sets and draws the pages (this process never loads WeasyPrint).
    """
    started = time.perf_counter()
    report = PreviewReport()
    ahead = parsing_ahead(options, pool) if pool is not None and pool.forked else None
    composed = compose(options, pages, per_page=memo is not None,
                       linked=lambda photos: lighter_urls(photos, options.cache / "preview-photos"),
                       styled=ahead or (lambda _valid, _css: None))
    report.warnings.extend(composed.warnings)
    wanted = pages or list(range(1, composed.all_pages + 1))
    final = preview_folder(options)
    digests = page_digests(composed, wanted) if memo is not None else {}
    drawn = [n for n in wanted if memo is None or memo.get(png_name(n)) != digests[n] or not (final / png_name(n)).is_file()]
    batches = in_sight_first(drawn, sight) if memo is not None else [drawn]
    for index, batch in enumerate(batches):
        later = [n for rest in batches[index + 1:] for n in rest]
        warnings, compacted = _round(options, composed, wanted, batch, later, final, alone=bool(later), pool=pool)
        report.warnings.extend(warnings)
        report.compacted += compacted
        if memo is not None:  # only once the PNGs are in place
            memo.update({png_name(n): digests[n] for n in batch})
        if later:
            report.first = (batch, time.perf_counter() - started)
            if shown is not None:
                shown()
    report.pngs = [final / png_name(n) for n in wanted]
    report.drawn = drawn
    report.sheet = final / "index.html"
    report.seconds = time.perf_counter() - started
    return report


FIRST_PAGES = 2  # changed pages in the viewer's sight drawn before the others (each set on a core of its own)


def in_sight_first(drawn: list[int], sight: Sequence[int]) -> list[list[int]]:
    """Return the changed pages in the rounds they are drawn in: those in sight first (the most visible, at most
    FIRST_PAGES), then the others; one round where that would not bring a page sooner."""
    first = list(dict.fromkeys(n for n in sight if n in drawn))[:FIRST_PAGES]
    rest = [n for n in drawn if n not in first]
    return [first, rest] if first and rest else [drawn]


def _round(options: BuildOptions, composed: Composed, wanted: list[int], batch: list[int], later: list[int],
           final: Path, alone: bool, pool: workers.Pool | None = None) -> tuple[list[Problem], list[tuple[int, str]]]:
    """Draw the pages of `batch` and swap the preview in, the pages of `later` marked as being redrawn.

    The pages are set in as many documents as are worth setting side by side (`alone`: each in one of its own,
    the pages in sight drawn before the others), and each document's pages are drawn in the process that set it.
    Return the CSS warnings and the pages set compact.
    """
    # Made in a hidden folder beside the preview (keeping earlier pages), then swapped in whole:
    # an interrupted preview leaves the earlier one as it was.
    with staged_folder(final) as folder:
        for earlier in final.glob("seite-*.png") if final.is_dir() else ():
            keep(earlier, folder / earlier.name)
        warnings: list[Problem] = []
        compacted: list[tuple[int, str]] = []
        if batch:  # the batch's pages in parts, each drawn where it is set
            chosen = {composed.pages[wanted.index(n)].id: n for n in batch}
            groups = split_pages(list(chosen), len(batch) if alone else preview_parts(len(batch)))
            by_id = {p.id: p for p in composed.pages}
            composed = replace(composed, parts=tuple(render_html_parts(
                options.root / "templates", composed.calendar, [[by_id[i] for i in group] for group in groups],
                Urls(), composed.created)))
            warnings, compacted = _draw(options, composed, [[chosen[i] for i in group] for group in groups], folder,
                                        pool)
        shown = list(zip(wanted, (p.id for p in composed.pages), strict=True))
        sheet = contact_sheet(options.year, shown, options.product.title, versions(folder, wanted), later)
        (folder / "index.html").write_text(sheet, encoding="utf-8")
    return warnings, compacted


def preview_parts(pages: int) -> int:
    """Return in how many parts to set `pages` changed pages: one per core, each of at least PAGES_PER_PART pages
    (a theme change redraws every page: 18 pages in 4.3 instead of 6.9 s on two cores; a part more costs a fork)."""
    return max(1, min(os.cpu_count() or 1, pages // PAGES_PER_PART))


def keep(earlier: Path, target: Path) -> None:
    """Put an earlier page's PNG into the new folder: linked (the same file, its time kept), else copied."""
    try:
        os.link(earlier, target)
    except OSError:  # a file system without hard links
        shutil.copy2(earlier, target)


def versions(folder: Path, numbers: list[int]) -> dict[int, str]:
    """Return a version of each page's PNG (its modification time): a browser keeps an unchanged one cached."""
    return {n: f"{(folder / png_name(n)).stat().st_mtime_ns:x}" for n in numbers if (folder / png_name(n)).is_file()}


def _draw(options: BuildOptions, composed: Composed, numbers: list[list[int]], folder: Path,
          pool: workers.Pool | None = None) -> tuple[list[Problem], list[tuple[int, str]]]:
    """Set the composed parts and draw their pages as the PNGs of `numbers` (by part) into `folder`, each part in the
    process that set it (side by side where there are several; the first in `pool`'s worker if given); return the
    CSS warnings and the pages (numbered as in the calendar) set in the theme's compact step."""
    edition = composed.valid.content.edition
    strip = binding_strip_mm(options.product, edition.binding, edition.binding_strip_mm)
    draw = functools.partial(draw_part, folder, tuple(tuple(part) for part in numbers), options.product.bleed_mm, strip)
    css_warnings, compacted = set_pages(options, composed, None, crop_marks=False, parallel=len(composed.parts) > 1,
                                        draft=True, pool=pool, each_part=draw)[1:3]
    flat = [number for part in numbers for number in part]
    return css_warnings, [(flat[number - 1], title) for number, title in compacted]


PENDING = "wird neu gezeichnet …"  # a page's caption while its PNG is still the earlier one


def contact_sheet(year: int, pages: list[tuple[int, str]], title: str = "", versions: dict[int, str] | None = None,
                  pending: Sequence[int] = ()) -> str:
    """Return a small HTML page showing the preview PNGs side by side, headed with the product's title.

    A page's `version` goes into its image address (`seite-05.png?v=…`): a browser reloading the sheet
    fetches only the pages drawn anew. A `pending` page still shows its earlier PNG, pale and captioned so.
    Each image names its page (`data-seite`): `serve` asks the browser which pages are in sight.
    """
    heading = html.escape(f" – {title}") if title else ""
    query = {n: f"?v={v}" for n, v in (versions or {}).items()}
    cells = "\n".join(
        f'<figure{" class=alt" if n in pending else ""}><img src="seite-{n:02d}.png{query.get(n, "")}" '
        f'alt="Seite {n}" data-seite="{n}"><figcaption>Seite {n} · {html.escape(page_id)}'
        f'{" · " + PENDING if n in pending else ""}</figcaption></figure>' for n, page_id in pages
    )
    return (
        "<!doctype html><html lang=de><meta charset=utf-8>"
        f"<title>Vorschau {year}{heading}</title><style>body{{font-family:sans-serif;background:#eee;margin:1em}}"
        "figure{display:inline-block;margin:.5em;background:#fff;padding:.5em;vertical-align:top}"
        "img{width:280px;box-shadow:0 1px 4px #999}figcaption{font-size:.8em;color:#555}"
        ".alt img{opacity:.35}.alt figcaption{color:#8a0000}</style>"
        f"<h1>Vorschau {year}{heading}</h1>\n{cells}\n</html>\n"
    )
