"""The year poster on the website: a picture of each built poster's front, linked to its PDF."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from calendar_build.products import PRODUCTS
from calendar_build.site.build import build_site
from calendar_build.stages.options import BuildOptions
from tests.conftest import REPO
from tests.site.conftest import YEAR, BuiltSite, poster_pdf


def test_poster_page_shows_the_front_and_offers_the_pdf(built_site: BuiltSite) -> None:
    page = (built_site.folder / "plakat.html").read_text(encoding="utf-8")
    pdf, picture = "calendar-2027-poster-a2.pdf", "calendar-2027-poster-a2.jpg"
    assert f'href="{pdf}"' in page and f'src="{picture}"' in page and "Jahresplakat A2" in page
    assert (built_site.folder / pdf).is_file()
    with Image.open(built_site.folder / picture) as image:
        assert image.format == "JPEG"
        assert image.width / image.height == pytest.approx(420 / 594, abs=0.002)  # the trim size: no bleed
        assert f'width="{image.width}" height="{image.height}"' in page  # no layout shift while it loads
        rgb = image.convert("RGB")
        corners = [rgb.getpixel((x, y)) for x in (1, image.width - 2) for y in (1, image.height - 2)]
    # the stand-in's trim box is blue and black lies only outside it: the picture is cut at the trim edge
    assert all(b > 150 and r < 100 for r, g, b in corners), corners


def test_poster_page_is_in_the_navigation(built_site: BuiltSite) -> None:
    start = (built_site.folder / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<nav[^>]*>.*href="plakat.html"', start, re.S)
    own = (built_site.folder / "plakat.html").read_text(encoding="utf-8")
    assert 'href="plakat.html" aria-current="page"' in own


def test_no_poster_page_without_a_built_poster(tmp_path: Path, warm_cache: Callable[[Path], Path]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    options = BuildOptions(root=REPO, year=YEAR, product=PRODUCTS["web"], out=out, cache_dir=warm_cache(tmp_path / "cache"))
    build_site(options, out / "site")
    assert not (out / "site" / "plakat.html").exists()
    assert "plakat.html" not in (out / "site" / "index.html").read_text(encoding="utf-8")


def test_every_built_poster_is_shown(tmp_path: Path, warm_cache: Callable[[Path], Path]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for product in ("poster-a1", "poster-a2-landscape"):
        poster_pdf(out / PRODUCTS[product].output_name(YEAR), PRODUCTS[product].page_mm)
    options = BuildOptions(root=REPO, year=YEAR, product=PRODUCTS["web"], out=out, cache_dir=warm_cache(tmp_path / "cache"))
    build_site(options, out / "site")
    page = (out / "site" / "plakat.html").read_text(encoding="utf-8")
    assert "Jahresplakat A1" in page and "Jahresplakat A2 quer" in page
    with Image.open(out / "site" / "calendar-2027-poster-a2-landscape.jpg") as image:
        assert image.width / image.height == pytest.approx(594 / 420, abs=0.002)
