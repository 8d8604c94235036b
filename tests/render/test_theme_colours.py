"""The print colours of theme.css are valid for FOGRA39: black 100 % K, greys K only, no plate under 5 %."""

from __future__ import annotations

import re

import pytest

from tests.conftest import REPO

THEME = (REPO / "templates" / "theme.css").read_text(encoding="utf-8")
PRINT_BLOCK = re.search(r"html\.print\s*\{(.*?)\}", THEME, re.S).group(1)  # type: ignore[union-attr]
COLOURS = {name: [float(v) * 100 for v in values.split()]
           for name, values in re.findall(r"--([\w-]+):\s*device-cmyk\(([^)]*)\)", PRINT_BLOCK)}
GREYS = ("ink", "ink-soft", "muted", "rule")
MIN_PLATE = 5  # percent: a lighter tint does not print evenly in offset


def test_the_print_block_defines_the_colours() -> None:
    assert {"ink", "ink-soft", "muted", "rule", "paper", "panel", "accent", "sunday", "school"} <= set(COLOURS)


def test_black_is_solid_k() -> None:
    assert COLOURS["ink"] == [0, 0, 0, 100]


@pytest.mark.parametrize("name", GREYS)
def test_greys_are_k_only(name: str) -> None:
    c, m, y, _ = COLOURS[name]
    assert (c, m, y) == (0, 0, 0)


@pytest.mark.parametrize("name", sorted(COLOURS))
def test_no_plate_under_five_percent_and_ink_limit(name: str) -> None:
    values = COLOURS[name]
    assert all(v == 0 or v >= MIN_PLATE for v in values), f"{name}: {values}"
    assert sum(values) <= 300
