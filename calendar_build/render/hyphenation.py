"""German hyphenation for print (`hyphens: auto` with lang="de"), without its start-up cost on every build.

WeasyPrint hyphenates with Pyphen, whose German dictionary (hyph_de_DE.dic, LibreOffice's patterns)
takes about 1.5 s to parse in each process. The parsed patterns (plain strings and integers) are kept
with `marshal` in the build cache (0.16 s to read) and put into Pyphen's dictionary cache in the main process before the parts
of the PDF are set in forked processes, which inherit it.
"""

from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path

import pyphen

LANG = "de_DE"


def _cache_file(cache_dir: Path, dictionary: Path) -> Path:
    stat = dictionary.stat()
    version = getattr(pyphen, "__version__", "0")
    python = f"py{sys.version_info[0]}{sys.version_info[1]}"  # the marshal format belongs to the Python version
    return cache_dir / "hyphenation" / f"{LANG}-{version}-{python}-{stat.st_size}-{stat.st_mtime_ns}.marshal"


def _from_patterns(patterns: dict[str, tuple[int, tuple[int, ...]]]) -> pyphen.HyphDict:
    hyph = pyphen.HyphDict.__new__(pyphen.HyphDict)
    hyph.patterns = patterns
    hyph.cache = {}
    hyph.maxlen = max(len(key) for key in patterns)
    return hyph


def warm(cache_dir: Path) -> bool:
    """Put the parsed German dictionary into Pyphen's cache (from the build cache when there); True if cached."""
    dictionary = pyphen.LANGUAGES.get(LANG)
    if dictionary is None or dictionary in pyphen.hdcache:
        return dictionary is not None
    stored = _cache_file(cache_dir, Path(dictionary))
    try:
        patterns = marshal.loads(stored.read_bytes())
        if isinstance(patterns, dict) and patterns:
            pyphen.hdcache[dictionary] = _from_patterns(patterns)
            return True
    except (OSError, ValueError, EOFError, TypeError):
        pass
    parsed = pyphen.HyphDict(Path(dictionary))
    pyphen.hdcache[dictionary] = parsed
    if all(isinstance(v, int) for _, values in parsed.patterns.values() for v in values):
        try:
            stored.parent.mkdir(parents=True, exist_ok=True)
            temporary = stored.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes(marshal.dumps(parsed.patterns))
            os.replace(temporary, stored)
        except OSError:
            pass  # a cache we cannot write only costs time
    return True
