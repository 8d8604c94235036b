"""Hyphenation for print (`hyphens: auto`), without its start-up cost on every build.

WeasyPrint hyphenates with Pyphen, whose German dictionary (LibreOffice's patterns) takes about
0.6 s of CPU to parse in each process. The parsed patterns (plain strings and integers) are kept
with `marshal` in the user's cache (`paths.machine_cache`: they derive from installed files only,
so every project and a first, cold build share them; 0.05 s to read) and put into Pyphen's
dictionary cache by each process before it sets pages (render/pdf.py `warm`): a build's workers
do it while the pages are composed.

The dictionary warmed is the one WeasyPrint picks for the document's `lang`: Pyphen's fallback
for "de" is the first German dictionary by name (hyph_de_AT.dic), not hyph_de_DE.dic.
"""

from __future__ import annotations

import marshal
import sys
from collections.abc import Iterable
from pathlib import Path

import pyphen

from calendar_build.output import atomic_write

LANG = "de"  # the language of every edition's German texts


def _cache_file(cache_dir: Path, dictionary: Path) -> Path:
    stat = dictionary.stat()
    version = getattr(pyphen, "__version__", "0")
    python = f"py{sys.version_info[0]}{sys.version_info[1]}"  # the marshal format belongs to the Python version
    name = dictionary.stem.removeprefix("hyph_")
    return cache_dir / f"{name}-{version}-{python}-{stat.st_size}-{stat.st_mtime_ns}.marshal"


def _from_patterns(patterns: dict[str, tuple[int, tuple[int, ...]]]) -> pyphen.HyphDict:
    hyph = pyphen.HyphDict.__new__(pyphen.HyphDict)
    hyph.patterns = patterns
    hyph.cache = {}
    hyph.maxlen = max(len(key) for key in patterns)
    return hyph


def dictionary_for(lang: str) -> Path | None:
    """Return the dictionary file WeasyPrint hyphenates `lang` with (None: Pyphen has none)."""
    fallback = pyphen.language_fallback(lang)
    return Path(pyphen.LANGUAGES[fallback]) if fallback else None


def warm_all(cache_dir: Path, langs: Iterable[str]) -> None:
    """Put the dictionaries of `langs` (the document's lang attributes) into Pyphen's cache (parsed ones kept in `cache_dir`)."""
    for lang in dict.fromkeys(langs):
        warm(cache_dir, lang)


def warm(cache_dir: Path, lang: str = LANG) -> bool:
    """Put the parsed dictionary of `lang` into Pyphen's cache (from the build cache when there); True if cached."""
    dictionary = dictionary_for(lang)
    if dictionary is None or dictionary in pyphen.hdcache:
        return dictionary is not None
    stored = _cache_file(cache_dir, dictionary)
    try:
        patterns = marshal.loads(stored.read_bytes())
        if isinstance(patterns, dict) and patterns:
            pyphen.hdcache[dictionary] = _from_patterns(patterns)
            return True
    except (OSError, ValueError, EOFError, TypeError):
        pass
    parsed = pyphen.HyphDict(dictionary)
    pyphen.hdcache[dictionary] = parsed
    if all(isinstance(v, int) for _, values in parsed.patterns.values() for v in values):
        try:
            atomic_write(stored, marshal.dumps(parsed.patterns), durable=False)
        except OSError:
            pass  # a cache we cannot write only costs time
    return True
