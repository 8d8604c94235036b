"""Total ink coverage: the four separations as Ghostscript draws them for the print condition.

Ghostscript draws each page into CMYK (`tiff32nc`) with the output intent's profile as its output
profile, so ICC-based colours (sRGB photos, if any) are separated as the printer's RIP would;
DeviceCMYK passes unchanged. The total area coverage of a pixel is C + M + Y + K in percent; the
printer's limit (FOGRA39: 300 %, see render/condition.py) holds for the darkest pixel of the page.

Drawing the separations is the dearest step of a print build after WeasyPrint's own. Ghostscript would
decode every photo at its full 300 ppi: a separated photo whose ink proxy the photo workers kept (its pixels
averaged over 4 × 4, photos/proxy.py) is drawn from that instead, in a copy of the PDF (the A3 sample's 18
pages in 0.7 instead of 2.2 s of CPU, the highest ink of a photo within 1.2 points). With a cache folder,
each page's result is kept under a digest of everything the page draws (content, fonts, images, boxes) and
of the output intent's profile: a rebuild draws only the pages that changed, and an unchanged PDF none at all.

A PDF joined from parts (render/job.py) is measured from its parts while they are joined (`Measuring`):
the join copies every page's streams as they are, so each page draws in its part what it draws in the
joined PDF, and its digest is taken there.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import subprocess
import tempfile
from collections.abc import Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import pikepdf
from PIL import Image, ImageMath

from calendar_build import workers
from calendar_build.output import atomic_write
from calendar_build.photos import proxy

DPI = 72  # a pixel of about 0.35 mm: far finer than any area where ink would build up
CACHE_VERSION = "ink-2"  # bump whenever the same page would now be measured differently (2: photos from ink proxies)


@dataclass(frozen=True)
class PageInk:
    """The ink on one page inside the bleed: the highest total coverage and where (mm from the media box's top left)."""

    page: int  # index
    max_percent: float
    at_mm: tuple[float, float]


def output_profile(pdf: Path, folder: Path) -> Path | None:
    """Write the output intent's profile into `folder` and return its path (None without an intent)."""
    with pikepdf.open(pdf) as document:
        intents = document.Root.get("/OutputIntents")
        if not intents:
            return None
        profile = intents[0].get("/DestOutputProfile")
        if profile is None:
            return None
        target = folder / "output-intent.icc"
        target.write_bytes(profile.read_bytes())
        return target


MM = 72 / 25.4


def bleed_boxes(pdf: Path) -> list[tuple[float, float, float, float]]:
    """Return each page's bleed box in points from the media box's top left (left, top, right, bottom).

    Crop marks lie outside it, in the registration colour (100 % of every ink), and are not printed.
    """
    boxes = []
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            media = [float(v) for v in page.obj.MediaBox]
            bleed = [float(v) for v in page.obj.get("/BleedBox", page.obj.get("/TrimBox", page.obj.MediaBox))]
            boxes.append((bleed[0] - media[0], media[3] - bleed[3], bleed[2] - media[0], media[3] - bleed[1]))
    return boxes


def _total(image: Image.Image) -> tuple[int, tuple[int, int]]:
    """Return the highest C+M+Y+K of the CMYK image (0–1020) and a pixel where it is."""
    c, m, y, k = image.split()
    total = ImageMath.lambda_eval(lambda x: x["c"] + x["m"] + x["y"] + x["k"], c=c, m=m, y=y, k=k)
    _, best = total.getextrema()
    darkest = ImageMath.lambda_eval(lambda x: (x["t"] - (best - 1)).__mul__(255), t=total).convert("L")
    box = darkest.getbbox() or (0, 0, 0, 0)
    return int(best), (box[0], box[1])


def _feed(digest: Any, obj: Any, seen: dict[tuple[int, int], bytes]) -> None:
    """Feed a PDF object and everything it refers to (not the page tree's /Parent) into `digest`."""
    if getattr(obj, "is_indirect", False):
        key = obj.objgen
        if key not in seen:
            seen[key] = b""  # a loop back to an object in progress counts by its number
            inner = hashlib.sha256()
            _feed_direct(inner, obj, seen)
            seen[key] = inner.digest()
        digest.update(seen[key] or repr(key).encode())
        return
    _feed_direct(digest, obj, seen)


def _feed_direct(digest: Any, obj: Any, seen: dict[tuple[int, int], bytes]) -> None:
    if isinstance(obj, pikepdf.Stream):
        digest.update(b"S")
        digest.update(obj.get_raw_stream_buffer())  # the stream as stored, without a copy into a bytes object
    if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        for key in sorted(obj.keys()):
            if key != "/Parent":
                digest.update(b"/" + key.encode())
                _feed(digest, obj[key], seen)
    elif isinstance(obj, pikepdf.Array):
        digest.update(b"[")
        for item in obj:
            _feed(digest, item, seen)
        digest.update(b"]")
    elif not isinstance(obj, pikepdf.Stream):
        digest.update(repr(obj).encode())


def page_digests(pdf: Path) -> list[str]:
    """Return a digest of each page: everything it draws, and the output intent it is separated for."""
    with pikepdf.open(pdf) as document:
        seen: dict[tuple[int, int], bytes] = {}
        intent = hashlib.sha256()
        intents = document.Root.get("/OutputIntents")
        if intents:
            _feed(intent, intents, seen)
        digests = []
        for page in document.pages:
            digest = intent.copy()
            _feed(digest, page.obj, seen)
            digests.append(digest.hexdigest())
        return digests


def _cached(folder: Path, name: str) -> PageInk | None:
    try:
        data = json.loads((folder / name).read_text(encoding="utf-8"))
        return PageInk(int(data["page"]), float(data["max_percent"]), (float(data["at_mm"][0]), float(data["at_mm"][1])))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None  # missing or damaged: drawn again


def _store(folder: Path, name: str, ink: PageInk) -> None:
    try:
        atomic_write(folder / name, json.dumps(asdict(ink)).encode(), durable=False)
    except OSError:
        pass  # a cache we cannot write only costs time


def max_ink(pdf: Path, dpi: int = DPI, cache: Path | None = None, proxies: Path | None = None) -> list[PageInk]:
    """Return the highest total ink coverage of every page, separated by Ghostscript.

    With `cache` (a folder), pages measured before under the same digest are not drawn again. With
    `proxies` (a folder), photos whose ink proxy is kept there are drawn from it (photos/proxy.py).
    """
    return max_inks([pdf], dpi, cache, proxies)[0]


def max_inks(pdfs: Sequence[Path], dpi: int = DPI, cache: Path | None = None,
             proxies: Path | None = None) -> list[list[PageInk]]:
    """Return the ink of every page of each PDF (pages numbered within their PDF), drawn in one round.

    With `cache`, pages measured before under the same digest are not drawn again, and pages of the
    same digest (one drawing in two PDFs, or twice in one) are drawn once.
    """
    if cache is None:
        return _measure([(pdf, None) for pdf in pdfs], dpi, proxies)
    names = [[f"{digest}-{dpi}-{CACHE_VERSION}.json" for digest in page_digests(pdf)] for pdf in pdfs]
    known = {name: _cached(cache, name) for file in names for name in file}
    wanted: dict[int, dict[int, str]] = {}  # the pages to draw: by PDF, their names by page
    drawn: set[str] = set()
    for number, file in enumerate(names):
        for index, name in enumerate(file):
            if known[name] is None and name not in drawn:
                drawn.add(name)
                wanted.setdefault(number, {})[index] = name
    requests: list[Request] = [(pdfs[number], list(pages)) for number, pages in wanted.items()]
    for pages, inks in zip(wanted.values(), _measure(requests, dpi, proxies)):
        for (index, name), ink in zip(pages.items(), inks):
            known[name] = measured = PageInk(index, ink.max_percent, ink.at_mm)
            _store(cache, name, measured)
    return [[_renumbered(known[name], index) for index, name in enumerate(file)] for file in names]


def _renumbered(ink: PageInk | None, index: int) -> PageInk:
    assert ink is not None  # every page was found or drawn
    return PageInk(index, ink.max_percent, ink.at_mm)


class Measuring:
    """The ink of the pages of a PDF joined from parts, measured from the parts while they are joined.

    `start` is handed the parts' files (render/job.py calls it just before the join); `result` waits for
    the measurement and returns the ink of every page of the joined PDF, or None when nothing was started
    (a PDF of one part, written as it was set). The measurement runs in a process forked for it: walking
    the parts' objects for their digests is Python work, which in a thread would take turns with the
    join's on one core (a warm print build 0.1 s longer, measured in make bench). Used as a context
    manager, leaving waits for it, or ends it when the block failed.
    """

    def __init__(self, cache: Path | None = None, dpi: int = DPI, proxies: Path | None = None) -> None:
        self.cache, self.dpi, self.proxies = cache, dpi, proxies
        self._task: workers.Background[list[PageInk]] | None = None

    def start(self, parts: Sequence[Path], fresh: Collection[int] = ()) -> None:
        """Start measuring the pages of the parts; their files may be removed once this returns.

        The parts of `fresh` (indices: set anew, not kept from the last build) are measured first: their pages
        are the ones likely not measured before, and Ghostscript should start on them while the join runs.
        """
        folder = _private_folder(parts[0].parent.parent)
        copies = [_linked(part, folder / f"part-{number}.pdf") for number, part in enumerate(parts)]
        order = sorted(range(len(parts)), key=lambda index: index not in fresh)
        self._task = workers.Background(_measure_parts, copies, order, folder, self.dpi, self.cache, self.proxies)

    def result(self) -> list[PageInk] | None:
        """Wait for the measurement; return the ink of every page (None: nothing was started)."""
        if self._task is None:
            return None
        task, self._task = self._task, None
        return task.result()

    def __enter__(self) -> Measuring:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._task is not None:
            if error is None:
                self.result()
            else:
                self._task.stop()


def _measure_parts(parts: list[Path], order: list[int], folder: Path, dpi: int, cache: Path | None,
                   proxies: Path | None = None) -> list[PageInk]:
    """Return the ink of the parts' pages, numbered through, drawn in `order`; then remove their `folder`."""
    try:
        found = dict(zip(order, max_inks([parts[index] for index in order], dpi, cache, proxies)))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    inks: list[PageInk] = []
    for index in range(len(parts)):
        offset = len(inks)
        inks += [PageInk(ink.page + offset, ink.max_percent, ink.at_mm) for ink in found[index]]
    return inks


PRIVATE_PREFIX = ".parts-ink-"  # beside the parts' folders: a killed build's folder is removed like theirs


def _private_folder(beside: Path) -> Path:
    """Return a new folder beside `beside`'s contents (the same file system: hard links), else a temporary one."""
    try:
        return Path(tempfile.mkdtemp(prefix=PRIVATE_PREFIX, dir=beside))
    except OSError:
        return Path(tempfile.mkdtemp(prefix="calendar-build-ink-"))


def _linked(source: Path, target: Path) -> Path:
    """Return `target` made a hard link of `source` (a copy where the file system has none between them)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
    return target


Request = tuple[Path, list[int] | None]  # a PDF and the pages of it to draw (0-based), None: all


def _measure(requests: Sequence[Request], dpi: int, proxies: Path | None = None) -> list[list[PageInk]]:
    """Draw the pages asked for and return their ink, for each request in its order; photos whose ink proxy is
    kept in `proxies` are drawn from it."""
    with tempfile.TemporaryDirectory(prefix="ink-proxies-") as name:
        drawn = [(_with_proxies(pdf, proxies, Path(name) / str(number)), indices)
                 for number, (pdf, indices) in enumerate(requests)]
        return _separations(drawn, dpi)


def _with_proxies(pdf: Path, proxies: Path | None, folder: Path) -> Path:
    """Return `pdf`, or a copy of it in `folder` (under its name) whose separated photos are their ink proxies.

    A photo is a CMYK JPEG as the photo workers wrote it (WeasyPrint embeds its bytes as they are, and its
    inverted Adobe CMYK with a /Decode array); its proxy holds the pixels themselves, so that goes.
    """
    if proxies is None or not proxies.is_dir():
        return pdf
    swapped = 0
    with pikepdf.open(pdf) as document:
        for obj in document.objects:
            if not (isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"
                    and obj.get("/Filter") == "/DCTDecode" and obj.get("/ColorSpace") == "/DeviceCMYK"
                    and "/SMask" not in obj and "/Mask" not in obj):
                continue
            small = proxy.find(proxies, hashlib.sha256(obj.get_raw_stream_buffer()).hexdigest())
            if small is None:
                continue
            obj.write(small.tobytes())  # unfiltered: Ghostscript reads it without decoding anything
            obj.Width, obj.Height, obj.BitsPerComponent = small.width, small.height, 8
            if "/Decode" in obj:
                del obj.Decode
            swapped += 1
        if not swapped:
            return pdf
        folder.mkdir(parents=True)
        # written as it is: nothing compressed (Ghostscript reads it once, from the same disk) or brought up to date
        document.save(folder / pdf.name, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none,
                      fix_metadata_version=False)
    return folder / pdf.name


def _separations(requests: Sequence[Request], dpi: int) -> list[list[PageInk]]:
    """Draw the pages asked for and return their ink, for each request in its order.

    The pages of all requests are dealt out in turn among one Ghostscript process per core, and each
    process draws its pages of every PDF in one run (a run's start costs 0.1–0.2 s: reading the file's
    fonts and the profile). PDFs with another output intent are drawn in runs of their own.
    """
    bleeds = [bleed_boxes(pdf) for pdf, _ in requests]
    results: list[dict[int, PageInk]] = [{} for _ in requests]
    with tempfile.TemporaryDirectory(prefix="ink-") as name:
        folder = Path(name)
        by_intent: dict[bytes, list[tuple[int, int]]] = {}  # (request, page) by the output intent's profile
        profiles: dict[bytes, Path | None] = {}
        for number, (pdf, indices) in enumerate(requests):
            (folder / f"intent-{number}").mkdir()
            profile = output_profile(pdf, folder / f"intent-{number}")
            key = profile.read_bytes() if profile is not None else b""
            profiles.setdefault(key, profile)
            by_intent.setdefault(key, []).extend((number, index) for index in _asked(indices, bleeds[number]))
        runs = []
        for key, pages in by_intent.items():
            count = max(1, min(os.cpu_count() or 1, len(pages)))
            runs += [(pages[n::count], profiles[key]) for n in range(count)]
        with ThreadPoolExecutor(len(runs) or 1) as pool:  # the threads wait for Ghostscript; Pillow releases the GIL
            drawn = pool.map(lambda n: _draw(requests, dpi, runs[n][0], folder / f"run-{n}", runs[n][1], bleeds),
                             range(len(runs)))
            for run, inks in zip(runs, drawn):
                for (number, _), ink in zip(run[0], inks):
                    results[number][ink.page] = ink
    return [[results[number][index] for index in _asked(indices, bleeds[number])] for number, (_, indices) in enumerate(requests)]


def _asked(indices: list[int] | None, pages: Sequence[object]) -> Sequence[int]:
    """Return the pages a request asks for: those listed, or all of the PDF's."""
    return indices if indices is not None else range(len(pages))


def _draw(requests: Sequence[Request], dpi: int, pages: list[tuple[int, int]], folder: Path, profile: Path | None,
          bleeds: list[list[tuple[float, float, float, float]]]) -> list[PageInk]:
    """Draw the separations of `pages` ((request, page) pairs, each PDF's pages together) with Ghostscript
    into `folder` in one run; return their ink in that order."""
    folder.mkdir()
    command = ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiff32nc", f"-r{dpi}",
               f"-sOutputFile={folder / 'page-%d.tif'}"]
    if profile is not None:  # DeviceCMYK is the intent's CMYK: the same profile in and out, so it passes as it is
        command += [f"-sOutputICCProfile={profile}", f"-sDefaultCMYKProfile={profile}"]
    by_pdf: dict[int, list[int]] = {}
    for number, index in pages:
        by_pdf.setdefault(number, []).append(index)
    for number, indices in by_pdf.items():  # a page list of its own before each PDF
        command += [f"-sPageList={','.join(str(index + 1) for index in indices)}", str(requests[number][0])]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"Ghostscript konnte die Separationen nicht zeichnen: {done.stderr.strip()[-300:]}")
    inks: dict[tuple[int, int], PageInk] = {}
    # the files are numbered in the order drawn: PDF after PDF, each one's pages in the order of its list
    files = sorted(folder.glob("page-*.tif"), key=lambda f: int(f.stem.split("-")[1]))
    order = [(number, index) for number, indices in by_pdf.items() for index in indices]
    if len(files) != len(order):
        raise RuntimeError(f"Ghostscript hat {len(files)} statt {len(order)} Seiten gezeichnet.")
    for (number, index), file in zip(order, files):
        bleed = bleeds[number][index]
        with Image.open(file) as image:
            left, top = bleed[0], bleed[1]
            # a pixel inside the bleed box: the marks' lines end at its edge
            l, t, r, b = (v * dpi / 72 for v in bleed)
            best, (x, y) = _total(image.crop((math.ceil(l) + 1, math.ceil(t) + 1, math.floor(r) - 1, math.floor(b) - 1)))
        inks[number, index] = PageInk(index, round(best / 255 * 100, 1),
                                      (round((x / dpi * 72 + left) / MM, 1), round((y / dpi * 72 + top) / MM, 1)))
    return [inks[pair] for pair in pages]
