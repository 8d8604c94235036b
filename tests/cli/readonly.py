"""Emulate a read-only folder in-process: root ignores file modes, so chmod 555 cannot make one in tests."""

from __future__ import annotations

import builtins
import errno
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT


def _refuse(path: object) -> PermissionError:
    return PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))  # type: ignore[arg-type]


def read_only(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse every write under `cache` from now on (files, folders, renames and removals)."""
    top = cache.resolve()

    def under(path: object) -> bool:
        return not isinstance(path, int) and Path(os.fsdecode(path)).resolve().is_relative_to(top)  # type: ignore[arg-type]

    real_open, real_os_open, real_mkdir = io.open, os.open, os.mkdir
    real_replace, real_unlink = os.replace, os.unlink

    def guarded_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(c in mode for c in "wax+") and under(file):
            raise _refuse(file)
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & WRITING and under(path):
            raise _refuse(path)
        return real_os_open(path, flags, *args, **kwargs)

    def guarded_mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
        if under(path):
            raise FileExistsError(errno.EEXIST, "File exists", path) if os.path.exists(path) else _refuse(path)
        real_mkdir(path, *args, **kwargs)

    def guarded(real: Callable[..., None]) -> Callable[..., None]:
        def call(*paths: Any, **kwargs: Any) -> None:
            if any(under(p) for p in paths):
                raise _refuse(paths[-1])
            real(*paths, **kwargs)
        return call

    for module in (io, builtins):
        monkeypatch.setattr(module, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    monkeypatch.setattr(os, "mkdir", guarded_mkdir)
    monkeypatch.setattr(os, "replace", guarded(real_replace))
    monkeypatch.setattr(os, "rename", guarded(os.rename))
    monkeypatch.setattr(os, "unlink", guarded(real_unlink))
