"""Import WeasyPrint without a compiler run for each name of its C libraries.

WeasyPrint opens GObject, Pango, HarfBuzz and Fontconfig trying several names for each (the names
of Linux, macOS and Windows). cffi hands every name that is no file name to
`ctypes.util.find_library`, which on Linux runs `ldconfig -p` and, for a name the linker cache
lacks, gcc and ld: about twenty runs, a quarter of a second at the start of every build and preview.
While WeasyPrint is imported, names are looked up in one reading of the linker cache instead, as
`find_library` itself reads it; should the import fail that way (a library outside the cache), it is
imported again with the real lookup.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import importlib
import io
import re
import subprocess
import sys
from collections.abc import Callable, Iterator


def linker_cache() -> str:
    """Return the dynamic linker's cache as `ldconfig -p` lists it ("" where there is none)."""
    for ldconfig in ("/sbin/ldconfig", "ldconfig"):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            return subprocess.run([ldconfig, "-p"], capture_output=True, text=True, timeout=10,
                                  check=False, env={"LC_ALL": "C", "LANG": "C"}).stdout
    return ""


def lookup_in(listing: str) -> Callable[[str], str | None]:
    """Return a find_library that answers from the listing: the soname of lib<name>.so…, None if not listed."""

    def find_library(name: str) -> str | None:
        found = re.search(rf"^\s+(lib{re.escape(name)}\.so[^\s]*)\s+\(", listing, re.MULTILINE)
        return found.group(1) if found else None

    return find_library


@contextlib.contextmanager
def quick_lookup(listing: str) -> Iterator[None]:
    """Let `ctypes.util.find_library` answer from `listing` meanwhile."""
    real = ctypes.util.find_library
    setattr(ctypes.util, "find_library", lookup_in(listing))
    try:
        yield
    finally:
        setattr(ctypes.util, "find_library", real)


def import_weasyprint() -> None:
    """Import WeasyPrint once per process, its libraries looked up in the linker cache."""
    if "weasyprint" in sys.modules:
        return
    listing = linker_cache()
    if listing:
        try:
            # (WeasyPrint prints a hint to stdout before it fails: not for the attempt)
            with quick_lookup(listing), contextlib.redirect_stdout(io.StringIO()):
                importlib.import_module("weasyprint")
            return
        except OSError:
            for name in [module for module in sys.modules if module.split(".")[0] == "weasyprint"]:
                del sys.modules[name]
    importlib.import_module("weasyprint")
