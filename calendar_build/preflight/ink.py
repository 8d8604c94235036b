"""Total ink coverage: the four separations as Ghostscript draws them for the print condition.

Ghostscript draws each page into CMYK (`tiff32nc`) with the output intent's profile as its output
profile, so ICC-based colours (sRGB photos, if any) are separated as the printer's RIP would;
DeviceCMYK passes unchanged. The total area coverage of a pixel is C + M + Y + K in percent; the
printer's limit (FOGRA39: 300 %, see render/condition.py) holds for the darkest pixel of the page.
"""

from __future__ import annotations

import math
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from PIL import Image, ImageMath

DPI = 72  # a pixel of about 0.35 mm: far finer than any area where ink would build up


@dataclass(frozen=True)
class PageInk:
    """The ink on one page inside the bleed: the highest total coverage and where (mm from the media box's top left)."""

    page: int  # index
    max_percent: float
    at_mm: tuple[float, float]


def output_profile(pdf: Path, folder: Path) -> Path | None:
    """Write the output intent's profile into `folder` and return its path (None without an intent)."""
    with pikepdf.open(pdf) as document:
        intents = document.Root.get("/OutputIntents")
        if not intents:
            return None
        profile = intents[0].get("/DestOutputProfile")
        if profile is None:
            return None
        target = folder / "output-intent.icc"
        target.write_bytes(profile.read_bytes())
        return target


MM = 72 / 25.4


def bleed_boxes(pdf: Path) -> list[tuple[float, float, float, float]]:
    """Return each page's bleed box in points from the media box's top left (left, top, right, bottom).

    Crop marks lie outside it, in the registration colour (100 % of every ink), and are not printed.
    """
    boxes = []
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            media = [float(v) for v in page.obj.MediaBox]
            bleed = [float(v) for v in page.obj.get("/BleedBox", page.obj.get("/TrimBox", page.obj.MediaBox))]
            boxes.append((bleed[0] - media[0], media[3] - bleed[3], bleed[2] - media[0], media[3] - bleed[1]))
    return boxes


def _total(image: Image.Image) -> tuple[int, tuple[int, int]]:
    """Return the highest C+M+Y+K of the CMYK image (0–1020) and a pixel where it is."""
    c, m, y, k = image.split()
    total = ImageMath.lambda_eval(lambda x: x["c"] + x["m"] + x["y"] + x["k"], c=c, m=m, y=y, k=k)
    _, best = total.getextrema()
    darkest = ImageMath.lambda_eval(lambda x: (x["t"] - (best - 1)).__mul__(255), t=total).convert("L")
    box = darkest.getbbox() or (0, 0, 0, 0)
    return int(best), (box[0], box[1])


def max_ink(pdf: Path, dpi: int = DPI) -> list[PageInk]:
    """Return the highest total ink coverage of every page, separated by Ghostscript."""
    with tempfile.TemporaryDirectory(prefix="ink-") as name:
        folder = Path(name)
        profile = output_profile(pdf, folder)
        command = ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiff32nc", f"-r{dpi}",
                   f"-sOutputFile={folder / 'page-%d.tif'}"]
        if profile is not None:  # DeviceCMYK is the intent's CMYK: the same profile in and out, so it passes as it is
            command += [f"-sOutputICCProfile={profile}", f"-sDefaultCMYKProfile={profile}"]
        done = subprocess.run([*command, str(pdf)], capture_output=True, text=True, timeout=900, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"Ghostscript konnte die Separationen nicht zeichnen: {done.stderr.strip()[-300:]}")
        bleeds = bleed_boxes(pdf)
        pages = []
        for index, file in enumerate(sorted(folder.glob("page-*.tif"), key=lambda f: int(f.stem.split("-")[1]))):
            with Image.open(file) as image:
                left, top = bleeds[index][0], bleeds[index][1]
                # a pixel inside the bleed box: the marks' lines end at its edge
                l, t, r, b = (v * dpi / 72 for v in bleeds[index])
                best, (x, y) = _total(image.crop((math.ceil(l) + 1, math.ceil(t) + 1, math.floor(r) - 1, math.floor(b) - 1)))
            pages.append(PageInk(index, round(best / 255 * 100, 1),
                                 (round((x / dpi * 72 + left) / MM, 1), round((y / dpi * 72 + top) / MM, 1))))
        return pages
