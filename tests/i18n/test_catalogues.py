"""The gettext catalogues: every reader-visible message of program and templates translated in every language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from calendar_build.i18n.catalogues import po_path, translations, untranslated
from calendar_build.i18n.languages import LANGUAGES
from tests.conftest import REPO

OTHERS = [code for code in LANGUAGES if code != "de"]
METHODS = [("calendar_build/**.py", "python"), ("templates/**.j2", "jinja2")]
OPTIONS = {"templates/**.j2": {"extensions": "jinja2.ext.i18n"}}
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")


def extracted() -> set[str]:
    """Return every message marked in the sources, as `make messages` finds them (babel.cfg)."""
    found = extract_from_dir(REPO, METHODS, OPTIONS,
                             keywords={"_": None, "gettext": None, "N_": None, "ngettext": (1, 2)})
    return {str(message) for _file, _line, message, _comments, _context in found
            if not str(_file).startswith((".venv", "tests"))}


@pytest.fixture(scope="module")
def messages() -> set[str]:
    """Return the messages of the sources."""
    return extracted()


@pytest.mark.parametrize("code", OTHERS)
def test_catalogue_holds_every_message_translated(code: str, messages: set[str]) -> None:
    with po_path(code).open("rb") as handle:
        ids = {str(m.id) for m in read_po(handle) if m.id}
    assert messages - ids == set(), "run `make messages` and translate the new messages"
    assert untranslated(code) == []


@pytest.mark.parametrize("code", OTHERS)
def test_translations_keep_their_placeholders(code: str) -> None:
    with po_path(code).open("rb") as handle:
        for message in read_po(handle):
            if message.id and message.pluralizable:
                # A form may spell out the one number it stands for (Arabic 'تداخل واحد'); no form adds a
                # placeholder, and the last form (the most numbers) keeps them all.
                wanted = sorted(PLACEHOLDER.findall(str(message.id[1])))
                forms = [sorted(PLACEHOLDER.findall(form)) for form in message.string or ()]
                assert all(set(form) <= set(wanted) for form in forms) and forms[-1] == wanted, message.id
            elif message.id:
                assert sorted(PLACEHOLDER.findall(str(message.string))) == sorted(PLACEHOLDER.findall(str(message.id))), message.id


def test_german_is_the_text_itself() -> None:
    assert translations("de").gettext("Zeichenerklärung") == "Zeichenerklärung"


@pytest.mark.parametrize(("code", "expected"), [("en", "Key to symbols"), ("uk", "Умовні позначення"), ("fa", "راهنمای نشانه‌ها")])
def test_a_message_in_each_language(code: str, expected: str) -> None:
    assert translations(code).gettext("Zeichenerklärung") == expected


def test_a_po_file_newer_than_its_mo_is_read_directly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from calendar_build.i18n import catalogues

    folder = tmp_path / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "calendar.po").write_text('msgid "Impressum"\nmsgstr "Imprint (fresh)"\n', encoding="utf-8")
    monkeypatch.setattr(catalogues, "LOCALE_DIR", tmp_path)
    catalogues.translations.cache_clear()
    try:
        assert catalogues.translations("en").gettext("Impressum") == "Imprint (fresh)"
    finally:
        catalogues.translations.cache_clear()


# A Latin date written as an example ("2027-04-12") inside right-to-left text is shown with its parts in reverse
# order ("12-04-2027") by the Unicode bidi algorithm unless it is isolated (LRI … PDI, invisible).
LATIN_DATE = re.compile(r"(?:%\(year\)s|\d{2})[-.]\d{2}[-.](?:%\(year\)s|\d{2})")


@pytest.mark.parametrize("code", [code for code in OTHERS if LANGUAGES[code].direction == "rtl"])
def test_right_to_left_catalogues_isolate_latin_example_dates(code: str) -> None:
    checked = 0
    with po_path(code).open("rb") as handle:
        for message in read_po(handle):
            if not message.id:
                continue  # the catalogue's header
            for text in ([message.string] if isinstance(message.string, str) else message.string or ()):
                for found in LATIN_DATE.finditer(text):
                    checked += 1
                    before, after = text[:found.start()], text[found.end():]
                    assert before.endswith("\u2066") and after.startswith("\u2069"), (message.id, text)
    assert checked >= 2  # the planning form's examples are among them
