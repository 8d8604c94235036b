"""The poster's theme layers: which blocks a product reads, and the label width the builder measures with."""

from __future__ import annotations

from pathlib import Path

import pytest

from calendar_build.pipeline import BuildOptions, set_pages
from calendar_build.products import PRODUCTS
from calendar_build.render.theme import ThemeError, Value, ignored_by_theme, layer_selectors, read_layers, read_theme
from calendar_build.stages.compose import compose
from tests.conftest import REPO


@pytest.mark.parametrize(("product", "selectors"), [
    ("print-a3", (":root", "html.print", "html.format-a3", "html.print.format-a3")),
    ("print-a4", (":root", "html.print", "html.format-a4", "html.print.format-a4")),
    ("screen-a4", (":root", "html.screen", "html.format-a4", "html.screen.format-a4")),
    ("poster-a2", (":root", "html.print", "html.poster", "html.format-a2", "html.print.format-a2")),
    ("poster-a1-landscape", (":root", "html.print", "html.poster", "html.format-a1", "html.poster-landscape",
                             "html.format-a1-landscape", "html.print.format-a1")),
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
    block = css.index("html.poster {")
    css = css[:block] + css[block:].replace("--label-width: 27.5mm;", "--label-width: breit;", 1)
    line = css[:css.index("--label-width: breit;")].count("\n") + 1
    with pytest.raises(ThemeError) as caught:
        read_theme(read_layers(css), PRODUCTS["poster-a2"])
    assert (caught.value.path, caught.value.line) == ("templates/theme.css", line)
    assert caught.value.message == "'--label-width' muss eine Zahl in mm sein, nicht 'breit'."


POSTER_ROWS = ("poster-a2", "poster-a1", "poster-a2-landscape", "poster-a1-landscape")


def test_a1_is_the_a2_sheet_enlarged_by_root_two() -> None:
    """The A1 layer scales every poster length; the values the builder reads are written out at √2 × A2."""
    layers = read_layers((REPO / "templates" / "theme.css").read_text(encoding="utf-8"))
    for a2, a1 in zip(POSTER_ROWS[0::2], POSTER_ROWS[1::2], strict=True):
        small, large = (read_theme(layers, PRODUCTS[p]) for p in (a2, a1))
        assert large.label_size_pt == pytest.approx(small.label_size_pt * 2 ** 0.5, abs=0.05)
        assert large.explanation_size_pt > small.explanation_size_pt * 1.35  # the back: 9.9 pt on A1 (7.1 pt on A2)
        assert large.explanation_column_width_mm == pytest.approx(small.explanation_column_width_mm * 2 ** 0.5, abs=0.1)
    assert layers["html.format-a1"]["--poster-scale"].text == "1.41421"


def test_every_poster_length_follows_the_scale() -> None:
    """A poster length written without the scale would stay A2-sized on the A1 sheet."""
    layers = read_layers((REPO / "templates" / "theme.css").read_text(encoding="utf-8"))
    poster = {**{k: v for k, v in layers[":root"].items() if k.startswith(("--poster-", "--size-poster-"))},
              **layers["html.poster-landscape"]}
    unscaled = {name: value.text for name, value in poster.items()
                if any(unit in value.text for unit in ("mm", "pt")) and "var(--poster-scale)" not in value.text
                and value.text != "0mm" and name not in MEASURED}
    assert unscaled == {}


# Read by the builder as they stand (render/theme.py): written out per format, not scaled.
MEASURED = {"--label-width", "--explanation-column-width", "--explanation-column-height"}


def test_a_scaled_value_inside_a_calc_becomes_parentheses() -> None:
    """WeasyPrint drops a calc() nested in parentheses (the back's column gap used to be ignored on the poster)."""
    from calendar_build.render.theme import compile_css  # noqa: PLC0415

    layers = read_layers((REPO / "templates" / "theme.css").read_text(encoding="utf-8"))
    css = compile_css(layers, ".gap { margin-right: calc((420mm - 2 * var(--page-margin)) / 4); }\n"
                              ".dot { font-size: var(--dot-size); }", PRODUCTS["poster-a1"], {})
    assert "calc((420mm - 2 * (14mm * 1.41421)) / 4)" in css  # nested: parentheses
    assert "font-size: calc(10pt * 1.41421)" in css  # on its own: a calc() as written


@pytest.mark.parametrize(("product", "room", "size", "dot"), [
    ("print-a3", None, None, 0.0),  # the month grid's heads have a column each
    # upright: the head is as wide as the names (--label-width), its dots follow the weekday in the same line
    ("poster-a2", 27.5 - 6.5 - 2 * 0.8, 8.0, 10.0),
    ("poster-a1", 38.9 - (6.5 + 2 * 0.8) * 1.41421, 8.0 * 1.41421, 10.0 * 1.41421),
    ("poster-a2-landscape", 13.5 - 6.5 - 2 * 0.8, 8.0, 0.0),  # head − number − the gaps; the dots on a line below
    ("poster-a1-landscape", (13.5 - 6.5 - 2 * 0.8) * 1.41421, 8.0 * 1.41421, 0.0),  # read through calc(… * scale)
])
def test_the_weekdays_room_is_read_from_the_head(product: str, room: float | None, size: float | None,
                                                 dot: float) -> None:
    layers = read_layers((REPO / "templates" / "theme.css").read_text(encoding="utf-8"))
    theme = read_theme(layers, PRODUCTS[product])
    assert theme.weekday_room_mm == (None if room is None else pytest.approx(room))
    if size is not None:
        assert theme.weekday_size_pt == pytest.approx(size)
    assert theme.weekday_dot_pt == pytest.approx(dot)
    assert theme.weekday_dot_gap_mm == pytest.approx(0.4 * dot / 10.0)  # 0.4 mm on A2, scaled on A1


def test_a_head_width_that_is_no_length_names_its_line() -> None:
    css = (REPO / "templates" / "theme.css").read_text(encoding="utf-8")
    block = css.index("html.poster-landscape {")
    css = css[:block] + css[block:].replace("--poster-head-width: calc(13.5mm * var(--poster-scale));",
                                            "--poster-head-width: breit;", 1)
    line = css[:css.index("--poster-head-width: breit;")].count("\n") + 1
    with pytest.raises(ThemeError) as caught:
        read_theme(read_layers(css), PRODUCTS["poster-a2-landscape"])
    assert (caught.value.path, caught.value.line) == ("templates/theme.css", line)


# The smallest printed type: 6 pt (products.PRINT_MIN_TEXT_PT); 1 pt = 25.4/72 mm = 4/3 px (CSS Values 4, 6.2).
@pytest.mark.parametrize(("value", "product", "refused"), [
    ("4pt", "print-a3", True), ("5.9pt", "print-a3", True), ("2mm", "poster-a2", True), ("7px", "print-a3", True),
    ("6pt", "print-a3", False), ("2.2mm", "print-a3", False), ("8px", "print-a3", False),
    ("4pt", "screen", False),  # the screen has no printing minimum
])
def test_a_type_size_below_the_printed_minimum_names_its_line(value: str, product: str, refused: bool) -> None:
    css = (REPO / "templates" / "theme.css").read_text(encoding="utf-8")
    css = css.replace("--size-town: 11pt;", f"--size-town: {value};", 1)
    line = css[:css.index(f"--size-town: {value};")].count("\n") + 1
    layers = read_layers(css)
    if not refused:
        read_theme(layers, PRODUCTS[product])
        return
    with pytest.raises(ThemeError) as caught:
        read_theme(layers, PRODUCTS[product])
    assert (caught.value.path, caught.value.line) == ("templates/theme.css", line)
    assert caught.value.message.startswith(f"'--size-town: {value}' ist kleiner als 6 pt")


@pytest.mark.parametrize(("value", "unit"), [
    ("44ptt", "ptt"), ("19pts", "pts"), ("calc(2mn * 3)", "mn"), ("11Pt", None), ("0.9em", None), ("calc(11pt * 1.2)", None),
])
def test_a_unit_css_does_not_know_names_its_line(value: str, unit: str | None) -> None:
    """WeasyPrint drops a declaration with an unknown unit and sets the default size: the theme refuses it first."""
    css = (REPO / "templates" / "theme.css").read_text(encoding="utf-8").replace("--size-town: 11pt;",
                                                                                f"--size-town: {value};", 1)
    line = css[:css.index(f"--size-town: {value};")].count("\n") + 1
    if unit is None:
        read_theme(read_layers(css), PRODUCTS["print-a3"])
        return
    with pytest.raises(ThemeError) as caught:
        read_theme(read_layers(css), PRODUCTS["print-a3"])
    assert (caught.value.line, caught.value.message) == (
        line, f"'--size-town: {value}': '{unit}' ist keine CSS-Einheit – gemeint ist wohl pt, mm oder em.")


@pytest.mark.parametrize(("columns", "rows", "refused"), [(5, 3, True), (4, 4, True), (4, 3, False), (6, 2, False)])
def test_the_cover_mosaic_has_a_field_for_every_portrait(columns: int, rows: int, refused: bool) -> None:
    """5 × 3 left three fields of the cover empty without a word."""
    css = (REPO / "templates" / "theme.css").read_text(encoding="utf-8")
    css = css.replace("--cover-columns: 4;", f"--cover-columns: {columns};", 1).replace(
        "--cover-rows: 3;", f"--cover-rows: {rows};", 1)
    line = css[:css.index(f"--cover-columns: {columns};")].count("\n") + 1
    if not refused:
        assert read_theme(read_layers(css), PRODUCTS["print-a3"]).cover_columns == columns
        return
    with pytest.raises(ThemeError) as caught:
        read_theme(read_layers(css), PRODUCTS["print-a3"])
    assert caught.value.line == line
    assert caught.value.message.startswith(f"'--cover-columns: {columns}' und '--cover-rows: {rows}' ergeben "
                                           f"{columns * rows} Felder")


@pytest.mark.parametrize(("written", "value", "product", "message"), [
    # a photo higher than the page was blamed on the editor's photos ('hat nur 3600×2700 Pixel')
    ("--photo-height: 190mm;", "500mm", "print-a3",
     "ist größer als die Seite (420 mm hoch, Druck-PDF A3) – bitte höchstens 420 mm eintragen."),
    ("--grid-width: 196mm;", "400mm", "print-a3",
     "ist größer als die Seite (297 mm breit, Druck-PDF A3) – bitte höchstens 297 mm eintragen."),
    ("--grid-width: 139mm;", "211mm", "print-a4",  # the A4 layer's own value, measured against A4
     "ist größer als die Seite (210 mm breit, Druck-PDF A4) – bitte höchstens 210 mm eintragen."),
    # WeasyPrint dropped the padding and the fit proof named a legend at the edge, without the line
    ("--page-margin: 14mm;", "-5mm", "print-a3", "ist negativ – bitte 0 mm oder mehr eintragen."),
    ("--photo-height: 190mm;", "420mm", "print-a3", None),  # the page's own height is allowed
    ("--page-margin: 14mm;", "0mm", "print-a3", None),
])
def test_a_frame_larger_than_the_page_or_negative_names_its_line(written: str, value: str, product: str,
                                                                  message: str | None) -> None:
    name = written.split(":")[0]
    css = (REPO / "templates" / "theme.css").read_text(encoding="utf-8").replace(written, f"{name}: {value};", 1)
    line = css[:css.index(f"{name}: {value};")].count("\n") + 1
    if message is None:
        read_theme(read_layers(css), PRODUCTS[product])
        return
    with pytest.raises(ThemeError) as caught:
        read_theme(read_layers(css), PRODUCTS[product])
    assert (caught.value.line, caught.value.message) == (line, f"'{name}: {value}' {message}")


VALUES = {"--ink": Value("#23232", 112), "--paper": Value("weiss", 116), "--school-band": Value("2.2mm", 27),
          "--size-month": Value("44pt 2", 39), "--scale": Value("1", 20)}


@pytest.mark.parametrize(("message", "told"), [
    ("Ignored `color: #23232` at 188:139, invalid value.",
     ("--ink", 112, "'--ink: #23232' ist hier kein gültiger Wert – WeasyPrint lässt 'color: #23232' weg. Bitte den "
                    "Wert in theme.css berichtigen.")),
    # two theme values in the declaration: the one that reads as no value of its own is blamed
    ("Ignored `border-bottom: 2.2mm solid weiss` at 171:7, invalid value.", ("--paper", 116, None)),
    ("Ignored `font-size: calc(44pt 2 * 2.9)` at 40:30, invalid value.", ("--size-month", 39, None)),
    ("Ignored `color: #232323x` at 1:1, invalid value.", None),  # no theme value as a whole word
    ("Ignored `widows: 1` at 3:3, invalid value.", None),  # a one-character value says nothing
    ("Relative URI reference without a base URI: 'x.png'", None),
])
def test_a_declaration_weasyprint_drops_is_told_at_the_theme_value(message: str,
                                                                   told: tuple[str, int, str | None] | None) -> None:
    found, rest = ignored_by_theme([message, message], VALUES)
    if told is None:
        assert (found, rest) == ([], [message, message])
        return
    assert rest == [] and len(found) == 1  # once per value
    assert found[0][:2] == told[:2] and (told[2] is None or found[0][2] == told[2])


def test_a_broken_colour_is_told_at_its_line_when_the_page_is_set(project: Path) -> None:
    """The screen's ink (html.screen); WeasyPrint had said "Ignored `color: #23232` at 188:139" of the compiled sheet."""
    theme = project / "templates" / "theme.css"
    css = theme.read_text(encoding="utf-8").replace("--ink: #232323;", "--ink: #23232;", 1)
    theme.write_text(css, encoding="utf-8")
    options = BuildOptions(root=project, year=2027, product=PRODUCTS["screen"], cache_dir=project / "cache")
    warnings = set_pages(options, compose(options, [14]), None, parallel=False).warnings  # the legend page
    assert [(p.path, p.line, p.severity) for p in warnings] == [
        ("templates/theme.css", css[:css.index("--ink: #23232;")].count("\n") + 1, "warning")]
