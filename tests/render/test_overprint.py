"""Black overprints: 100 % K text keeps the plates under it (Ghostscript separations), colours knock out."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageOps
from weasyprint import HTML

from calendar_build.render.condition import CONDITIONS
from calendar_build.render.overprint import is_solid_black, overprint_lines
from calendar_build.render.pdf import _finisher


@pytest.mark.parametrize(("line", "black"), [
    (b"0 0 0 1 scn", True), (b"0 0 0 1 k", True), (b"0 0 0 1 SCN", True), (b"0 0 0 0.92 scn", False),
    (b"0.5 0.4 0.4 1 k", False), (b"1 1 1 1 K", False), (b"0 g", False),
])
def test_solid_black(line: bytes, black: bool) -> None:
    *operands, operator = line.split()
    assert is_solid_black(operands, operator) is black


def test_states_follow_colour_save_and_restore() -> None:
    lines = [b"q", b"0 0 0 1 scn", b"BT", b"ET", b"q", b"0 1 0 0 scn", b"Q", b"/img Do", b"Q"]
    assert overprint_lines(lines) == [
        b"q", b"/OPf1 gs", b"0 0 0 1 scn", b"BT", b"ET", b"q", b"/OPf0 gs", b"0 1 0 0 scn", b"Q",
        b"/OPf0 gs", b"/img Do", b"/OPf1 gs", b"Q",  # images knock out; black is back after them
    ]


def _separations(pdf: Path, folder: Path) -> dict[str, Image.Image]:
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep", "-r72",
                    f"-sOutputFile={folder / 'sep.tif'}", str(pdf)], check=True, timeout=120)
    return {name: Image.open(folder / f"sep({name}).tif").convert("L") for name in ("Cyan", "Yellow", "Black")}


def test_black_text_overprints_in_ghostscript_separations(tmp_path: Path) -> None:
    """On a yellow box: black text leaves the yellow plate whole, cyan text knocks a hole into it."""
    html = ("<style>@page { size: 60mm 30mm; margin: 0 } body { margin: 0 }"
            "div { background: device-cmyk(0 0 1 0); height: 30mm; font: bold 40pt sans-serif }"
            "span.k { color: device-cmyk(0 0 0 1) } span.c { color: device-cmyk(1 0 0 0) }</style>"
            "<div><span class=k>II</span> <span class=c>II</span></div>")
    target = tmp_path / "t.pdf"
    HTML(string=html).write_pdf(target, pdf_variant="pdf/x-4", finisher=_finisher("t", None, CONDITIONS["FOGRA39"]))
    plates = _separations(target, tmp_path)  # tiffsep: 0 = full ink, 255 = none
    black = ImageOps.invert(plates["Black"]).point(lambda v: 255 if v > 200 else 0)
    cyan = ImageOps.invert(plates["Cyan"]).point(lambda v: 255 if v > 200 else 0)
    yellow = plates["Yellow"]
    assert black.getbbox() is not None and cyan.getbbox() is not None  # both texts are there
    # under the black text the yellow is whole (overprint) …
    assert max(v for v, k in zip(yellow.tobytes(), black.tobytes()) if k) < 40
    # … under the cyan text it is knocked out
    assert min(v for v, c in zip(yellow.tobytes(), cyan.tobytes()) if c) > 200
