"""WeasyPrint's C libraries are looked up in one reading of the linker cache, not by running gcc per name."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys

import pytest

from calendar_build.render import libraries

# An excerpt of `ldconfig -p` as Debian 12 (amd64, with i386 multiarch) lists it.
LISTING = """\
1234 libs found in cache `/etc/ld.so.cache'
\tlibpangoft2-1.0.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libpangoft2-1.0.so.0
\tlibpango-1.0.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libpango-1.0.so.0
\tlibharfbuzz.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libharfbuzz.so.0
\tlibharfbuzz-subset.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libharfbuzz-subset.so.0
\tlibgobject-2.0.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libgobject-2.0.so.0
\tlibgobject-2.0.so.0 (libc6) => /lib/i386-linux-gnu/libgobject-2.0.so.0
\tlibfontconfig.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libfontconfig.so.1
"""


@pytest.mark.parametrize(("name", "soname"), [
    ("gobject-2.0", "libgobject-2.0.so.0"),
    ("pango-1.0", "libpango-1.0.so.0"),
    ("pangoft2-1.0", "libpangoft2-1.0.so.0"),
    ("harfbuzz", "libharfbuzz.so.0"),  # not libharfbuzz-subset: the name ends where ".so" begins
    ("harfbuzz-subset", "libharfbuzz-subset.so.0"),
    ("fontconfig", "libfontconfig.so.1"),
    # the names WeasyPrint tries for other systems are not in the cache
    ("libgobject-2.0-0", None), ("gobject-2.0-0", None), ("harfbuzz-0.0", None), ("harfbuzz-vector", None),
    ("pango", None),
])
def test_a_name_is_found_as_ldconfig_lists_it(name: str, soname: str | None) -> None:
    assert libraries.lookup_in(LISTING)(name) == soname


@pytest.mark.parametrize("name", ["gobject-2.0", "pango-1.0", "pangoft2-1.0", "harfbuzz", "harfbuzz-subset",
                                  "fontconfig"])
def test_on_this_machine_the_answer_is_the_real_lookups(name: str) -> None:
    real = ctypes.util.find_library(name)
    assert real is not None  # the libraries WeasyPrint needs are installed (Makefile APT_PACKAGES)
    assert libraries.lookup_in(libraries.linker_cache())(name) == real


def test_the_real_lookup_is_back_afterwards() -> None:
    real = ctypes.util.find_library
    with pytest.raises(RuntimeError), libraries.quick_lookup(LISTING):
        assert ctypes.util.find_library("pango-1.0") == "libpango-1.0.so.0"
        raise RuntimeError
    assert ctypes.util.find_library is real


# Run in a fresh interpreter (WeasyPrint is imported once per process); prints the commands started.
IMPORT = """
import subprocess, sys
started = []
real = subprocess.Popen.__init__
def recording(self, args, *rest, **kwargs):
    started.append(args if isinstance(args, str) else " ".join(map(str, args)))
    real(self, args, *rest, **kwargs)
subprocess.Popen.__init__ = recording
from calendar_build.render import libraries
if sys.argv[1] == "fails":  # the quick try fails as WeasyPrint does without a library: a hint, then OSError
    import importlib, types
    tries = []
    def failing_once(name):
        if not tries:
            tries.append(importlib.import_module("weasyprint.urls"))  # half imported when it fails
            print("WeasyPrint could not import some external libraries")
            raise OSError("cannot load library 'libpango-1.0-0'")
        return importlib.import_module(name)
    libraries.importlib = types.SimpleNamespace(import_module=failing_once)
libraries.import_weasyprint()
import weasyprint.text.ffi
print("STARTED", repr(started))
"""


def _import(mode: str) -> tuple[list[str], str]:
    done = subprocess.run([sys.executable, "-c", IMPORT, mode], capture_output=True, text=True, timeout=120, check=True)
    line = next(line for line in done.stdout.splitlines() if line.startswith("STARTED "))
    return eval(line.removeprefix("STARTED ")), done.stdout  # noqa: S307 - our own repr of a list of strings


def test_weasyprint_is_imported_with_one_ldconfig_run_and_no_compiler() -> None:
    started, _ = _import("cache")
    assert len(started) == 1 and "ldconfig -p" in started[0], started
    assert not any("gcc" in command or " cc " in command or command.startswith("ld ") for command in started)


def test_when_the_quick_try_fails_weasyprint_is_imported_the_real_way() -> None:
    _, out = _import("fails")  # it ends with weasyprint.text.ffi imported, or the child fails and so does the test
    assert "could not import some external libraries" not in out  # WeasyPrint's hint of the failed try is kept back
