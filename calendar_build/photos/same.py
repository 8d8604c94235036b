"""The same photo saved under two names: two portraits whose photo files hold identical bytes or identical pixels.

The same file named twice is the preparation's error (prepare.py); a copy under another name (sent twice,
saved as 'IMG_1234.jpg' and '05-name.jpg', or re-saved as PNG) printed one person's photo on two pages
without a word. Bytes are compared by their hash. Pixels are compared only between photos of the same
size whose thumbnails (a JPEG decoded at an eighth of its size, box-averaged to 16×12) nearly agree: only
such pairs are decoded in full, and a photo's full pixel hash is kept in the cache, keyed by its bytes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from PIL import Image

from calendar_build.errors import Problems
from calendar_build.paths import read_regular
from calendar_build.photos.render import PhotoFailure, _open
from calendar_build.portraits.loader import Portrait

DRAFT = 8  # a JPEG's thumbnail is decoded at an eighth of its size
THUMB = (16, 12)
CLOSE = 12  # largest difference of a thumbnail value (0–255) between two decodings of the same pixels
MAX_BYTES = 200_000_000
T = TypeVar("T")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _safe(read: Callable[[bytes], T], data: bytes) -> T | None:
    """Return what `read` finds in the photo, None for a photo that cannot be decoded (the preparation says why)."""
    try:
        return read(data)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, PhotoFailure):
        return None


def _size(data: bytes) -> tuple[int, int]:
    with _open(data) as image:
        return image.size


def _thumb(data: bytes) -> bytes:
    with _open(data) as image:
        image.draft("RGB", (image.width // DRAFT, image.height // DRAFT))  # only a JPEG is decoded smaller
        return image.convert("RGB").resize(THUMB, Image.Resampling.BOX).tobytes()


def _pixels(data: bytes) -> str:
    with _open(data) as image:
        return _digest(f"{image.size}{image.mode}".encode() + image.tobytes())


def _cached_pixels(data: bytes, cache: Path | None) -> str | None:
    """Return the hash of the decoded pixels, kept in `cache`/pixels/ by the hash of the bytes."""
    path = cache / "pixels" / _digest(data) if cache is not None else None
    if path is not None and path.is_file():
        try:
            return path.read_text(encoding="ascii")
        except OSError:
            pass
    found = _safe(_pixels, data)
    if path is not None and found is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            staged = path.with_name(f".{path.name}.{os.getpid()}.part")
            staged.write_text(found, encoding="ascii")
            os.replace(staged, path)  # a reader never sees half a hash
        except OSError:
            pass  # a cache that cannot be written only costs time
    return found


def _close(one: bytes, other: bytes) -> bool:
    return max(abs(a - b) for a, b in zip(one, other)) <= CLOSE


def same_pairs(photos: dict[Path, bytes], cache: Path | None = None) -> list[tuple[Path, Path]]:
    """Return (earlier, later) for each photo that is an earlier one's copy: identical bytes or identical pixels."""
    pairs: list[tuple[Path, Path]] = []
    first_of: dict[str, Path] = {}
    for path in sorted(photos):
        earlier = first_of.setdefault(_digest(photos[path]), path)
        if earlier != path:
            pairs.append((earlier, path))
    unique = sorted(first_of.values())
    sizes = {path: _safe(_size, photos[path]) for path in unique}
    thumbs: dict[Path, bytes | None] = {}
    copied = {later for _, later in pairs}
    for index, one in enumerate(unique):
        for other in unique[index + 1:]:
            if other in copied or sizes[one] is None or sizes[one] != sizes[other]:
                continue
            for path in (one, other):
                if path not in thumbs:
                    thumbs[path] = _safe(_thumb, photos[path])
            small, big = thumbs[one], thumbs[other]
            if small is None or big is None or not _close(small, big):
                continue
            pixels = _cached_pixels(photos[one], cache)
            if pixels is not None and pixels == _cached_pixels(photos[other], cache):
                pairs.append((one, other))
                copied.add(other)
    return pairs


def warn_same_photo(portraits: Sequence[Portrait], problems: Problems, cache: Path | None = None) -> None:
    """Warn at each portrait whose photo is another portrait's photo under another name (file and line of both)."""
    by_photo: dict[Path, Portrait] = {}
    for portrait in portraits:
        by_photo.setdefault(portrait.photo, portrait)
    photos: dict[Path, bytes] = {}
    for path in by_photo:
        try:
            photos[path] = read_regular(path, MAX_BYTES)
        except OSError:
            continue  # reported where the photo is prepared
    for earlier, later in same_pairs(photos, cache):
        first, portrait = by_photo[earlier], by_photo[later]
        problems.warning(portrait.where.path, portrait.photo_line,
                         f"Foto '{later.name}' ist dasselbe Bild wie '{earlier.name}' "
                         f"({first.where.path}:{first.photo_line or ''}) – jedes Porträt braucht ein eigenes "
                         f"Foto. Bitte das richtige Foto eintragen.")
