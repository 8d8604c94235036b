"""One small screen PDF per language (January and the first explanations page) and the poster's front in the
right-to-left languages, set and proven like a build."""

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
POSTER_CODES = ("ar", "fa")  # the poster's front where it is mirrored and, in Persian, has other digits


@dataclass(frozen=True)
class Sample:
    """A language's sample PDF: page 1 is January, page 2 the first explanations page."""

    code: str
    pdf: Path
    first_description: str  # the first explanation printed, in the language


def language_options(product: str, code: str, cache: Path, out: Path) -> BuildOptions:
    """Return options for one product of the sample edition in a language, set in one piece."""
    return BuildOptions(root=REPO, year=2027, product=PRODUCTS[product], cache_dir=cache, language=code, out=out,
                        parallel_parts=False)


@pytest.fixture(scope="session")
def samples(tmp_path_factory: pytest.TempPathFactory, warm_cache: Callable[[Path], Path]) -> dict[str, Sample]:
    """Set January and the first explanations page of the screen product in every language but German."""
    cache = warm_cache(tmp_path_factory.mktemp("cache") / "calendar-build")
    built = {}
    for code in LANGUAGE_CODES:
        options = language_options("screen", code, cache, tmp_path_factory.mktemp(code))
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


@pytest.fixture(scope="session")
def posters(tmp_path_factory: pytest.TempPathFactory, warm_cache: Callable[[Path], Path]) -> dict[str, Path]:
    """Set the front of the A2 poster (page 1) in Arabic and Persian."""
    cache = warm_cache(tmp_path_factory.mktemp("cache-poster") / "calendar-build")
    built = {}
    for code in POSTER_CODES:
        options = language_options("poster-a2", code, cache, tmp_path_factory.mktemp(f"poster-{code}"))
        target = options.out_dir / f"poster-{code}.pdf"
        _pages, warnings = set_pages(options, compose(options, [1]), target, parallel=False)
        assert warnings == []
        built[code] = target
    return built
