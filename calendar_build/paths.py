"""Keep every file the build reads inside the calendar project folder, and read only regular files.

A FIFO, a device or a socket under a content, template or photo name would block a read forever
or return endless bytes: every file is checked with stat before it is opened, opened without
blocking, and checked once more on the open descriptor (the name may change in between).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


def machine_cache(name: str) -> Path:
    """Return the folder of this user's cache for `name` (what a build derives from installed files, per machine)."""
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "calendar-build" / name


class PathOutside(ValueError):
    """A path that leaves the project folder (absolute, `..`, or a symlink pointing out)."""


class NotRegularFile(OSError):
    """A name that is no regular file (a folder, a FIFO, a device, a socket)."""


# What a name is when it is no regular file, for the German message.
_KINDS = ((stat.S_ISDIR, "ein Ordner"), (stat.S_ISFIFO, "eine benannte Pipe (FIFO)"),
          (stat.S_ISCHR, "eine Gerätedatei"), (stat.S_ISBLK, "eine Gerätedatei"), (stat.S_ISSOCK, "ein Socket"))


def kind_of(mode: int) -> str:
    """Return what a file of this mode is, in German ("eine benannte Pipe (FIFO)" …)."""
    return next((name for test, name in _KINDS if test(mode)), "keine gewöhnliche Datei")


def inside(root: Path, path: Path | str) -> Path:
    """Return `path` resolved, or raise PathOutside when it leaves `root` (symlinks followed)."""
    text = str(path)
    if "://" in text:
        raise PathOutside(text)
    resolved_root = root.resolve()
    try:
        resolved = (root / path).resolve() if not Path(path).is_absolute() else Path(path).resolve()
    except RuntimeError:  # a symlink loop: named as written, so that reading it reports the loop (ELOOP)
        resolved = Path(os.path.abspath(root / path))
    except (OSError, ValueError):  # a NUL byte: no path into the project
        raise PathOutside(text) from None
    if resolved != resolved_root and resolved_root not in resolved.parents:
        raise PathOutside(text)
    return resolved


def check_regular(path: Path) -> os.stat_result:
    """Return the file's stat; raise NotRegularFile (an OSError) unless it is a regular file."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFile(errno.EISDIR if stat.S_ISDIR(info.st_mode) else errno.EINVAL,
                             f"Dies ist {kind_of(info.st_mode)}, keine gewöhnliche Datei", str(path))
    return info


def is_regular(path: Path) -> bool:
    """Return whether `path` names a regular file (symlinks followed; a loop or a FIFO is not one)."""
    try:
        check_regular(path)
    except OSError:
        return False
    return True


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """Return the bytes of a regular file (at most `limit` + 1); raise OSError for anything else.

    Never blocks: a FIFO, device or socket is refused before and after opening (O_NONBLOCK).
    """
    check_regular(path)
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):  # swapped for a FIFO between stat and open
            raise NotRegularFile(errno.EINVAL, f"Dies ist {kind_of(info.st_mode)}, keine gewöhnliche Datei", str(path))
        with os.fdopen(handle, "rb", closefd=False) as stream:
            return stream.read() if limit is None else stream.read(limit + 1)
    finally:
        os.close(handle)


def read_regular_text(path: Path) -> str:
    """Return a regular file's text (UTF-8); raise OSError or EncodingProblem (a ValueError with line and message)."""
    from calendar_build.content.encoding import decode_text  # noqa: PLC0415

    return decode_text(read_regular(path))
