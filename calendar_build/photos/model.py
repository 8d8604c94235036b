"""The values the photo stage takes and gives: where a photo goes, and the photo ready for the page."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from calendar_build.photos.colour import Colour

MM_PER_INCH = 25.4


@dataclass(frozen=True)
class PhotoTarget:
    """Where a photo goes: its placed size, resolution and colour space."""

    width_mm: float  # placed width including bleed
    height_mm: float  # placed height including bleed
    ppi: int  # pixels per inch of the prepared photo: 300 for print, 150 for screen
    colour: Colour  # "cmyk": into output_profile; "srgb": into sRGB
    output_profile: Path | None  # CMYK ICC profile; for "srgb" the assumed profile of untagged CMYK photos
    jpeg_quality: int = 92  # JPEG quality of the prepared photo
    warn_ppi: int | None = None  # below this effective ppi: warning; default 5/6 of ppi (250 at 300)
    min_ppi: int | None = None  # below this effective ppi: error; default half of ppi (150 at 300)
    printed: bool | None = None  # for print (sRGB photos may be too); None: when colour is "cmyk"
    focal_below: float = 0.0  # the focal point lands at least this share of the height below the top (binding)
    draft: bool = True  # decode a JPEG at 1/2, 1/4 … where that is enough; False: at full size, so that the
    # photo's decode is shared with its other targets (the cover's tile with the month page's frame)

    def pixels_at(self, ppi: float) -> tuple[int, int]:
        """Return the pixel size of the placed frame at `ppi`, rounded to whole pixels."""
        return (math.floor(self.width_mm / MM_PER_INCH * ppi + 0.5),
                math.floor(self.height_mm / MM_PER_INCH * ppi + 0.5))

    @property
    def limits(self) -> tuple[int, int]:
        """Return the effective ppi below which a photo gets a warning, and an error."""
        warn = self.warn_ppi if self.warn_ppi is not None else round(self.ppi * 5 / 6)
        return warn, self.min_ppi if self.min_ppi is not None else round(self.ppi / 2)

    @property
    def for_print(self) -> bool:
        """Return whether the photo goes to print (default: when it is separated into CMYK)."""
        return self.colour == "cmyk" if self.printed is None else self.printed

    @property
    def pixels(self) -> tuple[int, int]:
        """Return the pixel size of the prepared photo when the source is large enough."""
        return self.pixels_at(self.ppi)


@dataclass(frozen=True)
class PreparedPhoto:
    """A photo ready for the page: the JPEG in the cache and how sharp it will print."""

    source: Path
    path: Path  # prepared JPEG in the cache
    width_px: int
    height_px: int
    effective_ppi: float  # source pixels per inch at placed size after the crop, before any scaling


class PhotoJob(NamedTuple):
    """One photo to prepare, and where to point the editor when something is wrong with it."""

    source: Path
    focal_point: tuple[float, float]  # x, y in 0..1 of the point to keep in the frame
    target: PhotoTarget
    shown: str  # the file to name in messages, e.g. "portraits/2027/01-x.yaml"
    line: int | None  # the line of `photo:` in it
