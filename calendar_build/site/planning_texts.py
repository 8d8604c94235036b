"""The planning check's words, once: German for `calendar-build clashes`, translated for the site's form.

    RELATIONS, FACTS, PROBLEMS, FORM   German msgids (N_), `%(name)s` placeholders
      -> clashes.py, planned.py        the German report and messages of the command
      -> form_texts(language)          the same texts from the catalogue, for planen.js (a JSON block
                                       on planen.html), with the language's digits, list separator and
                                       plural forms (CLDR)

planen.js fills the placeholders itself: numbers in the digits given here, text on a right-to-left
page as an isolate (U+2068 … U+2069), so that a Latin title or '2027-04-12' keeps its own order among
Persian or Arabic words. The examples of date formats (EXAMPLES) are what the form and the command read,
placeholders of their own and never translated.
"""

from __future__ import annotations

import functools
import sys
import unicodedata

from calendar_build.i18n.catalogues import translations
from calendar_build.i18n.languages import GERMAN, LANGUAGES, digits
from calendar_build.i18n.marker import N_

# How a planned day meets a feast (the keys of clashes.relation)
RELATIONS = {"fest": N_("am Fest"), "vorabend": N_("am Vorabend"),
             "moeglich": N_("möglich, falls sich das Datum verschiebt")}
# What else the report says of the feast
FACTS = {"eve": N_("beginnt am Vorabend"), "approximate": N_("Datum kann sich um einen Tag verschieben"),
         "fixed": N_("Datum steht fest"), "public": N_("gesetzlicher Feiertag")}
# What is wrong with a planned date (planned.py reads the files the same way)
PROBLEMS = {
    "too_long": N_("Der Termin '%(title)s' dauert länger als ein Jahr – bitte prüfen."),
    "no_calendar": N_("Keine iCalendar-Datei (BEGIN:VCALENDAR fehlt) – bitte eine ICS- oder CSV-Datei angeben."),
    "no_start": N_("Der Termin '%(title)s' hat kein DTSTART – er wird nicht geprüft."),
    "bad_start": N_("DTSTART '%(value)s' ist kein Datum – erwartet z. B. %(ics_day)s oder %(ics_time)s."),
    "bad_end": N_("DTEND '%(value)s' ist kein Datum."),
    "repeats": N_("Der Termin '%(title)s' wiederholt sich (RRULE) – geprüft wird nur der erste Termin."),
    "empty_csv": N_("Die CSV-Datei ist leer."),
    "no_date_column": N_("Keine Datumsspalte gefunden – erwartet eine Spalte 'datum' (oder date, start) oder "
                         "das Datum in der ersten Spalte."),
    "not_a_date": N_("'%(text)s' ist kein Datum – erwartet %(iso)s oder %(dotted)s."),
}
EXAMPLES = {"iso": "2027-04-12", "dotted": "12.04.2027", "ics_day": "20270412", "ics_time": "20270412T190000"}
# The form's own words: a line of the problem list, the summary, a date without a title
FORM = {
    "untitled": N_("(ohne Titel)"),
    "typed": N_("Eingabe"),  # the source of typed dates, as a file name stands for a file's
    "error": N_("%(source)s:%(line)s: Fehler: %(text)s"),
    "warning": N_("%(source)s:%(line)s: Warnung: %(text)s"),
    "summary": N_("Planungsprüfung %(source)s gegen den Kalender %(year)s: %(hit)s von %(days)s geplanten Tagen "
                  "treffen auf Feste (%(clashes)s)."),
}
PLURAL_SAMPLES = range(200)  # integers that reach every CLDR plural category of our languages


def _clashes(count: int, language: str) -> str:
    """Return the catalogue's '%(count)s Überschneidung(en)' for a number."""
    return translations(language).ngettext("%(count)s Überschneidung", "%(count)s Überschneidungen", count)


def clash_count(count: int, language: str = GERMAN) -> str:
    """Return '1 Überschneidung', '3 Überschneidungen' (the number in Western digits)."""
    return _clashes(count, language) % {"count": count}


def _plural_forms(language: str) -> dict[str, str]:
    """Return the clash count's text for each CLDR plural category (as Intl.PluralRules names them)."""
    rule = LANGUAGES[language].locale.plural_form
    forms: dict[str, str] = {}
    for n in PLURAL_SAMPLES:
        forms.setdefault(rule(n), _clashes(n, language))
    return forms


def list_separator(language: str) -> str:
    """Return what separates the items of a list (CLDR): ', ', Persian '،‏ ', Arabic ' و'."""
    return LANGUAGES[language].list_separator


@functools.cache
def digit_zeros() -> tuple[int, ...]:
    """Return the code point of the zero of every set of decimal digits beyond ASCII (Unicode category Nd).

    `clashes` reads a date typed in any decimal digits (Python's \\d and int() know them all: Arabic-Indic
    ٢١, Persian ۲۱, Devanagari २१ …); planen.js reads them alike from this table. Each set is ten code
    points from its zero (The Unicode Standard, 4.6 Numeric Value).
    """
    return tuple(code for code in range(0x80, sys.maxunicode + 1)
                 if unicodedata.category(chr(code)) == "Nd" and unicodedata.decimal(chr(code)) == 0)


def form_texts(language: str) -> dict[str, object]:
    """Return everything planen.js writes for a reader, in the language (planen.html's JSON block)."""
    gettext = translations(language).gettext
    texts = {key: gettext(msgid) for table in (RELATIONS, FACTS, PROBLEMS, FORM) for key, msgid in table.items()}
    return {"lang": language, "digits": digits("0123456789", language), "separator": list_separator(language),
            "zeros": digit_zeros(), "texts": texts, "examples": EXAMPLES, "clashes": _plural_forms(language)}
