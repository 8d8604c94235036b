"""The category palette (content/categories.yaml) must stay readable and distinguishable.

The calendar marks a day with a coloured dot about 4 mm wide that holds the category's
letter in white. These tests check, for every category and every pair of categories:

- ids in the fixed order, one unique letter A-Z each, well-formed colours;
- a white letter on the dot meets the WCAG contrast for large text / graphics;
- every pair of dot colours differs clearly for normal vision and still differs after
  simulating deuteranopia and protanopia (colour-blind readers);
- the print colour (CMYK) is plausibly the same colour as the screen colour (RGB).

The colour formulas are written out here (no colour library) so the test has no extra
dependencies and states exactly what it measures.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

CATEGORIES_FILE = Path(__file__).parents[2] / "content" / "categories.yaml"

EXPECTED_IDS = (
    "intercultural", "christian", "orthodox", "islamic", "alevi", "jewish",
    "hindu", "buddhist", "sikh", "bahai", "yazidi",
)  # fmt: skip

# Normal vision: CIEDE2000 ΔE of about 1-2 is a just-noticeable difference for large
# side-by-side patches. The dots are tiny (~4 mm) and seldom side by side, and small fields
# look less saturated, so we demand a difference that is obvious at a glance: ΔE00 >= 12.
MIN_DELTA_E_NORMAL = 12.0
# Simulated dichromacy (deuteranopia, protanopia): colours collapse onto roughly a
# blue-yellow axis plus lightness, so the normal-vision bar cannot be met by 11 colours.
# ΔE00 >= 8 is still a clearly visible difference; the letter in the dot carries the rest.
MIN_DELTA_E_CVD = 8.0
# White letter on the dot: WCAG 2.x asks 3:1 for large/bold text (SC 1.4.3) and for
# graphical objects (SC 1.4.11); the dot letter is bold, so 3:1 is the floor.
MIN_WHITE_CONTRAST = 3.0
# CMYK vs RGB: the naive conversion (no ICC profile, no dot gain) is only a coarse
# plausibility check that catches swapped or mistyped values, not colour management.
# Real print matching is done by proofing against the printer's profile.
MAX_CMYK_DELTA_E = 25.0

# Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for Simulation of
# Color Vision Deficiency", IEEE TVCG 15(6):1291-1298; matrices for severity 1.0 from the
# authors' published table. They act on linear (not gamma-encoded) sRGB.
MACHADO_2009 = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
}

HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")

RGB = tuple[float, float, float]
Lab = tuple[float, float, float]


# --- colour science -----------------------------------------------------------------


def hex_to_rgb(value: str) -> RGB:
    """Return sRGB components 0..1 of '#RRGGBB'."""
    return tuple(int(value[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def to_linear(c: float) -> float:
    """sRGB transfer function, gamma-encoded -> linear (IEC 61966-2-1)."""
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def to_gamma(c: float) -> float:
    """sRGB transfer function, linear -> gamma-encoded, clipped to the gamut."""
    c = min(1.0, max(0.0, c))
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def relative_luminance(rgb: RGB) -> float:
    """WCAG 2.x relative luminance."""
    r, g, b = (to_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(rgb: RGB) -> float:
    """WCAG 2.x contrast ratio of white text on `rgb`."""
    return 1.05 / (relative_luminance(rgb) + 0.05)


def simulate(rgb: RGB, deficiency: str) -> RGB:
    """Simulate a colour vision deficiency (Machado 2009) in linear sRGB."""
    matrix = MACHADO_2009[deficiency]
    linear = [to_linear(c) for c in rgb]
    return tuple(to_gamma(sum(m * c for m, c in zip(row, linear))) for row in matrix)  # type: ignore[return-value]


def rgb_to_lab(rgb: RGB) -> Lab:
    """sRGB (D65) -> CIELAB (D65 white)."""
    r, g, b = (to_linear(c) for c in rgb)
    x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x / 0.95047), f(y / 1.0), f(z / 1.08883)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e_2000(lab1: Lab, lab2: Lab) -> float:
    """CIEDE2000 colour difference (Sharma, Wu & Dalal 2005), kL = kC = kH = 1."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0

    d_lp = l2 - l1
    d_cp = c2p - c1p
    if c1p * c2p == 0:
        d_hp = 0.0
    else:
        d_hp = h2p - h1p
        if d_hp > 180:
            d_hp -= 360
        elif d_hp < -180:
            d_hp += 360
    d_big_hp = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(d_hp / 2))

    l_mean = (l1 + l2) / 2
    cp_mean = (c1p + c2p) / 2
    if c1p * c2p == 0:
        hp_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hp_mean = (h1p + h2p) / 2
    elif h1p + h2p < 360:
        hp_mean = (h1p + h2p + 360) / 2
    else:
        hp_mean = (h1p + h2p - 360) / 2

    t = (
        1
        - 0.17 * math.cos(math.radians(hp_mean - 30))
        + 0.24 * math.cos(math.radians(2 * hp_mean))
        + 0.32 * math.cos(math.radians(3 * hp_mean + 6))
        - 0.20 * math.cos(math.radians(4 * hp_mean - 63))
    )
    d_theta = 30 * math.exp(-(((hp_mean - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_mean**7 / (cp_mean**7 + 25**7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt(
        (d_lp / s_l) ** 2
        + (d_cp / s_c) ** 2
        + (d_big_hp / s_h) ** 2
        + r_t * (d_cp / s_c) * (d_big_hp / s_h)
    )


def cmyk_to_rgb(cmyk: list[float]) -> RGB:
    """Naive CMYK (percent) -> sRGB 0..1: r = (1-c)(1-k) etc. No profile, no dot gain."""
    c, m, y, k = (v / 100 for v in cmyk)
    return (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)


# --- the formulas themselves --------------------------------------------------------

# Test data from Sharma, Wu & Dalal (2005), "The CIEDE2000 Color-Difference Formula:
# Implementation Notes, Supplementary Test Data, and Mathematical Observations".
SHARMA_PAIRS = [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, -1.3802, -84.2814), (50.0, 0.0, -82.7485), 1.0000),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((50.0, 2.5, 0.0), (50.0, 3.2592, 0.335), 1.0000),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((22.7233, 20.0904, -46.694), (23.0331, 14.973, -42.5619), 2.0373),
    ((90.9257, -0.5406, -0.9208), (88.6381, -0.8985, -0.7239), 1.5381),
]


@pytest.mark.parametrize(("lab1", "lab2", "expected"), SHARMA_PAIRS)
def test_ciede2000_matches_reference_data(lab1: Lab, lab2: Lab, expected: float) -> None:
    assert delta_e_2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert delta_e_2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize("deficiency", sorted(MACHADO_2009))
def test_machado_matrices_keep_greys_grey(deficiency: str) -> None:
    for row in MACHADO_2009[deficiency]:
        assert sum(row) == pytest.approx(1.0, abs=1e-3)


def test_srgb_to_lab_reference_points() -> None:
    assert rgb_to_lab((1.0, 1.0, 1.0)) == pytest.approx((100.0, 0.0, 0.0), abs=0.01)
    assert rgb_to_lab((1.0, 0.0, 0.0)) == pytest.approx((53.24, 80.09, 67.20), abs=0.01)


def test_wcag_contrast_reference_points() -> None:
    assert contrast_with_white((0.0, 0.0, 0.0)) == pytest.approx(21.0)
    assert contrast_with_white((1.0, 1.0, 1.0)) == pytest.approx(1.0)


# --- the palette --------------------------------------------------------------------


def load_categories() -> list[dict]:
    with CATEGORIES_FILE.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return data["categories"]


CATEGORIES = load_categories()
BY_ID = {c.get("id"): c for c in CATEGORIES}
PAIRS = list(itertools.combinations(EXPECTED_IDS, 2))


def test_all_categories_present_in_order() -> None:
    assert [c.get("id") for c in CATEGORIES] == list(EXPECTED_IDS)


def test_letters_unique() -> None:
    letters = [c["letter"] for c in CATEGORIES]
    assert len(set(letters)) == len(letters), letters


@pytest.mark.parametrize("category_id", EXPECTED_IDS)
def test_category_fields(category_id: str) -> None:
    cat = BY_ID[category_id]
    assert isinstance(cat["letter"], str) and re.fullmatch(r"[A-Z]", cat["letter"])
    assert isinstance(cat["label"], str) and cat["label"].strip()
    assert isinstance(cat["rgb"], str) and HEX_COLOUR.fullmatch(cat["rgb"])
    cmyk = cat["cmyk"]
    assert isinstance(cmyk, list) and len(cmyk) == 4
    assert all(isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 100 for v in cmyk)
    assert cat["legal_calendar"] is (category_id in ("intercultural", "christian"))


@pytest.mark.parametrize("category_id", EXPECTED_IDS)
def test_white_letter_is_readable(category_id: str) -> None:
    ratio = contrast_with_white(hex_to_rgb(BY_ID[category_id]["rgb"]))
    assert ratio >= MIN_WHITE_CONTRAST, f"{category_id}: white on dot {ratio:.2f}:1"


@pytest.mark.parametrize("category_id", EXPECTED_IDS)
def test_cmyk_is_close_to_rgb(category_id: str) -> None:
    cat = BY_ID[category_id]
    de = delta_e_2000(rgb_to_lab(hex_to_rgb(cat["rgb"])), rgb_to_lab(cmyk_to_rgb(cat["cmyk"])))
    assert de < MAX_CMYK_DELTA_E, f"{category_id}: CMYK vs RGB ΔE00 {de:.1f}"


VISIONS = [
    ("normal", None, MIN_DELTA_E_NORMAL),
    ("deuteranopia", "deuteranopia", MIN_DELTA_E_CVD),
    ("protanopia", "protanopia", MIN_DELTA_E_CVD),
]


@pytest.mark.parametrize(("vision", "deficiency", "minimum"), VISIONS, ids=[v[0] for v in VISIONS])
@pytest.mark.parametrize(("first", "second"), PAIRS, ids=[f"{a}-{b}" for a, b in PAIRS])
def test_pair_is_distinguishable(
    first: str, second: str, vision: str, deficiency: str | None, minimum: float
) -> None:
    colours = [hex_to_rgb(BY_ID[i]["rgb"]) for i in (first, second)]
    if deficiency:
        colours = [simulate(c, deficiency) for c in colours]
    de = delta_e_2000(rgb_to_lab(colours[0]), rgb_to_lab(colours[1]))
    assert de >= minimum, f"{first} vs {second} ({vision}): ΔE00 {de:.1f} < {minimum}"


# --- valid for the print condition (FOGRA39, render/condition.py) ---------------------------

MIN_PLATE = 5  # percent: a lighter tint does not print evenly in offset (printers' rule)
MAX_FOGRA39_DELTA_E = 10.0  # violet, rust and orange lie just outside the FOGRA39 gamut (measured 7.9, 6.6, 7.3)


@functools.cache
def _fogra39_to_lab() -> Any:
    """Return the transform from FOGRA39 CMYK to CIELAB D50 (built once: 14 ms each)."""
    from PIL import ImageCms  # noqa: PLC0415

    from calendar_build.render.condition import CONDITIONS, ensure_profile  # noqa: PLC0415

    profile = ImageCms.getOpenProfile(str(ensure_profile(CONDITIONS["FOGRA39"])))
    return ImageCms.buildTransform(profile, ImageCms.createProfile("LAB", 5000), "CMYK", "LAB",
                                   ImageCms.Intent.RELATIVE_COLORIMETRIC)


def _fogra39_lab(cmyk: list[float]) -> Lab:
    """Return the CIELAB (D50) FOGRA39 prints for CMYK percentages, through our profile's A2B table."""
    from PIL import Image, ImageCms  # noqa: PLC0415

    pixel = Image.new("CMYK", (1, 1), tuple(round(v * 2.55) for v in cmyk))
    lightness, a, b = ImageCms.applyTransform(pixel, _fogra39_to_lab()).getpixel((0, 0))
    return lightness / 2.55, a - 128, b - 128


@pytest.mark.parametrize("category_id", EXPECTED_IDS)
def test_cmyk_is_printable_in_fogra39(category_id: str) -> None:
    cmyk = BY_ID[category_id]["cmyk"]
    assert sum(cmyk) <= 300, f"{category_id}: {sum(cmyk)} % Farbauftrag"
    assert all(v == 0 or v >= MIN_PLATE for v in cmyk), f"{category_id}: Platte unter {MIN_PLATE} %: {cmyk}"


@pytest.mark.parametrize("category_id", EXPECTED_IDS)
def test_cmyk_matches_the_screen_colour_in_fogra39(category_id: str) -> None:
    cat = BY_ID[category_id]
    de = delta_e_2000(rgb_to_lab(hex_to_rgb(cat["rgb"])), _fogra39_lab(cat["cmyk"]))
    assert de <= MAX_FOGRA39_DELTA_E, f"{category_id}: FOGRA39 vs RGB ΔE00 {de:.1f}"


# FOGRA39L.ti3 (Fogra): paper Y 87.62, 100 % K Y 2.10; relative colorimetric scales paper to Y 100,
# so 100 % K is Y 2.10 / 87.62 = 2.40 %, L* = 116 · 0.0240^(1/3) − 16 = 17.2.
@pytest.mark.parametrize(("cmyk", "lightness"), [([0, 0, 0, 100], 17.2), ([0, 0, 0, 0], 100.0)])
def test_fogra39_lab_of_paper_and_black(cmyk: list[float], lightness: float) -> None:
    assert _fogra39_lab(cmyk)[0] == pytest.approx(lightness, abs=0.6)


# --- clean small dots: the white letter is cut out of every plate of the dot ------------------------
# One plate shifted by a printing press's misregistration (about 0.1 mm) lays a fringe into the cut-out
# letter; with two plates at most that fringe has one colour. These categories keep more plates: no
# two-plate CMYK comes within MAX_FOGRA39_DELTA_E of their screen colour (checked below), so the
# designers would have to change the colour itself.
MAX_DOT_PLATES = 2
MORE_PLATES = {"islamic", "hindu", "sikh", "yazidi"}
# Every pair of dots as printed (FOGRA39) differs at least as much as the screen palette demands.
MIN_DELTA_E_PRINT = MIN_DELTA_E_NORMAL


def _plates(cmyk: list[float]) -> int:
    return sum(1 for v in cmyk if v)


@pytest.mark.parametrize("category_id", EXPECTED_IDS)
def test_dot_has_at_most_two_plates(category_id: str) -> None:
    plates = _plates(BY_ID[category_id]["cmyk"])
    assert (plates <= MAX_DOT_PLATES) is (category_id not in MORE_PLATES), f"{category_id}: {plates} Druckfarben"


@functools.cache
def _two_plate_labs() -> list[tuple[tuple[int, ...], Lab]]:
    """Return every two-plate CMYK (5 % steps, each plate 5–100 %) with its FOGRA39 CIELAB."""
    from PIL import Image, ImageCms  # noqa: PLC0415

    from calendar_build.render.condition import CONDITIONS, ensure_profile  # noqa: PLC0415

    steps = range(5, 101, 5)
    mixes = sorted({tuple(a if i == first else b if i == second else 0 for i in range(4))
                    for first, second in itertools.combinations(range(4), 2) for a in steps for b in steps})
    profile = ImageCms.getOpenProfile(str(ensure_profile(CONDITIONS["FOGRA39"])))
    to_lab = ImageCms.buildTransform(profile, ImageCms.createProfile("LAB", 5000), "CMYK", "LAB",
                                     ImageCms.Intent.RELATIVE_COLORIMETRIC)
    strip = Image.new("CMYK", (len(mixes), 1))
    strip.putdata([tuple(round(v * 2.55) for v in mix) for mix in mixes])
    lab = ImageCms.applyTransform(strip, to_lab)
    return [(mix, (lab.getpixel((x, 0))[0] / 2.55, lab.getpixel((x, 0))[1] - 128, lab.getpixel((x, 0))[2] - 128))
            for x, mix in enumerate(mixes)]


@pytest.mark.parametrize("category_id", sorted(MORE_PLATES))
def test_more_plates_only_where_two_cannot_match(category_id: str) -> None:
    screen = rgb_to_lab(hex_to_rgb(BY_ID[category_id]["rgb"]))
    closest = min(delta_e_2000(screen, lab) for _, lab in _two_plate_labs())
    assert closest > MAX_FOGRA39_DELTA_E, f"{category_id}: zwei Druckfarben treffen ΔE00 {closest:.1f}"


@pytest.mark.parametrize(("first", "second"), PAIRS, ids=[f"{a}-{b}" for a, b in PAIRS])
def test_printed_dots_are_distinguishable(first: str, second: str) -> None:
    de = delta_e_2000(*(_fogra39_lab(BY_ID[i]["cmyk"]) for i in (first, second)))
    assert de >= MIN_DELTA_E_PRINT, f"{first} vs {second} in FOGRA39: ΔE00 {de:.1f}"
