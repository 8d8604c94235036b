"""The theme's font stack prints every script whose Noto fonts `make` installs; what it cannot is named once."""

from __future__ import annotations

from pathlib import Path

import pytest

from calendar_build.errors import ContentError
from calendar_build.render import fonts
from calendar_build.stages.options import BuildOptions
from calendar_build.stages.validate import validate
from calendar_build.products import PRODUCTS
from calendar_build.render.theme import read_layers, read_theme
from tests.conftest import REPO

# Fictional sample names (no real persons), one per script the Makefile's Noto packages cover.
NAMES = {
    "Latin": "Marta Kowalczyk", "Greek": "Γιώργος Αντωνίου", "Cyrillic": "Илья Каплан",
    "Arabic": "جيهان خلف", "Persian": "شیرین رحیمی", "Hebrew": "אילנה כהן", "Devanagari": "प्रिया रमन",
    "Gurmukhi": "ਹਰਪ੍ਰੀਤ ਕੌਰ", "Bengali": "রহিম উদ্দিন", "Tamil": "பிரியா ராமன்", "Thai": "สมชาย ใจดี",
    "Ethiopic": "ሰላም ተስፋማርያም", "Georgian": "ნინო ბერიძე", "Armenian": "Անի Պետրոսյան",
    "Tibetan": "བསྟན་འཛིན་ཆོས་སྒྲོན།", "Chinese": "陈伟", "Korean": "김민지",
}  # fmt: skip


@pytest.fixture(scope="module")
def stack() -> dict[str, object]:
    """Return family -> font file of the sample theme's text stack."""
    layers = read_layers((REPO / "templates" / "theme.css").read_text(encoding="utf-8"))
    theme = read_theme(layers, PRODUCTS["print-a3"])
    return fonts.stack_files(theme.font_stack)


@pytest.mark.parametrize("script", sorted(NAMES))
def test_every_installed_script_prints(stack: dict, script: str) -> None:
    name = NAMES[script]
    assert fonts.missing_glyphs([fonts.Located(name, "p.yaml", 2)], stack) == [], script


def test_display_stack_has_the_same_scripts() -> None:
    css = (REPO / "templates" / "theme.css").read_text(encoding="utf-8")
    text = css.split("--font-text:")[1].split(";")[0].split("/*")[0]
    display = css.split("--font-display:")[1].split(";")[0]
    families = [f.strip() for f in text.split(",") if "Symbols" not in f]
    assert families == [f.strip() for f in display.split(",")]


def test_unprintable_script_is_one_message_per_name(stack: dict) -> None:
    # Sinhala is not in the stack: one message for the name, not one per character
    sinhala = fonts.Located("නිමල් පෙරේරා", "portraits/2028/05.yaml", 6)
    found = fonts.missing_by_script([sinhala, fonts.Located("Amina ☃", "p.yaml", 3)], stack)
    assert [(located.line, script, len(chars)) for located, script, chars in found][0][:2] == (6, "singhalesische Schrift")
    message = fonts.unprintable_message(sinhala.text, found[0][1], found[0][2])
    assert message.startswith(f"'නිමල් පෙරේරා' enthält {len(found[0][2])} Zeichen (singhalesische Schrift: ")
    assert len(found) <= 2


@pytest.mark.parametrize(("old", "new", "family", "name"), [
    ('--font-text: "Noto Sans", ', '--font-text: "Noto Sanz", ', "Noto Sanz", "--font-text"),
    ('--font-display: "Noto Sans", ', '--font-display: "Roboto", ', "Roboto", "--font-display"),  # was not checked
    ('"CJK Subset";   /* (*) */', '"CJK Subset", "Noto Sans Klingon";', "Noto Sans Klingon", "--font-text"),
])
def test_a_font_that_is_not_installed_names_its_line(project: Path, old: str, new: str, family: str,
                                                     name: str) -> None:
    """The display stack too: a missing first family had set the titles in whatever font came next."""
    theme = project / "templates" / "theme.css"
    css = theme.read_text(encoding="utf-8")
    assert old in css
    css = css.replace(old, new, 1)
    theme.write_text(css, encoding="utf-8")
    line = next(number for number, text in enumerate(css.splitlines(), start=1)
                if text.strip().startswith(f"{name}:"))
    with pytest.raises(ContentError) as caught:
        validate(BuildOptions(root=project, year=2027, cache_dir=project / "cache"))
    assert [(p.path, p.line, p.message) for p in caught.value.problems if "installiert" in p.message] == [
        ("templates/theme.css", line, f"Schrift '{family}' in '{name}' ist nicht installiert – 'make install' "
                                      "ausführen oder die Schrift in theme.css ändern.")]


# Families as a theme may name them: installed (several scripts), not installed, generic, with a comma-free
# name fontconfig substitutes, in other case.
FAMILIES = ["Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari", "DejaVu Sans",
            "noto sans tamil", "Source Sans 3", "Helvetica", "sans-serif", "Schrift, die es nicht gibt"]


@pytest.mark.parametrize("family", FAMILIES)
def test_fontconfig_in_this_process_finds_what_fc_match_finds(family: str) -> None:
    """render/fonts.py asks fontconfig's library itself (no fc-match run per family): the same answers."""
    library = fonts.Fontconfig()
    query = f"{family}:style=Regular"
    assert library.match(query) == fonts._fc_match(query)


def test_without_fontconfig_s_library_fc_match_is_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = {family: fonts.resolve_family(family) for family in FAMILIES}
    assert expected["Noto Sans"] is not None and expected["Source Sans 3"] is None
    monkeypatch.setattr(fonts, "FONTCONFIG", "libfontconfig-not-here.so.1")
    fonts._fontconfig.cache_clear()
    fonts.resolve_family.cache_clear()
    try:
        assert fonts._fontconfig() is None
        assert fonts.resolve_all(FAMILIES) == expected
    finally:
        fonts._fontconfig.cache_clear()
        fonts.resolve_family.cache_clear()
