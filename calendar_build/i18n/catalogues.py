"""The program's reader-visible strings in each language: gettext catalogues, one per language.

    calendar_build/i18n/locale/<lang>/LC_MESSAGES/calendar.po   written by translators (msgid: the German text)
    calendar_build/i18n/locale/<lang>/LC_MESSAGES/calendar.mo   compiled by `make install` (pybabel compile)

`make messages` extracts the strings from the Python modules and the templates (babel.cfg) and
updates every .po file. German needs no catalogue: its msgids are the German text. A .po newer
than its .mo (edited since the last `make install`) is read directly, so a build never prints stale text.
Editor messages stay German and are not in the catalogues.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from calendar_build.i18n.languages import GERMAN

DOMAIN = "calendar"
LOCALE_DIR = Path(__file__).parent / "locale"


def po_path(code: str) -> Path:
    """Return the catalogue a translator edits."""
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def translations(code: str) -> NullTranslations:
    """Return the gettext translations of a language (German: the text itself)."""
    if code == GERMAN:
        return NullTranslations()
    po = po_path(code)
    mo = po.with_suffix(".mo")
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return Translations(handle, domain=DOMAIN)
    if not po.is_file():
        raise FileNotFoundError(f"Katalog fehlt: {po.relative_to(LOCALE_DIR.parent)}")
    import io  # noqa: PLC0415

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=code, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def untranslated(code: str) -> list[tuple[int | None, str]]:
    """Return (line, msgid) of every message the language's catalogue leaves empty or fuzzy."""
    if code == GERMAN:
        return []
    with po_path(code).open("rb") as handle:
        catalog = read_po(handle, locale=code, domain=DOMAIN)
    return [(m.lineno, str(m.id)) for m in catalog if m.id and (not m.string or m.fuzzy)]
