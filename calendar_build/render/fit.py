"""The fit proof: walk WeasyPrint's laid-out boxes and prove that every text sits where it belongs.

Templates mark the frames of a page with `data-frame="name"` (and, where an editor's file is the
cause of what fills it, `data-source="path:line"`). After layout, on every page:
- each text box lies inside its nearest frame (nothing runs out of the portrait band, a day cell,
  a column of explanations …);
- no two text boxes of different frames overlap, nor two of different lines in one frame (a date of
  two lines over the next feast's, a weekday name over the day's names);
- no text lies over a photo, except inside an element marked `data-caption`;
- no text comes closer to the trim edge than the product's safe margin;
- no text is smaller than the product's smallest type (6 pt in print), however its size came about
  (a theme value, an `em` of one, a calc()).
A violation is reported once per frame and page, with the content that caused it. The proof runs in
`check` and in every build, before anything is written. A page whose feast list or explanation column is too long
is first set once more in the theme's compact step (`crowded_sections`); only what does not fit then is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from weasyprint.formatting_structure import boxes

from calendar_build.pages.dates import MONTHS

PX_PER_MM = 96 / 25.4
PX_PER_PT = 96 / 72
TOLERANCE_PX = 0.6  # about 0.16 mm: rounding in layout, never visible

# What each frame holds, for the message (German), and the file to blame when no data-source is given.
FRAMES = {
    "cover-text": ("Der Titelblock der Titelseite", "templates/theme.css"),
    "month-title": ("Der Monatsname", "templates/theme.css"),
    "portrait": ("Name und Text des Porträts", "templates/theme.css"),
    "month-list": ("Die Festliste des Monats", "content/holidays"),
    "grid": ("Das Monatsraster", "templates/theme.css"),
    "day": ("Ein Festname im Tagesfeld", "templates/theme.css"),
    "legend-strip": ("Die Legendenzeile", "templates/theme.css"),
    "column": ("Eine Spalte der Festerklärungen", "templates/theme.css"),
    "page-title": ("Die Seitenüberschrift", "templates/theme.css"),
    "legend": ("Die Zeichenerklärung", "templates/theme.css"),
    "imprint": ("Das Impressum", "content/edition.yaml"),
    "outlook": ("Der Ausblick", "templates/theme.css"),
    "poster-head": ("Titel, Motto und Herausgeber des Plakats", "content/edition.yaml"),
    "poster-caption": ("Name und Ort unter einem Porträt des Plakats", "templates/theme.css"),
    "poster-month-name": ("Ein Monatsname des Plakats", "templates/theme.css"),
    "poster-day": ("Ein Festname in einer Tageszeile des Plakats", "templates/theme.css"),
    "poster-more": ("Die Liste unter einer Monatsspalte des Plakats", "templates/theme.css"),
    "poster-legend": ("Die Legende des Plakats", "templates/theme.css"),
}


@dataclass(frozen=True)
class Rect:
    """A rectangle on the page in CSS px (origin at the trim box's top left corner)."""

    left: float
    top: float
    right: float
    bottom: float

    def inside(self, other: Rect) -> bool:
        """Return whether this rectangle lies within `other` (with the tolerance)."""
        return (self.left >= other.left - TOLERANCE_PX and self.right <= other.right + TOLERANCE_PX
                and self.top >= other.top - TOLERANCE_PX and self.bottom <= other.bottom + TOLERANCE_PX)

    def overlaps(self, other: Rect) -> bool:
        """Return whether the two rectangles share more than the tolerance in both directions."""
        return (min(self.right, other.right) - max(self.left, other.left) > TOLERANCE_PX
                and min(self.bottom, other.bottom) - max(self.top, other.top) > TOLERANCE_PX)


@dataclass(frozen=True)
class Frame:
    """A marked frame of the page."""

    name: str
    source: str  # "path:line" or ""
    rect: Rect
    caption: bool  # text in it may lie over a photo (data-caption)
    element: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Text:
    """A laid-out piece of text and the frame it belongs to."""

    text: str
    rect: Rect
    frame: Frame | None
    line_px: float
    size_px: float  # the font size
    section: Any = field(default=None, compare=False, repr=False)  # the element of its page (<section class="page …">)
    line: Any = field(default=None, compare=False, repr=False)  # its line box (one line's texts never cover each other)


@dataclass(frozen=True)
class Violation:
    """Something that does not fit: where to fix it, on which page, and what to do (German)."""

    path: str
    line: int | None
    page: int  # from 1, in the document laid out (the parts of a PDF move theirs on when joined)
    text: str  # what does not fit and what to do

    @property
    def message(self) -> str:
        """Return the message as an editor reads it: 'Seite 4: …'."""
        return f"Seite {self.page}: {self.text}"


def _border_rect(box: Any) -> Rect:
    left = box.position_x + box.margin_left
    top = box.position_y + box.margin_top
    return Rect(left, top, left + box.border_width(), top + box.border_height())


def _walk(box: Any, frame: Frame | None, line: Any) -> Iterator[tuple[Any, Frame | None, Any]]:
    element = getattr(box, "element", None)
    if element is not None and not isinstance(box, boxes.TextBox | boxes.LineBox | boxes.InlineBox):
        name = element.get("data-frame")
        if name and (frame is None or frame.element is not element):
            frame = Frame(name, element.get("data-source") or "", _border_rect(box),
                          element.get("data-caption") is not None, element)
    if isinstance(box, boxes.LineBox):
        line = box
    yield box, frame, line
    for child in getattr(box, "children", ()):
        yield from _walk(child, frame, line)


def page_sections(page_box: Any) -> dict[int, Any]:
    """Return the page section (`<section class="page …">`) of every element of the document, by the element's id."""
    root = page_box.children[0].element if page_box.children else None
    if root is None:
        return {}
    return {id(element): section for section in root.iter("section")
            if "page" in (section.get("class") or "").split() for element in section.iter()}


def _collect(page_box: Any, sections: dict[int, Any]) -> tuple[list[Text], list[Rect]]:
    """Return the page's texts (each with its page section) and photos.

    A text's height is its line's (the line-height the designer set), not the font's taller content
    area, which may reach into the line above or below by design.
    """
    texts, photos = [], []
    for box, frame, line in _walk(page_box, None, None):
        if isinstance(box, boxes.TextBox) and box.text.strip():
            top, bottom = (line.position_y, line.position_y + line.height) if line is not None else (
                box.position_y, box.position_y + box.height)
            rect = Rect(box.position_x, top, box.position_x + box.width, bottom)
            texts.append(Text(box.text, rect, frame, bottom - top, float(box.style["font_size"]),
                              sections.get(id(box.element)), line))
        elif isinstance(box, boxes.ReplacedBox) and box.element_tag == "img":
            photos.append(Rect(box.position_x, box.position_y, box.position_x + box.width,
                               box.position_y + box.height))
    return texts, photos


def _where(frame: Frame | None) -> tuple[str, int | None]:
    if frame is not None and frame.source:
        path, _, line = frame.source.rpartition(":")
        return (path, int(line)) if line.isdigit() else (frame.source, None)
    return (FRAMES.get(frame.name, ("", "templates/theme.css"))[1] if frame else "templates/calendar.css"), None


def _what(frame: Frame | None) -> str:
    return FRAMES.get(frame.name, ("Ein Text", ""))[0] if frame else "Ein Text"


def _lowered(what: str) -> str:
    """Return a frame's description inside a sentence: 'die Legendenzeile' (its article lowered, its nouns kept)."""
    return what[:1].lower() + what[1:]


def _mm(px: float) -> str:
    return f"{px / PX_PER_MM:.1f}".replace(".", ",")


def _pt(px: float) -> str:
    return f"{px / PX_PER_PT:.1f}".replace(".", ",")


def _outside(text: Text, frame: Frame) -> str:
    rect, bound = text.rect, frame.rect
    if rect.bottom > bound.bottom + TOLERANCE_PX:
        lines = max(1, round((rect.bottom - bound.bottom) / text.line_px + 0.49))
        amount = f"{lines} Zeile{'n' if lines != 1 else ''} zu lang"
    else:
        amount = f"{_mm(max(rect.right - bound.right, bound.left - rect.left, bound.top - rect.top))} mm zu breit"
    return (f"{_what(frame)} ist {amount} für seinen Rahmen ('{text.text.strip()[:40]}') – "
            "bitte den Text kürzen oder in theme.css die Schrift verkleinern.")


def prove_page(page_box: Any, page: int, safe_margin_mm: float, width: float, height: float,
               begun: dict[int, int], sections: dict[int, Any], min_text_pt: float = 0.0) -> list[Violation]:
    """Return what does not fit on one laid-out page (page is the 1-based number in the document).

    `sections` gives each element's page section (`page_sections`); `begun` maps the page sections of
    the pages before (by id) to the page each began on, and is filled in: a text of one of them here has
    run past the end of its own page (an absolutely placed block taller than what is left of the page
    goes on to the next one), and is reported for that page.
    """
    collected, photos = _collect(page_box, sections)
    texts: list[Text] = []
    spilled: list[Text] = []
    for text in collected:
        (spilled if begun.get(id(text.section), page) < page else texts).append(text)
        if text.section is not None:
            begun.setdefault(id(text.section), page)
    found: dict[tuple[str, str], Violation] = {}

    def report(frame: Frame | None, kind: str, message: str, blame: str = "", on: int = page) -> None:
        key = (frame.name + frame.source if frame else "", kind)
        if key not in found:
            path, line = (blame, None) if blame else _where(frame)
            found[key] = Violation(path, line, on, message)

    for text in spilled:
        report(text.frame, "spill", f"{_what(text.frame)} ist zu lang für die Seite und läuft auf die folgende über "
               f"('{text.text.strip()[:40]}') – bitte den Text kürzen oder in theme.css die Schrift verkleinern.",
               on=begun[id(text.section)])
    safe = Rect(safe_margin_mm * PX_PER_MM, safe_margin_mm * PX_PER_MM,
                width - safe_margin_mm * PX_PER_MM, height - safe_margin_mm * PX_PER_MM)
    for text in texts:
        if text.frame is not None and not text.rect.inside(text.frame.rect):
            report(text.frame, "outside", _outside(text, text.frame))
        if not text.rect.inside(safe):
            # a frame placed past the margin is the theme's doing, whatever text it holds
            placed = text.frame is None or not text.frame.rect.inside(safe)
            where = (f"reicht näher als {_mm(safe_margin_mm * PX_PER_MM)} mm an den Seitenrand" if safe_margin_mm > 0
                     else "ragt über den Seitenrand hinaus")
            report(text.frame, "safe", f"{_what(text.frame)} {where} ('{text.text.strip()[:40]}')"
                   + (" – bitte in theme.css Maße oder Ränder anpassen." if placed else "."),
                   "templates/theme.css" if placed else "")
        if text.size_px < min_text_pt * PX_PER_PT - 0.01:  # the type size is the theme's, whatever the content
            report(text.frame, "size", f"{_what(text.frame)} ist in "
                   f"{_pt(text.size_px)} pt gesetzt – gedruckt wird keine Schrift unter {min_text_pt:g} pt "
                   f"('{text.text.strip()[:40]}'). Bitte in theme.css die Schrift vergrößern.", "templates/theme.css")
        if not (text.frame and text.frame.caption) and any(text.rect.overlaps(photo) for photo in photos):
            report(text.frame, "photo", f"{_what(text.frame)} liegt über einem Foto "
                   f"('{text.text.strip()[:40]}').")
    ordered = sorted(texts, key=lambda t: t.rect.top)
    for index, text in enumerate(ordered):
        for other in ordered[index + 1:]:
            if other.rect.top >= text.rect.bottom - TOLERANCE_PX:
                break
            if not text.rect.overlaps(other.rect):
                continue
            pair = f"('{text.text.strip()[:30]}' / '{other.text.strip()[:30]}')"
            if text.frame != other.frame:
                culprit = text.frame if text.frame and not text.rect.inside(text.frame.rect) else other.frame
                report(culprit, "overlap", f"{_what(text.frame)} und {_lowered(_what(other.frame))} "
                       f"überdecken sich {pair}.")
            elif text.line is not other.line:
                report(text.frame, "overlap", f"{_what(text.frame)} – zwei Zeilen darin überdecken "
                       f"sich {pair}.")
    return list(found.values())


# Frames whose page takes the theme's compact step (the class `compact` on its <section>: calendar.css) when their
# text runs past their bottom or over another frame's: a month's feast list, a column of explanations, a day of a
# six-week month (its last row under the legend). Their lengths are the content's (a month with many feasts, a
# language with longer names, a feast on the 31st), not the designer's; the step is theme.css's. A day of the poster
# whose dots run into its names (four on one day, 23 April 2038, in the turned poster's 13.5 mm head) takes it too.
COMPACT_FRAMES = frozenset({"month-list", "column", "day", "poster-day"})


def _compactable(text: Text) -> bool:
    return text.frame is not None and text.frame.name in COMPACT_FRAMES and text.section is not None


def crowded_sections(document: Any) -> list[Any]:
    """Return the page sections (elements) in which a text of COMPACT_FRAMES runs below its frame, over a text of
    another frame (the legend below a month's list) or over another line of its own frame (a day's dots over its
    names)."""
    if not document.pages:
        return []
    sections = page_sections(document.pages[0]._page_box)
    crowded: dict[int, Any] = {}
    for page in document.pages:
        ordered = sorted(_collect(page._page_box, sections)[0], key=lambda t: t.rect.top)
        for index, text in enumerate(ordered):
            if _compactable(text) and text.frame and text.rect.bottom > text.frame.rect.bottom + TOLERANCE_PX:
                crowded[id(text.section)] = text.section
            for other in ordered[index + 1:]:  # swept as in prove_page: only texts that begin above this one's end
                if other.rect.top >= text.rect.bottom - TOLERANCE_PX:
                    break
                if (other.frame != text.frame or other.line is not text.line) and text.rect.overlaps(other.rect):
                    crowded.update((id(t.section), t.section) for t in (text, other) if _compactable(t))
    return list(crowded.values())


# What a page is called in a message, by the class of its section (templates/pages/*.html.j2); a month by its name.
PAGE_TITLES = {"legend": "Legende", "explanations": "Erklärungen", "outlook": "Ausblick", "imprint": "Impressum",
               "poster": "Jahresplakat"}


def page_title(section: Any) -> str:
    """Return what a page section is called in a message: 'Juli', 'Erklärungen' …"""
    number = (section.get("id") or "").removeprefix("monat-")
    if number.isdigit() and 1 <= int(number) <= len(MONTHS):
        return MONTHS[int(number) - 1]
    kinds = (section.get("class") or "").split()
    return next((PAGE_TITLES[kind] for kind in kinds if kind in PAGE_TITLES), "")


def compact_pages(document: Any) -> tuple[tuple[int, str], ...]:
    """Return the number (from 1) and title of each page whose section is set in the theme's compact step."""
    if not document.pages:
        return ()
    sections = page_sections(document.pages[0]._page_box)
    found = []
    for number, page in enumerate(document.pages, 1):
        section = next((t.section for t in _collect(page._page_box, sections)[0] if t.section is not None), None)
        if section is not None and "compact" in (section.get("class") or "").split():
            found.append((number, page_title(section)))
    return tuple(found)


def prove(document: Any, safe_margin_mm: float, first_page: int = 1, min_text_pt: float = 0.0) -> list[Violation]:
    """Return every violation of the fit proof in a laid-out WeasyPrint document (`min_text_pt`: smallest type)."""
    begun: dict[int, int] = {}
    sections = page_sections(document.pages[0]._page_box) if document.pages else {}
    return [v for index, page in enumerate(document.pages)
            for v in prove_page(page._page_box, first_page + index, safe_margin_mm, page.width, page.height, begun,
                                sections, min_text_pt)]
