"""Read an editor's text file as UTF-8; say how it was saved instead when it is not, and how to save it right.

Windows Notepad saves "Unicode" as UTF-16 with a byte-order mark and "ANSI" as Windows-1252; Excel saves
"CSV (Trennzeichen-getrennt)" as Windows-1252 too. Neither is guessed into text (a wrong guess would print
wrong letters): the message names the line, the letter as Windows wrote it, and the menu that fixes it.
"""

from __future__ import annotations

import codecs

SAVE_AS_UTF8 = ("Bitte als UTF-8 speichern (Windows-Editor: „Datei → Speichern unter …“, unten bei „Codierung“ "
                "„UTF-8“ wählen; LibreOffice: „Zeichensatz: Unicode (UTF-8)“).")
_WIDE = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"), (codecs.BOM_UTF16_LE, "UTF-16"),
         (codecs.BOM_UTF16_BE, "UTF-16"))


class EncodingProblem(ValueError):
    """A file that is not UTF-8: the line to name and a German message."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _utf16_without_mark(raw: bytes) -> bool:
    """Return whether the bytes read as UTF-16 text without a byte-order mark (mostly Latin: every other byte 0)."""
    if len(raw) < 4 or len(raw) % 2:
        return False
    halves = raw[0::2], raw[1::2]
    return any(half.count(0) >= 0.9 * len(half) and other.count(0) == 0 for half, other in (halves, halves[::-1]))


def decode_text(raw: bytes) -> str:
    """Return the bytes as text (UTF-8, a leading byte-order mark dropped); raise EncodingProblem otherwise."""
    wide = next((name for bom, name in _WIDE if raw.startswith(bom)), None)
    if wide is None and _utf16_without_mark(raw):
        wide = "UTF-16"
    if wide is not None:
        raise EncodingProblem(1, f"Die Datei ist als {wide} gespeichert (im Windows-Editor „Unicode“ oder "
                                 f"„UTF-16 LE“), nicht als UTF-8. {SAVE_AS_UTF8}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1:exc.start].decode("utf-8")) + 1  # valid up to there
        letter = raw[exc.start:exc.start + 1].decode("cp1252", errors="replace")
        seen = f"'{letter}' in Spalte {column}" if letter.isprintable() and letter != "\ufffd" else f"Spalte {column}"
        raise EncodingProblem(line, f"Die Datei ist nicht als UTF-8 gespeichert ({seen} ist wohl in Windows-Kodierung "
                                    f"„ANSI“ geschrieben). {SAVE_AS_UTF8}") from None
