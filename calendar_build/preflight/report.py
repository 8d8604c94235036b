"""Preflight of a print PDF, as a printing house's prepress checks it, with a German report per page.

Ink from Ghostscript's separations with the output intent (ink.py), text, rules and images from
the content streams (content.py), glyphs drawn by Ghostscript and MuPDF (glyphs.py). Errors are
what a printer would send back; the limits are those of the FOGRA39 condition (render/condition.py)
and of the printers' usual rules for small type and thin lines.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

from calendar_build.preflight.binding import BINDINGS, strip_content
from calendar_build.preflight.content import Placed, Rule, TextRun, drawn
from calendar_build.preflight.glyphs import unprinted
from calendar_build.preflight.ink import max_ink
from calendar_build.products import PRINT_MIN_TEXT_PT

MAX_INK = 300.0  # percent total area coverage (FOGRA39, our profile's limit)
MIN_TEXT_PT = PRINT_MIN_TEXT_PT
MIN_RULE_PT = 0.25
# A tint is screened: at 60 lines/cm (FOGRA39's sheet-fed offset) one screen period is 0.167 mm = 0.47 pt,
# and a tinted line narrower than that prints as a row of dots. Below about 60 % the dots stand apart
# (they join at the chain point, about 50 %), so such a rule needs 0.5 pt; darker tints hold at 0.3 pt.
MIN_TINTED_RULE_PT = 0.5
MIN_DARK_RULE_PT = 0.3
DARK_PLATE = 0.6
MIN_PPI = 250.0  # photos are prepared at 300 ppi; printers accept down to about 250
BLACK = (0.0, 0.0, 0.0, 1.0)
NEAR_BLACK_K = 0.9  # K-only text this dark is meant as black and must be solid


@dataclass
class PageCheck:
    """What preflight measured on one page, and what is wrong with it (German)."""

    number: int  # 1-based
    max_ink: float = 0.0
    smallest_text: float | None = None
    thinnest_rule: float | None = None
    lowest_ppi: float | None = None
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Preflight:
    """The whole PDF: its pages' checks and document-wide facts."""

    pages: tuple[PageCheck, ...]
    condition: str  # OutputConditionIdentifier, "" when there is none
    fonts_embedded: bool
    glyphs_checked: int

    @property
    def errors(self) -> list[str]:
        """Return every error, with its page."""
        return [f"Seite {page.number}: {error}" for page in self.pages for error in page.errors]

    @property
    def max_ink(self) -> float:
        """Return the highest total ink coverage of any page."""
        return max((page.max_ink for page in self.pages), default=0.0)


def _condition(pdf: pikepdf.Pdf) -> str:
    intents: Any = pdf.Root.get("/OutputIntents") or []
    return str(intents[0].get("/OutputConditionIdentifier", "")) if len(intents) else ""


def _fonts_embedded(pdf: pikepdf.Pdf) -> bool:
    for page in pdf.pages:
        for font in (page.Resources.get("/Font") or {}).values():
            descriptor = font.DescendantFonts[0].FontDescriptor if "/DescendantFonts" in font else font.get("/FontDescriptor")
            if descriptor is None or not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                return False
    return True


def rule_minimum(cmyk: tuple[float, ...]) -> float:
    """Return the thinnest a rule in this colour may be (pt): solid, dark tint, light tint."""
    strongest = max(cmyk, default=1.0)
    return MIN_RULE_PT if strongest >= 1 else MIN_DARK_RULE_PT if strongest >= DARK_PLATE else MIN_TINTED_RULE_PT


