"""The photo stage: portrait photos cropped, scaled and colour-managed for the page, cached."""

from calendar_build.photos.model import PhotoJob, PhotoTarget, PreparedPhoto
from calendar_build.photos.prepare import prepare_photos

__all__ = ["PhotoJob", "PhotoTarget", "PreparedPhoto", "prepare_photos"]
