"""Read theme.css and calendar.css with tinycss2: the theme's custom properties, and the layout compiled.

The theme file is the designers' single source: the builder parses its custom properties (the
numbers it measures with: cell widths, label sizes, column heights …) instead of keeping a second
copy of them. A product picks its theme layers: `:root`, then `html.<medium>` (print | screen),
then `html.format-<format>` (a3 | a4). CSS syntax errors are reported with file and line.
"""

from __future__ import annotations

import re
from functools import lru_cache

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import tinycss2
import tinycss2.color4
from tinycss2 import ast

from calendar_build.products import Product


class ThemeError(ValueError):
    """A stylesheet that cannot be used: syntax error, missing or malformed value (German message)."""

    def __init__(self, message: str, path: str = "templates/theme.css", line: int | None = None) -> None:
        super().__init__(message)
        self.path, self.line, self.message = path, line, message


@dataclass(frozen=True)
class Value:
    """A custom property's value as written, and where."""

    text: str
    line: int


Layers = dict[str, dict[str, Value]]  # selector -> custom property -> value


@dataclass(frozen=True)
class ThemeNumbers:
    """Numbers from the theme that the Python side measures with."""

    font_stack: tuple[str, ...]
    photo_height_mm: float
    grid_width_mm: float
    kw_width_mm: float
    cell_padding_mm: float  # left + right padding of a day cell
    label_size_pt: float
    label_lines: int
    explanation_size_pt: float
    explanation_leading: float
    explanation_columns: int
    explanation_column_width_mm: float
    explanation_column_height_mm: float
    cover_share: float  # the cover mosaic's share of the page height
    cover_columns: int
    cover_rows: int
    label_width_mm: float | None = None  # the room of a day's labels where no month grid sets it (the poster)
    font_families: tuple[tuple[str, str, int], ...] = ()  # (family, property, line) of every --font-… property
    weekday_room_mm: float | None = None  # the room of a weekday beside the day's number (poster); None: free
    weekday_size_pt: float = 8.0  # the size of that weekday
    weekday_dot_pt: float = 0.0  # the size of the day's dots in the weekday's line (upright poster); 0: none there
    weekday_dot_gap_mm: float = 0.0  # the space after each of those dots


_CLOSERS = {"(": ")", "[": "]", "{": "}"}
AUTO = Value("auto", 0)


def _unclosed(nodes: Iterable[ast.Node]) -> Iterator[ast.Node]:
    """Yield blocks whose closing bracket is missing: they swallowed a ';' or '}' of what follows."""
    for node in nodes:
        children = getattr(node, "arguments", None) if isinstance(node, ast.FunctionBlock) else (
            getattr(node, "content", None) if isinstance(node, ast.ParenthesesBlock | ast.SquareBracketsBlock) else None)
        if children is None:
            continue
        if any(isinstance(c, ast.LiteralToken) and c.value in (";", "}") for c in children):
            yield node
        else:
            yield from _unclosed(children)


def _syntax_errors(nodes: Iterable[ast.Node], path: str) -> None:
    """Raise ThemeError for the first syntax error among the parsed nodes."""
    for node in nodes:
        if isinstance(node, ast.ParseError):
            raise ThemeError(f"CSS-Syntaxfehler: {node.message} – bitte die Zeile prüfen.", path, node.source_line)
        for block in _unclosed([node] if not isinstance(node, ast.QualifiedRule | ast.AtRule)
                               else [*node.prelude, *(node.content or [])]):
            opener = "(" if isinstance(block, ast.FunctionBlock | ast.ParenthesesBlock) else "["
            raise ThemeError(f"CSS-Syntaxfehler: Die Klammer '{opener}' wird nicht geschlossen – bitte "
                             f"'{_CLOSERS[opener]}' ergänzen.", path, block.source_line)


def parse_rules(css: str, path: str) -> list[ast.Node]:
    """Return the stylesheet's rules; raise ThemeError (file and line) for a syntax error."""
    rules: list[ast.Node] = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    _syntax_errors(rules, path)
    return rules


def read_layers(css: str, path: str = "templates/theme.css") -> Layers:
    """Return the custom properties of every rule, by selector; raise ThemeError for syntax errors."""
    return {selector: dict(found) for selector, found in _layers(css, path).items()}  # the caller's to change


