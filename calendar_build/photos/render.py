"""Turn the bytes of one photo into the prepared JPEG: decode, orient, crop, scale, colour, encode.

Pillow decodes (with a JPEG draft at 1/2, 1/4 … where the target is that much smaller), EXIF
orientation is applied, the frame's aspect ratio is cut around the focal point, a Hamming filter scales
down – never up – and `colour.convert` brings the pixels into the output colour space.
"""

from __future__ import annotations

import contextlib
import io
import math
import struct
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from PIL import ExifTags, Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

from calendar_build.photos import proxy
from calendar_build.photos.colour import SRGB_ICC, ColourFailure, convert
from calendar_build.photos.model import MM_PER_INCH, PhotoTarget

# Formats a camera or phone export arrives in. Naming them keeps Pillow from trying every plugin
# (EPS would even start Ghostscript) on a file that is no photo. HEIF (iPhone HEIC) is read with
# pillow-heif, registered only when a photo is one.
FORMATS = ("JPEG", "PNG", "TIFF", "WEBP")  # JPEG includes MPO (multi-picture JPEG)
FORMAT_NAMES = "JPEG, PNG, TIFF, WebP oder HEIC"
HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"heif")
TRANSPARENT = ("hat durchsichtige Stellen (Transparenz) – sie werden weiß gedruckt. Ist das nicht gewollt, "
               "bitte ein Foto ohne Transparenz verwenden (z. B. als JPEG exportieren).")
# How the formats begin, to tell a damaged photo from a file that is no photo at all.
MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*")
# Modes we can bring to L, RGB or CMYK without guessing; 16-bit and float modes are refused.
MODES = frozenset({"1", "L", "LA", "La", "P", "PA", "RGB", "RGBA", "RGBa", "RGBX", "CMYK", "YCbCr"})
# EXIF orientations that swap width and height.
TURNED = frozenset({5, 6, 7, 8})
# Decoding a broken file can fail in any of these ways inside Pillow's plugins.
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error)


class PhotoFailure(Exception):
    """A photo that cannot be prepared; the message (German) follows "Foto 'name' "."""


@dataclass(frozen=True)
class Rendered:
    """The prepared JPEG and what the build needs to know about it."""

    jpeg: bytes
    width_px: int
    height_px: int
    effective_ppi: float  # source pixels per inch at placed size after the crop
    notes: tuple[str, ...]  # German warnings that follow "Foto 'name' "
    source_px: tuple[int, int] | None = None  # the photo's own size, upright
    ink_proxy: bytes | None = None  # its separated pixels averaged for the ink measurement (photos/proxy.py)


IN_STRIP = ("hat über dem Bildschwerpunkt (focal_point) zu wenig Raum: Er liegt im Bindestreifen an der Oberkante "
            "– bitte ein Foto mit mehr Raum über dem Gesicht wählen oder focal_point prüfen.")
MAX_ZOOM = 1.5  # a crop is narrowed at most this much to bring the focal point below a binding strip


def crop_box(size: tuple[int, int], aspect: float, focal: tuple[float, float],
             below: float = 0.0) -> tuple[int, int, int, int]:
    """Return the largest box of `aspect` (w/h) inside `size`, centred on `focal` as far as it stays inside.

    `below`: the focal point should land at least this share of the box's height below its top (a
    binding strip at the top edge); where the photo has too little room above the focal point, the
    box is narrowed (at most MAX_ZOOM) and placed at the photo's top.
    """
    width, height = size
    if width / height > aspect:
        crop_w, crop_h = min(width, max(1, round(height * aspect))), height
    else:
        crop_w, crop_h = width, min(height, max(1, round(width / aspect)))
    above = focal[1] * height  # pixels of the photo above the focal point
    if below > 0 and above < below * crop_h:
        crop_h = max(round(crop_h / MAX_ZOOM), min(crop_h, round(above / below)), 1)
        crop_w = max(1, min(width, round(crop_h * aspect)))
    left = min(max(round(focal[0] * width - crop_w / 2), 0), width - crop_w)
    top = min(max(round(above - crop_h / 2), 0), height - crop_h)
    return left, top, left + crop_w, top + crop_h


