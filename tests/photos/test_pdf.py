"""A prepared photo placed by WeasyPrint and rasterised by PDFium keeps its colours.

Pillow writes CMYK JPEGs inverted, the Adobe way, with an APP14 marker; WeasyPrint must answer
with a Decode array, or the red of a photo would come out of the press cyan-black.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from PIL import Image
from weasyprint import HTML

from calendar_build.errors import Problems
from calendar_build.photos import PhotoTarget, prepare_photos
from tests.photos.helpers import Write, encode

QUADRANTS = [
    # (sRGB colour of a quarter of the photo, check of the rendered pixel)
    ((255, 0, 0), lambda r, g, b: r > 180 and g < 90 and b < 90),  # red
    ((0, 160, 60), lambda r, g, b: g > 100 and r < 90 and b < 120),  # green
    ((30, 60, 200), lambda r, g, b: b > 120 and r < 90),  # blue
    ((255, 255, 255), lambda r, g, b: min(r, g, b) > 235),  # white paper stays white
]


def four_colours() -> Image.Image:
    image = Image.new("RGB", (600, 400))
    for number, (rgb, _) in enumerate(QUADRANTS):
        x, y = number % 2 * 300, number // 2 * 200
        image.paste(rgb, (x, y, x + 300, y + 200))
    return image


def render(photo: Path, tmp_path: Path) -> tuple[Path, Image.Image]:
    html = (f'<style>@page {{ size: 50mm 30mm; margin: 0 }} body {{ margin: 0 }} '
            f'img {{ display: block; width: 50mm; height: 30mm }}</style><img src="{photo.as_uri()}" alt="">')
    pdf = tmp_path / "photo.pdf"
    HTML(string=html, base_url=str(tmp_path)).write_pdf(pdf)
    document = pypdfium2.PdfDocument(pdf)
    try:
        bitmap = document[0].render(scale=4)  # 50 mm at 288 dpi: 567 pixels
        return pdf, bitmap.to_pil().convert("RGB")
    finally:
        document.close()


@pytest.mark.parametrize("which", ["print", "screen"])
def test_colours_survive_weasyprint_and_a_pdf_reader(which: str, print_target: PhotoTarget,
                                                     screen_target: PhotoTarget, write: Write,
                                                     tmp_path: Path) -> None:
    target = print_target if which == "print" else screen_target
    source = write("01-x.jpg", encode(four_colours()))
    prepared = prepare_photos([(source, (0.5, 0.5), target, "portraits/2027/01-x.yaml", 9)],
                              tmp_path / "cache", Problems())[(source, target)]
    pdf, page = render(prepared.path, tmp_path)
    for number, (rgb, looks_right) in enumerate(QUADRANTS):
        x = (number % 2 * 2 + 1) * page.width // 4
        y = (number // 2 * 2 + 1) * page.height // 4
        value = page.getpixel((x, y))
        assert isinstance(value, tuple) and looks_right(*value), (rgb, value)
    with pikepdf.open(pdf) as document:
        (image,) = [obj for obj in document.objects
                    if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
        assert image.Filter == "/DCTDecode"  # the prepared JPEG itself, not re-encoded
        assert image.read_raw_bytes() == prepared.path.read_bytes()
        if which == "print":
            assert image.ColorSpace == "/DeviceCMYK"
            assert list(image.Decode) == [1, 0] * 4
        else:
            assert image.ColorSpace == "/DeviceRGB"