@lru_cache(maxsize=8)
def _layers(css: str, path: str) -> Layers:
    """Return the layers of a theme (kept: `check` reads the same theme for every product, `watch` after every
    change of any file)."""
    layers: Layers = {}
    for rule in parse_rules(css, path):
        if not isinstance(rule, ast.QualifiedRule):
            continue
        selector = tinycss2.serialize(rule.prelude).strip()
        declarations = tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
        _syntax_errors(declarations, path)
        found = layers.setdefault(selector, {})
        for declaration in declarations:
            if isinstance(declaration, ast.Declaration) and declaration.name.startswith("--"):
                found[declaration.name] = Value(tinycss2.serialize(declaration.value).strip(), declaration.source_line)
    return layers


def layer_selectors(product: Product) -> tuple[str, ...]:
    """Return the theme blocks a product uses, later ones overriding earlier ones.

    The last, `html.<medium>.format-<format>`, holds what one medium needs at one size (print's 6 pt
    minimum in A4, which the screen's A4 page does without).
    """
    return (":root", *(f"html.{name}" for name in product.classes.split()),
            f"html.{product.medium}.format-{product.page_format}")


def properties(layers: Layers, product: Product) -> dict[str, Value]:
    """Return the custom properties in force for a product."""
    found: dict[str, Value] = {}
    for selector in layer_selectors(product):
        found.update(layers.get(selector, {}))
    return found


def compile_css(layers: Layers, layout_css: str, product: Product, extra: dict[str, str],
                path: str = "templates/calendar.css") -> str:
    """Return the layout CSS with every var(--name) replaced by its value.

    WeasyPrint resolves custom properties for every element; substituting them once here makes the
    render about 15 % faster. Raise ThemeError (with calendar.css's line) for a name the theme lacks.
    """
    values = {name: value.text for name, value in properties(layers, product).items()} | extra
    return _compiled(layout_css, tuple(sorted(values.items())), path)


@lru_cache(maxsize=8)
def _compiled(layout_css: str, pairs: tuple[tuple[str, str], ...], path: str) -> str:
    """Return the layout CSS with the values filled in (kept: validate and the stylesheet stage ask alike, and
    `serve` and `watch` ask again after every change)."""
    parsed = {name: tinycss2.parse_component_value_list(text) for name, text in pairs}

    def substitute(nodes: list[ast.Node], depth: int = 0, inside: bool = False) -> list[ast.Node]:
        # `inside` a calc(), a calc() is written as parentheses: a theme value may itself be a calc() (the
        # poster's `calc(14mm * var(--poster-scale))`), and WeasyPrint drops a calc() nested in parentheses.
        out: list[ast.Node] = []
        for node in nodes:
            if isinstance(node, ast.FunctionBlock) and node.lower_name == "var":
                name = tinycss2.serialize(node.arguments).strip()
                if name not in parsed:
                    raise ThemeError(f"Die Variable '{name}' ist in theme.css nicht festgelegt.",
                                     path, node.source_line)
                out.extend(substitute(parsed[name], depth + 1, inside) if depth < 8 else parsed[name])
            elif isinstance(node, ast.FunctionBlock):
                calc = node.lower_name == "calc"
                node.arguments = substitute(node.arguments, depth, inside or calc)
                out.append(ast.ParenthesesBlock(node.source_line, node.source_column, node.arguments)
                           if calc and inside else node)
            elif isinstance(node, ast.ParenthesesBlock | ast.SquareBracketsBlock | ast.CurlyBracketsBlock):
                node.content = substitute(node.content, depth, inside)
                out.append(node)
            else:
                out.append(node)
        return out

    rules = parse_rules(layout_css, path)
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule | ast.AtRule) and rule.content is not None:
            rule.content = substitute(rule.content)
    return "\n".join(tinycss2.serialize([rule]) for rule in rules) + "\n"


def _tokens(text: str) -> list[ast.Node]:
    """Return the CSS tokens of a theme value, without whitespace."""
    return [t for t in tinycss2.parse_component_value_list(text) if not isinstance(t, ast.WhitespaceToken)]


