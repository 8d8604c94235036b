"""Warnings about an edition that still reads like another one: year, document date, sample wording,
and a consent dated after today (a typo such as 2072, or entered before it was given).

    content + year + portraits  ->  check_edition  ->  warnings with content/edition.yaml's lines
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from calendar_build import clock
from calendar_build.edition_file import TEXT_KEYS, sample_wording
from calendar_build.errors import Problems
from calendar_build.pages.dates import long_date

if TYPE_CHECKING:
    from calendar_build.content.loader import Content
    from calendar_build.portraits.loader import Portrait

EDITION = "content/edition.yaml"


def check_edition(content: Content, year: int, portraits: tuple[Portrait, ...], problems: Problems) -> None:
    """Warn where content/edition.yaml or the portraits do not belong to the edition of `year`."""
    if not content.edition_lines and not any(p.path == EDITION for p in problems.items):  # unread: said already
        problems.warning(EDITION, None, "Die Datei fehlt oder enthält keine Einstellung – gedruckt würde die "
                         "Voreinstellung: Titel „Interkultureller Kalender“ ohne Motto, Herausgeber, Kreis und "
                         "Impressum. Wurde sie umbenannt (z. B. in edition.yaml.txt)? Bitte wieder als "
                         "content/edition.yaml ablegen.")
    _check_year(content, year, problems)
    _check_sample_wording(content, portraits, problems)
    today = clock.today()
    _check_consents(portraits, today, problems)
    _check_document_date(content, year, tuple(p for p in portraits if p.spec.consent and p.spec.consent <= today),
                         problems, today)


def _check_consents(portraits: tuple[Portrait, ...], today: dt.date, problems: Problems) -> None:
    for portrait in portraits:
        consent = portrait.spec.consent
        if consent is not None and consent > today:
            problems.warning(portrait.where.path, portrait.line("consent"),
                             f"Die Einwilligung für '{portrait.spec.name}' ist auf den {long_date(consent)} datiert, "
                             f"nach heute ({long_date(today)}) – Tippfehler? Bitte das Datum eintragen, an dem die "
                             f"schriftliche Einwilligung gegeben wurde.")


def _check_year(content: Content, year: int, problems: Problems) -> None:
    named = content.edition.year
    if named is not None and named != year:
        problems.warning(EDITION, content.edition_line("year"),
                         f"Hier steht 'year: {named}', gebaut wird aber {year} – Befehle ohne --year bauen {named}. "
                         f"Für die Ausgabe {year} bitte 'year: {year}' eintragen.")


def _check_sample_wording(content: Content, portraits: tuple[Portrait, ...], problems: Problems) -> None:
    if not portraits or all(p.spec.sample for p in portraits):
        return  # the sample edition itself may say so
    edition = content.edition
    for key in TEXT_KEYS:
        word = sample_wording(str(getattr(edition, key) or ""))
        if word:
            problems.warning(EDITION, content.edition_line(key),
                             f"'{key}' enthält noch den Musterwortlaut '{word}' – das würde in dieser echten Ausgabe "
                             f"gedruckt. Bitte den Text ersetzen.")
    for portrait in portraits:
        if portrait.spec.sample:
            problems.warning(portrait.where.path, portrait.line("sample"),
                             f"'{portrait.spec.name}' ist als Musterporträt markiert (sample: true) – im Kalender "
                             f"stünde „Musterporträt · fiktive Person“. Für echte Porträts 'sample: false' eintragen.")


def _check_document_date(content: Content, year: int, portraits: tuple[Portrait, ...], problems: Problems,
                         today: dt.date) -> None:
    stand = content.edition.document_date
    if stand is None:
        return
    line = content.edition_line("document_date")
    consents = [(p.spec.consent, p) for p in portraits if p.spec.consent is not None]
    newest = max(consents, key=lambda c: c[0], default=None)
    if newest is not None and newest[0] > stand:
        consent, portrait = newest
        problems.warning(EDITION, line,
                         f"Der Stand ({long_date(stand)}) liegt vor der Einwilligung vom {long_date(consent)} "
                         f"({portrait.where.path}) – der Inhalt ist neuer als das gedruckte Datum. Bitte "
                         f"'document_date' auf den Tag der Druckfreigabe setzen.")
    elif stand.year < year - 1 and stand < today:  # new-edition dates it today, also 13 months ahead
        problems.warning(EDITION, line,
                         f"Der Stand ({long_date(stand)}) ist älter als die Ausgabe {year} – steht dort noch das "
                         f"Datum einer früheren Ausgabe? Bitte 'document_date' auf den Tag der Druckfreigabe setzen.")