def focal_share(box: tuple[int, int, int, int], size: tuple[int, int], focal: tuple[float, float]) -> float:
    """Return how far down the box the focal point lands, as a share of the box's height."""
    return (focal[1] * size[1] - box[1]) / (box[3] - box[1])


Wanted = tuple[tuple[float, float], PhotoTarget, "bytes | None"]  # focal point, target, output profile


Look = Callable[[Image.Image, tuple[int, int]], None]  # shown a decoded photo as stored, and its stored size


def render_all(data: bytes, wanted: Sequence[Wanted], look: Look | None = None) -> list[Rendered]:
    """Return the prepared photo for each (focal point, target, output profile); decode as few times as possible.

    Targets that ask for the same decoding (full size, or the same JPEG draft) share one; the pixels
    of each target do not depend on which others came along. Raise PhotoFailure with a German message
    when the photo cannot be prepared. `look` is shown the first decoding before it is turned upright
    (the same-photo check takes its thumbnail from it: photos/same.py).
    """
    with warnings.catch_warnings(record=True) as said:  # Pillow's English warnings become one German note
        warnings.simplefilter("always")
        done = _render_all(data, wanted, look)
    if any(issubclass(w.category, UserWarning) for w in said):
        done = [replace(one, notes=(*one.notes, PILLOW_WARNED)) for one in done]
    return done


PILLOW_WARNED = ("ist nicht ganz regelgerecht gespeichert (z. B. beschädigte EXIF-Metadaten) – es wird verwendet; "
                 "bitte das Ergebnis prüfen oder das Foto neu exportieren.")


def _render_all(data: bytes, wanted: Sequence[Wanted], look: Look | None) -> list[Rendered]:
    stored, upright = _header(data)
    groups: dict[tuple[int, int] | None, list[int]] = {}
    for index, (focal, target, _) in enumerate(wanted):
        request = _draft_request(stored, upright, target, focal) if target.draft else None
        groups.setdefault(request, []).append(index)
    done: dict[int, Rendered] = {}
    for request, indices in groups.items():
        image, embedded = _decode(data, request, look)
        look = None
        see_through = has_transparency(image)
        image = _flatten(image)
        for index in indices:
            focal, target, output_icc = wanted[index]
            placed = _place(image, upright, embedded, focal, target, output_icc)
            done[index] = replace(placed, notes=(TRANSPARENT, *placed.notes)) if see_through else placed
    return [done[index] for index in range(len(wanted))]


def _place(image: Image.Image, original: tuple[int, int], embedded: bytes | None, focal: tuple[float, float],
           target: PhotoTarget, output_icc: bytes | None) -> Rendered:
    """Return the decoded photo cropped, scaled and converted for one target, as JPEG."""
    aspect = target.width_mm / target.height_mm
    left, top, right, bottom = crop_box(original, aspect, focal, target.focal_below)
    effective_ppi = min((right - left) / (target.width_mm / MM_PER_INCH),
                        (bottom - top) / (target.height_mm / MM_PER_INCH))
    width, height = target.pixels
    # The image may be a JPEG draft at 1/2, 1/4 … of the original size: scale the box with it.
    scale = image.width / original[0]
    box = (left * scale, top * scale, right * scale, bottom * scale)
    if right - left >= width and bottom - top >= height:
        # Hamming (a windowed sinc) reduces as sharply as bicubic – the same Laplacian energy on a test
        # chart of small text over camera grain, scaled from 6000 to 3579 pixels – in 60 % of its time.
        # Far larger sources (the cover's tiles) are first reduced by a whole factor, keeping at least
        # three times the target size.
        image = image.resize((width, height), Image.Resampling.HAMMING, box=box, reducing_gap=3.0)
    else:  # too small: keep every source pixel, never invent new ones
        left, top, right, bottom = (round(v) for v in box)
        image = image.crop((left, top, right, bottom))
    try:
        image, notes = convert(image, embedded, target.colour, output_icc, target.for_print)
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
    if target.focal_below and focal_share((left, top, right, bottom), original, focal) < target.focal_below - 0.01:
        notes = (*notes, IN_STRIP)
    return Rendered(out.getvalue(), image.width, image.height, effective_ppi, notes, original,
                    proxy.make(image, image.width / (target.width_mm / MM_PER_INCH)) if target.colour == "cmyk" else None)


