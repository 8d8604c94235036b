"""Glyphs that a RIP does not print: each glyph of the non-Latin scripts drawn by Ghostscript and MuPDF.

A font can be embedded and still print nothing: a CID-keyed CFF subset whose charset does not hold
the CIDs the PDF shows (ISO 32000-1, 9.7.4.2) makes Ghostscript draw .notdef boxes and MuPDF draw
nothing, while PDFium and Poppler fall back to the glyph ids and look right. So each character of
the scripts below is drawn by PDFium (the reference: it shows what was meant), Ghostscript and
MuPDF, and the ink inside the character's box is compared: a missing glyph has no ink there, a
.notdef box has ink where the character has none. Ink is what stands out from the box's background
(the grey most common around it), so white letters on a coloured badge count like black ones on
paper. The renderers turn a badge's CMYK into different greys (the sample badge: PDFium 159,
Ghostscript 168, MuPDF without colour management 0); with a fixed darkness threshold of 160 the
badge was ink in PDFium but not in Ghostscript, and every letter of the Arabic badge "unprinted".
Ghostscript smooths text as the others do (-dTextAlphaBits=4): unsmoothed, a 6 pt alef one or two
pixels wide agreed to only 0.52 on the Arabic poster. Measured at 300 ppi on the 2027 sample's print
PDFs (A3 and A4 in German, Arabic and Persian, the A2 poster in Arabic, the A1 poster in Turkish; about
110 000 characters): printed glyphs agree to at least 0.70, .notdef boxes (tests/preflight) to at
most 0.38, missing glyphs to 0.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageFilter

# Unicode blocks of the scripts the calendar prints besides Latin (The Unicode Standard, Blocks.txt).
SCRIPTS: dict[str, tuple[tuple[int, int], ...]] = {
    "chinesisch": ((0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)),
    "arabisch": ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    "hebräisch": ((0x0590, 0x05FF), (0xFB1D, 0xFB4F)),
    "devanagari": ((0x0900, 0x097F),),
}
RENDERERS = ("ghostscript", "mupdf")
DPI = 300
CONTRAST = 64  # a pixel this much lighter or darker (0–255 grey) than the box's background is ink
# MuPDF on Debian is built without LittleCMS; it says so once per file, which says nothing about glyphs.
HARMLESS_MUPDF = ("warning: ICC support is not available",)
MIN_INK_PIXELS = 4  # a character with less ink in the reference is too small to judge (a dot, a mark)
MIN_AGREEMENT = 0.55  # share of each renderer's ink lying within a pixel of the other's (see agreement)


@dataclass(frozen=True)
class Glyph:
    """A character of one of the SCRIPTS on a page, with its box in PDF points from the media box's corner."""

    page: int  # index
    char: str
    script: str
    box: tuple[float, float, float, float]  # left, bottom, right, top


@dataclass(frozen=True)
class Unprinted:
    """A character a renderer does not draw as the reference does."""

    glyph: Glyph
    renderer: str
    agreement: float


def script_of(char: str) -> str | None:
    """Return the name of the script among SCRIPTS that `char` belongs to, None for the others."""
    code = ord(char)
    return next((name for name, blocks in SCRIPTS.items() if any(a <= code <= b for a, b in blocks)), None)


def glyphs(pdf: Path) -> list[Glyph]:
    """Return every character of the SCRIPTS in the PDF with its box."""
    found = []
    document = pdfium.PdfDocument(str(pdf))
    try:
        for index in range(len(document)):
            page = document[index]
            left, bottom, _, _ = page.get_mediabox()
            text = page.get_textpage()
            for number in range(text.count_chars()):
                char = text.get_text_range(number, 1)
                script = script_of(char) if char else None
                if script is None:
                    continue
                x0, y0, x1, y1 = text.get_charbox(number)
                found.append(Glyph(index, char, script, (x0 - left, y0 - bottom, x1 - left, y1 - bottom)))
    finally:
        document.close()
    return found


