"""What a date rests on: one label per basis key the rules give (`Hit.basis`), German and in the catalogues.

The keys are stable (JSON `basis_id`, snapshots); the labels are what editors, readers and
communities see (JSON/CSV `basis`, ICS description, review sheets, screen PDF). The labels are
msgids of the gettext catalogues (i18n/catalogues.py): the screen PDF and the ICS files of another
language print them translated; JSON and CSV keep the German label beside the key. A community's
note on an announced date is the editors' German text and stays as written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from calendar_build.engine.occurrences import Alternative, Occurrence
from calendar_build.i18n.catalogues import translations
from calendar_build.i18n.dates import Dates
from calendar_build.i18n.languages import GERMAN
from calendar_build.i18n.marker import N_

LABELS: dict[str, str] = {
    "gregorian": N_("fester Tag im gregorianischen Kalender"),
    "easter": N_("westliche Osterrechnung (gregorianischer Kalender)"),
    "orthodox-easter": N_("orthodoxe Osterrechnung nach dem julianischen Kalender (gilt für alle orthodoxen Kirchen)"),
    "weekday": N_("Wochentagsregel im gregorianischen Kalender"),
    "weekday-julian": N_("Wochentagsregel im julianischen Kalender"),
    "julian": N_("julianischer Kalender"),
    "orthodox-julian": N_("orthodox, julianischer Kalender (u. a. russische, serbische, georgische Kirche)"),
    "orthodox-revised-julian": N_("orthodox, neujulianischer Kalender (u. a. griechische, rumänische, bulgarische "
                                  "Kirche, seit 2023 die Orthodoxe Kirche der Ukraine)"),
    "hebrew": N_("jüdischer Kalender, Diaspora"),
    "umm-al-qura": N_("Umm-al-Qura-Tabelle (Saudi-Arabien)"),
    "diyanet": N_("Diyanet (Istanbul 2016), wie die DITIB-Gemeinden"),
    "arithmetic": N_("tabellarischer islamischer Kalender"),
    "chinese": N_("chinesischer Mondkalender (Tabelle nach dem Hongkong-Observatorium)"),
    "persian": N_("iranischer Sonnenkalender (Tagundnachtgleiche vor Mittag in Teheran)"),
    "bahai-astronomical": N_("Bahá'í-Weltzentrum, astronomisch ab 2015 (Teheran)"),
    "bahai-western": N_("westlicher Bahá'í-Kalender vor 2015 (feste gregorianische Daten)"),
    "vesak-table": N_("Vesakh wie in Thailand, Vietnam, Malaysia und Singapur (Tabelle)"),
    "vesak-computed": N_("Vesakh berechnet: erster Vollmond im Mai (Zeit von Peking)"),
    "buddha_purnima-table": N_("Buddha Purnima, indische Tabelle (nach Drik Panchang)"),
    "buddha_purnima-computed": N_("Buddha Purnima berechnet: Vollmond des Monats Vaishakha (Neu-Delhi)"),
    "vaisakhi-table": N_("Mesha Sankranti, indische Tabelle (nach Drik Panchang)"),
    "vaisakhi-computed": N_("Mesha Sankranti berechnet (Neu-Delhi, Lahiri-Ayanamsa)"),
    "nanakshahi": N_("Nanakshahi-Kalender von 2003 (1. Vaisakh = 14. April)"),
    "dates": N_("im Katalog festgelegtes Datum"),
    "custom": N_("üblicher Termin laut Katalog – die Gemeinden geben den Termin jedes Jahr bekannt"),
    "override": N_("von der Gemeinde bekanntgegeben"),
    "month-start": N_("folgt dem bekanntgegebenen Monatsbeginn"),
}
INDIC_TABLE = N_("indische Tabelle (nach Drik Panchang)")
INDIC_COMPUTED = N_("astronomisch berechnet (Neu-Delhi, Lahiri-Ayanamsa)")


DATE = N_("Datum: {bases}.")
OTHER_TRADITION = N_("Andere Überlieferung: {others}.")


def label(basis: str, note: str = "", language: str = GERMAN) -> str:
    """Return the label of a basis key in `language` (an announcement with its note, as the editors wrote it)."""
    _ = translations(language).gettext
    if basis == "override" and note:
        return f"{_(LABELS['override'])} ({note})"
    if basis in LABELS:
        return _(LABELS[basis])
    if basis.endswith("-table"):
        return _(INDIC_TABLE)
    if basis.endswith("-computed"):
        return _(INDIC_COMPUTED)
    return ""


def differing(occurrence_start: dt.date, alternatives: Sequence[Alternative]) -> list[Alternative]:
    """Return the alternatives whose date differs from the occurrence's."""
    return [a for a in alternatives if a.start != occurrence_start]


def alternative_text(alternative: Alternative, language: str = GERMAN) -> str:
    """Return '1. Mai 2026 (Buddha Purnima, indische Tabelle …)' in `language`."""
    return f"{Dates(language).long_date(alternative.start)} ({label(alternative.basis, language=language)})"


def explained(occurrences: Sequence[Occurrence], language: str = GERMAN) -> str:
    """Return 'Datum: <basis>. Andere Überlieferung: <date> (<basis>).' for a holiday's dates of the year."""
    _ = translations(language).gettext
    bases = dict.fromkeys(label(o.basis, o.note, language) for o in occurrences)
    others = dict.fromkeys(alternative_text(a, language) for o in occurrences
                           for a in differing(o.start, o.alternatives))
    text = _(DATE).format(bases="; ".join(b for b in bases if b))
    return text + (" " + _(OTHER_TRADITION).format(others="; ".join(others)) if others else "")