def _single(text: str) -> ast.Node | None:
    """Return the one token a theme value consists of, None when it has none or several."""
    tokens = _tokens(text)
    return tokens[0] if len(tokens) == 1 else None


def _number(values: dict[str, Value], name: str, unit: str) -> float:
    if name not in values:
        raise ThemeError(f"Die Eigenschaft '{name}' fehlt in theme.css.")
    value = values[name]
    token = _single(value.text)
    if unit and isinstance(token, ast.DimensionToken) and token.lower_unit == unit:
        return float(token.value)
    if not unit and isinstance(token, ast.NumberToken):
        return float(token.value)
    raise ThemeError(f"'{name}' muss eine Zahl{' in ' + unit if unit else ''} sein, nicht '{value.text}'.",
                     line=value.line)


def _count(values: dict[str, Value], name: str, low: int, high: int) -> int:
    number = _number(values, name, "")
    if number != int(number) or not low <= number <= high:
        raise ThemeError(f"'{name}' muss eine ganze Zahl von {low} bis {high} sein, nicht '{values[name].text}'.",
                         line=values[name].line)
    return int(number)


def _optional_mm(values: dict[str, Value], name: str) -> float | None:
    """Return a length in mm, or None where the theme leaves it out or says `auto`."""
    return None if values.get(name, AUTO).text == "auto" else _number(values, name, "mm")


# A poster length as theme.css writes it: `calc(13.5mm * var(--poster-scale))`, the factor a number of the theme.
_SCALED = re.compile(r"calc\(\s*(?P<number>[0-9.]+)(?P<unit>[a-z]+)\s*\*\s*var\(\s*(?P<factor>--[\w-]+)\s*\)\s*\)")


def _length(values: dict[str, Value], name: str, unit: str) -> float:
    """Return a length written as such or as `calc(<length> * var(--factor))`; raise ThemeError otherwise."""
    match = _SCALED.fullmatch(values[name].text) if name in values else None
    if match and match["unit"] == unit:
        return float(match["number"]) * _number(values, match["factor"], "")
    return _number(values, name, unit)


@dataclass(frozen=True)
class WeekdayRoom:
    """The room of a weekday beside the day's number, as theme.css sets it (see `_weekday_room`)."""

    width_mm: float | None  # None: the weekday is free (the wall calendar's column heads)
    size_pt: float = 8.0
    dot_size_pt: float = 0.0  # the dots in the same line share the room (upright poster); 0: on a line of their own
    dot_gap_mm: float = 0.0


def _weekday_room(values: dict[str, Value]) -> WeekdayRoom:
    """Return the room of a weekday beside the day's number: its width in mm, its size in pt, and the day's dots'.

    The room is the head's width less the number's and the gaps on both sides of the weekday. A head without a width
    (`auto`) is as wide as the day's names (`--label-width`, the upright poster), and the dots follow the weekday in
    its line (`--poster-dots-display: inline`); where the names have no width of their own either (the wall
    calendar's grid) the weekday is free.
    """
    head = values.get("--poster-head-width", AUTO)
    names = values.get("--label-width", AUTO)
    if head.text == "auto" and names.text == "auto":
        return WeekdayRoom(None)
    width = _length(values, "--label-width" if head.text == "auto" else "--poster-head-width", "mm")
    room = width - _length(values, "--poster-number-width", "mm") - 2 * _length(values, "--poster-weekday-gap", "mm")
    inline = values.get("--poster-dots-display", AUTO).text == "inline"
    return WeekdayRoom(room, _length(values, "--size-poster-weekday", "pt"),
                       _length(values, "--dot-size", "pt") if inline else 0.0,
                       _length(values, "--poster-dot-gap", "mm") if inline else 0.0)


COVER_TILES = 12  # the cover's mosaic: one tile for each month's portrait
PT_PER_UNIT = {"pt": 1.0, "px": 0.75, "mm": 72 / 25.4, "cm": 720 / 25.4, "q": 18 / 25.4, "pc": 12.0, "in": 72.0}