def render_pages(pdf: Path, pages: Sequence[int], renderer: str, folder: Path) -> tuple[dict[int, Image.Image], list[str]]:
    """Return the pages (indexes) drawn in grey by `renderer` at DPI over the media box, and its warnings."""
    numbers = [index + 1 for index in pages]
    if renderer == "pdfium":
        document = pdfium.PdfDocument(str(pdf))
        try:
            images = {}
            for index in pages:
                page = document[index]
                images[index] = page.render(scale=DPI / 72, crop=(0, 0, 0, 0), may_draw_forms=True).to_pil().convert("L")
        finally:
            document.close()
        return images, []
    pattern = folder / f"{renderer}-%d.png"
    if renderer == "ghostscript":
        command = ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pnggray", f"-r{DPI}", "-dTextAlphaBits=4",
                   f"-sPageList={','.join(map(str, numbers))}", f"-sOutputFile={pattern}", str(pdf)]
    else:
        command = ["mutool", "draw", "-q", "-c", "gray", "-r", str(DPI), "-o", str(pattern), str(pdf),
                   ",".join(map(str, numbers))]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    said = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    if done.returncode != 0:
        raise RuntimeError(f"{renderer} konnte die PDF nicht zeichnen: {' '.join(said[-3:])}")
    # Ghostscript numbers the files of a page list 1, 2, …; MuPDF by page number
    images = {}
    for order, index in enumerate(pages, start=1):
        file = folder / f"{renderer}-{order if renderer == 'ghostscript' else index + 1}.png"
        with Image.open(file) as image:
            images[index] = image.convert("L")
    return images, [line for line in said if line not in HARMLESS_MUPDF]


def background(image: Image.Image, crop: tuple[int, int, int, int]) -> int:
    """Return the grey most common around a character's crop: what it is drawn on.

    Looked for in the crop widened by half its height on each side: in the crop alone, a small
    letter joined to its neighbours (Arabic) can have more stroke than paper.
    """
    left, top, right, bottom = crop
    margin = max(4, (bottom - top) // 2)
    around = image.crop((max(0, left - margin), max(0, top - margin),
                         min(image.width, right + margin), min(image.height, bottom + margin)))
    counts = around.histogram()
    return counts.index(max(counts))


def _mask(image: Image.Image, box: tuple[float, float, float, float]) -> Image.Image:
    """Return the ink of the image inside the box (PDF points from the bottom left) as a 1-bit mask."""
    scale = DPI / 72
    left, bottom, right, top = box
    height = image.height
    crop = (int(left * scale) - 1, int(height - top * scale) - 1, int(right * scale) + 2, int(height - bottom * scale) + 2)
    ground = background(image, crop)
    return image.crop(crop).point(lambda value: 255 if abs(value - ground) >= CONTRAST else 0, mode="1")


def _count(mask: Image.Image) -> int:
    return mask.width * mask.height - mask.histogram()[0]


def agreement(reference: Image.Image, other: Image.Image) -> float | None:
    """Return the smaller share of either mask's ink lying within a pixel of the other's ink.

    None when the reference has too little ink to judge. Renderers place and smooth edges a pixel
    apart, so each mask is compared with the other one widened by a pixel.
    """
    ink, other_ink = _count(reference), _count(other)
    if ink < MIN_INK_PIXELS:
        return None
    if other_ink == 0:
        return 0.0
    found = _count(ImageChops.logical_and(reference, other.filter(ImageFilter.MaxFilter(3)))) / ink
    kept = _count(ImageChops.logical_and(other, reference.filter(ImageFilter.MaxFilter(3)))) / other_ink
    return min(found, kept)


def unprinted(pdf: Path, renderers: Iterable[str] = RENDERERS) -> tuple[list[Glyph], list[Unprinted], list[str]]:
    """Return the characters checked, those a renderer draws unlike PDFium, and the renderers' warnings."""
    checked = glyphs(pdf)
    pages = sorted({glyph.page for glyph in checked})
    if not pages:
        return [], [], []
    failures: list[Unprinted] = []
    warnings: list[str] = []
    with tempfile.TemporaryDirectory(prefix="glyphs-") as folder:
        reference, _ = render_pages(pdf, pages, "pdfium", Path(folder))
        for renderer in renderers:
            images, said = render_pages(pdf, pages, renderer, Path(folder))
            warnings += [f"{renderer}: {line}" for line in said]
            for glyph in checked:
                share = agreement(_mask(reference[glyph.page], glyph.box), _mask(images[glyph.page], glyph.box))
                if share is not None and share < MIN_AGREEMENT:
                    failures.append(Unprinted(glyph, renderer, share))
    return checked, failures, warnings
