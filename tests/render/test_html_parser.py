"""The HTML parser's pattern cache (render/html_parser.py): patterns kept under the right key, the same parse."""

from __future__ import annotations

import re

import pytest

import calendar_build.render.pdf  # noqa: F401 - installs the repaired cache, as every render does
from calendar_build.render.html_parser import PatternCache, run_pattern

tinyhtml5 = pytest.importorskip("tinyhtml5")  # WeasyPrint's parser: installed with it
from tinyhtml5 import inputstream  # noqa: E402

DOCUMENT = ("<!DOCTYPE html><html lang=de><body><p class='a b' data-x=\"1&amp;2\">Fe&shy;ste &amp; Feiertage"
            "<!-- ein Kommentar --><span dir=rtl>عيد الفطر</span> <br>\n\t<b>Ḥanukka</b> &lt;5&gt;</p>"
            "<table><tr><td>1<td>2</table><![CDATA[x]]><script>if (a < b) {}</script></body></html>")


def library_pattern(characters: tuple[str, ...] | frozenset[str], opposite: bool) -> re.Pattern[str]:
    """Return the pattern as tinyhtml5 2.1 builds it (inputstream.HTMLUnicodeInputStream.chars_until)."""
    members = "".join(f"\\x{ord(character):02x}" for character in characters)
    return re.compile(f"[{members}]+" if opposite else f"[^{members}]+")


@pytest.mark.parametrize("characters", [("&", "<", "\u0000"), ('"', "&", "\u0000"), (">",), ("]",), ("-", "\u0000"),
                                        frozenset("\t\n\x0c\r "), frozenset("abcXYZ")])
@pytest.mark.parametrize("opposite", [False, True])
def test_a_pattern_matches_what_the_librarys_own_would(characters: tuple[str, ...], opposite: bool) -> None:
    ours, theirs = run_pattern(characters, opposite), library_pattern(characters, opposite)
    for text in ("Feste & Feiertage", "a<b", " \t\nx", "--]]>", 'say "hi"', "XYZabc def", "\u0000z", ""):
        for start in range(len(text) + 1):
            found, expected = ours.match(text, start), theirs.match(text, start)
            assert (found and found.group()) == (expected and expected.group()), (characters, opposite, text, start)


def test_parsing_fills_the_cache_once_under_the_stop_characters() -> None:
    cache = inputstream.characters_until_regex
    assert isinstance(cache, PatternCache)
    tinyhtml5.parse(DOCUMENT)
    keys = set(cache)
    tinyhtml5.parse(DOCUMENT)
    assert set(cache) == keys  # a second parse finds every pattern: nothing new is stored
    assert keys and all(not isinstance(characters, re.Pattern) for characters, _opposite in keys)


def serialised(element: object) -> list[tuple[str, tuple[tuple[str, str], ...], str, str]]:
    """Return the parsed tree as a list of (tag, attributes, text, tail)."""
    return [(node.tag, tuple(sorted(node.attrib.items())), node.text or "", node.tail or "")
            for node in element.iter()]  # type: ignore[attr-defined]


def test_the_parse_is_the_same_with_the_libraries_own_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    repaired = serialised(tinyhtml5.parse(DOCUMENT))
    monkeypatch.setattr(inputstream, "characters_until_regex", {})
    assert serialised(tinyhtml5.parse(DOCUMENT)) == repaired
