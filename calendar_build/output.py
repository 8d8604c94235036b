"""Write output atomically: a temporary file beside the target, then os.replace.

A build that fails or is interrupted never leaves a half-written file and never touches the
last good output. On Linux the temporary file has no name while it is written (O_TMPFILE): a
build killed outright (SIGKILL, OOM killer) leaves nothing behind either. Elsewhere it is a
hidden `.name.XXXX.part`, removed on every error and on Ctrl-C.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_file(target: Path) -> Iterator[BinaryIO]:
    """Yield a binary stream to a temporary file beside `target`; rename it into place on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = _unnamed(target.parent)
    if handle is not None:
        with os.fdopen(handle, "w+b") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
            _name_and_replace(stream, target)
        return
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp creates 0600; outputs are ordinary files
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _unnamed(folder: Path) -> int | None:
    """Return a descriptor of a new file without a name in `folder`, or None where that is not supported."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not Path("/proc/self/fd").is_dir():
        return None
    try:
        return os.open(folder, flag | os.O_RDWR | os.O_CLOEXEC, 0o666)  # the umask applies as for any file
    except OSError:  # a file system without O_TMPFILE support
        return None


def _name_and_replace(stream: BinaryIO, target: Path) -> None:
    """Give the unnamed file a temporary name beside `target` and rename it into place."""
    temporary = target.parent / f".{target.name}.{secrets.token_hex(4)}.part"
    try:
        proc = os.open("/proc/self/fd", os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.link(str(stream.fileno()), temporary, src_dir_fd=proc, follow_symlinks=True)
        finally:
            os.close(proc)
    except OSError:  # linking refused (e.g. a restricted /proc): copy into a named temporary file
        stream.seek(0)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        temporary = Path(name)
        try:
            with os.fdopen(handle, "wb") as copy:
                shutil.copyfileobj(stream, copy)
                copy.flush()
                os.fsync(copy.fileno())
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    try:
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def atomic_write(target: Path, data: bytes) -> None:
    """Write `data` to `target` via a temporary file in the same folder and a rename."""
    with atomic_file(target) as stream:
        stream.write(data)


def swap_in(folder: Path, target: Path) -> None:
    """Put a finished folder in place of `target`; whenever interrupted, one complete folder remains."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(folder, target)
    shutil.rmtree(old, ignore_errors=True)
