"""Stage: the portrait photos prepared for the product — the month page's frame and the cover's tile.

    Validated  ->  PortraitPhotos (cached JPEGs by month, prepared in worker processes)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from calendar_build.errors import Problem, Problems
from calendar_build.pages.model import PhotoUrls
from calendar_build.photos.model import PhotoJob, PhotoTarget, PreparedPhoto
from calendar_build.photos.prepare import prepare_photos
from calendar_build.photos.same import warn_same_photo
from calendar_build.products import binding_strip_mm
from calendar_build.stages.options import BuildOptions
from calendar_build.stages.styles import cover_tile_mm
from calendar_build.stages.validate import Validated


def photo_targets(options: BuildOptions, valid: Validated) -> tuple[PhotoTarget, PhotoTarget]:
    """Return where the photos go: the month page's frame and the cover's tile.

    The tile asks for no JPEG draft: it is cut from the full-size decoding that the A3 print frame of
    a camera photo needs as well (decoding costs more than scaling). Where the frame can use a draft
    (A4, screen), the tile gets a full decoding of its own.

    Photos of a CMYK product are separated into the print condition's CMYK profile (ours, made within
    its ink limit, or the printer's `output_profile`): German printers reject RGB images.
    `print_photos: srgb` keeps them sRGB with the profile stated in the PDF (PDF/X-4 allows it) for a
    printer who asks for that.
    """
    product = options.product
    width, _ = product.page_mm
    printed = product.colour == "cmyk"
    colour = valid.content.edition.print_photos if printed else "srgb"
    frame_h = valid.theme.photo_height_mm + product.bleed_mm
    frame = PhotoTarget(width + 2 * product.bleed_mm, frame_h, product.photo_ppi, colour, valid.output_profile,
                        printed=printed or None, focal_below=focal_below(options, valid, frame_h))
    tile_w, tile_h = cover_tile_mm(options, valid.theme)
    # A photo with enough pixels for its frame has enough for the far smaller tile, and one too small
    # is reported for its frame: the tile itself never adds a second message.
    return frame, replace(frame, width_mm=tile_w, height_mm=tile_h, draft=False, warn_ppi=0, min_ppi=0,
                          focal_below=focal_below(options, valid, tile_h))


FACE_ROOM = 0.1  # of a photo's height: below the binding strip, room for the face around its focal point


def focal_below(options: BuildOptions, valid: Validated, height_mm: float) -> float:
    """Return how far down a photo at the top edge its focal point must land (share of its height); 0: not bound.

    The photo runs into the bleed and through the binding strip; the focal point (a face) stays below
    the strip with room for the face.
    """
    edition = valid.content.edition
    strip = binding_strip_mm(options.product, edition.binding, edition.binding_strip_mm)
    return min(0.5, (options.product.bleed_mm + strip) / height_mm + FACE_ROOM) if strip else 0.0


@dataclass(frozen=True)
class PortraitPhotos:
    """The prepared photos by month: for the month page's frame and for the cover's mosaic."""

    frames: dict[int, PreparedPhoto] = field(default_factory=dict)
    tiles: dict[int, PreparedPhoto] = field(default_factory=dict)

    def urls(self) -> dict[int, PhotoUrls]:
        """Return the file URLs of the photos by month ("" where a photo was not prepared)."""
        def url(photos: dict[int, PreparedPhoto], month: int) -> str:
            return photos[month].path.as_uri() if month in photos else ""

        return {m: PhotoUrls(url(self.frames, m), url(self.tiles, m)) for m in sorted({*self.frames, *self.tiles})}


def prepare(options: BuildOptions, valid: Validated, months: frozenset[int] | None = None,
            cover: bool = True, meanwhile: Callable[[], None] | None = None) -> tuple[PortraitPhotos, tuple[Problem, ...]]:
    """Prepare the frames of the portrait photos of `months` (default all) and, for the cover, all tiles.

    Return them with their warnings; raise ContentError for photos that cannot be printed.
    `meanwhile` runs in this process while worker processes prepare the photos.
    """
    problems = Problems()
    frame, tile = photo_targets(options, valid)
    jobs = [PhotoJob(p.photo, p.spec.focal_point, frame, p.where.path, p.photo_line)
            for p in valid.portraits if months is None or p.spec.month in months]
    if cover:
        jobs += [PhotoJob(p.photo, p.spec.focal_point, tile, p.where.path, p.photo_line) for p in valid.portraits]
    later = not valid.same_photo_checked  # compared here, from what the photo workers kept of each new photo
    prepared = prepare_photos(jobs, options.cache / "photos", problems, meanwhile=meanwhile,
                              seen_cache=options.cache if later else None, proxies=options.ink_proxies)
    # a photo's own problems (a broken profile, too few pixels) would show once for each target
    problems.items = list(dict.fromkeys(problems.items))
    if later:
        warn_same_photo(valid.portraits, problems, options.cache)
    problems.raise_if_errors()
    month_of = {p.photo: p.spec.month for p in valid.portraits}
    photos = PortraitPhotos()
    for (source, target), photo in prepared.items():
        (photos.frames if target == frame else photos.tiles)[month_of[source]] = photo
    return photos, tuple(problems.items)
