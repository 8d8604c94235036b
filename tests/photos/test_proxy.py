"""Ink proxies: a separated photo's pixels averaged down for the ink measurement (photos/proxy.py)."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from calendar_build.errors import Problems
from calendar_build.photos import PhotoTarget, prepare_photos, proxy
from calendar_build.preflight import ink
from tests.photos.helpers import Write, encode, marked

# (placed at ppi, mode, pixels of the proxy of a 600 × 400 photo; None: no proxy)
CASES = [
    (300.0, "CMYK", (150, 100)),  # 4 × 4 pixels averaged: 75 ppi
    (299.0, "CMYK", (200, 134)),  # 3 × 3: 99.7 ppi
    (150.0, "CMYK", (300, 200)),  # 2 × 2: 75 ppi
    (149.0, "CMYK", None),  # too few pixels to average
    (300.0, "RGB", None),  # not separated (print_photos: srgb): drawn from the JPEG
]


@pytest.mark.parametrize(("ppi", "mode", "size"), CASES)
def test_a_proxy_averages_whole_squares_down_to_at_least_the_measured_resolution(
        ppi: float, mode: str, size: tuple[int, int] | None) -> None:
    image = Image.new(mode, (600, 400), (10, 20, 30, 40)[:len(mode)])
    image.paste((250, 240, 230, 220)[:len(mode)], (0, 0, 4, 4))  # one square of pixels far darker
    made = proxy.make(image, ppi)
    if size is None:
        assert made is None
        return
    assert made is not None
    with Image.open(io.BytesIO(made)) as small:
        assert (small.mode, small.size) == ("CMYK", size)
        assert small.size[0] / (600 / ppi) >= ink.DPI  # never coarser than the separations are drawn
        factor = 600 // small.size[0]
        square = ImageStat.Stat(image.crop((0, 0, factor, factor))).mean  # the dark pixels among the light ones
        assert all(abs(a - b) <= 0.5 for a, b in zip(small.getpixel((0, 0)), square))  # type: ignore[arg-type]
        assert small.getpixel((small.width - 1, small.height - 1)) == (10, 20, 30, 40)


def test_the_proxy_resolution_is_at_least_the_measured_one() -> None:
    assert proxy.PPI >= ink.DPI


def test_a_prepared_print_photo_leaves_its_proxy_under_its_jpegs_digest(print_target: PhotoTarget, write: Write,
                                                                      tmp_path: Path) -> None:
    source = write("a.jpg", encode(marked((1200, 720), (600, 360), radius=60)))
    proxies = tmp_path / "ink-proxies"
    problems = Problems()
    prepared = prepare_photos([(source, (0.5, 0.5), print_target, "x.yaml", 1)], tmp_path / "photos", problems,
                              proxies=proxies)[(source, print_target)]
    jpeg = prepared.path.read_bytes()
    small = proxy.find(proxies, hashlib.sha256(jpeg).hexdigest())
    assert small is not None
    with Image.open(prepared.path) as full:
        # the JPEG's own pixels averaged alike: the proxy holds the same ink within what JPEG changes
        reduced = full.convert("CMYK").reduce(4)
    assert small.size == reduced.size
    assert max(ImageStat.Stat(ImageChops.difference(small, reduced)).mean) < 2.0


def test_no_proxy_where_none_is_asked_for_or_for_the_screen(print_target: PhotoTarget, screen_target: PhotoTarget,
                                                            write: Write, tmp_path: Path) -> None:
    source = write("a.jpg", encode(marked((1200, 720), (600, 360))))
    prepare_photos([(source, (0.5, 0.5), print_target, "x.yaml", 1)], tmp_path / "photos", Problems())
    prepare_photos([(source, (0.5, 0.5), screen_target, "x.yaml", 1)], tmp_path / "photos", Problems(),
                   proxies=tmp_path / "ink-proxies")
    assert not (tmp_path / "ink-proxies").exists()


def test_a_damaged_proxy_is_not_used(tmp_path: Path) -> None:
    (tmp_path / f"{'0' * 64}.tif").write_bytes(b"II*\0 broken")
    assert proxy.find(tmp_path, "0" * 64) is None
    assert proxy.find(tmp_path / "missing", "0" * 64) is None
