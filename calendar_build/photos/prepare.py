"""Prepare the portrait photos for placement: orient, crop to the frame, scale, colour-manage, cache.

Each photo is decoded once (Pillow), turned upright by its EXIF orientation, cropped to the aspect
ratio of its frame around the focal point, scaled down (never up) to the pixel size of the frame at
the target ppi, converted into the output colour space (see `colour.py`) and written as JPEG into a
content-addressed cache (see `cache.py`). Cold photos are prepared in parallel worker processes.
"""

from __future__ import annotations

import io
import math
import os
import struct
import warnings
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import NamedTuple

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from calendar_build.errors import Problems
from calendar_build.photos import cache
from calendar_build.photos.colour import SRGB_ICC, Colour, ColourFailure, convert, digest, output_profile_problem

MM_PER_INCH = 25.4
# Formats a camera or phone export arrives in. Naming them keeps Pillow from trying every plugin
# (EPS would even start Ghostscript) on a file that is no photo.
FORMATS = ("JPEG", "MPO", "PNG", "TIFF", "WEBP")
FORMAT_NAMES = "JPEG, PNG, TIFF oder WebP"
# How the formats begin, to tell a damaged photo from a file that is no photo at all.
MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*")
# Modes we can bring to L, RGB or CMYK without guessing; 16-bit and float modes are refused.
MODES = frozenset({"1", "L", "LA", "La", "P", "PA", "RGB", "RGBA", "RGBa", "RGBX", "CMYK", "YCbCr"})
# Decoding a broken file can fail in any of these ways inside Pillow's plugins.
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error)


@dataclass(frozen=True)
class PhotoTarget:
    """Where a photo goes: its placed size, resolution and colour space."""

    width_mm: float  # placed width including bleed
    height_mm: float  # placed height including bleed
    ppi: int  # pixels per inch of the prepared photo: 300 for print, 150 for screen
    colour: Colour  # "cmyk": into output_profile; "srgb": into sRGB
    output_profile: Path | None  # CMYK ICC profile; for "srgb" the assumed profile of untagged CMYK photos
    jpeg_quality: int = 92  # JPEG quality of the prepared photo
    warn_ppi: int = 250  # below this effective ppi: warning
    min_ppi: int = 150  # below this effective ppi: error

    def pixels_at(self, ppi: float) -> tuple[int, int]:
        """Return the pixel size of the placed frame at `ppi`, rounded to whole pixels."""
        return (math.floor(self.width_mm / MM_PER_INCH * ppi + 0.5),
                math.floor(self.height_mm / MM_PER_INCH * ppi + 0.5))

    @property
    def pixels(self) -> tuple[int, int]:
        """Return the pixel size of the prepared photo when the source is large enough."""
        return self.pixels_at(self.ppi)


@dataclass(frozen=True)
class PreparedPhoto:
    """A photo ready for the page: the JPEG in the cache and how sharp it will print."""

    source: Path
    path: Path  # prepared JPEG in the cache
    width_px: int
    height_px: int
    effective_ppi: float  # source pixels per inch at placed size after the crop, before any scaling


class PhotoJob(NamedTuple):
    """One photo to prepare, and where to point the editor when something is wrong with it."""

    source: Path
    focal_point: tuple[float, float]  # x, y in 0..1 of the point to keep in the frame
    target: PhotoTarget
    shown: str  # the file to name in messages, e.g. "portraits/2027/01-x.yaml"
    line: int | None  # the line of `photo:` in it


class PhotoFailure(Exception):
    """A photo that cannot be prepared; the message (German) follows "Foto 'name' "."""


@dataclass(frozen=True)
class _Task:
    job: PhotoJob
    head: bytes
    output_icc: bytes | None
    cache_dir: Path


@dataclass(frozen=True)
class _Outcome:
    entry: cache.Entry | None
    failure: str | None = None


