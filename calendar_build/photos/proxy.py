"""Ink proxies: a prepared CMYK photo's pixels averaged down to the resolution its ink is measured at.

Ghostscript draws a print PDF's separations at 72 dpi to measure its ink (preflight/ink.py), but to do so
it decodes every photo at its full 300 ppi: most of its time on a month page. The photo workers have the
separated pixels in hand; they keep them averaged over squares of whole pixels (at 300 ppi 4 × 4, a pixel of
0.34 mm, the size of a pixel the separations are drawn at), named by the sha256 of the JPEG they belong to.
The ink measurement draws a photo from its proxy where one is kept, and from the JPEG itself otherwise: the
proxy holds the average ink of each square, where Ghostscript would take one pixel of it.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from pathlib import Path

from PIL import Image

from calendar_build.output import atomic_write

PPI = 75  # at least the resolution the ink is measured at (preflight/ink.py DPI)


def make(image: Image.Image, ppi: float) -> bytes | None:
    """Return the ink proxy of a separated photo placed at `ppi` (an uncompressed TIFF), None where there is
    none: not CMYK, or too few pixels to average."""
    factor = int(ppi // PPI)
    if image.mode != "CMYK" or factor < 2:
        return None
    out = io.BytesIO()
    image.reduce(factor).save(out, "TIFF")
    return out.getvalue()


def keep(folder: Path, jpeg: bytes, data: bytes) -> None:
    """Keep the proxy `data` of the prepared `jpeg` in `folder` (a cache: failing to write only costs time)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(_path(folder, hashlib.sha256(jpeg).hexdigest()), data, durable=False)
    except OSError:
        pass


def find(folder: Path, sha256: str) -> Image.Image | None:
    """Return the kept proxy of the JPEG with this sha256, decoded; None when there is none (or it is damaged)."""
    try:
        with warnings.catch_warnings():  # a damaged file is not used: nothing to say about it
            warnings.simplefilter("ignore")
            with Image.open(_path(folder, sha256)) as image:
                image.load()
                return image if image.mode == "CMYK" else None
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None


def _path(folder: Path, sha256: str) -> Path:
    return folder / f"{sha256}.tif"
