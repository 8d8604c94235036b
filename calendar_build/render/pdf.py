"""HTML -> PDF with WeasyPrint: local files only, PDF/X-4 with a CMYK output intent, reproducible.

Facts about WeasyPrint 70 this relies on (measured):
- `@color-profile` works only when the same `color_profiles` dict goes to CSS() and render();
  its `components` must be comma-separated ("c, m, y, k"), otherwise the profile is broken.
- PDF/X-4 writes the clock into the metadata and a random XMP DocumentID: the dcterms meta
  tags and the finisher below make both depend on the inputs only.
- WeasyPrint reports missing glyphs and refused resources only through its logger.
"""

from __future__ import annotations

import hashlib
import logging
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from calendar_build.output import atomic_file
from calendar_build.render.marks import add_crop_marks

SYSTEM_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))


class LocalFetcher(URLFetcher):
    """Fetch only files inside the allowed folders; refuse every other URL (and remember it)."""

    def __init__(self, allowed: tuple[Path, ...]) -> None:
        super().__init__(allowed_protocols=("file",))
        self.allowed = tuple(p.resolve() for p in allowed)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        """Return the file's response, or raise ValueError for anything outside the allowed folders."""
        parsed = urlparse(url)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path)).resolve()
            if any(path == root or root in path.parents for root in self.allowed):
                return super().fetch(url, headers)
        self.refused.append(url)
        raise ValueError(f"refused: {url}")


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def collected_warnings() -> Iterator[list[str]]:
    """Collect WeasyPrint's warnings (its logger is silent by default)."""
    logger = logging.getLogger("weasyprint")
    handler = _Collector()
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


@dataclass(frozen=True)
class PdfJob:
    """Everything WeasyPrint needs for one PDF."""

    html: str
    base_dir: Path  # relative URLs in the HTML resolve here (the templates folder)
    generated_css: str  # fonts, page size, category colours, colour profile
    allowed: tuple[Path, ...]  # folders files may be read from
    variant: str  # print | screen
    output_profile: Path | None = None  # CMYK ICC profile for print
    crop_marks: bool = True
    bleed_mm: float = 3.0
    strict: bool = False  # any WeasyPrint warning keeps the PDF from being written


@dataclass
class PdfResult:
    """What WeasyPrint said while making the PDF (written to the target)."""

    warnings: list[str] = field(default_factory=list)
    missing_glyphs: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    pages: int = 0
    written: bool = False
    overflows: list[str] = field(default_factory=list)


class _Rejected(Exception):
    """Raised inside the atomic write to throw the written PDF away."""


_NOTDEF = re.compile(r"\.notdef glyph|No glyph", re.I)


def _finisher(key: str, crop_marks_bleed: float | None):  # type: ignore[no-untyped-def]
    """Return a finisher: a DocumentID derived from the inputs (PDF/X-4 writes a random one), crop marks."""
    document_id = f"xmp.did:{uuid.uuid5(uuid.NAMESPACE_URL, key)}".encode()

    def finish(document, pdf) -> None:  # type: ignore[no-untyped-def]
        if crop_marks_bleed is not None:
            add_crop_marks(pdf, crop_marks_bleed)
        metadata = pdf.catalog.get("Metadata") if hasattr(pdf.catalog, "get") else None
        if metadata is None:
            return
        number = int(bytes(metadata).split()[0])
        stream = pdf.objects[number]
        stream.stream = [re.sub(rb"(xmp|uuid)[.:]did:[0-9a-f-]{36}|uuid:[0-9a-f-]{36}", document_id, bytes(part))
                         for part in stream.stream]

    return finish


def render_pdf(job: PdfJob, target: Path) -> PdfResult:
    """Render the job and write the PDF atomically to `target`; collect warnings, missing glyphs, refused URLs.

    The PDF is written only when no glyph is missing and no URL was refused: the earlier
    file stays as it was otherwise.
    """
    fetcher = LocalFetcher(job.allowed + SYSTEM_FONT_DIRS)
    font_config = FontConfiguration()
    color_profiles: dict[str, object] = {}
    key = hashlib.sha256(job.html.encode() + job.generated_css.encode()).hexdigest()
    with collected_warnings() as messages:
        css = CSS(string=job.generated_css, font_config=font_config, color_profiles=color_profiles,
                  url_fetcher=fetcher, base_url=job.base_dir.as_uri() + "/")
        document = HTML(string=job.html, base_url=job.base_dir.as_uri() + "/", url_fetcher=fetcher).render(
            stylesheets=[css], font_config=font_config, color_profiles=color_profiles,
        )
        overflows = overflowing_boxes(document)
        marks = job.bleed_mm if job.variant == "print" and job.crop_marks else None
        options = ({"pdf_variant": "pdf/x-4", "output_intent": "device-cmyk"} if job.variant == "print"
                   else {"pdf_variant": "pdf/ua-1"})
        # Drawing is where missing glyphs are reported: write into the temporary file beside the
        # target and keep it only when nothing was missing, refused or (strict) warned about.
        try:
            if overflows:
                raise _Rejected  # text would run off its page or over other text: nothing is written
            with atomic_file(target) as stream:
                document.write_pdf(stream, finisher=_finisher(key, marks), **options)
                if _bad(messages, fetcher.refused, job.strict):
                    raise _Rejected
        except _Rejected:
            pass
    glyphs = [m for m in messages if _NOTDEF.search(m)]
    warnings = [m for m in messages if not _NOTDEF.search(m) and "refused:" not in m]
    return PdfResult(warnings, glyphs, list(fetcher.refused), len(document.pages),
                     written=not overflows and not _bad(messages, fetcher.refused, job.strict), overflows=overflows)


# Blocks that must end inside their area: the explanation columns above the page foot, the month's
# list above the legend strip, the legend strip above the trim edge. Names as the message shows them.
PX_PER_MM = 96 / 25.4
PAGE_FOOT_MM = 5.0


def _boxes(box, classes: set[str]):  # type: ignore[no-untyped-def]
    """Yield (class, box) for the boxes of an element with one of the classes, depth first."""
    element = getattr(box, "element", None)
    names = (element.get("class") or "").split() if element is not None and hasattr(element, "get") else []
    for name in names:
        if name in classes:
            yield name, box
    for child in getattr(box, "children", ()):
        yield from _boxes(child, classes)


def overflowing_boxes(document) -> list[str]:  # type: ignore[no-untyped-def]
    """Return a German line for every watched block that runs past the end of its area."""
    found: list[str] = []
    for number, page in enumerate(document.pages, start=1):
        boxes = list(_boxes(page._page_box, {"column", "month-list", "legend-strip"}))
        legend_top = min((b.position_y for name, b in boxes if name == "legend-strip"), default=None)
        foot = page.height - PAGE_FOOT_MM * PX_PER_MM
        for name, box in boxes:
            bottom = box.position_y + box.margin_height()
            if name == "column" and bottom > foot:
                found.append(f"Seite {number}: eine Spalte der Festerklärungen läuft über den Rand ihres Bereichs")
            elif name == "month-list" and legend_top is not None and bottom > legend_top:
                found.append(f"Seite {number}: die Festliste des Monats läuft über den Rand ihres Bereichs")
            elif name == "legend-strip" and bottom > page.height:
                found.append(f"Seite {number}: die Legendenzeile läuft über den Rand ihres Bereichs")
    return list(dict.fromkeys(found))


def _bad(messages: list[str], refused: list[str], strict: bool) -> bool:
    """Return whether the PDF must not be kept."""
    return bool(refused) or any(_NOTDEF.search(m) for m in messages) or (strict and bool(messages))
