"""WeasyPrint's font subsetting asks cffi for arrays by a type naming their length: each one is parsed anew.

`weasyprint/pdf/fonts.py` (WeasyPrint 70) makes its glyph lists with `ffi.new(f'hb_codepoint_t[{n}]', values)`.
cffi keeps the types it parsed by their text, so every new length is a new text: pycparser parses
it again, about 3 ms each (measured), three per font and part – 0.1 to 0.2 s of CPU per build. An array
of open length with the same values is the same array: the font module is given an ffi that asks for
`T[]` where the values are given and the length is theirs; everything else goes to cffi as it is.
"""

from __future__ import annotations

import re
from typing import Any

SIZED = re.compile(r"([A-Za-z_][A-Za-z_0-9 ]*)\[(\d+)\]")


class OpenArrays:
    """An ffi that makes arrays of the given values by an open-length type (parsed once)."""

    def __init__(self, ffi: Any) -> None:
        self._ffi = ffi

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ffi, name)

    def new(self, cdecl: str, init: Any = None) -> Any:
        """Return `ffi.new(cdecl, init)`; `T[n]` with `n` values asked for as `T[]`."""
        sized = SIZED.fullmatch(cdecl) if isinstance(cdecl, str) else None
        if sized is not None and init is not None and hasattr(init, "__len__") and len(init) == int(sized.group(2)):
            cdecl = f"{sized.group(1)}[]"
        return self._ffi.new(cdecl, init)


def install() -> None:
    """Give WeasyPrint's font module the ffi above (once; a later WeasyPrint without `ffi` there is left alone)."""
    from weasyprint.pdf import fonts  # noqa: PLC0415 - loaded with WeasyPrint

    if hasattr(fonts, "ffi") and not isinstance(fonts.ffi, OpenArrays):
        fonts.ffi = OpenArrays(fonts.ffi)
