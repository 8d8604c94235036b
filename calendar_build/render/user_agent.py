"""WeasyPrint's user-agent stylesheet without the pseudo-elements a calendar's pages cannot have.

WeasyPrint's html5_ua.css has six rules for a pseudo-element with no element before it (`::marker`, two
footnote and three note pseudo-elements). Every element then gets a cascaded style for each of them, and the
cascade computes a style for every one, although a marker box exists only on a list item and footnote or note
boxes only where a stylesheet makes footnotes. Measured on the A3 print edition (its four parts, 6,800
elements): 14,400 of the 21,200 styles computed were such pseudo-elements; narrowed, the cascade takes
0.18 instead of 0.71 s of CPU, and the parts' PDFs are the same.

Here those rules apply only where such a box can come up: a marker on a list item (`li`, the only element the
user-agent stylesheet makes one), on every element again if the document's CSS mentions `list-item`; the
footnote and note rules only where it mentions `footnote` or `note(` (`float: footnote`, `position: note(…)`).
Everything else in the user-agent stylesheet stays as WeasyPrint has it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from weasyprint import CSS
from weasyprint.css.counters import CounterStyle
from weasyprint.html import UA

# A rule of WeasyPrint's user-agent stylesheet for a pseudo-element of every element: `::name { … }`
_UNIVERSAL_PSEUDO = re.compile(r"^::(?P<name>[a-z-]+)(?P<block>\s*\{[^}]*\})", re.MULTILINE)

# What a pseudo-element's rule is narrowed to (None: dropped), and the words in the document's CSS that keep
# it for every element.
NARROWED: dict[str, tuple[str | None, re.Pattern[str]]] = {
    "marker": ("li", re.compile(r"list-item")),
    **{name: (None, re.compile(r"footnote|note\(")) for name in (  # float: footnote; position: note(…)
        "footnote-call", "footnote-marker", "note-call", "note-marker", "note-callback")},
}


def narrowed(author_css: str) -> CSS:
    """Return the user-agent stylesheet for documents styled by `author_css` (parsed once per result)."""
    return _stylesheet(frozenset(name for name, (_, keeps) in NARROWED.items() if keeps.search(author_css)))


def narrowed_text(kept: frozenset[str]) -> str:
    """Return the user-agent stylesheet's text with the pseudo-element rules not in `kept` narrowed."""

    def narrow(rule: re.Match[str]) -> str:
        name = rule["name"]
        if name not in NARROWED or name in kept:
            return rule[0]
        element = NARROWED[name][0]
        return f"{element}::{name}{rule['block']}" if element else ""

    return _UNIVERSAL_PSEUDO.sub(narrow, UA)


@lru_cache(maxsize=4)
def _stylesheet(kept: frozenset[str]) -> CSS:
    # Its @counter-style rules go into a collection of their own: WeasyPrint's (`UA_COUNTER_STYLE`, which
    # documents are set with) has them from its own sheet, and would refuse them as defined twice.
    return CSS(string=narrowed_text(kept), counter_style=CounterStyle())