def prepare_photos(jobs: Sequence[PhotoJob | tuple[Path, tuple[float, float], PhotoTarget, str, int | None]],
                   cache_dir: Path, problems: Problems, workers: int | None = None) -> dict[Path, PreparedPhoto]:
    """Return the prepared photo of every job that succeeded, by source; record every problem."""
    all_jobs = [PhotoJob(*job) for job in jobs]
    cache_dir.mkdir(parents=True, exist_ok=True)
    profiles = _output_profiles({job.target for job in all_jobs}, problems)
    unique: dict[Path, PhotoJob] = {}
    for job in all_jobs:
        if job.target not in profiles:
            continue
        first = unique.setdefault(job.source, job)
        if (first.focal_point, first.target) != (job.focal_point, job.target):
            problems.error(job.shown, job.line, f"Foto '{job.source.name}' wird schon für {first.shown} "
                           f"mit anderem Ausschnitt verwendet – jedes Porträt braucht ein eigenes Foto.")
    outcomes: dict[Path, _Outcome] = {}
    cold: list[_Task] = []
    for job in unique.values():
        head = cache.header(_params(job, profiles[job.target]))
        entry = _warm(cache_dir, head, job.source)
        if entry is None:
            cold.append(_Task(job, head, profiles[job.target], cache_dir))
        else:
            outcomes[job.source] = _Outcome(entry)
    for task, outcome in zip(cold, _run(cold, workers)):
        outcomes[task.job.source] = outcome
    return _report(unique.values(), outcomes, problems)


def _output_profiles(targets: Iterable[PhotoTarget], problems: Problems) -> dict[PhotoTarget, bytes | None]:
    """Return the output profile bytes of each usable target; record a problem for each unusable one."""
    usable: dict[PhotoTarget, bytes | None] = {}
    for target in sorted(targets, key=repr):
        if target.output_profile is None:
            if target.colour == "cmyk":
                problems.error("content/edition.yaml", None, "Für den Druck fehlt das CMYK-Ausgabeprofil "
                               "(output_profile) – ohne Profil können die Fotos nicht separiert werden.")
                continue
            usable[target] = None
            continue
        shown = target.output_profile.name
        try:
            data = target.output_profile.read_bytes()
        except OSError:
            problems.error(shown, None, f"Ausgabeprofil '{shown}' kann nicht gelesen werden – fehlt die Datei?")
            continue
        reason = output_profile_problem(data)
        if reason is not None:
            problems.error(shown, None, f"Ausgabeprofil '{shown}' {reason}.")
            continue
        usable[target] = data
    return usable


def _params(job: PhotoJob, output_icc: bytes | None) -> dict[str, object]:
    target = job.target
    return {"width_mm": target.width_mm, "height_mm": target.height_mm, "ppi": target.ppi,
            "colour": target.colour, "jpeg_quality": target.jpeg_quality,
            "output_profile": None if output_icc is None else digest(output_icc),
            "focal_point": [float(job.focal_point[0]), float(job.focal_point[1])]}


def _warm(cache_dir: Path, head: bytes, source: Path) -> cache.Entry | None:
    try:
        return cache.lookup(cache_dir, cache.key_of_file(head, source))
    except OSError:
        return None  # the cold path reads the file again and names the problem


def _run(tasks: list[_Task], workers: int | None) -> list[_Outcome]:
    workers = min(workers or os.cpu_count() or 1, len(tasks))
    if workers <= 1:
        return [_prepare_one(task) for task in tasks]
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(_prepare_one, tasks))
    except (OSError, NotImplementedError):  # no process pool here (e.g. no semaphores): one by one
        return [_prepare_one(task) for task in tasks]


def _report(jobs: Iterable[PhotoJob], outcomes: dict[Path, _Outcome],
            problems: Problems) -> dict[Path, PreparedPhoto]:
    prepared: dict[Path, PreparedPhoto] = {}
    for job in jobs:
        outcome = outcomes[job.source]
        name = job.source.name
        if outcome.entry is None:
            problems.error(job.shown, job.line, f"Foto '{name}' {outcome.failure}")
            continue
        entry = outcome.entry
        for note in entry.notes:
            problems.warning(job.shown, job.line, f"Foto '{name}' {note}")
        message = resolution_problem(name, entry.effective_ppi, job.target)
        if message is not None:
            severity, text = message
            (problems.error if severity == "error" else problems.warning)(job.shown, job.line, text)
        prepared[job.source] = PreparedPhoto(job.source, entry.path, entry.width_px, entry.height_px,
                                             entry.effective_ppi)
    return prepared


