"""The poster's theme layers: which blocks a product reads, and the label width the builder measures with."""

from __future__ import annotations

import pytest

from calendar_build.products import PRODUCTS
from calendar_build.render.theme import ThemeError, layer_selectors, read_layers, read_theme
from tests.conftest import REPO


@pytest.mark.parametrize(("product", "selectors"), [
    ("print-a3", (":root", "html.print", "html.format-a3", "html.print.format-a3")),
    ("print-a4", (":root", "html.print", "html.format-a4", "html.print.format-a4")),
    ("screen-a4", (":root", "html.screen", "html.format-a4", "html.screen.format-a4")),
    ("poster-a2", (":root", "html.print", "html.format-a2", "html.print.format-a2")),
    ("poster-a1-landscape", (":root", "html.print", "html.format-a1", "html.format-a1-landscape",
                             "html.print.format-a1")),
])
def test_layers_of_a_product(product: str, selectors: tuple[str, ...]) -> None:
    assert layer_selectors(PRODUCTS[product]) == selectors


def test_label_width_only_where_the_theme_gives_one() -> None:
    layers = read_layers((REPO / "templates" / "theme.css").read_text(encoding="utf-8"))
    assert read_theme(layers, PRODUCTS["print-a3"]).label_width_mm is None  # from the month grid
    a2, a1 = (read_theme(layers, PRODUCTS[p]).label_width_mm for p in ("poster-a2", "poster-a1"))
    assert a2 is not None and a1 is not None and a1 == pytest.approx(a2 * 2 ** 0.5, abs=0.1)  # A1 is A2 × √2


def test_a_label_width_that_is_no_length_names_its_line() -> None:
    css = (REPO / "templates" / "theme.css").read_text(encoding="utf-8")
    block = css.index("html.format-a2 {")
    css = css[:block] + css[block:].replace("--label-width: 27.5mm;", "--label-width: breit;", 1)
    line = css[:css.index("--label-width: breit;")].count("\n") + 1
    with pytest.raises(ThemeError) as caught:
        read_theme(read_layers(css), PRODUCTS["poster-a2"])
    assert (caught.value.path, caught.value.line) == ("templates/theme.css", line)
    assert caught.value.message == "'--label-width' muss eine Zahl in mm sein, nicht 'breit'."
