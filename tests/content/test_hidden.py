"""Invisible characters that hide or reorder text are refused with file, line and column; ZWJ/ZWNJ stay."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from calendar_build.cli import main
from calendar_build.content.hidden import HIDDEN, REFUSED_RANGES, find_hidden
from calendar_build.content.yamlsafe import YamlProblem, parse_yaml


def test_every_refused_character_is_a_format_character() -> None:
    # Unicode Character Database: each refused code point has General_Category Cf
    for first, last in REFUSED_RANGES:
        for code in range(first, last + 1):
            assert unicodedata.category(chr(code)) == "Cf", hex(code)


@pytest.mark.parametrize(("code", "text"), [
    (0x200B, "Leerzeichen ohne Breite"),
    (0x202A, "Schreibrichtungszeichen"), (0x202B, "Schreibrichtungszeichen"), (0x202C, "Schreibrichtungszeichen"),
    (0x202D, "Schreibrichtungszeichen"), (0x202E, "Schreibrichtungszeichen"),
    (0x2066, "Schreibrichtungszeichen"), (0x2067, "Schreibrichtungszeichen"), (0x2068, "Schreibrichtungszeichen"),
    (0x2069, "Schreibrichtungszeichen"), (0x200F, "Schreibrichtungszeichen"),
    (0xFEFF, "Byte-Reihenfolge-Markierung mitten im Text"), (0xE0041, "Formatzeichen"),
])  # fmt: skip
def test_refused_in_a_value_with_line_and_column(code: int, text: str) -> None:
    raw = f"name: Amina\nphoto_credit: 'Foto: Chen{chr(code)} Wei'\n"
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(raw.encode())
    assert caught.value.line == 2
    assert f"U+{code:04X}" in caught.value.message and text in caught.value.message
    assert "in Spalte 26" in caught.value.message


def test_refused_when_written_as_an_escape() -> None:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(b'name: x\nphoto_credit: "Foto: \\u202eChen Wei"\n')
    assert caught.value.line == 2 and "U+202E (RIGHT-TO-LEFT OVERRIDE)" in caught.value.message


@pytest.mark.parametrize("text", [
    "می\u200cخواهم",  # Persian with ZWNJ (U+200C), needed for correct joining
    "क्\u200dष",  # Devanagari with ZWJ (U+200D)
    "👩\u200d👩\u200d👧",  # emoji ZWJ sequence
    "Integrations\u00adbüro",  # soft hyphen: a hyphenation hint
])  # fmt: skip
def test_joiners_and_soft_hyphen_stay(text: str) -> None:
    assert find_hidden(text) is None
    assert parse_yaml(f"name: '{text}'\n".encode()).data == {"name": text}


def test_byte_order_mark_at_the_start_is_no_text() -> None:
    assert parse_yaml("\ufeffname: x\n".encode()).data == {"name": "x"}
    assert HIDDEN.search("x\ufeffy")


def test_check_names_file_and_line_of_a_pasted_override(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    portrait = sorted((project / "portraits" / "2027").glob("*.yaml"))[0]
    lines = portrait.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("photo_credit:"))
    lines[index] = 'photo_credit: "Foto: \u202eChen Wei"'
    portrait.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["check", "--root", str(project), "--year", "2027"]) == 1
    err = capsys.readouterr().err
    assert (f"portraits/2027/{portrait.name}:{index + 1}: Fehler: Unsichtbares Schreibrichtungszeichen U+202E "
            f"(RIGHT-TO-LEFT OVERRIDE) in Spalte 22") in err
