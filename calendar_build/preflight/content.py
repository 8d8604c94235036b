"""What the content streams draw: each text run with its size, colour and overprint, read with pikepdf.

The walk follows the graphics state as ISO 32000-1 defines it (8.4: q/Q save and restore it, cm
concatenates the matrix; 9.3/9.4: Tf size, Tm/Td/T* move the text matrix) closely enough for the
PDFs WeasyPrint writes: no rotation, colours in DeviceCMYK, ExtGStates for overprinting.
Forms (XObjects) are followed with their own matrix; images are not text.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
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


@dataclass
class _State:
    scale: float = 1.0  # of the current transformation matrix (uniform, no rotation in WeasyPrint's output)
    fill: tuple[float, ...] = (0.0, 0.0, 0.0, 1.0)  # the initial colour is black (8.6.5.2: DeviceGray 0)
    overprint: bool = False
    font_size: float = 0.0
    font: str = ""
    text_scale: float = 1.0
    extra: dict[str, object] = field(default_factory=dict)


def _det_scale(a: float, b: float, c: float, d: float) -> float:
    return math.sqrt(abs(a * d - b * c))


def _numbers(operands: list[object]) -> list[float]:
    return [float(v) for v in operands]  # type: ignore[arg-type]


def _walk(stream_owner: object, resources: pikepdf.Dictionary, state: _State, page: int,
          depth: int = 0) -> Iterator[TextRun]:
    stack: list[_State] = []
    states = resources.get("/ExtGState") or {}
    xobjects = resources.get("/XObject") or {}
    fonts = resources.get("/Font") or {}
    for operands, operator in pikepdf.parse_content_stream(stream_owner):
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
        elif name == "Do" and depth < 8:
            xobject = xobjects.get(str(operands[0]))
            if xobject is not None and xobject.get("/Subtype") == "/Form":
                inner = replace(state)
                if "/Matrix" in xobject:
                    inner.scale *= _det_scale(*_numbers(list(xobject.Matrix)[:4]))
                yield from _walk(xobject, xobject.get("/Resources") or resources, inner, page, depth + 1)


def text_runs(pdf: pikepdf.Pdf) -> list[TextRun]:
    """Return every text run of every page."""
    runs: list[TextRun] = []
    for index, page in enumerate(pdf.pages):
        runs += _walk(page, page.Resources, _State(), index)
    return runs
