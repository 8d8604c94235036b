"""Previews for designers: only the requested pages, rendered to PNG, with an HTML contact sheet.

    validate -> photos of the requested months -> page model -> HTML of the selected pages
             -> PDF (temporary) -> PNG per page (pypdfium2) -> preview/index.html
"""

from __future__ import annotations

import html
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from calendar_build.errors import Problem, UsageError
from calendar_build.output import swap_in
from calendar_build.pipeline import BuildOptions, set_pages
from calendar_build.products import DEFAULT_PRODUCTS
from calendar_build.stages.compose import compose

MAX_PAGES = 999  # far more than any calendar has (about 20): a bound for --pages before it is expanded
PREVIEW_SCALE = 100 / 72  # 100 dpi: a page is 1169 × 1654 px in A3
STRIP_TINT = (230, 0, 126)  # the binding strip's overlay: magenta, a colour no page uses
STRIP_ALPHA = 0.3


@dataclass
class PreviewReport:
    """What a preview wrote and how long it took."""

    pngs: list[Path] = field(default_factory=list)
    sheet: Path | None = None
    seconds: float = 0.0
    warnings: list[Problem] = field(default_factory=list)


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


def preview(options: BuildOptions, pages: list[int] | None) -> PreviewReport:
    """Render the requested pages (1-based; None = all) to PNG plus a contact sheet in its preview folder."""
    started = time.perf_counter()
    report = PreviewReport()
    composed = compose(options, pages)
    report.warnings.extend(composed.warnings)
    wanted = pages or list(range(1, composed.all_pages + 1))
    final = preview_folder(options)
    # Made in a hidden folder beside the preview (keeping earlier pages), then swapped in whole:
    # an interrupted preview leaves the earlier one as it was.
    folder = final.with_name(f".{final.name}.new")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for earlier in final.glob("seite-*.png") if final.is_dir() else ():
        shutil.copyfile(earlier, folder / earlier.name)
    with tempfile.TemporaryDirectory(prefix=".preview-") as scratch:  # never in a read-only project
        pdf_path = Path(scratch) / "preview.pdf"
        _, css_warnings = set_pages(options, composed, pdf_path, crop_marks=False, parallel=False)
        report.warnings.extend(css_warnings)
        pdf = pdfium.PdfDocument(pdf_path)
        strip = binding_strip_mm(options, composed.valid.content.edition.binding,
                                 composed.valid.content.edition.binding_strip_mm)
        for index, number in enumerate(wanted):
            image = strip_overlay(pdf[index].render(scale=PREVIEW_SCALE).to_pil(), options.product.bleed_mm, strip)
            image.save(folder / f"seite-{number:02d}.png", "PNG")
            report.pngs.append(final / f"seite-{number:02d}.png")
        pdf.close()
    (folder / "index.html").write_text(contact_sheet(options.year, list(zip(wanted, (p.id for p in composed.pages), strict=True)),
                                                     options.product.title), encoding="utf-8")
    swap_in(folder, final)
    report.sheet = final / "index.html"
    report.seconds = time.perf_counter() - started
    return report


def binding_strip_mm(options: BuildOptions, binding: str, strip_mm: float) -> float:
    """Return the binding strip the preview shows: the edition's, on a bound product; else 0."""
    return strip_mm if options.product.bound and binding != "none" else 0.0


def strip_overlay(image: Image.Image, bleed_mm: float, strip_mm: float) -> Image.Image:
    """Return the page image with the binding strip below the top trim edge tinted (nothing but photos go there)."""
    if strip_mm <= 0:
        return image
    px_per_mm = PREVIEW_SCALE * 72 / 25.4
    top, bottom = round(bleed_mm * px_per_mm), round((bleed_mm + strip_mm) * px_per_mm)
    page = image.convert("RGB")
    band = page.crop((0, top, page.width, bottom))
    page.paste(Image.blend(band, Image.new("RGB", band.size, STRIP_TINT), STRIP_ALPHA), (0, top))
    return page


def contact_sheet(year: int, pages: list[tuple[int, str]], title: str = "") -> str:
    """Return a small HTML page showing the preview PNGs side by side, headed with the product's title."""
    heading = html.escape(f" – {title}") if title else ""
    cells = "\n".join(
        f'<figure><img src="seite-{n:02d}.png" alt="Seite {n}"><figcaption>Seite {n} · '
        f"{html.escape(page_id)}</figcaption></figure>" for n, page_id in pages
    )
    return (
        "<!doctype html><html lang=de><meta charset=utf-8>"
        f"<title>Vorschau {year}{heading}</title><style>body{{font-family:sans-serif;background:#eee;margin:1em}}"
        "figure{display:inline-block;margin:.5em;background:#fff;padding:.5em;vertical-align:top}"
        "img{width:280px;box-shadow:0 1px 4px #999}figcaption{font-size:.8em;color:#555}</style>"
        f"<h1>Vorschau {year}{heading}</h1>\n{cells}\n</html>\n"
    )
