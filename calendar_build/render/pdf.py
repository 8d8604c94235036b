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
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import unquote, urlparse

import cssselect2
import pydyf
from calendar_build.render.libraries import import_weasyprint

import_weasyprint()  # first: WeasyPrint's C libraries looked up in the linker cache (see render/libraries.py)

from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from calendar_build import workers
from calendar_build.output import atomic_file
from calendar_build.photos.colour import SRGB_ICC
from calendar_build.products import Product
from calendar_build.render.condition import REGISTRY_NAME, PrintCondition
from calendar_build.render.fit import Violation, compact_pages, crowded_sections, prove
from calendar_build.render.join import join_pdfs
from calendar_build.render import html_parser, image_ids, lang_tags
from calendar_build.render.marks import add_crop_marks
from calendar_build.render.overprint import overprint_black

SYSTEM_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
# The sRGB profile that RGB images are tagged with: an ICC version 2 profile (Debian libgs-common),
# since PDF/X-4 is PDF 1.6, which knows ICC profiles up to version 4.1 (LittleCMS writes 4.4).
PDF_SRGB_PROFILE = Path("/usr/share/color/icc/ghostscript/srgb.icc")

html_parser.install()  # the HTML parser's pattern cache repaired (see render/html_parser.py)
lang_tags.install()  # /Lang per element and /ActualText of Indic words in tagged (PDF/UA) output
image_ids.install()  # images named alike in whatever folder the project lies


class LocalFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type information
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

    parts: tuple[str, ...]  # HTML of consecutive page ranges: several are set in parallel processes, then joined
    base_dir: Path  # relative URLs in the HTML resolve here (the templates folder)
    generated_css: str  # fonts, page size, category colours, colour profile
    allowed: tuple[Path, ...]  # folders files may be read from
    product: Product  # page size, bleed, marks, PDF flavour, safe margin
    output_profile: Path | None = None  # CMYK ICC profile of a CMYK product
    crop_marks: bool = True  # where the product has them (a preview has none)
    condition: PrintCondition | None = None  # the registered print condition the output intent names
    strict: bool = False  # any WeasyPrint warning keeps the PDF from being written
    parallel: bool = True  # set the parts in parallel processes (the PDF is the same either way)
    scratch: Path | None = None  # where the parts' files are made before they are joined (default: temp folder)
    draft: bool = False  # a PDF only a previewer reads: not compressed, the parsed stylesheet kept for the next one

    @property
    def places(self) -> image_ids.Places:
        """Return the job's folders with names of their own (the PDF's bytes must not depend on where they lie).

        Named by what they hold, never by their place in `allowed`: a process's temporary folders come and go
        (and keep their own paths, they hold nothing of a normal build).
        """
        named = {self.base_dir.parent: "ROOT"}
        if self.scratch is not None:
            named[self.scratch] = "CACHE"
        if self.output_profile is not None:
            named[self.output_profile.parent] = "PROFILE"
        return image_ids.places(named)

    @property
    def key(self) -> str:
        """Return a digest of everything rendered (the PDF's DocumentID derives from it), its folders named."""
        where = self.places
        digest = hashlib.sha256(image_ids.neutral(self.generated_css, where).encode())
        for part in self.parts:
            digest.update(b"\0" + image_ids.neutral(part, where).encode())
        return digest.hexdigest()


@dataclass
class PdfResult:
    """What WeasyPrint said while making the PDF (written to the target)."""

    warnings: list[str] = field(default_factory=list)
    missing_glyphs: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    pages: int = 0
    written: bool = False
    violations: list[Violation] = field(default_factory=list)  # the fit proof's findings: nothing written
    compacted: list[tuple[int, str]] = field(default_factory=list)  # pages set in the theme's compact step: number, title


@dataclass(frozen=True)
class _Part:
    """One page range set by WeasyPrint: whether its PDF may be used, and what was said."""

    usable: bool  # written, and nothing missing, refused or (strict) warned about
    messages: tuple[str, ...]
    refused: tuple[str, ...]
    pages: int
    violations: tuple[Violation, ...]  # the fit proof's findings, page numbers within the part
    compacted: tuple[tuple[int, str], ...] = ()  # pages set in the theme's compact step, numbered within the part


class _Rejected(Exception):
    """Raised inside the atomic write to throw the written PDF away."""


_NOTDEF = re.compile(r"\.notdef glyph|No glyph", re.I)


