"""Pure parts of the photo stage: crop box, pixel sizes, resolution messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_build.photos import PhotoTarget
from calendar_build.photos.prepare import resolution_problem
from calendar_build.photos.render import MAX_ZOOM, crop_box, focal_share

WIDE = 50 / 30  # the aspect ratio of the small test frame

CROPS = [
    # (image size, aspect, focal point, expected box)
    ((600, 400), WIDE, (0.5, 0.5), (0, 20, 600, 380)),  # taller than the frame: cut top and bottom
    ((600, 400), WIDE, (0.5, 0.0), (0, 0, 600, 360)),  # focal point at the top edge: box stops there
    ((600, 400), WIDE, (0.5, 1.0), (0, 40, 600, 400)),  # ... and at the bottom edge
    ((1200, 400), WIDE, (0.5, 0.5), (266, 0, 933, 400)),  # wider than the frame: cut left and right
    ((1200, 400), WIDE, (0.85, 0.5), (533, 0, 1200, 400)),  # near the right edge: box kept inside
    ((1200, 400), WIDE, (0.1, 0.5), (0, 0, 667, 400)),  # near the left edge
    ((600, 1200), WIDE, (0.5, 0.2), (0, 60, 600, 420)),  # portrait photo, face high up
    ((500, 300), WIDE, (0.3, 0.7), (0, 0, 500, 300)),  # exactly the frame's aspect: nothing cut
    ((1, 1000), WIDE, (0.5, 0.5), (0, 500, 1, 501)),  # degenerate: at least one pixel
]


@pytest.mark.parametrize(("size", "aspect", "focal", "expected"), CROPS)
def test_crop_box(size: tuple[int, int], aspect: float, focal: tuple[float, float],
                  expected: tuple[int, int, int, int]) -> None:
    assert crop_box(size, aspect, focal) == expected


@given(st.integers(1, 9000), st.integers(1, 9000), st.floats(0.2, 5), st.floats(0, 1), st.floats(0, 1))
def test_crop_box_stays_inside_and_keeps_the_aspect(width: int, height: int, aspect: float, fx: float,
                                                     fy: float) -> None:
    left, top, right, bottom = crop_box((width, height), aspect, (fx, fy))
    assert 0 <= left < right <= width and 0 <= top < bottom <= height
    assert right - left == width or bottom - top == height  # as large as possible
    assert abs((right - left) - (bottom - top) * aspect) <= max(1, aspect)  # aspect within a pixel


@given(st.integers(20, 4000), st.integers(20, 4000), st.floats(0, 1), st.floats(0, 1))
def test_crop_box_contains_the_focal_point(width: int, height: int, fx: float, fy: float) -> None:
    left, top, right, bottom = crop_box((width, height), WIDE, (fx, fy))
    assert left - 1 <= fx * width <= right + 1 and top - 1 <= fy * height <= bottom + 1


BELOW = [
    # (image size, aspect, focal point, below, expected box): a binding strip at the top edge
    ((600, 400), WIDE, (0.5, 0.5), 0.3, (0, 20, 600, 380)),  # room enough: centred as without a strip
    ((600, 400), WIDE, (0.5, 0.25), 0.3, (22, 0, 577, 333)),  # narrowed until the focal point is 30 % down
    ((600, 400), WIDE, (0.5, 0.1), 0.3, (100, 0, 500, 240)),  # narrowed at most by MAX_ZOOM: still too high
]


@pytest.mark.parametrize(("size", "aspect", "focal", "below", "expected"), BELOW)
def test_crop_box_below_a_binding_strip(size: tuple[int, int], aspect: float, focal: tuple[float, float],
                                        below: float, expected: tuple[int, int, int, int]) -> None:
    assert crop_box(size, aspect, focal, below) == expected


@given(st.integers(100, 6000), st.integers(100, 6000), st.floats(0.5, 3), st.floats(0, 1), st.floats(0, 1),
       st.floats(0.05, 0.5))
def test_crop_box_brings_the_focal_point_below_the_strip_where_it_can(
        width: int, height: int, aspect: float, fx: float, fy: float, below: float) -> None:
    full = crop_box((width, height), aspect, (fx, fy))
    box = crop_box((width, height), aspect, (fx, fy), below)
    assert 0 <= box[0] < box[2] <= width and 0 <= box[1] < box[3] <= height
    reachable = fy * height >= below * (full[3] - full[1]) / MAX_ZOOM + 2
    if reachable:
        assert focal_share(box, (width, height), (fx, fy)) >= below - 2 / (box[3] - box[1])
    assert (box[3] - box[1]) * MAX_ZOOM >= (full[3] - full[1]) - 2  # never narrowed more than MAX_ZOOM


PIXELS = [
    # (width mm, height mm, ppi, expected pixels)
    (50, 30, 300, (591, 354)),
    (303, 190, 300, (3579, 2244)),  # A3 landscape photo frame with bleed
    (303, 190, 150, (1789, 1122)),
    (297, 210, 300, (3508, 2480)),  # A4 landscape, the known figure
]


@pytest.mark.parametrize(("width", "height", "ppi", "expected"), PIXELS)
def test_pixels(width: float, height: float, ppi: int, expected: tuple[int, int]) -> None:
    assert PhotoTarget(width, height, ppi, "srgb", None).pixels == expected


PRINT = PhotoTarget(50, 30, 300, "cmyk", Path("fogra39.icc"))
A3 = PhotoTarget(303, 190, 300, "cmyk", Path("fogra39.icc"))
SCREEN = PhotoTarget(303, 190.5, 150, "srgb", None)  # limits follow the ppi: 125 and 75
STRICT = PhotoTarget(50, 30, 300, "cmyk", Path("fogra39.icc"), warn_ppi=280, min_ppi=200)

RESOLUTION = [
    # (target, effective ppi, expected (severity, message) or None)
    (PRINT, 304.8, None),
    (PRINT, 250.0, None),
    (PRINT, 249.99, ("warning", "Foto '01-x.jpg' hat nur 249 ppi bei 50×30 mm – für den Druck werden mindestens "
                                "493×296 Pixel gebraucht (besser 591×354).")),
    (PRINT, 150.0, ("warning", "Foto '01-x.jpg' hat nur 150 ppi bei 50×30 mm – für den Druck werden mindestens "
                               "493×296 Pixel gebraucht (besser 591×354).")),
    (PRINT, 149.99, ("error", "Foto '01-x.jpg' hat nur 149 ppi bei 50×30 mm – für den Druck werden mindestens "
                              "296×178 Pixel gebraucht (besser 591×354).")),
    # 1122 pixels would be 149.99 ppi over 190 mm: the minimum is rounded up
    (A3, 120.4, ("error", "Foto '01-x.jpg' hat nur 120 ppi bei 303×190 mm – für den Druck werden mindestens "
                          "1790×1123 Pixel gebraucht (besser 3579×2244).")),
    (STRICT, 250.0, ("warning", "Foto '01-x.jpg' hat nur 250 ppi bei 50×30 mm – für den Druck werden mindestens "
                                "552×331 Pixel gebraucht (besser 591×354).")),
    (SCREEN, 125.0, None),
    (SCREEN, 74.9, ("error", "Foto '01-x.jpg' hat nur 74 ppi bei 303×190,5 mm – für die Bildschirmfassung "
                             "werden mindestens 895×563 Pixel gebraucht (besser 1789×1125).")),
    (SCREEN, 100.0, ("warning", "Foto '01-x.jpg' hat nur 100 ppi bei 303×190,5 mm – für die Bildschirmfassung "
                                "werden mindestens 1492×938 Pixel gebraucht (besser 1789×1125).")),
]


@pytest.mark.parametrize(("target", "ppi", "expected"), RESOLUTION)
def test_resolution_problem(target: PhotoTarget, ppi: float, expected: tuple[str, str] | None) -> None:
    assert resolution_problem("01-x.jpg", ppi, target) == expected


@pytest.mark.parametrize(("size", "ppi", "expected"), [
    # an upright phone screenshot in the A3 frame: before, "1170×2532 Pixel … mindestens 1790×1140" read as if
    # its 2532 pixels were enough in one direction
    ((1170, 2532), 98.1, "Foto '01-x.jpg' hat nur 1170×2532 Pixel, nach dem Zuschnitt auf das Querformat des "
                         "Bildfelds 1170×734, also 98 ppi bei 303×190 mm"),
    ((1600, 1200), 134.2, "Foto '01-x.jpg' hat nur 1600×1200 Pixel, also 134 ppi bei 303×190 mm"),  # little cut off
])  # fmt: skip
def test_resolution_problem_names_the_crop_of_an_upright_photo(size: tuple[int, int], ppi: float,
                                                                expected: str) -> None:
    severity, message = resolution_problem("01-x.jpg", ppi, A3, size) or ("", "")
    assert severity == "error" and message.startswith(expected + " – für den Druck werden mindestens 1790×1123 Pixel")


@pytest.mark.parametrize(("target", "ppi", "_"), [row for row in RESOLUTION if row[2] is not None])
def test_the_minimum_named_is_enough(target: PhotoTarget, ppi: float, _: object) -> None:
    severity, message = resolution_problem("x.jpg", ppi, target) or ("", "")
    need_w, need_h = (int(n) for n in message.split("mindestens ")[1].split(" Pixel")[0].split("×"))
    enough = min(need_w / (target.width_mm / 25.4), need_h / (target.height_mm / 25.4))
    after = resolution_problem("x.jpg", enough, target)
    # the size named removes the problem: a warning disappears, an error becomes at most a warning
    assert after is None if severity == "warning" else after is None or after[0] == "warning"
