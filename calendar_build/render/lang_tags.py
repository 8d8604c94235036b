"""PDF/UA tags per element: the language an HTML element declares, and the text of Indic words.

PDF/UA-1 (ISO 14289-1, 7.2) asks that a change of natural language inside the document be declared,
so that a screen reader switches its voice: the German portrait text printed in the Arabic edition,
for example. WeasyPrint 70 writes /Lang only for the whole document (the catalogue); this wraps its
structure-tree builder (weasyprint.pdf.tags._build_box_tree) to add /Lang (ISO 32000-1, 14.9.2) to the
element made for an HTML element that carries `lang`.

Indic scripts draw some vowel signs before the consonant they follow in the text (Devanagari ि in
दिवाली), and a PDF's text is read from its glyphs: a reader got "दशिहरा" for दशहरा from the screen PDF,
or lost the sign. An element whose text uses such a script gets that text as /ActualText (ISO 32000-1,
14.9.4), which assistive technology reads instead of the glyphs. Nothing else of the tree changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pydyf
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import tags

_SKIPPED = ("html", "body")  # WeasyPrint yields their children's elements: the document /Lang covers them
_original = tags._build_box_tree  # noqa: SLF001 - the one hook WeasyPrint offers for this
# Unicode blocks of the Brahmic scripts of India (Devanagari … Malayalam) and Sinhala, whose vowel signs may be
# drawn before their consonant (The Unicode Standard, chapter 12 and Blocks.txt: U+0900–U+0DFF).
REORDERING = (0x0900, 0x0DFF)


def actual_text(box: Any) -> str | None:
    """Return the text of a box of one HTML element when it uses a reordering script, else None.

    A box holding another element's box (a link, a nested span) gets none: that element keeps its own tag.
    """
    element = getattr(box, "element", None)
    if element is None:
        return None
    texts = []
    for inner in box.descendants() if isinstance(box, boxes.ParentBox) else [box]:
        if getattr(inner, "element", element) is not element:
            return None  # stops at the first other element: a page's box is not walked to its end
        if isinstance(inner, boxes.TextBox):
            texts.append(inner.text)
    text = "".join(texts)
    low, high = REORDERING
    return text if any(low <= ord(char) <= high for char in text) else None


def _tagged(box: Any, parent: Any, *rest: Any) -> Iterator[Any]:
    """Yield WeasyPrint's structure elements for `box`, with /Lang and /ActualText where they apply."""
    inner = getattr(box, "_box", box)  # an absolutely placed box comes wrapped
    element = getattr(inner, "element", None)
    lang = element.get("lang") if element is not None and getattr(element, "tag", "") not in _SKIPPED else None
    text = actual_text(inner)
    for struct in _original(box, parent, *rest):
        if isinstance(struct, pydyf.Dictionary):
            if lang and "Lang" not in struct:
                struct["Lang"] = pydyf.String(lang)
            if text and "ActualText" not in struct and struct.get("S") != "/NonStruct":
                struct["ActualText"] = pydyf.String(text)
        yield struct


def install() -> None:
    """Make WeasyPrint's tagged PDFs carry languages and the text of Indic words (idempotent)."""
    tags._build_box_tree = _tagged  # noqa: SLF001