# The units of CSS Values and Units Level 4 (W3C), sections 5–7: lengths, angles, times, frequencies, resolutions.
CSS_UNITS = frozenset(("em rem ex rex cap rcap ch rch ic ric lh rlh vw vh vi vb vmin vmax svw svh lvw lvh dvw dvh "
                       "cm mm q in pt pc px deg grad rad turn s ms hz khz dpi dpcm dppx x fr").split())


def _unknown_units(values: dict[str, Value]) -> None:
    """Raise ThemeError for a number with a unit CSS does not know ('44ptt', '196m'): WeasyPrint would drop the rule."""
    def dimensions(nodes: list[ast.Node]) -> Iterator[ast.DimensionToken]:
        for node in nodes:
            if isinstance(node, ast.DimensionToken):
                yield node
            elif isinstance(node, ast.FunctionBlock):
                yield from dimensions(node.arguments)
            elif isinstance(node, ast.ParenthesesBlock):
                yield from dimensions(node.content)

    for name, value in values.items():
        for token in dimensions(tinycss2.parse_component_value_list(value.text)):
            if token.lower_unit not in CSS_UNITS:
                raise ThemeError(f"'{name}: {value.text}': '{token.unit}' ist keine CSS-Einheit – gemeint ist wohl "
                                 "pt, mm oder em.", line=value.line)


def _too_small(values: dict[str, Value], product: Product) -> None:
    """Raise ThemeError for a type size (`--size-…`) written as a length below the product's smallest type.

    Sizes written relative to others (em, calc) are measured after layout, by the fit proof.
    """
    for name, value in values.items():
        token = _single(value.text)
        if (name.startswith("--size-") and isinstance(token, ast.DimensionToken)
                and token.lower_unit in PT_PER_UNIT and float(token.value) * PT_PER_UNIT[token.lower_unit]
                < product.min_text_pt - 0.005):
            raise ThemeError(f"'{name}: {value.text}' ist kleiner als {product.min_text_pt:g} pt – kleinere Schrift "
                             f"druckt die Druckerei nicht ({product.title}). Bitte mindestens {product.min_text_pt:g}pt "
                             "eintragen.", line=value.line)


def read_theme(layers: Layers, product: Product) -> ThemeNumbers:
    """Return the theme numbers a product is measured with; raise ThemeError naming the property and line."""
    values = properties(layers, product)
    _unknown_units(values)
    _too_small(values, product)
    if "--font-text" not in values:
        raise ThemeError("Die Eigenschaft '--font-text' fehlt in theme.css.")
    stack = _families(values["--font-text"])
    weekday = _weekday_room(values)
    columns, rows = _count(values, "--cover-columns", 1, 12), _count(values, "--cover-rows", 1, 12)
    if columns * rows != COVER_TILES:
        raise ThemeError(f"'--cover-columns: {columns}' und '--cover-rows: {rows}' ergeben {columns * rows} Felder – das "
                         f"Fotomosaik der Titelseite hat {COVER_TILES} (eins je Porträt), z. B. 4 × 3, 3 × 4 oder 6 × 2.",
                         line=values["--cover-columns"].line)
    _within_page(values, product)
    return ThemeNumbers(
        font_stack=stack,
        photo_height_mm=_number(values, "--photo-height", "mm"),
        grid_width_mm=_number(values, "--grid-width", "mm"),
        kw_width_mm=_number(values, "--kw-width", "mm"),
        cell_padding_mm=_number(values, "--cell-padding-left", "mm") + _number(values, "--cell-padding-right", "mm"),
        label_size_pt=_number(values, "--size-label", "pt"),
        label_lines=_count(values, "--label-lines", 1, 9),
        explanation_size_pt=_number(values, "--size-explanation", "pt"),
        explanation_leading=_number(values, "--explanation-leading", ""),
        explanation_columns=_count(values, "--explanation-columns", 1, 6),
        explanation_column_width_mm=_number(values, "--explanation-column-width", "mm"),
        explanation_column_height_mm=_number(values, "--explanation-column-height", "mm"),
        cover_share=_number(values, "--cover-share", ""),
        cover_columns=columns,
        cover_rows=rows,
        label_width_mm=_optional_mm(values, "--label-width"),
        font_families=tuple((family, name, value.line) for name, value in values.items() if name.startswith("--font-")
                            for family in _families(value)),
        weekday_room_mm=weekday.width_mm, weekday_size_pt=weekday.size_pt, weekday_dot_pt=weekday.dot_size_pt,
        weekday_dot_gap_mm=weekday.dot_gap_mm,
    )


