"""render/user_agent.py: WeasyPrint's user-agent stylesheet with its pseudo-elements of every element narrowed to
where such a box can come up – the same boxes, far fewer styles computed."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from weasyprint import HTML
from weasyprint.css import StyleFor
from weasyprint.html import UA

from calendar_build.render import pdf, user_agent

EVERY_NOTE = frozenset({"footnote-call", "footnote-marker", "note-call", "note-marker", "note-callback"})


@pytest.mark.parametrize(("css", "kept"), [
    ("", frozenset()),
    (".sample-note { color: red } .legend-notes dt { font-weight: bold }", frozenset()),  # a class is no note
    ("ul { list-style: none; counter-reset: item }", frozenset()),
    ("div.item { display: list-item }", frozenset({"marker"})),
    ("aside { float: footnote }", EVERY_NOTE),
    ("span.n { position: note(side) }", EVERY_NOTE),
])
def test_a_pseudo_element_stays_universal_only_where_the_document_css_can_make_its_box(
        css: str, kept: frozenset[str]) -> None:
    assert frozenset(name for name, (_, keeps) in user_agent.NARROWED.items() if keeps.search(css)) == kept
    assert user_agent.narrowed(css) is user_agent._stylesheet(kept)  # parsed once per result


def test_parsed_without_a_word_from_weasyprint(caplog: pytest.LogCaptureFixture) -> None:
    user_agent._stylesheet.cache_clear()
    with caplog.at_level(logging.DEBUG, logger="weasyprint"):
        user_agent.narrowed("")
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING] == []


def test_only_the_universal_pseudo_element_rules_change() -> None:
    text = user_agent.narrowed_text(frozenset())
    assert not [line for line in text.splitlines() if line.startswith("::")]
    assert "\nli::marker {" in text
    rest = [line for line in text.splitlines() if line.strip() and not line.startswith("li::marker")]
    assert rest == [line for line in UA.splitlines() if line.strip() and not line.startswith("::")]
    assert user_agent.narrowed_text(frozenset(user_agent.NARROWED)) == UA


DOCUMENT = """<html lang=de><title>T</title>
<style>@page {{ size: A6; margin: 10mm }} {css}</style><body>
<ul style="list-style: disc"><li>Nouruz<li>Pessach</ul>
<ol><li>Ostern<li>Diwali<li>Vaisakhi</ol>
<div class=item>Rosch ha-Schana</div>
<p>Das Laubhüttenfest<span class=fn>acht Tage</span> folgt.</p>
<p>{filler}</p></body></html>"""


def _boxes(html: HTML) -> list[tuple[Any, ...]]:
    """Every laid-out box of every page: kind, element, place and size, text."""
    found: list[tuple[Any, ...]] = []

    def walk(box: Any) -> None:
        found.append((type(box).__name__, getattr(box, "element_tag", None), round(box.position_x, 2),
                      round(box.position_y, 2), round(box.width, 2), round(box.height, 2),
                      getattr(box, "text", None), box.style["font_variant_numeric"], box.style["white_space"]))
        for child in getattr(box, "children", ()):
            walk(child)
        for footnote in getattr(box, "footnotes", ()):
            walk(footnote)

    for page in html.render().pages:
        walk(page._page_box)
    return found


@pytest.mark.parametrize("css", [
    "",
    "div.item { display: list-item; list-style: square inside }",
    ".fn { float: footnote }",
])
def test_the_same_boxes_with_the_narrowed_sheet_as_with_weasyprints(css: str) -> None:
    text = DOCUMENT.format(css=css, filler="Feiertage " * 40)
    own = _boxes(pdf._Page(text, "file:///nonexistent/", pdf.LocalFetcher(()), user_agent.narrowed(css)))
    assert own == _boxes(HTML(string=text, base_url="file:///nonexistent/"))
    markers = [box[6] for box in own if box[0] == "TextBox" and box[1].endswith("::marker")]
    assert markers == ["• ", "• ", "1. ", "2. ", "3. ", *(["▪ "] if "list-item" in css else [])]
    if "footnote" in css:
        assert any(box[1] == "span::footnote-call" for box in own)


def test_no_style_is_computed_for_pseudo_elements_a_page_without_lists_cannot_have(
        monkeypatch: pytest.MonkeyPatch) -> None:
    computed: list[str | None] = []
    original = StyleFor.set_computed_styles

    def counting(self: StyleFor, element: Any, parent: Any, root: Any = None, pseudo_type: str | None = None,
                 **rest: Any) -> None:
        computed.append(pseudo_type)
        original(self, element, parent, root, pseudo_type, **rest)

    monkeypatch.setattr(StyleFor, "set_computed_styles", counting)
    text = "<html lang=de><title>T</title><body>" + "<p><b>Nouruz</b> und <i>Diwali</i></p>" * 30 + "</body></html>"
    HTML(string=text).render()
    assert computed.count("marker") > 60  # WeasyPrint's: one for every element
    computed.clear()
    pdf._Page(text, "file:///nonexistent/", pdf.LocalFetcher(()), user_agent.narrowed("")).render()
    elements = [pseudo for pseudo in computed if not (pseudo or "").startswith("@")]  # not the page's margin boxes
    assert elements and set(elements) == {None}
