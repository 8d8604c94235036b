"""The cache of prepared photos: `<key>.jpg` plus a `<key>.json` sidecar, both written atomically.

The key is the sha256 of a header (code version, library versions, target parameters, focal point,
output profile digest) followed by the source file's bytes, so a warm run only hashes bytes and
never decodes an image. The sidecar holds the JPEG's sha256 and what the build needs to know about
it (pixel size, effective ppi, notes); an entry whose JPEG does not match is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from PIL import features

from calendar_build.output import atomic_write
from calendar_build.paths import check_regular, read_regular

# Bump when the same input would now give different output (crop, scaling, colour, encoding).
VERSION = "photos-7"  # bump whenever what a job produces changes (2: bicubic, 3: reducing gap, 4: Hamming, 5: notes, 6: source size, transparency note, 7: ink proxies)
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Entry:
    """A prepared JPEG in the cache and what the build needs to know about it."""

    path: Path
    width_px: int
    height_px: int
    effective_ppi: float
    notes: tuple[str, ...] = ()  # German remarks for the editor, without the photo's name
    source_px: tuple[int, int] | None = None  # the source photo's upright size, for messages


def header(params: Mapping[str, object]) -> bytes:
    """Return the key header for these target parameters: canonical JSON with all versions in it."""
    versions = {
        "code": VERSION,
        "pillow": features.version("pil"),
        "lcms": features.version("littlecms2"),
        "jpeg": features.version("jpg"),
        "libjpeg_turbo": features.version("libjpeg_turbo"),
    }
    return json.dumps({"versions": versions, "params": params}, sort_keys=True, separators=(",", ":")).encode() + b"\0"


def key_of_bytes(head: bytes, data: bytes) -> str:
    """Return the cache key of a source given as bytes."""
    return hashlib.sha256(head + data).hexdigest()


def key_of_file(head: bytes, path: Path, cache_dir: Path | None = None) -> str:
    """Return the cache key of a source file, reading it in chunks (raises OSError).

    With a cache folder, the key of an unchanged file (same size, modification time and inode,
    as git's index does it) is remembered, so a warm build does not read the photos at all.
    """
    stat = check_regular(path)  # a FIFO under a photo's name would block the read below
    if cache_dir is not None and (key := _remembered(head, path, cache_dir, stat)) is not None:
        return key
    digest = hashlib.sha256(head)
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    key = digest.hexdigest()
    if cache_dir is not None:
        remember_key(head, path, cache_dir, stamp_of(stat), key)
    return key


def remembered(head: bytes, path: Path, cache_dir: Path) -> str | None:
    """Return the key remembered for the file at `path` while it is unchanged, without reading it; None if none is."""
    try:
        return _remembered(head, path, cache_dir, check_regular(path))
    except OSError:
        return None


def _remembered(head: bytes, path: Path, cache_dir: Path, stat: os.stat_result) -> str | None:
    try:
        remembered_stamp, remembered_key = read_regular(_index(head, path, cache_dir), 200).decode("ascii").rsplit(" ", 1)
    except (OSError, ValueError):
        return None
    return remembered_key if remembered_stamp == stamp_of(stat) and len(remembered_key) == 64 else None


def stamp_of(stat: os.stat_result) -> str:
    """Return what tells an unchanged file: its size, modification time and inode."""
    return f"{stat.st_size} {stat.st_mtime_ns} {stat.st_ino}"


def _index(head: bytes, path: Path, cache_dir: Path) -> Path:
    return cache_dir.with_name(cache_dir.name + "-index") / hashlib.sha256(head + str(path.resolve()).encode()).hexdigest()[:32]


def remember_key(head: bytes, path: Path, cache_dir: Path, stamp: str, key: str) -> None:
    """Remember `key` as the key of the file at `path` while it is as `stamp` (taken before its bytes were read)."""
    index = _index(head, path, cache_dir)
    try:
        index.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(index, f"{stamp} {key}".encode("ascii"))
    except OSError:
        pass  # an index we cannot write only costs time


# JPEGs whose sha256 this process checked, by path: "size modification-time inode" -> sha256. A warm
# process (watch, serve) then reads and hashes an unchanged cached photo only once.
_VERIFIED: dict[Path, tuple[str, str]] = {}


def _sha256_of(jpeg: Path) -> str:
    """Return the sha256 of a cached JPEG, read and hashed only while it is not known as it is now.

    Known in this process, and across processes by a stamp beside the JPEG (`<key>.checked`: size,
    modification time, inode and digest, as the source index keeps them), so a warm build reads no
    cached photo either (0.1 s for the twelve of the A3 sample). A cached JPEG is written without
    waiting for the disk: the stamp is written only after the JPEG is on the disk, so a crash that
    lost the JPEG's bytes leaves no stamp vouching for them.
    """
    stat = check_regular(jpeg)
    stamp = f"{stat.st_size} {stat.st_mtime_ns} {stat.st_ino}"
    known = _VERIFIED.get(jpeg)
    if known is not None and known[0] == stamp:
        return known[1]
    checked = jpeg.with_suffix(".checked")
    try:
        remembered_stamp, remembered = read_regular(checked, 200).decode("ascii").rsplit(" ", 1)
        if remembered_stamp == stamp and len(remembered) == 64:
            _VERIFIED[jpeg] = (stamp, remembered)
            return remembered
    except (OSError, ValueError):
        pass
    with jpeg.open("rb") as stream:
        digest = hashlib.sha256(stream.read()).hexdigest()
        try:
            os.fsync(stream.fileno())
            _write_atomic(checked, f"{stamp} {digest}".encode("ascii"))
        except OSError:
            pass  # a stamp we cannot write only costs time
    _VERIFIED[jpeg] = (stamp, digest)
    return digest


def lookup(cache_dir: Path, key: str) -> Entry | None:
    """Return the cached entry for `key`, or None when it is missing, incomplete or corrupt."""
    jpeg = cache_dir / f"{key}.jpg"
    try:
        meta = json.loads(read_regular(cache_dir / f"{key}.json", 1_000_000).decode("utf-8"))
        if not isinstance(meta, dict) or meta.get("sha256") != _sha256_of(jpeg):
            return None
        notes = meta["notes"]
        if not (isinstance(notes, list) and all(isinstance(n, str) for n in notes)):
            return None
        size = meta.get("source_px")
        source_px = (int(size[0]), int(size[1])) if isinstance(size, list) and len(size) == 2 else None
        return Entry(jpeg, int(meta["width_px"]), int(meta["height_px"]), float(meta["effective_ppi"]), tuple(notes),
                     source_px)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store(cache_dir: Path, key: str, data: bytes, width_px: int, height_px: int, effective_ppi: float,
          notes: tuple[str, ...], source_px: tuple[int, int] | None = None) -> Entry:
    """Write the JPEG, then its sidecar, each atomically; return the entry."""
    path = cache_dir / f"{key}.jpg"
    cache_dir.mkdir(parents=True, exist_ok=True)  # deleted meanwhile: made again
    try:
        path.with_suffix(".checked").unlink(missing_ok=True)  # the stamp of a JPEG made again (it would not match)
    except OSError:
        pass
    meta = {"sha256": hashlib.sha256(data).hexdigest(), "width_px": width_px, "height_px": height_px,
            "effective_ppi": effective_ppi, "notes": list(notes),
            "source_px": list(source_px) if source_px else None}
    _write_atomic(path, data)
    # The sidecar comes last: a reader that sees it also sees the complete JPEG it describes.
    _write_atomic(cache_dir / f"{key}.json", json.dumps(meta, sort_keys=True, ensure_ascii=False).encode())
    return Entry(path, width_px, height_px, effective_ppi, notes, source_px)


def _write_atomic(path: Path, data: bytes) -> None:
    # Concurrent builds see the old file or the new one, never half of one; two builds writing the same
    # key write the same bytes. Not synced to disk: a JPEG lost in a crash fails its sidecar's sha256.
    atomic_write(path, data, durable=False)
