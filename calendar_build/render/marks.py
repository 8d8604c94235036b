"""Crop marks drawn outside the bleed, in registration colour, after WeasyPrint has written the PDF.

WeasyPrint's own `marks: crop` lies inside the bleed (a full-bleed photo covers it) and is
drawn in RGB; so the page box is widened and the marks are added on top with pikepdf.
"""

from __future__ import annotations

import io

import pikepdf

PT_PER_MM = 72 / 25.4


def add_crop_marks(pdf_bytes: bytes, bleed_mm: float = 3.0, offset_mm: float = 3.0, length_mm: float = 5.0,
                   width_pt: float = 0.25) -> bytes:
    """Return the PDF with crop marks at every trim corner and the MediaBox widened to hold them."""
    pdf = pikepdf.open(io.BytesIO(pdf_bytes))
    bleed, offset, length = bleed_mm * PT_PER_MM, offset_mm * PT_PER_MM, length_mm * PT_PER_MM
    pad = offset + length + PT_PER_MM
    for page in pdf.pages:
        x0, y0, x1, y1 = (float(v) for v in page.obj.TrimBox)
        page.obj.MediaBox = pikepdf.Array([x0 - pad, y0 - pad, x1 + pad, y1 + pad])
        page.obj.BleedBox = pikepdf.Array([x0 - bleed, y0 - bleed, x1 + bleed, y1 + bleed])
        segments = []
        for x, sx in ((x0, -1), (x1, 1)):
            for y, sy in ((y0, -1), (y1, 1)):
                segments.append(f"{x + sx * offset:.3f} {y:.3f} m {x + sx * (offset + length):.3f} {y:.3f} l S")
                segments.append(f"{x:.3f} {y + sy * offset:.3f} m {x:.3f} {y + sy * (offset + length):.3f} l S")
        # Registration colour (all four inks) so the marks appear on every plate.
        marks = f"Q q {width_pt} w 0 J [] 0 d 1 1 1 1 K " + " ".join(segments) + " Q"
        page.contents_add(pikepdf.Stream(pdf, b"q"), prepend=True)  # WeasyPrint leaves a `cm` active
        page.contents_add(pikepdf.Stream(pdf, marks.encode()), prepend=False)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()
