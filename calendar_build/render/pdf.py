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


@dataclass
class PdfResult:
    """The PDF and what WeasyPrint said while making it."""

    data: bytes
    warnings: list[str] = field(default_factory=list)
    missing_glyphs: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    pages: int = 0


_NOTDEF = re.compile(r"\.notdef glyph|No glyph", re.I)


def _finisher(key: str):  # type: ignore[no-untyped-def]
    """Return a finisher replacing PDF/X-4's random XMP DocumentID by one derived from the inputs."""
    document_id = f"xmp.did:{uuid.uuid5(uuid.NAMESPACE_URL, key)}".encode()

    def finish(document, pdf) -> None:  # type: ignore[no-untyped-def]
        metadata = pdf.catalog.get("Metadata") if hasattr(pdf.catalog, "get") else None
        if metadata is None:
            return
        number = int(bytes(metadata).split()[0])
        stream = pdf.objects[number]
        stream.stream = [re.sub(rb"(xmp|uuid)[.:]did:[0-9a-f-]{36}|uuid:[0-9a-f-]{36}", document_id, bytes(part))
                         for part in stream.stream]

    return finish


def render_pdf(job: PdfJob) -> PdfResult:
    """Render the job to PDF bytes, collecting warnings, missing glyphs and refused URLs."""
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
        if job.variant == "print":
            data = document.write_pdf(
                pdf_variant="pdf/x-4", output_intent="device-cmyk", finisher=_finisher(key),
            )
        else:
            data = document.write_pdf(pdf_variant="pdf/ua-1", finisher=_finisher(key))
    if job.variant == "print" and job.crop_marks:
        data = add_crop_marks(data, job.bleed_mm)
    glyphs = [m for m in messages if _NOTDEF.search(m)]
    return PdfResult(data, [m for m in messages if m not in glyphs], glyphs, list(fetcher.refused), len(document.pages))
