"""The glyph check tells printed glyphs from missing ones and .notdef boxes."""

from __future__ import annotations

from pathlib import Path

import pytest
import uharfbuzz as hb
from weasyprint import HTML

from calendar_build.preflight.glyphs import agreement, script_of, unprinted
from calendar_build.render import fonts

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
