"""The glyph check tells printed glyphs from missing ones and .notdef boxes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import uharfbuzz as hb
from weasyprint import HTML

from calendar_build.pipeline import set_pages
from calendar_build.preflight.glyphs import DPI, _mask, agreement, script_of, unprinted
from calendar_build.products import PRODUCTS
from calendar_build.render import fonts
from calendar_build.stages.compose import compose
from calendar_build.stages.options import BuildOptions
from tests.conftest import REPO

TEXT = "春节 新年快乐"


@pytest.mark.parametrize(("char", "script"), [  # The Unicode Standard, Blocks.txt
    ("春", "chinesisch"), ("ع", "arabisch"), ("ש", "hebräisch"), ("द", "devanagari"), ("a", None), ("ü", None),
])
def test_script_of(char: str, script: str | None) -> None:
    assert script_of(char) == script


def _subset(folder: Path, identity: bool) -> Path:
    """Return a CJK subset as the build made it before (CIDs of the source) or as it makes it now."""
    if identity:
        return fonts.cjk_subset(TEXT, folder)
    face = hb.Face(hb.Blob.from_file_path(str(fonts.cjk_source())), fonts.CJK_FACE)
    wanted = hb.SubsetInput()
    wanted.unicode_set.update(ord(c) for c in TEXT + "AB")
    target = folder / "renumbered.otf"
    target.write_bytes(hb.subset(face, wanted).blob.data)
    return target


def _pdf(folder: Path, font: Path) -> Path:
    html = (f"<style>@font-face {{ font-family: T; src: url('{font.as_uri()}'); }}"
            f"body {{ font: 28pt T; }}</style><p>{TEXT}</p>")
    target = folder / f"{font.stem}.pdf"
    HTML(string=html).write_pdf(target)
    return target


@pytest.mark.parametrize(("identity", "expected"), [(True, 0), (False, 2 * 6)])
def test_cjk_subset_prints_only_with_identity_charset(tmp_path: Path, identity: bool, expected: int) -> None:
    checked, failures, warnings = unprinted(_pdf(tmp_path, _subset(tmp_path, identity)))
    assert len(checked) == 6
    assert len(failures) == expected  # each of the six characters in Ghostscript and in MuPDF
    assert bool(warnings) == (not identity)  # MuPDF: FT_Load_Glyph … invalid argument


def test_agreement_of_empty_and_equal_masks() -> None:
    from PIL import Image, ImageDraw  # noqa: PLC0415

    ink = Image.new("1", (20, 20))
    ImageDraw.Draw(ink).line((2, 2, 17, 17), fill=1, width=2)
    assert agreement(ink, ink) == 1.0
    assert agreement(ink, Image.new("1", (20, 20))) == 0.0
    assert agreement(Image.new("1", (20, 20)), ink) is None  # nothing to judge


def test_white_letters_on_a_badge_the_renderers_grey_differently_are_printed() -> None:
    """The sample badge is 159 grey in PDFium and 168 in Ghostscript: its white letters are the ink in both."""
    from PIL import Image, ImageDraw  # noqa: PLC0415

    def badge(grey: int) -> Image.Image:
        image = Image.new("L", (400, 200), 255)
        draw = ImageDraw.Draw(image)
        draw.rectangle((50, 50, 350, 150), fill=grey)
        draw.line((150, 120, 200, 80), fill=255, width=6)  # a white stroke in the box below
        return image

    box = (140 * 72 / DPI, (200 - 130) * 72 / DPI, 210 * 72 / DPI, (200 - 70) * 72 / DPI)  # points from bottom left
    reference, other = _mask(badge(159), box), _mask(badge(168), box)
    assert agreement(reference, other) == 1.0
    assert agreement(reference, _mask(badge(159).point(lambda v: 159 if v == 255 else v), box)) == 0.0  # no stroke


@pytest.mark.full
@pytest.mark.parametrize(("product", "page", "letters"), [
    ("print-a3", 12, {"ص", "ة", "خ"}),  # November: the badge "صورة نموذجية · شخصية متخيلة", white on the photo
    ("poster-a2", 2, {"ا"}),  # the back: 6 pt alefs one or two pixels wide (Ghostscript drew them unsmoothed)
])
def test_arabic_pages_print_in_every_renderer(tmp_path: Path, warm_cache: Callable[[Path], Path], product: str,
                                              page: int, letters: set[str]) -> None:
    """Pages of the Arabic edition whose glyphs the check once called unprinted, though every renderer drew them."""
    options = BuildOptions(root=REPO, year=2027, product=PRODUCTS[product], language="ar", out=tmp_path,
                           cache_dir=warm_cache(tmp_path / "cache"), parallel_parts=False)
    target = tmp_path / "page.pdf"
    set_pages(options, compose(options, [page]), target, parallel=False)
    checked, failures, _warnings = unprinted(target)
    assert letters <= {glyph.char for glyph in checked}
    assert failures == [], [(f.glyph.char, f.renderer, round(f.agreement, 2)) for f in failures]
