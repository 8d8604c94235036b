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


@pytest.fixture(scope="session")
def print_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Build the 2027 sample edition's print PDF into a temporary folder."""
    out = tmp_path_factory.mktemp("print")
    options = BuildOptions(root=REPO, year=2027, out=out, cache_dir=tmp_path_factory.mktemp("cache"))
    report = build(options)
    return Built(options, report, out / "calendar-2027-print-a3.pdf")


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
    out = tmp_path_factory.mktemp("print-a4")
    options = BuildOptions(root=REPO, year=2027, product=PRODUCTS["print-a4"], out=out,
                           cache_dir=tmp_path_factory.mktemp("cache"))
    report = build(options)
    return Built(options, report, options.target)


@pytest.fixture(scope="session", params=["a3", "a4"])
def print_builds(request: pytest.FixtureRequest) -> Built:
    """Each print product of the sample edition: A3 and A4."""
    return request.getfixturevalue("print_build" if request.param == "a3" else "print_a4_build")


POSTERS = ("poster-a2", "poster-a1", "poster-a2-landscape", "poster-a1-landscape")  # every poster row


@pytest.fixture(scope="session")
def posters(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Built]:
    """Return a function that builds the 2027 sample edition's poster of a product once per session."""
    built: dict[str, Built] = {}
    cache = tmp_path_factory.mktemp("poster-cache")

    def poster(product: str) -> Built:
        if product not in built:
            options = BuildOptions(root=REPO, year=2027, product=PRODUCTS[product], out=tmp_path_factory.mktemp(product),
                                   cache_dir=cache)
            built[product] = Built(options, build(options), options.target)
        return built[product]

    return poster


@pytest.fixture(scope="session", params=POSTERS[:2])
def poster_build(request: pytest.FixtureRequest, posters: Callable[[str], Built]) -> Built:
    """The year poster upright, A2 and A1."""
    return posters(request.param)


@pytest.fixture(scope="session", params=POSTERS)
def every_poster(request: pytest.FixtureRequest, posters: Callable[[str], Built]) -> Built:
    """The year poster in all four rows: A2 and A1, upright and turned."""
    return posters(request.param)
