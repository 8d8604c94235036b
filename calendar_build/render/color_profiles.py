"""The ICC profiles of `@color-profile` rules embedded as they were read, however often a stylesheet is used.

WeasyPrint 70 embeds a profile by serialising its LittleCMS object (`ColorProfile.content`) each time
it writes a PDF. Once the profile has served a document, that serialisation comes out longer than the
file (measured: FOGRA39 120 116 bytes, then 120 188; Ghostscript's default_cmyk.icc 187 484, then
187 536). Parts set one after another with one parsed stylesheet (render/pdf.py, `sharing`) would
embed another profile in their later parts than parts set in processes of their own, and the PDF's
bytes would depend on how many cores set it. Each profile is serialised once, when it is read, and
embedded so every time.
"""

from __future__ import annotations

from typing import Any


def install() -> None:
    """Make WeasyPrint's ColorProfile keep the bytes it had when read (once; left alone if its shape changed)."""
    from weasyprint.css import ColorProfile  # noqa: PLC0415 - loaded with WeasyPrint

    if getattr(ColorProfile, "_read_once", False) or not isinstance(ColorProfile.__dict__.get("content"), property):
        return
    serialised = ColorProfile.__dict__["content"].fget
    made = ColorProfile.__init__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        made(self, *args, **kwargs)
        self._read_bytes = serialised(self)

    ColorProfile.__init__ = __init__
    ColorProfile.content = property(lambda self: self._read_bytes)
    ColorProfile._read_once = True
