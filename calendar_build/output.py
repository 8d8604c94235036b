"""Write output atomically: a temporary file beside the target, then os.replace.

A build that fails or is interrupted never leaves a half-written file and never touches the
last good output. On Linux the temporary file has no name while it is written (O_TMPFILE): a
build killed outright (SIGKILL, OOM killer) leaves nothing behind either. Elsewhere it is a
hidden `.name.XXXX.part`, removed on every error and on Ctrl-C.

Several outputs are replaced together or not at all inside a `transaction(folder)`: each file
written directly into that folder (also by worker processes forked meanwhile) is finished as a
hidden `.name.<token>.staged` and renamed into place only by `commit()`, after every output was
written; removals wait for the commit as well. Leaving the block without a commit removes the
staged files; those of a build killed outright are removed by the next transaction in the folder.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import multiprocessing.util
import os
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO


@dataclass
class Transaction:
    """Outputs of one command in one folder, renamed into place together by `commit`."""

    folder: Path
    token: str
    removals: list[Path] = field(default_factory=list)

    def staged(self) -> list[tuple[Path, Path]]:
        """Return (staged file, target) for every output finished so far."""
        suffix = f".{self.token}.staged"
        return [(path, self.folder / path.name[1:-len(suffix)]) for path in sorted(self.folder.glob(f".*{suffix}"))]

    def commit(self) -> None:
        """Rename every staged output into place, then do the removals; check every target first.

        A rename that fails midway (a PDF held open on a network drive) puts the outputs renamed
        before it back as they were: never a new job sheet beside the earlier PDF.
        """
        pairs = self.staged()
        for _, target in pairs:  # a folder in the way fails before anything is replaced
            if target.is_dir() and not target.is_symlink():
                raise IsADirectoryError(21, "ist ein Ordner", str(target))
        kept: list[tuple[Path, Path | None]] = []  # each target renamed into and its earlier file
        try:
            for staged, target in pairs:
                kept.append((target, self._keep(target)))
                os.replace(staged, target)
        except OSError:
            _restore(kept)
            raise
        for _, earlier in kept:
            if earlier is not None:
                earlier.unlink(missing_ok=True)
        for path in self.removals:
            path.unlink(missing_ok=True)
        self.removals.clear()

    def _keep(self, target: Path) -> Path | None:
        """Return a second name for the earlier file at `target` to restore it by (None: there is none)."""
        if not os.path.lexists(target):
            return None
        earlier = self.folder / f".{target.name}.{self.token}.old"
        try:
            os.link(target, earlier, follow_symlinks=False)
        except OSError:  # a file system without hard links
            shutil.copy2(target, earlier, follow_symlinks=False)
        return earlier

    def discard(self) -> None:
        """Remove every staged output (the earlier files stay as they were)."""
        for staged, _ in self.staged():
            staged.unlink(missing_ok=True)


def _restore(kept: list[tuple[Path, Path | None]]) -> None:
    """Put the earlier files back where outputs were renamed into (remove outputs that had none)."""
    for target, earlier in reversed(kept):
        try:
            if earlier is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(earlier, target)
        except OSError:
            pass  # the target that failed: still the earlier file
        if earlier is not None:
            earlier.unlink(missing_ok=True)


_ACTIVE: Transaction | None = None  # inherited by worker processes forked inside the block
_STAGED = re.compile(r"^\..+\.(\d+)x[0-9a-f]+\.(?:staged|old)$")


@contextmanager
def transaction(folder: Path) -> Iterator[Transaction]:
    """Stage every output written into `folder` until `commit()`; discard what is left on leaving."""
    global _ACTIVE  # noqa: PLW0603 - one transaction per process, seen by forked workers
    _remove_orphans(folder)
    active = Transaction(folder.absolute(), f"{os.getpid()}x{secrets.token_hex(4)}")
    previous, _ACTIVE = _ACTIVE, active
    try:
        yield active
    finally:
        _ACTIVE = previous
        try:
            active.discard()
        except OSError:
            pass  # a folder that went away holds nothing of ours


def _remove_orphans(folder: Path) -> None:
    """Remove staged files of transactions whose process is gone (a build killed outright)."""
    try:
        names = [p for p in folder.iterdir() if _STAGED.match(p.name)]
    except OSError:
        return
    for path in names:
        match = _STAGED.match(path.name)
        if match and not Path(f"/proc/{match.group(1)}").exists():
            path.unlink(missing_ok=True)


def remove(path: Path) -> None:
    """Remove an output now, or at the commit when a transaction holds its folder."""
    if _ACTIVE is not None and path.parent.absolute() == _ACTIVE.folder:
        _ACTIVE.removals.append(path)
    else:
        path.unlink(missing_ok=True)


def _destination(target: Path) -> Path:
    """Return where a finished file goes: its target, or its staged name inside a transaction."""
    if _ACTIVE is not None and target.parent.absolute() == _ACTIVE.folder:
        return target.parent / f".{target.name}.{_ACTIVE.token}.staged"
    return target


def written(target: Path) -> Path:
    """Return where a finished output can be read now: its target, or its staged file inside a transaction."""
    return _destination(target)


@contextmanager
def atomic_file(target: Path, durable: bool = True) -> Iterator[BinaryIO]:
    """Yield a binary stream to a temporary file beside `target`; rename it into place on success.

    A failed write (a full disk) is raised as an OSError naming `target`. `durable`: the bytes reach
    the disk before the rename (outputs); a cache entry, checked when read, skips that wait.
    """
    try:
        with _atomic_file(target, durable) as stream:
            yield stream
    except OSError as exc:
        if exc.filename is not None:
            raise
        raise type(exc)(exc.errno, exc.strerror, str(target)) from exc


@contextmanager
def _atomic_file(target: Path, durable: bool) -> Iterator[BinaryIO]:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = _unnamed(target.parent)
    if handle is not None:
        with os.fdopen(handle, "w+b") as stream:
            yield stream
            stream.flush()
            if durable:
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
            if durable:
                os.fsync(stream.fileno())
        os.replace(temporary, _destination(target))
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
        os.replace(temporary, _destination(target))
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


_PRIVATE: dict[int, Path] = {}


def private_folder() -> Path:
    """Return a temporary folder of this process (made on first use, removed when the process ends)."""
    pid = os.getpid()
    if pid not in _PRIVATE:
        _PRIVATE[pid] = Path(tempfile.mkdtemp(prefix="calendar-build-"))
        # multiprocessing's finalizers run only in the process that made them, also where a worker ends
        multiprocessing.util.Finalize(None, shutil.rmtree, args=(str(_PRIVATE[pid]), True), exitpriority=0)
    return _PRIVATE[pid]


def private_folders() -> tuple[Path, ...]:
    """Return the private temporary folders made so far (by this process or before it was forked)."""
    return tuple(_PRIVATE.values())


@lru_cache(maxsize=8)
def cache_refusal(folder: Path) -> str | None:
    """Return why `folder` cannot hold the cache (German), None when a file can be made in it."""
    from calendar_build.errors import os_error_message  # noqa: PLC0415 - errors imports nothing of ours

    if folder.exists() and not folder.is_dir():
        return "dort liegt eine Datei statt eines Ordners"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".probe-", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        return os_error_message(exc)
    return None


def usable_cache(folder: Path) -> Path:
    """Return `folder`, or a private temporary folder when the cache cannot be written there."""
    return folder if cache_refusal(folder) is None else private_folder()


def atomic_write(target: Path, data: bytes, durable: bool = True) -> None:
    """Write `data` to `target` via a temporary file in the same folder and a rename (see `atomic_file`)."""
    with atomic_file(target, durable) as stream:
        stream.write(data)


def cache_write(target: Path, data: bytes) -> Path:
    """Write `data` to a cache file and return it; where the cache is unusable, to this build's own temporary copy.

    The cache may be deleted, replaced by a file or made read-only while a build runs: that only costs time.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)  # deleted meanwhile: made again
        atomic_write(target, data)
        return target
    except OSError:
        fallback = private_folder() / target.name
        fallback.write_bytes(data)
        return fallback


