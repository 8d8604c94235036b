"""Fit holiday labels into day cells: measure with the real font, abbreviate, or move to the list.

A label never gets clipped silently: what does not fit is shortened or replaced by a
"+n" note pointing to the month's list, and every such case is reported by the build.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from calendar_build.i18n.marker import N_

PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class CellBox:
    """The room for labels in a day cell: width in mm, number of lines, font and size in pt.

    `font_for` returns the font a label is set in (the text stack's first that has all its letters: render/fonts.py
    `covering`); where it gives none, `font` measures. Measured in Noto Sans, which has no Arabic letters, an Arabic
    or Persian name was a row of empty boxes up to half as wide again as the name, and was shortened needlessly
    ('میلاد پیامبر' 21.8 mm instead of 14.2 mm at 9 pt).
    """

    width_mm: float
    lines: int
    font: Path | None
    size_pt: float
    font_for: Callable[[str], Path | None] | None = None


@lru_cache(maxsize=8)
def _font(path: Path | None, size_pt: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Measure at 10x the point size in "pixels" for precision; widths scale linearly.
    if path is None:
        return ImageFont.load_default(size=size_pt * 10)
    return ImageFont.truetype(str(path), size=round(size_pt * 10))


def text_width_mm(text: str, box: CellBox) -> float:
    """Return the advance width of `text` in mm at the box's font size, in the font it is set in."""
    font = box.font_for(text) if box.font_for is not None else None
    return _width_mm(text, font or box.font, box.size_pt)


@lru_cache(maxsize=4096)
def _width_mm(text: str, font: Path | None, size_pt: float) -> float:
    # kept: shaping a label costs milliseconds, and `serve` and `watch` measure the same labels after every change
    return _font(font, size_pt).getlength(text) / 10 / PT_PER_MM


MARK_EM = {"☾": 0.8, "±1": 1.2}  # width in em of the marks as printed (calendar.css .mark: 0.85em, symbol font)


def mark_width_mm(mark: str, box: CellBox) -> float:
    """Return the room in mm the marks after a label take (with the gap before them)."""
    if not mark:
        return 0.0
    em = sum(width for sign, width in MARK_EM.items() if sign in mark) + 0.3
    return em * box.size_pt / PT_PER_MM


def abbreviate(label: str, box: CellBox, mark: str = "") -> str:
    """Return `label` as is if it fits one line (with its marks), else cut at a letter and end with a period."""
    room = box.width_mm - mark_width_mm(mark, box)
    if text_width_mm(label, box) <= room:
        return label
    for end in range(len(label) - 1, 0, -1):
        candidate = label[:end].rstrip(" -–.") + "."
        if text_width_mm(candidate, box) <= room:
            return candidate
    return label[:1] + "."


MORE = N_("+{count} s. Liste")  # the note in a cell whose labels moved to the month's list


def fit_labels(labels: list[str], box: CellBox, marks: tuple[str, ...] = (),
               gettext: Callable[[str], str] = str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """Return (labels shown, labels hidden, "+n" note in the edition's language) for one cell; `marks` follow
    their labels in the line."""
    marks = marks or ("",) * len(labels)
    if len(labels) <= box.lines:
        return tuple(abbreviate(label, box, mark) for label, mark in zip(labels, marks)), (), ""
    keep = max(box.lines - 1, 0)
    hidden = tuple(labels[keep:])
    shown = tuple(abbreviate(label, box, mark) for label, mark in zip(labels[:keep], marks))
    return shown, hidden, gettext(MORE).format(count=len(hidden))


@dataclass(frozen=True)
class TextBox:
    """A column of running text: width and height in mm, font, size in pt and line height factor."""

    width_mm: float
    height_mm: float
    font: Path | None
    size_pt: float
    leading: float

    @property
    def line_mm(self) -> float:
        """Return the height of one line in mm."""
        return self.size_pt * self.leading / PT_PER_MM


@lru_cache(maxsize=65536)
def _word_mm(word: str, font: Path | None, size_pt: float) -> float:
    return _font(font, size_pt).getlength(word) / 10 / PT_PER_MM


def wrapped_lines(text: str, box: TextBox, widen: float = 1.0) -> int:
    """Return how many lines `text` takes in the box (greedy word wrap, measured with the font).

    Words are measured once each and joined with the width of a space (kerning across
    words is negligible). `widen` > 1 accounts for bold text, which the regular font
    under-measures.
    """
    width = box.width_mm / widen
    space = _word_mm(" ", box.font, box.size_pt)
    lines, used = 0, -1.0
    for word in text.split():
        word_width = _word_mm(word, box.font, box.size_pt)
        if used < 0:
            lines, used = lines + 1, word_width
        elif used + space + word_width > width:
            lines, used = lines + 1, word_width
        else:
            used += space + word_width
    return lines


@dataclass(frozen=True)
class WeekdayBox:
    """The room of a weekday name beside the day's number: width in mm, size in pt, and the font a name is set in (the
    text stack's first that has all its letters: render/fonts.py `covering`).

    On the upright poster the day's dots follow the weekday in the same line and share its room: `dot_size_pt` is
    their size and `dot_gap_mm` the space after each; 0 where the dots stand on a line of their own (turned poster).
    """

    width_mm: float
    size_pt: float
    font_for: Callable[[str], Path | None]
    dot_size_pt: float = 0.0
    dot_gap_mm: float = 0.0


def weekday_width_mm(name: str, box: WeekdayBox) -> float:
    """Return the width of a weekday name in mm, in the font it is set in."""
    return _width_mm(name, box.font_for(name), box.size_pt)


def dots_width_mm(glyphs: Sequence[str], box: WeekdayBox) -> float:
    """Return the room a day's dots take beside its weekday: each glyph in its font, and the gaps between them."""
    if not box.dot_size_pt or not glyphs:
        return 0.0
    return (sum(_width_mm(glyph, box.font_for(glyph), box.dot_size_pt) for glyph in glyphs)
            + box.dot_gap_mm * (len(glyphs) - 1))


def fitted_weekdays(forms: tuple[tuple[str, ...], ...], box: WeekdayBox | None,
                    beside: Sequence[float] = (0.0,) * 7) -> tuple[str, ...]:
    """Return the first form whose every name fits the box (the last form if none does; no box: the first).

    `beside` is, for each weekday (Monday first), the room the dots of its most crowded day take in the same line.
    """
    if box is None:
        return forms[0]
    return next((names for names in forms
                 if all(weekday_width_mm(name, box) + dots <= box.width_mm for name, dots in zip(names, beside, strict=True))),
                forms[-1])
