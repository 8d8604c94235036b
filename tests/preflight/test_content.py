"""The content walk (preflight/content.py) measures each border side as drawn, not the ring it is cut from."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from weasyprint import HTML

from calendar_build.preflight.content import rules


def test_sides_of_different_colours_are_measured_each(tmp_path: Path) -> None:
    """WeasyPrint fills the whole ring once per side, clipped to the side: the school band of a day cell
    (6 pt, light blue) beside its 0.5 pt grey rules must not count as a 0.5 pt blue rule."""
    target = tmp_path / "zelle.pdf"
    HTML(string="<style>@page { size: 80mm 60mm; margin: 10mm }</style>"
                "<div style='width: 40mm; height: 20mm; border-top: 0.5pt solid device-cmyk(0 0 0 0.22); "
                "border-left: 0.5pt solid device-cmyk(0 0 0 0.22); border-bottom: 6pt solid device-cmyk(0.12 0 0 0)'>"
                "</div>").write_pdf(target)
    with pikepdf.open(target) as pdf:
        found = {(rule.thickness_pt, rule.cmyk) for rule in rules(pdf)}
    assert found == {(0.5, (0.0, 0.0, 0.0, 0.22))}
