"""Editors' files saved in another encoding: named with the encoding, the letter and its line, never guessed."""

from __future__ import annotations

import pytest

from calendar_build.content.encoding import EncodingProblem, decode_text

APPLE_DOUBLE = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02\x00\x00\x00\x09\x00\x00\x00\x32\x00\x00\x0e\xb0"


@pytest.mark.parametrize(("raw", "line", "start"), [
    # Windows Notepad "Unicode" (UTF-16 LE with a byte-order mark), and without the mark
    ("name: Jürgen\n".encode("utf-16"), 1, "Die Datei ist als UTF-16 gespeichert"),
    ("name: Jürgen\n".encode("utf-16-le"), 1, "Die Datei ist als UTF-16 gespeichert"),
    ("name: Jürgen\n".encode("utf-16-be"), 1, "Die Datei ist als UTF-16 gespeichert"),
    ("x: 1\n".encode("utf-32"), 1, "Die Datei ist als UTF-32 gespeichert"),
    # Windows Notepad "ANSI": the letter, its line and its column (in characters: after an 'ä' written right, a
    # count of bytes would say 7)
    ("a: 1\n".encode("utf-8") + "x: ä".encode("utf-8") + " ü\n".encode("cp1252"), 2,
     "Die Datei ist nicht als UTF-8 gespeichert ('ü' in Spalte 6 ist wohl in Windows-Kodierung „ANSI“"),
    # macOS metadata with many zero bytes is not called UTF-16 (it was, by a count of zero bytes)
    (APPLE_DOUBLE, 1, "Die Datei ist nicht als UTF-8 gespeichert"),
])  # fmt: skip
def test_not_utf8(raw: bytes, line: int, start: str) -> None:
    with pytest.raises(EncodingProblem) as caught:
        decode_text(raw)
    assert (caught.value.line, caught.value.message[: len(start)]) == (line, start)


@pytest.mark.parametrize(("raw", "text"), [
    (b"name: J\xc3\xbcrgen\n", "name: Jürgen\n"),
    (b"\xef\xbb\xbfname: x\r\n", "name: x\r\n"),  # Notepad's "UTF-8 mit BOM": the mark is dropped
])
def test_utf8_is_read(raw: bytes, text: str) -> None:
    assert decode_text(raw) == text
