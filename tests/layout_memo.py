"""Lay out each distinct page range once per test run: `check`'s layout and fit proof, remembered on disk.

Many tests run `check` on copies of the sample project that differ in nothing WeasyPrint sees (a
comment, a gender, a photo's file name), and every such check lays out both products again
(seconds each). WeasyPrint's layout is a pure function of its inputs: the HTML of the part, the
generated stylesheet, the product, the allowed folders and the bytes of every file it fetches.
This memo keys a layout-only part (`render.pdf._render_part` without a stream: nothing is
drawn or written) by all of those, with the project and cache folders written as placeholders, and replays
the part's outcome (fit violations, WeasyPrint's messages, refused URLs, page count) when the
same inputs come again and every fetched file still has the bytes it had.

A part is also remembered page by page: its HTML is a sequence of `<section class="page …">` elements, each
starting a page of its own. A page is laid out alone as a document of the part's head, the page and an empty
page behind it: out-of-flow content a page breaks onto the next one (an absolutely placed block running
past the page's end) lands there as it would on the part's next page. A layout counts as separable only
if no page holds boxes of two page sections; only then is it split into pages or used page by page
(tests/test_layout_memo.py proves on the sample and on a stress edition that the pages laid out alone,
joined, give the part's outcome). A part that changed in a few pages (one portrait's text) is laid out in
those pages only; a part that changed in most of them is laid out whole (a page alone costs about 1.6
times its share of the part: CSS and fonts are read for every document), and its outcome is split into
its pages' for later.

Parts that write a PDF are never remembered: tests compare written PDFs byte for byte and must
see them made. The store is a folder of the run (shared by xdist workers and by the processes
`check` forks); nothing is kept from one run to the next.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import tempfile
from collections.abc import Callable
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


PAGE = re.compile(r'<section class="page[ "]')
SECTION_OPEN = re.compile(r"<section\b")
BEHIND = '<section class="page" data-memo="behind"></section>'  # the empty page behind a page laid out alone
SPLIT_COST = 2  # lay out page by page while at most 1 / SPLIT_COST of a part's pages are new (measured: 1.6)


def pages_of(html: str) -> list[str] | None:
    """Return each page of a part as a document of its own: the part's head, the page, an empty page, the end.

    None unless the body is nothing but page sections (an edition's own templates may wrap them): only then is
    each page known to be laid out alone as in the part.
    """
    start, end = html.find("<body>"), html.rfind("</body>")
    if start < 0 or end < start:
        return None
    head, body, tail = html[:start + len("<body>")], html[start + len("<body>"):end], html[end:]
    starts = [match.start() for match in PAGE.finditer(body)]
    if not starts or body[:starts[0]].strip():
        return None
    pages = [body[a:b] for a, b in zip(starts, [*starts[1:], len(body)], strict=True)]
    if any(len(SECTION_OPEN.findall(page)) != page.count("</section>") or not page.rstrip().endswith("</section>")
           for page in pages):
        return None
    return [head + page + BEHIND + tail for page in pages]


def separable(document: Any) -> bool:
    """Return whether every laid-out page holds boxes of one page section only (nothing ran onto another's)."""
    owner: dict[int, int] = {}
    for page in document.pages:
        for box in _boxes(page._page_box):
            element = getattr(box, "element", None)
            if getattr(box, "element_tag", None) == "section" and "page" in (element.get("class") or "").split():
                owner.update((id(inner), id(element)) for inner in element.iter())
    for page in document.pages:
        held = {owner.get(id(box.element)) for box in _boxes(page._page_box)
                if getattr(box, "element", None) is not None and getattr(box, "element_tag", None) not in ("html", "body")}
        if len(held) != 1 or None in held:
            return False
    return True


def _boxes(box: Any) -> Any:
    """Yield a box and all boxes below it."""
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def page_number(message: str) -> int:
    """Return the page a fit message names ('Seite 3: …')."""
    return int(message.removeprefix("Seite ").split(":", 1)[0])


def joined(outcomes: list[Any], strict: bool) -> Any:
    """Return the outcome of a part from its pages' outcomes, in order: what `render_pdf` reads of it."""
    from calendar_build.render import pdf  # noqa: PLC0415

    messages = tuple(dict.fromkeys(m for outcome in outcomes for m in outcome.messages))
    refused = tuple(dict.fromkeys(url for outcome in outcomes for url in outcome.refused))
    violations, offset = [], 0
    for outcome in outcomes:
        violations += [replace(v, message=pdf._renumbered(v.message, offset)) for v in outcome.violations]
        offset += outcome.pages
    usable = not violations and not pdf._bad(list(messages), list(refused), strict)
    return pdf._Part(usable, messages, refused, offset, tuple(violations))


def split(outcome: Any, pages: int) -> list[Any] | None:
    """Return a separable part's outcome as its pages' (one page each), None where that is ambiguous.

    Only an outcome without messages or refused URLs whose sections each made one page splits: a message
    cannot be told to a page.
    """
    if outcome.messages or outcome.refused or outcome.pages != pages:
        return None
    return [replace(outcome, usable=not found, pages=1, violations=found)
            for found in (tuple(replace(v, message=f"Seite 1:{v.message.split(':', 1)[1]}") for v in outcome.violations
                                if page_number(v.message) == number) for number in range(1, pages + 1))]


class Memo:
    """The store of remembered parts, and the wrapper that consults it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.fetched: list[Path] | None = None  # the files read by the layout under way, in this process
        self.hits = self.misses = self.page_hits = self.page_misses = 0
        self.render: Render | None = None  # the layout itself, without the memo
        self.separable = False  # whether the latest layout in this process was separable (see `separable`)

    def load(self, key: str, where: Places) -> Any | None:
        """Return the remembered outcome for `key` if every file it read is unchanged, else None."""
        entry = self.lookup(key, where)
        return None if entry is None else entry.outcome

    def lookup(self, key: str, where: Places) -> Entry | None:
        """Return the entry for `key` (its outcome with the job's folders) if every file it read is unchanged."""
        try:
            entry: Entry = pickle.loads((self.folder / key).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError):
            return None
        for name, known in entry.files:
            if digest(Path(local(name, where))) != known:
                return None
        return Entry(entry.files, local(entry.outcome, where))

    def store(self, key: str, where: Places, outcome: Any, files: list[Path]) -> Entry:
        """Remember an outcome and the files its layout read (written atomically: other processes read along)."""
        entry = Entry(tuple(sorted({(neutral(str(p), where), digest(p)) for p in files})), neutral(outcome, where))
        self.keep(key, entry)
        return entry

    def keep(self, key: str, entry: Entry) -> None:
        """Write an entry (placeholders in place of the job's folders) under its key."""
        data = pickle.dumps(entry)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".entry-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, self.folder / key)

    def wrap(self, render: Render) -> Render:
        """Return `render` consulting the memo for layout-only parts."""
        self.render = render

        def remembered(job: Any, index: int, stream: BinaryIO | None) -> Any:
            if stream is not None or self.fetched is not None:
                return render(job, index, stream)
            key, where = job_key(job, index), places(job)
            found = self.load(key, where)
            if found is not None:
                self.hits += 1
                return found
            self.misses += 1
            pages = pages_of(job.parts[index])
            if pages is None or len(pages) < 2:
                outcome, files = self.fresh(render, job, index)
                self.store(key, where, outcome, files)
                return outcome
            alone = replace(job, parts=tuple(pages))
            keys = [job_key(alone, number) for number in range(len(pages))]
            entries = [self.lookup(page_key, where) for page_key in keys]
            new = [number for number, entry in enumerate(entries) if entry is None]
            if len(new) * SPLIT_COST <= len(pages):
                for number in new:
                    entries[number] = self.alone(render, alone, number, keys[number], where)
                    if entries[number] is None:  # the page runs onto the next one: the part is laid out whole
                        break
                else:
                    self.page_hits += len(pages) - len(new)
                    self.page_misses += len(new)
                    known = [entry for entry in entries if entry is not None]
                    outcome = joined([entry.outcome for entry in known], job.strict)
                    self.keep(key, Entry(tuple(sorted({f for entry in known for f in entry.files})),
                                         neutral(outcome, where)))
                    return outcome
            outcome, files = self.fresh(render, job, index)
            self.store(key, where, outcome, files)
            if self.separable:
                for page_key, page in zip(keys, split(outcome, len(pages)) or [], strict=False):
                    self.store(page_key, where, page, files)  # what the whole part read: more than the page, never less
            return outcome

        return remembered

    def fresh(self, render: Render, job: Any, index: int) -> tuple[Any, list[Path]]:
        """Lay out a part; return its outcome and the files it read (`separable` tells whether it is)."""
        self.fetched, self.separable = [], False
        try:
            outcome = render(job, index, None)
            return outcome, self.fetched
        finally:
            self.fetched = None

    def alone(self, render: Render, job: Any, number: int, key: str, where: Places) -> Entry | None:
        """Lay out a page alone (a document of `pages_of`) and remember it; None if it is not separable."""
        outcome, files = self.fresh(render, job, number)
        if not self.separable:
            return None
        outcome = replace(outcome, pages=outcome.pages - 1)  # without the empty page behind it
        return Entry(self.store(key, where, outcome, files).files, outcome)

    def observing(self, prove: Callable[..., Any]) -> Callable[..., Any]:
        """Return the fit proof noting whether the document it proves is separable (in layouts of the memo)."""

        def observed(document: Any, *args: Any, **kwargs: Any) -> Any:
            if self.fetched is not None:
                self.separable = separable(document)
            return prove(document, *args, **kwargs)

        return observed

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


def install(folder: Path) -> Memo:
    """Route `render.pdf`'s layout-only parts through a memo stored in `folder`; return the memo."""
    from calendar_build.render import pdf  # noqa: PLC0415

    folder.mkdir(parents=True, exist_ok=True)
    memo = Memo(folder)
    pdf._render_part = memo.wrap(pdf._render_part)  # type: ignore[assignment]
    pdf.LocalFetcher = memo.recording(pdf.LocalFetcher)  # type: ignore[misc]
    pdf.prove = memo.observing(pdf.prove)
    return memo
