"""Draw the ink separations of each distinct print PDF once per test run, remembered on disk.

The separations (preflight/ink.py: Ghostscript draws every page in CMYK) cost 1–3 s of CPU per
print PDF, and a run measures the same reference PDFs again and again: their build writes the job
sheet, then the tests of the job sheet, of the highest ink and of `preflight` measure them anew
(each independently of the build's own cache). The measurement is a pure function of the PDF's
bytes, the resolution and the pages asked for, so this memo keys it by exactly those and replays
the result; a PDF with other bytes is drawn as always. The store is a folder of the run, shared by
the xdist workers; nothing is kept from one run to the next. tests/preflight/test_ink.py counts
Ghostscript's runs and uses the real measurement (`REAL`).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

import pikepdf

from calendar_build.preflight import ink
from calendar_build.preflight.ink import PageInk

REAL = ink._separations


def _entry(store: Path, pdf: Path, dpi: int, indices: list[int] | None) -> Path:
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    if indices is None:  # every page: the same request as the build's, which names them all
        with pikepdf.open(pdf) as document:
            indices = list(range(len(document.pages)))
    pages = ",".join(map(str, indices))
    return store / f"{digest}-{dpi}-{hashlib.sha256(pages.encode()).hexdigest()[:16]}.json"


def _read(entry: Path) -> list[PageInk] | None:
    try:
        return [PageInk(item["page"], item["max_percent"], tuple(item["at_mm"])) for item in json.loads(entry.read_text())]
    except (OSError, ValueError):
        return None


def _remembered(store: Path, requests: Sequence[ink.Request], dpi: int) -> list[list[PageInk]]:
    """Return the ink of each request: remembered, or measured in one round with the others not remembered."""
    entries = [_entry(store, pdf, dpi, indices) for pdf, indices in requests]
    found = [_read(entry) for entry in entries]
    missing = [number for number, inks in enumerate(found) if inks is None]
    for number, measured in zip(missing, REAL([requests[number] for number in missing], dpi) if missing else []):
        handle, temporary = tempfile.mkstemp(dir=store, prefix=".entry-")
        with os.fdopen(handle, "w") as stream:
            json.dump([asdict(one) for one in measured], stream)
        os.replace(temporary, entries[number])  # another worker reads the whole entry or none
        found[number] = measured
    return [inks or [] for inks in found]


def install(store: Path) -> None:
    """Measure through the memo in `store` from now on, in this process and the processes it forks."""
    store.mkdir(parents=True, exist_ok=True)
    ink._separations = lambda requests, dpi: _remembered(store, requests, dpi)
