"""Golden snapshots of the computed holiday table 2026–2030 (regenerate with `make snapshots`, review the diff)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO
from tools.snapshots import YEARS, table_of


@pytest.mark.parametrize("year", YEARS)
def test_table_matches_snapshot(year: int) -> None:
    expected = json.loads((REPO / "tests" / "snapshots" / f"holidays-{year}.json").read_text(encoding="utf-8"))
    assert table_of(year) == expected
