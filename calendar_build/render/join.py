"""Join the PDFs of consecutive page ranges into one: pages, bookmarks, named destinations, tags.

The first PDF brings the catalogue (output intent, XMP metadata, document info, language); the
pages of the others follow with their resources. What refers to pages across the document is
carried over: bookmarks, named destinations (the `id`s of the HTML) and, in a tagged PDF, the
structure tree, whose parent tree numbers every page's marked content (ISO 32000-1, 14.7.4.4).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO, cast

import pikepdf


# The XMP DocumentID as WeasyPrint writes it (random for PDF/X-4): the finisher and the join give their own.
XMP_DOCUMENT_ID = re.compile(rb"(xmp|uuid)[.:]did:[0-9a-f-]{36}|uuid:[0-9a-f-]{36}")


def document_id(key: str) -> bytes:
    """Return the XMP DocumentID derived from a digest of the inputs."""
    return f"xmp.did:{uuid.uuid5(uuid.NAMESPACE_URL, key)}".encode()


def join_pdfs(parts: Sequence[Path], stream: BinaryIO, identifier: bytes | None = None) -> None:
    """Write the pages of the PDFs one after the other to `stream`, keeping the first one's document data
    (with the XMP DocumentID `identifier`, if given: a part's own derives from the part alone).

    Streams are copied as they are (no recompression); the file ID derives from the content.
    """
    with contextlib.ExitStack() as open_pdfs:
        pdfs = [open_pdfs.enter_context(pikepdf.open(path)) for path in parts]
        joined = pdfs[0]
        metadata = joined.Root.get("/Metadata")
        if identifier is not None and isinstance(metadata, pikepdf.Stream):
            metadata.write(XMP_DOCUMENT_ID.sub(identifier, metadata.read_bytes()))
        bookmarks: list[pikepdf.OutlineItem] = []
        for number, other in enumerate(pdfs[1:], start=2):
            _retag_subsets(other, number)
            start = len(joined.pages)
            _detach_structure(other)
            joined.pages.extend(other.pages)  # copied first: what follows refers to the same copies
            pages: dict[tuple[int, int], int] = {tuple(page.objgen): start + number  # type: ignore[misc]
                                                 for number, page in enumerate(other.pages)}
            with other.open_outline() as outline:
                bookmarks += [_moved(item, pages, joined) for item in outline.root]
            _join_destinations(joined, other)
            _join_structure(joined, other, start)
        if bookmarks:
            with joined.open_outline() as outline:
                outline.root.extend(bookmarks)
        # qpdf writes into a stream of ours that never fails it: qpdf cannot pass a failed write of a Python
        # stream (a full disk) on as an error and aborts the whole process; the error is raised once it is done.
        identifier = _content_id(pdfs)
        sink = _Sink(stream, identifier)
        joined.save(cast(BinaryIO, sink), static_id=identifier is not None, deterministic_id=identifier is None,
                    stream_decode_level=pikepdf.StreamDecodeLevel.none)
        sink.finish()


class _Sink(io.RawIOBase):
    """What qpdf writes the joined PDF into: passed on to `stream` as it comes (no copy of the whole PDF in
    memory), but for the last bytes, which hold the file ID: there qpdf's static second ID string is replaced by
    `identifier` (the same length: no offset moves; where qpdf wrote none, its own stays) before they follow.
    The first error writing to `stream` is kept and raised by `finish`; what follows it is dropped.

    Joining the A3 print PDF's parts into a file: 0.11–0.13 instead of 0.16–0.20 s, when qpdf wrote into
    memory first and the copy was written then (six pairs side by side), the same bytes."""

    def __init__(self, stream: BinaryIO, identifier: bytes | None) -> None:
        super().__init__()
        self.stream, self.identifier = stream, identifier
        self.held = bytearray()
        self.error: OSError | None = None

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.held += data
        if len(self.held) > 2 * _ID_TAIL:
            self._pass(memoryview(self.held)[:-_ID_TAIL])
            del self.held[:-_ID_TAIL]
        return len(data)

    def _pass(self, data: memoryview | bytearray) -> None:
        if self.error is None:
            try:
                self.stream.write(data)
            except OSError as error:
                self.error = error
            finally:
                if isinstance(data, memoryview):
                    data.release()  # the held bytes can shrink again

    def finish(self) -> None:
        """Pass on the last bytes with the file ID; raise the first error writing to the stream."""
        if self.identifier is not None:
            _set_id(self.held, self.identifier)
        self._pass(self.held)
        self.held = bytearray()
        if self.error is not None:
            raise self.error


# The second string of the file ID that qpdf writes when asked for a static one (its documented test value).
_STATIC_ID = b"<31415926535897932384626433832795>"
_ID_TAIL = 4096  # the trailer (or cross-reference stream dictionary) holding the ID is at the end of the file


def _content_id(pdfs: Sequence[pikepdf.Pdf]) -> bytes | None:
    """Return the second file ID string of the joined PDF, derived from the parts' own (None if a part has none).

    WeasyPrint's PDF writer (pydyf) makes a part's second ID string the MD5 of its objects: the joined
    file's ID depends on its content without qpdf reading the whole joined file once more for one
    (`deterministic_id`, a tenth of a second for the A3 print PDF).
    """
    digest = hashlib.md5(b"calendar-build join", usedforsecurity=False)
    for pdf in pdfs:
        ids = pdf.trailer.get("/ID")
        if not isinstance(ids, pikepdf.Array) or len(ids) != 2:
            return None
        digest.update(bytes(ids[1]))
    return f"<{digest.hexdigest()}>".encode()


def _set_id(data: bytearray, identifier: bytes) -> bool:
    """Put `identifier` in the place of qpdf's static second ID string (same length: no offset moves);
    False where there is none."""
    start = len(data) - min(_ID_TAIL, len(data))
    at = bytes(data[start:]).rfind(_STATIC_ID)
    if at < 0 or len(identifier) != len(_STATIC_ID):
        return False
    data[start + at:start + at + len(_STATIC_ID)] = identifier
    return True


_SUBSET_TAG = re.compile(r"^/([A-Z]{6})\+")


def _retag_subsets(pdf: pikepdf.Pdf, part: int) -> None:
    """Give the font subsets of a later part their own tags (ABCDEF+Name).

    WeasyPrint derives a subset's tag from the font alone, so every part names its own subset of a
    font alike; one PDF must not hold different subsets under one name (ISO 32000-1, 9.6.4), or a
    RIP caching fonts by name prints the wrong glyphs. The new tag derives from the old one and the part.
    """
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary):
            continue
        for key in ("/BaseFont", "/FontName"):
            name = obj.get(key)
            if isinstance(name, pikepdf.Name) and (match := _SUBSET_TAG.match(str(name))):
                digest = hashlib.sha256(f"{match.group(1)}:{part}".encode()).digest()
                tag = "".join(chr(ord("A") + byte % 26) for byte in digest[:6])
                obj[key] = pikepdf.Name(f"/{tag}+{str(name)[8:]}")


def _moved(item: pikepdf.OutlineItem, pages: dict[tuple[int, int], int], joined: pikepdf.Pdf) -> pikepdf.OutlineItem:
    """Return a copy of a bookmark (and its children) pointing at the joined PDF's copy of its page."""
    destination = item.destination
    if isinstance(destination, pikepdf.Array) and len(destination) and destination[0].objgen in pages:
        destination = pikepdf.Array([joined.pages[pages[destination[0].objgen]].obj, *list(destination)[1:]])
    else:
        destination = None
    moved = pikepdf.OutlineItem(item.title, destination)
    moved.children.extend(_moved(child, pages, joined) for child in item.children)
    return moved


def _join_destinations(joined: pikepdf.Pdf, other: pikepdf.Pdf) -> None:
    """Add the other PDF's named destinations to the joined one's (a name tree keeps them sorted)."""
    if "/Names" not in other.Root or "/Dests" not in other.Root.Names:
        return
    if "/Names" not in joined.Root:
        joined.Root.Names = pikepdf.Dictionary()
    if "/Dests" not in joined.Root.Names:
        joined.Root.Names.Dests = pikepdf.NameTree.new(joined).obj
    destinations = pikepdf.NameTree(joined.Root.Names.Dests)
    for name, destination in pikepdf.NameTree(other.Root.Names.Dests).items():
        destinations[name] = _copied(joined, other, destination)


def _copied(joined: pikepdf.Pdf, other: pikepdf.Pdf, value: pikepdf.Object) -> pikepdf.Object:
    """Return the joined PDF's copy of an object of the other PDF (a direct one is made indirect to be copied)."""
    if not value.is_indirect:
        value = other.make_indirect(value)
    return joined.copy_foreign(value)


def _document_element(pdf: pikepdf.Pdf) -> pikepdf.Object | None:
    """Return the tagged PDF's top structure element (WeasyPrint's /Document), None if the PDF is not tagged."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None or "/K" not in root:
        return None
    top = root.K
    return top[0] if isinstance(top, pikepdf.Array) else top


def _detach_structure(other: pikepdf.Pdf) -> None:
    """Cut the other PDF's page-level structure elements from their parent, so copying them copies no second tree."""
    document = _document_element(other)
    if document is not None:
        for element in document.K:
            if isinstance(element, pikepdf.Dictionary) and "/P" in element:
                del element["/P"]


def _join_structure(joined: pikepdf.Pdf, other: pikepdf.Pdf, start: int) -> None:
    """Hang the other PDF's structure elements under the joined one's and renumber their parent tree entries.

    The other part's keys (one per page, one per annotation) follow the joined tree's highest key, so
    the number tree stays sorted; pages and annotations of the other part get the new keys.
    """
    document, other_document = _document_element(joined), _document_element(other)
    if document is None or other_document is None:
        return
    tree = joined.Root.StructTreeRoot.ParentTree
    entries = _number_entries(tree)
    offset = max((key for key, _ in entries), default=-1) + 1
    entries += [(key + offset, _copied(joined, other, value))
                for key, value in _number_entries(other.Root.StructTreeRoot.ParentTree)]
    tree.Nums = pikepdf.Array([item for key, value in entries for item in (key, value)])  # flat: one sorted list
    if "/Kids" in tree:
        del tree["/Kids"]
    for element in other_document.K:
        copied = joined.copy_foreign(element)
        copied.P = document
        document.K.append(copied)
    for page in joined.pages[start:]:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset
    if "/ParentTreeNextKey" in joined.Root.StructTreeRoot:
        joined.Root.StructTreeRoot.ParentTreeNextKey = offset + int(other.Root.StructTreeRoot.get("/ParentTreeNextKey", 0))


def _number_entries(tree: pikepdf.Object) -> list[tuple[int, pikepdf.Object]]:
    """Return the (key, value) pairs of a number tree, its kids included, in key order."""
    entries = []
    if "/Nums" in tree:
        numbers = tree.Nums
        entries += [(int(numbers[i]), numbers[i + 1]) for i in range(0, len(numbers), 2)]
    for kid in tree.get("/Kids", []):
        entries += _number_entries(kid)
    return sorted(entries, key=lambda entry: entry[0])
