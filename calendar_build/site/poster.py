"""The year poster on the website: a picture of each built poster's front, linked to its PDF.

The site does not set the poster itself (that takes a build of its own, about 20 s): it shows the
posters that `build` already wrote to output/JAHR/, as it offers the other PDFs. The picture is the
front cut to its TrimBox (no bleed, no crop marks), drawn by PDFium and saved as JPEG.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

import pypdfium2 as pdfium

from calendar_build.products import Product
from calendar_build.site.model import PosterView

WIDTH_PX = 1400  # the picture's width: the day names are legible when it is opened on its own
QUALITY = 85
_MEMO: dict[tuple[str, int, int], tuple[bytes, int, int]] = {}  # `serve` rebuilds often; a PDF changes rarely


def picture(pdf_path: Path) -> tuple[bytes, int, int]:
    """Return the front of a print PDF cut to its TrimBox as JPEG bytes, with its width and height in pixels."""
    stat = pdf_path.stat()
    key = (str(pdf_path), stat.st_mtime_ns, stat.st_size)
    if key not in _MEMO:
        document = pdfium.PdfDocument(pdf_path)
        try:
            page = document[0]
            media, trim = page.get_mediabox(), page.get_trimbox()  # (left, bottom, right, top) in pt
            crop = (trim[0] - media[0], trim[1] - media[1], media[2] - trim[2], media[3] - trim[3])
            image = page.render(scale=WIDTH_PX / (trim[2] - trim[0]), crop=crop).to_pil().convert("RGB")
        finally:
            document.close()
        out = io.BytesIO()
        image.save(out, "JPEG", quality=QUALITY, optimize=True)
        for stale in [k for k in _MEMO if k[0] == key[0]]:  # an earlier state of the same PDF
            del _MEMO[stale]
        _MEMO[key] = (out.getvalue(), image.width, image.height)
    return _MEMO[key]


def poster_views(products: Iterable[Product], out_dir: Path, year: int) -> tuple[tuple[PosterView, bytes], ...]:
    """Return a view and picture of each poster among `products` that was built into `out_dir`."""
    views = []
    for product in products:
        pdf = out_dir / product.output_name(year)
        if "poster" not in product.page_plan or not pdf.is_file():
            continue
        data, width, height = picture(pdf)
        name = pdf.with_suffix(".jpg").name
        views.append((PosterView(pdf.name, name, product.title, f"PDF, {pdf.stat().st_size / 1e6:.1f} MB",
                                 width, height), data))
    return tuple(views)
