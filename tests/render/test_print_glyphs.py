"""Every glyph of the print PDFs prints on a RIP: drawn by Ghostscript and MuPDF as PDFium draws it.

The scripts beside Latin are Chinese (a HarfBuzz subset of Noto Sans CJK, see render/fonts.py),
Arabic, Hebrew and Devanagari; each character is compared in its own box (preflight/glyphs.py).
"""

from __future__ import annotations

from collections import Counter

import pikepdf
import pytest

from calendar_build.preflight.glyphs import unprinted
from tests.render.conftest import Built


@pytest.mark.full
def test_every_glyph_prints_in_ghostscript_and_mupdf(print_builds: Built) -> None:
    checked, failures, warnings = unprinted(print_builds.pdf)
    scripts = Counter(glyph.script for glyph in checked)
    # the sample prints all four scripts: a check that found none would prove nothing
    assert {"chinesisch", "arabisch", "hebräisch", "devanagari"} <= set(scripts), scripts
    assert scripts["chinesisch"] >= 9  # 春节, 新年快乐, 成道会
    assert failures == [], [(f.glyph.page + 1, f.glyph.char, f.renderer, round(f.agreement, 2)) for f in failures]
    assert warnings == []  # e.g. MuPDF's "FT_Load_Glyph(…CJK-Subset…): invalid argument"


def test_cjk_cids_are_glyphs_of_the_embedded_cff(print_builds: Built) -> None:
    """Each CID-keyed CFF font's charset maps CID n to glyph n (PDF: CIDToGIDMap Identity, ISO 32000-1 9.7.4.2)."""
    from fontTools.cffLib import CFFFontSet  # noqa: PLC0415
    import io  # noqa: PLC0415

    seen = 0
    with pikepdf.open(print_builds.pdf) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Subtype") == "/CIDFontType0":
                stream = obj.FontDescriptor.get("/FontFile3")
                if stream is None or "CJK" not in str(obj.BaseFont):
                    continue
                cff = CFFFontSet()
                data = stream.read_bytes()
                if stream.get("/Subtype") == "/OpenType":
                    from fontTools.ttLib import TTFont  # noqa: PLC0415
                    cff = TTFont(io.BytesIO(data))["CFF "].cff
                else:
                    cff.decompile(io.BytesIO(data), None)
                charset = cff.topDictIndex[0].charset
                assert hasattr(cff.topDictIndex[0], "ROS")
                wrong = [(gid, name) for gid, name in enumerate(charset) if gid and name != f"cid{gid:05d}"]
                assert wrong == []
                seen += 1
    assert seen >= 1