@contextlib.contextmanager
def _reading(data: bytes) -> Iterator[None]:
    """Turn whatever Pillow raises on a bad file into a PhotoFailure with a German message."""
    with warnings.catch_warnings(), _truncated_is_an_error():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            yield
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as bomb:
            raise PhotoFailure(_bomb_message(bomb)) from None
        except UnidentifiedImageError:
            raise PhotoFailure(_unidentified_message(data)) from None
        except DECODE_ERRORS:
            raise PhotoFailure("ist beschädigt oder unvollständig – bitte erneut aus dem Original "
                               "exportieren.") from None


def is_heif(data: bytes) -> bool:
    """Return whether the bytes are an HEIF/HEIC photo (ISO base media file with a HEIF brand)."""
    return data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS


def _formats(data: bytes) -> tuple[str, ...]:
    if not is_heif(data):
        return FORMATS
    from pillow_heif import register_heif_opener  # noqa: PLC0415 - only iPhone photos need libheif

    register_heif_opener()
    return (*FORMATS, "HEIF")


def _open(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data), formats=_formats(data))
    if image.mode not in MODES:
        raise PhotoFailure(f"hat den Farbmodus {image.mode}, der nicht unterstützt wird – bitte als "
                           f"8-Bit-RGB-JPEG exportieren.")
    return image


def _header(data: bytes) -> tuple[tuple[int, int], tuple[int, int]]:
    """Return the stored size of the photo and its upright size (EXIF orientation), reading only the header."""
    with _reading(data):
        image = _open(data)
        stored = image.size
        # getexif() also reads an orientation given only in XMP, as exif_transpose does
        turned = image.getexif().get(ExifTags.Base.Orientation, 1) in TURNED
    return stored, (stored[1], stored[0]) if turned else stored


def _decode(data: bytes, request: tuple[int, int] | None, look: Look | None = None) -> tuple[Image.Image, bytes | None]:
    """Return the decoded upright image (a JPEG draft of at least `request` if given) and its ICC profile;
    show it to `look` as stored (before it is turned upright)."""
    with _reading(data):
        image = _open(data)
        stored = image.size
        if request is not None and image.format in ("JPEG", "MPO"):
            image.draft(None, request)
        image.load()  # decode everything now: a truncated file fails here, not later in the PDF
        if look is not None:
            look(image, stored)
        ImageOps.exif_transpose(image, in_place=True)
    return image, image.info.get("icc_profile")


@contextlib.contextmanager
def _truncated_is_an_error() -> Iterator[None]:
    """Make Pillow raise on truncated data while decoding, whatever the process set.

    WeasyPrint sets ImageFile.LOAD_TRUNCATED_IMAGES = True when it is imported, and a truncated
    photo would then print with a grey lower half instead of being reported.
    """
    before = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before


def _unidentified_message(data: bytes) -> str:
    if data.startswith(MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return "ist beschädigt – bitte erneut aus dem Original exportieren."
    if is_heif(data):
        return "ist ein HEIC-Foto (iPhone), das sich nicht lesen lässt – bitte auf dem iPhone als JPEG exportieren."
    return f"ist keine lesbare Bilddatei – erwartet wird {FORMAT_NAMES}."


def _draft_request(stored: tuple[int, int], upright: tuple[int, int], target: PhotoTarget,
                   focal: tuple[float, float]) -> tuple[int, int] | None:
    """Return the (stored) size to ask a JPEG draft for, or None when DCT scaling cannot help.

    The draft must stay at least as large as the target after the crop, so nothing is lost but time.
    """
    width, height = target.pixels
    left, top, right, bottom = crop_box(upright, target.width_mm / target.height_mm, focal, target.focal_below)
    need = max(width / (right - left), height / (bottom - top))
    if need > 0.5:  # libjpeg scales by 1/2, 1/4 or 1/8 only
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


def has_transparency(image: Image.Image) -> bool:
    """Return whether some pixel of the image is not fully opaque."""
    if image.mode == "P":
        if "transparency" not in image.info:
            return False
        image = image.convert("RGBA")
    if image.mode not in ("LA", "La", "PA", "RGBA", "RGBa"):
        return False
    low = image.getchannel("A").getextrema()[0]
    return isinstance(low, (int, float)) and low < 255


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
