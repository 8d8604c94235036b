"""Nothing in calendar_build/ names a state, district or town of an edition: those live in the profile."""

from __future__ import annotations

import re

import pytest

from calendar_build.editions import profile_towns
from tests.conftest import REPO

SOURCES = sorted((REPO / "calendar_build").rglob("*.py"))
# The sample edition's state and district, and every town of its profile (content/edition.yaml).
NAMES = ("Hessen", "hessisch", "Main-Taunus", *profile_towns(REPO))


def test_the_sample_profile_has_towns() -> None:
    assert len(profile_towns(REPO)) == 12


@pytest.mark.parametrize("name", NAMES)
def test_no_region_name_in_the_program(name: str) -> None:
    pattern = re.compile(re.escape(name), re.IGNORECASE)
    found = [f"{path.relative_to(REPO)}:{number}" for path in SOURCES
             for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if pattern.search(text)]
    assert not found, f"'{name}' steht im Programm: {found}"
