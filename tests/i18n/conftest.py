"""One small screen PDF per language (January and the first explanations page) and the poster's front in the
right-to-left languages, set and proven like a build."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

import pytest

from calendar_build.pages.plan import plan_pages
from calendar_build.pipeline import set_pages
from calendar_build.products import PRODUCTS
from calendar_build.stages.compose import compose
from calendar_build.stages.options import BuildOptions
from tests.conftest import REPO, once

LANGUAGE_CODES = ("en", "tr", "ar", "uk", "fa")
POSTER_CODES = ("ar", "fa")  # the poster's front where it is mirrored and, in Persian, has other digits
T = TypeVar("T")


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


class Made(Mapping[str, T]):
    """A mapping whose value for a key is made on first use, once per run (shared by the xdist workers)."""

    def __init__(self, keys: tuple[str, ...], make: Callable[[str], T]) -> None:
        self.wanted, self.make, self.made = keys, make, dict[str, T]()

    def __getitem__(self, key: str) -> T:
        if key not in self.wanted:
            raise KeyError(key)
        if key not in self.made:
            self.made[key] = self.make(key)
        return self.made[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.wanted)

    def __len__(self) -> int:
        return len(self.wanted)


def sample_of(code: str, folder: Path, cache: Path) -> Sample:
    """Set January and the first explanations page of the screen product in a language into `folder`."""
    options = language_options("screen", code, cache, folder)
    draft = compose(options, [2])
    pages = plan_pages(draft.calendar, options.product.page_plan, draft.valid.theme.explanation_columns)
    explanations = next(n for n, page in enumerate(pages, start=1) if page.kind == "explanations")
    composed = compose(options, [2, explanations])
    target = options.out_dir / f"sample-{code}.pdf"
    assert set_pages(options, composed, target, parallel=False).warnings == []
    first = composed.calendar.explanation_columns[0][0].items[0].description
    return Sample(code, target, first)


@pytest.fixture(scope="session")
def samples(tmp_path_factory: pytest.TempPathFactory, warm_cache: Callable[[Path], Path]) -> Mapping[str, Sample]:
    """Return January and the first explanations page of the screen product in every language but German.

    Each language is set once per run, when a test first asks for it: two workers set two languages at a time.
    """
    def make(code: str) -> Sample:
        return once(tmp_path_factory, f"i18n-sample-{code}",
                    lambda folder: sample_of(code, folder, warm_cache(folder / "cache" / "calendar-build")))

    return Made(LANGUAGE_CODES, make)


@pytest.fixture(scope="session")
def german_options(tmp_path_factory: pytest.TempPathFactory, warm_cache: Callable[[Path], Path]) -> BuildOptions:
    """Return options for the German edition (for comparisons)."""
    return replace(BuildOptions(root=REPO, year=2027), cache_dir=warm_cache(tmp_path_factory.mktemp("cache-de") / "c"))


def poster_of(code: str, folder: Path, cache: Path) -> Path:
    """Set the front of the A2 poster (page 1) in a language into `folder`; return the PDF."""
    options = language_options("poster-a2", code, cache, folder)
    target = options.out_dir / f"poster-{code}.pdf"
    assert set_pages(options, compose(options, [1]), target, parallel=False).warnings == []
    return target


@pytest.fixture(scope="session")
def posters(tmp_path_factory: pytest.TempPathFactory, warm_cache: Callable[[Path], Path]) -> Mapping[str, Path]:
    """Return the front of the A2 poster (page 1) in Arabic and Persian, each set once per run when first asked for."""
    def make(code: str) -> Path:
        return once(tmp_path_factory, f"i18n-poster-{code}",
                    lambda folder: poster_of(code, folder, warm_cache(folder / "cache" / "calendar-build")))

    return Made(POSTER_CODES, make)
