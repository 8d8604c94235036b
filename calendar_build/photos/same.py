"""The same photo saved under two names: two portraits whose photo files hold identical bytes or identical pixels.

The same file named twice is the preparation's error (prepare.py); a copy under another name (sent twice,
saved as 'IMG_1234.jpg' and '05-name.jpg', or re-saved without a change) printed one person's photo on two
pages without a word. Bytes are compared by their hash; pixels only between photos of the same size,
and a photo's pixel hash is kept in the cache (keyed by the hash of its bytes), so each photo is decoded once.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image

from calendar_build.errors import Problems
from calendar_build.paths import read_regular
from calendar_build.photos.render import _open
from calendar_build.portraits.loader import Portrait

Key = Callable[[bytes], str | None]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _size(data: bytes) -> str | None:
    with _open(data) as image:
        return f"{image.size}"


def _pixels(data: bytes) -> str | None:
    with _open(data) as image:
        return _digest(f"{image.size}{image.mode}".encode() + image.tobytes())


def _cached(cache: Path | None) -> Key:
    """Return the pixel hash, kept in `cache`/pixels/ by the hash of the bytes (None: not kept)."""
    def key(data: bytes) -> str | None:
        if cache is None:
            return _pixels(data)
        path = cache / "pixels" / _digest(data)
        try:
            return path.read_text(encoding="ascii")
        except OSError:
            found = _pixels(data)
        if found is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                staged = path.with_name(f".{path.name}.{os.getpid()}.part")
                staged.write_text(found, encoding="ascii")
                os.replace(staged, path)  # a reader never sees half a hash
            except OSError:
                pass  # a cache that cannot be written only costs time
        return found
    return key


def _grouped(photos: dict[Path, bytes], keys: Sequence[Key]) -> list[list[Path]]:
    """Return the groups of paths whose photos agree in every key (computed only for photos still in a group)."""
    groups = [sorted(photos)]
    for key in keys:
        refined: list[list[Path]] = []
        for group in groups:
            by_key: dict[str, list[Path]] = {}
            for path in group:
                try:
                    found = key(photos[path])
                except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
                    found = None  # an unreadable photo is reported by the preparation
                if found is not None:
                    by_key.setdefault(found, []).append(path)
            refined += [paths for paths in by_key.values() if len(paths) > 1]
        groups = refined
    return groups


def warn_same_photo(portraits: Sequence[Portrait], problems: Problems, cache: Path | None = None) -> None:
    """Warn at each portrait whose photo is another portrait's photo under another name (file and line of both)."""
    by_photo: dict[Path, Portrait] = {}
    for portrait in portraits:
        by_photo.setdefault(portrait.photo, portrait)
    photos: dict[Path, bytes] = {}
    for path in by_photo:
        try:
            photos[path] = read_regular(path, 200_000_000)
        except OSError:
            continue  # reported where the photo is prepared
    same = _grouped(photos, (_digest,))
    alike = [p for p in photos if not any(p in group for group in same)]
    same += _grouped({p: photos[p] for p in alike}, (_size, _cached(cache)))
    for group in same:
        first = by_photo[group[0]]
        for path in group[1:]:
            portrait = by_photo[path]
            problems.warning(portrait.where.path, portrait.photo_line,
                             f"Foto '{path.name}' ist dasselbe Bild wie '{first.photo.name}' "
                             f"({first.where.path}:{first.photo_line or ''}) – jedes Porträt braucht ein eigenes "
                             f"Foto. Bitte das richtige Foto eintragen.")
