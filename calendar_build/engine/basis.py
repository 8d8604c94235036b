"""What a date rests on, in German: one label per basis key the rules give (`Hit.basis`).

The keys are stable (JSON `basis_id`, snapshots); the labels are what editors, readers and
communities see (JSON/CSV `basis`, ICS description, review sheets, screen PDF).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from calendar_build.engine.occurrences import Alternative, Occurrence
from calendar_build.pages.dates import long_date

LABELS: dict[str, str] = {
    "gregorian": "fester Tag im gregorianischen Kalender",
    "easter": "westliche Osterrechnung (gregorianischer Kalender)",
    "orthodox-easter": "orthodoxe Osterrechnung nach dem julianischen Kalender (gilt für alle orthodoxen Kirchen)",
    "weekday": "Wochentagsregel im gregorianischen Kalender",
    "weekday-julian": "Wochentagsregel im julianischen Kalender",
    "julian": "julianischer Kalender",
    "orthodox-julian": "orthodox, julianischer Kalender (u. a. russische, serbische, georgische Kirche)",
    "orthodox-revised-julian": "orthodox, neujulianischer Kalender (u. a. griechische, rumänische, bulgarische "
                               "Kirche, seit 2023 die Orthodoxe Kirche der Ukraine)",
    "hebrew": "jüdischer Kalender, Diaspora",
    "umm-al-qura": "Umm-al-Qura-Tabelle (Saudi-Arabien)",
    "diyanet": "Diyanet (Istanbul 2016), wie die DITIB-Gemeinden",
    "arithmetic": "tabellarischer islamischer Kalender",
    "chinese": "chinesischer Mondkalender (Tabelle nach dem Hongkong-Observatorium)",
    "persian": "iranischer Sonnenkalender (Tagundnachtgleiche vor Mittag in Teheran)",
    "bahai-astronomical": "Bahá'í-Weltzentrum, astronomisch ab 2015 (Teheran)",
    "bahai-western": "westlicher Bahá'í-Kalender vor 2015 (feste gregorianische Daten)",
    "vesak-table": "Vesakh wie in Thailand, Vietnam, Malaysia und Singapur (Tabelle)",
    "vesak-computed": "Vesakh berechnet: erster Vollmond im Mai (Zeit von Peking)",
    "buddha_purnima-table": "Buddha Purnima, indische Tabelle (nach Drik Panchang)",
    "buddha_purnima-computed": "Buddha Purnima berechnet: Vollmond des Monats Vaishakha (Neu-Delhi)",
    "vaisakhi-table": "Mesha Sankranti, indische Tabelle (nach Drik Panchang)",
    "vaisakhi-computed": "Mesha Sankranti berechnet (Neu-Delhi, Lahiri-Ayanamsa)",
    "nanakshahi": "Nanakshahi-Kalender von 2003 (1. Vaisakh = 14. April)",
    "dates": "im Katalog festgelegtes Datum",
    "custom": "üblicher Termin laut Katalog – die Gemeinden geben den Termin jedes Jahr bekannt",
    "override": "von der Gemeinde bekanntgegeben",
    "month-start": "folgt dem bekanntgegebenen Monatsbeginn",
}
INDIC_TABLE = "indische Tabelle (nach Drik Panchang)"
INDIC_COMPUTED = "astronomisch berechnet (Neu-Delhi, Lahiri-Ayanamsa)"


def label(basis: str, note: str = "") -> str:
    """Return the German label of a basis key (an announcement with its note)."""
    if basis == "override" and note:
        return f"{LABELS['override']} ({note})"
    if basis in LABELS:
        return LABELS[basis]
    if basis.endswith("-table"):
        return INDIC_TABLE
    if basis.endswith("-computed"):
        return INDIC_COMPUTED
    return ""


def differing(occurrence_start: dt.date, alternatives: Sequence[Alternative]) -> list[Alternative]:
    """Return the alternatives whose date differs from the occurrence's."""
    return [a for a in alternatives if a.start != occurrence_start]


def alternative_text(alternative: Alternative) -> str:
    """Return '1. Mai 2026 (Buddha Purnima, indische Tabelle …)'."""
    return f"{long_date(alternative.start)} ({label(alternative.basis)})"


def explained(occurrences: Sequence[Occurrence]) -> str:
    """Return 'Datum: <basis>. Andere Überlieferung: <date> (<basis>).' for a holiday's dates of the year."""
    bases = dict.fromkeys(label(o.basis, o.note) for o in occurrences)
    others = dict.fromkeys(alternative_text(a) for o in occurrences for a in differing(o.start, o.alternatives))
    text = f"Datum: {'; '.join(b for b in bases if b)}."
    return text + (f" Andere Überlieferung: {'; '.join(others)}." if others else "")