def resolution_problem(name: str, effective_ppi: float, target: PhotoTarget) -> tuple[str, str] | None:
    """Return (severity, German message) when the photo is too small for its frame, else None."""
    if effective_ppi >= target.warn_ppi:
        return None
    severity, enough = ("error", target.min_ppi) if effective_ppi < target.min_ppi else ("warning", target.warn_ppi)
    need_w, need_h = (math.ceil(target.width_mm / MM_PER_INCH * enough - 1e-9),
                      math.ceil(target.height_mm / MM_PER_INCH * enough - 1e-9))
    best_w, best_h = target.pixels
    purpose = "den Druck" if target.colour == "cmyk" else "die Bildschirmfassung"
    return severity, (f"Foto '{name}' hat nur {math.floor(effective_ppi)} ppi bei {_mm(target.width_mm)}×"
                      f"{_mm(target.height_mm)} mm – für {purpose} werden mindestens {need_w}×{need_h} Pixel "
                      f"gebraucht (besser {best_w}×{best_h}).")


def _mm(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0").replace(".", ",")


def crop_box(size: tuple[int, int], aspect: float, focal: tuple[float, float]) -> tuple[int, int, int, int]:
    """Return the largest box of `aspect` (w/h) inside `size`, centred on `focal` as far as it stays inside."""
    width, height = size
    if width / height > aspect:
        crop_w, crop_h = min(width, max(1, round(height * aspect))), height
    else:
        crop_w, crop_h = width, min(height, max(1, round(width / aspect)))
    left = min(max(round(focal[0] * width - crop_w / 2), 0), width - crop_w)
    top = min(max(round(focal[1] * height - crop_h / 2), 0), height - crop_h)
    return left, top, left + crop_w, top + crop_h


def _prepare_one(task: _Task) -> _Outcome:
    """Prepare one photo (in a worker process) and store it in the cache."""
    job = task.job
    try:
        data = job.source.read_bytes()
    except FileNotFoundError:
        return _Outcome(None, "wurde nicht gefunden.")
    except OSError:
        return _Outcome(None, "kann nicht gelesen werden – ist es eine Datei, und darf sie gelesen werden?")
    if not data:
        return _Outcome(None, "ist leer (0 Bytes) – bitte das Foto erneut kopieren oder exportieren.")
    try:
        jpeg, entry = _render(data, job, task.output_icc)
    except PhotoFailure as failure:
        return _Outcome(None, str(failure))
    return _Outcome(cache.store(task.cache_dir, cache.key_of_bytes(task.head, data), jpeg, entry))


def _render(data: bytes, job: PhotoJob, output_icc: bytes | None) -> tuple[bytes, cache.Entry]:
    target = job.target
    image, original, embedded = _decode(data, job)
    aspect = target.width_mm / target.height_mm
    left, top, right, bottom = crop_box(original, aspect, job.focal_point)
    effective_ppi = min((right - left) / (target.width_mm / MM_PER_INCH),
                        (bottom - top) / (target.height_mm / MM_PER_INCH))
    image = _flatten(image)
    width, height = target.pixels
    if right - left >= width and bottom - top >= height:
        # The image may be a JPEG draft at 1/2, 1/4 … of the original size: scale the box with it.
        scale = image.width / original[0]
        box = (left * scale, top * scale, right * scale, bottom * scale)
        image = image.resize((width, height), Image.Resampling.LANCZOS, box=box)
    else:  # too small: keep every source pixel, never invent new ones
        image = image.crop((left, top, right, bottom))
    try:
        image, notes = convert(image, embedded, target.colour, output_icc)
    except ColourFailure as failure:
        raise PhotoFailure(str(failure)) from None
    except ImageCms.PyCMSError:
        raise PhotoFailure("lässt sich nicht in den Ausgabefarbraum umrechnen.") from None
    out = io.BytesIO()
    # No EXIF is written: orientation is already applied, and camera data (GPS!) stays out of print.
    # CMYK gets no embedded profile: WeasyPrint places it as DeviceCMYK under the PDF's output intent,
    # and twelve copies of the profile would only bloat the PDF.
    extra = {"icc_profile": SRGB_ICC} if target.colour == "srgb" else {}
    image.save(out, "JPEG", quality=target.jpeg_quality, dpi=(target.ppi, target.ppi), **extra)
    return out.getvalue(), cache.Entry(Path(), image.width, image.height, effective_ppi, notes)


def _decode(data: bytes, job: PhotoJob) -> tuple[Image.Image, tuple[int, int], bytes | None]:
    """Return the decoded upright image (maybe a reduced JPEG draft), its upright full size and ICC profile."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=FORMATS)
            if image.mode not in MODES:
                raise PhotoFailure(f"hat den Farbmodus {image.mode}, der nicht unterstützt wird – bitte als "
                                   f"8-Bit-RGB-JPEG exportieren.")
            stored = image.size
            request = _draft_request(stored, job)
            if request is not None and image.format in ("JPEG", "MPO"):
                image.draft(None, request)
            image.load()  # decode everything now: a truncated file fails here, not later in the PDF
            before = image.size
            ImageOps.exif_transpose(image, in_place=True)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as bomb:
            raise PhotoFailure(_bomb_message(bomb)) from None
        except UnidentifiedImageError:
            raise PhotoFailure(_unidentified_message(data)) from None
        except DECODE_ERRORS:
            raise PhotoFailure("ist beschädigt oder unvollständig – bitte erneut aus dem Original "
                               "exportieren.") from None
    upright = (stored[1], stored[0]) if image.size != before else stored
    return image, upright, image.info.get("icc_profile")


def _unidentified_message(data: bytes) -> str:
    if data.startswith(MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return "ist beschädigt – bitte erneut aus dem Original exportieren."
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypheif"):
        return "ist ein HEIC-Foto (iPhone) – bitte als JPEG exportieren."
    return f"ist keine lesbare Bilddatei – erwartet wird {FORMAT_NAMES}."


def _draft_request(stored: tuple[int, int], job: PhotoJob) -> tuple[int, int] | None:
    """Return the size to ask a JPEG draft for, or None when DCT scaling cannot help.

    The orientation is not known before decoding, so both are tried and the larger need wins.
    """
    width, height = job.target.pixels
    aspect = job.target.width_mm / job.target.height_mm
    need = 0.0
    for size in (stored, (stored[1], stored[0])):
        left, top, right, bottom = crop_box(size, aspect, job.focal_point)
        need = max(need, width / (right - left), height / (bottom - top))
    if need > 0.5:  # libjpeg scales by 1/2, 1/4, 1/8 only
        return None
    return math.ceil(stored[0] * need), math.ceil(stored[1] * need)


def _bomb_message(bomb: Exception) -> str:
    # Pillow's message is "Image size (N pixels) exceeds limit of M pixels, …"; N is the first number.
    numbers = [int(word) for word in str(bomb).replace("(", " ").split() if word.isdigit()]
    pixels = _thousands(numbers[0]) if numbers else "zu viele"
    return (f"hat {pixels} Pixel – mehr als die erlaubten {_thousands(Image.MAX_IMAGE_PIXELS or 0)} (Schutz vor "
            f"Dekompressionsbomben); bitte kleiner exportieren.")


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _flatten(image: Image.Image) -> Image.Image:
    """Return `image` as L, RGB or CMYK: transparency on white, palettes expanded."""
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("PA", "RGBa"):
        image = image.convert("RGBA")
    if image.mode == "La":
        image = image.convert("LA")
    if image.mode == "1":
        image = image.convert("L")
    if image.mode in ("RGBX", "YCbCr"):
        image = image.convert("RGB")
    if image.mode in ("LA", "RGBA"):
        base = image.mode[:-1]
        background = Image.new(base, image.size, (255,) * len(base))
        background.paste(image.convert(base), mask=image.getchannel("A"))
        image = background
    return image
