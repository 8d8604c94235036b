"""PDF/UA language tags per element: a `lang` attribute in the HTML becomes /Lang of its structure element.

PDF/UA-1 (ISO 14289-1, 7.2) asks that a change of natural language inside the document be declared,
so that a screen reader switches its voice: the German portrait text printed in the Arabic edition,
for example. WeasyPrint 70 writes /Lang only for the whole document (the catalogue); this wraps its
structure-tree builder (weasyprint.pdf.tags._build_box_tree) to add /Lang (ISO 32000-1, 14.9.2) to the
element made for an HTML element that carries `lang`. Nothing else of the tree changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pydyf
from weasyprint.pdf import tags

_SKIPPED = ("html", "body")  # WeasyPrint yields their children's elements: the document /Lang covers them
_original = tags._build_box_tree  # noqa: SLF001 - the one hook WeasyPrint offers for this


def _with_lang(box: Any, parent: Any, *rest: Any) -> Iterator[Any]:
    """Yield WeasyPrint's structure elements for `box`, with /Lang where its HTML element declares one."""
    element = getattr(getattr(box, "_box", box), "element", None)
    lang = element.get("lang") if element is not None and getattr(element, "tag", "") not in _SKIPPED else None
    for struct in _original(box, parent, *rest):
        if lang and isinstance(struct, pydyf.Dictionary) and "Lang" not in struct:
            struct["Lang"] = pydyf.String(lang)
        yield struct


def install() -> None:
    """Make WeasyPrint's tagged PDFs carry the language of every element that declares one (idempotent)."""
    tags._build_box_tree = _with_lang  # noqa: SLF001
