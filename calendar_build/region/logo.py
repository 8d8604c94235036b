"""The edition's logo for print: separated into the output profile like the photos, so the PDF/X-4 has no RGB.

WeasyPrint draws an SVG's colours as DeviceRGB (it knows no CMYK inside SVG). For the print PDF the
logo is therefore drawn once (WeasyPrint -> PDFium at 600 dpi, transparent background) and cropped to
its ink. Like the photos it is then separated into the CMYK output profile (a JPEG without profile,
placed as DeviceCMYK under the output intent), laid on white paper first: CMYK has no transparency,
and the logo stands on paper on cover, imprint and poster. With `print_photos: srgb` it stays a PNG
tagged sRGB, for the printer to convert. The result is cached by the logo's and the profile's bytes.
The screen PDF uses the logo file as it is.
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
from calendar_build.photos.colour import SRGB_ICC, convert

DPI = 600
VERSION = b"logo-2"  # bump when the drawing changes
PAPER = (255, 255, 255)


def _draw_svg(path: Path) -> Image.Image:
    """Return the SVG drawn at DPI on a transparent background, cropped to what it draws."""
    import pypdfium2  # noqa: PLC0415 - only a print build with an SVG logo needs these
    from calendar_build.render.libraries import import_weasyprint  # noqa: PLC0415

    import_weasyprint()
    import weasyprint  # noqa: PLC0415

    html = f'<style>@page {{ size: 400mm 400mm; margin: 0 }} img {{ display: block }}</style><img src="{path.as_uri()}">'
    pdf = pypdfium2.PdfDocument(weasyprint.HTML(string=html).write_pdf())
    image: Image.Image = pdf[0].render(scale=DPI / 72, fill_color=(255, 255, 255, 0)).to_pil().convert("RGBA")
    box = image.getbbox()
    return image.crop(box) if box else image


def _encoded(image: Image.Image, output_icc: bytes | None) -> tuple[bytes, str]:
    """Return the logo as file bytes and suffix: CMYK JPEG in the output profile, or PNG tagged sRGB."""
    out = io.BytesIO()
    if output_icc is None:
        image.save(out, "PNG", icc_profile=SRGB_ICC, dpi=(DPI, DPI))
        return out.getvalue(), "png"
    on_paper = Image.new("RGB", image.size, PAPER)
    on_paper.paste(image, mask=image.getchannel("A"))
    separated, _notes = convert(on_paper, SRGB_ICC, "cmyk", output_icc, for_print=True)
    separated.save(out, "JPEG", quality=95, subsampling=0, dpi=(DPI, DPI))  # no chroma subsampling: sharp edges
    return out.getvalue(), "jpg"


def print_logo(path: Path, cache: Path, output_icc: bytes | None = None) -> Path:
    """Return the cached print file of the logo (drawn first when it is an SVG), separated with `output_icc`."""
    data = path.read_bytes()
    key = hashlib.sha256(VERSION + data + (output_icc or b"srgb")).hexdigest()[:20]
    for suffix in ("jpg", "png"):
        if (cache / f"logo-{key}.{suffix}").is_file():
            return cache / f"logo-{key}.{suffix}"
    if path.suffix.lower() == ".svg":
        image = _draw_svg(path)
    else:
        with Image.open(io.BytesIO(data)) as opened:
            image = opened.convert("RGBA")
    encoded, suffix = _encoded(image, output_icc)
    return cache_write(cache / f"logo-{key}.{suffix}", encoded)


def for_print(calendar: Calendar, cache: Path, output_icc: bytes | None = None) -> Calendar:
    """Return the calendar with its logo replaced by the print file (unchanged without a logo)."""
    region = calendar.region
    if region is None or not region.logo:
        return calendar
    source = Path(unquote(urlparse(region.logo).path))
    return replace(calendar, region=replace(region, logo=print_logo(source, cache, output_icc).as_uri()))
