"""The photo stage: portrait photos cropped, scaled and colour-managed for the page, cached.

The preparation (`prepare_photos`) is loaded on first use: the worker that sets the pages needs only the
colour module (the sRGB profile), and loading the preparation would load the content's schema with it
(a quarter of a second, while that worker gets ready beside the main process).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from calendar_build.photos.model import PhotoJob, PhotoTarget, PreparedPhoto

if TYPE_CHECKING:
    from calendar_build.photos.prepare import prepare_photos

__all__ = ["PhotoJob", "PhotoTarget", "PreparedPhoto", "prepare_photos"]


def __getattr__(name: str) -> Any:
    if name == "prepare_photos":
        return import_module("calendar_build.photos.prepare").prepare_photos
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
