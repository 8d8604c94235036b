"""Black overprints: 100 % K text and rules print on top of what is under them, without a white gap.

A solid black (CMYK 0 0 0 100 %) that knocks out the colours under it shows a white halo wherever
the plates are slightly out of register; printers overprint it (ISO 12647-2 practice, and what
preflight profiles such as the Ghostscript separations show). WeasyPrint writes no overprint, so
the finisher sets it in the content streams: before each colour change an ExtGState turns
overprinting (with OPM 1, ISO 32000-1 8.6.7) on for 100 % K and off for every other colour, for
fills and strokes apart. Images and shadings are painted with overprinting off, so a CMYK photo
keeps knocking out whatever lies under it.
"""

from __future__ import annotations

from collections.abc import Iterable

import pydyf

# name -> (key, on): op/OP for fills/strokes; OPM 1 so a zero component leaves the plate under it alone
STATES: dict[str, dict[str, object]] = {
    "OPf1": {"op": "true", "OPM": 1},  # pydyf writes str as it is (and bool as "True")
    "OPf0": {"op": "false"},
    "OPs1": {"OP": "true", "OPM": 1},
    "OPs0": {"OP": "false"},
}
FILL_OPS = (b"scn", b"sc", b"k", b"g", b"rg")
STROKE_OPS = (b"SCN", b"SC", b"K", b"G", b"RG")
PAINTS_UNDER = (b"Do", b"sh")  # images and forms, shadings: painted with overprinting off


def is_solid_black(operands: list[bytes], operator: bytes) -> bool:
    """Return whether a colour operator sets 100 % K alone (DeviceCMYK 0 0 0 1)."""
    if operator in (b"k", b"K") or (operator in (b"scn", b"sc", b"SCN", b"SC") and len(operands) == 4):
        try:
            return [float(v) for v in operands] == [0.0, 0.0, 0.0, 1.0]
        except ValueError:
            return False
    return False


def overprint_lines(lines: Iterable[bytes]) -> list[bytes]:
    """Return the content stream's lines with overprint states set before colour changes and images."""
    out: list[bytes] = []
    fill, stroke = False, False  # whether the current colour is solid black
    stack: list[tuple[bool, bool]] = []
    for line in lines:
        tokens = line.split()
        operator = tokens[-1] if tokens else b""
        if operator == b"q":
            stack.append((fill, stroke))
        elif operator == b"Q" and stack:
            fill, stroke = stack.pop()
        elif operator in FILL_OPS:
            fill = is_solid_black(tokens[:-1], operator)
            out.append(b"/OPf1 gs" if fill else b"/OPf0 gs")
        elif operator in STROKE_OPS:
            stroke = is_solid_black(tokens[:-1], operator)
            out.append(b"/OPs1 gs" if stroke else b"/OPs0 gs")
        elif operator in PAINTS_UNDER and fill:
            out += [b"/OPf0 gs", line, b"/OPf1 gs"]
            continue
        out.append(line)
    return out


def _states() -> pydyf.Dictionary:
    return pydyf.Dictionary({name: pydyf.Dictionary({"Type": "/ExtGState", **values}) for name, values in STATES.items()})


def _resources(pdf: pydyf.PDF, resources: object) -> pydyf.Dictionary | None:
    """Return the resources dictionary itself (WeasyPrint may refer to it as b'4 0 R')."""
    if isinstance(resources, bytes):
        number = int(resources.split()[0])
        resources = pdf.objects[number]
    return resources if isinstance(resources, pydyf.Dictionary) else None


def _add_states(pdf: pydyf.PDF, resources: object) -> None:
    found = _resources(pdf, resources)
    if found is None:
        return
    states = found.get("ExtGState")
    if isinstance(states, bytes):
        states = pdf.objects[int(states.split()[0])]
    if not isinstance(states, pydyf.Dictionary):
        states = pydyf.Dictionary()
        found["ExtGState"] = states
    states.update(_states())


def overprint_black(pdf: pydyf.PDF) -> None:
    """Make 100 % K overprint in every page's and form's content stream (WeasyPrint's PDF, before writing)."""
    for obj in list(pdf.objects):
        if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page":
            contents = obj.get("Contents")
            references = [contents] if isinstance(contents, bytes) else list(contents or ())  # crop marks add a stream
            numbers = [int(reference.split()[0]) for reference in references if isinstance(reference, bytes)]
            for number in numbers:
                stream = pdf.objects[number]
                if isinstance(stream, pydyf.Stream):
                    stream.stream = overprint_lines(_lines(stream.stream))
            _add_states(pdf, obj.get("Resources"))
        elif isinstance(obj, pydyf.Stream) and obj.extra.get("Subtype") == "/Form":
            obj.stream = overprint_lines(_lines(obj.stream))
            _add_states(pdf, obj.extra.get("Resources"))


def _lines(parts: Iterable[object]) -> list[bytes]:
    """Return the stream's operations one per line (pydyf keeps one per item; some items hold several)."""
    lines: list[bytes] = []
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode()
        lines += data.split(b"\n")
    return lines