STALE_SECONDS = 3600  # a hidden working folder this old was left by a writer that was killed


def remove_stale(folders: Iterable[Path], seconds: float = STALE_SECONDS) -> None:
    """Remove those of `folders` last changed more than `seconds` ago (left by writers that were killed)."""
    now = time.time()
    for folder in folders:
        with contextlib.suppress(OSError):
            if now - folder.stat().st_mtime > seconds:
                shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def staged_folder(target: Path) -> Iterator[Path]:
    """Yield a new, empty hidden folder beside `target` to make its next version in; put it in place of `target`
    when the block ends (`swap_in`), remove it when the block fails (the earlier version stays as it was).

    Each writer gets a folder of its own (`.name.PIDxHEX.staged`): two processes writing the same output at once –
    two `serve` of one project, a `preview` beside a `watch` – never fill or remove each other's. Folders left by
    writers killed more than an hour ago are removed (and what an earlier version of the program left).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(target.with_name(f".{target.name}.new"), ignore_errors=True)
    shutil.rmtree(target.with_name(f".{target.name}.old"), ignore_errors=True)
    name = glob.escape(target.name)
    remove_stale((*target.parent.glob(f".{name}.*x*.staged"), *target.parent.glob(f".{name}.*x*.old")))
    folder = target.with_name(f".{target.name}.{os.getpid()}x{secrets.token_hex(4)}.staged")
    folder.mkdir()
    try:
        yield folder
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    swap_in(folder, target)


SWAP_ATTEMPTS = 5


def swap_in(folder: Path, target: Path) -> None:
    """Put a finished folder in place of `target`; whenever interrupted, one complete folder remains.

    Another writer may put its folder in place between the two renames (a folder cannot replace one that holds
    files): that one is moved aside as well, and this one, the later, stays.
    """
    aside: list[Path] = []
    for attempt in range(SWAP_ATTEMPTS):
        old = target.with_name(f".{target.name}.{os.getpid()}x{secrets.token_hex(4)}.old")
        with contextlib.suppress(FileNotFoundError):  # none yet, or another writer has just moved it aside
            os.replace(target, old)
            aside.append(old)
        try:
            os.replace(folder, target)
            break
        except OSError as exc:
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST) or attempt == SWAP_ATTEMPTS - 1:
                raise
    for old in aside:
        shutil.rmtree(old, ignore_errors=True)