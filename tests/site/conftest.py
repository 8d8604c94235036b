"""One site of the sample edition, built once per session and shared by the site and browser tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest

from calendar_build.products import PRODUCTS
from calendar_build.site.build import SiteReport, build_site
from calendar_build.stages.options import BuildOptions
from tests.conftest import REPO

YEAR = 2027


@dataclass(frozen=True)
class BuiltSite:
    """The sample site and how it was built."""

    folder: Path
    report: SiteReport
    options: BuildOptions


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, warm_cache: Callable[[Path], Path]) -> BuiltSite:
    """Return the sample edition's site, with a screen PDF beside it to be offered for download."""
    base = tmp_path_factory.mktemp("site")
    out = base / "out"
    out.mkdir()
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(out / PRODUCTS["screen"].output_name(YEAR))
    options = BuildOptions(root=REPO, year=YEAR, product=PRODUCTS["web"], out=out, cache_dir=warm_cache(base / "cache"))
    report = build_site(options, out / "site")
    return BuiltSite(out / "site", report, options)
