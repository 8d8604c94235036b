"""The languages an edition can be printed in, one row each: code, German name, writing direction, digits.

Writing direction comes from CLDR (Babel's `Locale.text_direction`). Digits are our decision, not
CLDR's default, and documented in README ("Sprachen"):

- Arabic (`ar`): Western digits 0–9. Arabic print in Germany and the Maghreb uses them, the ISO
  week numbers and the years of the grid stay as in the German edition, and they are what readers
  see on forms and timetables here.
- Persian (`fa`): Extended Arabic-Indic digits ۰–۹ (CLDR's `arabext`, the default for Persian),
  the digits Persian and Dari readers expect in running text and calendars.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from babel import Locale

GERMAN = "de"


@dataclass(frozen=True)
class Language:
    """A language a calendar can be printed in."""

    code: str  # BCP 47 / CLDR code, as in edition.yaml, on the command line and in file names
    name: str  # German name, for editors' messages
    numbering: Literal["latn", "arabext"]  # digits of dates, days and years (see the module docstring)

    @property
    def locale(self) -> Locale:
        """Return the CLDR locale."""
        return Locale.parse(self.code)

    @property
    def direction(self) -> Literal["ltr", "rtl"]:
        """Return the writing direction (CLDR)."""
        return "rtl" if self.locale.text_direction == "rtl" else "ltr"

    @property
    def list_separator(self) -> str:
        """Return what separates the items of a list (CLDR list pattern): ', ', Persian '،‏ ', Arabic ' و'."""
        pattern = self.locale.list_patterns["standard"]["middle"]
        return str(pattern).replace("{0}", "").replace("{1}", "")

    @property
    def file_suffix(self) -> str:
        """Return what output file names carry: nothing for German, '-tr' for Turkish."""
        return "" if self.code == GERMAN else f"-{self.code}"


LANGUAGES: dict[str, Language] = {lang.code: lang for lang in (
    Language("de", "Deutsch", "latn"),
    Language("en", "Englisch", "latn"),
    Language("tr", "Türkisch", "latn"),
    Language("ar", "Arabisch", "latn"),
    Language("uk", "Ukrainisch", "latn"),
    Language("fa", "Persisch", "arabext"),
)}
LANGUAGE_CODES = tuple(LANGUAGES)


# The digit zero of each numbering system (CLDR numberingSystems.xml; the ten digits are consecutive in
# Unicode). Babel formats dates with Western digits only, so the page model substitutes them.
ZERO = {"latn": 0x30, "arabext": 0x06F0}


@lru_cache(maxsize=None)
def _digit_table(code: str) -> dict[int, int]:
    zero = ZERO[LANGUAGES[code].numbering]
    return {0x30 + d: zero + d for d in range(10)}


def digits(text: object, code: str) -> str:
    """Return `text` with its Western digits written in the language's digits (see the module docstring)."""
    return str(text).translate(_digit_table(code))
