"""The same photo saved under two names: two portraits whose photo files hold identical bytes or identical pixels.

The same file named twice is the preparation's error (prepare.py); a copy under another name (sent twice,
saved as 'IMG_1234.jpg' and '05-name.jpg', or re-saved as PNG) printed one person's photo on two pages
without a word. Bytes are compared by their hash. Pixels are compared only between photos of the same
size whose thumbnails (a JPEG decoded at an eighth of its size, box-averaged to 16×12) nearly agree: only
such pairs are decoded in full, and a photo's full pixel hash is kept in the cache, keyed by its bytes. Size and
thumbnail are kept there too, and an unchanged file is recognised by its size, time and inode: run in every
validation, the check reads no photo again (it had read and hashed twelve camera photos each time, 1.3 s).
A photo not seen before is looked at in one thread per core (Pillow decodes without holding the GIL). A build
compares its photos only once they are prepared (stages/photos.py): the photo workers keep each new photo's
size and thumbnail from the decoding they need anyway (`remember`), so a cold build decodes no photo twice
(twelve camera photos had cost it 0.65 s before the photo workers started).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PIL import Image

from calendar_build.errors import Problems
from calendar_build.output import atomic_write
from calendar_build.paths import read_regular
from calendar_build.photos.cache import header, key_of_bytes, key_of_file, remember_key
from calendar_build.photos.render import PhotoFailure, _open
from calendar_build.portraits.loader import Portrait

DRAFT = 8  # a JPEG's thumbnail is decoded at an eighth of its size
THUMB = (16, 12)
CLOSE = 12  # largest difference of a thumbnail value (0–255) between two decodings of the same pixels
MAX_BYTES = 200_000_000
SEEN_HEAD = header({"same-photo": [DRAFT, *THUMB]})  # the bytes' key, with the decoder's versions (photos/cache.py)
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
        stored = image.size
        image.draft("RGB", (image.width // DRAFT, image.height // DRAFT))  # only a JPEG is decoded smaller
        return thumbnail(image, stored)


REDUCIBLE = frozenset({"L", "LA", "RGB", "RGBA", "CMYK", "YCbCr"})  # modes Pillow's reduce() takes


def thumbnail(image: Image.Image, stored: tuple[int, int]) -> bytes:
    """Return the thumbnail of a photo decoded at its stored size `stored` or a fraction of it (not turned upright).

    Box averages of its pixels, whichever decoding they come from: a larger one is first reduced by whole
    factors towards an eighth (cheaper than averaging 24 million pixels at once; the same thumbnail within 4
    of 255 on the sample and camera-size photos, far inside CLOSE).
    """
    factor = image.width * DRAFT // max(1, stored[0])
    if factor > 1 and image.mode in REDUCIBLE:
        image = image.reduce(factor)
    return image.convert("RGB").resize(THUMB, Image.Resampling.BOX).tobytes()


def remember(path: Path, stamp: str, data: bytes, stored: tuple[int, int], thumb: bytes, cache: Path) -> None:
    """Keep the size and thumbnail of a photo decoded anyway (by the photo workers: photos/prepare.py) under its
    bytes' key, and that key under its path while the file is as `stamp` (taken before `data` was read): the
    check that follows the photos then reads no photo."""
    folder = cache / "same-photo"
    key = key_of_bytes(SEEN_HEAD, data)
    remember_key(SEEN_HEAD, path, folder, stamp, key)
    _kept(folder / key, lambda: f"{stored[0]} {stored[1]} {thumb.hex()}")


def _pixels(data: bytes) -> str:
    with _open(data) as image:
        return _digest(f"{image.size}{image.mode}".encode() + image.tobytes())


def _kept(path: Path | None, make: Callable[[], str | None]) -> str | None:
    """Return the text kept at `path` in the cache, else `make()` (kept there when it is not None)."""
    if path is not None:
        try:
            return read_regular(path, 100_000).decode("ascii")
        except (OSError, UnicodeDecodeError):
            pass
    found = make()
    if path is not None and found is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, found.encode("ascii"), durable=False)  # a reader never sees half an entry
        except OSError:
            pass  # a cache that cannot be written only costs time
    return found


def _cached_pixels(path: Path, key: str, cache: Path | None) -> str | None:
    """Return the hash of the photo's decoded pixels, kept in `cache`/pixels/ by its bytes' key (raises OSError)."""
    return _kept(cache / "pixels" / key if cache is not None else None,
                 lambda: _safe(_pixels, read_regular(path, MAX_BYTES)))


@dataclass(frozen=True)
class Seen:
    """What the comparison needs of a photo: its bytes' key, and its size and thumbnail (None if undecodable)."""

    key: str
    size: tuple[int, int] | None
    thumb: bytes | None