# Measures of frames on the page, by the side of the page each must stay within (index into Product.page_mm).
WITHIN_PAGE = {"--photo-height": 1, "--grid-width": 0, "--explanation-column-width": 0,
               "--explanation-column-height": 1, "--page-margin": 0}
SIDE = ("breit", "hoch")


def _within_page(values: dict[str, Value], product: Product) -> None:
    """Raise ThemeError for a frame's measure in mm that is negative or larger than the page.

    WeasyPrint would set it (a photo higher than the page, a grid wider than it) or drop it (a negative
    padding), and the first message would name something else: the photos' resolution, a text at the edge.
    """
    for name, side in WITHIN_PAGE.items():
        token = _single(values[name].text) if name in values else None
        if not isinstance(token, ast.DimensionToken) or token.lower_unit != "mm":
            continue  # calc() or another unit: the fit proof measures what comes of it
        size, page = float(token.value), product.page_mm[side]
        if size < 0 or size > page:
            problem = ("ist negativ – bitte 0 mm oder mehr eintragen" if size < 0 else
                       f"ist größer als die Seite ({page:g} mm {SIDE[side]}, {product.title}) – bitte höchstens "
                       f"{page:g} mm eintragen")
            raise ThemeError(f"'{name}: {values[name].text}' {problem}.", line=values[name].line)


def _families(value: Value) -> tuple[str, ...]:
    """Return the font families of a font-family list as written: '"Noto Sans", serif' -> ('Noto Sans', 'serif')."""
    return tuple(part.strip().strip("\"'") for part in value.text.split(",") if part.strip())


# WeasyPrint's message for a declaration it drops (css/__init__.py, preprocess_declarations)
IGNORED = re.compile(r"^Ignored `(?P<property>[\w-]+):\s*(?P<value>.*)` at \d+:\d+, (?P<why>.*)\.$")


def plausible(text: str) -> bool:
    """Return whether a theme value reads as a value of its own: a length, number, colour, calc() or a list."""
    tokens = _tokens(text)
    if len(tokens) != 1:
        return any(isinstance(t, ast.LiteralToken) and t.value == "," for t in tokens)  # a list: font families
    token = tokens[0]
    if isinstance(token, ast.DimensionToken):
        return token.lower_unit in CSS_UNITS
    if isinstance(token, ast.NumberToken | ast.PercentageToken | ast.StringToken):
        return True
    if isinstance(token, ast.FunctionBlock) and token.lower_name in ("calc", "min", "max", "clamp"):
        return True
    return tinycss2.color4.parse_color(token) is not None


def ignored_by_theme(messages: Iterable[str], values: dict[str, Value]) -> tuple[list[tuple[str, int, str]], list[str]]:
    """Return ((property, line, message) for each theme value WeasyPrint dropped a declaration for, other messages).

    The layout CSS is compiled with the theme's values filled in, so WeasyPrint's "Ignored `color: #23232`
    at 188:139" names a line of the compiled sheet. A dropped declaration whose value holds a theme value
    (the longest one found, as a whole word) is told at that value's line in theme.css, once per value.
    """
    found: dict[str, tuple[str, int, str]] = {}
    rest: list[str] = []
    for message in messages:
        match = IGNORED.match(message)
        culprit = None
        if match:
            words = match["value"]
            culprit = max((name for name, value in values.items() if len(value.text) > 1
                           and re.search(rf"(?<![\w#.-]){re.escape(value.text)}(?![\w.%-])", words)),
                          key=lambda name: (not plausible(values[name].text), len(values[name].text)), default=None)
        if culprit is None or match is None:
            rest.append(message)
            continue
        value = values[culprit]
        found.setdefault(culprit, (culprit, value.line, f"'{culprit}: {value.text}' ist hier kein gültiger Wert – "
                                   f"WeasyPrint lässt '{match['property']}: {match['value']}' weg. Bitte den Wert "
                                   "in theme.css berichtigen."))
    return list(found.values()), rest
