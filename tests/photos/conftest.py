"""Fixtures for the photo stage: a CMYK output profile, a small print and screen target."""

from __future__ import annotations

from pathlib import Path

import pytest

from calendar_build.photos import PhotoTarget
from tests.photos.helpers import ADOBE_RGB, CMYK_PROFILE, SIZE_MM, Write, require


@pytest.fixture(scope="session")
def cmyk_profile() -> Path:
    """Return the CMYK output profile, failing loudly when it is not installed."""
    return require(CMYK_PROFILE, "libgs-common")


@pytest.fixture(scope="session")
def adobe_rgb() -> bytes:
    """Return the bytes of an RGB profile that is not sRGB (Adobe RGB compatible)."""
    return require(ADOBE_RGB, "libgs-common").read_bytes()


@pytest.fixture
def print_target(cmyk_profile: Path) -> PhotoTarget:
    """Return a small print target: 50×30 mm at 300 ppi into CMYK."""
    return PhotoTarget(*SIZE_MM, ppi=300, colour="cmyk", output_profile=cmyk_profile)


@pytest.fixture
def screen_target() -> PhotoTarget:
    """Return a small screen target: 50×30 mm at 150 ppi into sRGB."""
    return PhotoTarget(*SIZE_MM, ppi=150, colour="srgb", output_profile=None)


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """Return a helper that writes bytes to tmp_path/photos/<name> and returns the path."""
    folder = tmp_path / "photos"
    folder.mkdir()

    def _write(name: str, data: bytes) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return _write
