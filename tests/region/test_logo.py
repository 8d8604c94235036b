"""The edition's logo in print: separated into the output profile like the photos, on the poster beside the publisher."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from calendar_build.photos.colour import SRGB_ICC
from calendar_build.pipeline import BuildOptions
from calendar_build.products import PRODUCTS
from calendar_build.region.logo import print_logo
from calendar_build.render.condition import CONDITIONS, ensure_profile
from calendar_build.stages.compose import compose
from tests.conftest import REPO

LOGO = REPO / "examples" / "berlin" / "content" / "logo.svg"  # the examples' neutral stand-in logo


def test_print_logo_is_cmyk_in_the_output_profile_on_white_paper(tmp_path: Path) -> None:
    profile = ensure_profile(CONDITIONS["FOGRA39"]).read_bytes()
    path = print_logo(LOGO, tmp_path, profile)
    with Image.open(path) as image:
        assert (image.format, image.mode) == ("JPEG", "CMYK")  # placed as DeviceCMYK: no RGB in the PDF/X-4
        assert "icc_profile" not in image.info  # under the output intent, like the photos
        corner = image.getpixel((0, 0))
        inks = {image.getpixel((x, image.height // 2)) for x in range(image.width)}
    assert sum(corner) < 8  # the SVG's transparent corner is paper: no ink (JPEG may leave a trace)
    assert max(k for *_, k in inks) > 100  # its grey circle and letters print
    assert print_logo(LOGO, tmp_path, profile) == path  # cached by logo and profile


def test_print_logo_stays_srgb_when_the_printer_asks(tmp_path: Path) -> None:
    path = print_logo(LOGO, tmp_path, None)
    with Image.open(path) as image:
        assert (image.format, image.mode) == ("PNG", "RGBA") and image.info["icc_profile"] == SRGB_ICC


def test_poster_head_shows_the_logo(project: Path, warm_cache: Callable[[Path], Path]) -> None:
    shutil.copyfile(LOGO, project / "content" / "logo.svg")
    edition = project / "content" / "edition.yaml"
    edition.write_text(edition.read_text(encoding="utf-8") + "logo: content/logo.svg\n", encoding="utf-8")
    composed = compose(BuildOptions(root=project, year=2027, product=PRODUCTS["poster-a2"], out=project / "out",
                                    cache_dir=warm_cache(project / "cache")), [1])
    front = composed.parts[0]
    head = front[front.index('class="poster-head"'):front.index('class="poster-months"')]
    assert 'class="poster-logo"' in head and ".jpg" in head  # the separated print file
    assert "Logo: " in head  # with its alternative text