def _check_drawn(page: PageCheck, items: list[TextRun | Rule | Placed]) -> None:
    texts = [item for item in items if isinstance(item, TextRun)]
    rules = [item for item in items if isinstance(item, Rule)]
    images = [item for item in items if isinstance(item, Placed)]
    page.smallest_text = min((run.size_pt for run in texts), default=None)
    page.thinnest_rule = min((rule.thickness_pt for rule in rules), default=None)
    page.lowest_ppi = min((image.ppi for image in images), default=None)
    if page.smallest_text is not None and page.smallest_text < MIN_TEXT_PT:
        count = sum(1 for run in texts if run.size_pt < MIN_TEXT_PT)
        page.errors.append(f"{count} Textstellen unter {MIN_TEXT_PT:g} pt (kleinste {page.smallest_text:.2f} pt)")
    grey_black = [run for run in texts if run.cmyk[:3] == (0, 0, 0) and NEAR_BLACK_K <= run.cmyk[3] < 1]
    if grey_black:
        page.errors.append(f"{len(grey_black)} schwarze Textstellen nicht 100 % K "
                           f"(K {min(run.cmyk[3] for run in grey_black) * 100:.0f} %)")
    knocking_out = [run for run in texts if run.cmyk == BLACK and not run.overprint]
    if knocking_out:
        page.errors.append(f"{len(knocking_out)} schwarze Textstellen überdrucken nicht (sie sparen aus)")
    rgb = [image for image in images if "RGB" in image.colour_space or "ICCBased" in image.colour_space]
    if rgb:
        page.errors.append(f"{len(rgb)} Bilder nicht in CMYK")
    thin = [rule for rule in rules if any(rule.cmyk) and rule.thickness_pt < rule_minimum(rule.cmyk)]
    if thin:
        worst = min(thin, key=lambda rule: rule.thickness_pt - rule_minimum(rule.cmyk))
        tint = f"Rasterton {max(worst.cmyk) * 100:.0f} %" if max(worst.cmyk) < 1 else "Vollton"
        page.errors.append(f"{len(thin)} Linien zu dünn: {worst.thickness_pt:.2f} pt im {tint} "
                           f"(mindestens {rule_minimum(worst.cmyk):g} pt)")
    if page.lowest_ppi is not None and page.lowest_ppi < MIN_PPI:
        page.errors.append(f"Bild mit {page.lowest_ppi:.0f} ppi (unter {MIN_PPI:.0f} ppi)")


def preflight(path: Path, glyph_check: bool = True, strip_mm: float = BINDINGS["wire-o-top"]) -> Preflight:
    """Check the PDF page by page; raise OSError/pikepdf.PdfError for a file that is no PDF.

    `strip_mm`: the binding strip below the top trim edge where only photos may be (0: no binding).
    """
    with pikepdf.open(path) as pdf:
        pages = [PageCheck(number) for number in range(1, len(pdf.pages) + 1)]
        by_page: dict[int, list[TextRun | Rule | Placed]] = defaultdict(list)
        for item in drawn(pdf):
            by_page[item.page].append(item)
        condition, embedded = _condition(pdf), _fonts_embedded(pdf)
    for page in pages:
        _check_drawn(page, by_page[page.number - 1])
    for ink in max_ink(path):
        pages[ink.page].max_ink = ink.max_percent
        if ink.max_percent > MAX_INK:
            pages[ink.page].errors.append(f"Farbauftrag {ink.max_percent:.0f} % (über {MAX_INK:.0f} %) bei "
                                          f"{ink.at_mm[0]:.0f} × {ink.at_mm[1]:.0f} mm")
    for content in strip_content(path, strip_mm):
        pages[content.page].errors.append(f"Text oder Grafik im Bindestreifen ({strip_mm:g} mm ab Oberkante, "
                                          f"bis {content.lowest_mm:g} mm)")
    checked = 0
    if glyph_check:
        glyphs, failures, warnings = unprinted(path)
        checked = len(glyphs)
        for failure in failures:
            pages[failure.glyph.page].errors.append(
                f"Zeichen {failure.glyph.char!r} ({failure.glyph.script}) wird von {failure.renderer} nicht gezeichnet")
        for warning in dict.fromkeys(warnings):
            pages[0].errors.append(f"Warnung beim Zeichnen: {warning}")
    return Preflight(tuple(pages), condition, embedded, checked)


def _figure(value: float | None, unit: str, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f} {unit}"


def format_report(path: Path, result: Preflight) -> str:
    """Return the German report: one line per page, then the summary."""
    lines = [f"Preflight {path.name}: Druckbedingung {result.condition or 'keine'}, "
             f"Schriften {'alle eingebettet' if result.fonts_embedded else 'NICHT alle eingebettet'}, "
             f"{result.glyphs_checked} Zeichen nichtlateinischer Schriften mit Ghostscript und MuPDF gezeichnet.",
             "Seite  Farbauftrag  kleinste Schrift  dünnste Linie  Bilder   Befund"]
    for page in result.pages:
        verdict = "; ".join(page.errors) if page.errors else "in Ordnung"
        lines.append(f"{page.number:>5}  {page.max_ink:>9.0f} %  {_figure(page.smallest_text, 'pt'):>16}  "
                     f"{_figure(page.thinnest_rule, 'pt'):>13}  {_figure(page.lowest_ppi, 'ppi', 0):>7}  {verdict}")
    if not result.condition:
        lines.append("Fehler: keine Druckbedingung (OutputIntent) in der PDF.")
    errors = len(result.errors) + (0 if result.condition else 1) + (0 if result.fonts_embedded else 1)
    lines.append(f"höchster Farbauftrag {result.max_ink:.0f} % – {errors} Fehler.")
    return "\n".join(lines) + "\n"


def has_errors(result: Preflight) -> bool:
    """Return whether a printer would send the PDF back."""
    return bool(result.errors) or not result.condition or not result.fonts_embedded
