"""Parts set before: a rebuild takes a part's PDF from the cache when nothing it was made from has changed.

A part's PDF (render/job.py) follows from what the job gave it – its HTML, the generated CSS, the
product, the print condition, the crop marks – and from what the process setting it read: the files
WeasyPrint fetched (photos, the fonts of `@font-face` rules, colour profiles) and the program itself
(its Python modules, its shared libraries, the installed fonts and Fontconfig's settings). The
process lists every one of those files with its size, modification time and inode (`dependencies`;
not the change time, which any new hard link to a photo moves). A part is taken again only when its
key is the same and every listed file still has the same signature. A part is not kept when it gave
any message (its warnings are said on every build), when a file of the program changed shortly before
or while the build ran, or when nothing can be written.

One entry is kept per output file and part, in `<cache>/parts/`: the latest.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from calendar_build.output import atomic_write
from calendar_build.products import Product
from calendar_build.render import image_ids
from calendar_build.render.assets import SYSTEM_FONT_DIRS

FORMAT = "parts-1"  # bump whenever a part would now be made or kept differently
Signature = tuple[int, int, int]  # size, modification time (ns), inode – as the photo cache's marks
STARTED_NS = time.time_ns()  # when this program started (this module is loaded before any part is set)
SETTLE_NS = 2_000_000_000  # file times of some file systems are this coarse
# Besides the process's modules and libraries: the installed fonts and how Fontconfig finds them.
FONT_FOLDERS = (*SYSTEM_FONT_DIRS, Path("/etc/fonts"))
SKIPPED = ("/dev/", "/proc/", "/sys/", "/memfd:")


@dataclass(frozen=True)
class Kept:
    """A part's PDF from the cache and what setting it gave."""

    file: Path
    pages: int
    compacted: tuple[tuple[int, str], ...]


def signature(path: str | Path) -> Signature | None:
    """Return a file's signature, None when it is missing or no regular file."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ino) if stat.S_ISREG(found.st_mode) else None


def key(index: int, css: str, html: str, product: Product, crop_marks: bool, condition: object,
        output_profile: Path | None, where: image_ids.Places) -> str:
    """Return the digest of what a job gives part `index` (folders named, as in the job's key)."""
    digest = hashlib.sha256(f"{FORMAT}\0{index}\0{product!r}\0{crop_marks}\0{condition!r}\0{output_profile}".encode())
    for text in (css, html):
        digest.update(b"\0" + image_ids.neutral(text, where).encode())
    return digest.hexdigest()


def program_files() -> set[str]:
    """Return the files this process runs on: its modules and mapped libraries, the fonts and their settings."""
    files = {str(getattr(module, "__file__", None) or "") for module in list(sys.modules.values())}
    with contextlib.suppress(OSError), open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
        for line in maps:
            fields = line.split(maxsplit=5)
            if len(fields) == 6 and fields[5].startswith("/") and not fields[5].rstrip().endswith("(deleted)"):
                files.add(fields[5].rstrip("\n"))
    for folder in FONT_FOLDERS:
        for base, _dirs, names in os.walk(folder):
            files.update(os.path.join(base, name) for name in names)
    return {f for f in files if f.startswith("/") and not f.startswith(SKIPPED)}


def dependencies(skip: Iterable[Path] = ()) -> tuple[dict[str, Signature], bool]:
    """Return the signature of every file of `program_files` (those below `skip` left out: temporary copies)
    and whether none of them changed since this program started."""
    skipped = tuple(f"{folder}/" for folder in skip)
    found = {path: sig for path in program_files() if not path.startswith(skipped)
             if (sig := signature(path)) is not None}
    settled = all(sig[1] < STARTED_NS - SETTLE_NS for sig in found.values())
    return found, settled


def _folder(cache: Path) -> Path:
    return cache / "parts"


def _names(output: str, index: int) -> tuple[str, str]:
    stem = f"{output}.part-{index + 1}"
    return f"{stem}.pdf", f"{stem}.json"


def lookup(cache: Path, output: str, index: int, part_key: str, into: Path) -> Kept | None:
    """Return the kept part for `output` and `index`, linked to `into`, if its key is `part_key` and no file it
    depends on changed; None otherwise (then `into` is not there).

    The link holds the very file the manifest vouches for, even while another build replaces the entry.
    """
    pdf_name, manifest_name = _names(output, index)
    folder = _folder(cache)
    try:
        manifest = json.loads((folder / manifest_name).read_text(encoding="utf-8"))
        if manifest["key"] != part_key:
            return None
        os.link(folder / pdf_name, into)
        if tuple(manifest["file"]) == signature(into) and all(tuple(sig) == signature(path)
                                                       for path, sig in manifest["depends"].items()):
            return Kept(into, int(manifest["pages"]),
                        tuple((int(number), str(title)) for number, title in manifest["compacted"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass  # none kept, or damaged: set anew
    with contextlib.suppress(OSError):
        into.unlink()
    return None


def keep(cache: Path, output: str, index: int, part_key: str, made: Path, pages: int,
         compacted: tuple[tuple[int, str], ...], depends: Mapping[str, Signature]) -> None:
    """Keep the part's PDF `made` (linked where it can be, else copied) under its key, replacing the one before."""
    pdf_name, manifest_name = _names(output, index)
    folder = _folder(cache)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            (folder / manifest_name).unlink()  # first: a manifest never names another file's signature
        staged = folder / f".{pdf_name}.{os.getpid()}"
        try:
            os.link(made, staged)
        except OSError:
            shutil.copyfile(made, staged)
        kept = signature(staged)  # before it takes the entry's name: another build may replace it at once
        os.replace(staged, folder / pdf_name)
        manifest = {"key": part_key, "file": kept, "pages": pages,
                    "compacted": [list(item) for item in compacted], "depends": dict(depends)}
        atomic_write(folder / manifest_name, json.dumps(manifest).encode(), durable=False)
    except OSError:
        pass  # a cache we cannot write only costs time
