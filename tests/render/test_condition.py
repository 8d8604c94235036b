"""The print condition's profile: made from Fogra's data by colprof, CMYK output, within its ink limit."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from calendar_build.render import condition as module
from calendar_build.render.condition import CONDITIONS, ConditionError, ensure_profile

FOGRA39 = CONDITIONS["FOGRA39"]


def test_fogra39_profile_is_an_icc_v2_cmyk_printer_profile() -> None:
    data = ensure_profile(FOGRA39).read_bytes()
    assert data[8] == 2 and data[12:16] == b"prtr" and data[16:20] == b"CMYK" and data[20:24] == b"Lab "
    assert data[24:36] == bytes.fromhex("07ea00010001000000000000")  # fixed date: the same bytes on every machine


# sRGB colours whose separation needs the most ink: black, the darkest shadows, saturated dark colours
DARK = [(0, 0, 0), (10, 10, 10), (30, 0, 0), (0, 0, 40), (0, 25, 0), (40, 20, 60), (60, 30, 0), (255, 255, 255)]


def test_separations_stay_within_the_ink_limit() -> None:
    """ISO 12647-2 coated offset: printers ask for at most 300 % total area coverage."""
    profile = ImageCms.getOpenProfile(str(ensure_profile(FOGRA39)))
    image = Image.new("RGB", (len(DARK), 1))
    image.putdata(DARK)
    for intent in (ImageCms.Intent.PERCEPTUAL, ImageCms.Intent.RELATIVE_COLORIMETRIC):
        transform = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), profile, "RGB", "CMYK", intent)
        separated = ImageCms.applyTransform(image, transform)
        totals = [sum(separated.getpixel((x, 0))) / 255 * 100 for x in range(len(DARK))]
        assert max(totals) <= FOGRA39.ink_limit + 0.5
        assert totals[0] > 250  # black is a rich black, not a washed-out grey
        assert totals[-1] == 0  # paper white prints no ink


def test_missing_measurement_data_is_a_german_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "CACHE", tmp_path)
    with pytest.raises(ConditionError, match="Messdaten für FOGRA39 fehlen.*icc-profiles-free"):
        ensure_profile(replace(FOGRA39, data=tmp_path / "FOGRA39L.ti3"))
