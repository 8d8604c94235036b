"""HTML -> PDF with WeasyPrint: local files only, PDF/X-4 with a CMYK output intent, reproducible.

Facts about WeasyPrint 70 this relies on (measured):
- `@color-profile` works only when the same `color_profiles` dict goes to CSS() and render();
  its `components` must be comma-separated ("c, m, y, k"), otherwise the profile is broken.
- PDF/X-4 writes the clock into the metadata and a random XMP DocumentID: the dcterms meta
  tags and the finisher below make both depend on the inputs only.
- WeasyPrint reports missing glyphs and refused resources only through its logger.
- A FontConfiguration writes the fonts of `@font-face` rules into a temporary folder of its own
  (`_folder`, 'weasyprint-…') and removes it only when it is collected – which a pool worker ending
  with os._exit, and often the interpreter at exit, never does: `_discard` removes it.
"""

from __future__ import annotations

import atexit
import io
import logging
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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

from calendar_build.paths import machine_cache
from calendar_build.photos.colour import SRGB_ICC
from calendar_build.render.condition import REGISTRY_NAME, PrintCondition
from calendar_build.render.assets import SYSTEM_FONT_DIRS
from calendar_build.render.fit import compact_pages, crowded_sections, prove
from calendar_build.render import (cffi_arrays, color_profiles, compression, html_parser, hyphenation, image_ids,
                                   lang_tags, part_cache, user_agent)
from calendar_build.render.job import NOTDEF, Part, PdfJob
from calendar_build.render.join import XMP_DOCUMENT_ID, document_id
from calendar_build.render.marks import add_crop_marks
from calendar_build.render.overprint import overprint_black

# The sRGB profile that RGB images are tagged with: an ICC version 2 profile (Debian libgs-common),
# since PDF/X-4 is PDF 1.6, which knows ICC profiles up to version 4.1 (LittleCMS writes 4.4).
PDF_SRGB_PROFILE = Path("/usr/share/color/icc/ghostscript/srgb.icc")

html_parser.install()  # the HTML parser's pattern cache repaired (see render/html_parser.py)
cffi_arrays.install()  # the font subsetter's arrays made without a type parsed for each (render/cffi_arrays.py)
compression.install()  # streams compressed at zlib's level 6, not 9 (render/compression.py)
color_profiles.install()  # ICC profiles embedded as read, also from a shared stylesheet (render/color_profiles.py)
lang_tags.install()  # /Lang per element and /ActualText of Indic words in tagged (PDF/UA) output
image_ids.install()  # images named alike in whatever folder the project lies


class LocalFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type information
    """Fetch only files inside the allowed folders; refuse every other URL (and remember it)."""

    def __init__(self, allowed: tuple[Path, ...]) -> None:
        super().__init__(allowed_protocols=("file",))
        self.allowed = tuple(p.resolve() for p in allowed)
        self.refused: list[str] = []
        self.read: dict[str, part_cache.Signature] = {}  # each file fetched, as it was before it was read

    def fetch(self, url: str, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        """Return the file's response, or raise ValueError for anything outside the allowed folders."""
        parsed = urlparse(url)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path)).resolve()
            if any(path == root or root in path.parents for root in self.allowed):
                found = part_cache.signature(path)
                if found is not None:
                    self.read.setdefault(str(path), found)
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


def _finisher(key: str, crop_marks_bleed: float | None,  # type: ignore[no-untyped-def]
              condition: PrintCondition | None = None):
    """Return a finisher: a DocumentID derived from the inputs (PDF/X-4 writes a random one), crop marks,
    the registered print condition in the output intent."""
    identifier = document_id(key)

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
        stream.stream = [XMP_DOCUMENT_ID.sub(identifier, bytes(part)) for part in stream.stream]

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


@dataclass(frozen=True)
class _Stylesheet:
    """The generated stylesheet parsed, with the fonts and colour profiles it loaded (WeasyPrint shares them)."""

    key: tuple[str, tuple[Path, ...], Path]  # the CSS, the allowed folders, the base folder
    font_config: FontConfiguration
    color_profiles: dict[str, object]
    css: CSS
    owner: int  # the process that parsed it (a forked worker inherits the parent's and must leave it be)
    read: tuple[tuple[str, part_cache.Signature], ...] = ()  # the files fetched while it was parsed


