"""The reference builds of the sample edition, each made once per run and shared by the PDF tests.

Every build has a cache folder of its own (a test looks for leftover part files in it), seeded with the photos
the run has prepared so far and sharing its own afterwards; with pytest-xdist the first worker that needs a
build makes it for all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from calendar_build.pipeline import BuildOptions, BuildReport, build
from calendar_build.products import PRODUCTS
from calendar_build.stages.compose import compose
from tests import layout_memo
from tests.conftest import REPO, beyond, linked_cache, once, seeded_cache, share_photos


@dataclass(frozen=True)
class Built:
    """A finished build: its options, report and PDF."""

    options: BuildOptions
    report: BuildReport
    pdf: Path


def reference_build(factory: pytest.TempPathFactory, photo_store: Path, product: str) -> Built:
    """Return the 2027 sample edition's build of `product`, made once per run."""

    def make(folder: Path) -> Built:
        # The photos first, straight into the run's cache: a test needing them meanwhile finds each one as soon
        # as it is made, instead of preparing all again while the build runs (seen: the A3 photos three times).
        shared = linked_cache(folder / "shared-cache", photo_store.parent)
        compose(BuildOptions(root=REPO, year=2027, product=PRODUCTS[product], cache_dir=shared))  # as the build will
        options = BuildOptions(root=REPO, year=2027, product=PRODUCTS[product], out=folder / "out",
                               cache_dir=seeded_cache(folder / "cache", photo_store))
        with layout_memo.remembering_pdfs():  # a test building the same again gets these parts' bytes
            report = build(options)
        share_photos(options.cache, photo_store)
        return Built(options, report, options.target)

    return once(factory, f"build-{product}", make)


@pytest.fixture(scope="session")
def print_build(tmp_path_factory: pytest.TempPathFactory, photo_store: Path) -> Built:
    """Build the 2027 sample edition's print PDF (A3)."""
    return reference_build(tmp_path_factory, photo_store, "print-a3")


@pytest.fixture(scope="session")
def screen_build(tmp_path_factory: pytest.TempPathFactory, photo_store: Path) -> Built:
    """Build the 2027 sample edition's accessible screen PDF."""
    return reference_build(tmp_path_factory, photo_store, "screen")


@pytest.fixture(scope="session")
def print_a4_build(tmp_path_factory: pytest.TempPathFactory, photo_store: Path) -> Built:
    """Build the 2027 sample edition's A4 print PDF."""
    return reference_build(tmp_path_factory, photo_store, "print-a4")


@pytest.fixture(scope="session", params=["a3", "a4"])
def print_builds(request: pytest.FixtureRequest) -> Built:
    """Each print product of the sample edition: A3 and A4."""
    return request.getfixturevalue("print_build" if request.param == "a3" else "print_a4_build")  # type: ignore[no-any-return]


POSTERS = ("poster-a2", "poster-a1", "poster-a2-landscape", "poster-a1-landscape")  # every poster row


@pytest.fixture(scope="session")
def posters(tmp_path_factory: pytest.TempPathFactory, photo_store: Path) -> Callable[[str], Built]:
    """Return a function that builds the 2027 sample edition's poster of a product once per run."""
    return lambda product: reference_build(tmp_path_factory, photo_store, product)


@pytest.fixture(scope="session", params=beyond(POSTERS[:2], quick=POSTERS[:1]))
def poster_build(request: pytest.FixtureRequest, posters: Callable[[str], Built]) -> Built:
    """The year poster upright, A2 and A1."""
    return posters(request.param)


@pytest.fixture(scope="session", params=beyond(POSTERS, quick=POSTERS[:1]))
def every_poster(request: pytest.FixtureRequest, posters: Callable[[str], Built]) -> Built:
    """The year poster in all four rows: A2 and A1, upright and turned."""
    return posters(request.param)


@pytest.fixture
def cache(tmp_path: Path, warm_cache: Callable[[Path], Path]) -> Path:
    """Return a cache folder of the test's own whose prepared photos are the run's shared ones."""
    return warm_cache(tmp_path / "cache")
