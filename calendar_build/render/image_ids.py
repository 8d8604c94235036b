"""Image names and the document ID of a PDF that do not depend on the folder the project lies in.

WeasyPrint names an image after its URL (an MD5 of `file:///…/cache/photos/…jpg`), and the PDF's
DocumentID derives from the HTML, which holds those URLs: the same edition built in another folder or on
another machine gave other bytes and another checksum on the job sheet. While a part is set, the
folders of the job are known by a name of their own (ROOT, CACHE …), and both derive from the URLs
written with those names: within a folder a path names one file, so no two images share a name.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

Places = tuple[tuple[str, str], ...]  # (URI of a folder with its trailing slash, its name), the longest first
_places: list[Places] = [()]
_original: list[Any] = []  # WeasyPrint's own image loader, once `install` replaced it


def places(folders: dict[Path, str]) -> Places:
    """Return the folders' URIs with their names, the longest (the most specific) first."""
    found = {folder.as_uri().rstrip("/") + "/": name for folder, name in folders.items()}
    return tuple(sorted(found.items(), key=lambda item: -len(item[0])))


def neutral(text: str, where: Places) -> str:
    """Return `text` with every folder URI written as its name."""
    for uri, name in where:
        text = text.replace(uri, f"{name}:/")
    return text


@contextlib.contextmanager
def named(where: Places) -> Iterator[None]:
    """Name the images of what is set meanwhile (in this process) after their URLs with the folders' names."""
    _places.append(where)
    try:
        yield
    finally:
        _places.pop()


def _image(*args: Any, **kwargs: Any) -> Any:
    """Return WeasyPrint's image for a URL, named after the URL with the job's folders named."""
    from weasyprint.images import RasterImage  # noqa: PLC0415 - loaded with WeasyPrint, which calls this

    image = _original[0](*args, **kwargs)
    url = kwargs.get("url", args[3] if len(args) > 3 else None)
    if isinstance(image, RasterImage) and isinstance(url, str):
        image.id = hashlib.md5(neutral(url, _places[-1]).encode(), usedforsecurity=False).hexdigest()
    return image


def install() -> None:
    """Make WeasyPrint name images through `_image` (idempotent)."""
    from weasyprint import document  # noqa: PLC0415 - the job's names are made without WeasyPrint

    if document.original_get_image_from_uri is not _image:
        _original[:] = [document.original_get_image_from_uri]
        document.original_get_image_from_uri = _image
