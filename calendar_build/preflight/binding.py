"""The binding strip: a wall calendar bound at its top edge (wire-o) keeps text and vector art out of it.

Ghostscript draws each page without its images (`-dFILTERIMAGE`); whatever ink is left in the strip
below the top trim edge is text or vector content that the punching or the wire would hit. Photos
may run through the strip (their focal point is kept lower, see photos/).
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from PIL import Image

MM = 72 / 25.4
DPI = 50  # half a millimetre a pixel: enough to see a letter or a line
BINDINGS = {"wire-o-top": 12.0, "none": 0.0}  # binding -> default strip in mm from the top trim edge


@dataclass(frozen=True)
class StripContent:
    """Ink other than photos in the binding strip of a page: how far into the strip it reaches (mm)."""

    page: int  # index
    lowest_mm: float  # from the top trim edge


def _trim_top_boxes(pdf: Path) -> list[tuple[float, float, float]]:
    """Return per page the trim box's left, right and top, in points from the media box's top left."""
    boxes = []
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            media = [float(v) for v in page.obj.MediaBox]
            trim = [float(v) for v in page.obj.get("/TrimBox", page.obj.MediaBox)]
            boxes.append((trim[0] - media[0], trim[2] - media[0], media[3] - trim[3]))
    return boxes


def strip_content(pdf: Path, strip_mm: float) -> list[StripContent]:
    """Return the pages with text or vector content within `strip_mm` of the top trim edge."""
    if strip_mm <= 0:
        return []
    found = []
    with tempfile.TemporaryDirectory(prefix="binding-") as name:
        pattern = Path(name) / "page-%d.png"
        subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dFILTERIMAGE", "-sDEVICE=pnggray",
                        f"-r{DPI}", f"-sOutputFile={pattern}", str(pdf)], check=True, timeout=600,
                       capture_output=True)
        for index, (left, right, top) in enumerate(_trim_top_boxes(pdf)):
            scale = DPI / 72
            box = (round(left * scale) + 1, round(top * scale), round(right * scale) - 1,
                   round((top + strip_mm * MM) * scale))
            with Image.open(Path(name) / f"page-{index + 1}.png") as image:
                ink = image.crop(box).point(lambda value: 255 if value < 250 else 0).getbbox()
            if ink is not None:
                found.append(StripContent(index, round(ink[3] / scale / MM, 1)))
    return found
