"""Lay out each distinct page range once per test run: `check`'s layout and fit proof, remembered on disk.

Many tests run `check` on copies of the sample project that differ in nothing WeasyPrint sees (a
comment, a gender, a photo's file name), and every such check lays out both products again
(seconds each). WeasyPrint's layout is a pure function of its inputs: the HTML of the part, the
generated stylesheet, the product, the allowed folders and the bytes of every file it fetches.
This memo keys a layout-only part (`render.pdf._render_part` without a stream: nothing is
drawn or written) by all of those, with the project and cache folders written as placeholders, and replays
the part's outcome (fit violations, WeasyPrint's messages, refused URLs, page count) when the
same inputs come again and every fetched file still has the bytes it had. A process that misses a part
another process is laying out just then waits for that layout instead of repeating it (a lock per part).

A layout-only part also takes the outcome of the same part set with its PDF (a reference build's), where
drawing it added no message. Parts that write a PDF are remembered only where a test asks for it (`Memo.pdfs`): tests compare
written PDFs byte for byte and must see them made. The reference builds of the sample and the
quick tier's run of `build --variant all` over the same content ask, so the run sets those parts
once (their bytes are remembered with the outcome and written again). The store is a folder of the
run (shared by xdist workers and by the processes `check` forks); nothing is kept from one run to
the next.
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

Places = tuple[tuple[str, str], ...]  # (folder of this job, placeholder), the longest folder first

Render = Callable[[Any, int, BinaryIO | None], Any]


@dataclass(frozen=True)
class Entry:
    """A remembered part: the files its layout read (placeholder path, digest or None if absent) and its outcome."""

    files: tuple[tuple[str, str | None], ...]
    outcome: Any


def digest(path: Path) -> str | None:
    """Return the SHA-256 of a file's bytes, None if it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def swap(value: Any, old: str, new: str) -> Any:
    """Return `value` (strings, tuples, lists, dataclasses of them) with `old` replaced by `new` in every string."""
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, (tuple, list)):
        return type(value)(swap(item, old, new) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: swap(getattr(value, f.name), old, new) for f in fields(value) if f.init})
    return value


def places(job: Any) -> Places:
    """Return the job's project and cache folders with their placeholders (they differ from test to test)."""
    found = {str(job.base_dir.parent): "\0ROOT\0"}
    if job.scratch is not None:
        found[str(job.scratch)] = "\0CACHE\0"
    return tuple(sorted(found.items(), key=lambda item: -len(item[0])))


def neutral(value: Any, where: Places) -> Any:
    """Return `value` with the job's folders written as placeholders."""
    for folder, placeholder in where:
        value = swap(value, folder, placeholder)
    return value


def local(value: Any, where: Places) -> Any:
    """Return `value` with the placeholders written as the job's folders."""
    for folder, placeholder in where:
        value = swap(value, placeholder, folder)
    return value


def job_key(job: Any, index: int) -> str:
    """Return the digest of everything a part's layout depends on apart from the files it fetches."""
    described = repr((job.parts[index], job.generated_css, job.base_dir, job.allowed, job.product,
                      job.output_profile, job.crop_marks, job.condition, job.strict, job.scratch))
    return hashlib.sha256(neutral(described, places(job)).encode()).hexdigest()


def pdf_key(job: Any, index: int) -> str:
    """Return the digest of everything a part's PDF depends on apart from the files it fetches.

    Every field of the job but `parallel` (the PDF is the same either way) and the part's number.
    """
    described = repr((index, *(getattr(job, f.name) for f in fields(job) if f.name != "parallel")))
    return "pdf-" + hashlib.sha256(neutral(described, places(job)).encode()).hexdigest()


