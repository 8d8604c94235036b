"""Setting a PDF job: its parts laid out by WeasyPrint (render/pdf.py), in parallel processes, then joined.

This module does not import WeasyPrint: where a worker sets the parts (`build`), the process that
composes the pages never loads it, and the worker loads it meanwhile (render/ready.py). Parts set in
this process (`check`, the preview, a worker that could not be forked) load it on first use.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from calendar_build import workers
from calendar_build.output import atomic_file, remove_stale
from calendar_build.products import Product
from calendar_build.render import image_ids, part_cache
from calendar_build.render.condition import PrintCondition
from calendar_build.render.join import document_id, join_pdfs

if TYPE_CHECKING:
    from calendar_build.render.fit import Violation


@dataclass(frozen=True)
class PdfJob:
    """Everything WeasyPrint needs for one PDF."""

    parts: tuple[str, ...]  # HTML of consecutive page ranges: several are set in parallel processes, then joined
    base_dir: Path  # relative URLs in the HTML resolve here (the templates folder)
    generated_css: str  # fonts, page size, category colours, colour profile
    allowed: tuple[Path, ...]  # folders files may be read from
    product: Product  # page size, bleed, marks, PDF flavour, safe margin
    output_profile: Path | None = None  # CMYK ICC profile of a CMYK product
    crop_marks: bool = True  # where the product has them (a preview has none)
    condition: PrintCondition | None = None  # the registered print condition the output intent names
    strict: bool = False  # any WeasyPrint warning keeps the PDF from being written
    parallel: bool = True  # set the parts in parallel processes (the PDF is the same either way)
    scratch: Path | None = None  # where the parts' files are made before they are joined (default: temp folder)
    draft: bool = False  # a PDF only a previewer reads: not compressed, the parsed stylesheet kept for the next one
    # Handed each part's file (by index) in the process that set it, once it fits: a preview draws its pages from
    # there, and nothing is joined. A function of the module level, or a partial of one (it goes to the workers).
    each_part: Callable[[int, Path], None] | None = None
    languages: tuple[str, ...] = ()  # the document's lang attributes: their hyphenation dictionaries are warmed first

    @property
    def places(self) -> image_ids.Places:
        """Return the job's folders with names of their own (the PDF's bytes must not depend on where they lie).

        Named by what they hold, never by their place in `allowed`: a process's temporary folders come and go
        (and keep their own paths, they hold nothing of a normal build).
        """
        named = {self.base_dir.parent: "ROOT"}
        if self.scratch is not None:
            named[self.scratch] = "CACHE"
        if self.output_profile is not None:
            named[self.output_profile.parent] = "PROFILE"
        return image_ids.places(named)

    @property
    def kept_parts(self) -> Path | None:
        """Return the cache the parts this job writes are kept in for the next build (render/part_cache.py):
        none for a draft, or without a cache."""
        return None if self.draft else self.scratch

    def part_key(self, index: int) -> str:
        """Return a digest of what part `index` is set from (the whole job's key where it is the only part)."""
        if len(self.parts) == 1:
            return self.key
        return part_cache.key(index, self.generated_css, self.parts[index], self.product, self.crop_marks,
                              self.condition, self.output_profile, self.places)

    @property
    def key(self) -> str:
        """Return a digest of everything rendered (the PDF's DocumentID derives from it), its folders named."""
        where = self.places
        digest = hashlib.sha256(image_ids.neutral(self.generated_css, where).encode())
        for part in self.parts:
            digest.update(b"\0" + image_ids.neutral(part, where).encode())
        return digest.hexdigest()


@dataclass
class PdfResult:
    """What WeasyPrint said while making the PDF (written to the target)."""

    warnings: list[str] = field(default_factory=list)
    missing_glyphs: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    pages: int = 0
    written: bool = False
    violations: list[Violation] = field(default_factory=list)  # the fit proof's findings: nothing written
    compacted: list[tuple[int, str]] = field(default_factory=list)  # pages set in the theme's compact step: number, title
    reused_pages: int = 0  # pages taken unchanged from an earlier build (render/part_cache.py)


@dataclass(frozen=True)
class Part:
    """One page range set by WeasyPrint: whether its PDF may be used, and what was said."""

    usable: bool  # written, and nothing missing, refused or (strict) warned about
    messages: tuple[str, ...]
    refused: tuple[str, ...]
    pages: int
    violations: tuple[Violation, ...]  # the fit proof's findings, page numbers within the part
    compacted: tuple[tuple[int, str], ...] = ()  # pages set in the theme's compact step, numbered within the part
    depends: tuple[tuple[str, part_cache.Signature], ...] = ()  # every file it was set from (render/part_cache.py)
    settled: bool = False  # none of the program's files changed while it was set: it may be kept


class _Rejected(Exception):
    """Raised inside the atomic write to throw the written PDF away."""


NOTDEF = re.compile(r"\.notdef glyph|No glyph", re.I)


def render_pdf(job: PdfJob, target: Path | None, pool: workers.Pool | None = None,
               beside_join: Callable[[list[Path], set[int]], None] | None = None) -> PdfResult:
    """Render the job and write the PDF atomically to `target`; collect warnings, missing glyphs, refused URLs.

    Without a target the pages are only laid out and proven to fit (`check`); with the job's `each_part` they are
    set into the parts' files and each is handed to it where it was set (a preview), none joined.

    Parts kept from an earlier build whose inputs did not change are taken as they are (render/part_cache.py).
    The others are set by WeasyPrint (layout takes one core per document) in one process per core, each
    setting its consecutive group one after another with one parsed stylesheet: the first group in the
    worker of `pool` (made ready while the pages were composed) or else in this process, the others in
    workers that process forks then. The parts' files are then joined into one PDF. The PDF is written
    only when no glyph is missing, no URL was refused and no block overflows: the earlier file stays as
    it was otherwise. `beside_join` is handed the parts' files just before they are joined, and which of them
    were set anew (the ink of a print PDF is measured from them meanwhile: preflight/ink.py); a PDF of one
    part is written as it is set.
    """
    pool = pool if pool is not None and pool.forked else None
    kept: dict[int, part_cache.Kept] = {}
    if target is None and job.each_part is None:
        parts = list(_render_group((job, list(range(len(job.parts))), None)).values())
    elif target is not None and len(job.parts) == 1 and pool is None:
        try:
            with atomic_file(target) as stream:  # written as it is drawn: no copy of the PDF in memory
                parts = [_render_here(job, 0, stream)]
                if not parts[0].usable:
                    raise _Rejected
        except _Rejected:
            pass
    else:  # the parts set into files: joined into the target, or each handed to the job's `each_part`
        with _scratch_folder(job) as folder:
            files = [Path(folder) / f"part-{index + 1}.pdf" for index in range(len(job.parts))]
            if target is not None:
                kept.update(_kept(job, target, files))
            made = _render_parts(job, {index: file for index, file in enumerate(files) if index not in kept}, pool)
            parts = [_reused(kept[index]) if index in kept else made[index] for index in range(len(job.parts))]
            if target is not None and all(part.usable for part in parts):
                if beside_join is not None:
                    beside_join(files, set(made))
                with atomic_file(target) as stream:
                    _join(files, stream, job.key)
                _keep(job, target, made, files)
    messages = list(dict.fromkeys(m for part in parts for m in part.messages))
    refused = list(dict.fromkeys(url for part in parts for url in part.refused))
    violations, compacted, offset = [], [], 0
    for part in parts:
        violations += [_renumbered(v, offset) for v in part.violations]
        compacted += [(number + offset, title) for number, title in part.compacted]
        offset += part.pages
    glyphs = [m for m in messages if NOTDEF.search(m)]
    warnings = [m for m in messages if not NOTDEF.search(m) and "refused:" not in m]
    return PdfResult(warnings, glyphs, refused, offset, written=target is not None and all(p.usable for p in parts),
                     violations=violations, compacted=compacted, reused_pages=sum(k.pages for k in kept.values()))


def _kept(job: PdfJob, target: Path, files: list[Path]) -> dict[int, part_cache.Kept]:
    """Return the parts of the job kept from an earlier build, by index, linked to their files
    (render/part_cache.py)."""
    cache = job.kept_parts
    if cache is None:
        return {}
    found = {index: part_cache.lookup(cache, target.name, index, job.part_key(index), file)
             for index, file in enumerate(files)}
    return {index: kept for index, kept in found.items() if kept is not None}


def _reused(kept: part_cache.Kept) -> Part:
    return Part(True, (), (), kept.pages, (), kept.compacted)


def _keep(job: PdfJob, target: Path, made: dict[int, Part], files: list[Path]) -> None:
    """Keep the parts just set that said nothing, for the next build."""
    cache = job.kept_parts
    if cache is None:
        return
    for index, part in made.items():
        if part.usable and part.settled and part.depends and not part.messages and not part.refused:
            part_cache.keep(cache, target.name, index, job.part_key(index), files[index], part.pages,
                            part.compacted, dict(part.depends))


def _renumbered(violation: Violation, offset: int) -> Violation:
    """Return a fit violation with its page counted in the whole PDF instead of the part."""
    return replace(violation, page=violation.page + offset)


def _scratch_folder(job: PdfJob) -> tempfile.TemporaryDirectory[str]:
    """Return a new folder for the parts' files: in the scratch folder, else in the system's temporary one."""
    try:
        return tempfile.TemporaryDirectory(prefix=".parts-", dir=_scratch(job))
    except OSError:  # a read-only project, a file in the cache's place, the cache deleted meanwhile
        return tempfile.TemporaryDirectory(prefix="calendar-build-parts-")


def _scratch(job: PdfJob) -> Path | None:
    """Return the folder for the parts' files (made if missing), after removing folders killed builds left."""
    if job.scratch is None:
        return None
    job.scratch.mkdir(parents=True, exist_ok=True)
    remove_stale(job.scratch.glob(".parts-*"))
    return job.scratch


def _join(files: list[Path], stream: BinaryIO, key: str) -> None:
    """Write the parts' files to `stream` as one PDF with the job's DocumentID (a single part's file as it is)."""
    if len(files) == 1:
        with files[0].open("rb") as part:
            shutil.copyfileobj(part, stream, 1 << 20)
    else:
        join_pdfs(files, stream, document_id(key))


def _render_parts(job: PdfJob, files: dict[int, Path], pool: workers.Pool | None) -> dict[int, Part]:
    """Set the parts into their files (by index): in the pool's worker, or here; the first group in that process
    and the others in workers it forks (they share the WeasyPrint it loaded)."""
    if pool is not None:  # also with nothing to set: the worker drops the stylesheet it parsed ahead
        return pool.run_all(_render_all, [(job, files)])[0][0]
    return _render_all((job, files)) if files else {}


def _render_all(work: tuple[PdfJob, dict[int, Path]]) -> dict[int, Part]:
    job, files = work
    if not files:
        _forget_ahead()
        return {}
    first, *later = groups(sorted(files), len(os.sched_getaffinity(0)) if job.parallel else 1)
    try:
        rest, done = workers.run_all(_render_group, [(job, group, files) for group in later], 1 + len(later),
                                     lambda: _render_group((job, first, files)))
    finally:  # every group set: the stylesheet parsed ahead (which their processes shared) is dropped
        _forget_ahead()
    assert done is not None
    return {index: part for group in [done, *rest] for index, part in group.items()}


def _forget_ahead() -> None:
    """Drop the stylesheet this process parsed ahead of the parts (render/pdf.py), if it loaded WeasyPrint."""
    pdf = sys.modules.get("calendar_build.render.pdf")
    if pdf is not None:
        pdf.forget_ahead()


def groups(indices: list[int], processes: int) -> list[list[int]]:
    """Return the parts' indices in at most `processes` consecutive groups of nearly equal size."""
    count = max(1, min(processes, len(indices)))
    return [indices[len(indices) * n // count:len(indices) * (n + 1) // count] for n in range(count)]


def _render_group(work: tuple[PdfJob, list[int], dict[int, Path] | None]) -> dict[int, Part]:
    """Set the parts of a group one after another in this process into their files (none: only laid out and
    proven), their stylesheet parsed once."""
    from calendar_build.render import pdf  # noqa: PLC0415 - loaded already in a worker made ready

    job, indices, files = work
    with pdf.sharing():
        return {index: _render_part_file(job, index, files[index]) if files is not None
                else _render_here(job, index, None) for index in indices}


def _render_part_file(job: PdfJob, index: int, path: Path) -> Part:
    with path.open("wb") as stream:
        part = _render_here(job, index, stream)
    if job.each_part is not None and part.usable:
        job.each_part(index, path)
    return part


def _render_here(job: PdfJob, index: int, stream: BinaryIO | None) -> Part:
    """Set one part in this process (render/pdf.py; WeasyPrint is loaded on first use)."""
    from calendar_build.render import pdf  # noqa: PLC0415 - loaded already in a worker made ready

    return pdf._render_part(job, index, stream)


