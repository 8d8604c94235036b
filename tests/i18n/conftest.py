"""One small screen PDF per language: January and the first explanations page, set and proven like a build."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from calendar_build.pages.plan import plan_pages
from calendar_build.pipeline import set_pages
from calendar_build.products import PRODUCTS
from calendar_build.stages.compose import compose
from calendar_build.stages.options import BuildOptions
from tests.conftest import REPO

LANGUAGE_CODES = ("en", "tr", "ar", "uk", "fa")


@dataclass(frozen=True)
class Sample:
    """A language's sample PDF: page 1 is January, page 2 the first explanations page."""

    code: str
    pdf: Path
    first_description: str  # the first explanation printed, in the language


@pytest.fixture(scope="session")
def samples(tmp_path_factory: pytest.TempPathFactory, warm_cache: Callable[[Path], Path]) -> dict[str, Sample]:
    """Set January and the first explanations page of the screen product in every language but German."""
    cache = warm_cache(tmp_path_factory.mktemp("cache") / "calendar-build")
    built = {}
    for code in LANGUAGE_CODES:
        options = BuildOptions(root=REPO, year=2027, product=PRODUCTS["screen"], cache_dir=cache, language=code,
                               out=tmp_path_factory.mktemp(code), parallel_parts=False)
        draft = compose(options, [2])
        pages = plan_pages(draft.calendar, options.product.page_plan, draft.valid.theme.explanation_columns)
        explanations = next(n for n, page in enumerate(pages, start=1) if page.kind == "explanations")
        composed = compose(options, [2, explanations])
        target = options.out_dir / f"sample-{code}.pdf"
        _pages, warnings = set_pages(options, composed, target, parallel=False)
        assert warnings == []
        first = composed.calendar.explanation_columns[0][0].items[0].description
        built[code] = Sample(code, target, first)
    return built


@pytest.fixture(scope="session")
def german_options(tmp_path_factory: pytest.TempPathFactory, warm_cache: Callable[[Path], Path]) -> BuildOptions:
    """Return options for the German edition (for comparisons)."""
    return replace(BuildOptions(root=REPO, year=2027), cache_dir=warm_cache(tmp_path_factory.mktemp("cache-de") / "c"))
