"""The feast list of a month page in the right-to-left languages: a date of two lines stays inside its item."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from weasyprint import CSS, HTML
from weasyprint.formatting_structure import boxes

from calendar_build.stages.compose import compose
from tests.i18n.conftest import language_options

DECEMBER = 13  # page 13 of print A3: Hanukkah 2027 runs from 25 December 2027 to 1 January 2028


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def _classes(box: Any) -> list[str]:
    element = getattr(box, "element", None)
    return (element.get("class") or "").split() if element is not None else []


def _frame(page: Any, name: str) -> Any:
    """Return the first box of the element marked data-frame=name."""
    return next(b for b in _boxes(page)
                if getattr(b, "element", None) is not None and b.element.get("data-frame") == name)


def _items(page: Any) -> list[tuple[Any, Any]]:
    """Return each list item box of the month's feast list with the box of its date."""
    frame = _frame(page, "month-list")
    outer: dict[int, Any] = {}  # an item's anonymous blocks carry its element too: the outermost box comes first
    for box in _boxes(frame):
        if isinstance(box, boxes.BlockBox) and box.element_tag == "li":
            outer.setdefault(id(box.element), box)
    return [(item, next(b for b in _boxes(item) if "when" in _classes(b))) for item in outer.values()]


def _december(tmp_path: Path, warm_cache: Callable[[Path], Path], code: str) -> Any:
    """Return the laid-out page box of December in print A3 in a language."""
    options = language_options("print-a3", code, warm_cache(tmp_path / "cache"), tmp_path / "out")
    composed = compose(options, [DECEMBER])
    document = HTML(string=composed.parts[0], base_url=(options.root / "templates").as_uri() + "/").render(
        stylesheets=[CSS(string=composed.css)])
    return document.pages[0]._page_box


@pytest.mark.parametrize(("code", "rtl"), [("de", False), ("ar", True), ("fa", True)])
def test_the_grid_and_the_list_change_sides_right_to_left(tmp_path: Path, warm_cache: Callable[[Path], Path],
                                                           code: str, rtl: bool) -> None:
    """The grid's box (.grid-box) stayed on the left in Arabic and Persian, over the mirrored feast list."""
    page = _december(tmp_path, warm_cache, code)
    x = {name: _frame(page, name).position_x for name in ("grid", "month-list")}
    assert (x["grid"] > x["month-list"]) == rtl, x


@pytest.mark.parametrize("code", ["ar", "fa"])
def test_a_date_of_two_lines_makes_its_item_taller(tmp_path: Path, warm_cache: Callable[[Path], Path],
                                                   code: str) -> None:
    """The date column was placed absolutely: 'Dec 25, 2027 – Jan 1, 2028' ran over the next feast's date."""
    items = _items(_december(tmp_path, warm_cache, code))
    two_lines = [when for _item, when in items if len([b for b in _boxes(when) if isinstance(b, boxes.LineBox)]) > 1]
    assert two_lines, "no date of two lines on the page: the case is gone"
    for item, when in items:
        bottom = item.position_y + item.margin_height()
        assert when.position_y + when.margin_height() <= bottom + 0.01, "".join(item.element.itertext()).split()