def _seen(path: Path, cache: Path | None) -> Seen | None:
    """Return the photo's key, size and thumbnail, None if it cannot be read (the preparation says why).

    With a cache, an unchanged file (size, time, inode: photos/cache.py `key_of_file`) is not read again, and its
    size and thumbnail are kept by its key: a warm build does not read twelve camera photos for this check.
    """
    folder = cache / "same-photo" if cache is not None else None
    try:
        key = key_of_file(SEEN_HEAD, path, folder)
    except OSError:
        return None

    def look() -> str:
        data = read_regular(path, MAX_BYTES)
        size, thumb = _safe(_size, data), _safe(_thumb, data)
        return f"{size[0]} {size[1]} {thumb.hex()}" if size is not None and thumb is not None else "-"

    try:
        text = _kept(folder / key if folder is not None else None, look) or "-"
        try:
            return _parsed(key, text)
        except ValueError:  # a damaged cache entry: looked at again
            return _parsed(key, look())
    except OSError:
        return None


def _parsed(key: str, text: str) -> Seen:
    """Return what a kept entry says: 'WIDTH HEIGHT THUMBNAIL-HEX', or '-' for a photo that cannot be decoded."""
    if text == "-":
        return Seen(key, None, None)
    width, height, thumb = text.split(" ")
    return Seen(key, (int(width), int(height)), bytes.fromhex(thumb))


def _close(one: bytes, other: bytes) -> bool:
    return all(abs(a - b) <= CLOSE for a, b in zip(one, other))  # two other photos differ within the first bytes


def same_pairs(photos: Sequence[Path], cache: Path | None = None) -> list[tuple[Path, Path]]:
    """Return (earlier, later) for each photo that is an earlier one's copy: identical bytes or identical pixels."""
    paths = sorted(set(photos))
    with ThreadPoolExecutor(max(1, min(len(paths), os.cpu_count() or 1))) as pool:
        seen = {path: found for path, found in zip(paths, pool.map(lambda path: _seen(path, cache), paths))
                if found is not None}
    pairs: list[tuple[Path, Path]] = []
    first_of: dict[str, Path] = {}
    for path in seen:
        earlier = first_of.setdefault(seen[path].key, path)
        if earlier != path:
            pairs.append((earlier, path))
    unique = sorted(first_of.values())
    copied = {later for _, later in pairs}
    for index, one in enumerate(unique):
        for other in unique[index + 1:]:
            small, big = seen[one], seen[other]
            if (other in copied or small.size is None or small.size != big.size or small.thumb is None
                    or big.thumb is None or not _close(small.thumb, big.thumb)):
                continue
            try:  # only a pair whose thumbnails agree is decoded in full
                pixels = [_cached_pixels(path, seen[path].key, cache) for path in (one, other)]
            except OSError:
                continue
            if pixels[0] is not None and pixels[0] == pixels[1]:
                pairs.append((one, other))
                copied.add(other)
    return pairs


def warn_same_photo(portraits: Sequence[Portrait], problems: Problems, cache: Path | None = None) -> None:
    """Warn at each portrait whose photo is another portrait's photo under another name (file and line of both)."""
    by_photo: dict[Path, Portrait] = {}
    for portrait in portraits:
        by_photo.setdefault(portrait.photo, portrait)
    for earlier, later in same_pairs(list(by_photo), cache):  # an unreadable photo is reported where it is prepared
        first, portrait = by_photo[earlier], by_photo[later]
        problems.warning(portrait.where.path, portrait.photo_line,
                         f"Foto '{later.name}' ist dasselbe Bild wie '{earlier.name}' "
                         f"({first.where.path}:{first.photo_line or ''}) – jedes Porträt braucht ein eigenes "
                         f"Foto. Bitte das richtige Foto eintragen.")
