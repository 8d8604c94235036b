"""A preview's pages drawn as PNG from the PDF of the part that holds them (pypdfium2), the binding strip tinted.

Called where the part was set (render/job.py: `PdfJob.each_part`): in the process that composes, or in the worker
that sets the pages (the `preview` command's, forked before the content's modules are loaded – so this module
loads nothing of them).
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

PREVIEW_SCALE = 100 / 72  # 100 dpi: a page is 1169 × 1654 px in A3
STRIP_TINT = (230, 0, 126)  # the binding strip's overlay: magenta, a colour no page uses
STRIP_ALPHA = 0.3


def png_name(number: int) -> str:
    """Return the file name of a page's PNG."""
    return f"seite-{number:02d}.png"


def draw_part(folder: Path, numbers: tuple[tuple[int, ...], ...], bleed_mm: float, strip_mm: float, index: int,
              pdf_path: Path) -> None:
    """Draw the pages of part `index` (its PDF) as the PNGs of their page numbers into the folder, the binding strip
    tinted."""
    pdf = pdfium.PdfDocument(pdf_path)
    try:
        for page, number in enumerate(numbers[index]):
            image = strip_overlay(pdf[page].render(scale=PREVIEW_SCALE).to_pil(), bleed_mm, strip_mm)
            (folder / png_name(number)).unlink(missing_ok=True)  # a link to the earlier PNG: never written through
            image.save(folder / png_name(number), "PNG", compress_level=1)  # a third of the time of the default
    finally:
        pdf.close()


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