class Copying:
    """A stream that keeps a copy of what is written to it (everything else is the stream's own)."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.copy = io.BytesIO()

    def write(self, data: bytes) -> int:
        self.copy.write(data)
        return self.stream.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


class Memo:
    """The store of remembered parts, and the wrapper that consults it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.fetched: list[Path] | None = None  # the files read by the layout under way, in this process
        self.hits = self.misses = 0
        self.pdfs = False  # remember and replay the parts that write a PDF too (see `remembering_pdfs`)

    def load(self, key: str, where: Places) -> Any | None:
        """Return the remembered outcome for `key` if every file it read is unchanged, else None."""
        try:
            entry: Entry = pickle.loads((self.folder / key).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError):
            return None
        for name, known in entry.files:
            if digest(Path(local(name, where))) != known:
                return None
        return local(entry.outcome, where)

    def load_layout(self, job: Any, index: int, key: str, where: Places) -> Any | None:
        """Return the remembered outcome of a layout-only part, else that of the same part set with its PDF when
        drawing it said nothing (drawing only adds messages: missing glyphs): `check` of the sample lays out
        the very parts of the reference builds."""
        found = self.load(key, where)
        if found is None:
            written = self.load(pdf_key(job, index), where)
            if written is not None and not written[0].messages:
                found = written[0]
        return found

    def store(self, key: str, where: Places, outcome: Any, files: list[Path]) -> None:
        """Remember an outcome and the files its layout read (written atomically: other processes read along)."""
        read = tuple(sorted({(neutral(str(p), where), digest(p)) for p in files}))
        data = pickle.dumps(Entry(read, neutral(outcome, where)))
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".entry-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, self.folder / key)

    def wrap(self, render: Render) -> Render:
        """Return `render` consulting the memo for layout-only parts."""

        def remembered(job: Any, index: int, stream: BinaryIO | None) -> Any:
            if (stream is not None and not self.pdfs) or self.fetched is not None:
                return render(job, index, stream)
            key, where = job_key(job, index) if stream is None else pdf_key(job, index), places(job)

            def lookup() -> Any | None:
                return self.load(key, where) if stream is not None else self.load_layout(job, index, key, where)

            found = lookup()
            if found is None:  # another process may be laying out the same part: wait for it rather than repeat it
                with (self.folder / f".lock-{key}").open("w") as lock:
                    fcntl.flock(lock, fcntl.LOCK_EX)
                    found = lookup()
                    if found is None:
                        return self.fresh(render, job, index, key, where, stream)
            self.hits += 1
            if stream is None:
                return found
            outcome, written = found
            stream.write(written)
            return outcome

        return remembered

    def fresh(self, render: Render, job: Any, index: int, key: str, where: Places, stream: BinaryIO | None) -> Any:
        """Lay out a part (and write its PDF to `stream`) and remember its outcome with the files it read."""
        self.misses += 1
        self.fetched = []
        try:
            if stream is None:
                outcome = render(job, index, None)
                self.store(key, where, outcome, self.fetched)
            else:  # the PDF's bytes as they are written (a part's file, or the target itself: a single part)
                copying = Copying(stream)
                outcome = render(job, index, copying)  # type: ignore[arg-type]
                self.store(key, where, (outcome, copying.copy.getvalue()), self.fetched)
        finally:
            self.fetched = None
        return outcome

    def recording(self, fetcher: type) -> type:
        """Return a subclass of the URL fetcher that notes every local file a layout reads."""
        memo = self

        class Recording(fetcher):  # type: ignore[valid-type,misc]
            def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
                if memo.fetched is not None and url.startswith("file:"):
                    from urllib.parse import unquote, urlparse  # noqa: PLC0415

                    memo.fetched.append(Path(unquote(urlparse(url).path)))
                return super().fetch(url, headers)

        return Recording


installed: Memo | None = None  # the run's memo in this process, once installed


@contextmanager
def remembering_pdfs() -> Iterator[None]:
    """Remember and replay PDF-writing parts meanwhile, where a memo is installed: in this process and the
    processes it forks meanwhile."""
    memo = installed
    if memo is not None:
        memo.pdfs = True
    try:
        yield
    finally:
        if memo is not None:
            memo.pdfs = False


def install(folder: Path) -> Memo:
    """Route `render.pdf`'s layout-only parts through a memo stored in `folder`; return the memo."""
    global installed  # noqa: PLW0603 - one memo per process
    from calendar_build.render import pdf  # noqa: PLC0415

    folder.mkdir(parents=True, exist_ok=True)
    memo = installed = Memo(folder)
    pdf._render_part = memo.wrap(pdf._render_part)  # type: ignore[assignment]
    pdf.LocalFetcher = memo.recording(pdf.LocalFetcher)  # type: ignore[misc]
    return memo