def _finisher(key: str, crop_marks_bleed: float | None,  # type: ignore[no-untyped-def]
              condition: PrintCondition | None = None):
    """Return a finisher: a DocumentID derived from the inputs (PDF/X-4 writes a random one), crop marks,
    the registered print condition in the output intent."""
    document_id = f"xmp.did:{uuid.uuid5(uuid.NAMESPACE_URL, key)}".encode()

    def finish(document, pdf) -> None:  # type: ignore[no-untyped-def]
        if crop_marks_bleed is not None:
            add_crop_marks(pdf, crop_marks_bleed)
        tag_rgb_images(pdf)
        if condition is not None:
            name_condition(pdf, condition)
            overprint_black(pdf)
        metadata = pdf.catalog.get("Metadata") if hasattr(pdf.catalog, "get") else None
        if metadata is None:
            return
        number = int(bytes(metadata).split()[0])
        stream = pdf.objects[number]
        stream.stream = [re.sub(rb"(xmp|uuid)[.:]did:[0-9a-f-]{36}|uuid:[0-9a-f-]{36}", document_id, bytes(part))
                         for part in stream.stream]

    return finish


def name_condition(pdf: pydyf.PDF, condition: PrintCondition) -> None:
    """Name the registered print condition in the output intent (WeasyPrint names the profile's file).

    ISO 15930-7 (PDF/X-4), 6.2.4: OutputConditionIdentifier as registered, RegistryName of the
    registry, OutputCondition and Info in words; DestOutputProfile stays the profile WeasyPrint embedded.
    """
    for intent in pdf.catalog.get("OutputIntents") or ():
        intent["OutputConditionIdentifier"] = pydyf.String(condition.identifier)
        intent["RegistryName"] = pydyf.String(REGISTRY_NAME)
        intent["OutputCondition"] = pydyf.String(condition.condition)
        intent["Info"] = pydyf.String(condition.info)


def tag_rgb_images(pdf: pydyf.PDF) -> None:
    """State the sRGB profile of RGB images: WeasyPrint writes them as DeviceRGB, which PDF/X-4 forbids.

    Every prepared photo is sRGB (`photos.colour`), and so is an untagged image on the web, as CSS says.
    """
    images = [obj for obj in pdf.objects if isinstance(obj, pydyf.Stream)
              and obj.extra.get("Subtype") == "/Image" and obj.extra.get("ColorSpace") == "/DeviceRGB"]
    if not images:
        return
    data = PDF_SRGB_PROFILE.read_bytes() if PDF_SRGB_PROFILE.is_file() else SRGB_ICC
    profile = pydyf.Stream([data], pydyf.Dictionary({"N": 3}), compress=True)
    pdf.add_object(profile)
    for image in images:
        image.extra["ColorSpace"] = pydyf.Array(("/ICCBased", profile.reference))


def render_pdf(job: PdfJob, target: Path | None) -> PdfResult:
    """Render the job and write the PDF atomically to `target`; collect warnings, missing glyphs, refused URLs.

    Without a target the pages are only laid out and proven to fit (`check`).

    Each part of the job is set by WeasyPrint in a process of its own (layout takes one core per
    document), the first one in this process; the parts' files are then joined into one PDF. The
    PDF is written only when no glyph is missing, no URL was refused and no block overflows: the
    earlier file stays as it was otherwise.
    """
    if target is None:
        parts = [_render_part(job, index, None) for index in range(len(job.parts))]
    elif len(job.parts) == 1:
        try:
            with atomic_file(target) as stream:  # written as it is drawn: no copy of the PDF in memory
                parts = [_render_part(job, 0, stream)]
                if not parts[0].usable:
                    raise _Rejected
        except _Rejected:
            pass
    else:
        with _scratch_folder(job) as folder:
            files = [Path(folder) / f"part-{index + 1}.pdf" for index in range(len(job.parts))]
            parts = _render_parts(job, files)
            if all(part.usable for part in parts):
                with atomic_file(target) as stream:
                    join_pdfs(files, stream)
    messages = list(dict.fromkeys(m for part in parts for m in part.messages))
    refused = list(dict.fromkeys(url for part in parts for url in part.refused))
    violations, compacted, offset = [], [], 0
    for part in parts:
        violations += [_renumbered(v, offset) for v in part.violations]
        compacted += [(number + offset, title) for number, title in part.compacted]
        offset += part.pages
    glyphs = [m for m in messages if _NOTDEF.search(m)]
    warnings = [m for m in messages if not _NOTDEF.search(m) and "refused:" not in m]
    return PdfResult(warnings, glyphs, refused, offset, written=target is not None and all(p.usable for p in parts),
                     violations=violations, compacted=compacted)


def _renumbered(violation: Violation, offset: int) -> Violation:
    """Return a fit violation with its page counted in the whole PDF instead of the part."""
    return replace(violation, page=violation.page + offset)


def _scratch_folder(job: PdfJob) -> tempfile.TemporaryDirectory[str]:
    """Return a new folder for the parts' files: in the scratch folder, else in the system's temporary one."""
    try:
        return tempfile.TemporaryDirectory(prefix=".parts-", dir=_scratch(job))
    except OSError:  # a read-only project, a file in the cache's place, the cache deleted meanwhile
        return tempfile.TemporaryDirectory(prefix="calendar-build-parts-")


STALE_SCRATCH_SECONDS = 3600  # a parts folder this old was left by a build that was killed


