"""Keep every file the build reads inside the calendar project folder."""

from __future__ import annotations

from pathlib import Path


class PathOutside(ValueError):
    """A path that leaves the project folder (absolute, `..`, or a symlink pointing out)."""


def inside(root: Path, path: Path | str) -> Path:
    """Return `path` resolved, or raise PathOutside when it leaves `root` (symlinks followed)."""
    text = str(path)
    if "://" in text:
        raise PathOutside(text)
    resolved_root = root.resolve()
    try:
        resolved = (root / path).resolve() if not Path(path).is_absolute() else Path(path).resolve()
    except (OSError, ValueError, RuntimeError):  # a NUL byte, a symlink loop: no path into the project
        raise PathOutside(text) from None
    if resolved != resolved_root and resolved_root not in resolved.parents:
        raise PathOutside(text)
    return resolved
