"""Invisible characters that hide or reorder text (Unicode Cf): refused in every content file.

A right-to-left override (U+202E) pasted into a photo credit prints "Foto: ieW nehC"; a zero-width
space splits a name where nobody sees it; a byte-order mark inside a text is invisible as well.
Kept are the format characters that scripts need to be written correctly: ZWNJ (U+200C) and
ZWJ (U+200D) in Persian, Indic and emoji sequences, the soft hyphen (U+00AD) as a hyphenation
hint, and the visible prepended marks of Arabic, Syriac and Kaithi numbers.
Source of the categories: Unicode Character Database, General_Category=Cf (Unicode 15.1).
"""

from __future__ import annotations

import re
import unicodedata

# Unicode Cf characters that are invisible and hide or reorder text; ranges inclusive.
REFUSED_RANGES = (
    (0x061C, 0x061C),  # ARABIC LETTER MARK (bidi)
    (0x180E, 0x180E),  # MONGOLIAN VOWEL SEPARATOR
    (0x200B, 0x200B),  # ZERO WIDTH SPACE
    (0x200E, 0x200F),  # LEFT-TO-RIGHT / RIGHT-TO-LEFT MARK
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x2064),  # WORD JOINER, invisible operators
    (0x2066, 0x206F),  # bidi isolates, deprecated format characters
    (0xFEFF, 0xFEFF),  # ZERO WIDTH NO-BREAK SPACE (byte-order mark inside a text)
    (0xFFF9, 0xFFFB),  # interlinear annotation
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0001, 0xE0001),  # LANGUAGE TAG
    (0xE0020, 0xE007F),  # tag characters (invisible ASCII)
)
HIDDEN = re.compile("[" + "".join(f"\\U{a:08X}-\\U{b:08X}" for a, b in REFUSED_RANGES) + "]")
_BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
_KIND = {0x200B: "ein Leerzeichen ohne Breite", 0xFEFF: "eine unsichtbare Byte-Reihenfolge-Markierung mitten im Text",
         0x2060: "ein unsichtbarer Wortverbinder"}


def describe_hidden(char: str, column: int | None = None) -> str:
    """Return a German message for one refused invisible character (at a column of its line, if known)."""
    code = ord(char)
    name = unicodedata.name(char, "unbenannt")
    at = f" in Spalte {column}" if column else ""
    if code in _BIDI:
        what = (f"Unsichtbares Schreibrichtungszeichen U+{code:04X} ({name}){at} – es kann die Reihenfolge der "
                f"Buchstaben im Druck umdrehen (aus „Foto: Chen Wei“ wird „Foto: ieW nehC“)")
    else:
        kind = _KIND.get(code, "ein unsichtbares Formatzeichen")
        what = f"Unsichtbares Zeichen U+{code:04X} ({name}){at}, {kind}"
    return (f"{what}. Bitte entfernen – solche Zeichen kommen beim Kopieren aus Webseiten, Word oder Messengern mit; "
            f"am sichersten die Stelle neu eintippen.")


def find_hidden(text: str) -> tuple[int, int, str] | None:
    """Return (line, column, character) of the first refused invisible character, 1-based; None if clean."""
    match = HIDDEN.search(text)
    if match is None:
        return None
    start = match.start()
    line_start = text.rfind("\n", 0, start) + 1
    return text.count("\n", 0, start) + 1, start - line_start + 1, match.group()