def _scratch(job: PdfJob) -> Path | None:
    """Return the folder for the parts' files (made if missing), after removing folders killed builds left."""
    if job.scratch is None:
        return None
    job.scratch.mkdir(parents=True, exist_ok=True)
    for stale in job.scratch.glob(".parts-*"):
        try:
            if time.time() - stale.stat().st_mtime > STALE_SCRATCH_SECONDS:
                shutil.rmtree(stale, ignore_errors=True)
        except OSError:
            pass
    return job.scratch


def _render_parts(job: PdfJob, files: list[Path]) -> list[_Part]:
    """Set every part into its file: the first here, the others in worker processes at the same time."""
    others = [(job, index, files[index]) for index in range(1, len(job.parts))]
    rest, first = workers.run_all(_render_numbered, others, len(job.parts) if job.parallel else 1,
                                  lambda: _render_part_file(job, 0, files[0]))
    assert first is not None
    return [first, *rest]


def _render_numbered(work: tuple[PdfJob, int, Path]) -> _Part:
    return _render_part_file(*work)


def _render_part_file(job: PdfJob, index: int, path: Path) -> _Part:
    with path.open("wb") as stream:
        return _render_part(job, index, stream)


@dataclass(frozen=True)
class _Stylesheet:
    """The generated stylesheet parsed, with the fonts and colour profiles it loaded (WeasyPrint shares them)."""

    key: tuple[str, tuple[Path, ...], Path]  # the CSS, the allowed folders, the base folder
    font_config: FontConfiguration
    color_profiles: dict[str, object]
    css: CSS


_kept: list[_Stylesheet] = []  # the last draft's stylesheet, parsed without a warning or refusal


def _stylesheet(job: PdfJob, fetcher: LocalFetcher, base_url: str, messages: list[str]) -> _Stylesheet:
    """Return the job's stylesheet parsed; a draft reuses the last one when nothing it depends on changed."""
    key = (job.generated_css, job.allowed, job.base_dir)
    if job.draft and _kept and _kept[0].key == key:
        return _kept[0]
    font_config, color_profiles = FontConfiguration(), dict[str, object]()
    css = CSS(string=job.generated_css, font_config=font_config, color_profiles=color_profiles,
              url_fetcher=fetcher, base_url=base_url)
    parsed = _Stylesheet(key, font_config, color_profiles, css)
    if job.draft and not messages and not fetcher.refused:  # what was said about it is said every time
        _kept[:] = [parsed]
    return parsed


def _render_part(job: PdfJob, index: int, stream: BinaryIO | None) -> _Part:
    """Set one part and write its PDF to `stream` unless something does not fit; say whether it may be used."""
    product = job.product
    fetcher = LocalFetcher(job.allowed + SYSTEM_FONT_DIRS)
    base_url = job.base_dir.as_uri() + "/"
    with collected_warnings() as messages, image_ids.named(job.places):
        sheet = _stylesheet(job, fetcher, base_url, messages)
        font_config, color_profiles, css = sheet.font_config, sheet.color_profiles, sheet.css
        html = HTML(string=job.parts[index], base_url=base_url, url_fetcher=fetcher)
        document = html.render(stylesheets=[css], font_config=font_config, color_profiles=color_profiles)
        crowded = crowded_sections(document)
        if crowded:  # set once more with those pages in the theme's compact step
            document = compacted(html, crowded).render(stylesheets=[css], font_config=font_config,
                                                       color_profiles=color_profiles)
        compact = compact_pages(document) if crowded else ()
        violations = tuple(prove(document, product.safe_margin_mm, min_text_pt=product.min_text_pt))
        marks = product.bleed_mm if product.crop_marks and job.crop_marks else None
        options: dict[str, str | bool] = {"pdf_variant": product.pdf_variant, "uncompressed_pdf": job.draft}
        if product.colour == "cmyk":
            options["output_intent"] = "device-cmyk"
        # Drawing is where missing glyphs are reported: only a part without them may be used.
        if not violations and stream is not None:
            document.write_pdf(stream, finisher=_finisher(job.key, marks, job.condition), **options)
        usable = not violations and not _bad(messages, fetcher.refused, job.strict)
    return _Part(usable, tuple(messages), tuple(fetcher.refused), len(document.pages), violations, compact)


def compacted(html: HTML, sections: list[Any]) -> HTML:
    """Return the parsed HTML with the class `compact` on the given page sections (calendar.css: the theme's step)."""
    for section in sections:
        section.set("class", f"{section.get('class') or ''} compact".strip())
    # WeasyPrint matches selectors on cssselect2's wrapper of the tree, which keeps the classes it read
    html.wrapper_element = cssselect2.ElementWrapper.from_html_root(html.etree_element, content_language=None)
    return html


def _bad(messages: list[str], refused: list[str], strict: bool) -> bool:
    """Return whether the PDF must not be kept."""
    return bool(refused) or any(_NOTDEF.search(m) for m in messages) or (strict and bool(messages))
