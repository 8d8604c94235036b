"""The print products of the sample edition, built once per session (shared with tests/render)."""

from __future__ import annotations

from pathlib import Path

import pytest

from calendar_build.products import PRODUCTS
from tests.conftest import beyond
from tests.render.conftest import Built, reference_build

# Every upright print row of the product table (wall calendars and posters); new rows are checked without a
# change here. Left out for time: the landscape posters (the same colours and sizes as their upright
# sheets) and the bilingual row (needs an edition language; it is the A3 row with two columns).
PRINT_PRODUCTS = tuple(p.id for p in PRODUCTS.values()
                       if p.medium == "print" and p.output == "pdf" and not p.landscape and not p.bilingual)


@pytest.fixture(scope="session", params=beyond(PRINT_PRODUCTS, quick=("print-a3", "print-a4", "poster-a2")))
def print_product(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                  photo_store: Path) -> Built:
    """Return each print product of the sample edition, built once per run (the render tests' reference builds)."""
    return reference_build(tmp_path_factory, photo_store, request.param)
