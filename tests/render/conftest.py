"""One real print build of the sample edition, shared by the PDF tests (it takes a few seconds)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from calendar_build.pipeline import BuildOptions, BuildReport, build
from calendar_build.products import PRODUCTS
from tests.conftest import REPO


@dataclass(frozen=True)
class Built:
    """A finished build: its options, report and PDF."""

    options: BuildOptions
    report: BuildReport
    pdf: Path


_BUILT: dict[str, Built] = {}  # product id -> its build, once per test session (render and preflight tests share it)


def built(product_id: str, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Return the 2027 sample edition built as `product_id` into a temporary folder, building it once."""
    if product_id not in _BUILT:
        options = BuildOptions(root=REPO, year=2027, product=PRODUCTS[product_id], out=tmp_path_factory.mktemp(product_id),
                               cache_dir=tmp_path_factory.getbasetemp() / "build-cache")  # photos keyed by target
        _BUILT[product_id] = Built(options, build(options), options.target)
    return _BUILT[product_id]


@pytest.fixture(scope="session")
def print_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Build the 2027 sample edition's print PDF into a temporary folder."""
    return built("print-a3", tmp_path_factory)


@pytest.fixture(scope="session")
def screen_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Build the 2027 sample edition's accessible screen PDF into a temporary folder."""
    out = tmp_path_factory.mktemp("screen")
    options = BuildOptions(root=REPO, year=2027, product=PRODUCTS["screen"], out=out, cache_dir=tmp_path_factory.mktemp("cache"))
    report = build(options)
    return Built(options, report, out / "calendar-2027-screen.pdf")


@pytest.fixture(scope="session")
def print_a4_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Build the 2027 sample edition's A4 print PDF into a temporary folder."""
    return built("print-a4", tmp_path_factory)


@pytest.fixture(scope="session", params=["a3", "a4"])
def print_builds(request: pytest.FixtureRequest) -> Built:
    """Each print product of the sample edition: A3 and A4."""
    return request.getfixturevalue("print_build" if request.param == "a3" else "print_a4_build")


POSTERS = ("poster-a2", "poster-a1", "poster-a2-landscape", "poster-a1-landscape")  # every poster row


@pytest.fixture(scope="session")
def posters(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Built]:
    """Return a function that builds the 2027 sample edition's poster of a product once per session."""
    return lambda product: built(product, tmp_path_factory)


@pytest.fixture(scope="session", params=POSTERS[:2])
def poster_build(request: pytest.FixtureRequest, posters: Callable[[str], Built]) -> Built:
    """The year poster upright, A2 and A1."""
    return posters(request.param)


@pytest.fixture(scope="session", params=POSTERS)
def every_poster(request: pytest.FixtureRequest, posters: Callable[[str], Built]) -> Built:
    """The year poster in all four rows: A2 and A1, upright and turned."""
    return posters(request.param)
