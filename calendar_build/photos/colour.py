"""Colour-manage photos with LittleCMS (PIL.ImageCms): into the printer's CMYK profile or into sRGB.

Rendering intent: relative colorimetric with black point compensation, the default of the common
prepress colour settings (Adobe "Europe Prepress 3"). In-gamut colours – skin tones, which is what
these portraits are about – are reproduced exactly instead of being compressed towards the centre
of the gamut as perceptual does; only out-of-gamut colours are clipped. Black point compensation
maps the source black onto the deepest black of the paper, so shadows keep their detail. The
intent does not depend on how good the perceptual tables of a given CMYK profile are, and it is
the intent WeasyPrint's vector colours and a RIP use, so photos and layout match.
"""

from __future__ import annotations

import hashlib
import io
from typing import Literal

from PIL import Image, ImageCms

Colour = Literal["cmyk", "srgb"]

INTENT = ImageCms.Intent.RELATIVE_COLORIMETRIC
FLAGS = ImageCms.Flags.BLACKPOINTCOMPENSATION

# Colour spaces of an ICC profile (header field) that fit a Pillow mode.
_SPACE_OF_MODE = {"L": "GRAY", "RGB": "RGB", "CMYK": "CMYK"}
# LittleCMS stamps the creation time into the header (bytes 24..35); a fixed date keeps the
# prepared JPEGs byte-identical from run to run.
_FIXED_ICC_DATE = bytes.fromhex("07ea" "0001" "0001" "0000" "0000" "0000")  # 2026-01-01 00:00:00


KEPT_CMYK = ("ist schon für den Druck aufbereitet (Farbmodus CMYK), sagt aber nicht, für welchen Druck "
             "(kein Farbprofil). In die Druck-PDF wird es so übernommen, wie es ist; die Farben können im Druck "
             "abweichen. "
             "Besser: das Originalfoto aus Kamera oder Handy (RGB) verwenden.")


class ColourFailure(Exception):
    """A photo whose colours cannot be converted; the message is German and for the editor."""


def _srgb_bytes() -> bytes:
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = _FIXED_ICC_DATE
    return bytes(data)


SRGB_ICC = _srgb_bytes()
_SRGB_DIGEST = hashlib.sha256(SRGB_ICC).hexdigest()

# Per process: profiles and transforms by content digest. Building a transform to a LUT-based CMYK
# profile costs far more than applying it to one photo, so it is built once per worker process.
_profiles: dict[str, ImageCms.ImageCmsProfile] = {}
_transforms: dict[tuple[str, str, str, str], ImageCms.ImageCmsTransform] = {}


def _profile(data: bytes) -> tuple[str, ImageCms.ImageCmsProfile]:
    digest = hashlib.sha256(data).hexdigest()
    if digest not in _profiles:
        _profiles[digest] = ImageCms.ImageCmsProfile(io.BytesIO(data))
    return digest, _profiles[digest]


def _space(profile: ImageCms.ImageCmsProfile) -> str:
    return profile.profile.xcolor_space.strip()


def output_profile_problem(data: bytes) -> str | None:
    """Return why `data` cannot serve as the CMYK output profile (German), or None when it can."""
    try:
        _, profile = _profile(data)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return "ist kein lesbares ICC-Profil"
    if _space(profile) != "CMYK":
        return f"ist kein CMYK-Profil (Farbraum {_space(profile)})"
    if not ImageCms.isIntentSupported(profile, INTENT, ImageCms.Direction.OUTPUT):
        return "taugt nicht als Ausgabeprofil (keine Umrechnung nach CMYK möglich)"
    return None


def _source_profile(embedded: bytes | None, mode: str, notes: list[str]) -> bytes | None:
    """Return the embedded profile when it is usable for `mode`, else None (noting why)."""
    if not embedded:
        return None
    try:
        _, profile = _profile(embedded)
    except (ImageCms.PyCMSError, OSError, ValueError):
        notes.append("hat ein defektes Farbprofil – die Farben werden als sRGB gelesen.")
        return None
    if _space(profile) != _SPACE_OF_MODE[mode]:
        notes.append(f"hat ein Farbprofil für {_space(profile)}, das nicht zum Farbmodus {mode} passt – es wird "
                     f"ignoriert.")
        return None
    return embedded


def _transform(source: bytes, in_mode: str, destination: bytes, out_mode: str) -> ImageCms.ImageCmsTransform:
    source_digest, source_profile = _profile(source)
    destination_digest, destination_profile = _profile(destination)
    key = (source_digest, in_mode, destination_digest, out_mode)
    if key not in _transforms:
        _transforms[key] = ImageCms.buildTransform(source_profile, destination_profile, in_mode, out_mode,
                                                   renderingIntent=INTENT, flags=FLAGS)
    return _transforms[key]


def convert(image: Image.Image, embedded: bytes | None, colour: Colour,
            output_icc: bytes | None, for_print: bool = False) -> tuple[Image.Image, tuple[str, ...]]:
    """Return `image` (mode L, RGB or CMYK) in the output colour space and notes for the editor.

    Untagged RGB and greyscale are sRGB. Untagged CMYK is taken to be in the output profile already:
    for print it stays as it is (also when the other photos stay sRGB: untagged separated data is not
    turned back into RGB; CMYK with its own profile is converted like any tagged photo). For "srgb", `output_icc` (if given) is the assumed profile of untagged CMYK photos.
    """
    notes: list[str] = []
    source = _source_profile(embedded, image.mode, notes)
    if image.mode == "CMYK" and source is None and for_print and output_icc is not None:
        notes.append(KEPT_CMYK)
        return image, tuple(notes)
    try:
        return _convert(image, source, colour, output_icc, notes), tuple(notes)
    except ImageCms.PyCMSError:
        if source is None:
            raise
    notes.append("hat ein Farbprofil, mit dem keine Umrechnung möglich ist – die Farben werden als sRGB gelesen.")
    return _convert(image, None, colour, output_icc, notes), tuple(notes)


def _convert(image: Image.Image, source: bytes | None, colour: Colour, output_icc: bytes | None,
             notes: list[str]) -> Image.Image:
    if image.mode == "CMYK" and source is None:
        if output_icc is None:
            raise ColourFailure("ist schon für den Druck aufbereitet (Farbmodus CMYK), sagt aber nicht, für "
                                "welchen Druck (kein Farbprofil) – für die Bildschirmfassung lassen sich seine "
                                "Farben so nicht verlässlich umrechnen. Bitte das Originalfoto aus Kamera oder Handy "
                                "(RGB-JPEG) verwenden.")
        if colour == "cmyk":
            notes.append(KEPT_CMYK)
        source = output_icc
    if image.mode == "L" and source is None:
        image = image.convert("RGB")  # untagged grey is sRGB grey: equal R, G and B
    source = source or SRGB_ICC
    if colour == "cmyk":
        if output_icc is None:
            raise ValueError("colour 'cmyk' needs an output profile")
        destination, out_mode = output_icc, "CMYK"
    else:
        destination, out_mode = SRGB_ICC, "RGB"
    if image.mode == out_mode and digest(source) == digest(destination):
        return image
    converted = ImageCms.applyTransform(image, _transform(source, image.mode, destination, out_mode))
    assert converted is not None  # without inPlace, Pillow returns the new image
    return converted


def digest(data: bytes | None) -> str:
    """Return the sha256 of a profile (of the built-in sRGB profile for None)."""
    return _SRGB_DIGEST if data is None else hashlib.sha256(data).hexdigest()
