"""Crop marks outside the bleed, in registration colour, added while WeasyPrint writes the PDF.

WeasyPrint's own `marks: crop` lies inside the bleed (a full-bleed photo covers it) and is
drawn in RGB; so a PDF finisher widens each page's MediaBox and draws the marks on top.
Doing it in the finisher avoids parsing and saving the (large) PDF a second time.
"""

from __future__ import annotations

import pydyf

PT_PER_MM = 72 / 25.4


def mark_segments(trim: tuple[float, float, float, float], offset: float, length: float) -> list[str]:
    """Return PDF path segments of the eight marks around a trim box (points)."""
    x0, y0, x1, y1 = trim
    segments = []
    for x, sx in ((x0, -1), (x1, 1)):
        for y, sy in ((y0, -1), (y1, 1)):
            segments.append(f"{x + sx * offset:.3f} {y:.3f} m {x + sx * (offset + length):.3f} {y:.3f} l S")
            segments.append(f"{x:.3f} {y + sy * offset:.3f} m {x:.3f} {y + sy * (offset + length):.3f} l S")
    return segments


def add_crop_marks(pdf: pydyf.PDF, bleed_mm: float = 3.0, offset_mm: float = 3.0, length_mm: float = 5.0,
                   width_pt: float = 0.25) -> None:
    """Widen every page of a pydyf PDF and draw crop marks at its trim corners."""
    bleed, offset, length = bleed_mm * PT_PER_MM, offset_mm * PT_PER_MM, length_mm * PT_PER_MM
    pad = offset + length + PT_PER_MM
    pages = [o for o in pdf.objects if isinstance(o, pydyf.Dictionary) and o.get("Type") == "/Page"]
    for page in pages:
        x0, y0, x1, y1 = (float(v) for v in page["TrimBox"])
        page["MediaBox"] = pydyf.Array([x0 - pad, y0 - pad, x1 + pad, y1 + pad])
        page["BleedBox"] = pydyf.Array([x0 - bleed, y0 - bleed, x1 + bleed, y1 + bleed])
        before = pydyf.Stream([b"q"])
        # Registration colour (all four inks) so the marks appear on every plate.
        marks = pydyf.Stream([f"Q q {width_pt} w 0 J [] 0 d 1 1 1 1 K".encode(),
                              *(s.encode() for s in mark_segments((x0, y0, x1, y1), offset, length)), b"Q"])
        pdf.add_object(before)
        pdf.add_object(marks)
        # WeasyPrint leaves a `cm` active at the end of its stream: wrap it in q … Q.
        page["Contents"] = pydyf.Array([before.reference, page["Contents"], marks.reference])