_kept: list[_Stylesheet] = []  # the last draft's stylesheet, parsed without a warning or refusal
_shared: list[_Stylesheet | None] = []  # while parts are set one after another (`sharing`): their stylesheet
_ahead: list[_Stylesheet] = []  # parsed before its parts came (`parse_ahead`), for them and the processes forked since


@contextmanager
def sharing() -> Iterator[None]:
    """Let the parts set in this process meanwhile share one parsed stylesheet (parsed without a message)."""
    _shared.append(None)
    try:
        yield
    finally:
        sheet = _shared.pop()
        if sheet is not None and all(sheet is not kept for kept in _kept):
            _discard(sheet)


def _discard(sheet: _Stylesheet) -> None:
    """Remove the folder of the fonts the stylesheet's `@font-face` rules loaded, if this process made it."""
    folder = getattr(sheet.font_config, "_folder", None)
    if folder is not None and sheet.owner == os.getpid():
        shutil.rmtree(folder, ignore_errors=True)
        sheet.font_config._folder = None  # its __del__ has nothing left to do


def _discard_kept() -> None:
    """Remove the kept draft stylesheet's fonts (at the end of a `watch` or `serve` process)."""
    for sheet in _kept:
        _discard(sheet)


def parse_ahead(job: PdfJob) -> None:
    """Parse the job's stylesheet before its parts come: in the worker that will set them, while the main process
    builds the pages (a tenth of a second), so that it and the processes it forks for the other parts find it parsed.

    Kept only where parsing it said nothing (otherwise every part parses it and says so); `forget_ahead` removes it
    once the parts are set. Never raises: a part that parses the stylesheet itself meets any problem and reports it.
    """
    fetcher = _fetcher(job)
    try:
        with collected_warnings() as messages, image_ids.named(job.places):
            sheet = _parse(job, fetcher)
    except Exception:  # noqa: BLE001 - see above
        return
    forget_ahead()
    if messages or fetcher.refused:
        _discard(sheet)
    else:
        _ahead.append(sheet)


def forget_ahead() -> None:
    """Drop the stylesheets parsed ahead, their fonts' folder removed by the process that parsed them."""
    for sheet in _ahead:
        _discard(sheet)
    _ahead.clear()


atexit.register(_discard_kept)


def _stylesheet(job: PdfJob, fetcher: LocalFetcher, messages: list[str]) -> _Stylesheet:
    """Return the job's stylesheet parsed; a draft reuses the last one when nothing it depends on changed."""
    key = _key(job)
    if job.draft and _kept and _kept[0].key == key:
        return _kept[0]
    for ready in (*_ahead, *_shared[-1:]):
        if ready is not None and ready.key == key:
            fetcher.read.update(ready.read)  # what the part rests on (render/part_cache.py)
            return ready
    parsed = _parse(job, fetcher)
    # Shared or kept only where what was said about it would be said every time.
    clean = not messages and not fetcher.refused
    # Kept for the next draft only by the process that drafts again: a pool's worker (a preview's second part)
    # ends with its part.
    if job.draft and clean and multiprocessing.parent_process() is None:
        _discard_kept()
        _kept[:] = [parsed]
    elif _shared and clean:
        if _shared[-1] is not None:
            _discard(_shared[-1])
        _shared[-1] = parsed
    return parsed


def _fetcher(job: PdfJob) -> LocalFetcher:
    """Return a fetcher of the files the job may read: its folders and the system's fonts."""
    return LocalFetcher(job.allowed + SYSTEM_FONT_DIRS)


def _key(job: PdfJob) -> tuple[str, tuple[Path, ...], Path]:
    return job.generated_css, job.allowed, job.base_dir


def _parse(job: PdfJob, fetcher: LocalFetcher) -> _Stylesheet:
    """Return the job's stylesheet parsed with its own fonts and colour profiles, and the files it fetched."""
    font_config, color_profiles = FontConfiguration(), dict[str, object]()
    css = CSS(string=job.generated_css, font_config=font_config, color_profiles=color_profiles,
              url_fetcher=fetcher, base_url=job.base_dir.as_uri() + "/")
    return _Stylesheet(_key(job), font_config, color_profiles, css, os.getpid(), tuple(fetcher.read.items()))


