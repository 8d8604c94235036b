"""One site of the sample edition, built once per session and shared by the site and browser tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pikepdf
import pytest

from calendar_build.products import PRODUCTS
from calendar_build.site.build import SiteReport, build_site
from calendar_build.stages.options import BuildOptions
from tests.conftest import REPO, once

YEAR = 2027


@dataclass(frozen=True)
class BuiltSite:
    """The sample site and how it was built."""

    folder: Path
    report: SiteReport
    options: BuildOptions


MM = 72 / 25.4
BLEED_PT = 3 * MM + 20  # bleed and room for crop marks around the trim box


def poster_pdf(target: Path, page_mm: tuple[float, float]) -> None:
    """Write a stand-in for a built poster: the trim box filled with a CMYK blue, black marks outside it."""
    width, height = (v * MM for v in page_mm)
    with pikepdf.new() as pdf:
        page = pdf.add_blank_page(page_size=(width + 2 * BLEED_PT, height + 2 * BLEED_PT))
        page.obj.TrimBox = pikepdf.Array([BLEED_PT, BLEED_PT, BLEED_PT + width, BLEED_PT + height])
        outside = f"0 0 0 1 k 0 0 {width + 2 * BLEED_PT:.2f} {height + 2 * BLEED_PT:.2f} re f "
        inside = f"1 0.5 0 0 k {BLEED_PT:.2f} {BLEED_PT:.2f} {width:.2f} {height:.2f} re f"
        page.obj.Contents = pdf.make_stream((outside + inside).encode())
        pdf.add_blank_page()  # the back
        pdf.save(target)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, warm_cache: Callable[[Path], Path]) -> BuiltSite:
    """Return the sample edition's site, with a screen PDF and a poster beside it to be offered for download.

    Built once per run and shared by the xdist workers.
    """

    def make(base: Path) -> BuiltSite:
        out = base / "out"
        out.mkdir()
        with pikepdf.new() as pdf:
            pdf.add_blank_page()
            pdf.save(out / PRODUCTS["screen"].output_name(YEAR))
        poster_pdf(out / PRODUCTS["poster-a2"].output_name(YEAR), PRODUCTS["poster-a2"].page_mm)
        options = BuildOptions(root=REPO, year=YEAR, product=PRODUCTS["web"], out=out,
                               cache_dir=warm_cache(base / "cache"))
        report = build_site(options, out / "site")
        return BuiltSite(out / "site", report, options)

    return once(tmp_path_factory, "site-2027", make)


def serving_options(built_site: BuiltSite, project: Path) -> BuildOptions:
    """Return the options for `serve` of a project copy: the built site's warm cache shared (linked entry by
    entry), but a `serve` folder of its own – tests running at once must not serve each other's pages."""
    cache = project / ".serve-cache"
    cache.mkdir()
    for entry in built_site.options.cache.iterdir():
        if entry.name != "serve":
            (cache / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    return replace(built_site.options, root=project, out=project / "out", cache_dir=cache)
