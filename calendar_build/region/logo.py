"""The edition's logo for print: a PNG tagged sRGB, so the PDF/X-4 gets an ICCBased image and no DeviceRGB.

WeasyPrint draws an SVG's colours as DeviceRGB (it knows no CMYK inside SVG). For the print PDF the
logo is therefore drawn once (WeasyPrint -> PDFium at 600 dpi, transparent background), cropped to its
ink and tagged with the sRGB profile the photos carry; the printer converts it like the photos. The
result is cached by the logo's bytes. The screen PDF uses the logo file as it is.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlparse

from PIL import Image

from calendar_build.output import cache_write
from calendar_build.pages.model import Calendar
from calendar_build.photos.colour import SRGB_ICC

DPI = 600
VERSION = b"logo-1"  # bump when the drawing changes


def _draw_svg(path: Path) -> Image.Image:
    """Return the SVG drawn at DPI on a transparent background, cropped to what it draws."""
    import pypdfium2  # noqa: PLC0415 - only a print build with an SVG logo needs these
    import weasyprint  # noqa: PLC0415

    html = f'<style>@page {{ size: 400mm 400mm; margin: 0 }} img {{ display: block }}</style><img src="{path.as_uri()}">'
    pdf = pypdfium2.PdfDocument(weasyprint.HTML(string=html).write_pdf())
    image: Image.Image = pdf[0].render(scale=DPI / 72, fill_color=(255, 255, 255, 0)).to_pil().convert("RGBA")
    box = image.getbbox()
    return image.crop(box) if box else image


def print_logo(path: Path, cache: Path) -> Path:
    """Return the cached sRGB-tagged PNG of the logo for print (drawn first when it is an SVG)."""
    data = path.read_bytes()
    target = cache / f"logo-{hashlib.sha256(VERSION + data).hexdigest()[:20]}.png"
    if target.is_file():
        return target
    if path.suffix.lower() == ".svg":
        image = _draw_svg(path)
    else:
        with Image.open(io.BytesIO(data)) as opened:
            image = opened.convert("RGBA")
    out = io.BytesIO()
    image.save(out, "PNG", icc_profile=SRGB_ICC, dpi=(DPI, DPI))
    return cache_write(target, out.getvalue())


def for_print(calendar: Calendar, cache: Path) -> Calendar:
    """Return the calendar with its logo replaced by the print PNG (unchanged without a logo)."""
    region = calendar.region
    if region is None or not region.logo:
        return calendar
    source = Path(unquote(urlparse(region.logo).path))
    return replace(calendar, region=replace(region, logo=print_logo(source, cache).as_uri()))
