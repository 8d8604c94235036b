"""Making a process ready to set pages, without loading anything heavy until it is asked to.

`build` forks the worker that sets the pages as soon as it knows what it builds, before it loads the
content's modules: the worker loads WeasyPrint and reads the hyphenation dictionaries (half a second)
while the main process loads, checks and composes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from calendar_build.render.job import PdfJob

GERMAN = "de"  # every edition's German texts are hyphenated as German, whatever its language


def hyphenated(language: str) -> tuple[str, ...]:
    """Return the languages a product's pages are hyphenated in: its own, and German."""
    return tuple(dict.fromkeys((language, GERMAN)))


def ready(languages: tuple[str, ...]) -> None:
    """Make this process ready to set pages: WeasyPrint loaded, the hyphenation dictionaries of `languages` warm, a
    first page set (render/pdf.py: `warm_up`)."""
    from calendar_build.render import pdf  # noqa: PLC0415 - half a second: in a worker, while the pages are composed

    pdf.warm(languages)
    pdf.warm_up()


def setter(language: str) -> Callable[[], None]:
    """Return what makes a worker ready to set the pages of a product in `language`."""
    return partial(ready, hyphenated(language))


def parse_ahead(job: PdfJob) -> None:
    """Parse the job's stylesheet in this worker before its parts come (render/pdf.py: `parse_ahead`)."""
    from calendar_build.render import pdf  # noqa: PLC0415 - loaded already in a worker made ready

    pdf.parse_ahead(job)