@contextmanager
def _parsed(job: PdfJob, fetcher: LocalFetcher, messages: list[str]) -> Iterator[_Stylesheet]:
    """Yield the job's stylesheet parsed; afterwards remove the folder of its fonts unless a draft keeps it."""
    sheet = _stylesheet(job, fetcher, messages)
    try:
        yield sheet
    finally:
        if all(sheet is not kept for kept in (*_kept, *_shared, *_ahead)):
            _discard(sheet)


def warm(languages: Iterable[str]) -> None:
    """Put the hyphenation dictionaries of `languages` into Pyphen's cache (read from the machine's cache)."""
    hyphenation.warm_all(machine_cache("hyphenation"), languages)


# A page set once where a process is made ready for parts: what WeasyPrint does only the first time (C types
# declared, Pango's font map, the narrowed user-agent stylesheet parsed) is then done before the parts come.
WARM_UP = '<html lang="de"><body><p>Aa Ää ß 12</p><table><tr><td>1</td></tr></table></body></html>'


def warm_up() -> None:
    """Set and write WARM_UP once (into nothing kept), so that this process and those it forks start on their first
    part as on any later one."""
    with collected_warnings():
        page = _Page(WARM_UP, Path(tempfile.gettempdir()).as_uri() + "/", LocalFetcher(()), user_agent.narrowed(""))
        page.render().write_pdf(io.BytesIO())


def _render_part(job: PdfJob, index: int, stream: BinaryIO | None) -> Part:
    """Set one part and write its PDF to `stream` unless something does not fit; say whether it may be used."""
    warm(job.languages)  # at once where the process was made ready
    product = job.product
    # what the part depends on besides its fetched files, for the cache of parts (a PDF written, no draft)
    keeping = stream is not None and job.kept_parts is not None
    program, settled = part_cache.dependencies(skip=(Path(tempfile.gettempdir()),)) if keeping else ({}, False)
    if keeping and (profile := part_cache.signature(PDF_SRGB_PROFILE)) is not None:  # read by tag_rgb_images
        program[str(PDF_SRGB_PROFILE)] = profile
    fetcher = _fetcher(job)
    base_url = job.base_dir.as_uri() + "/"
    with (collected_warnings() as messages, image_ids.named(job.places),
          _parsed(job, fetcher, messages) as sheet):
        font_config, color_profiles, css = sheet.font_config, sheet.color_profiles, sheet.css
        html = _Page(job.parts[index], base_url, fetcher, user_agent.narrowed(job.generated_css))
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
            document.write_pdf(stream, finisher=_finisher(job.part_key(index), marks, job.condition), **options)
        usable = not violations and not _bad(messages, fetcher.refused, job.strict)
    depends = tuple(sorted({**program, **fetcher.read}.items())) if keeping else ()
    return Part(usable, tuple(messages), tuple(fetcher.refused), len(document.pages), violations, compact,
                depends, settled)


class _Page(HTML):  # type: ignore[misc]  # WeasyPrint has no type information
    """A part's HTML, styled by the user-agent stylesheet narrowed to the boxes its pages can have
    (render/user_agent.py)."""

    def __init__(self, html: str, base_url: str, fetcher: URLFetcher, user_agent: CSS) -> None:
        super().__init__(string=html, base_url=base_url, url_fetcher=fetcher)
        self._user_agent = user_agent

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        return [self._user_agent, *super()._ua_stylesheets(forms)[1:]]  # forms: WeasyPrint's forms sheet after it


def compacted(html: HTML, sections: list[Any]) -> HTML:
    """Return the parsed HTML with the class `compact` on the given page sections (calendar.css: the theme's step)."""
    for section in sections:
        section.set("class", f"{section.get('class') or ''} compact".strip())
    # WeasyPrint matches selectors on cssselect2's wrapper of the tree, which keeps the classes it read
    html.wrapper_element = cssselect2.ElementWrapper.from_html_root(html.etree_element, content_language=None)
    return html


def _bad(messages: list[str], refused: list[str], strict: bool) -> bool:
    """Return whether the PDF must not be kept."""
    return bool(refused) or any(NOTDEF.search(m) for m in messages) or (strict and bool(messages))
