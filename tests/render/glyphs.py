"""An independent look at a rendered PDF: the glyph boxes pdfium finds, and which of them overlap.

The fit proof works on WeasyPrint's boxes; this reads the finished PDF with another library, so a
test can show that what the proof passed really prints without one glyph over another.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

Box = tuple[float, float, float, float]  # left, bottom, right, top in pt


def glyph_boxes(pdf: Path, index: int) -> list[tuple[str, float, Box]]:
    """Return the visible characters of a page with their baseline and tight box."""
    document = pdfium.PdfDocument(pdf)
    try:
        text = document[index].get_textpage()
        found = []
        x, y = ctypes.c_double(), ctypes.c_double()
        for i in range(text.count_chars()):
            char = text.get_text_range(i, 1)
            if char.strip():
                pdfium_c.FPDFText_GetCharOrigin(text.raw, i, ctypes.byref(x), ctypes.byref(y))
                found.append((char, round(y.value, 1), text.get_charbox(i)))
        return found
    finally:
        document.close()


def overlapping_glyphs(pdf: Path, index: int, tolerance: float = 0.4) -> list[tuple[str, str]]:
    """Return pairs of characters on different lines (baselines) whose boxes overlap by more than `tolerance` pt."""
    boxes = sorted(glyph_boxes(pdf, index), key=lambda item: item[2][1])
    pairs = []
    for n, (char, baseline, (left, bottom, right, top)) in enumerate(boxes):
        for other, o_baseline, (o_left, o_bottom, o_right, o_top) in boxes[n + 1:]:
            if o_bottom > top - tolerance:
                break
            if abs(baseline - o_baseline) < 0.5:  # one line: marks and kerning may touch
                continue
            if min(right, o_right) - max(left, o_left) > tolerance and min(top, o_top) - max(bottom, o_bottom) > tolerance:
                pairs.append((char, other))
    return pairs
