"""Small generated photos and colour helpers for the photo tests."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageCms

# Profiles from Debian's libgs-common (installed by `make install`): the CMYK output profile the build
# uses by default, and an Adobe RGB (1998) compatible profile to tag photos with something not sRGB.
CMYK_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
ADOBE_RGB = Path("/usr/share/color/icc/ghostscript/a98.icc")
SIZE_MM = (50.0, 30.0)  # at 300 ppi: 591×354 pixels; a 600×400 photo gives 305 ppi


def require(path: Path, package: str) -> Path:
    """Return `path`, or fail loudly naming the Debian package that provides it."""
    if not path.is_file():
        pytest.fail(f"{path} fehlt – bitte 'apt-get install {package}' (oder 'make install').", pytrace=False)
    return path


def encode(image: Image.Image, fmt: str = "JPEG", **options: object) -> bytes:
    """Return `image` encoded as `fmt` (JPEG at high quality unless told otherwise)."""
    buffer = io.BytesIO()
    if fmt == "JPEG":
        options = {"quality": 95, "subsampling": 0, **options}
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def marked(size: tuple[int, int], centre: tuple[int, int], colour: tuple[int, ...] = (255, 0, 0),
           mode: str = "RGB", background: tuple[int, ...] = (40, 80, 160), radius: int = 20) -> Image.Image:
    """Return an image of `background` with a square marker of `colour` around `centre`."""
    image = Image.new(mode, size, background)
    x, y = centre
    image.paste(colour, (x - radius, y - radius, x + radius, y + radius))
    return image


@functools.cache
def _to_cmyk(profile: Path) -> ImageCms.ImageCmsTransform:
    """Return the transform from sRGB into `profile`, relative colorimetric with black point compensation."""
    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(str(profile)),
                                   "RGB", "CMYK", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                   flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)


def srgb_to_cmyk(rgb: tuple[int, int, int], profile: Path) -> tuple[int, ...]:
    """Return what relative colorimetric with black point compensation makes of one sRGB colour."""
    converted = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), _to_cmyk(profile))
    assert converted is not None
    value = converted.getpixel((0, 0))
    assert isinstance(value, tuple)
    return value


def close(actual: tuple[int, ...] | int | float | None, expected: tuple[int, ...], tolerance: int = 12) -> bool:
    """Return whether two pixels differ by at most `tolerance` in every channel (JPEG is lossy)."""
    assert isinstance(actual, tuple), actual
    return len(actual) == len(expected) and all(abs(a - e) <= tolerance for a, e in zip(actual, expected))


Write = Callable[[str, bytes], Path]
