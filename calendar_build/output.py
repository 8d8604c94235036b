"""Write output atomically: a temporary file beside the target, then os.replace.

A build that fails or is interrupted never leaves a half-written file and never touches the
last good output.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_file(target: Path) -> Iterator[BinaryIO]:
    """Yield a binary stream to a temporary file beside `target`; rename it into place on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
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


def atomic_write(target: Path, data: bytes) -> None:
    """Write `data` to `target` via a temporary file in the same folder and a rename."""
    with atomic_file(target) as stream:
        stream.write(data)
