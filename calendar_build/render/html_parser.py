"""A repair of WeasyPrint's HTML parser (tinyhtml5): its cache of character-run patterns never hits.

tinyhtml5 2.1 keeps one compiled pattern per set of stop characters in `characters_until_regex`,
but stores it with the chained assignment `characters = cache[(characters, opposite)] = regex`,
which binds `characters` to the pattern before the key is made: every lookup misses, and every
run of text compiles its pattern again (13 500 times for the A3 print edition, about 0.5 s of a
7 s render, measured with cProfile). The cache is replaced by one that makes the pattern on a miss
under the right key; the lookup then always succeeds and the faulty store is never reached.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

PatternKey = tuple[Iterable[str], bool]  # the stop characters (a tuple or frozenset), whether to match them instead


def run_pattern(characters: Iterable[str], opposite: bool) -> re.Pattern[str]:
    """Return the pattern of a run of characters up to one of `characters` (of them only, if `opposite`)."""
    members = "".join(re.escape(character) for character in characters)
    return re.compile(f"[{members}]+" if opposite else f"[^{members}]+")


class PatternCache(dict[PatternKey, re.Pattern[str]]):
    """The patterns by stop characters, made on first use."""

    def __missing__(self, key: PatternKey) -> re.Pattern[str]:
        pattern = self[key] = run_pattern(*key)
        return pattern


def install() -> None:
    """Give tinyhtml5 the working cache (once; a later tinyhtml5 without this cache is left as it is)."""
    from tinyhtml5 import inputstream  # noqa: PLC0415 - WeasyPrint's parser, loaded with WeasyPrint

    if isinstance(getattr(inputstream, "characters_until_regex", None), dict) and not isinstance(
            inputstream.characters_until_regex, PatternCache):
        inputstream.characters_until_regex = PatternCache()
