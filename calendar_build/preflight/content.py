"""What the content streams draw: each text run with its size, colour and overprint, read with pikepdf.

The walk follows the graphics state as ISO 32000-1 defines it (8.4: q/Q save and restore it, cm
concatenates the matrix; 9.3/9.4: Tf size, Tm/Td/T* move the text matrix) closely enough for the
PDFs WeasyPrint writes: no rotation, colours in DeviceCMYK, ExtGStates for overprinting.
Forms (XObjects) are followed with their own matrix; images are not text.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any
from dataclasses import dataclass, field, replace

import pikepdf

TEXT_SHOWS = frozenset({"Tj", "TJ", "'", '"'})


@dataclass(frozen=True)
class TextRun:
    """A text-showing operation: where, how big (pt on the page), in which colour, overprinting or not."""

    page: int  # index
    size_pt: float
    cmyk: tuple[float, ...]  # fill colour, 0–1; () when not DeviceCMYK
    overprint: bool  # fill overprint (op) in force, with OPM 1
    font: str = ""  # the font's name without the subset tag, e.g. "Noto-Sans-Symbols"


@dataclass(frozen=True)
class Rule:
    """A thin filled area (a border or rule as WeasyPrint draws it): its thickness on the page and colour."""

    page: int
    thickness_pt: float
    cmyk: tuple[float, ...]


@dataclass(frozen=True)
class Placed:
    """An image drawn on a page and its resolution there (geometric mean of both directions)."""

    page: int
    ppi: float
    colour_space: str


@dataclass
class _State:
    scale: float = 1.0  # of the current transformation matrix (uniform, no rotation in WeasyPrint's output)
    fill: tuple[float, ...] = (0.0, 0.0, 0.0, 1.0)  # the initial colour is black (8.6.5.2: DeviceGray 0)
    overprint: bool = False
    font_size: float = 0.0
    font: str = ""
    text_scale: float = 1.0
    side_clip: tuple[float, float, float, float] | None = None  # a polygon clip (a border side), user units
    extra: dict[str, object] = field(default_factory=dict)


def _det_scale(a: float, b: float, c: float, d: float) -> float:
    return math.sqrt(abs(a * d - b * c))


def _numbers(operands: list[object]) -> list[float]:
    return [float(v) for v in operands]  # type: ignore[arg-type]


RULE_ASPECT = 8  # a filled rectangle this many times longer than thick is a rule
RULE_MAX_PT = 3.0  # thicker ones are areas


def _rule_thickness(rects: list[tuple[float, float, float, float]], even_odd: bool) -> float | None:
    """Return the thickness (user units) of a rule drawn as one rectangle or as the gap of two (f*)."""
    boxes = [(min(x, x + w), min(y, y + h), max(x, x + w), max(y, y + h)) for x, y, w, h in rects]
    if len(boxes) == 1:
        x0, y0, x1, y1 = boxes[0]
        short, long = sorted((x1 - x0, y1 - y0))
        return short if short > 0 and long >= RULE_ASPECT * short else None
    if len(boxes) == 2 and even_odd:
        gaps = [abs(a - b) for a, b in zip(boxes[0], boxes[1]) if abs(a - b) > 1e-3]  # edges that coincide
        return min(gaps) if gaps else None
    return None


def _side_thickness(clip: tuple[float, float, float, float], rects: list[tuple[float, float, float, float]]) -> float:
    """Return the thickness of the one border side a polygon clip cuts out of a border ring.

    WeasyPrint draws a border whose sides differ in colour as the whole ring (outer minus inner
    rectangle, f*) once per side, each time clipped to that side's trapezoid: the side is as thick
    as the trapezoid is narrow.
    """
    x, y, w, h = max(rects, key=lambda rect: abs(rect[2] * rect[3]))  # the outer rectangle
    left, bottom = max(clip[0], min(x, x + w)), max(clip[1], min(y, y + h))
    right, top = min(clip[2], max(x, x + w)), min(clip[3], max(y, y + h))
    return min(right - left, top - bottom)


def _walk(stream_owner: Any, resources: Any, state: _State, page: int,
          depth: int = 0) -> Iterator[TextRun | Rule | Placed]:
    stack: list[_State] = []
    rects: list[tuple[float, float, float, float]] = []
    states: Any = resources.get("/ExtGState") or {}
    xobjects: Any = resources.get("/XObject") or {}
    fonts: Any = resources.get("/Font") or {}
    path: list[tuple[float, float]] = []
    instruction: Any
    for instruction in pikepdf.parse_content_stream(stream_owner):
        operands, operator = instruction
        name = str(operator)
        if name == "q":
            stack.append(replace(state))
        elif name == "Q" and stack:
            state = stack.pop()
        elif name == "cm":
            state.scale *= _det_scale(*_numbers(operands[:4]))
        elif name in ("k", "scn", "sc") and len(operands) == 4:
            state.fill = tuple(_numbers(operands))
        elif name in ("g", "rg", "scn", "sc"):
            state.fill = ()
        elif name == "gs":
            graphics = states.get(str(operands[0]))
            if graphics is not None and "/op" in graphics:
                state.overprint = bool(graphics.op) and int(graphics.get("/OPM", 0)) == 1
        elif name == "Tf":
            state.font_size = float(operands[1])
            font = fonts.get(str(operands[0]))
            state.font = str(font.get("/BaseFont", "")).split("+")[-1] if font is not None else ""
        elif name == "Tm":
            state.text_scale = _det_scale(*_numbers(operands[:4]))
        elif name in TEXT_SHOWS:
            yield TextRun(page, round(state.font_size * state.text_scale * state.scale, 2), state.fill, state.overprint,
                          state.font)
        elif name == "re":
            rects.append(tuple(_numbers(operands[:4])))  # type: ignore[arg-type]
        elif name in ("m", "l"):
            path.append((float(operands[0]), float(operands[1])))
        elif name in ("W", "W*"):
            xs, ys = [p[0] for p in path], [p[1] for p in path]
            state.side_clip = (min(xs), min(ys), max(xs), max(ys)) if len(path) >= 3 and not rects else None
        elif name in ("f", "F", "f*"):
            thickness = _rule_thickness(rects, name == "f*")
            if thickness is not None and len(rects) == 2 and state.side_clip is not None:
                thickness = _side_thickness(state.side_clip, rects)
            if thickness is not None and thickness * state.scale <= RULE_MAX_PT:
                yield Rule(page, round(thickness * state.scale, 3), state.fill)
            rects, path = [], []
        elif name in ("n", "S", "s", "B", "B*", "b", "b*"):
            rects, path = [], []
        elif name == "Do" and depth < 8:
            xobject = xobjects.get(str(operands[0]))
            if xobject is not None and xobject.get("/Subtype") == "/Image":
                area = state.scale ** 2 / 72 ** 2  # square inches of the unit square the image fills
                pixels = int(xobject.Width) * int(xobject.Height)
                yield Placed(page, round(math.sqrt(pixels / area), 1) if area else 0.0, str(xobject.get("/ColorSpace")))
            if xobject is not None and xobject.get("/Subtype") == "/Form":
                inner = replace(state)
                if "/Matrix" in xobject:
                    inner.scale *= _det_scale(*_numbers(list(xobject.Matrix)[:4]))
                yield from _walk(xobject, xobject.get("/Resources") or resources, inner, page, depth + 1)


def drawn(pdf: pikepdf.Pdf) -> list[TextRun | Rule | Placed]:
    """Return the text runs, rules and images of every page, in drawing order."""
    found: list[TextRun | Rule | Placed] = []
    for index, page in enumerate(pdf.pages):
        found += _walk(page, page.Resources, _State(), index)
    return found


def text_runs(pdf: pikepdf.Pdf) -> list[TextRun]:
    """Return every text run of every page."""
    return [item for item in drawn(pdf) if isinstance(item, TextRun)]


def rules(pdf: pikepdf.Pdf) -> list[Rule]:
    """Return every rule of every page."""
    return [item for item in drawn(pdf) if isinstance(item, Rule)]
