"""Prepare the portrait photos for placement: orient, crop to the frame, scale, colour-manage, cache.

Each photo is decoded once, turned upright, cropped around its focal point, scaled down to the
frame at the target ppi and converted into the output colour space (`render.py`, `colour.py`), then
kept in a content-addressed cache (`cache.py`). Cold photos are prepared in worker processes; a
warm run only hashes bytes. Every problem ends up in `Problems` with the portrait's file and line.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from calendar_build import workers as pool
from calendar_build.errors import Problems
from calendar_build.output import cache_refusal, private_folder
from calendar_build.paths import NotRegularFile, read_regular
from calendar_build.photos import cache, proxy, same
from calendar_build.photos.colour import digest, output_profile_problem
from calendar_build.photos.model import MM_PER_INCH, PhotoJob, PhotoTarget, PreparedPhoto
from calendar_build.photos.render import PhotoFailure, Rendered, render_all


@dataclass(frozen=True)
class _Task:
    """The cold jobs of one source photo: it is read and decoded once for all its targets."""

    jobs: tuple[PhotoJob, ...]
    heads: tuple[bytes, ...]
    output_iccs: tuple[bytes | None, ...]
    cache_dir: Path
    seen_cache: Path | None = None  # where the same-photo check keeps what it needs of a photo (photos/same.py)
    proxies: Path | None = None  # where the ink proxies of separated photos are kept (photos/proxy.py)


@dataclass(frozen=True)
class _Outcome:
    entry: cache.Entry | None
    failure: str | None = None


Prepared = dict[tuple[Path, PhotoTarget], PreparedPhoto]


def prepare_photos(jobs: Sequence[PhotoJob | tuple[Path, tuple[float, float], PhotoTarget, str, int | None]],
                   cache_dir: Path, problems: Problems, workers: int | None = None,
                   meanwhile: Callable[[], None] | None = None, seen_cache: Path | None = None,
                   proxies: Path | None = None) -> Prepared:
    """Return the prepared photo of every job that succeeded, by source and target; record every problem.

    `meanwhile` runs in this process while the workers prepare cold photos (or before, when there are none).
    With `seen_cache`, each cold photo's size and thumbnail are kept there for the same-photo check, taken from
    the decoding its preparation needs anyway (photos/same.py: `remember`). With `proxies`, a cold photo separated
    into CMYK leaves its ink proxy there (photos/proxy.py).

    One source may go to several targets (a month page's frame and the cover's tile), each once: the
    same source and target twice is an error (two portraits sharing a photo; the page shows one of them).
    """
    all_jobs = [PhotoJob(*job) for job in jobs]
    reason = cache_refusal(cache_dir)  # a file in its place, no right to write: prepared into a temporary folder
    if reason is not None:
        problems.warning(f"{cache_dir.parent.name}/{cache_dir.name}", None, f"Zwischenspeicher der Fotos nicht "
                         f"nutzbar ({reason}) – die Fotos werden ohne ihn vorbereitet (langsamer).")
        cache_dir = private_folder() / "photos"
        cache_dir.mkdir(exist_ok=True)
    profiles = _output_profiles({job.target for job in all_jobs}, problems)
    unique: dict[tuple[Path, PhotoTarget], PhotoJob] = {}
    for job in all_jobs:
        if job.target not in profiles:
            continue
        first = unique.setdefault((job.source, job.target), job)
        if first.shown != job.shown or first.focal_point != job.focal_point:
            crop = " mit anderem Ausschnitt" if first.focal_point != job.focal_point else ""
            problems.error(job.shown, job.line, f"Foto '{job.source.name}' wird schon für {first.shown}{crop} "
                           f"verwendet – jedes Porträt braucht ein eigenes Foto.")
    outcomes: dict[tuple[Path, PhotoTarget], _Outcome] = {}
    cold: dict[Path, list[tuple[PhotoJob, bytes]]] = {}
    for key, job in unique.items():
        head = cache.header(_params(job, profiles[job.target]))
        entry = _warm(cache_dir, head, job.source)
        if entry is None:
            cold.setdefault(job.source, []).append((job, head))
        else:
            outcomes[key] = _Outcome(entry)
    tasks = [_Task(tuple(job for job, _ in jobs), tuple(head for _, head in jobs),
                   tuple(profiles[job.target] for job, _ in jobs), cache_dir, seen_cache, proxies) for jobs in cold.values()]
    for task, results in zip(tasks, _run(tasks, workers, meanwhile)):
        for job, outcome in zip(task.jobs, results):
            outcomes[(job.source, job.target)] = outcome
    return _report(unique.values(), outcomes, problems)


def _output_profiles(targets: Iterable[PhotoTarget], problems: Problems) -> dict[PhotoTarget, bytes | None]:
    """Return the output profile bytes of each usable target; record a problem for each unusable one."""
    usable: dict[PhotoTarget, bytes | None] = {}
    for target in sorted(targets, key=repr):
        if target.output_profile is None:
            if target.colour == "cmyk":
                problems.error("content/edition.yaml", None, "Für den Druck fehlt das CMYK-Ausgabeprofil "
                               "(output_profile) – ohne Profil können die Fotos nicht separiert werden.")
                continue
            usable[target] = None
            continue
        shown = target.output_profile.name
        try:
            data = read_regular(target.output_profile, 100_000_000)
        except OSError:
            problems.error(shown, None, f"Ausgabeprofil '{shown}' kann nicht gelesen werden – fehlt die Datei?")
            continue
        reason = output_profile_problem(data)
        if reason is not None:
            problems.error(shown, None, f"Ausgabeprofil '{shown}' {reason}.")
            continue
        usable[target] = data
    return usable


def _params(job: PhotoJob, output_icc: bytes | None) -> dict[str, object]:
    target = job.target
    return {"width_mm": target.width_mm, "height_mm": target.height_mm, "ppi": target.ppi,
            "colour": target.colour, "jpeg_quality": target.jpeg_quality, "draft": target.draft,
            "print": target.for_print, "focal_below": target.focal_below,
            "output_profile": None if output_icc is None else digest(output_icc),
            "focal_point": [float(job.focal_point[0]), float(job.focal_point[1])]}


def _warm(cache_dir: Path, head: bytes, source: Path) -> cache.Entry | None:
    """Return the prepared photo of a source file known unchanged since its key was remembered; None: left to a
    worker, which reads the file anyway and hashes it there (not here, one after another before the workers start),
    finds it in the cache or prepares it, and names any problem with it."""
    key = cache.remembered(head, source, cache_dir)
    return cache.lookup(cache_dir, key) if key is not None else None


def _run(tasks: list[_Task], workers: int | None, meanwhile: Callable[[], None] | None) -> list[list[_Outcome]]:
    """Prepare the tasks, in worker processes when there are several; run `meanwhile` here in the meantime."""
    results, _ = pool.run_all(_prepare_one, tasks, workers or os.cpu_count() or 1, meanwhile)
    return results


def _report(jobs: Iterable[PhotoJob], outcomes: dict[tuple[Path, PhotoTarget], _Outcome],
            problems: Problems) -> Prepared:
    prepared: Prepared = {}
    for job in jobs:
        outcome = outcomes[(job.source, job.target)]
        name = job.source.name
        if outcome.entry is None:
            problems.error(job.shown, job.line, f"Foto '{name}' {outcome.failure}")
            continue
        entry = outcome.entry
        for note in entry.notes:
            problems.warning(job.shown, job.line, f"Foto '{name}' {note}")
        message = resolution_problem(name, entry.effective_ppi, job.target, entry.source_px)
        if message is not None:
            severity, text = message
            (problems.error if severity == "error" else problems.warning)(job.shown, job.line, text)
        prepared[(job.source, job.target)] = PreparedPhoto(job.source, entry.path, entry.width_px, entry.height_px,
                                                           entry.effective_ppi)
    return prepared


MESSENGER_LONG_SIDE = 2560  # px; messengers send photos reduced to about 1600 (WhatsApp standard quality)
MESSENGER_HINT = (" Fotos aus WhatsApp und anderen Messengern sind meist stark verkleinert – bitte das Original "
                  "schicken lassen (in WhatsApp als Dokument senden, oder per E-Mail als Anhang in voller Größe).")


def resolution_problem(name: str, effective_ppi: float, target: PhotoTarget,
                       size: tuple[int, int] | None = None) -> tuple[str, str] | None:
    """Return (severity, German message) when the photo is too small for its frame, else None.

    With the photo's pixel `size` the message says how big it is, and for a messenger-sized photo why.
    """
    warn_ppi, min_ppi = target.limits
    if effective_ppi >= warn_ppi:
        return None
    severity, enough = ("error", min_ppi) if effective_ppi < min_ppi else ("warning", warn_ppi)
    need_w, need_h = (math.ceil(target.width_mm / MM_PER_INCH * enough - 1e-9),
                      math.ceil(target.height_mm / MM_PER_INCH * enough - 1e-9))
    best_w, best_h = target.pixels
    purpose = "den Druck" if target.for_print else "die Bildschirmfassung"
    pixels = f"nur {size[0]}×{size[1]} Pixel{_after_crop(size, target)}, also " if size else "nur "
    hint = MESSENGER_HINT if size and max(size) <= MESSENGER_LONG_SIDE else ""
    return severity, (f"Foto '{name}' hat {pixels}{math.floor(effective_ppi)} ppi bei {_mm(target.width_mm)}×"
                      f"{_mm(target.height_mm)} mm – für {purpose} werden mindestens {need_w}×{need_h} Pixel "
                      f"gebraucht (besser {best_w}×{best_h}).{hint}")


CROP_NOTE_BELOW = 0.8  # share of the photo's pixels the frame keeps below which the message names the crop


def _after_crop(size: tuple[int, int], target: PhotoTarget) -> str:
    """Return ', nach dem Zuschnitt … 1170×745' when the frame keeps much less of the photo (an upright photo)."""
    width, height = size
    aspect = target.width_mm / target.height_mm
    kept = (min(width, round(height * aspect)), min(height, round(width / aspect)))
    if kept[0] * kept[1] >= CROP_NOTE_BELOW * width * height:
        return ""
    shape = "Querformat" if aspect > 1 else "Hochformat"
    return f", nach dem Zuschnitt auf das {shape} des Bildfelds {kept[0]}×{kept[1]}"


def _mm(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0").replace(".", ",")


def _prepare_one(task: _Task) -> list[_Outcome]:
    """Prepare one photo for each of its targets (in a worker process) and store them in the cache."""
    source = task.jobs[0].source
    try:
        stamp = cache.stamp_of(os.stat(source))  # before the bytes are read: a file changed meanwhile is read anew
        data = read_regular(source)
    except FileNotFoundError:
        return _failed(task, "wurde nicht gefunden.")
    except NotRegularFile as exc:
        return _failed(task, f"{(exc.strerror or '').replace('Dies ist', 'ist', 1)} – bitte das Foto selbst an diese Stelle legen.")
    except OSError:
        return _failed(task, "kann nicht gelesen werden – ist es eine Datei, und darf sie gelesen werden?")
    if not data:
        return _failed(task, "ist leer (0 Bytes) – bitte das Foto erneut kopieren oder exportieren.")
    keys = [cache.key_of_bytes(head, data) for head in task.heads]
    for head, key in zip(task.heads, keys):
        cache.remember_key(head, source, task.cache_dir, stamp, key)
    found = [cache.lookup(task.cache_dir, key) for key in keys]  # prepared before, its key not remembered here
    cold = [index for index, entry in enumerate(found) if entry is None]
    looked: list[tuple[tuple[int, int], bytes]] = []

    def look(image: Image.Image, stored: tuple[int, int]) -> None:
        try:
            looked.append((stored, same.thumbnail(image, stored)))
        except (OSError, ValueError):
            pass  # the same-photo check decodes the photo itself

    try:
        done = render_all(data, [(task.jobs[index].focal_point, task.jobs[index].target, task.output_iccs[index])
                                 for index in cold], look if task.seen_cache is not None else None) if cold else []
    except PhotoFailure as failure:
        return _failed(task, str(failure))
    if task.seen_cache is not None and looked:
        same.remember(source, stamp, data, *looked[0], task.seen_cache)
    for photo in done:
        if task.proxies is not None and photo.ink_proxy is not None:
            proxy.keep(task.proxies, photo.jpeg, photo.ink_proxy)
    for index, photo in zip(cold, done):
        found[index] = _store(task.cache_dir, keys[index], photo)
    return [_Outcome(entry) for entry in found]


def _store(cache_dir: Path, key: str, photo: Rendered) -> cache.Entry:
    """Store a prepared photo in the cache; in a private folder when the cache failed since it was probed."""
    fields = (photo.jpeg, photo.width_px, photo.height_px, photo.effective_ppi, photo.notes, photo.source_px)
    try:
        return cache.store(cache_dir, key, *fields)
    except OSError:
        return cache.store(private_folder() / "photos", key, *fields)


def _failed(task: _Task, reason: str) -> list[_Outcome]:
    return [_Outcome(None, reason) for _ in task.jobs]
